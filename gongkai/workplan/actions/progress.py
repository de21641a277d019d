"""Progress (进展报送): an owner unit reports on its task with evidence; a task is done when every owner unit's
latest report says 100%, or when the office confirms it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.core.docread.readers import sniff
from gongkai.core.filenames import safe_filename
from gongkai.orgs.models import Unit

from .. import access, selectors
from ..errors import WorkPlanError
from ..models import PlanState, ProgressReport, Task, TaskStatus
from ._common import require

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Evidence files by content: PDF, images, Word/Excel, never HTML or executables. The stored file and the download
# name take the extension of the sniffed kind, never the uploader's; the content type served follows it.
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def evidence_extension(data: bytes) -> str | None:
    """The extension of the evidence's real kind, from its bytes (None: not an accepted kind)."""
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    kind = sniff(data)
    return f".{kind}" if kind in ("pdf", "docx", "xlsx") else None


def check_evidence(upload) -> tuple[str, bytes]:
    """The evidence file's safe name — its stem with the extension of its sniffed kind — and content;
    WorkPlanError (on ``evidence``) for a file that is not allowed."""
    name = safe_filename(getattr(upload, "name", "") or "佐证材料")
    if upload.size > EVIDENCE_MAX_BYTES:
        raise WorkPlanError(
            f"佐证材料“{name}”超过{EVIDENCE_MAX_BYTES // (1024 * 1024)}MB，请压缩后上传。", field="evidence"
        )
    data = upload.read()
    if not data:
        raise WorkPlanError(f"佐证材料“{name}”是空文件。", field="evidence")
    extension = evidence_extension(data)
    if extension is None:
        raise WorkPlanError(
            f"佐证材料“{name}”不是 PDF、图片（JPG/PNG）或 Word/Excel（.docx/.xlsx）文件，请转换后上传。",
            field="evidence",
        )
    return safe_filename(f"{Path(name).stem or '佐证材料'}{extension}"), data


def report_progress(
    task: Task,
    *,
    actor,
    unit: Unit,
    text: str,
    percent: int,
    on: date | None = None,
    evidence=None,
    evidence_link: str = "",
) -> ProgressReport:
    """A unit reports progress on its own task (the office may report for any owner unit)."""
    if task.plan.state != PlanState.PUBLISHED:
        raise WorkPlanError("只能对已发布工作要点中的任务报送进展。")
    if not access.can_report(actor, task, unit):
        raise WorkPlanError("只能为本单位承担的任务报送进展。", field="unit", code="forbidden")
    text = (text or "").strip()
    if not text:
        raise WorkPlanError("请填写进展情况：做了什么、形成了什么成果。", field="text")
    if not 0 <= int(percent) <= 100:
        raise WorkPlanError("完成进度应在0到100之间。", field="percent")
    if on and on > timezone.localdate():
        raise WorkPlanError("报送日期不能晚于今天。", field="date")
    with storedfiles.atomic():
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
            report.evidence_sha256 = storedfiles.save_file(
                report.evidence_file, f"t{task.pk}{Path(name).suffix}", data
            )
        report.save()
        before = task.status
        if task.status == TaskStatus.NOT_STARTED:
            task.status = TaskStatus.IN_PROGRESS
        # Done when every owner unit's latest report says 100%.
        latest = selectors.latest_percents(task)
        if (
            latest
            and all(reported == 100 for reported in latest.values())
            and len(latest) == task.task_units.count()
        ):
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


def mark_done(task: Task, *, actor, on: date | None = None, reopen: bool = False) -> Task:
    """The office confirms a task done (or reopens it)."""
    require(access.can_confirm_done, actor, "只有政务公开办可以确认任务完成。")
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
