"""Every periodic job, its time and what it does (定时作业一览) — the one place the schedule lives.

Times are Beijing time (``settings.TIME_ZONE``) in crontab notation; the worker's scheduler turns each entry into a
huey periodic task (``gongkai.jobs.queue``). A job declared ``working_days_only`` is still started at its time every
day and records the run as 已跳过 on weekends and statutory holidays (checked against ``gongkai.calendar`` when it
runs, so a holiday notice imported later counts).

The management commands that used to be run from cron (``gongkai publish_due``, ``gongkai foi remind`` …) name their
job in ``periodic_jobs``; a test proves each of them is scheduled here and each entry names a registered job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone
from huey import crontab


@dataclass(frozen=True)
class Periodic:
    """One line of the schedule: ``minute``/``hour`` as in crontab (Beijing time)."""

    job: str
    minute: str
    hour: str
    description: str

    @property
    def cron(self) -> Callable[[datetime], bool]:
        return crontab(minute=self.minute, hour=self.hour, strict=True)


SCHEDULE: list[Periodic] = [
    Periodic(
        "publishing.publish_due",
        minute="*/5",
        hour="*",
        description="发布到达定时发布时间的已审查通过信息（原 cron：gongkai publish_due）。",
    ),
    Periodic(
        "foi.remind",
        minute="30",
        hour="8",
        description="向经办人发送临近答复期限和已超期的提醒，上班前送达（原 cron：gongkai foi remind）。",
    ),
    Periodic(
        "foi.purge_files",
        minute="30",
        hour="2",
        description="删除超过保存期限的申请人身份证明材料（原 cron：gongkai foi purge-files）。",
    ),
    Periodic(
        "orgs.purge_login_failures",
        minute="40",
        hour="2",
        description="删除超过保存天数的登录失败记录（锁定与延迟只看近期记录，审计日志保留每次登录失败）。",
    ),
    Periodic(
        "policies.refresh",
        minute="20",
        hour="0",
        description="按当天日期更新政策文件的有效性（原 cron：gongkai policies refresh）。",
    ),
    Periodic(
        "policies.alerts",
        minute="40",
        hour="8",
        description="列出进入到期评估期、尚未作出评估结论的政策文件（原 cron：gongkai policies alerts）。",
    ),
    Periodic(
        "participation.remind",
        minute="45",
        hour="8",
        description="意见征集即将截止、反馈待公布或已逾期、重大行政决策停滞的提醒。",
    ),
    Periodic(
        "messages.remind",
        minute="48",
        hour="8",
        description="留言即将到期、已逾期、有效留言超过3个月未答复的提醒。",
    ),
    Periodic(
        "errata.remind",
        minute="49",
        hour="8",
        description="找错报告即将到期、已逾期的提醒。",
    ),
    Periodic(
        "sitecheck.remind",
        minute="52",
        hour="8",
        description="公开目录事项即将到期或已逾期、政务新媒体2周未更新、僵尸号逾期未处置的提醒。",
    ),
    Periodic(
        "reports.remind",
        minute="50",
        hour="8",
        description="提醒临近或超过法定公布日期仍未发布上一年度年报的单位（条例第四十九条）。",
    ),
    Periodic(
        "sitecheck.inspect",
        minute="40",
        hour="3",
        description="巡检门户网站（国办秘函〔2019〕19号指标），派发整改工单、复查关闭已整改的工单；首页2周不变、"
        "站点可访问性按每日记录判断。",
    ),
    Periodic(
        "sentiment.remind",
        minute="10",
        hour="*",
        description="舆情回应期限已过仍未回应（按小时计的期限，节假日不停）、回应承诺即将到期或已逾期的提醒。",
    ),
]

_EVERY = re.compile(r"^\*/(\d+)$")


def entry_for(job_name: str) -> Periodic | None:
    return next((p for p in SCHEDULE if p.job == job_name), None)


def in_words(entry: Periodic, working_days_only: bool = False) -> str:
    """The time in Chinese for the jobs page: 每 5 分钟 / 每天 02:30 / 每个工作日 08:30。"""
    every = _EVERY.match(entry.minute)
    if every and entry.hour == "*":
        text = f"每 {every.group(1)} 分钟"
    elif entry.minute.isdigit() and entry.hour.isdigit():
        text = f"每天 {int(entry.hour):02d}:{int(entry.minute):02d}"
    else:
        text = f"按 crontab“{entry.minute} {entry.hour} * * *”"
    if working_days_only:
        text = text.replace("每天", "每个工作日") + "（周末和法定节假日跳过）"
    return text


def local_minute(utc_naive: datetime) -> datetime:
    """huey passes naive UTC times to the scheduler; the schedule is read in Beijing time (naive, to the minute)."""
    local = utc_naive.replace(tzinfo=UTC).astimezone(timezone.get_default_timezone())
    return local.replace(tzinfo=None, second=0, microsecond=0)


def slot_of(utc_naive: datetime) -> str:
    """The scheduled minute a periodic run belongs to (``2026-10-01T08:30``, Beijing time)."""
    return local_minute(utc_naive).strftime("%Y-%m-%dT%H:%M")


def is_due(entry: Periodic, utc_naive: datetime) -> bool:
    return entry.cron(local_minute(utc_naive))


def next_run(
    entry: Periodic,
    now: datetime,
    is_workday: Callable[[date], bool] | None = None,
    horizon_days: int = 31,
) -> datetime | None:
    """The next start after ``now`` (aware), skipping days that are not working days when ``is_workday`` is given."""
    tz = timezone.get_default_timezone()
    moment = now.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0) + timedelta(minutes=1)
    end = moment + timedelta(days=horizon_days)
    check = entry.cron
    while moment < end:
        if is_workday is not None and not is_workday(moment.date()):
            moment = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
            continue
        if check(moment):
            return timezone.make_aware(moment, tz)
        moment += timedelta(minutes=1)
    return None
