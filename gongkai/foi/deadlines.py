"""The deadline service: one place that turns a case's ledger into its due date (答复期限).

The ledger is the case's ``CaseEvent`` rows that carry a ``ledger_kind``; ``core.foi_rules.compute_due`` does the
arithmetic on the statutory calendar (``gongkai.calendar.services.get_calendar``). ``recompute`` caches the result
on the case for lists and dashboards; the case page recomputes live to show the trace.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from gongkai.core import foi_rules as fr
from gongkai.core import law


def calendar():
    from gongkai.calendar.services import get_calendar

    return get_calendar()


def today() -> date:
    return timezone.localdate()


def default_limit() -> int:
    return settings.GONGKAI_FOI_REPLY_LIMIT


def limit_for(unit) -> int:
    """The body's reply limit: its own stricter limit if set (a local rule), else the setting (default 20)."""
    from .models import UnitProfile

    profile = UnitProfile.objects.filter(unit=unit).only("reply_limit").first()
    limit = profile.reply_limit if profile and profile.reply_limit else default_limit()
    return max(1, min(limit, law.REPLY.value))


def ledger(req) -> list[fr.LedgerEvent]:
    rows = req.events.exclude(ledger_kind="").order_by("date", "id")
    return [
        fr.LedgerEvent(e.ledger_kind, e.date, days=e.days, key=e.pause_key, label=e.data.get("label", ""))
        for e in rows
    ]


def compute(req, as_of: date | None = None, trace: bool = True) -> fr.Due:
    return fr.compute_due(ledger(req), calendar(), limit=req.reply_limit, as_of=as_of or today(), trace=trace)


def recompute(req, as_of: date | None = None, save: bool = True) -> fr.Due:
    due = compute(req, as_of, trace=False)
    req.due_date = due.date
    req.due_provisional = due.provisional
    req.clock_running = due.clock_running
    req.due_start = due.start
    req.extension_days = due.extension_days
    if save:
        req.save(
            update_fields=[
                "due_date",
                "due_provisional",
                "clock_running",
                "due_start",
                "extension_days",
                "updated",
            ]
        )
    return due


def status(req, on: date | None = None, soon: int | None = None) -> str:
    """done / stopped / overdue / due_soon / on_track, from the cached due date."""
    from .models import FoiPolicy

    if not req.is_open:
        return "done"
    if not req.clock_running or req.due_date is None:
        return "stopped"
    on = on or today()
    if req.due_date < on:
        return "overdue"
    soon = FoiPolicy.current().due_soon if soon is None else soon
    left = fr.remaining_working_days(req.due_date, on, calendar())
    return "due_soon" if left <= soon else "on_track"


def remaining(req, on: date | None = None) -> int | None:
    if req.due_date is None:
        return None
    return fr.remaining_working_days(req.due_date, on or today(), calendar())


def soon_cutoff(on: date | None = None, soon: int | None = None) -> date:
    """The last due date still counting as "due soon" today: lists filter ``due_date <= cutoff`` in SQL."""
    from .models import FoiPolicy

    soon = FoiPolicy.current().due_soon if soon is None else soon
    return calendar().add_working_days(on or today(), soon).date


STATUS_LABELS = {
    "done": "已答复",
    "stopped": "期限中止",
    "overdue": "已超期",
    "due_soon": "临近期限",
    "on_track": "正常",
}
