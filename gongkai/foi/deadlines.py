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


def limits_for(units) -> dict[int, int]:
    """``limit_for`` of many units at once (the public form lists every body with its limit): unit id → days."""
    from .models import UnitProfile

    profiles = dict(
        UnitProfile.objects.filter(unit__in=units, reply_limit__isnull=False).values_list(
            "unit_id", "reply_limit"
        )
    )
    default = default_limit()
    return {
        pk: max(1, min(profiles.get(pk) or default, law.REPLY.value))
        for pk in units.values_list("pk", flat=True)
    }


def ledger(case) -> list[fr.LedgerEvent]:
    rows = case.events.exclude(ledger_kind="").order_by("date", "id")
    return [
        fr.LedgerEvent(
            entry.ledger_kind,
            entry.date,
            days=entry.days,
            key=entry.pause_key,
            label=entry.data.get("label", ""),
        )
        for entry in rows
    ]


def compute(case, as_of: date | None = None, trace: bool = True) -> fr.Due:
    return fr.compute_due(
        ledger(case), calendar(), limit=case.reply_limit, as_of=as_of or today(), trace=trace
    )


def recompute(case, as_of: date | None = None, save: bool = True) -> fr.Due:
    due = compute(case, as_of, trace=False)
    case.due_date = due.date
    case.due_provisional = due.provisional
    case.clock_running = due.clock_running
    case.due_start = due.start
    case.extension_days = due.extension_days
    if save:
        case.save(
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


def status(case, on: date | None = None, soon: int | None = None) -> str:
    """The case's due status from its cached due date: ``core.foi_rules.due_status`` (the one rule) fed with
    this app's calendar, today and the office's "due soon" setting."""
    from .models import FoiPolicy

    soon = FoiPolicy.current().due_soon if soon is None else soon
    return fr.due_status(
        case.due_date,
        on or today(),
        calendar(),
        soon,
        clock_running=case.clock_running,
        is_open=case.is_open,
    )


def remaining(case, on: date | None = None) -> int | None:
    if case.due_date is None:
        return None
    return fr.remaining_working_days(case.due_date, on or today(), calendar())


def soon_cutoff(on: date | None = None, soon: int | None = None) -> date:
    """The last due date still counting as "due soon" today: lists filter ``due_date <= cutoff`` in SQL."""
    from .models import FoiPolicy

    soon = FoiPolicy.current().due_soon if soon is None else soon
    return calendar().add_working_days(on or today(), soon).date
