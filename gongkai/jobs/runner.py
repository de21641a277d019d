"""The wrapper around every job run (作业执行): records the ``JobRun`` before, during and after the job.

    queued ──► running ──► succeeded
                 │  └────► retrying ──► running … (huey re-runs it after retry_delay × backoff)
                 │  └────► failed      (after the last retry; error and a trimmed traceback kept)
                 └───────► skipped     (a scheduled run of a working-days-only job on a weekend or holiday;
                                        a run started by hand always runs)

Progress (``ctx.progress(done, total, message)``) is written at most every ``PROGRESS_INTERVAL`` seconds, never once
per item, and doubles as the cooperative timeout check for thread workers (huey's process workers also enforce the
timeout with a signal).
"""

from __future__ import annotations

import contextvars
import logging
import time
import traceback as tb
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from huey.exceptions import TaskTimeout

from gongkai.audit.context import audit_context
from gongkai.calendar import services as calendar
from gongkai.core.errors import ServiceError

from . import registry
from .models import JobRun
from .registry import Job, JobResult
from .vocab import Status, Trigger

logger = logging.getLogger("gongkai.jobs")

PROGRESS_INTERVAL = 0.5  # seconds between two progress writes
TRACEBACK_LINES = 40
TRACEBACK_CHARS = 6000

_context: contextvars.ContextVar[JobContext | None] = contextvars.ContextVar("gongkai_job", default=None)


@dataclass
class JobContext:
    """What a job function receives: its run, who started it, its parameters, and the progress reporter."""

    run: JobRun
    job: Job
    task: object = None
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    done: int = 0
    total: int | None = None
    message: str = ""
    writes: int = 0
    _last_write: float | None = field(default=None, repr=False)

    @property
    def actor(self):
        """The user who started the run (``None``: the scheduler or a command, i.e. the system)."""
        return self.run.started_by

    @property
    def params(self) -> dict:
        return self.run.params or {}

    @property
    def unit(self):
        return self.run.unit

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Report ``done`` of ``total`` items; stored at most every ``PROGRESS_INTERVAL`` seconds."""
        self.done, self.message = done, message or self.message
        if total is not None:
            self.total = total
        check_timeout = getattr(self.task, "check_timeout", None)
        if check_timeout is not None:
            check_timeout()
        now = self.clock()
        if self._last_write is None or now - self._last_write >= PROGRESS_INTERVAL:
            self._last_write = now
            self.flush()

    def flush(self) -> None:
        self.writes += 1
        JobRun.objects.filter(pk=self.run.pk).update(
            progress_done=self.done, progress_total=self.total, progress_message=self.message[:200]
        )


def progress(done: int, total: int | None = None, message: str = "") -> None:
    """Report progress of the job running in this thread (no-op outside a job): for code handed no context."""
    ctx = _context.get()
    if ctx is not None:
        ctx.progress(done, total, message)


def execute(job_name: str, *, run_id=None, slot: str = "", task=None, in_worker: bool = False) -> str | None:
    """Run one attempt of a job and record it. Re-raises the job's exception so huey retries it."""
    if in_worker:
        close_old_connections()  # like a request: drop a connection the database closed meanwhile
    try:
        try:
            declared = registry.get(job_name)
        except LookupError as exc:  # queued by an older version that still declared the job
            if run_id is not None:
                JobRun.objects.filter(pk=run_id).update(
                    status=Status.FAILED, error=f"{exc}（作业已不存在）", finished_at=timezone.now()
                )
            raise
        return _execute(declared, run_id=run_id, slot=slot, task=task, in_worker=in_worker)
    finally:
        if in_worker:
            close_old_connections()


def _execute(declared: Job, *, run_id, slot: str, task, in_worker: bool) -> str | None:
    run = _claim(declared, run_id=run_id, slot=slot, task=task)
    if run is None:
        return None
    if declared.working_days_only and run.trigger == Trigger.SCHEDULE:
        reason = _not_a_working_day(_scheduled_day(run))
        if reason:
            _finish(run, Status.SKIPPED, result=reason)
            return reason
    ctx = JobContext(run=run, job=declared, task=task)
    token = _context.set(ctx)
    try:
        with audit_context(channel="job"):
            value = declared.func(ctx)
    except Exception as exc:
        if in_worker:
            close_old_connections()  # a failed query may have left the connection unusable
        _failed(run, exc, task)
        raise
    finally:
        _context.reset(token)
    result = value if isinstance(value, JobResult) else JobResult(str(value) if value is not None else "")
    _finish(run, Status.SUCCEEDED, result=result.summary, url=result.url, ctx=ctx)
    return result.summary


def _claim(declared: Job, *, run_id, slot: str, task) -> JobRun | None:
    """The run this attempt belongs to, marked running; ``None`` when there is nothing to do."""
    if run_id is not None:
        run = JobRun.objects.filter(pk=run_id).first()
        if run is None:
            logger.warning("作业 %s 的运行记录 #%s 不存在，未执行。", declared.name, run_id)
            return None
    else:
        task_id = getattr(task, "id", "") or ""
        run = JobRun.objects.filter(task_id=task_id).first() if task_id else None
        if run is None:
            try:
                with transaction.atomic():
                    run = JobRun.objects.create(
                        job=declared.name,
                        trigger=Trigger.SCHEDULE,
                        task_id=task_id,
                        slot=slot,
                        max_attempts=(getattr(task, "retries", 0) or 0) + 1,
                    )
            except IntegrityError:
                # Another scheduler already enqueued this minute: one run per slot.
                logger.info(
                    "作业 %s 在 %s 已有运行记录（另一个调度进程），本次不重复执行。", declared.name, slot
                )
                return None
    if run.is_finished:
        logger.info("作业运行 #%s 已结束（%s），不再执行。", run.pk, run.get_status_display())
        return None
    run.status = Status.RUNNING
    run.attempts += 1
    run.started_at = timezone.now()
    run.next_retry_at = None
    run.save(update_fields=["status", "attempts", "started_at", "next_retry_at"])
    return run


def _scheduled_day(run: JobRun) -> date:
    """The day a scheduled run belongs to: its slot's (Beijing time), else today."""
    if run.slot:
        return date.fromisoformat(run.slot[:10])
    return timezone.localdate()


def _not_a_working_day(day: date) -> str:
    """Why ``day`` is not a working day on the statutory calendar (``""`` when it is one)."""
    cal = calendar.get_calendar()
    if cal.is_workday(day):
        return ""
    why = cal.names.get(day) or ("周末" if day.weekday() >= 5 else "非工作日")
    return f"{day.isoformat()} 不是工作日（{why}），按规定跳过，下一个工作日再运行。"


def _finish(
    run: JobRun, status: str, *, result: str = "", url: str = "", ctx: JobContext | None = None
) -> None:
    now = timezone.now()
    run.status = status
    run.finished_at = now
    run.duration = now - run.started_at if run.started_at else timedelta(0)
    run.result = result
    run.result_url = url
    fields = ["status", "finished_at", "duration", "result", "result_url"]
    if ctx is not None and (ctx.total is not None or ctx.done):
        run.progress_done, run.progress_total, run.progress_message = ctx.done, ctx.total, ctx.message[:200]
        fields += ["progress_done", "progress_total", "progress_message"]
    run.save(update_fields=fields)


def describe_error(exc: BaseException) -> str:
    """The exception as a user reads it: a ``ServiceError``'s Chinese message, else ``Type: message``."""
    if isinstance(exc, TaskTimeout):
        return f"超过作业时限，已中止（{exc}）。"
    text = str(exc)
    if isinstance(exc, ServiceError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def trimmed_traceback(exc: BaseException) -> str:
    lines = "".join(tb.format_exception(type(exc), exc, exc.__traceback__)).splitlines()
    if len(lines) > TRACEBACK_LINES:
        lines = ["…（前略）"] + lines[-TRACEBACK_LINES:]
    return "\n".join(lines)[-TRACEBACK_CHARS:]


def _failed(run: JobRun, exc: BaseException, task) -> None:
    now = timezone.now()
    retries_left = getattr(task, "retries", 0) or 0
    run.error = describe_error(exc)[:4000]
    run.traceback = trimmed_traceback(exc)
    run.duration = now - run.started_at if run.started_at else timedelta(0)
    if retries_left > 0:
        run.status = Status.RETRYING
        run.next_retry_at = now + timedelta(seconds=getattr(task, "retry_delay", 0) or 0)
    else:
        run.status = Status.FAILED
        run.finished_at = now
    try:
        run.save(update_fields=["status", "error", "traceback", "duration", "next_retry_at", "finished_at"])
    except Exception:  # the database itself may be what failed: keep the job's own error for huey's log
        logger.exception("作业运行 #%s 的失败未能记录。", run.pk)
