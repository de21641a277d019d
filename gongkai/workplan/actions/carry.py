"""回头看: copying last year's unfinished tasks into this year's plan, under a part 上年度未完成任务（回头看）."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from gongkai.audit import services as audit

from .. import access
from ..errors import WorkPlanError
from ..models import PlanItem, PlanPart, Task, TaskStatus, TaskUnit, WorkPlan
from ._common import renumber, require, require_editable

CARRY_PART = "回头看"


def carry_forward(target: WorkPlan, *, actor, tasks: list[Task]) -> list[Task]:
    """Copy unfinished ``tasks`` of another plan into ``target`` (units kept, time to be set); each task once."""
    require(access.can_carry_forward, actor)
    require_editable(target)
    tasks = [task for task in tasks if task.status != TaskStatus.DONE and task.plan_id != target.pk]
    if not tasks:
        raise WorkPlanError("请选择至少一项未完成的任务。")
    already = set(
        Task.objects.filter(plan=target, carried_from__in=tasks).values_list("carried_from_id", flat=True)
    )
    tasks = [task for task in tasks if task.pk not in already]
    if not tasks:
        raise WorkPlanError("所选任务已结转到本工作要点。")
    with transaction.atomic():
        max_order = PlanPart.objects.filter(plan=target).aggregate(highest=Max("order"))["highest"] or 0
        part, _ = PlanPart.objects.get_or_create(
            plan=target,
            number=CARRY_PART,
            defaults={"heading": "上年度未完成任务（回头看）", "order": max_order + 1},
        )
        item_order = PlanItem.objects.filter(plan=target).aggregate(highest=Max("order"))["highest"] or 0
        task_order = Task.objects.filter(plan=target).aggregate(highest=Max("order"))["highest"] or 0
        created = []
        for source in tasks:
            heading = f"（{source.plan.year}年）{source.item.heading}"[:300]
            item = PlanItem.objects.filter(plan=target, part=part, heading=heading).first()
            if item is None:
                item_order += 1
                item = PlanItem.objects.create(
                    plan=target,
                    part=part,
                    heading=heading,
                    text=source.item.text,
                    path=[CARRY_PART],
                    order=item_order,
                )
            task_order += 1
            copy = Task.objects.create(
                plan=target,
                item=item,
                seq=task_order,
                order=task_order,
                text=source.text,
                source_sentence=source.source_sentence,
                unit_names=source.unit_names,
                deadline=None,
                deadline_text="",
                recurrence=source.recurrence,
                count=source.count,
                time_limit_days=source.time_limit_days,
                indicators=source.indicators,
                weight=source.weight,
                carried_from=source,
            )
            TaskUnit.objects.bulk_create(
                TaskUnit(task=copy, unit_id=task_unit.unit_id, role=task_unit.role)
                for task_unit in source.task_units.all()
            )
            created.append(copy)
        renumber(target)
        audit.record(
            actor=actor,
            action="workplan.carried_forward",
            obj=target,
            after={"from": sorted(task.pk for task in tasks), "created": [task.pk for task in created]},
        )
    return created
