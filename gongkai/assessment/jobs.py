"""Background jobs of the assessment (see docs/jobs.md): computing and closing a period's scores for every unit
(hundreds of units × ~20 figures) runs in the worker with progress, never inside a request."""

from django.urls import reverse

from gongkai.jobs.registry import JobResult, job
from gongkai.roles import permissions

from . import services
from .models import Period


@job(
    "assessment.compute",
    label="计算考核成绩",
    description="按考核方案从各业务数据计算考核期内各单位成绩；结束考核期时冻结；已冻结的成绩须写明理由才重新计算。",
    retries=1,
    retry_delay=60,
    timeout=3600,
    progress=True,
    access=permissions.is_office_admin,
)
def compute(ctx):
    period = Period.objects.select_related("scheme").get(pk=int(ctx.params["period"]))
    action = ctx.params.get("action", "compute")

    def progress(done, total):
        ctx.progress(done, total, "项指标已计算")

    if action == "close":
        if period.is_closed:  # a retry after the close committed: nothing more to do
            return JobResult(f"{period.label}已结束。", reverse("assessment:period", args=[period.pk]))
        count = services.close_period(period, actor=ctx.actor, progress=progress)
        summary = f"{period.label}已结束，{count}个单位的成绩已冻结。"
    else:
        count = services.compute_period(
            period, actor=ctx.actor, reason=ctx.params.get("reason", ""), progress=progress
        )
        summary = f"{period.label}：已计算{count}个单位的成绩。"
    return JobResult(summary, reverse("assessment:period", args=[period.pk]))
