"""Tables of site inspection: the structured 公开时限 of catalogue items, disclosure events, and the 政务新媒体
registry."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.sitecheck import due
from gongkai.orgs.models import Unit, UnitKind
from gongkai.publishing.models import CatalogNode

from .vocab import AccountState, Platform, RuleKind


class NodeRule(models.Model):
    """公开时限 of one catalogue item as a rule the system can compute with (the node's free text stays as it is)."""

    node = models.OneToOneField(
        CatalogNode, on_delete=models.CASCADE, related_name="due_rule", verbose_name="公开事项"
    )
    kind = models.CharField("时限类型", max_length=20, choices=RuleKind.choices, default=RuleKind.DYNAMIC)
    n_days = models.PositiveIntegerField("工作日数", default=0)
    month = models.PositiveSmallIntegerField("月", default=0)
    day = models.PositiveSmallIntegerField("日", default=0)
    unit_kinds = models.JSONField("应公开的单位类型", default=list, blank=True, help_text="空表示所有单位")
    statutory = models.BooleanField("法定主动公开内容", default=False)
    basis = models.CharField("依据", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开时限规则"

    def __str__(self) -> str:
        return f"{self.node.name}：{self.rule.describe()}"

    @property
    def rule(self) -> due.DueRule:
        return due.DueRule(self.kind, self.n_days, self.month, self.day)

    def applies_to(self, unit: Unit) -> bool:
        return not self.unit_kinds or unit.kind in self.unit_kinds

    def unit_kind_labels(self) -> str:
        names = dict(UnitKind.choices)
        return "、".join(names.get(k, k) for k in self.unit_kinds) or "所有单位"


class DisclosureEvent(models.Model):
    """An event that starts an ``event`` rule's clock (e.g. a 规范性文件 signed on a date): due N working days later."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="单位")
    node = models.ForeignKey(CatalogNode, on_delete=models.CASCADE, related_name="+", verbose_name="公开事项")
    occurred_on = models.DateField("形成或变更日期")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = verbose_name_plural = "公开事件"

    def __str__(self) -> str:
        return f"{self.node.name} {self.occurred_on:%Y-%m-%d}"


class NewMediaAccount(models.Model):
    """政务新媒体 account (微信公众号、微博…) of a unit, with its filing state and latest update."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="主办单位")
    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=100)
    account_id = models.CharField("账号ID", max_length=100)
    level = models.CharField("层级", max_length=20, default="县级")
    operator = models.CharField("运维单位", max_length=100, blank=True)
    purpose = models.CharField("开设用途", max_length=300, blank=True)
    state = models.CharField(
        "备案状态", max_length=20, choices=AccountState.choices, default=AccountState.APPLIED
    )
    filing_number = models.CharField("上级备案号", max_length=60, blank=True)
    last_update = models.DateField("最近更新日期", null=True, blank=True)
    interaction_ok = models.BooleanField("互动功能正常", null=True, blank=True)
    checked_on = models.DateField("最近检查日期", null=True, blank=True)
    change_note = models.CharField("变更/关停说明", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit_id", "platform", "name"]
        verbose_name = verbose_name_plural = "政务新媒体账号"
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "account_id"], name="newmedia_platform_account_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}·{self.name}"
