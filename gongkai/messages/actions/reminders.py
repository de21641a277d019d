"""Reminders (提醒) written by the scheduled job: messages due soon, overdue, and valid messages unanswered for more
than three months. Idempotent: one reminder per message, kind and day."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar

from ..models import Message, Reminder
from ..vocab import OPEN_STATES, unanswered_cutoff


def _remind(message: Message, key: str, text: str) -> bool:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                unit=message.unit, key=key, text=text[:300], url=reverse("messages:detail", args=[message.pk])
            )
            audit.record(
                actor=None,
                action="messages.reminded",
                obj=reminder,
                unit=message.unit,
                after={"text": reminder.text},
            )
    except IntegrityError:
        return False
    return True


def remind(today: date | None = None) -> int:
    """Write today's reminders; a second run the same day writes none."""
    from django.conf import settings

    today = today or timezone.localdate()
    soon_limit = calendar.add_working_days(today, settings.GONGKAI_MESSAGES_DUE_SOON_WORKDAYS).date
    count = 0
    open_qs = Message.objects.filter(state__in=OPEN_STATES).select_related("unit")
    stale_cutoff = unanswered_cutoff(today)
    for msg in open_qs.filter(received_on__lt=stale_cutoff):
        count += _remind(
            msg, f"stale-{msg.pk}-{today}", f"有效留言“{msg.subject}”超过3个月未答复（单项否决项）"
        )
    for msg in open_qs.filter(due_on__lt=today, received_on__gte=stale_cutoff):
        count += _remind(
            msg, f"overdue-{msg.pk}-{today}", f"留言“{msg.subject}”已逾期（期限{msg.due_on:%m月%d日}）"
        )
    for msg in open_qs.filter(due_on__gte=today, due_on__lte=soon_limit):
        count += _remind(msg, f"soon-{msg.pk}-{today}", f"留言“{msg.subject}”将于{msg.due_on:%m月%d日}到期")
    return count
