"""Importing a 工作要点 (导入): read the file or pasted text, extract parts, items and tasks, resolve the written unit
names, and save a draft plan. Nothing is saved when it cannot be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.core import filetype, workpoints
from gongkai.core.docread import readers
from gongkai.core.docread.readers import DocumentError
from gongkai.orgs import resolver

from .. import access
from ..errors import WorkPlanError
from ..models import PlanItem, PlanPart, Task, TaskUnit, UnitRole, WorkPlan
from ._common import require

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
SOURCE_KINDS = {
    "txt": ".txt",
    "text": ".txt",
    "docx": ".docx",
    "pdf": ".pdf",
    "html": ".html",
    "xlsx": ".xlsx",
    "doc": ".doc",
    "xls": ".xls",
    "ofd": ".ofd",
}


def read_source(data: bytes | None, *, filename: str = "", text: str = "") -> tuple[list, str]:
    """Blocks of an upload or pasted text, checked by size and content; WorkPlanError when unusable."""
    if text.strip():
        if len(text) > MAX_TEXT_CHARS:
            raise WorkPlanError(
                f"粘贴的文字超过{MAX_TEXT_CHARS // 10000}万字，请只粘贴工作要点正文及附件。", field="text"
            )
        return readers.read_text(text), "text"
    if data is None or (not data and not filename):  # no file at all; an empty file is the file check's
        raise WorkPlanError(
            "请选择要导入的工作要点文件（.docx、.pdf、.html、.txt），或在文本框中粘贴全文。", field="file"
        )
    try:
        kind = filetype.verdict(data, filename, readers.KINDS, MAX_UPLOAD_BYTES).value
    except filetype.FileTypeError as exc:
        raise WorkPlanError(str(exc), field="file", code=exc.code) from None
    try:
        blocks = readers.read(data, kind=kind)
    except DocumentError as exc:
        raise WorkPlanError(str(exc), field="file") from exc
    except Exception as exc:  # a damaged file must not become a server error
        raise WorkPlanError(
            f"文件“{filename or '上传文件'}”无法读取（{type(exc).__name__}），请检查文件是否损坏。",
            field="file",
        ) from exc
    return blocks, kind


def _chip(name: str, role: str, matches) -> tuple[dict, list[int]]:
    """One written unit name → a chip for the reviewer and the unit ids it assigns."""
    ids: list[int] = []
    parts = []
    for match in matches:
        entry = {"text": match.text, "kind": match.kind, "unit_name": match.unit_name, "group": match.group}
        if match.kind == "unmatched":
            entry["candidates"] = [
                {"id": candidate.unit_id, "name": candidate.name} for candidate in match.candidates
            ]
        elif match.kind == "group" and match.pick_required:
            entry["kind"] = "group_pick"  # 有关部门: the office decides which members
            entry["count"] = len(match.member_ids)
        else:
            ids.extend(match.unit_ids)
            if match.kind == "group":
                entry["count"] = len(match.member_ids)
        parts.append(entry)
    matched = bool(parts) and all(part["kind"] not in ("unmatched", "group_pick") for part in parts)
    chip = {"text": name, "role": role, "matched": matched, "parts": parts, "unit_ids": ids, "fixed": False}
    return chip, ids


def _resolve_names(task: dict, cache: dict) -> tuple[list[dict], dict[int, UnitRole]]:
    chips: list[dict] = []
    assigned: dict[int, UnitRole] = {}
    lead = list(task.get("lead_units") or [])
    names = [(name, UnitRole.LEAD) for name in lead] + [
        (name, UnitRole.RESPONSIBLE) for name in task.get("units") or [] if name not in lead
    ]
    suggested = not names
    if suggested:  # no annotation: the units named as the sentence's subject are offered, not assigned
        names = [(name, UnitRole.RESPONSIBLE) for name in task.get("subject_units") or []]
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
        for unit_id in ids:
            if assigned.get(unit_id) != UnitRole.LEAD:
                assigned[unit_id] = role
    return chips, assigned


def _task_fields(extracted: dict) -> dict:
    limit = extracted.get("time_limit") or {}
    deadline = date.fromisoformat(extracted["deadline"]) if extracted.get("deadline") else None
    return {
        "text": extracted.get("text") or "",
        "deadline": deadline,
        "deadline_text": (extracted.get("deadline_text") or workpoints.xlsx.deadline_text(extracted) or "")[
            :100
        ],
        "recurrence": (extracted.get("recurrence") or "")[:30],
        "count": extracted.get("count"),
        "time_limit_days": limit.get("working_days"),
        "indicators": extracted.get("indicators") or [],
    }


def _create_task(plan, item, extracted: dict, order: int, cache: dict, source_sentence: str = "") -> Task:
    chips, assigned = _resolve_names(extracted, cache)
    task = Task.objects.create(
        plan=plan,
        item=item,
        seq=order,
        order=order,
        source_sentence=source_sentence or extracted.get("text") or "",
        unit_names=chips,
        **_task_fields(extracted),
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=unit_id, role=role) for unit_id, role in assigned.items()
    )
    return task


def _date_or_none(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _preamble(result: dict) -> str:
    preamble = result.get("preamble")
    return "\n".join(preamble)[:5000] if isinstance(preamble, list) else str(preamble or "")[:5000]


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
    require(access.can_import, actor)
    blocks, kind = read_source(data, filename=filename, text=text)
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
        raise WorkPlanError("无法从标题、文号或日期判断年度，请在“年度”一栏填写后再导入。", field="year")
    with storedfiles.atomic():
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
            preamble=_preamble(result),
            created_by=actor,
            demo_key=demo_key,
        )
        if data:
            suffix = SOURCE_KINDS.get(kind, ".bin")
            plan.source_sha256 = storedfiles.save_file(plan.source_file, f"plan{plan.pk}{suffix}", data)
            plan.save(update_fields=["source_file", "source_sha256"])
        heads = {part["number"]: part.get("heading") or "" for part in result.get("parts") or []}
        parts: dict[str, PlanPart] = {}
        cache: dict = {}
        order = 0
        for item_order, raw in enumerate(items, start=1):
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
                order=item_order,
            )
            for extracted in raw.get("tasks") or []:
                order += 1
                _create_task(plan, item, extracted, order, cache)
        audit.record(
            actor=actor,
            action="workplan.imported",
            obj=plan,
            after={**plan.snapshot(), "items": len(items), "tasks": order, "source": plan.source_name},
        )
    return plan
