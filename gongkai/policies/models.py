"""Policy library (政策文件库): documents, their relations, interpretations, lifecycle work, Q&A and packages.

A policy document and an interpretation are each a :class:`~gongkai.publishing.models.Publication` with more to it:
drafting, the confidentiality review and publication go through the publishing workflow. The validity status
(有效性) is never stored as typed data: ``services.refresh`` derives the date columns below from the document and
its relations, and ``selectors.with_status`` turns them into the status of any day in SQL (the document page uses
``gongkai.core.policy.derive_status`` for the reason and the history).

State changes happen only in the actions (``actions/``, re-exported by ``services.py``).
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.orgs.models import Unit
from gongkai.publishing.models import Publication

from .vocab import (
    PACKAGE_THEMES,
    STATUS_CHOICES,
    CleanupDecision,
    DocKind,
    EvaluationDecision,
    ExtensionState,
    InterpretationForm,
    ProposalState,
    QuestionState,
    RelationKind,
    SignOff,
)


class LocalRules(models.Model):
    """地方规则 (one row): the validity term, evaluation lead time, the 三同步 limit and the targets.

    None of these is national law (DOMAIN.md §5); the defaults are the common local rule and the samples' targets.
    """

    default_years = models.PositiveSmallIntegerField("规范性文件有效期（年）", default=5)
    provisional_years = models.PositiveSmallIntegerField("暂行、试行文件有效期（年）", default=2)
    evaluation_months = models.PositiveSmallIntegerField("到期前评估提醒（月）", default=6)
    sync_working_days = models.PositiveSmallIntegerField(
        "解读晚于文件的最长工作日", default=3, help_text="0 表示必须同日；样本要求不超过 3 个工作日"
    )
    interpretation_target = models.PositiveSmallIntegerField("解读率目标（%）", default=100)
    major_target = models.PositiveSmallIntegerField("重大政策解读率目标（%）", default=100)
    diverse_target = models.PositiveSmallIntegerField("多元化解读比例目标（%）", default=70)
    sync_target = models.PositiveSmallIntegerField("三同步率目标（%）", default=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政策文件地方规则"

    def __str__(self) -> str:
        return "政策文件地方规则"


class PolicyDocument(models.Model):
    """政策文件: a 行政规范性文件 or other policy document, on top of its publication record.

    The lead issuer is the publication's unit; ``co_issuers`` are the other units of a joint document (联合发文).
    """

    publication = models.OneToOneField(Publication, on_delete=models.PROTECT, related_name="policy")
    kind = models.CharField("文件类型", max_length=20, choices=DocKind.choices, default=DocKind.NORMATIVE)
    co_issuers = models.ManyToManyField(
        Unit, blank=True, related_name="co_issued_policies", verbose_name="联合发文单位"
    )
    doc_number = models.CharField("文号", max_length=80, blank=True, help_text="GB/T 9704 标准写法")
    issuer_code = models.CharField("发文机关代字", max_length=20, blank=True)
    doc_year = models.IntegerField("文号年份", null=True, blank=True)
    doc_seq = models.IntegerField("发文顺序号", null=True, blank=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    stated_years = models.PositiveSmallIntegerField("写明的有效期（年）", null=True, blank=True)
    stated_end = models.DateField("写明的有效期至", null=True, blank=True)
    registration_number = models.CharField("登记号", max_length=60, blank=True)
    is_major = models.BooleanField("重大政策", default=False)
    interpretation_exempt = models.BooleanField("无需解读", default=False)
    exempt_reason = models.CharField("无需解读的理由", max_length=200, blank=True)
    is_admin_basis = models.BooleanField(
        "作为行政管理依据", default=False, help_text="未公开的文件不得作为行政管理依据"
    )
    # Derived by services.refresh from the dates and relations (never typed by hand).
    starts_on = models.DateField("起始日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True, db_index=True)
    evaluation_due = models.DateField("评估日期", null=True, blank=True)
    ended_on = models.DateField("废止或被替代日期", null=True, blank=True)
    declared_expired_on = models.DateField("宣布失效日期", null=True, blank=True)
    amended_on = models.DateField("首次修改日期", null=True, blank=True)
    term_note = models.CharField("有效期说明", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政策文件"
        ordering = ["-id"]
        constraints = [
            # 文号 unique per issuer (代字) and year.
            models.UniqueConstraint(
                fields=["issuer_code", "doc_year", "doc_seq"],
                condition=Q(doc_seq__isnull=False),
                name="policydocument_docnumber_unique",
            ),
        ]
        indexes = [models.Index(fields=["kind", "expires_on"])]

    def __str__(self) -> str:
        return self.publication.title

    @property
    def title(self) -> str:
        return self.publication.title

    @property
    def unit(self) -> Unit:
        return self.publication.unit

    @property
    def is_public(self) -> bool:
        return self.publication.is_public

    @property
    def basis_effective(self) -> bool:
        """Usable as a basis for administration only while published (不公开不得作为行政管理依据)."""
        return self.is_admin_basis and self.publication.is_public


class PolicyRelation(models.Model):
    """A later act on an earlier document: ``source`` amends / replaces / repeals ``target``.

    ``source`` is empty for decisions that are not documents of their own: an evaluation extending the term, or a
    cleanup result declaring a document expired (``basis`` then names the decision). ``clauses`` lists the target's
    clauses concerned when the text says which (clause-level amendment or repeal).
    """

    source = models.ForeignKey(
        PolicyDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="relations_out"
    )
    target = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="relations_in")
    kind = models.CharField("关系", max_length=20, choices=RelationKind.choices)
    effective_date = models.DateField("生效日期")
    extended_until = models.DateField("延续至", null=True, blank=True)
    clauses = models.JSONField("涉及条款", default=list, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_date", "id"]
        verbose_name = verbose_name_plural = "文件关系"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                condition=Q(source__isnull=False),
                name="policyrelation_unique",
            ),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="policyrelation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target_id}"


class RelationProposal(models.Model):
    """A relation one unit's document would make on another unit's document (跨单位文件关系提议).

    Nothing about the target changes while it is pending: the target's issuing unit (its editors, reviewers or
    leader) or the openness office accepts it — which records the ``PolicyRelation`` (``relation``) — or rejects it
    with a note; the proposing unit sees the result and may withdraw it while it is pending.
    """

    source = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="proposals_out")
    target = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="proposals_in")
    kind = models.CharField("关系", max_length=20, choices=RelationKind.choices)
    effective_date = models.DateField("生效日期", null=True, blank=True)
    clauses = models.JSONField("涉及条款", default=list, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=ProposalState.choices, default=ProposalState.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("意见", max_length=500, blank=True)
    relation = models.OneToOneField(
        PolicyRelation, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = verbose_name_plural = "文件关系提议"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                condition=Q(state="pending"),
                name="relationproposal_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}提议 {self.source_id}→{self.target_id}"


class Interpretation(models.Model):
    """政策解读: a publication explaining one or more documents ("谁起草、谁解读")."""

    publication = models.OneToOneField(Publication, on_delete=models.PROTECT, related_name="interpretation")
    documents = models.ManyToManyField(
        PolicyDocument, related_name="interpretations", verbose_name="解读的文件"
    )
    form = models.CharField(
        "解读形式", max_length=20, choices=InterpretationForm.choices, default=InterpretationForm.TEXT
    )
    media_url = models.URLField("媒体链接", blank=True, help_text="视频、音频、直播回放或 H5 页面地址")
    interpreter_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="解读单位"
    )
    interpreter_name = models.CharField("解读人", max_length=50, blank=True)
    interpreter_title = models.CharField("解读人职务", max_length=50, blank=True)
    # {element key: {"state": "present"|"na", "note": "..."}} for every key of vocab.ELEMENTS.
    elements = models.JSONField("内容要素", default=dict, blank=True)
    # 单位负责人审定: the decision holds for the content it was taken on (``signoff_fingerprint``); any later change
    # of the text, the elements, the documents or the files asks for a new one (and puts a returned one back in the
    # leader's queue).
    signoff = models.CharField("审定", max_length=20, choices=SignOff.choices, blank=True)
    signoff_note = models.CharField("审定意见", max_length=500, blank=True)
    signoff_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signoff_at = models.DateTimeField("审定时间", null=True, blank=True)
    signoff_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政策解读"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.publication.title

    @property
    def is_diverse(self) -> bool:
        return self.form != InterpretationForm.TEXT

    def content_fingerprint(self) -> str:
        """What the leader signs off: text, form, media, interpreter, elements, documents and files. Edits made on
        publishing's pages count too, so a sign-off is compared with this rather than reset by one edit path."""
        pub = self.publication
        data = {
            "title": pub.title,
            "body": pub.body,
            "formed_date": str(pub.formed_date),
            "form": self.form,
            "media_url": self.media_url,
            "interpreter": [self.interpreter_name, self.interpreter_title],
            "elements": self.elements,
            "documents": sorted(self.documents.values_list("pk", flat=True)),
            "files": sorted(pub.attachments.values_list("name", "sha256")),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    @property
    def signoff_state(self) -> str:
        """The leader's decision as it stands: "approved" or "returned" while the content is the one decided on,
        "changed" after an edit since (back in the leader's queue), "" before any decision."""
        if not self.signoff:
            return ""
        return self.signoff if self.signoff_fingerprint == self.content_fingerprint() else "changed"

    @property
    def signoff_label(self) -> str:
        if self.signoff_state == "changed":
            return (
                "审定后有修改，待重新审定" if self.signoff == SignOff.APPROVED else "已按意见修改，待重新审定"
            )
        return {"approved": "已审定", "returned": "负责人退回修改"}.get(self.signoff_state, "待负责人审定")


class Evaluation(models.Model):
    """到期评估: the issuing unit's decision on a document nearing the end of its term."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="evaluations")
    expires_on = models.DateField("评估时的有效期至")
    decision = models.CharField("评估结论", max_length=20, choices=EvaluationDecision.choices)
    extended_until = models.DateField("延续至", null=True, blank=True)
    note = models.TextField("评估意见")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # Set when the unit leader does not approve the extension it proposed: the unit decides again.
    superseded_at = models.DateTimeField("结论作废时间", null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = verbose_name_plural = "到期评估"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "expires_on"],
                condition=Q(superseded_at__isnull=True),
                name="evaluation_once_per_term",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.get_decision_display()}"


class ExtensionRequest(models.Model):
    """延续有效期: proposed by the issuing unit's 到期评估, approved by its leader, announced by a public notice (a
    publication through the review workflow); the ``extends`` relation is recorded when the notice is published."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="extensions")
    evaluation = models.OneToOneField(
        Evaluation, null=True, blank=True, on_delete=models.PROTECT, related_name="extension"
    )
    expires_on = models.DateField("申请时的有效期至")
    extended_until = models.DateField("延续至")
    reason = models.TextField("延续理由")
    state = models.CharField(
        "状态", max_length=20, choices=ExtensionState.choices, default=ExtensionState.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=500, blank=True)
    notice = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="公告"
    )
    relation = models.OneToOneField(
        PolicyRelation, null=True, blank=True, on_delete=models.SET_NULL, related_name="extension_request"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = verbose_name_plural = "延续有效期申请"

    def __str__(self) -> str:
        return f"{self.document} 延续至{self.extended_until:%Y-%m-%d}"


class Campaign(models.Model):
    """规范性文件清理: every unit confirms or changes the status of each of its documents by a deadline.

    The scope (units, document kinds, years of 成文日期) is chosen when it opens; closing it publishes the result
    through publishing's workflow (``result_notice``, under the catalogue item 规范性文件) and on its portal page."""

    title = models.CharField("清理名称", max_length=200)
    scope_note = models.TextField("清理范围和要求", blank=True)
    deadline = models.DateField("报送截止日期")
    kinds = models.JSONField("文件类型", default=list, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="清理单位")
    year_from = models.PositiveSmallIntegerField("成文年份自", null=True, blank=True)
    year_to = models.PositiveSmallIntegerField("成文年份至", null=True, blank=True)
    result_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="公布结果的单位"
    )
    result_notice = models.ForeignKey(
        Publication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="清理结果公告",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    result_effective = models.DateField("清理结果生效日期", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "文件清理"

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def scope_parts(self) -> list[tuple[str, str]]:
        """The scope as (label, value) pairs for the pages and the result notice."""
        units = [u.name for u in self.units.all()] if self.pk else []
        kinds = [DocKind(k).label for k in self.kinds if k in DocKind.values] or [DocKind.NORMATIVE.label]
        if self.year_from and self.year_to:
            years = (
                f"{self.year_from}年至{self.year_to}年"
                if self.year_from != self.year_to
                else f"{self.year_from}年"
            )
        elif self.year_from:
            years = f"{self.year_from}年以来"
        elif self.year_to:
            years = f"{self.year_to}年及以前"
        else:
            years = "不限"
        return [
            ("制发单位", "、".join(units) if units else "全部单位"),
            ("文件类型", "、".join(kinds)),
            ("成文年份", years),
        ]


class CampaignItem(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="cleanup_items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        "清理意见", max_length=20, choices=CleanupDecision.choices, default=CleanupDecision.PENDING
    )
    note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "document_id"]
        verbose_name = verbose_name_plural = "清理事项"
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="campaignitem_unique")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.document}"


class ServiceItem(models.Model):
    """办事事项: a service the public applies for, linked from the documents it concerns (政策+解读+办事)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="service_items", verbose_name="实施单位"
    )
    name = models.CharField("事项名称", max_length=200)
    code = models.CharField("事项编码", max_length=60, blank=True)
    guide_url = models.URLField("办事指南链接", max_length=500)
    documents = models.ManyToManyField(
        PolicyDocument, blank=True, related_name="services", verbose_name="相关政策文件"
    )
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit_id", "name"]
        verbose_name = verbose_name_plural = "办事事项"

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """政策问答: a question and its answer, maintained by a unit, tied to documents and services."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="policy_questions", verbose_name="单位"
    )
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答")
    documents = models.ManyToManyField(PolicyDocument, blank=True, related_name="questions")
    services = models.ManyToManyField(ServiceItem, blank=True, related_name="questions")
    state = models.CharField(
        "状态", max_length=20, choices=QuestionState.choices, default=QuestionState.DRAFT, db_index=True
    )
    search_text = models.TextField(editable=False, blank=True)
    helpful_yes = models.PositiveIntegerField("有帮助", default=0)
    helpful_no = models.PositiveIntegerField("没有帮助", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = verbose_name_plural = "政策问答"

    def __str__(self) -> str:
        return self.question


class QuestionFeedback(models.Model):
    """One "was this helpful" vote. ``voter`` is a salted hash (no address is stored), one vote per day."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    voter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "voter"], name="questionfeedback_once")]

    def __str__(self) -> str:
        return f"{self.question_id} {'有帮助' if self.helpful else '没有帮助'}"


class UnansweredSearch(models.Model):
    """A Q&A search the public made that found nothing: the openness office sees them and closes the gap."""

    query = models.CharField("检索词", max_length=100, unique=True)
    count = models.PositiveIntegerField("次数", default=1)
    first_at = models.DateTimeField(auto_now_add=True)
    last_at = models.DateTimeField()
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_note = models.CharField("处理说明", max_length=200, blank=True)
    answered_by = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="补充的问答",
    )

    class Meta:
        ordering = ["-count", "-last_at"]
        verbose_name = verbose_name_plural = "无结果检索"

    def __str__(self) -> str:
        return self.query


class Package(models.Model):
    """政策包 (集成式发布): documents, interpretations, Q&A and services for one theme on one page."""

    title = models.CharField("名称", max_length=200)
    slug = models.SlugField("网址标识", max_length=60, unique=True)
    theme = models.CharField("主题", max_length=20, choices=[(t, t) for t in PACKAGE_THEMES])
    summary = models.TextField("导语", blank=True)
    documents = models.ManyToManyField(PolicyDocument, blank=True, related_name="packages")
    questions = models.ManyToManyField(Question, blank=True, related_name="packages")
    services = models.ManyToManyField(ServiceItem, blank=True, related_name="packages")
    is_published = models.BooleanField("已发布", default=False)
    sort_order = models.IntegerField("排序", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "政策包"

    def __str__(self) -> str:
        return self.title


__all__ = [
    "STATUS_CHOICES",
    "Campaign",
    "CampaignItem",
    "Evaluation",
    "ExtensionRequest",
    "Interpretation",
    "LocalRules",
    "Package",
    "PolicyDocument",
    "PolicyRelation",
    "Question",
    "QuestionFeedback",
    "ServiceItem",
    "UnansweredSearch",
]
