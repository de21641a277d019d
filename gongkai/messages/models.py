"""Messages (留言 / 信箱 / 咨询 / 投诉建议): channels with their reply limits, the messages written by the public, their
transfers between units and the extensions a leader approved.

A message's due date counts working days on the statutory calendar (``gongkai.calendar``) from the day it was
received; an approved extension moves it. The writer's name and contact are personal data: they never reach the
portal, and a message the writer asked to keep private is never published. What the portal shows is the published
copy (``public_*`` fields), masked by the scanner's selected findings. State changes only in ``actions/``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.orgs.models import Unit

from .vocab import OPEN_STATES, VALID_EXCLUDED, Adoption, ExtensionState, Rating, State, unanswered_cutoff


class Channel(models.Model):
    """留言渠道: 县长信箱, 部门信箱, 网上咨询, 投诉建议, 建言献策, 12345 — each with its reply limit."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=50)
    reply_days = models.PositiveSmallIntegerField("答复时限（工作日）")
    rule_source = models.CharField("时限依据", max_length=200)
    public_by_default = models.BooleanField("答复默认公开", default=True)
    categories = models.JSONField("分类", default=list, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="信箱所属单位"
    )
    active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = verbose_name_plural = "留言渠道"

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """A message written to a channel (留言), with its handling and its published copy."""

    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="messages", verbose_name="渠道"
    )
    category = models.CharField("分类", max_length=20, blank=True)
    tracking_code = models.CharField("查询码", max_length=24, unique=True)
    verification_hash = models.CharField(max_length=64)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("留言内容")
    writer_name = models.CharField("姓名", max_length=50)
    writer_contact = models.CharField("联系方式", max_length=100)
    contact_key = models.CharField(max_length=64, blank=True, db_index=True)
    wants_private = models.BooleanField("不公开", default=False)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="承办单位",
    )
    received_on = models.DateField("收到日期", db_index=True)
    due_on = models.DateField("答复期限")
    dispatched_at = models.DateTimeField("分办时间", null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reply_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    adoption = models.CharField("采纳情况", max_length=20, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField("采纳情况说明", blank=True)
    # The published copy (masked by the selected scanner findings); the portal reads only these.
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    public_subject = models.CharField("公开标题", max_length=200, blank=True)
    public_body = models.TextField("公开留言内容", blank=True)
    public_reply = models.TextField("公开答复内容", blank=True)
    rating = models.CharField("满意度", max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    follow_up = models.TextField("追问", blank=True)
    followed_up_at = models.DateTimeField("追问时间", null=True, blank=True)
    follow_up_reply = models.TextField("追问答复", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="合并至",
    )
    invalid_reason = models.CharField("无效原因", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = verbose_name_plural = "留言"
        indexes = [
            models.Index(fields=["unit", "state", "due_on"], name="messages_unit_state_due"),
            models.Index(fields=["channel", "published_at"], name="messages_channel_published"),
            # The dashboard's counts and the figures read only these columns: an index-only scan on PostgreSQL
            # instead of the whole (wide) table (bench/messages.py).
            models.Index(
                fields=["state", "due_on", "received_on", "replied_on", "rating", "unit", "id"],
                name="messages_state_figures",
            ),
            models.Index(fields=["due_on", "id"], name="messages_due_id"),  # the office list's order
            # The portal's reply list: newest published first, private ones never.
            models.Index(
                fields=["-published_at", "-id"],
                name="messages_public_list",
                condition=models.Q(published_at__isnull=False, wants_private=False),
            ),
            models.Index(
                fields=["channel", "-published_at", "-id"],
                name="messages_public_channel",
                condition=models.Q(published_at__isnull=False, wants_private=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_valid(self) -> bool:
        return self.state not in VALID_EXCLUDED

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on < today

    def unanswered_too_long(self, today=None) -> bool:
        """Valid and unanswered for more than three months (the inspection's veto)."""
        today = today or timezone.localdate()
        return self.is_open and self.received_on < unanswered_cutoff(today)

    @property
    def on_time(self) -> bool | None:
        if self.replied_on is None:
            return None
        return self.replied_on <= self.due_on

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and not self.wants_private


class Transfer(models.Model):
    """转办: a message sent from one unit to another, with the reason."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("转办理由")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"转办至{self.to_unit}"


class Extension(models.Model):
    """延期: more working days, asked by the unit and approved by its leader."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长工作日")
    reason = models.TextField("延期理由")
    state = models.CharField(max_length=20, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    old_due_on = models.DateField(null=True, blank=True)
    new_due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"延期{self.days}个工作日（{self.get_state_display()}）"


class Reminder(models.Model):
    """A reminder for the handling unit's staff (即将到期, 已逾期, 超过3个月未答复), written once per key by the
    scheduled job."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, related_name="message_reminders")
    key = models.CharField(max_length=100, unique=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text


class HotlineImport(models.Model):
    """12345工单导入: one uploaded hotline export, the column mapping the office confirmed, the check of every row
    and the outcome. The file holds callers' names, so it is deleted once the import is done (the hash stays)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "待确认列对应"
        CHECKING = "checking", "检查中"
        CHECKED = "checked", "已检查，待确认导入"
        IMPORTING = "importing", "导入中"
        DONE = "done", "已导入"
        FAILED = "failed", "失败"

    file = models.FileField("文件", upload_to="messages/hotline/%Y/%m/", max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    filename = models.CharField("文件名", max_length=200)
    kind = models.CharField("格式", max_length=10)  # xlsx / text (csv)
    header = models.JSONField("表头", default=list)
    header_row = models.PositiveIntegerField("表头所在行", default=1)
    mapping = models.JSONField("列对应", default=dict)  # field key → column index (or null)
    unit_choices = models.JSONField("承办单位指定", default=dict)  # unit phrase → unit id ("" = 留待分办)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    check_result = models.JSONField("检查结果", default=dict, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    check_run = models.ForeignKey(
        "jobs.JobRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_run = models.ForeignKey(
        "jobs.JobRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "12345工单导入"

    def __str__(self) -> str:
        return f"12345工单导入 {self.filename}"


class WorkOrder(models.Model):
    """12345工单: a message of the 12345 channel that came from the hotline's export, keyed by its 工单编号. The
    fields keep what the file said (the caller masked); the message carries the handling in Gongkai."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="work_order")
    number = models.CharField("工单编号", max_length=40, unique=True)
    called_at = models.DateTimeField("来电时间")
    requester = models.CharField("诉求人（已脱敏）", max_length=50, blank=True)
    unit_text = models.CharField("承办单位（原文）", max_length=100, blank=True)
    limit_text = models.CharField("办理时限（原文）", max_length=30, blank=True)
    result = models.TextField("办理结果（原文）", blank=True)
    satisfaction = models.CharField("回访满意度", max_length=20, blank=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)
    first_import = models.ForeignKey(HotlineImport, on_delete=models.PROTECT, related_name="+")
    last_import = models.ForeignKey(HotlineImport, on_delete=models.PROTECT, related_name="work_orders")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "12345工单"

    def __str__(self) -> str:
        return f"12345工单 {self.number}"
