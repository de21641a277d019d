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


class ExternalSite(models.Model):
    """A website a unit still runs itself (外部网站), listed by the office for the inspection to crawl over HTTP."""

    name = models.CharField("网站名称", max_length=100)
    url = models.URLField("首页地址", max_length=300, unique=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="主办单位"
    )
    is_active = models.BooleanField("纳入巡检", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "外部网站"

    def __str__(self) -> str:
        return self.name


class InspectionRun(models.Model):
    """One inspection (网站巡检) of the portal or of a listed external site: crawl, checks, 19号 scorecard."""

    class State(models.TextChoices):
        RUNNING = "running", "巡检中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    site = models.ForeignKey(
        ExternalSite,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="runs",
        verbose_name="外部网站",
    )
    base_url = models.CharField("起始地址", max_length=300)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.RUNNING)
    job_run_id = models.IntegerField("后台作业", null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField("页面数", default=0)
    attachments = models.PositiveIntegerField("附件数", default=0)
    truncated = models.CharField("抓取截止原因", max_length=100, blank=True)
    seconds = models.FloatField("用时（秒）", default=0)
    home_hash = models.CharField("首页内容指纹", max_length=64, blank=True)
    home_ok = models.BooleanField("首页可访问", null=True)
    a11y_checked = models.BooleanField("已做无障碍检测", default=False)
    a11y_note = models.CharField("无障碍检测说明", max_length=300, blank=True)
    scorecard = models.JSONField("评分表", default=dict, blank=True)
    score = models.FloatField("得分", null=True, blank=True)
    passed = models.BooleanField("合格", null=True)
    verdict = models.CharField("结论", max_length=100, blank=True)
    finding_count = models.PositiveIntegerField("发现问题数", default=0)
    error = models.TextField("失败原因", blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = verbose_name_plural = "网站巡检"

    def __str__(self) -> str:
        return f"巡检#{self.pk} {self.site.name if self.site_id else '门户网站'}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("sitecheck:run", args=[self.pk])

    @property
    def site_name(self) -> str:
        return self.site.name if self.site_id else "本平台门户网站"


class CrawledPage(models.Model):
    """A page or attachment fetched by a run, with its owning unit (the publication's, the column's, or none: the
    office)."""

    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="page_set")
    url = models.CharField(max_length=1000)
    status = models.IntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300, blank=True)
    depth = models.IntegerField(default=0)
    is_attachment = models.BooleanField(default=False)
    external = models.BooleanField(default=False)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    content_hash = models.CharField(max_length=64, blank=True)
    elapsed_ms = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "巡检页面"

    def __str__(self) -> str:
        return self.url


class Ticket(models.Model):
    """整改工单: one problem (the same key across runs) assigned to the owning unit with a correction deadline in
    working days; a later run that no longer finds it closes it."""

    class State(models.TextChoices):
        OPEN = "open", "待整改"
        CLOSED = "closed", "已整改"

    site = models.ForeignKey(ExternalSite, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=32)
    kind = models.CharField("检查项", max_length=40)
    url = models.CharField("页面", max_length=1000)
    message = models.CharField("问题", max_length=500)
    evidence = models.TextField("依据", blank=True)
    serious = models.BooleanField("单项否决类", default=False)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    deadline = models.DateField("整改期限")
    opened_run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="+")
    last_seen_run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="+")
    closed_run = models.ForeignKey(
        InspectionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["state", "deadline", "id"]
        verbose_name = verbose_name_plural = "整改工单"
        indexes = [models.Index(fields=["key"], name="sitecheck_ticket_key")]

    def __str__(self) -> str:
        return f"工单#{self.pk} {self.message}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("sitecheck:ticket", args=[self.pk])

    @property
    def unit_label(self) -> str:
        return self.unit.name if self.unit_id else "政务公开办"


class InspectionFinding(models.Model):
    """One problem found by one run (巡检发现), on a page, owned by a unit, with its ticket."""

    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("检查项", max_length=40)
    url = models.CharField("页面", max_length=1000)
    message = models.CharField("问题", max_length=500)
    evidence = models.TextField("依据", blank=True)
    serious = models.BooleanField("单项否决类", default=False)
    key = models.CharField(max_length=32)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )

    class Meta:
        ordering = ["-serious", "kind", "id"]
        verbose_name = verbose_name_plural = "巡检发现"

    def __str__(self) -> str:
        return self.message

    @property
    def unit_label(self) -> str:
        return self.unit.name if self.unit_id else "政务公开办"


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
