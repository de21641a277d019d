"""One row per run of a background job (作业运行记录): queued, running, retried, finished or skipped.

The runner (``gongkai.jobs.runner``) writes it around every job, whatever started it, so runs, retries and failures
are visible on ``/work/jobs/`` without reading the worker's log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .vocab import FINISHED, Status, Trigger


class JobRun(models.Model):
    job = models.CharField("作业", max_length=100, db_index=True)
    trigger = models.CharField("触发方式", max_length=20, choices=Trigger.choices)
    params = models.JSONField("参数", default=dict, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveIntegerField("最多尝试次数", default=1)
    queued_at = models.DateTimeField("排队时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    duration = models.DurationField("用时", null=True, blank=True)
    next_retry_at = models.DateTimeField("下次重试时间", null=True, blank=True)
    progress_done = models.PositiveIntegerField("已完成", default=0)
    progress_total = models.PositiveIntegerField("总数", null=True, blank=True)
    progress_message = models.CharField("进度说明", max_length=200, blank=True)
    result = models.TextField("结果", blank=True)
    result_url = models.CharField("结果链接", max_length=500, blank=True)
    error = models.TextField("错误", blank=True)
    traceback = models.TextField("错误堆栈（节选）", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_runs",
    )
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # huey's task id: the same across the retries of one run.
    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    # The scheduled minute of a periodic run (``2026-10-01T08:30``): two schedulers enqueueing the same minute
    # produce one run, the second is dropped (see docs/jobs.md § 生产部署).
    slot = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "作业运行记录"
        verbose_name_plural = "作业运行记录"
        ordering = ["-queued_at", "-id"]
        indexes = [models.Index(fields=["job", "-queued_at"], name="jobs_run_job_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "slot"], condition=~Q(slot=""), name="jobs_run_one_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.pk}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("jobs:run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int | None:
        """Whole percent done, when the job reported a total (a finished success is 100)."""
        if self.status == Status.SUCCEEDED:
            return 100
        if not self.progress_total:
            return None
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def duration_text(self) -> str:
        """用时 in words: 3.2 秒 / 4 分 5 秒 / 1 小时 2 分."""
        if self.duration is None:
            return ""
        seconds = self.duration.total_seconds()
        if seconds < 60:
            return f"{seconds:.1f} 秒"
        minutes, secs = divmod(round(seconds), 60)
        if minutes < 60:
            return f"{minutes} 分 {secs} 秒"
        hours, minutes = divmod(minutes, 60)
        return f"{hours} 小时 {minutes} 分"
