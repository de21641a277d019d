"""The demo: 8 cases and 12 commitments in every state the issue lists (kept, due, overdue, verified), the
回应关切 column fed, and a second run adds nothing."""

import io

import pytest
from django.utils import timezone

from gongkai.sentiment import demo, selectors
from gongkai.sentiment.models import Case, CheckRound, Commitment, Response
from gongkai.sentiment.vocab import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db, settings, tmp_path):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo

    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())


def test_demo_every_state_and_runs_twice(county):
    demo.load(io.StringIO())
    today = timezone.localdate()
    assert Case.objects.count() == 8 and Commitment.objects.count() == 12
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)
    assert {c.level for c in Case.objects.all()} == {"general", "larger", "major", "especially_major"}
    assert len({c.source for c in Case.objects.all()}) == 6
    items = Commitment.objects.all()
    assert items.filter(state="kept").count() >= 5
    assert items.filter(state="open", due_on__lt=today).count() >= 2  # overdue
    assert items.filter(state="open", due_on__gte=today).count() >= 4  # due
    assert items.filter(check_result="verified").count() == 3
    assert items.filter(check_result="not_verified").count() == 1
    assert items.filter(state="kept", result_publication__isnull=True).exists()  # kept, not yet public
    assert CheckRound.objects.get().closed_at is not None
    assert Case.objects.filter(on_time=False).exists() and Case.objects.filter(on_time=True).exists()
    assert Case.objects.filter(next_due_at__lt=timezone.now()).exclude(state="closed").exists()  # overdue
    assert Case.objects.filter(next_due_at__gt=timezone.now()).exists()  # time left
    assert selectors.public_responses().count() == Response.objects.filter(kind="release").count() == 3
    demo.load(io.StringIO())
    assert Case.objects.count() == 8 and Commitment.objects.count() == 12 and CheckRound.objects.count() == 1
    assert selectors.public_responses().count() == 3
