"""Reads of the registers: the lists behind each page and export (scoped with ``roles.permissions.scope``), the
requirement per unit kind, and the per-unit overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from .models import Case, Evaluation, Hearing, Submission, SupervisionRecord, Training


@dataclass
class Filters:
    """What a list is narrowed to (parsed by ``forms.FilterForm``)."""

    unit: Unit | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    q: str = ""
    state: str = ""
    task: int | None = None


def visible_units(user) -> QuerySet:
    return permissions.scope(user, Unit.objects.filter(is_active=True), unit_field="pk")


def recordable_units(user) -> QuerySet:
    """Units ``user`` may record for (their units where they are editor or leader; the office: all)."""
    from gongkai.roles import Role

    ids = permissions.unit_ids_with_role(user, (Role.EDITOR, Role.LEADER))
    units = Unit.objects.filter(is_active=True)
    return units if ids is None else units.filter(pk__in=ids)


def required(setting: dict[str, int], unit) -> int:
    """The yearly requirement for ``unit``'s kind (``*`` for the county and for kinds not named)."""
    kind = getattr(unit, "kind", None)
    return setting.get(kind, setting.get("*", 0)) if kind else setting.get("*", 0)


def required_trainings(unit) -> int:
    return required(settings.GONGKAI_REGISTERS_TRAININGS_PER_YEAR, unit)


def required_evaluations(unit) -> int:
    return required(settings.GONGKAI_REGISTERS_EVALUATIONS_PER_YEAR, unit)


# register key → (model, date field, kind field, text fields searched by q)
REGISTERS = {
    "trainings": (Training, "held_on", "form", ("topic", "trainer", "note")),
    "hearings": (Hearing, "held_on", "kind", ("meeting", "leaders", "topics")),
    "evaluations": (Evaluation, "done_on", "conclusion", ("subject_title", "findings")),
    "articles": (Submission, "submitted_on", "kind", ("title", "outlet")),
    "cases": (Case, "recognised_on", "level", ("title", "issuer", "summary")),
    "supervision": (SupervisionRecord, "issued_on", "kind", ("issuer", "document", "findings")),
}


def rows(key: str, user, filters: Filters | None = None, today: date | None = None) -> QuerySet:
    """The rows of register ``key`` the user may see, narrowed by ``filters``."""
    model, date_field, kind_field, text_fields = REGISTERS[key]
    f = filters or Filters()
    qs = permissions.scope(user, model.objects.select_related("unit"))
    if f.unit is not None:
        qs = qs.filter(unit=f.unit)
    if f.date_from:
        qs = qs.filter(**{f"{date_field}__gte": f.date_from})
    if f.date_to:
        qs = qs.filter(**{f"{date_field}__lte": f.date_to})
    if f.kind:
        qs = qs.filter(**{kind_field: f.kind})
    if f.q:
        match = Q()
        for name in text_fields:
            match |= Q(**{f"{name}__icontains": f.q})
        qs = qs.filter(match)
    if key == "trainings":
        qs = qs.prefetch_related("attendances__unit", "materials")
        if f.task:
            qs = qs.filter(task_links__task_id=f.task)
    if key == "articles" and f.state:
        qs = qs.filter(adopted=f.state == "adopted")
    if key == "supervision" and f.state:
        today = today or timezone.localdate()
        if f.state == "open":
            qs = qs.filter(completed_on__isnull=True)
        elif f.state == "overdue":
            qs = qs.filter(completed_on__isnull=True, due_on__lt=today)
        elif f.state == "done":
            qs = qs.filter(completed_on__isnull=False)
    return qs


def get(key: str, user, pk: int):
    """One row of register ``key``; 404 outside the user's units."""
    model = REGISTERS[key][0]
    return permissions.get_scoped_or_404(user, model.objects.select_related("unit"), pk=pk)


def linkable_tasks(user, training: Training) -> list:
    """Work-points tasks ``training`` may count towards: tasks of the training year's published plans owned by the
    training's unit that ask for a number of trainings (visible to ``user`` through the ledger's own scoping)."""
    from gongkai.workplan.selectors import visible_tasks

    from .actions.trainings import linkable_requirement

    tasks = (
        visible_tasks(user)
        .filter(plan__year=training.held_on.year, task_units__unit=training.unit, count__isnull=False)
        .exclude(pk__in=training.task_links.values("task_id"))
        .select_related("plan")
        .distinct()
    )
    return [t for t in tasks if linkable_requirement(t) is not None]
