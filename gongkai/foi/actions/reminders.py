"""Daily upkeep: refresh the cached due dates and remind officers of cases due soon or overdue."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import access, deadlines
from ..models import InfoRequest, Notification
from . import common
from .common import notify


def remind(today: date | None = None) -> int:
    """Notify officers of cases due soon or overdue (once per case and day); run daily (cron/tasks)."""
    today = today or common.today()
    refresh_deadlines(today)  # open pauses move with the days; a newly imported holiday notice changes dates
    cutoff = deadlines.soon_cutoff(today)
    count = 0
    due = InfoRequest.objects.filter(
        state__in=InfoRequest.OPEN_STATES, clock_running=True, due_date__lte=cutoff
    ).select_related("unit", "officer")
    for case in due:
        due_date = case.due_date
        assert due_date is not None  # due_date__lte leaves out the cases without one
        overdue = due_date < today
        text = (
            f"申请 {case.serial} {'已超过答复期限' if overdue else '临近答复期限'}（{due_date.isoformat()}）"
        )
        users = [case.officer] if case.officer else access.officers_of(case.unit)
        for user in users:
            with transaction.atomic():
                if notify(user, case, key=f"due-{case.pk}-{today.isoformat()}", text=text):
                    count += 1
    return count


def refresh_deadlines(today: date | None = None) -> int:
    """Recompute open cases whose projection depends on today (open pauses); after a calendar change, all."""
    count = 0
    for case in InfoRequest.objects.filter(state__in=InfoRequest.OPEN_STATES).select_related("unit"):
        with transaction.atomic():
            deadlines.recompute(case, as_of=today)
        count += 1
    return count


def mark_notifications_read(user, *, case=None) -> int:
    """The user's unread notifications (of one case, or all) are read. A user's own inbox, not a fact of any case:
    no audit event."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if case is not None:
        unread = unread.filter(request=case)
    return unread.update(read_at=timezone.now())
