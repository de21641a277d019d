"""Reads for the jobs pages and the dashboard card (后台作业一览、运行记录、失败提醒)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.http import Http404
from django.utils import timezone

from gongkai.calendar import services as calendar

from . import access, registry, schedule
from .models import JobRun
from .registry import Job
from .vocab import Status

RECENT_FAILURES = 3
FAILURE_WINDOW = timedelta(days=30)
# A run still queued after this long means no worker is taking tasks (``gongkai jobs worker`` is not running).
STALE_QUEUE = timedelta(minutes=10)


@dataclass
class JobRow:
    job: Job
    when: str
    description: str
    last: JobRun | None
    next_run: datetime | None
    failures: list[JobRun] = field(default_factory=list)
    can_run_now: bool = False


def when_in_words(job: Job) -> tuple[str, str]:
    """(time in words, what the schedule says it does) — or how the job is started when it is not periodic."""
    entry = schedule.entry_for(job.name)
    if entry is None:
        return "不定时：由页面操作或“立即运行”发起", job.description
    return schedule.in_words(entry, job.working_days_only), entry.description


def next_run_of(job: Job, now: datetime | None = None) -> datetime | None:
    entry = schedule.entry_for(job.name)
    if entry is None:
        return None
    check = calendar.is_workday if job.working_days_only else None
    return schedule.next_run(entry, now or timezone.now(), is_workday=check)


def latest(job_name: str) -> JobRun | None:
    return (
        JobRun.objects.filter(job=job_name).select_related("started_by").order_by("-queued_at", "-id").first()
    )


def overview(user, now: datetime | None = None) -> list[JobRow]:
    now = now or timezone.now()
    rows = []
    for job in registry.all_jobs():
        when, description = when_in_words(job)
        failures = list(
            JobRun.objects.filter(
                job=job.name, status=Status.FAILED, queued_at__gte=now - FAILURE_WINDOW
            ).order_by("-queued_at", "-id")[:RECENT_FAILURES]
        )
        rows.append(
            JobRow(
                job=job,
                when=when,
                description=description,
                last=latest(job.name),
                next_run=next_run_of(job, now),
                failures=failures,
                can_run_now=access.can_run_now(user, job),
            )
        )
    return rows


def recent_runs(limit: int = 30):
    return JobRun.objects.select_related("started_by").order_by("-queued_at", "-id")[:limit]


def failing() -> list[JobRun]:
    """Per job, its latest decided run (成功 or 失败) when that run failed after all its retries."""
    result = []
    for job in registry.all_jobs():
        decided = (
            JobRun.objects.filter(job=job.name, status__in=[Status.SUCCEEDED, Status.FAILED])
            .order_by("-finished_at", "-id")
            .first()
        )
        if decided is not None and decided.status == Status.FAILED:
            result.append(decided)
    return result


def stale_queue(now: datetime | None = None) -> int:
    """Runs waiting longer than ``STALE_QUEUE``: the page then says the worker seems not to be running."""
    now = now or timezone.now()
    return JobRun.objects.filter(status=Status.QUEUED, queued_at__lt=now - STALE_QUEUE).count()


def label_of(job_name: str) -> str:
    return registry.get(job_name).label if registry.exists(job_name) else job_name


def get_run_for(user, pk: int) -> JobRun:
    """The run, if ``user`` may see it; otherwise 404 (whether it exists is not revealed)."""
    run = JobRun.objects.select_related("started_by", "unit").filter(pk=pk).first()
    if run is None or not access.can_view_run(user, run):
        raise Http404("没有找到该作业运行记录，或您无权查看。")
    return run
