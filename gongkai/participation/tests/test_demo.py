"""The demo shows every state the issue lists, through the services, and a second run adds nothing."""

import io

import pytest

from gongkai.participation import demo, services
from gongkai.participation.models import (
    Consultation,
    Decision,
    Meeting,
    OpenDaySession,
    Opinion,
    SignUp,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo
    from gongkai.publishing import demo as publishing_demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())
    publishing_demo.load(io.StringIO())


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (Consultation, Opinion, Decision, OpenDaySession, SignUp, Meeting)
    }


def test_demo_shows_every_state_and_runs_twice(county):
    out = io.StringIO()
    demo.load(out)
    assert "公众参与：新建" in out.getvalue()
    # catalogue: six decisions across the stages, the mandatory one blocked before 决定
    stages = set(Decision.objects.values_list("stage", flat=True))
    assert {"drafting", "consultation", "hearing", "legality", "published", "evaluated"} <= stages
    blocked = Decision.objects.get(category="public_welfare")
    assert blocked.stage == "legality"
    assert any("须完成公众参与" in p for p in services.stage_problems(blocked, "decided"))
    assert blocked.catalog.published_at and blocked.catalog.adjustments.exists()
    # consultations: open, awaiting feedback, feedback published; 60+ opinions in every state
    statuses = sorted(c.status() for c in Consultation.objects.all())
    assert statuses == ["awaiting_feedback", "feedback_published", "open"]
    assert Opinion.objects.count() >= 60
    assert set(Opinion.objects.values_list("state", flat=True)) == {"pending", "decided", "merged", "hidden"}
    assert set(Opinion.objects.exclude(adoption="").values_list("adoption", flat=True)) == {
        "adopted",
        "partly",
        "rejected",
    }
    done = Consultation.objects.get(feedback_published_at__isnull=False)
    assert [ch.label for ch in services.draft_diff(done).by_op("changed")] == ["第三条", "第五条"]
    # open days: one with a waiting list, one with results
    sessions = list(OpenDaySession.objects.all())
    assert any(s.signups.filter(state="waiting").exists() and s.signup_open for s in sessions)
    assert any(s.result_published_at and s.suggestions.exclude(adoption="").exists() for s in sessions)
    # meetings with public seats
    assert Meeting.objects.count() == 3 and Meeting.objects.filter(published_at__isnull=False).count() == 2
    first = counts()
    again = io.StringIO()
    demo.load(again)
    assert counts() == first
    assert "无新增" in again.getvalue()
