"""The vocabularies of public participation (公众参与) and the county's rules as data.

The statutory limits and the stages of a major decision are ``gongkai.core.participation`` (each with its article of
《重大行政决策程序暂行条例》, 国务院令第713号); what the county decides for itself (which categories must hold a public
consultation before 决定, the feedback deadline, the public seats at a meeting) is in settings.
"""

from __future__ import annotations

from django.db import models

from gongkai.core import participation as rules


class Category(models.TextChoices):
    """决策类别 (第3条 scope, as the county groups it)."""

    PUBLIC_POLICY = "public_policy", "重大公共政策和措施"
    PLANNING = "planning", "经济和社会发展等重要规划"
    RESOURCES = "resources", "重要自然资源和文化资源开发利用、保护"
    CONSTRUCTION = "construction", "重大建设项目"
    PUBLIC_RESOURCES = "public_resources", "公共资源配置"
    PUBLIC_WELFARE = "public_welfare", "社会公益事业"
    OTHER = "other", "其他重大事项"


Stage = models.TextChoices("Stage", [(s.code, (s.code, s.label)) for s in rules.STAGES])  # type: ignore[misc]
Stage.__doc__ = "决策阶段, in the order of the 条例 (``gongkai.core.participation.STAGES``)."

Method = models.TextChoices("Method", [(code, (code, label)) for code, label in rules.METHODS])  # type: ignore[misc]


class Channel(models.TextChoices):
    """意见渠道."""

    ONLINE = "online", "网上提交"
    EMAIL = "email", "电子邮件"
    POST = "post", "信函"
    SYMPOSIUM = "symposium", "座谈会记录"


class Group(models.TextChoices):
    """重点征求意见对象."""

    ENTERPRISES = "enterprises", "企业"
    ASSOCIATIONS = "associations", "行业协会商会"
    DEPUTIES = "deputies", "人大代表、政协委员"
    RESIDENTS = "residents", "社会公众"
    EXPERTS = "experts", "专家学者"


class OpinionState(models.TextChoices):
    PENDING = "pending", "待处理"
    DECIDED = "decided", "已处理"
    MERGED = "merged", "已合并"
    HIDDEN = "hidden", "已屏蔽"


class Adoption(models.TextChoices):
    """采纳情况."""

    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    REJECTED = "rejected", "未采纳"


class ConsultationStatus(models.TextChoices):
    """Derived from the dates and the feedback, never stored."""

    DRAFT = "draft", "待发布"
    UPCOMING = "upcoming", "未开始"
    OPEN = "open", "征集中"
    AWAITING_FEEDBACK = "awaiting_feedback", "待反馈"
    FEEDBACK_PUBLISHED = "feedback_published", "已反馈"


class ParticipantType(models.TextChoices):
    """开放日/列席会议 participant types."""

    CITIZEN = "citizen", "市民"
    ENTERPRISE = "enterprise", "企业"
    NPC_DEPUTY = "npc_deputy", "人大代表"
    CPPCC_MEMBER = "cppcc_member", "政协委员"
    MEDIA = "media", "媒体"


class SignUpState(models.TextChoices):
    CONFIRMED = "confirmed", "已确认"
    WAITING = "waiting", "候补"
    CANCELLED = "cancelled", "已取消"


class SeatState(models.TextChoices):
    APPLIED = "applied", "已报名"
    SELECTED = "selected", "已选定"
    NOT_SELECTED = "not_selected", "未选定"


ACTIVE_SIGNUP_STATES = (SignUpState.CONFIRMED, SignUpState.WAITING)
