"""Reads of 找错 reports: the staff list scoped to the user's units, the dashboard counts, the reporter's look-up and
the public monthly summary (counts only). ``monthly_summary`` and ``figures`` are what other apps may call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.roles import permissions

from . import access
from .codes import SCHEME
from .models import ErrorReport
from .vocab import LATE_CLOSE_MONTHS, OPEN_STATES, RECHECK_STATES, State, months_later


def for_staff(user) -> QuerySet[ErrorReport]:
    """Reports the user may see: all for the office, the user's units' otherwise (never unit B's for unit A)."""
    qs = ErrorReport.objects.select_related("unit")
    if access.is_office(user):
        return qs
    return permissions.scope(user, qs)


def get_for_staff(user, pk: int) -> ErrorReport:
    return permissions.get_scoped_or_404(user, for_staff(user), pk=pk)


def filtered(
    qs: QuerySet[ErrorReport],
    *,
    state: str = "",
    error_type: str = "",
    unit=None,
    due: str = "",
    q: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
    today: date | None = None,
) -> QuerySet[ErrorReport]:
    today = today or timezone.localdate()
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state == "recheck":
        qs = qs.filter(state__in=RECHECK_STATES)
    elif state:
        qs = qs.filter(state=state)
    if error_type:
        qs = qs.filter(error_type=error_type)
    if unit == "office":
        qs = qs.filter(unit__isnull=True)
    elif unit is not None:
        qs = qs.filter(unit=unit)
    if due == "overdue":
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=today)
    elif due == "late":
        qs = qs.filter(answered_on__isnull=False, answered_on__gt=F("due_on"))
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if q:
        qs = qs.filter(
            Q(page__icontains=q) | Q(description__icontains=q) | Q(tracking_code__iexact=q.strip().upper())
        )
    return qs


def dashboard(user, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    qs = for_staff(user)
    return {
        "pending": qs.filter(state=State.PENDING).count(),
        "handling": qs.filter(state=State.HANDLING).count(),
        "overdue": qs.filter(state__in=OPEN_STATES, due_on__lt=today).count(),
        "recheck": qs.filter(state__in=RECHECK_STATES).count(),
        "closed": qs.filter(state=State.CLOSED).count(),
    }


def lookup(tracking_code: str, verification_code: str) -> ErrorReport | None:
    code = SCHEME.normalize(tracking_code)
    if not code:
        return None
    report = ErrorReport.objects.filter(tracking_code=code).first()
    if report is None or not SCHEME.check_verification(verification_code, report.verification_hash):
        return None
    return report


@dataclass(frozen=True)
class MonthRow:
    """One month of the public summary: reports received that month and what became of them."""

    year: int
    month: int
    received: int
    closed: int
    answered: int
    on_time: int
    open: int  # not closed yet (未办结)
    late_closed: int  # closed more than one month after receipt (超过1个月办结)

    @property
    def on_time_rate(self) -> float | None:
        """按期率: answered within the limit / answered, in per cent (None when nothing was answered)."""
        if not self.answered:
            return None
        return round(100 * self.on_time / self.answered, 1)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


def monthly_summary(year: int, *, today: date | None = None) -> list[MonthRow]:
    """收到 / 已办结 / 按期率 per month of receipt in ``year`` (months not yet begun are left out). Counts only:
    nothing of a report's content or reporter is read."""
    today = today or timezone.localdate()
    rows = ErrorReport.objects.filter(received_on__year=year).values_list(
        "received_on", "due_on", "answered_on", "state", "closed_on"
    )
    months: dict[int, list[int]] = {m: [0, 0, 0, 0, 0, 0] for m in range(1, 13)}
    for received_on, due_on, answered_on, state, closed_on in rows:
        bucket = months[received_on.month]
        bucket[0] += 1
        if state == State.CLOSED:
            bucket[1] += 1
            if closed_on and closed_on > months_later(received_on, LATE_CLOSE_MONTHS):
                bucket[5] += 1
        else:
            bucket[4] += 1
        if answered_on is not None:
            bucket[2] += 1
            bucket[3] += answered_on <= due_on
    last = 12 if year < today.year else today.month if year == today.year else 0
    return [MonthRow(year, m, *months[m]) for m in range(1, last + 1)]


def summary_total(rows: list[MonthRow]) -> MonthRow | None:
    if not rows:
        return None
    sums = [
        sum(getattr(r, f) for r in rows)
        for f in ("received", "closed", "answered", "on_time", "open", "late_closed")
    ]
    return MonthRow(rows[0].year, 0, *sums)


def summary_years(today: date | None = None) -> list[int]:
    today = today or timezone.localdate()
    first = ErrorReport.objects.order_by("received_on").values_list("received_on", flat=True).first()
    start = first.year if first else today.year
    return list(range(today.year, min(start, today.year) - 1, -1))


def figures(*, unit=None, start: date, end: date) -> dict:
    """Counts for the figures registry over reports received in [start, end]."""
    qs = ErrorReport.objects.filter(received_on__gte=start, received_on__lte=end)
    if unit is not None:
        qs = qs.filter(unit=unit)
    received = qs.count()
    answered = qs.filter(answered_on__isnull=False)
    on_time = answered.filter(answered_on__lte=F("due_on")).count()
    answered_count = answered.count()
    return {
        "received": received,
        "closed": qs.filter(state=State.CLOSED).count(),
        "answered": answered_count,
        "on_time": on_time,
        "on_time_rate": round(100 * on_time / answered_count, 1) if answered_count else None,
    }


def reminders_for(user, today: date | None = None, limit: int = 10) -> list:
    """Today's reminders (written by the scheduled job) for the user's units; the office sees all."""
    from .models import Reminder

    today = today or timezone.localdate()
    qs = Reminder.objects.filter(created_at__date=today)
    if not access.is_office(user):
        qs = permissions.scope(user, qs)
    return list(qs.order_by("-id")[:limit])
