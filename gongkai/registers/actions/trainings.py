"""培训登记: a unit records a training it organised, who attended from which unit, its materials; and counts it
towards a work-points task (“至少组织2次培训”) through the ledger's own progress report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.orgs.models import Unit
from gongkai.workplan import services as workplan
from gongkai.workplan.models import Task

from .. import access
from ..errors import RegistersError
from ..models import Training, TrainingAttendance, TrainingMaterial, TrainingTask
from ..vocab import TrainingForm
from .common import check_upload, past_date, refuse_unit, require_record, text

MAX_ATTENDEES_PER_UNIT = 5000
MAX_MATERIALS = 10
# Units of a work-points count requirement that a training satisfies (core.workpoints.timing: 次/场/期/轮/批).
TRAINING_COUNT_UNITS = {"次", "场", "期", "轮", "批"}


def _attendances(rows: Iterable[tuple[Unit, int, str]]) -> list[tuple[Unit, int, str]]:
    seen: dict[int, tuple[Unit, int, str]] = {}
    for unit, count, names in rows:
        if unit is None:
            continue
        if not isinstance(count, int) or count < 1 or count > MAX_ATTENDEES_PER_UNIT:
            raise RegistersError(
                f"{unit.name}的参训人数应为1到{MAX_ATTENDEES_PER_UNIT}之间的整数。", field="attendances"
            )
        if unit.pk in seen:
            raise RegistersError(f"参训单位“{unit.name}”填写了两次，请合并为一行。", field="attendances")
        seen[unit.pk] = (unit, count, (names or "").strip()[:500])
    if not seen:
        raise RegistersError("请至少填写一个参训单位及其人数。", field="attendances")
    return list(seen.values())


def _save_material(training: Training, upload, actor) -> TrainingMaterial:
    name, data = check_upload(upload, field="materials", fallback="培训材料")
    material = TrainingMaterial(
        training=training, name=name[:200], uploaded_by=actor if getattr(actor, "pk", None) else None
    )
    material.sha256 = storedfiles.save_file(material.file, f"t{training.pk}{Path(name).suffix}", data)
    material.save()
    return material


def record_training(
    unit: Unit,
    *,
    actor,
    held_on: date | None,
    topic: str,
    form: str,
    attendances: Sequence[tuple[Unit, int, str]],
    trainer: str = "",
    note: str = "",
    materials: Sequence = (),
    demo_key: str = "",
) -> Training:
    """Record a training ``unit`` organised (组织单位), with attendees per unit and optional materials."""
    require_record(actor, unit)
    held = past_date(held_on, field="held_on", label="培训日期")
    topic = text(topic, field="topic", label="培训主题", max_length=200)
    if form not in TrainingForm.values:
        raise RegistersError("请选择培训形式：专题培训、以会代训或线上培训。", field="form")
    rows = _attendances(attendances)
    if len(materials) > MAX_MATERIALS:
        raise RegistersError(f"一次最多上传{MAX_MATERIALS}个培训材料。", field="materials")
    with storedfiles.atomic():
        training = Training.objects.create(
            unit=unit,
            held_on=held,
            topic=topic,
            form=form,
            trainer=text(trainer, field="trainer", label="授课人", max_length=100, required=False),
            note=text(note, field="note", label="说明", max_length=2000, required=False),
            created_by=actor if getattr(actor, "pk", None) else None,
            demo_key=demo_key,
        )
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(training=training, unit=u, count=n, names=names) for u, n, names in rows
        )
        names = [_save_material(training, upload, actor).name for upload in materials]
        audit.record(
            actor=actor,
            action="registers.training_recorded",
            obj=training,
            unit=unit,
            after={
                "held_on": held,
                "topic": topic,
                "form": form,
                "attendees": {u.name: n for u, n, _ in rows},
                "materials": names,
            },
        )
    return training


def add_material(training: Training, *, actor, upload) -> TrainingMaterial:
    """Add one material (课件、签到表、照片) to a recorded training."""
    if not access.can_change(actor, training):
        refuse_unit(training.unit)
    if training.materials.count() >= MAX_MATERIALS:
        raise RegistersError(f"每次培训最多{MAX_MATERIALS}个材料。", field="file")
    with storedfiles.atomic():
        material = _save_material(training, upload, actor)
        audit.record(
            actor=actor,
            action="registers.training_material_added",
            obj=training,
            unit=training.unit,
            after={"material": material.name, "sha256": material.sha256},
        )
    return material


def linkable_requirement(task: Task) -> int | None:
    """The number of trainings a task asks for (its 次数要求), or None when it asks for none."""
    count = task.count or {}
    value = count.get("value")
    if count.get("unit") not in TRAINING_COUNT_UNITS or not isinstance(value, int | float) or value < 1:
        return None
    return int(value)


@transaction.atomic
def link_task(training: Training, task: Task, *, actor) -> TrainingTask:
    """Count ``training`` towards ``task`` (工作要点中“至少组织N次培训”): the link is kept here, and the ledger gets
    the unit's progress report written from the linked trainings (count / required, 100% once reached) through
    ``workplan.services.report_progress`` — which also checks that the unit owns the task and the actor may report
    for it. The count in the ledger is then the number of real records, not a typed figure."""
    if not access.can_change(actor, training):
        refuse_unit(training.unit)
    required = linkable_requirement(task)
    if required is None:
        raise RegistersError(
            "该任务没有“至少N次”的次数要求，不能计入培训次数；请选择“至少组织N次培训”一类的任务。",
            field="task",
        )
    if task.plan.year != training.held_on.year:
        raise RegistersError(
            f"该任务属于{task.plan.year}年工作要点，培训日期在{training.held_on.year}年，不能计入。",
            field="task",
        )
    if TrainingTask.objects.filter(training=training, task=task).exists():
        raise RegistersError("该培训已计入此任务。", field="task")
    link = TrainingTask.objects.create(
        training=training, task=task, linked_by=actor if getattr(actor, "pk", None) else None
    )
    linked = list(
        Training.objects.filter(unit=training.unit, task_links__task=task).order_by("held_on", "id")
    )
    done = len(linked)
    percent = min(100, round(100 * done / required))
    listing = "；".join(f"{t.held_on:%Y-%m-%d}《{t.topic}》" for t in linked)
    report_text = f"已组织培训{done}次（要求{required}次）：{listing}。（由培训登记自动报送）"
    workplan.report_progress(
        task,
        actor=actor,
        unit=training.unit,
        text=report_text,
        percent=percent,
        on=min(max(t.held_on for t in linked), timezone.localdate()),
        evidence_link=reverse("registers:trainings") + f"?unit={training.unit_id}&task={task.pk}",
    )
    audit.record(
        actor=actor,
        action="registers.training_linked",
        obj=training,
        unit=training.unit,
        after={"task": task.pk, "task_text": task.text[:100], "counted": done, "required": required},
    )
    return link
