"""Helpers shared by the actions: locking, the due date on the calendar, the audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar

from ..errors import MessageError
from ..models import Message


def lock(message: Message) -> Message:
    return Message.objects.select_for_update().get(pk=message.pk)


def due_date(received_on: date, days: int) -> date:
    """The ``days``-th working day after ``received_on`` on the statutory calendar (the day itself not counted)."""
    return calendar.add_working_days(received_on, days).date


def record(
    actor: Any,
    action: str,
    message: Message,
    *,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> None:
    audit.record(
        actor=actor,
        action=f"messages.{action}",
        obj=message,
        unit=message.unit,
        before=before,
        after=after,
        reason=reason,
    )


def refuse(text: str, *, field: str | None = None, code: str = "") -> MessageError:
    return MessageError(text, field=field, code=code)


def forbidden(text: str) -> MessageError:
    return MessageError(text, code="forbidden")
