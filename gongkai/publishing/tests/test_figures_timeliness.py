"""publishing.timeliness (条例第二十六条) against hand-counted publications, per unit and in bulk."""

from datetime import UTC, date, datetime

import pytest

from gongkai.common import figures
from gongkai.orgs.models import Unit

from .fixtures import published

pytestmark = pytest.mark.django_db
Q1 = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}


def _on(w, day, formed, unit):
    return published(
        w,
        f"信息{day}",
        unit=unit,
        formed_date=formed,
        when=datetime(day.year, day.month, day.day, 2, tzinfo=UTC),
    )


def test_timeliness_hand_counted(world):
    _on(world, date(2026, 1, 12), date(2026, 1, 5), world.town)  # 5 working days: on time
    late = _on(world, date(2026, 3, 20), date(2026, 1, 5), world.town)  # > 20 working days: late
    _on(world, date(2026, 4, 2), date(2026, 3, 30), world.town)  # Q2
    _on(world, date(2026, 2, 2), date(2026, 1, 30), world.dept)
    assert late.is_late
    office_unit = Unit.objects.get(kind="office")
    got = figures.compute("publishing.timeliness", unit=world.town, **Q1)
    assert (got.numerator, got.denominator, got.value) == (1, 2, 50.0) and got.note == "超期公开1条"
    many = figures.compute_many("publishing.timeliness", units=[world.town, world.dept, office_unit], **Q1)
    assert [(f.numerator, f.denominator) for f in many.values()] == [(1, 2), (1, 1), (0, 0)]
    assert many[office_unit.pk].value is None


def test_published_bulk_path_equals_the_per_unit_figure(world):
    _on(world, date(2026, 1, 12), date(2026, 1, 5), world.town)
    _on(world, date(2026, 2, 12), date(2026, 2, 5), world.town)
    _on(world, date(2026, 2, 2), date(2026, 1, 30), world.dept)
    _on(world, date(2026, 4, 2), date(2026, 3, 30), world.dept)  # Q2
    many = figures.compute_many("publishing.published", units=[world.town, world.dept], **Q1)
    for unit, count in ((world.town, 2), (world.dept, 1)):
        one = figures.compute("publishing.published", unit=unit, **Q1)
        assert one.value == count and many[unit.pk] == one
