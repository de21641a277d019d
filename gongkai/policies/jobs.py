"""Background jobs of the policy library (政策文件库), see docs/jobs.md."""

from django.urls import reverse
from django.utils import timezone

from gongkai.jobs.registry import JobResult, job

from . import selectors, services


@job(
    "policies.refresh",
    label="更新政策文件有效性",
    description="按当天日期把每份政策文件的状态写入其“有效性”（到期、废止、施行日期到来）。",
    retries=3,
    retry_delay=120,
    timeout=1800,
)
def refresh(ctx):
    changed = services.sync_validity()
    return JobResult(f"已按{timezone.localdate()}更新政策文件的有效性：{changed} 份发生变化。")


@job(
    "policies.alerts",
    label="到期评估提醒",
    description="列出进入到期评估期、尚未作出评估结论（延续、重新制发或到期失效）的政策文件，按单位汇总。",
    retries=2,
    retry_delay=120,
    timeout=600,
    working_days_only=True,
)
def alerts(ctx):
    today = timezone.localdate()
    docs = selectors.expiring(today)
    if not docs:
        return JobResult(f"{today}：没有待评估的文件。")
    by_unit: dict[str, int] = {}
    for doc in docs:
        name = doc.publication.unit.display_name
        by_unit[name] = by_unit.get(name, 0) + 1
    units = "；".join(f"{name} {n} 份" for name, n in by_unit.items())
    return JobResult(
        f"{today}：{len(docs)} 份文件已进入到期评估期，尚未作出评估结论。{units}。",
        reverse("policies:expiring"),
    )
