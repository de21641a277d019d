"""What several actions share: the access check, the archived-plan guard and renumbering."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import WorkPlanError
from ..models import PlanState, Task, WorkPlan

OFFICE_ONLY = "只有政务公开办可以管理工作要点。"


def require(rule: Callable[[object], bool], actor, message: str = OFFICE_ONLY) -> None:
    """Refuse (``code="forbidden"``) unless ``rule(actor)`` from ``access`` allows it."""
    if not rule(actor):
        raise WorkPlanError(message, code="forbidden")


def require_editable(plan: WorkPlan) -> None:
    if plan.state == PlanState.ARCHIVED:
        raise WorkPlanError("该工作要点已归档，不能再修改。")


def renumber(plan: WorkPlan) -> None:
    """序号 1…n again in the order of items and tasks (after a split, merge or carry forward)."""
    for number, task in enumerate(
        Task.objects.filter(plan=plan).order_by("item__order", "order", "id"), start=1
    ):
        if task.seq != number or task.order != number:
            Task.objects.filter(pk=task.pk).update(seq=number, order=number)
