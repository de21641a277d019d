"""Background and scheduled jobs of the annual report (see docs/jobs.md)."""

from django.urls import reverse

from gongkai.jobs.registry import JobResult, job
from gongkai.roles import permissions

from . import services


@job(
    "reports.generate_all",
    label="生成各单位年报草稿",
    description="按平台数据生成（或刷新）本年度所有单位的年报草稿；已审定、已发布的年报不变。",
    retries=1,
    retry_delay=60,
    timeout=3 * 3600,
    progress=True,
    access=permissions.is_office_admin,
)
def generate_all(ctx):
    year = int(ctx.params["year"])
    done = services.generate_all(
        year, actor=ctx.actor, progress=lambda n, total: ctx.progress(n, total, "个单位已生成")
    )
    return JobResult(
        f"{year}年度：生成或刷新草稿{done['generated']}份，跳过已审定或已发布{done['skipped']}份。",
        reverse("reports:board") + f"?year={year}",
    )


@job(
    "reports.remind",
    label="年报公布期限提醒",
    description="1—3月间，对临近或超过法定公布日期（部门1月31日、本级政府3月31日）仍未发布年报的单位每天提醒一次。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已生成年报提醒 {services.remind()} 条。")
