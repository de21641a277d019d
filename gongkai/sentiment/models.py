"""The public-sentiment ledger (政务舆情回应台账): cases, their responses, the commitments made in them and the office's
核查 rounds.

A case is internal: the office and the units named on it (主管, 属地, the owner units of its commitments) see it.
Its response deadlines come from ``gongkai.core.sentiment`` (clock hours, or working days on the statutory calendar)
under the rule the county picked when the case was registered (``rule``); ``next_due_at`` is the earliest deadline
not yet met, kept by the services for the lists and the reminders. A 权威发布 response and a kept commitment link a
publication of ``publishing`` (by reference only: the portal shows that publication, never the case). State
changes only in ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.common.storage import private_storage
from gongkai.orgs.models import Unit

from .vocab import OPEN_STATES, CheckResult, CommitmentState, Level, ResponseKind, Source, State


class Case(models.Model):
    """舆情案件: one public-sentiment event and its handling."""

    topic = models.CharField("舆情标题", max_length=200)
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    first_seen_at = models.DateTimeField("发现时间")
    summary = models.TextField("舆情摘要")
    links = models.TextField("原始链接", blank=True, help_text="每行一个网址")
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.GENERAL)
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="sentiment_cases", verbose_name="主管（回应）单位"
    )
    local_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sentiment_local_cases",
        verbose_name="属地单位",
    )
    risk_notes = models.TextField("风险研判", blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.REGISTERED, db_index=True
    )
    rule = models.CharField("时限规则", max_length=20)
    local_workdays = models.PositiveSmallIntegerField("地方时限（工作日）", default=3)
    next_due_at = models.DateTimeField("最近期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限按暂定日历计算", default=False)
    first_response_at = models.DateTimeField("首次回应时间", null=True, blank=True)
    on_time = models.BooleanField("按时回应", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    close_note = models.TextField("办结说明（复盘评估）", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_seen_at", "-id"]
        verbose_name = verbose_name_plural = "舆情案件"

    def __str__(self) -> str:
        return self.topic

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def unit_ids(self) -> set[int]:
        ids = {self.owner_unit_id}
        if self.local_unit_id:
            ids.add(self.local_unit_id)
        return ids


class Screenshot(models.Model):
    """截图: an image or PDF of the post as first seen (private storage, served by the case's download view)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenshots")
    file = models.FileField(storage=private_storage, upload_to="sentiment/screens/%Y/", max_length=200)
    name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Response(models.Model):
    """回应: 权威发布 (a published item of publishing), 新闻发布会, 媒体采访, 网上回复 — with its date and time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField("回应方式", max_length=20, choices=ResponseKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="回应单位")
    responded_at = models.DateTimeField("回应时间")
    summary = models.TextField("回应内容摘要")
    where = models.CharField("发布平台/媒体/地点", max_length=200, blank=True)
    publication = models.ForeignKey(
        "publishing.Publication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="权威发布信息",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["responded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.responded_at:%Y-%m-%d %H:%M}"


class Commitment(models.Model):
    """承诺事项: something promised in a response, owned by a unit, due on a day; kept with evidence and the
    publication that made the result public."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="commitments")
    response = models.ForeignKey(
        Response, on_delete=models.PROTECT, null=True, blank=True, related_name="commitments"
    )
    content = models.TextField("承诺内容")
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="sentiment_commitments", verbose_name="责任单位"
    )
    due_on = models.DateField("承诺期限", db_index=True)
    state = models.CharField(
        "状态", max_length=20, choices=CommitmentState.choices, default=CommitmentState.OPEN, db_index=True
    )
    kept_on = models.DateField("兑现日期", null=True, blank=True)
    evidence = models.TextField("落实情况", blank=True)
    evidence_file = models.FileField(
        "佐证材料", storage=private_storage, upload_to="sentiment/evidence/%Y/", max_length=200, blank=True
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    result_publication = models.ForeignKey(
        "publishing.Publication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="落实情况公开信息",
    )
    check_result = models.CharField(
        "最近核查结果", max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = verbose_name_plural = "承诺事项"

    def __str__(self) -> str:
        return self.content[:60]

    @property
    def is_kept(self) -> bool:
        return self.state == CommitmentState.KEPT

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.state == CommitmentState.OPEN and self.due_on < today

    def kept_on_time(self) -> bool | None:
        if self.kept_on is None:
            return None
        return self.kept_on <= self.due_on


class CheckRound(models.Model):
    """核查轮次: the office checks every commitment due by ``cutoff`` — kept and made public, or not."""

    title = models.CharField("核查名称", max_length=100)
    cutoff = models.DateField("核查截止日（期限在此之前的承诺）")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Check(models.Model):
    """One commitment in a 核查 round: the office's finding."""

    round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="checks")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="checks")
    result = models.CharField(
        "核查结果", max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    note = models.TextField("核查意见", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["commitment__due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "commitment"], name="sentiment_check_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round}：{self.get_result_display()}"


class Reminder(models.Model):
    """A reminder for a unit (承诺即将到期/已逾期, 回应期限已过), written once per key by the scheduled job."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sentiment_reminders")
    key = models.CharField(max_length=100, unique=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
