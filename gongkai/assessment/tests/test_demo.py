"""The assessment's demo: the 2026 scheme with the indicators whose sources exist, Q1–Q3 frozen for every assessed
unit, confirmed entries including a veto; a second run changes nothing."""

import io

import pytest

from gongkai.assessment import demo
from gongkai.assessment.models import Entry, Indicator, Scheme, Score
from gongkai.assessment.services import assessed_units
from gongkai.common import figures
from gongkai.orgs import demo as orgs_demo

pytestmark = pytest.mark.django_db


def test_demo_freezes_three_quarters_and_is_idempotent():
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    scheme = Scheme.objects.get(year=2026)
    offered = {s.key for s in figures.available()}
    expected = [i for i in demo.INDICATORS if i[2] != "auto" or i[4] in offered]
    assert scheme.indicators.count() == len(expected) >= 14
    assert (
        not Indicator.objects.filter(source_key__startswith="registers.")
        .exclude(source_key__in=offered)
        .exists()
    )  # a source not installed is simply not offered
    units = assessed_units().count()
    for number in (1, 2, 3):
        period = scheme.periods.get(kind="quarter", number=number)
        assert period.is_closed and Score.objects.filter(period=period, frozen=True).count() == units
    q4 = scheme.periods.get(kind="quarter", number=4)
    assert not q4.is_closed and Score.objects.filter(period=q4, frozen=False).count() == units
    assert Entry.objects.filter(confirmed_at__isnull=True).count() == 0
    vetoed = Score.objects.get(period__number=3, period__kind="quarter", unit__short_name="县司法局")
    assert vetoed.vetoed == ["active"]
    counts = (Indicator.objects.count(), Entry.objects.count(), Score.objects.count())
    demo.load(io.StringIO())
    assert (Indicator.objects.count(), Entry.objects.count(), Score.objects.count()) == counts
