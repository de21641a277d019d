"""Shared helpers of the ``workdays`` and ``calendar`` commands."""

import re
from datetime import date

from django.core.management.base import CommandError

DATE_HELP = "日期格式应为 YYYY-MM-DD，例如 2026-09-28"
# The most working days one question may ask for (about 40 years): more is a typo, not a legal time limit.
MAX_DAYS = 10_000
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> date:
    value = (value or "").strip()
    if not _ISO.match(value):
        raise CommandError(f"{DATE_HELP}（收到：{value or '空'}）")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期不存在：{value}。{DATE_HELP}")


def parse_days(value: str) -> int:
    text = (value or "").strip()
    try:
        days = int(text) if text.isascii() else int("x")
    except ValueError:
        raise CommandError(f"工作日数应为不小于0的整数，例如 20（收到：{value}）")
    if days < 0:
        raise CommandError(f"工作日数应为不小于0的整数，例如 20（收到：{value}）")
    if days > MAX_DAYS:
        raise CommandError(f"工作日数不能超过{MAX_DAYS}（约四十年），请检查输入（收到：{value}）")
    return days


def parse_pause(value: str) -> tuple[date, date]:
    parts = value.split(":")
    if len(parts) != 2:
        raise CommandError(f"中止期间应写成 开始:结束，例如 2026-10-12:2026-10-16（收到：{value}）")
    start, end = parse_date(parts[0]), parse_date(parts[1])
    if end < start:
        raise CommandError(f"中止期间的结束日期{end}早于开始日期{start}，请更正（收到：{value}）")
    return start, end
