"""Progress (进展报送): an owner unit reports on its task with evidence; a task is done when every owner unit's
latest report says 100%, or when the office confirms it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.core import filetype
from gongkai.core.filetype import Kind
from gongkai.orgs.models import Unit

from .. import access, selectors
from ..errors import WorkPlanError
from ..models import PlanState, ProgressReport, Task, TaskStatus
from ._common import require

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Evidence files by content (core.filetype): PDF, images, Word/Excel/WPS, OFD; never HTML, archives or programs.
EVIDENCE_KINDS = (Kind.PDF, Kind.JPEG, Kind.PNG, Kind.DOCX, Kind.XLSX, Kind.DOC, Kind.XLS, Kind.OFD)


# The content type each accepted kind is served with (by the stored file's extension, which is the sniffed kind's).
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ofd": "application/ofd",
}


def check_evidence(upload) -> tuple[str, bytes]:
    """The evidence file's safe name — its stem with the extension of its sniffed kind (never the uploader's) — and
    content; WorkPlanError (on ``evidence``) for a file that is not allowed."""
    try:
        checked = filetype.check(upload, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES)
    except filetype.FileTypeError as exc:
        raise WorkPlanError(str(exc), field="evidence", code=exc.code) from None
    return f"{Path(checked.name).stem or '佐证材料'}.{checked.kind.value}", checked.data


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
