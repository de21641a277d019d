"""Vocabularies of the public-sentiment ledger (舆情回应台账). The levels, response kinds and limits themselves are
``gongkai.core.sentiment`` (the law as data)."""

from __future__ import annotations

from django.db import models

from gongkai.core import sentiment as rules


class Source(models.TextChoices):
    """舆情来源."""

    NETWORK = "network", "网络"
    MEDIA = "media", "媒体"
    HOTLINE = "hotline", "12345"
    PETITION = "petition", "信访"
    MEETING = "meeting", "会议"
    SUPERIOR = "superior", "上级转办"


class Level(models.TextChoices):
    """舆情级别 (the codes of ``core.sentiment.LEVELS``)."""

    GENERAL = rules.GENERAL, "一般"
    LARGER = rules.LARGER, "较大"
    MAJOR = rules.MAJOR, "重大"
    ESPECIALLY_MAJOR = rules.ESPECIALLY_MAJOR, "特别重大"


class ResponseKind(models.TextChoices):
    """回应方式 (the codes of ``core.sentiment.RESPONSE_KINDS``)."""

    RELEASE = rules.RELEASE, "权威发布"
    PRESS = rules.PRESS, "新闻发布会"
    INTERVIEW = rules.INTERVIEW, "媒体采访"
    ONLINE = rules.ONLINE, "网上回复"


class State(models.TextChoices):
    """案件状态: 登记 → 研判 → 回应中 → 已回应 → 办结."""

    REGISTERED = "registered", "登记"
    ASSESSING = "assessing", "研判"
    RESPONDING = "responding", "回应中"
    RESPONDED = "responded", "已回应"
    CLOSED = "closed", "办结"


OPEN_STATES = (State.REGISTERED, State.ASSESSING, State.RESPONDING)
# A response may be recorded until the case is closed.
RESPONSE_STATES = (State.REGISTERED, State.ASSESSING, State.RESPONDING, State.RESPONDED)


class CommitmentState(models.TextChoices):
    """承诺事项状态."""

    OPEN = "open", "待兑现"
    KEPT = "kept", "已兑现"


class CheckResult(models.TextChoices):
    """核查结果."""

    PENDING = "pending", "待核查"
    VERIFIED = "verified", "已落实并公开"
    NOT_VERIFIED = "not_verified", "未落实或未公开"
