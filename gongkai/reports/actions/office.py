"""The openness office's year (年报工作): every unit's draft generated as a background job, reminders before the
statutory date, batches of uploaded external reports checked into one table of findings per unit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import annualreport

from .. import access, selectors
from ..errors import ReportError
from ..models import AnnualReport, Batch, BatchFinding, Reminder
from ..vocab import REMIND_DAYS, ReportState
from .common import refuse
from .generate import generate

MAX_BATCH_FILES = 500
MAX_FILE_MB = 10


def generate_all(year: int, *, actor, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Generate or refresh the draft of every reporting unit for ``year`` (reports already approved or published
    are left alone). Idempotent: a second run refreshes the same drafts."""
    if not access.can_run_year(actor):
        raise refuse("只有政务公开办可以批量生成各单位年报。")
    units = list(selectors.reporting_units())
    done = {"generated": 0, "skipped": 0}
    states = dict(AnnualReport.objects.filter(year=year).values_list("unit_id", "state"))
    for index, unit in enumerate(units, start=1):
        if states.get(unit.pk, ReportState.DRAFT) != ReportState.DRAFT:
            done["skipped"] += 1
        else:
            generate(unit, year, actor=actor, scope=selectors.scope_of(unit))
            done["generated"] += 1
        if progress:
            progress(index, len(units))
    return done


def remind(*, today: date | None = None) -> int:
    """One reminder per unit and day while last year's report is unpublished within ``REMIND_DAYS`` of its
    statutory date or past it; shown on the unit's dashboard. Returns how many were created."""
    today = today or timezone.localdate()
    if today.month > 6:
        return 0
    created = 0
    rows = selectors.board(today.year - 1, today).rows
    with transaction.atomic():
        for row in rows:
            if row.state == "已发布" or row.days_left is None or row.days_left > REMIND_DAYS:
                continue
            kind = "overdue" if row.days_left < 0 else "due_soon"
            text = (
                f"{row.unit.name}{today.year - 1}年年报已超过法定公布期限（{row.due:%m月%d日}）{-row.days_left}天，请尽快发布。"
                if kind == "overdue"
                else f"{row.unit.name}{today.year - 1}年年报须在{row.due:%m月%d日}前公布，还有{row.days_left}天（当前：{row.state}）。"
            )
            _, new = Reminder.objects.get_or_create(
                unit=row.unit, year=today.year - 1, kind=kind, day=today, defaults={"text": text}
            )
            created += int(new)
        if created:
            audit.record(
                actor=None,
                action="reports.reminded",
                object_type="reports.reminder",
                object_repr=f"{today.year - 1}年年报提醒",
                after={"created": created, "day": today.isoformat()},
            )
    return created


def check_batch(files: list[tuple[str, bytes]], *, actor, title: str = "") -> Batch:
    """Check uploaded reports (.html/.txt/.docx, saved web pages) as one batch — consecutive years of a unit are
    paired for the carryover checks — and keep one table of findings per unit."""
    if not access.can_run_year(actor):
        raise refuse("只有政务公开办可以批量核对年报。")
    if not files:
        raise ReportError("请选择要核对的年报文件（.html/.htm/.txt/.docx）。", field="files")
    if len(files) > MAX_BATCH_FILES:
        raise ReportError(f"一次最多核对{MAX_BATCH_FILES}个文件，请分批上传。", field="files")
    big = [name for name, data in files if len(data) > MAX_FILE_MB * 1024 * 1024]
    if big:
        raise ReportError(f"文件“{big[0]}”超过{MAX_FILE_MB}MB，不像一份年报，请检查。", field="files")
    result = annualreport.check_files(files)
    title = (title or "").strip() or f"{timezone.localdate():%Y-%m-%d} 上传的年报"
    with transaction.atomic():
        batch = Batch.objects.create(
            title=title[:100],
            uploaded_by=actor,
            files=[
                {
                    "name": r.name,
                    "unit": r.unit,
                    "year": r.report.year if r.report else None,
                    "errors": sum(f.is_error for f in r.findings) + (1 if r.error else 0),
                    "warnings": sum(not f.is_error for f in r.findings),
                    "previous": r.previous,
                }
                for r in result.results
            ],
        )
        BatchFinding.objects.bulk_create(
            BatchFinding(
                batch=batch,
                unit_name=unit[:100],
                file=row.file[:200],
                year=row.year,
                rule=row.rule,
                severity=row.severity,
                where=row.where[:200],
                message=row.message,
            )
            for unit, rows in result.by_unit().items()
            for row in rows
        )
        audit.record(
            actor=actor,
            action="reports.batch_checked",
            obj=batch,
            after={"files": len(files), "findings": batch.findings.count()},
        )
    return batch
