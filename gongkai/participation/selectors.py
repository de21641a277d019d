"""Reads of public participation: the staff lists (scoped to the user's units), the public lists (published items
only, submitters masked), the dashboard and the figures other apps read through ``gongkai.common.figures``."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from gongkai.core import participation as rules
from gongkai.roles import permissions

from .models import (
    Consultation,
    Decision,
    DecisionCatalog,
    Meeting,
    OpenDayPlan,
    OpenDaySession,
    Opinion,
    Reminder,
)
from .vocab import OpinionState

PAGE_SIZE = 50


# --- staff ------------------------------------------------------------------------------------------------------
def consultations_for(user):
    qs = Consultation.objects.select_related("unit", "publication").annotate(
        opinion_count=Count("opinions"),
        pending_count=Count("opinions", filter=Q(opinions__state=OpinionState.PENDING)),
    )
    return permissions.scope(user, qs).order_by("-starts_on", "-id")


def consultation_for_staff(user, pk) -> Consultation:
    return permissions.get_scoped_or_404(
        user,
        Consultation.objects.select_related("unit", "publication", "decision", "final_publication"),
        pk=pk,
    )


def opinions(consultation: Consultation, *, state="", clause="", channel="", q="", duplicates=False, page=1):
    """One page of a consultation's opinions with the filters, and the duplicate groups (same text) counted."""
    qs = consultation.opinions.all()
    if state:
        qs = qs.filter(state=state)
    if clause:
        qs = qs.filter(clause=clause)
    if channel:
        qs = qs.filter(channel=channel)
    if q:
        qs = qs.filter(body__contains=q)
    groups = dict(
        consultation.opinions.exclude(state=OpinionState.HIDDEN)
        .values_list("fingerprint")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("fingerprint", "n")
    )
    if duplicates:
        qs = qs.filter(fingerprint__in=list(groups))
        qs = qs.order_by("fingerprint", "submitted_at", "id")
    else:
        qs = qs.order_by("submitted_at", "id")
    total = qs.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page or 1), pages)  # past the last page: the last page
    rows = list(qs.select_related("merged_into")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    for row in rows:
        row.duplicate_count = groups.get(row.fingerprint, 1)
    return {
        "rows": rows,
        "total": total,
        "page": page,
        "pages": pages,
        "groups": len(groups),
    }


def opinion_counts(consultation: Consultation) -> dict:
    counted = dict(
        consultation.opinions.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    adoption = dict(
        consultation.opinions.exclude(state=OpinionState.HIDDEN)
        .exclude(adoption="")
        .values_list("adoption")
        .annotate(n=Count("id"))
        .values_list("adoption", "n")
    )
    labels = dict(OpinionState.choices)
    states = [(labels[state], counted[state]) for state in OpinionState.values if state in counted]
    return {"states": states, "adoption": adoption, "total": sum(counted.values())}


def clause_counts(consultation: Consultation) -> list[tuple[str, int]]:
    return list(
        consultation.opinions.exclude(clause="")
        .exclude(state=OpinionState.HIDDEN)
        .values_list("clause")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("clause", "n")
    )


def _unit_filter(user, *fields: str) -> Q | None:
    ids = permissions.unit_ids(user)
    if ids is None:
        return None
    q = Q()
    for field in fields:
        q |= Q(**{f"{field}__in": ids})
    return q


def catalogs_for(user):
    qs = DecisionCatalog.objects.select_related("unit").annotate(decision_count=Count("decisions"))
    condition = _unit_filter(user, "unit", "decisions__unit")
    if condition is not None:
        qs = qs.filter(condition).distinct()
    return qs.order_by("-year", "unit_id")


def catalog_for_staff(user, pk) -> DecisionCatalog:
    found = catalogs_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该目录，或您无权查看。")
    return found


def decisions_for(user):
    qs = Decision.objects.select_related("unit", "catalog", "catalog__unit")
    condition = _unit_filter(user, "unit", "catalog__unit")
    return qs.filter(condition) if condition is not None else qs


def decision_for_staff(user, pk) -> Decision:
    found = decisions_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该事项，或您无权查看。")
    return found


def plans_for(user):
    return permissions.scope(user, OpenDayPlan.objects.select_related("unit")).order_by("-year")


def session_for_staff(user, pk) -> OpenDaySession:
    return permissions.get_scoped_or_404(
        user, OpenDaySession.objects.select_related("plan__unit"), unit_field="plan__unit", pk=pk
    )


def sessions_for(user):
    return permissions.scope(
        user, OpenDaySession.objects.select_related("plan__unit"), unit_field="plan__unit"
    )


def meetings_for(user):
    return permissions.scope(user, Meeting.objects.select_related("unit")).order_by("-held_on")


def meeting_for_staff(user, pk) -> Meeting:
    return permissions.get_scoped_or_404(user, Meeting.objects.select_related("unit"), pk=pk)


def overdue_feedback(user, today: date | None = None):
    today = today or timezone.localdate()
    return consultations_for(user).filter(
        publication__state="published", feedback_published_at__isnull=True, feedback_due__lt=today
    )


def reminders_for(user):
    return permissions.scope(user, Reminder.objects.all())


def reminders_addressed_to(user, today: date | None = None):
    """Today's reminders for ``user``: those addressed to them, and their units' reminders addressed to nobody in
    particular (the office: every unit's)."""
    today = today or timezone.localdate()
    return (
        permissions.scope(user, Reminder.objects.filter(created_at__date=today))
        .filter(Q(user=user) | Q(user__isnull=True))
        .order_by("-created_at", "-id")
    )


# --- public -----------------------------------------------------------------------------------------------------
def public_consultations():
    # No opinion count here: no public page shows one, and counting a consultation's thousands of opinions in a
    # GROUP BY made every public page of it (and the home page's block) pay 0.3 s (bench/participation.py).
    return (
        Consultation.objects.filter(publication__state="published")
        .select_related("unit", "publication", "final_publication")
        .order_by("-starts_on", "-id")
    )


def public_consultation(pk) -> Consultation:
    found = public_consultations().filter(pk=pk).first()
    if found is None:
        raise Http404("未找到该意见征集。")
    return found


def public_opinions(consultation: Consultation):
    """The opinions shown in the published feedback: hidden ones left out, submitters masked in the template."""
    return (
        consultation.opinions.exclude(state=OpinionState.HIDDEN)
        .select_related("merged_into")
        .order_by("clause", "submitted_at", "id")
    )


def public_catalogs():
    return DecisionCatalog.objects.filter(published_at__isnull=False).select_related("unit").order_by("-year")


def public_sessions():
    return OpenDaySession.objects.select_related("plan__unit").order_by("-starts_at")


def public_plans():
    return OpenDayPlan.objects.select_related("unit").prefetch_related("options").order_by("-year")


def public_meetings():
    return Meeting.objects.select_related("unit").order_by("-held_on")


def lookup_opinion(code: str) -> Opinion | None:
    from .actions.common import normalize_code

    return (
        Opinion.objects.filter(tracking_code=normalize_code(code))
        .select_related("consultation", "consultation__unit", "merged_into")
        .first()
    )


# --- figures ----------------------------------------------------------------------------------------------------
def figures(*, unit=None, start: date, end: date) -> dict:
    """Consultations closed in the period, their opinions (hidden left out) and the adoption rate."""
    qs = Consultation.objects.filter(publication__state="published", ends_on__gte=start, ends_on__lte=end)
    if unit is not None:
        qs = qs.filter(unit=unit)
    values = list(
        Opinion.objects.filter(consultation__in=qs)
        .exclude(state=OpinionState.HIDDEN)
        .values_list("adoption", flat=True)
    )
    adopted, decided, rate = rules.adoption_rate(values)
    return {
        "consultations": qs.count(),
        "opinions": len(values),
        "adopted": adopted,
        "decided": decided,
        "rate": rate,
    }
