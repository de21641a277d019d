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


def test_late_tickets_hand_counted(world):
    """Tickets of the portal whose deadline fell in Q1: open (late), closed after the deadline (late), closed in
    time (not late); one due in April and one of an external site do not count."""
    from datetime import datetime

    from django.utils import timezone

    from gongkai.sitecheck.models import ExternalSite, InspectionRun, Ticket

    run = InspectionRun.objects.create(base_url="https://portal.internal/")
    aware = lambda d: timezone.make_aware(datetime.combine(d, datetime.min.time()))  # noqa: E731

    def ticket(unit, deadline, closed=None, site=None):
        return Ticket.objects.create(
            key=f"k{Ticket.objects.count() + 1}",
            kind="broken_link",
            url="/x/",
            message="链接打不开",
            unit=unit,
            deadline=deadline,
            opened_run=run,
            last_seen_run=run,
            site=site,
            state="closed" if closed else "open",
            closed_at=aware(closed) if closed else None,
        )

    ticket(world.town, date(2026, 3, 10))  # open past its deadline
    ticket(world.town, date(2026, 2, 10), closed=date(2026, 2, 20))  # closed late
    ticket(world.town, date(2026, 2, 10), closed=date(2026, 2, 5))  # closed in time
    ticket(world.town, date(2026, 4, 10))  # due after the period
    site = ExternalSite.objects.create(name="外部站", url="https://ext.example/")
    ticket(world.town, date(2026, 3, 1), site=site)  # an external site's ticket
    ticket(world.dept, date(2026, 1, 20))
    assert figures.compute("sitecheck.late_tickets", unit=world.town, **Q1).value == 2
    many = figures.compute_many("sitecheck.late_tickets", units=[world.town, world.dept], **Q1)
    assert {k: f.value for k, f in many.items()} == {world.town.pk: 2, world.dept.pk: 1}
    assert figures.compute("sitecheck.late_tickets", unit=None, **Q1).value == 3
