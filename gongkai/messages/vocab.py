"""Vocabularies of messages (留言/信箱) and the rules as data.

The reply limit of each channel is a **local** rule (the county's 政府网站留言办理规定); the defaults below are what
the office starts from and may change per channel, recording the source. The three-month rule is national: a valid
message left unanswered for more than three months fails the website inspection outright (国办秘函〔2019〕19号,
《政府网站与政务新媒体检查指标》 单项否决指标 "互动回应差").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import models

# 国办秘函〔2019〕19号 单项否决: 有效留言超过3个月未回应. Counted in calendar months.
UNANSWERED_MONTHS = 3


def unanswered_cutoff(today: date) -> date:
    """Messages received before this day and still unanswered are "more than three months" old."""
    month = today.month - UNANSWERED_MONTHS
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


UNANSWERED_SOURCE = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标“互动回应差”"


class State(models.TextChoices):
    """留言状态."""

    RECEIVED = "received", "待分办"
    DISPATCHED = "dispatched", "办理中"
    DRAFTED = "drafted", "答复待审核"
    REPLIED = "replied", "已答复"
    MERGED = "merged", "已合并"
    INVALID = "invalid", "无效留言"


OPEN_STATES = (State.RECEIVED, State.DISPATCHED, State.DRAFTED)
# Valid messages: everything but duplicates merged into another and messages declared invalid (spam, abuse).
VALID_EXCLUDED = (State.MERGED, State.INVALID)


class Rating(models.TextChoices):
    """满意度."""

    SATISFIED = "satisfied", "满意"
    FAIRLY = "fairly", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Adoption(models.TextChoices):
    """建议采纳情况 (feeds the participation figures)."""

    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class ExtensionState(models.TextChoices):
    PENDING = "pending", "待领导审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "未批准"


@dataclass(frozen=True)
class ChannelRule:
    code: str
    name: str
    reply_days: int
    public_by_default: bool
    categories: tuple[str, ...]
    source: str


LOCAL_RULE = "示范县政府网站留言办理规定（地方设置，政务公开办可按渠道调整）"

# The channels the office starts with (县长信箱, 部门信箱, 网上咨询, 投诉建议, 建言献策, 12345).
DEFAULT_CHANNELS: tuple[ChannelRule, ...] = (
    ChannelRule("mayor", "县长信箱", 10, False, ("咨询", "求助", "投诉", "建议"), LOCAL_RULE),
    ChannelRule("department", "部门信箱", 10, True, ("咨询", "求助", "投诉", "建议"), LOCAL_RULE),
    ChannelRule("consult", "网上咨询", 5, True, ("政策咨询", "办事咨询"), LOCAL_RULE),
    ChannelRule("complaint", "投诉建议", 10, True, ("投诉", "建议"), LOCAL_RULE),
    ChannelRule("proposal", "建言献策", 15, True, ("建议",), LOCAL_RULE),
    ChannelRule(
        "hotline",
        "12345热线",
        5,
        False,
        ("咨询", "求助", "投诉", "建议"),
        "12345政务服务便民热线工单办理时限（地方设置）",
    ),
)
