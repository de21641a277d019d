"""Applications for disclosure (政府信息公开申请): the case, its typed dated actions, letters and settings.

Every change goes through ``services.py``. The outcome vocabulary, applicant types, channels and fee bands are
``gongkai.core.foi_rules`` (the law as data); models store their codes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core import foi_rules as fr

USER = settings.AUTH_USER_MODEL


class FoiPolicy(models.Model):
    """依申请公开办理规则: the county-wide choices the openness office makes (one row, pk=1)."""

    countersign_outcomes = models.JSONField(
        "需法律审核（会签）的答复结果",
        default=list,
        blank=True,
        help_text="答复结果代码或分组代码；为空时使用默认（部分公开和全部不予公开情形）",
    )
    due_soon_days = models.PositiveSmallIntegerField("临近期限提醒（工作日）", null=True, blank=True)
    correction_period_days = models.PositiveSmallIntegerField("给申请人的补正期限（工作日）", default=15)
    id_retention_days = models.PositiveIntegerField(
        "身份证明材料保存期限（办结后天数）", default=730, help_text="到期后由 gongkai foi purge-files 删除"
    )
    intake_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name="网上申请默认受理单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reconsideration_body = models.CharField(
        "行政复议机关（告知书救济途径）", max_length=100, blank=True, help_text="为空时使用本级人民政府名称"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开办理规则"

    def __str__(self) -> str:
        return "依申请公开办理规则"

    @classmethod
    def current(cls) -> FoiPolicy:
        obj = cls.objects.filter(pk=1).first()
        return obj or cls(pk=1)

    @property
    def countersign_codes(self) -> list[str] | None:
        return list(self.countersign_outcomes) or None

    @property
    def due_soon(self) -> int:
        if self.due_soon_days is not None:
            return self.due_soon_days
        return settings.GONGKAI_FOI_DUE_SOON_DAYS


class UnitProfile(models.Model):
    """单位依申请公开设置: a body's own reply limit (a stricter local limit is allowed) and its letter signature."""

    unit = models.OneToOneField("orgs.Unit", on_delete=models.CASCADE, related_name="foi_profile")
    reply_limit = models.PositiveSmallIntegerField(
        "答复期限（工作日）",
        null=True,
        blank=True,
        help_text="为空时为法定20个工作日；可设更严的本地期限，如15",
    )
    accepts_online = models.BooleanField("在网上申请表中列出", default=True)
    signature = models.CharField("落款（机关名称）", max_length=100, blank=True)
    seal_note = models.CharField("印章/签章说明", max_length=100, blank=True, default="（印章）")
    contact_line = models.CharField("联系人及电话", max_length=200, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位依申请公开设置"

    def __str__(self) -> str:
        return f"{self.unit} 依申请公开设置"


class Subject(models.Model):
    """申请事项领域 (subject): the county's list of fields offices supervise (征地拆迁, 物业管理, 国土空间规划…),
    kept by the openness office; each application is classed under one for statistics."""

    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "申请事项领域"

    def __str__(self) -> str:
        return self.name


class InfoRequest(models.Model):
    """政府信息公开申请: one application, from receipt to close."""

    class State(models.TextChoices):
        NEW = "new", "待分办"
        IN_PROGRESS = "in_progress", "办理中"
        AWAITING_CORRECTION = "awaiting_correction", "待补正"
        CONSULTING = "consulting", "征求意见中"
        AWAITING_FEE = "awaiting_fee", "待缴费"
        COUNTERSIGN = "countersign", "待法律审核"
        READY = "ready", "待发送答复"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已办结"

    OPEN_STATES = (
        State.NEW,
        State.IN_PROGRESS,
        State.AWAITING_CORRECTION,
        State.CONSULTING,
        State.AWAITING_FEE,
        State.COUNTERSIGN,
        State.READY,
    )
    DONE_STATES = (State.REPLIED, State.CLOSED)
    # The open states in which the reply period runs: an extension can be asked for (not while awaiting a correction).
    RUNNING_STATES = (
        State.NEW,
        State.IN_PROGRESS,
        State.CONSULTING,
        State.AWAITING_FEE,
        State.COUNTERSIGN,
        State.READY,
    )

    serial = models.CharField("受理编号", max_length=20, unique=True)
    tracking_code = models.CharField("查询码", max_length=24, unique=True)
    verification_hash = models.CharField(max_length=64)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="办理单位", on_delete=models.PROTECT, related_name="foi_requests"
    )
    officer = models.ForeignKey(
        USER,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foi_cases",
    )
    state = models.CharField("状态", max_length=24, choices=State.choices, default=State.NEW)

    # -- receipt (第三十一条) --
    channel = models.CharField("申请渠道", max_length=20, choices=fr.CHANNEL_CHOICES)
    submitted_on = models.DateField("提交日期")
    receipt_date = models.DateField("收到申请日期")
    receipt_rule = models.CharField("收到日期依据", max_length=200, blank=True)

    # -- applicant (personal data: visible only to the handling staff and the openness office) --
    applicant_type = models.CharField("申请人类型", max_length=20, choices=fr.APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField("姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=fr.ID_TYPES)
    id_number = models.CharField("证件号码", max_length=40)
    legal_rep = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    applicant_key = models.CharField(
        max_length=64, db_index=True
    )  # salted hash: duplicates and monthly counts

    # -- what is asked --
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    doc_number = models.CharField("文号", max_length=100, blank=True)
    subject = models.ForeignKey(
        Subject,
        verbose_name="事项领域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    medium = models.CharField("提供形式", max_length=20, choices=fr.MEDIA, default="electronic")
    delivery = models.CharField("获取方式", max_length=20, choices=fr.DELIVERY, default="email")
    duplicate_hints = models.JSONField("可能重复的申请", default=list, blank=True)

    # -- the deadline, recomputed from the ledger by deadlines.recompute (cached for lists and dashboards) --
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    clock_running = models.BooleanField("期限计算中", default=True)
    due_start = models.DateField("起算日", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("已延长工作日", default=0)
    reply_limit = models.PositiveSmallIntegerField("答复期限（工作日）", default=20)

    # -- the result --
    outcome = models.CharField(
        "答复结果", max_length=30, choices=fr.OUTCOME_CHOICES, blank=True, db_index=True
    )
    replied_on = models.DateField("答复日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    handling_days = models.PositiveSmallIntegerField("办理用时（工作日）", null=True, blank=True)
    on_time = models.BooleanField("按期答复", null=True, blank=True)

    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-receipt_date", "-id"]
        verbose_name = verbose_name_plural = "政府信息公开申请"
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["receipt_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial} 政府信息公开申请"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def applicant_type_label(self) -> str:
        return fr.APPLICANT_TYPE_BY_CODE[self.applicant_type].label

    @property
    def outcome_obj(self) -> fr.Outcome | None:
        return fr.OUTCOME_BY_CODE.get(self.outcome) if self.outcome else None

    @property
    def channel_obj(self) -> fr.Channel:
        return fr.CHANNEL_BY_CODE[self.channel]


class CaseEvent(models.Model):
    """办理记录: one dated step of a case — the timeline, and (``ledger_kind``) the deadline ledger."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "收到申请"
        ASSIGNED = "assigned", "分办"
        TRANSFERRED = "transferred", "转办"
        CORRECTION_REQUESTED = "correction_requested", "补正告知"
        CORRECTION_RECEIVED = "correction_received", "收到补正"
        EXTENSION_REQUESTED = "extension_requested", "申请延期"
        EXTENSION_APPROVED = "extension_approved", "延期批准"
        EXTENSION_REJECTED = "extension_rejected", "延期未批准"
        CONSULTATION_STARTED = "consultation_started", "征求意见"
        CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
        FEE_NOTICE = "fee_notice", "收费通知"
        FEE_PAID = "fee_paid", "缴费"
        FEE_WAIVED = "fee_waived", "免收费用"
        REPLY_DRAFTED = "reply_drafted", "拟定答复"
        COUNTERSIGNED = "countersigned", "法律审核通过"
        COUNTERSIGN_RETURNED = "countersign_returned", "法律审核退回"
        REPLY_SENT = "reply_sent", "答复送达"
        CLOSED = "closed", "办结"
        REOPENED = "reopened", "重新办理"
        APPEAL = "appeal", "复议/诉讼"
        LETTER = "letter", "生成文书"
        NOTE = "note", "备注"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=Kind.choices)
    date = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    summary = models.TextField("内容")
    public_summary = models.CharField(
        "申请人可见内容", max_length=300, blank=True
    )  # "" → hidden from applicant
    ledger_kind = models.CharField(max_length=30, blank=True)  # foi_rules.LEDGER_KINDS
    days = models.SmallIntegerField(default=0)
    pause_key = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Correction(models.Model):
    """补正告知 (第三十条): asked once, within 7 working days of receipt."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="corrections")
    requested_on = models.DateField("告知日期")
    items = models.TextField("需补正的事项")
    due_on = models.DateField("补正期限")
    notice_deadline = models.DateField("应告知的最后日期")
    late = models.BooleanField("超过7个工作日告知", default=False)
    received_on = models.DateField("收到补正日期", null=True, blank=True)
    received_note = models.TextField("补正内容", blank=True)
    lapsed = models.BooleanField("逾期未补正", default=False)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "补正告知"

    def __str__(self) -> str:
        return f"{self.request.serial} 补正告知 {self.requested_on}"


class Extension(models.Model):
    """延长答复期限 (第三十三条): reason, approver, at most 20 working days in all, the applicant told."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "待审批"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "未批准"
        LAPSED = "lapsed", "已终止（案件已答复或办结）"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长工作日")
    reason = models.TextField("延期理由")
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_on = models.DateField("申请日期")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.REQUESTED)
    approver = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)
    notified_on = models.DateField("告知申请人日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "延期答复"

    def __str__(self) -> str:
        return f"{self.request.serial} 延期{self.days}个工作日"


class Consultation(models.Model):
    """征求意见 (第三十二条): a third party (15 working days to answer) or another body; the time is not counted."""

    class Party(models.TextChoices):
        THIRD_PARTY = "third_party", "第三方"
        OTHER_BODY = "other_body", "其他机关"

    class Opinion(models.TextChoices):
        PENDING = "", "尚未答复"
        AGREE = "agree", "同意公开"
        DISAGREE = "disagree", "不同意公开"
        NO_ANSWER = "no_answer", "逾期未提出意见"
        OTHER = "other", "其他意见"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="consultations")
    party_kind = models.CharField("对象", max_length=20, choices=Party.choices)
    party_name = models.CharField("征求意见对象名称", max_length=100)
    matter = models.TextField("征求意见事项")
    started_on = models.DateField("发出日期")
    answer_due = models.DateField("答复期限", null=True, blank=True)
    ended_on = models.DateField("结束日期", null=True, blank=True)
    opinion = models.CharField("意见", max_length=20, choices=Opinion.choices, blank=True)
    opinion_note = models.TextField("意见内容", blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "征求意见"

    def __str__(self) -> str:
        return f"{self.request.serial} 征求{self.get_party_kind_display()}意见"

    @property
    def pause_key(self) -> str:
        return f"consultation-{self.pk}"


class FeeNotice(models.Model):
    """收费通知 (第四十二条, 国办函〔2020〕109号): computed by item or by volume, never both; 20 working days to pay."""

    class Status(models.TextChoices):
        ISSUED = "issued", "待缴费"
        PAID = "paid", "已缴费"
        LAPSED = "lapsed", "逾期未缴费"
        WAIVED = "waived", "已免收"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField("计收方式", max_length=10, choices=fr.FEE_METHODS)
    quantity = models.PositiveIntegerField("件数/页数")
    amount = models.PositiveIntegerField("金额（元）")
    lines = models.JSONField("计算明细", default=list)
    issued_on = models.DateField("通知日期")
    pay_by = models.DateField("缴费期限")
    pay_by_provisional = models.BooleanField(default=False)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ISSUED)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.request.serial} 收费通知 {self.amount}元"

    @property
    def pause_key(self) -> str:
        return f"fee-{self.pk}"


class Reply(models.Model):
    """答复: exactly one statutory outcome, plus the 第三十六条 situation details when they apply."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        COUNTERSIGN = "countersign", "待法律审核"
        APPROVED = "approved", "审核通过"
        RETURNED = "returned", "审核退回"
        SENT = "sent", "已送达"
        WITHDRAWN = "withdrawn", "已作废"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="replies")
    outcome = models.CharField("答复结果", max_length=30, choices=fr.OUTCOME_CHOICES)
    situation = models.CharField(
        "特别情形",
        max_length=20,
        blank=True,
        choices=[("", "无")] + [(s.code, s.label) for s in fr.SITUATIONS],
    )
    published_where = models.CharField("已公开的位置", max_length=300, blank=True)
    other_body = models.CharField("负责公开的机关", max_length=100, blank=True)
    other_body_contact = models.CharField("该机关联系方式", max_length=200, blank=True)
    content = models.TextField("答复内容/理由", blank=True)
    needs_countersign = models.BooleanField("需法律审核", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    drafted_on = models.DateField("拟稿日期")
    sent_on = models.DateField("送达日期", null=True, blank=True)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_method = models.CharField("送达方式", max_length=20, choices=fr.DELIVERY, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "答复"

    def __str__(self) -> str:
        return f"{self.request.serial} 答复：{self.get_outcome_display()}"

    @property
    def outcome_obj(self) -> fr.Outcome:
        return fr.outcome(self.outcome)


class Countersign(models.Model):
    """法律审核（会签）: the legal adviser's sign-off on a reply, with comments."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "同意"
        RETURN = "return", "退回修改"

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="countersigns")
    adviser = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    adviser_name = models.CharField(max_length=150)
    decision = models.CharField("审核意见", max_length=10, choices=Decision.choices)
    comments = models.TextField("意见说明", blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律审核"

    def __str__(self) -> str:
        return f"{self.adviser_name} {self.get_decision_display()}"


class Appeal(models.Model):
    """行政复议 / 行政诉讼 against a case, with the result the annual report's table IV counts."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
        LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        PENDING = "pending", "尚未审结"
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    filed_on = models.DateField("提起日期")
    authority = models.CharField("复议机关/法院", max_length=100)
    case_number = models.CharField("案号", max_length=100, blank=True)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = verbose_name_plural = "复议和诉讼"

    def __str__(self) -> str:
        return f"{self.request.serial} {self.get_kind_display()}"


class Attachment(models.Model):
    """附件 (ID proof, letter scans…), encrypted at rest with its own key (see ``crypto.py``)."""

    class Kind(models.TextChoices):
        ID_PROOF = "id_proof", "身份证明"
        LETTER_SCAN = "letter_scan", "申请书扫描件"
        CORRECTION = "correction", "补正材料"
        OTHER = "other", "其他材料"

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    filename = models.CharField("文件名", max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    blob = models.CharField(max_length=200)  # storage name of the encrypted bytes
    blob_sha256 = models.CharField(
        max_length=64, blank=True
    )  # of the encrypted bytes: checked without the key
    wrapped_key = (
        models.TextField()
    )  # the file's own key, encrypted with the master key (outside the database)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    purged_at = models.DateTimeField("已按保存期限删除", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return f"{self.request.serial} {self.get_kind_display()}"


class LetterTemplate(models.Model):
    """文书模板 edited by the openness office; kinds without a row use the built-in text (``letters.py``)."""

    kind = models.CharField("文书类型", max_length=40, unique=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    updated_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"

    def __str__(self) -> str:
        return f"文书模板：{self.title}"


class Letter(models.Model):
    """告知书/通知书 generated from a template and the case: the text is frozen when generated."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书类型", max_length=40)
    number = models.CharField("文书编号", max_length=60)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    signature = models.CharField("落款", max_length=100)
    seal_note = models.CharField(max_length=100, blank=True)
    dated = models.DateField("落款日期")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "文书"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Notification(models.Model):
    """工作台提醒: to the officer at assignment and before the due date (e-mail too when configured)."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="foi_notifications")
    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=80)  # makes reminders idempotent (one per case, kind and day)
    text = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="foi_notification_once")]

    def __str__(self) -> str:
        return self.text


class FrequentTopic(models.Model):
    """多次申请的信息 turned by the openness office into an active-disclosure item (主动公开事项)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "拟转为主动公开"
        PUBLISHED = "published", "已主动公开"
        DISMISSED = "dismissed", "不转主动公开"

    title = models.CharField("信息名称", max_length=200)
    keywords = models.JSONField(default=list)
    request_ids = models.JSONField(default=list)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PROPOSED)
    note = models.TextField("说明", blank=True)
    publication_url = models.CharField("主动公开链接", max_length=300, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "高频申请转主动公开"

    def __str__(self) -> str:
        return self.title
