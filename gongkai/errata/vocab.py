"""Vocabularies of 找错 reports (我为政府网站找错) and the rules as data, each with its source.

- The channel itself: a public "我为政府网站找错" entry on the portal is a 功能设计 item of the website inspection
  (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》, 扣分指标 "功能设计").
- The reply limit is a **local** rule in working days (``settings.GONGKAI_ERRATA_REPLY_DAYS``, default 3: 辽宁省
  政府网站管理办法 "专人处理网民纠错意见，3个工作日内答复"; no national figure is published).
- The yearly supervision assessment deducts for last year's reports: 3 points for each one not closed, 2 for each
  closed more than one month after it was received (政府网站年度考核指标 监管工作; see RULES §3).
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db import models

REPLY_DAYS_SOURCE = "辽宁省政府网站管理办法：专人处理网民纠错意见，3个工作日内答复（本县参照执行）"
CHANNEL_SOURCE = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》功能设计：“我为政府网站找错”"
# 年度考核 (监管工作): 上一年度“我为政府网站找错”留言每条未办结扣3分，每条超过1个月办结扣2分.
UNFINISHED_PENALTY = 3
LATE_CLOSE_PENALTY = 2
LATE_CLOSE_MONTHS = 1
ASSESSMENT_SOURCE = "政府网站年度考核指标（监管工作）：每条未办结扣3分，每条超过1个月办结扣2分"


def months_later(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ErrorType(models.TextChoices):
    """错误类型 (the inspection's own categories)."""

    TYPO = "typo", "错别字"
    WORDING = "wording", "表述错误"
    LINK = "link", "链接错误"
    OUTDATED = "outdated", "内容过期"
    UNREACHABLE = "unreachable", "无法访问"
    OTHER = "other", "其他"


class State(models.TextChoices):
    """办理状态: 待处理 → 处理中 → 已修正 / 不予采纳 (待复核) → 办结; the office's 复核 may send it back to 处理中."""

    PENDING = "pending", "待处理"
    HANDLING = "handling", "处理中"
    FIXED = "fixed", "已修正（待复核）"
    REJECTED = "rejected", "不予采纳（待复核）"
    CLOSED = "closed", "办结"


class Outcome(models.TextChoices):
    """承办单位的处理结果."""

    FIXED = "fixed", "已修正"
    REJECTED = "rejected", "不予采纳"


# Not yet answered by the unit: the reply limit runs.
OPEN_STATES = (State.PENDING, State.HANDLING)
# Answered, waiting for the office's re-check.
RECHECK_STATES = (State.FIXED, State.REJECTED)

# The unit that owns a page no resolver claims, or a page that is no object's: the openness office.
OFFICE_BASIS = "未能确定页面主管单位，由政务公开办处理"
