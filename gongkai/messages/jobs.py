"""Background jobs of messages (留言办理), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "messages.remind",
    label="留言到期提醒",
    description="提醒承办单位：留言即将到期、已逾期、有效留言超过3个月未答复（每条每天一次）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")
