"""Vocabularies of the assessment (考核): indicator groups and kinds, period kinds and states."""

from django.db import models

from gongkai.core.assessment import KIND_LABELS, METHOD_LABELS, LineKind, Method


class Group(models.TextChoices):
    """指标类别: the samples' indicator tree."""

    ACTIVE = "active", "主动公开"
    INTERPRETATION = "interpretation", "解读回应"
    APPLICATION = "application", "依申请公开"
    PLATFORM = "platform", "平台建设"
    PARTICIPATION = "participation", "公众参与"
    ORGANISATION = "organisation", "组织保障"
    OTHER = "other", "加分扣分"


class IndicatorKind(models.TextChoices):
    """计分类别 (core.assessment.LineKind)."""

    AUTO = LineKind.AUTO.value, KIND_LABELS[LineKind.AUTO]
    MANUAL = LineKind.MANUAL.value, KIND_LABELS[LineKind.MANUAL]
    BONUS = LineKind.BONUS.value, KIND_LABELS[LineKind.BONUS]
    DEDUCTION = LineKind.DEDUCTION.value, KIND_LABELS[LineKind.DEDUCTION]
    VETO = LineKind.VETO.value, KIND_LABELS[LineKind.VETO]


class MethodChoice(models.TextChoices):
    """自动计分方式 (core.assessment.Method)."""

    RATIO = Method.RATIO.value, METHOD_LABELS[Method.RATIO]
    THRESHOLD = Method.THRESHOLD.value, METHOD_LABELS[Method.THRESHOLD]
    PER_ITEM = Method.PER_ITEM.value, METHOD_LABELS[Method.PER_ITEM]
    COUNT_TARGET = Method.COUNT_TARGET.value, METHOD_LABELS[Method.COUNT_TARGET]
    FLAG = Method.FLAG.value, METHOD_LABELS[Method.FLAG]


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "平时考核（季度）"
    YEAR = "year", "年终考核"


class PeriodState(models.TextChoices):
    OPEN = "open", "评分中"
    CLOSED = "closed", "已结束（成绩冻结）"


# Unit kinds that are assessed (the county government and its office assess, they are not ranked).
ASSESSED_KINDS = (
    "department",
    "township",
    "subdistrict",
    "zone",
    "institution",
    "vertical",
    "enterprise",
    "other",
)
