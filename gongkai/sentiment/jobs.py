"""Background jobs of the sentiment ledger (舆情回应), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "sentiment.remind",
    label="舆情回应提醒",
    description="提醒责任单位：回应承诺即将到期、已逾期（每项每天一次），舆情回应期限已过仍未登记回应（每个期限一次）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")
