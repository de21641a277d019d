"""sitecheck.stale_items for the assessment: items overdue or empty on the period's last day, hand-counted."""

from datetime import date

import pytest

from gongkai.common import figures

from .fixtures import publish_on, rule

pytestmark = pytest.mark.django_db
Q1 = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}


def test_stale_items_hand_counted(world):
    rule("art20-01", kind="yearly", month=1, day=31, statutory=True)  # due every 31 January, 法定
    rule(
        "art20-11", kind="yearly", month=6, day=30, statutory=False
    )  # last due 30 June 2025: overdue, not 法定
    publish_on(world, date(2026, 1, 10), "art20-01", world.town)
    town = figures.compute("sitecheck.stale_items", unit=world.town, **Q1)
    assert town.value == 1 and town.extra == {"overdue": 1, "empty": 0}  # art20-11 only
    many = figures.compute_many("sitecheck.stale_items", units=[world.town, world.dept], **Q1)
    dept = many[world.dept.pk]
    # art20-01 overdue and empty (counted once) + art20-11 overdue
    assert dept.value == 2 and dept.extra == {"overdue": 2, "empty": 1}
    assert many[world.town.pk].value == 1
