"""Reminders (提醒) written by the scheduled job, and the deadlines recomputed after a holiday-table change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.core import sentiment as rules
from gongkai.orgs.models import Unit

from ..models import Case, Commitment, Reminder
from ..vocab import (
    CommitmentState,
    State,
)
from .common import (
    deadlines_of,
    lock,
    record,
    refresh,
)


# --- reminders and the calendar --------------------------------------------------------------------------------
def _remind(unit: Unit, key: str, text: str, url: str) -> bool:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(unit=unit, key=key[:100], text=text[:300], url=url)
            audit.record(
                actor=None, action="sentiment.reminded", obj=reminder, unit=unit, after={"text": text}
            )
    except IntegrityError:
        return False
    return True


def remind(now: datetime | None = None) -> int:
    """Write the reminders due now: commitments due soon or overdue (once a day each), response deadlines passed
    without a response (once per case and deadline). A second run writes none."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    soon = calendar.add_working_days(today, settings.GONGKAI_SENTIMENT_DUE_SOON_WORKDAYS).date
    count = 0
    open_items = Commitment.objects.filter(state=CommitmentState.OPEN).select_related("owner_unit", "case")
    for item in open_items.filter(due_on__lte=soon):
        url = reverse("sentiment:detail", args=[item.case_id])
        if item.due_on < today:
            text = (
                f"舆情回应承诺“{item.content[:40]}”已逾期（期限{item.due_on:%m月%d日}），请尽快兑现并公开。"
            )
            key = f"c-overdue-{item.pk}-{today}"
        else:
            text = f"舆情回应承诺“{item.content[:40]}”将于{item.due_on:%m月%d日}到期。"
            key = f"c-soon-{item.pk}-{today}"
        count += _remind(item.owner_unit, key, text, url)
    for case in (
        Case.objects.filter(next_due_at__lt=now).exclude(state=State.CLOSED).select_related("owner_unit")
    ):
        for deadline in deadlines_of(case):
            if not deadline.met and deadline.due < now:
                tier = deadline.tier
                text = f"舆情“{case.topic[:40]}”{tier.label}期限（{tier.limit_text}）已过，尚未登记。"
                url = reverse("sentiment:detail", args=[case.pk])
                key = f"d-{case.pk}-{tier.code}-{deadline.due:%Y%m%d%H%M}"
                count += _remind(case.owner_unit, key, text, url)
    return count


def recompute_after_calendar_change(years: set[int], *, actor: Any = None) -> list[str]:
    """Working-day deadlines (the local rule) follow a changed holiday table; each changed case is audited."""
    lines = []
    for case in Case.objects.filter(rule=rules.LOCAL).exclude(state=State.CLOSED):
        seen_year = timezone.localtime(case.first_seen_at).year
        if not {seen_year, seen_year + 1} & years:
            continue
        with transaction.atomic():
            locked = lock(case)
            before = {"next_due_at": locked.next_due_at.isoformat() if locked.next_due_at else None}
            changed = refresh(locked)
            if not changed:
                continue
            locked.save()
            after = {"next_due_at": locked.next_due_at.isoformat() if locked.next_due_at else None}
            record(actor, "recalendared", locked, locked, before=before, after=after)
        lines.append(f"舆情“{locked.topic}”：回应期限更新为{after['next_due_at'] or '已全部回应'}")
    return lines
