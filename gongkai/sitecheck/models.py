"""Tables of site inspection: the structured 公开时限 of catalogue items, disclosure events, the 政务新媒体
registry, the reminders of the scheduled job and the 僵尸号 cleanup campaigns."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.sitecheck import due
from gongkai.orgs.models import Unit, UnitKind
from gongkai.publishing.models import CatalogNode

from .vocab import ZOMBIE_DEFAULT_DAYS, AccountState, CampaignState, Platform, RuleKind, ZombieDecision


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


class Reminder(models.Model):
    """A reminder (提醒) for the responsible unit's staff, written once per key by the ``sitecheck.remind`` job: an
    item of the due matrix due soon or overdue, a new-media account two weeks silent, a 僵尸号 decision overdue."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, related_name="sitecheck_reminders", verbose_name="单位"
    )
    key = models.CharField(max_length=120, unique=True)
    text = models.CharField("提醒", max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "网站检查提醒"

    def __str__(self) -> str:
        return self.text


class ZombieCampaign(models.Model):
    """僵尸号清理 campaign: the office lists the live accounts silent for ``stale_days`` or more (and, when chosen,
    those whose interaction check failed); each owning unit decides 整改 / 关停 / 注销 / 合并 by the deadline."""

    title = models.CharField("名称", max_length=100)
    stale_days = models.PositiveIntegerField("未更新天数（≥）", default=ZOMBIE_DEFAULT_DAYS)
    include_no_interaction = models.BooleanField("包括互动功能失效的账号", default=True)
    deadline = models.DateField("处置期限")
    state = models.CharField("状态", max_length=10, choices=CampaignState.choices, default=CampaignState.OPEN)
    opened_on = models.DateField("开展日期")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = verbose_name_plural = "僵尸号清理行动"

    def __str__(self) -> str:
        return self.title


class ZombieItem(models.Model):
    """One account listed by a campaign, as it stood when listed, and its unit's decision."""

    campaign = models.ForeignKey(ZombieCampaign, on_delete=models.CASCADE, related_name="items")
    account = models.ForeignKey(NewMediaAccount, on_delete=models.PROTECT, related_name="zombie_items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="主办单位")
    last_update = models.DateField("列入时最近更新日期", null=True, blank=True)
    interaction_ok = models.BooleanField("列入时互动功能正常", null=True, blank=True)
    reason = models.CharField("列入原因", max_length=200)
    decision = models.CharField("处置意见", max_length=10, choices=ZombieDecision.choices, blank=True)
    merge_into = models.ForeignKey(
        NewMediaAccount,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="并入账号",
    )
    note = models.CharField("说明", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField("处置日期", null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "account_id"]
        verbose_name = verbose_name_plural = "僵尸号清理账号"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "account"], name="zombie_item_once_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}：{self.account}"

    def overdue(self, today) -> bool:
        return not self.decision and today > self.campaign.deadline
