"""Background jobs of errata (找错), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "errata.remind",
    label="找错报告到期提醒",
    description="提醒页面主管单位：找错报告即将到期、已逾期（每条每天一次）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")
