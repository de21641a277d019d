"""The registers' demo: trainings with units below the yearly requirement, hearings, submissions, cases, supervision
with one overdue; a second run changes nothing. (Evaluations and the task link need the policy, participation and
work-plan demos; the full `gongkai demo` run covers them.)"""

import io

import pytest
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.common import figures
from gongkai.orgs import demo as orgs_demo
from gongkai.orgs.models import Unit
from gongkai.registers import demo
from gongkai.registers.models import Case, Hearing, Submission, SupervisionRecord, Training

pytestmark = pytest.mark.django_db


def test_demo_loads_and_is_idempotent(settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    today = timezone.localdate()
    expected = [t for t in demo.TRAININGS if t[2] <= today]
    counts = (
        Training.objects.count(),
        Hearing.objects.count(),
        Submission.objects.count(),
        Case.objects.count(),
    )
    assert counts[0] == len(expected) and counts[0] > 0
    assert counts[1:] == (
        len([h for h in demo.HEARINGS if h[4] <= today]),
        len([s for s in demo.SUBMISSIONS if s[5] <= today]),
        len([c for c in demo.CASES if c[5] <= today]),
    )
    zrzy = Unit.objects.get(short_name="县自然资源局")
    year = {"start": today.replace(month=1, day=1), "end": today}
    held = figures.compute("registers.trainings_held", unit=zrzy, **year)
    assert held.value < held.extra["required"]  # below the requirement
    if today >= SupervisionRecord.objects.order_by("-due_on").first().due_on:
        assert figures.compute("registers.supervision_open", unit=None, **year).extra["overdue"] >= 1
    demo.load(io.StringIO())
    assert (
        Training.objects.count(),
        Hearing.objects.count(),
        Submission.objects.count(),
        Case.objects.count(),
    ) == counts
