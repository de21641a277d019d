"""The 政务新媒体 no-update veto (国办秘函〔2019〕19号 附件2 单项否决: 监测时间点前2周内无更新)."""

from __future__ import annotations

from datetime import date, timedelta

STALE_DAYS = 14  # 2 weeks without an update fails the account outright (单项否决)


def is_stale(last_update: date | None, today: date, days: int = STALE_DAYS) -> bool:
    """True when the account has not been updated in the ``days`` before ``today`` (never updated counts)."""
    return last_update is None or last_update < today - timedelta(days=days)


def days_silent(last_update: date | None, today: date) -> int | None:
    return None if last_update is None else (today - last_update).days
