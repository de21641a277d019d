"""Publishing a plan (发布: every owner unit finds its tasks under 我的任务) and archiving it (归档: the year closes)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit

from .. import access
from ..errors import WorkPlanError
from ..models import PlanState, Task, TaskUnit, WorkPlan
from ._common import require

SHOWN_ORPHANS = 15


def publish(plan: WorkPlan, *, actor, cycle: str | None = None, at: datetime | None = None) -> WorkPlan:
    """Publish the 分工表: every owner unit now finds its tasks under 我的任务."""
    require(access.can_publish, actor)
    if plan.state != PlanState.DRAFT:
        raise WorkPlanError("只有草稿状态的工作要点可以发布。")
    orphans = list(Task.objects.filter(plan=plan, task_units__isnull=True).values_list("seq", flat=True))
    if orphans:
        shown = "、".join(str(seq) for seq in orphans[:SHOWN_ORPHANS])
        more = "等" if len(orphans) > SHOWN_ORPHANS else ""
        raise WorkPlanError(
            f"还有{len(orphans)}项任务没有责任单位（序号 {shown}{more}）：请先为它们指定单位再发布。"
        )
    with transaction.atomic():
        before = plan.snapshot()
        plan.state = PlanState.PUBLISHED
        if cycle:
            plan.cycle = cycle
        plan.published_at = at or timezone.now()
        plan.save()
        units = TaskUnit.objects.filter(task__plan=plan).values("unit_id").distinct().count()
        audit.record(
            actor=actor,
            action="workplan.published",
            obj=plan,
            before=before,
            after={**plan.snapshot(), "tasks": plan.tasks.count(), "units": units},
        )
    return plan


def archive(plan: WorkPlan, *, actor) -> WorkPlan:
    """Close a published plan's year: it stays readable and comparable but can no longer be changed."""
    require(access.can_publish, actor)
    if plan.state != PlanState.PUBLISHED:
        raise WorkPlanError("只有已发布的工作要点可以归档。")
    with transaction.atomic():
        before = plan.snapshot()
        plan.state = PlanState.ARCHIVED
        plan.save(update_fields=["state"])
        audit.record(actor=actor, action="workplan.archived", obj=plan, before=before, after=plan.snapshot())
    return plan
