"""Public participation (公众参与): the major-decision catalogue and its decisions, consultations with feedback
per opinion, open days, public seats at executive meetings.

A consultation's draft is a :class:`~gongkai.publishing.models.Publication` marked 征求意见稿: it is drafted,
reviewed and published through the publishing workflow; the consultation adds the period, channels, opinions and the
feedback report. The status of a consultation is derived from its dates and its feedback, never stored as typed data.
State changes happen only in the actions (``actions/``, re-exported by ``services.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.orgs.models import Unit
from gongkai.publishing.models import Publication

from .vocab import (
    Adoption,
    Category,
    Channel,
    ConsultationStatus,
    OpinionState,
    ParticipantType,
    SeatState,
    SignUpState,
    Stage,
)


class DecisionCatalog(models.Model):
    """重大行政决策事项目录: one per government (or unit) and year, published after the Party committee's consent."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="decision_catalogs", verbose_name="决策机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("目录名称", max_length=200)
    approved_on = models.DateField("同级党委同意日期", null=True, blank=True)
    approval_document = models.CharField("同意文件", max_length=200, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    completion_published_at = models.DateTimeField("年终完成情况公布时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit_id"]
        verbose_name = verbose_name_plural = "重大行政决策事项目录"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="participation_catalog_unit_year")
        ]

    def __str__(self) -> str:
        return self.title


class CatalogAdjustment(models.Model):
    """目录调整 during the year, with its reason (shown publicly beside the catalogue)."""

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="adjustments")
    adjusted_on = models.DateField("调整日期")
    description = models.TextField("调整内容")
    reason = models.TextField("调整理由")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adjusted_on", "id"]
        verbose_name = verbose_name_plural = "目录调整"

    def __str__(self) -> str:
        return f"{self.adjusted_on} {self.description}"


class Decision(models.Model):
    """重大行政决策事项: one line of the catalogue and the record of its procedure, stage by stage."""

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.PROTECT, related_name="decisions")
    seq = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("事项名称", max_length=200)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="decisions", verbose_name="承办单位"
    )
    basis = models.TextField("决策依据", blank=True)
    category = models.CharField(
        "类别", max_length=30, choices=Category.choices, default=Category.PUBLIC_POLICY
    )
    planned = models.CharField("计划完成时间", max_length=20, help_text="如 2026-06 或 2026Q3")
    methods = models.JSONField("拟采取的公众参与方式", default=list, blank=True)
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices, default="drafting", db_index=True)
    stage_changed_on = models.DateField("进入本阶段日期", default=timezone.localdate)
    pre_assessment_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="决策前评估单位"
    )
    result_publication = models.ForeignKey(
        Publication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决策文件",
    )
    # 听证 (第16–17条)
    hearing_on = models.DateField("听证会（座谈会）日期", null=True, blank=True)
    participants_published_on = models.DateField("参加人名单公布日期", null=True, blank=True)
    materials_sent_on = models.DateField("材料送达日期", null=True, blank=True)
    hearing_participants = models.TextField("听证参加人", blank=True)
    # 合法性审查 (第25–28条)
    legality_sent_on = models.DateField("送请合法性审查日期", null=True, blank=True)
    legality_opinion_on = models.DateField("合法性审查意见日期", null=True, blank=True)
    legality_lawful = models.BooleanField("审查意见：合法", null=True, blank=True)
    # 决策后评估 (第36条)
    evaluation_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="决策后评估单位"
    )
    evaluation_summary = models.TextField("评估结论", blank=True)
    withdrawn_reason = models.TextField("调出目录理由", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["catalog_id", "seq", "id"]
        verbose_name = verbose_name_plural = "重大行政决策事项"
        indexes = [models.Index(fields=["unit", "stage"])]

    def __str__(self) -> str:
        return self.title

    @property
    def method_labels(self) -> list[str]:
        from .vocab import Method

        labels = dict(Method.choices)
        return [labels.get(m, m) for m in self.methods]


class DecisionStep(models.Model):
    """One stage reached, with its date and record (全过程记录, 第33条)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices)
    on = models.DateField("日期")
    note = models.TextField("记录", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on}"


class Consultation(models.Model):
    """意见征集: a draft published for comment, its period and channels, the opinions and the feedback report."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="consultations", verbose_name="征集单位"
    )
    publication = models.OneToOneField(
        Publication, on_delete=models.PROTECT, related_name="consultation", verbose_name="征求意见稿"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )
    title = models.CharField("征集主题", max_length=300)
    basis = models.TextField("起草依据", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("截止日期")
    short_reason = models.TextField("缩短期限的理由", blank=True, help_text="期限少于30日时必填，向社会公开")
    channels = models.JSONField("征集渠道", default=list)
    email = models.EmailField("意见邮箱", blank=True)
    postal_address = models.CharField("通信地址", max_length=200, blank=True)
    invited_groups = models.JSONField("重点征求对象", default=list, blank=True)
    concerns_enterprises = models.BooleanField("涉企政策", default=False)
    invitation_list = models.TextField(
        "定向邀请名单", blank=True, help_text="涉企政策须记录邀请的企业、行业协会商会"
    )
    name_required = models.BooleanField("须填写姓名", default=False)
    contact_required = models.BooleanField("须填写联系方式", default=False)
    # Feedback (意见采纳情况反馈)
    final_text = models.TextField("定稿文本", blank=True)
    final_publication = models.ForeignKey(
        Publication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="正式文件",
    )
    feedback_summary = models.TextField("反馈说明", blank=True)
    feedback_published_at = models.DateTimeField("反馈公布时间", null=True, blank=True, db_index=True)
    feedback_due = models.DateField("反馈期限", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = verbose_name_plural = "意见征集"

    def __str__(self) -> str:
        return self.title

    def status(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.feedback_published_at:
            return ConsultationStatus.FEEDBACK_PUBLISHED
        if self.publication.state != "published":
            return ConsultationStatus.DRAFT
        if today < self.starts_on:
            return ConsultationStatus.UPCOMING
        if today <= self.ends_on:
            return ConsultationStatus.OPEN
        return ConsultationStatus.AWAITING_FEEDBACK

    @property
    def status_label(self) -> str:
        return ConsultationStatus(self.status()).label

    @property
    def days_left(self) -> int:
        return max(0, (self.ends_on - timezone.localdate()).days + 1)

    @property
    def is_public(self) -> bool:
        return self.publication.state == "published"

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.channels]


class Opinion(models.Model):
    """One opinion (意见) on a consultation, with its handling: hidden, merged into another, or decided."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    tracking_code = models.CharField("查询码", max_length=20, unique=True)
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    name = models.CharField("姓名/单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    clause = models.CharField("针对条款", max_length=40, blank=True)
    body = models.TextField("意见内容")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    state = models.CharField(
        "状态", max_length=12, choices=OpinionState.choices, default=OpinionState.PENDING
    )
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    hidden_reason = models.TextField("屏蔽理由", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="合并到",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = verbose_name_plural = "意见"
        indexes = [
            models.Index(fields=["consultation", "state"]),
            models.Index(fields=["consultation", "clause"]),
            # the duplicate groups of the staff list (same text → same fingerprint)
            models.Index(fields=["consultation", "fingerprint"]),
            # the staff list's order (a page of 50 out of thousands without sorting them all)
            models.Index(fields=["consultation", "submitted_at", "id"]),
            # the published feedback's order (by clause), 100 a page on the portal
            models.Index(
                fields=["consultation", "clause", "submitted_at", "id"], name="participation_fb_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}"

    @property
    def masked_name(self) -> str:
        from gongkai.core.participation import mask_name

        return mask_name(self.name)


class OpenDayPlan(models.Model):
    """政府开放日（开放月）年度计划 of one unit: the months, the themes polled among the public."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="open_day_plans", verbose_name="单位"
    )
    year = models.PositiveSmallIntegerField("年度")
    months = models.CharField("开放月份", max_length=60, help_text="如 4月、8月")
    note = models.TextField("说明", blank=True)
    poll_open = models.BooleanField("主题征集中", default=False)

    class Meta:
        ordering = ["-year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="participation_openday_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年政府开放日计划"


class PollOption(models.Model):
    """A candidate theme (开放日主题) or meeting topic (每月一题) the public votes on."""

    plan = models.ForeignKey(
        OpenDayPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="options"
    )
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="options"
    )
    label = models.CharField("候选主题", max_length=200)
    votes = models.PositiveIntegerField("票数", default=0)

    class Meta:
        ordering = ["-votes", "id"]

    def __str__(self) -> str:
        return self.label


class OpenDaySession(models.Model):
    """One open-day event (场次): date, place, capacity, sign-up deadline, the suggestions and the result page."""

    plan = models.ForeignKey(OpenDayPlan, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField("活动主题", max_length=200)
    starts_at = models.DateTimeField("活动时间")
    place = models.CharField("地点", max_length=200)
    capacity = models.PositiveIntegerField("名额")
    signup_deadline = models.DateTimeField("报名截止")
    programme = models.TextField("活动安排", blank=True)
    result_summary = models.TextField("活动成果", blank=True)
    result_published_at = models.DateTimeField("成果公布时间", null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.plan.unit

    @property
    def signup_open(self) -> bool:
        return timezone.now() <= self.signup_deadline


class SignUp(models.Model):
    """报名: confirmed up to the capacity, then on the waiting list (promoted in order when someone cancels)."""

    session = models.ForeignKey(OpenDaySession, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("手机号码", max_length=20)
    participant_type = models.CharField("身份", max_length=20, choices=ParticipantType.choices)
    state = models.CharField("状态", max_length=12, choices=SignUpState.choices)
    code = models.CharField("确认码", max_length=12, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # No double booking: one active sign-up per phone number and session (enforced by the database).
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=Q(state__in=["confirmed", "waiting"]),
                name="participation_signup_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} 报名 {self.code}"


class Suggestion(models.Model):
    """A suggestion collected at an open day or from a public representative at a meeting, and its adoption."""

    session = models.ForeignKey(
        OpenDaySession, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    seat = models.OneToOneField(
        "Seat", on_delete=models.CASCADE, null=True, blank=True, related_name="suggestion"
    )
    author = models.CharField("提出人", max_length=50, blank=True)
    body = models.TextField("建议内容")
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    response = models.TextField("答复/办理情况", blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.body[:30]


class Meeting(models.Model):
    """政府常务会议 with public seats (列席): the 每月一题 topic polled, representatives chosen, opinions published."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="meetings", verbose_name="会议单位")
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")
    topic = models.CharField("议题（每月一题）", max_length=200, blank=True)
    application_deadline = models.DateField("报名截止", null=True, blank=True)
    poll_open = models.BooleanField("议题征集中", default=False)
    result_summary = models.TextField("列席情况说明", blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class Seat(models.Model):
    """A citizen's application for a public seat (列席报名), and — once selected — their opinion and its adoption."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    participant_type = models.CharField("身份", max_length=20, choices=ParticipantType.choices)
    reason = models.TextField("报名理由", blank=True)
    state = models.CharField("状态", max_length=14, choices=SeatState.choices, default=SeatState.APPLIED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "phone"], name="participation_seat_once")]

    def __str__(self) -> str:
        return f"{self.meeting} 列席报名"

    @property
    def masked_name(self) -> str:
        from gongkai.core.participation import mask_name

        return mask_name(self.name)


class Reminder(models.Model):
    """A reminder (提醒) for a unit's staff (征集即将截止, 反馈待公布/逾期, 决策停滞), written once per key by the scheduled
    job; addressed to ``user`` (the consultation's owner: its draft's author) when there is one, else to the unit."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="participation_reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participation_reminders",
        verbose_name="提醒对象",
    )
    key = models.CharField(max_length=100, unique=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
