"""Background jobs of public participation (公众参与), see docs/jobs.md."""

from gongkai.jobs.registry import JobResult, job

from . import services


@job(
    "participation.remind",
    label="公众参与提醒",
    description="提醒组织单位：意见征集即将截止、征集截止后待公布反馈（含已逾期的反馈）、重大行政决策在同一阶段停留过久"
    "（每项每天一次）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
    working_days_only=True,
)
def remind(ctx):
    return JobResult(f"已写入提醒 {services.remind()} 条。")
