"""Every change to plans, tasks and progress (each in one transaction, each audited).

import_document → draft plan (extract + resolve units) → edits (units, split, merge, deadline) → publish →
progress reports by the owner units → mark done → archive; carry_forward copies unfinished tasks to a new plan.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import workpoints
from gongkai.core.docread import readers
from gongkai.core.docread.readers import DocumentError
from gongkai.core.filenames import safe_filename
from gongkai.orgs import resolver
from gongkai.orgs.models import Unit
from gongkai.orgs.permissions import is_office_admin, unit_ids

from .models import (
    PlanItem,
    PlanPart,
    PlanState,
    ProgressReport,
    Task,
    TaskStatus,
    TaskUnit,
    UnitRole,
    WorkPlan,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
SOURCE_KINDS = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html", "xlsx": ".xlsx"}
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Evidence files by content: PDF, images, Word/Excel (zip), never HTML or executables.
EVIDENCE_MAGIC = {
    b"%PDF-": ".pdf",
    b"\xff\xd8\xff": ".jpg",
    b"\x89PNG\r\n\x1a\n": ".png",
    b"PK\x03\x04": ".docx/.xlsx",
}


class WorkPlanError(ValueError):
    """A refused action; the message is for the official (Chinese)."""


# -- import ---------------------------------------------------------------------------------------------------


def read_source(data: bytes | None, filename: str = "", text: str = "") -> tuple[list, str]:
    """Blocks of an upload or pasted text, checked by size and content; WorkPlanError when unusable."""
    if text.strip():
        if len(text) > MAX_TEXT_CHARS:
            raise WorkPlanError(f"粘贴的文字超过{MAX_TEXT_CHARS // 10000}万字，请只粘贴工作要点正文及附件。")
        return readers.read_text(text), "text"
    if not data:
        raise WorkPlanError("请选择要导入的工作要点文件（.docx、.pdf、.html、.txt），或在文本框中粘贴全文。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkPlanError(
            f"文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB：工作要点通常不到1MB，请确认选对了文件。"
        )
    kind = readers.sniff(data)
    if kind == "ole":
        raise WorkPlanError("这是旧版 Word/Excel 文件（.doc/.xls）：请在 Word 中“另存为 .docx”后再上传。")
    if kind == "unknown":
        raise WorkPlanError("文件内容无法识别（不是 Word .docx、PDF、网页或文本文件），请检查文件是否损坏。")
    if kind == "txt" and b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkPlanError("文件内容是二进制数据，不是文字文件：请上传 .docx、.pdf、.html 或 .txt。")
    try:
        blocks = readers.read(data, kind=kind)
    except DocumentError as exc:
        raise WorkPlanError(str(exc)) from exc
    except Exception as exc:  # a damaged file must not become a server error
        raise WorkPlanError(
            f"文件“{filename or '上传文件'}”无法读取（{type(exc).__name__}），请检查文件是否损坏。"
        ) from exc
    return blocks, kind


def _chip(name: str, role: str, matches) -> tuple[dict, list[int]]:
    """One written unit name → a chip for the reviewer and the unit ids it assigns."""
    ids: list[int] = []
    parts = []
    for m in matches:
        entry = {"text": m.text, "kind": m.kind, "unit_name": m.unit_name, "group": m.group}
        if m.kind == "unmatched":
            entry["candidates"] = [{"id": c.unit_id, "name": c.name} for c in m.candidates]
        elif m.kind == "group" and m.pick_required:
            entry["kind"] = "group_pick"  # 有关部门: the office decides which members
            entry["count"] = len(m.member_ids)
        else:
            ids.extend(m.unit_ids)
            if m.kind == "group":
                entry["count"] = len(m.member_ids)
        parts.append(entry)
    matched = bool(parts) and all(p["kind"] not in ("unmatched", "group_pick") for p in parts)
    chip = {"text": name, "role": role, "matched": matched, "parts": parts, "unit_ids": ids, "fixed": False}
    return chip, ids


def _resolve_names(task: dict, cache: dict) -> tuple[list[dict], dict[int, str]]:
    chips, assigned = [], {}
    lead = list(task.get("lead_units") or [])
    names = [(n, UnitRole.LEAD) for n in lead] + [
        (n, UnitRole.RESPONSIBLE) for n in task.get("units") or [] if n not in lead
    ]
    suggested = not names
    if suggested:  # no annotation: the units named as the sentence's subject are offered, not assigned
        names = [(n, UnitRole.RESPONSIBLE) for n in task.get("subject_units") or []]
    for name, role in names:
        if name not in cache:
            if "_dir" not in cache:  # one directory per import: no version query per name
                cache["_dir"] = resolver.directory()
            cache[name] = cache["_dir"].resolve(name)
        chip, ids = _chip(name, role, cache[name])
        chips.append(chip)
        if suggested:
            chip.update(suggested=True, matched=False, suggest_ids=ids)
            continue
        for uid in ids:
            if assigned.get(uid) != UnitRole.LEAD:
                assigned[uid] = role
    return chips, assigned


def _task_fields(t: dict) -> dict:
    limit = t.get("time_limit") or {}
    deadline = date.fromisoformat(t["deadline"]) if t.get("deadline") else None
    return {
        "text": t.get("text") or "",
        "deadline": deadline,
        "deadline_text": (t.get("deadline_text") or workpoints.xlsx.deadline_text(t) or "")[:100],
        "recurrence": (t.get("recurrence") or "")[:30],
        "count": t.get("count"),
        "time_limit_days": limit.get("working_days"),
        "indicators": t.get("indicators") or [],
    }


def _create_task(plan, item, t: dict, order: int, cache: dict, source_sentence: str = "") -> Task:
    chips, assigned = _resolve_names(t, cache)
    task = Task.objects.create(
        plan=plan,
        item=item,
        seq=order,
        order=order,
        source_sentence=source_sentence or t.get("text") or "",
        unit_names=chips,
        **_task_fields(t),
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=uid, role=role) for uid, role in assigned.items()
    )
    return task


def _date_or_none(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def import_document(
    *,
    actor,
    data: bytes | None = None,
    filename: str = "",
    text: str = "",
    year: int | None = None,
    cycle: str = "monthly",
    demo_key: str = "",
) -> WorkPlan:
    """Read, extract and resolve a 工作要点 into a draft plan. Nothing is saved when it cannot be read."""
    blocks, kind = read_source(data, filename, text)
    try:
        result = workpoints.extract(blocks, year=year)
    except Exception as exc:  # extraction is fuzz-tested; this guards the transaction all the same
        raise WorkPlanError(f"提取工作要点时出错（{type(exc).__name__}），请把文件发给系统管理员。") from exc
    items = result.get("items") or []
    if not items:
        raise WorkPlanError(
            "没有识别出任何工作条目：工作要点应有“一、”“（一）”等编号。"
            "若编号是 Word 自动编号，请先在 Word 中将其转为文字（复制后“只保留文本”粘贴）再导入。"
        )
    plan_year = result.get("year") or year
    if not plan_year:
        raise WorkPlanError("无法从标题、文号或日期判断年度，请在“年度”一栏填写后再导入。")
    with transaction.atomic():
        plan = WorkPlan.objects.create(
            year=plan_year,
            title=(result.get("title") or f"{plan_year}年政务公开工作要点")[:200],
            issuer=(result.get("issuer") or "")[:100],
            doc_number=(result.get("doc_number") or "")[:60],
            date=_date_or_none(result.get("date")),
            source_name=(Path(filename).name if filename else "粘贴文本")[:200],
            source_kind=kind,
            cycle=cycle,
            warnings=result.get("warnings") or [],
            stats=result.get("stats") or {},
            preamble="\n".join(result.get("preamble") or [])[:5000]
            if isinstance(result.get("preamble"), list)
            else str(result.get("preamble") or "")[:5000],
            created_by=actor,
            demo_key=demo_key,
        )
        if data:
            suffix = SOURCE_KINDS.get(kind, ".bin")
            plan.source_file.save(f"plan{plan.pk}{suffix}", ContentFile(data), save=True)
        heads = {p["number"]: p.get("heading") or "" for p in result.get("parts") or []}
        parts: dict[str, PlanPart] = {}
        cache: dict = {}
        order = 0
        for i, raw in enumerate(items, start=1):
            path = raw.get("path") or []
            key = raw.get("part") or (path[0] if len(path) > 1 else "")
            part = None
            if key:
                if key not in parts:
                    parts[key] = PlanPart.objects.create(
                        plan=plan, number=key, heading=heads.get(key, "")[:300], order=len(parts) + 1
                    )
                part = parts[key]
            item = PlanItem.objects.create(
                plan=plan,
                part=part,
                path=raw.get("path") or [],
                number=(raw.get("number") or "")[:10],
                heading=(raw.get("heading") or raw.get("text") or "")[:300],
                text=raw.get("text") or "",
                annotation=raw.get("annotation") or "",
                order=i,
            )
            for t in raw.get("tasks") or []:
                order += 1
                _create_task(plan, item, t, order, cache)
        audit.record(
            actor=actor,
            action="workplan.imported",
            obj=plan,
            after={**plan.snapshot(), "items": len(items), "tasks": order, "source": plan.source_name},
        )
    return plan


# -- editing a draft (or a published plan: the office may still correct) -------------------------------------


def _editable(plan: WorkPlan) -> None:
    if plan.state == PlanState.ARCHIVED:
        raise WorkPlanError("该工作要点已归档，不能再修改。")


def update_plan(plan: WorkPlan, *, actor, **fields) -> WorkPlan:
    """Correct what extraction got wrong or could not find: title, issuer, 文号, date, year, reporting cycle."""
    _editable(plan)
    allowed = {"title", "issuer", "doc_number", "date", "year", "cycle"}
    if not (fields.get("title") or "").strip():
        raise WorkPlanError("标题不能为空。")
    with transaction.atomic():
        before = {
            **plan.snapshot(),
            "date": plan.date.isoformat() if plan.date else None,
            "issuer": plan.issuer,
        }
        for key, value in fields.items():
            if key in allowed:
                setattr(plan, key, value.strip() if isinstance(value, str) else value)
        plan.save()
        after = {
            **plan.snapshot(),
            "date": plan.date.isoformat() if plan.date else None,
            "issuer": plan.issuer,
        }
        audit.record(actor=actor, action="workplan.plan_changed", obj=plan, before=before, after=after)
    return plan


def _renumber(plan: WorkPlan) -> None:
    for n, task in enumerate(Task.objects.filter(plan=plan).order_by("item__order", "order", "id"), start=1):
        if task.seq != n or task.order != n:
            Task.objects.filter(pk=task.pk).update(seq=n, order=n)


def set_task_units(task: Task, *, lead: list[Unit], responsible: list[Unit], actor) -> Task:
    """Replace a task's owner units (牵头 and 责任)."""
    _editable(task.plan)
    if not lead and not responsible:
        raise WorkPlanError("每项任务至少要有一个牵头单位或责任单位。")
    with transaction.atomic():
        before = task.snapshot()
        TaskUnit.objects.filter(task=task).delete()
        lead_ids = {u.pk for u in lead}
        TaskUnit.objects.bulk_create(
            [TaskUnit(task=task, unit=u, role=UnitRole.LEAD) for u in lead]
            + [
                TaskUnit(task=task, unit=u, role=UnitRole.RESPONSIBLE)
                for u in responsible
                if u.pk not in lead_ids
            ]
        )
        for chip in task.unit_names:
            chip["fixed"] = True
        task.save(update_fields=["unit_names"])
        audit.record(
            actor=actor, action="workplan.task_units_changed", obj=task, before=before, after=task.snapshot()
        )
    return task


def set_item_units(item: PlanItem, *, lead: list[Unit], responsible: list[Unit], actor) -> int:
    """Give every task of an item the same owner units (for documents without unit annotations)."""
    tasks = list(item.tasks.all())
    if not tasks:
        raise WorkPlanError("本条目没有任务。")
    with transaction.atomic():
        for task in tasks:
            set_task_units(task, lead=lead, responsible=responsible, actor=actor)
    return len(tasks)


def assign_name(plan: WorkPlan, name: str, units: list[Unit], actor) -> int:
    """Fix a written unit name across the whole plan (e.g. 县数据局 → 县政务服务数据管理局); returns tasks changed.

    The chosen units take the name's role (牵头 or 责任) in every task that wrote that name.
    """
    _editable(plan)
    if not units:
        raise WorkPlanError("请选择至少一个单位。")
    changed = 0
    with transaction.atomic():
        for task in Task.objects.filter(plan=plan).select_for_update():
            hit = False
            for chip in task.unit_names:
                if chip.get("text") == name:
                    hit = True
                    chip["fixed"] = True
                    chip["matched"] = True
                    chip["unit_ids"] = [u.pk for u in units]
                    chip["fixed_names"] = [u.short_name or u.name for u in units]
                    for u in units:
                        tu, created = TaskUnit.objects.get_or_create(
                            task=task, unit=u, defaults={"role": chip.get("role") or UnitRole.RESPONSIBLE}
                        )
                        if not created and chip.get("role") == UnitRole.LEAD and tu.role != UnitRole.LEAD:
                            tu.role = UnitRole.LEAD
                            tu.save(update_fields=["role"])
            if hit:
                task.save(update_fields=["unit_names"])
                changed += 1
        if not changed:
            raise WorkPlanError(f"本工作要点中没有写作“{name}”的单位名称。")
        audit.record(
            actor=actor,
            action="workplan.unit_name_assigned",
            obj=plan,
            after={"name": name, "units": [u.pk for u in units], "tasks": changed},
        )
    return changed


def update_task(task: Task, *, text: str, deadline, deadline_text: str, weight, actor) -> Task:
    _editable(task.plan)
    text = (text or "").strip()
    if not text:
        raise WorkPlanError("任务内容不能为空。")
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


def split_task(task: Task, pieces: list[str], actor) -> list[Task]:
    """Split one task into several (each keeps the units, time and original sentence)."""
    _editable(task.plan)
    pieces = [p.strip() for p in pieces if p.strip()]
    if len(pieces) < 2:
        raise WorkPlanError("拆分需要至少两段任务内容：请用空行分隔各段。")
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
        for n, piece in enumerate(pieces[1:], start=1):
            clone = Task.objects.get(pk=task.pk)
            clone.pk = None
            clone.text = piece
            clone.order = task.order + n
            clone.save()
            TaskUnit.objects.bulk_create(
                TaskUnit(task=clone, unit_id=tu.unit_id, role=tu.role) for tu in units
            )
            created.append(clone)
        _renumber(task.plan)
        for t in created:
            t.refresh_from_db()
        audit.record(
            actor=actor,
            action="workplan.task_split",
            obj=task,
            before=before,
            after={"pieces": pieces, "tasks": [t.pk for t in created]},
        )
    return created


def merge_with_next(task: Task, actor) -> Task:
    """Merge a task with the next one of the same item (texts joined, units united)."""
    _editable(task.plan)
    nxt = Task.objects.filter(item=task.item, order__gt=task.order).order_by("order", "id").first()
    if nxt is None:
        raise WorkPlanError("这是本条目的最后一项任务，没有可以合并的下一项。")
    if nxt.reports.exists() or task.reports.exists():
        raise WorkPlanError("已有进展报送的任务不能合并。")
    with transaction.atomic():
        before = task.snapshot()
        task.text = f"{task.text}{'' if task.text.endswith(('。', '；')) else '；'}{nxt.text}"
        task.source_sentence = f"{task.source_sentence}{nxt.source_sentence}"
        task.deadline = max(filter(None, [task.deadline, nxt.deadline]), default=None)
        task.deadline_text = "；".join(dict.fromkeys(filter(None, [task.deadline_text, nxt.deadline_text])))[
            :100
        ]
        task.unit_names = task.unit_names + [c for c in nxt.unit_names if c not in task.unit_names]
        task.save()
        have = {tu.unit_id: tu for tu in task.task_units.all()}
        for tu in nxt.task_units.all():
            if tu.unit_id not in have:
                TaskUnit.objects.create(task=task, unit_id=tu.unit_id, role=tu.role)
            elif tu.role == UnitRole.LEAD and have[tu.unit_id].role != UnitRole.LEAD:
                have[tu.unit_id].role = UnitRole.LEAD
                have[tu.unit_id].save(update_fields=["role"])
        merged_id = nxt.pk
        nxt.delete()
        _renumber(task.plan)
        task.refresh_from_db()
        audit.record(
            actor=actor,
            action="workplan.task_merged",
            obj=task,
            before=before,
            after={**task.snapshot(), "merged": merged_id},
        )
    return task


# -- publish, track, close ----------------------------------------------------------------------------------


def publish(plan: WorkPlan, actor, cycle: str | None = None, at=None) -> WorkPlan:
    """Publish the 分工表: every owner unit now finds its tasks under 我的任务."""
    if plan.state != PlanState.DRAFT:
        raise WorkPlanError("只有草稿状态的工作要点可以发布。")
    orphans = list(Task.objects.filter(plan=plan, task_units__isnull=True).values_list("seq", flat=True))
    if orphans:
        shown = "、".join(str(s) for s in orphans[:15]) + ("等" if len(orphans) > 15 else "")
        raise WorkPlanError(
            f"还有{len(orphans)}项任务没有责任单位（序号 {shown}）：请先为它们指定单位再发布。"
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


def archive(plan: WorkPlan, actor) -> WorkPlan:
    if plan.state != PlanState.PUBLISHED:
        raise WorkPlanError("只有已发布的工作要点可以归档。")
    with transaction.atomic():
        before = plan.snapshot()
        plan.state = PlanState.ARCHIVED
        plan.save(update_fields=["state"])
        audit.record(actor=actor, action="workplan.archived", obj=plan, before=before, after=plan.snapshot())
    return plan


def reporting_units(user, task: Task) -> list[Unit]:
    """The task's owner units the user may report for (own units only; the office for any)."""
    owners = [tu.unit for tu in task.task_units.select_related("unit")]
    ids = unit_ids(user)
    return owners if ids is None else [u for u in owners if u.pk in ids]


def check_evidence(upload) -> tuple[str, bytes]:
    name = safe_filename(getattr(upload, "name", "") or "佐证材料")
    if upload.size > EVIDENCE_MAX_BYTES:
        raise WorkPlanError(f"佐证材料“{name}”超过{EVIDENCE_MAX_BYTES // (1024 * 1024)}MB，请压缩后上传。")
    data = upload.read()
    if not data:
        raise WorkPlanError(f"佐证材料“{name}”是空文件。")
    if not any(data.startswith(m) for m in EVIDENCE_MAGIC):
        raise WorkPlanError(f"佐证材料“{name}”不是 PDF、图片（JPG/PNG）或 Word/Excel 文件，请转换后上传。")
    return name, data


def report_progress(
    task: Task,
    *,
    unit: Unit,
    actor,
    text: str,
    percent: int,
    on: date | None = None,
    evidence=None,
    evidence_link: str = "",
) -> ProgressReport:
    """A unit reports progress on its own task (the office may report for any owner unit)."""
    if task.plan.state != PlanState.PUBLISHED:
        raise WorkPlanError("只能对已发布工作要点中的任务报送进展。")
    if unit.pk not in {u.pk for u in reporting_units(actor, task)}:
        raise WorkPlanError("只能为本单位承担的任务报送进展。")
    text = (text or "").strip()
    if not text:
        raise WorkPlanError("请填写进展情况：做了什么、形成了什么成果。")
    if not 0 <= int(percent) <= 100:
        raise WorkPlanError("完成进度应在0到100之间。")
    if on and on > timezone.localdate():
        raise WorkPlanError("报送日期不能晚于今天。")
    with transaction.atomic():
        report = ProgressReport(
            task=task,
            unit=unit,
            author=actor,
            date=on or timezone.localdate(),
            text=text[:5000],
            percent=int(percent),
            evidence_link=evidence_link or "",
        )
        if evidence is not None:
            name, data = check_evidence(evidence)
            report.evidence_name = name
            report.evidence_file.save(
                f"t{task.pk}{Path(name).suffix.lower()[:8]}", ContentFile(data), save=False
            )
        report.save()
        before = task.status
        if task.status == TaskStatus.NOT_STARTED:
            task.status = TaskStatus.IN_PROGRESS
        # Done when every owner unit's latest report says 100%.
        latest = latest_percents(task)
        if latest and all(p == 100 for p in latest.values()) and len(latest) == task.task_units.count():
            task.status, task.done_at = TaskStatus.DONE, report.date
        task.save(update_fields=["status", "done_at"])
        audit.record(
            actor=actor,
            action="workplan.progress_reported",
            obj=task,
            unit=unit,
            before={"status": before},
            after={
                "status": task.status,
                "percent": report.percent,
                "report": report.pk,
                "date": report.date.isoformat(),
            },
        )
    return report


def latest_percents(task: Task) -> dict[int, int]:
    """Each owner unit's latest reported percent."""
    out: dict[int, int] = {}
    for unit_id, percent in task.reports.order_by("date", "id").values_list("unit_id", "percent"):
        out[unit_id] = percent
    return out


def mark_done(task: Task, actor, on: date | None = None, reopen: bool = False) -> Task:
    """The office confirms a task done (or reopens it)."""
    if not is_office_admin(actor):
        raise WorkPlanError("只有政务公开办可以确认任务完成。")
    if task.plan.state != PlanState.PUBLISHED:
        raise WorkPlanError("只能确认已发布工作要点中的任务。")
    with transaction.atomic():
        before = task.snapshot()
        if reopen:
            task.status, task.done_at = TaskStatus.IN_PROGRESS, None
        else:
            task.status, task.done_at = TaskStatus.DONE, on or timezone.localdate()
        task.save(update_fields=["status", "done_at"])
        audit.record(
            actor=actor,
            action="workplan.task_reopened" if reopen else "workplan.task_done",
            obj=task,
            before=before,
            after=task.snapshot(),
        )
    return task


def carry_forward(tasks: list[Task], target: WorkPlan, actor) -> list[Task]:
    """回头看: copy last year's unfinished tasks into ``target`` under a part 上年度未完成任务（回头看）."""
    _editable(target)
    tasks = [t for t in tasks if t.status != TaskStatus.DONE and t.plan_id != target.pk]
    if not tasks:
        raise WorkPlanError("请选择至少一项未完成的任务。")
    already = set(
        Task.objects.filter(plan=target, carried_from__in=tasks).values_list("carried_from_id", flat=True)
    )
    tasks = [t for t in tasks if t.pk not in already]
    if not tasks:
        raise WorkPlanError("所选任务已结转到本工作要点。")
    with transaction.atomic():
        max_order = PlanPart.objects.filter(plan=target).aggregate(m=Max("order"))["m"] or 0
        part, _ = PlanPart.objects.get_or_create(
            plan=target,
            number="回头看",
            defaults={"heading": "上年度未完成任务（回头看）", "order": max_order + 1},
        )
        item_order = PlanItem.objects.filter(plan=target).aggregate(m=Max("order"))["m"] or 0
        task_order = Task.objects.filter(plan=target).aggregate(m=Max("order"))["m"] or 0
        created = []
        for src in tasks:
            heading = f"（{src.plan.year}年）{src.item.heading}"[:300]
            item = PlanItem.objects.filter(plan=target, part=part, heading=heading).first()
            if item is None:
                item_order += 1
                item = PlanItem.objects.create(
                    plan=target,
                    part=part,
                    heading=heading,
                    text=src.item.text,
                    path=["回头看"],
                    order=item_order,
                )
            task_order += 1
            copy = Task.objects.create(
                plan=target,
                item=item,
                seq=task_order,
                order=task_order,
                text=src.text,
                source_sentence=src.source_sentence,
                unit_names=src.unit_names,
                deadline=None,
                deadline_text="",
                recurrence=src.recurrence,
                count=src.count,
                time_limit_days=src.time_limit_days,
                indicators=src.indicators,
                weight=src.weight,
                carried_from=src,
            )
            TaskUnit.objects.bulk_create(
                TaskUnit(task=copy, unit_id=tu.unit_id, role=tu.role) for tu in src.task_units.all()
            )
            created.append(copy)
        _renumber(target)
        audit.record(
            actor=actor,
            action="workplan.carried_forward",
            obj=target,
            after={"from": sorted(t.pk for t in tasks), "created": [t.pk for t in created]},
        )
    return created
