"""Reads of the sentiment ledger: cases scoped to the units named on them, the dashboard counts, the figures and the
portal's list of published responses. Public selectors (``public_responses``, ``figures``) are what other apps and
the portal may call."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.publishing import selectors as publishing
from gongkai.roles import permissions

from . import access
from .models import Case, Check, CheckRound, Commitment, Reminder, Response
from .vocab import OPEN_STATES, CheckResult, CommitmentState, ResponseKind, State


def _named_q(ids: set[int]) -> Q:
    # The commitment owners' cases as one uncorrelated subquery (computed once), not an EXISTS per case row.
    owned = Commitment.objects.filter(owner_unit_id__in=ids).values("case_id")
    return Q(owner_unit_id__in=ids) | Q(local_unit_id__in=ids) | Q(pk__in=owned)


def for_staff(user) -> QuerySet[Case]:
    """Cases the user may see: all for the office; otherwise those naming one of the user's units as 主管, 属地 or
    a commitment's owner (never another unit's)."""
    qs = Case.objects.select_related("owner_unit", "local_unit")
    if access.is_office(user):
        return qs
    ids = permissions.unit_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    return qs.filter(_named_q(ids))


def get_for_staff(user, pk: int) -> Case:
    """One case the user may see; 404 otherwise (no existence leak)."""
    from django.http import Http404

    found = for_staff(user).filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该记录，或您无权查看。")
    return found


def commitments_for(user) -> QuerySet[Commitment]:
    """Commitments of the cases the user may see."""
    return Commitment.objects.filter(case__in=for_staff(user).values("pk")).select_related(
        "case", "owner_unit", "result_publication"
    )


def get_commitment(user, pk: int) -> Commitment:
    from django.http import Http404

    found = commitments_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该记录，或您无权查看。")
    return found


def filtered(
    qs: QuerySet[Case],
    *,
    state: str = "",
    level: str = "",
    unit=None,
    due: str = "",
    q: str = "",
    now: datetime | None = None,
) -> QuerySet[Case]:
    now = now or timezone.now()
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if level:
        qs = qs.filter(level=level)
    if unit is not None:
        qs = qs.filter(Q(owner_unit=unit) | Q(local_unit=unit))
    if due == "overdue":
        qs = qs.exclude(state=State.CLOSED).filter(next_due_at__lt=now)
    elif due == "commitments":
        qs = qs.filter(
            Exists(
                Commitment.objects.filter(
                    case=OuterRef("pk"), state=CommitmentState.OPEN, due_on__lt=timezone.localtime(now).date()
                )
            )
        )
    if q:
        qs = qs.filter(Q(topic__icontains=q) | Q(summary__icontains=q))
    return qs


def due_soon_limit(today: date) -> date:
    from django.conf import settings

    return calendar.add_working_days(today, settings.GONGKAI_SENTIMENT_DUE_SOON_WORKDAYS).date


def overdue_commitments(user, today: date | None = None) -> QuerySet[Commitment]:
    today = today or timezone.localdate()
    return commitments_for(user).filter(state=CommitmentState.OPEN, due_on__lt=today)


def dashboard(user, now: datetime | None = None) -> dict:
    """The counts of the ledger page: one aggregate over the cases, one over the commitments."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    cases = for_staff(user).aggregate(
        open=Count("id", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("id", filter=Q(next_due_at__lt=now) & ~Q(state=State.CLOSED)),
    )
    is_open = Q(state=CommitmentState.OPEN)
    items = commitments_for(user).aggregate(
        commitments=Count("id"),
        commitments_open=Count("id", filter=is_open),
        commitments_overdue=Count("id", filter=is_open & Q(due_on__lt=today)),
        commitments_soon=Count(
            "id", filter=is_open & Q(due_on__gte=today, due_on__lte=due_soon_limit(today))
        ),
        commitments_kept=Count("id", filter=Q(state=CommitmentState.KEPT)),
        commitments_verified=Count("id", filter=Q(check_result=CheckResult.VERIFIED)),
    )
    return {**cases, **items}


def reminders_for(user, limit: int = 8):
    """The latest reminders of the job for the user's units (every unit's for the office)."""
    qs = Reminder.objects.select_related("unit")
    if not access.is_office(user):
        qs = permissions.scope(user, qs)
    return list(qs[:limit])


def open_round() -> CheckRound | None:
    return CheckRound.objects.filter(closed_at__isnull=True).first()


def round_checks(round_: CheckRound) -> QuerySet[Check]:
    return round_.checks.select_related(
        "commitment",
        "commitment__case",
        "commitment__owner_unit",
        "commitment__result_publication",
        "checked_by",
    )


# --- figures -----------------------------------------------------------------------------------------------------
def _period(qs: QuerySet, field: str, start: date | None, end: date | None) -> QuerySet:
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def figures(*, unit=None, start: date | None = None, end: date | None = None) -> dict:
    """Cases first seen in the period: how many, how many decided (answered, or past a deadline), how many on
    time; commitments due in the period: how many, kept by their due date, verified in a 核查 round."""
    cases = Case.objects.all()
    items = Commitment.objects.all()
    if unit is not None:
        cases = cases.filter(owner_unit=unit)
        items = items.filter(owner_unit=unit)
    cases = _period(cases, "first_seen_at__date", start, end)
    now = timezone.now()
    decided = cases.filter(Q(on_time__isnull=False) | Q(next_due_at__lt=now))
    n_decided = decided.count()
    n_on_time = cases.filter(on_time=True).count()
    due = _period(items, "due_on", start, end).filter(due_on__lt=timezone.localdate())
    n_due = due.count()
    kept = due.filter(state=CommitmentState.KEPT)
    from django.db.models import F

    n_kept_on_time = kept.filter(kept_on__lte=F("due_on")).count()
    n_kept = kept.count()
    return {
        "cases": cases.count(),
        "decided": n_decided,
        "on_time": n_on_time,
        "on_time_rate": round(100 * n_on_time / n_decided, 1) if n_decided else None,
        "commitments_due": n_due,
        "kept": n_kept,
        "kept_on_time": n_kept_on_time,
        "kept_rate": round(100 * n_kept / n_due, 1) if n_due else None,
        "verified": due.filter(check_result=CheckResult.VERIFIED).count(),
    }


# --- public --------------------------------------------------------------------------------------------------------
def public_responses():
    """The 回应关切 column: the published items (publishing's public selector) linked as a case's 权威发布 — the
    publication only, never the case. A withdrawn item drops out at once."""
    linked = Response.objects.filter(kind=ResponseKind.RELEASE, publication_id__isnull=False).values(
        "publication_id"
    )
    return (
        publishing.public_publications()
        .filter(pk__in=linked)
        .select_related("unit")
        .order_by("-published_at", "-id")
        .only("id", "title", "published_at", "unit__name", "unit__short_name")
    )
