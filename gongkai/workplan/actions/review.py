"""Reviewing a plan (核对): correcting what extraction got wrong. Allowed on drafts and, for the office's own
corrections, on published plans; never on archived ones."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit

from .. import access
from ..errors import WorkPlanError
from ..models import PlanItem, Task, TaskUnit, UnitRole, WorkPlan
from ._common import renumber, require, require_editable

PLAN_FIELDS = ("title", "issuer", "doc_number", "date", "year", "cycle")


def _plan_state(plan: WorkPlan) -> dict:
    return {**plan.snapshot(), "date": plan.date.isoformat() if plan.date else None, "issuer": plan.issuer}


def update_plan(plan: WorkPlan, *, actor, **fields) -> WorkPlan:
    """Correct what extraction got wrong or could not find: title, issuer, 文号, date, year, reporting cycle."""
    require(access.can_manage_plans, actor)
    require_editable(plan)
    if not (fields.get("title") or "").strip():
        raise WorkPlanError("标题不能为空。", field="title")
    with transaction.atomic():
        before = _plan_state(plan)
        for key, value in fields.items():
            if key in PLAN_FIELDS:
                setattr(plan, key, value.strip() if isinstance(value, str) else value)
        plan.save()
        audit.record(
            actor=actor, action="workplan.plan_changed", obj=plan, before=before, after=_plan_state(plan)
        )
    return plan


def set_task_units(task: Task, *, actor, lead: list[Unit], responsible: list[Unit]) -> Task:
    """Replace a task's owner units (牵头 and 责任)."""
    require(access.can_manage_plans, actor)
    require_editable(task.plan)
    if not lead and not responsible:
        raise WorkPlanError("每项任务至少要有一个牵头单位或责任单位。")
    with transaction.atomic():
        before = task.snapshot()
        TaskUnit.objects.filter(task=task).delete()
        lead_ids = {unit.pk for unit in lead}
        TaskUnit.objects.bulk_create(
            [TaskUnit(task=task, unit=unit, role=UnitRole.LEAD) for unit in lead]
            + [
                TaskUnit(task=task, unit=unit, role=UnitRole.RESPONSIBLE)
                for unit in responsible
                if unit.pk not in lead_ids
            ]
        )
        for chip in task.unit_names:
            chip["fixed"] = True
        task.save(update_fields=["unit_names"])
        audit.record(
            actor=actor, action="workplan.task_units_changed", obj=task, before=before, after=task.snapshot()
        )
    return task


def set_item_units(item: PlanItem, *, actor, lead: list[Unit], responsible: list[Unit]) -> int:
    """Give every task of an item the same owner units (for documents without unit annotations)."""
    require(access.can_manage_plans, actor)
    tasks = list(item.tasks.all())
    if not tasks:
        raise WorkPlanError("本条目没有任务。")
    with transaction.atomic():
        for task in tasks:
            set_task_units(task, actor=actor, lead=lead, responsible=responsible)
    return len(tasks)


def assign_name(plan: WorkPlan, *, actor, name: str, units: list[Unit]) -> int:
    """Fix a written unit name across the whole plan (e.g. 县数据局 → 县政务服务数据管理局); returns tasks changed.

    The chosen units take the name's role (牵头 or 责任) in every task that wrote that name.
    """
    require(access.can_manage_plans, actor)
    require_editable(plan)
    if not units:
        raise WorkPlanError("请选择至少一个单位。", field="units")
    changed = 0
    with transaction.atomic():
        for task in Task.objects.filter(plan=plan).select_for_update():
            hit = False
            for chip in task.unit_names:
                if chip.get("text") == name:
                    hit = True
                    chip["fixed"] = True
                    chip["matched"] = True
                    chip["unit_ids"] = [unit.pk for unit in units]
                    chip["fixed_names"] = [unit.short_name or unit.name for unit in units]
                    for unit in units:
                        task_unit, created = TaskUnit.objects.get_or_create(
                            task=task, unit=unit, defaults={"role": chip.get("role") or UnitRole.RESPONSIBLE}
                        )
                        if (
                            not created
                            and chip.get("role") == UnitRole.LEAD
                            and task_unit.role != UnitRole.LEAD
                        ):
                            task_unit.role = UnitRole.LEAD
                            task_unit.save(update_fields=["role"])
            if hit:
                task.save(update_fields=["unit_names"])
                changed += 1
        if not changed:
            raise WorkPlanError(f"本工作要点中没有写作“{name}”的单位名称。")
        audit.record(
            actor=actor,
            action="workplan.unit_name_assigned",
            obj=plan,
            after={"name": name, "units": [unit.pk for unit in units], "tasks": changed},
        )
    return changed


def update_task(task: Task, *, actor, text: str, deadline, deadline_text: str, weight) -> Task:
    """Correct a task's text, deadline (date and wording) and weight."""
    require(access.can_manage_plans, actor)
    require_editable(task.plan)
    text = (text or "").strip()
    if not text:
        raise WorkPlanError("任务内容不能为空。", field="text")
    with transaction.atomic():
        before = task.snapshot()
        task.text, task.deadline, task.deadline_text = text, deadline, (deadline_text or "").strip()[:100]
        if weight is not None:
            task.weight = weight
        task.save()
        audit.record(
            actor=actor, action="workplan.task_changed", obj=task, before=before, after=task.snapshot()
        )
    return task


def split_task(task: Task, *, actor, pieces: list[str]) -> list[Task]:
    """Split one task into several (each keeps the units, time and original sentence)."""
    require(access.can_manage_plans, actor)
    require_editable(task.plan)
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if len(pieces) < 2:
        raise WorkPlanError("拆分需要至少两段任务内容：请用空行分隔各段。", field="text")
    if task.reports.exists():
        raise WorkPlanError("该任务已有进展报送，不能再拆分。")
    with transaction.atomic():
        before = task.snapshot()
        units = list(task.task_units.all())
        siblings = Task.objects.filter(item=task.item, order__gt=task.order)
        siblings.update(order=F("order") + len(pieces) - 1)
        task.text = pieces[0]
        task.save(update_fields=["text"])
        created = [task]
        for offset, piece in enumerate(pieces[1:], start=1):
            clone = Task.objects.get(pk=task.pk)
            clone.pk = None
            clone.text = piece
            clone.order = task.order + offset
            clone.save()
            TaskUnit.objects.bulk_create(
                TaskUnit(task=clone, unit_id=task_unit.unit_id, role=task_unit.role) for task_unit in units
            )
            created.append(clone)
        renumber(task.plan)
        for piece_task in created:
            piece_task.refresh_from_db()
        audit.record(
            actor=actor,
            action="workplan.task_split",
            obj=task,
            before=before,
            after={"pieces": pieces, "tasks": [piece_task.pk for piece_task in created]},
        )
    return created


def merge_with_next(task: Task, *, actor) -> Task:
    """Merge a task with the next one of the same item (texts joined, units united)."""
    require(access.can_manage_plans, actor)
    require_editable(task.plan)
    following = Task.objects.filter(item=task.item, order__gt=task.order).order_by("order", "id").first()
    if following is None:
        raise WorkPlanError("这是本条目的最后一项任务，没有可以合并的下一项。")
    if following.reports.exists() or task.reports.exists():
        raise WorkPlanError("已有进展报送的任务不能合并。")
    with transaction.atomic():
        before = task.snapshot()
        task.text = f"{task.text}{'' if task.text.endswith(('。', '；')) else '；'}{following.text}"
        task.source_sentence = f"{task.source_sentence}{following.source_sentence}"
        task.deadline = max(filter(None, [task.deadline, following.deadline]), default=None)
        task.deadline_text = "；".join(
            dict.fromkeys(filter(None, [task.deadline_text, following.deadline_text]))
        )[:100]
        task.unit_names = task.unit_names + [
            chip for chip in following.unit_names if chip not in task.unit_names
        ]
        task.save()
        have = {task_unit.unit_id: task_unit for task_unit in task.task_units.all()}
        for task_unit in following.task_units.all():
            if task_unit.unit_id not in have:
                TaskUnit.objects.create(task=task, unit_id=task_unit.unit_id, role=task_unit.role)
            elif task_unit.role == UnitRole.LEAD and have[task_unit.unit_id].role != UnitRole.LEAD:
                have[task_unit.unit_id].role = UnitRole.LEAD
                have[task_unit.unit_id].save(update_fields=["role"])
        merged_id = following.pk
        following.delete()
        renumber(task.plan)
        task.refresh_from_db()
        audit.record(
            actor=actor,
            action="workplan.task_merged",
            obj=task,
            before=before,
            after={**task.snapshot(), "merged": merged_id},
        )
    return task
