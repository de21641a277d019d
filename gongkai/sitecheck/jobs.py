"""Background jobs of site inspection, see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "sitecheck.remind",
    label="网站检查提醒",
    description="提醒责任单位：公开目录事项即将到期或已逾期未公开、政务新媒体2周未更新、僵尸号逾期未提出处置意见。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")
