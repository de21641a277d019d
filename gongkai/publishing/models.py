"""Active disclosure (主动公开): catalogue, publications, attachments, reviews, scan findings and the search index.

State changes happen only in the actions (``actions/``, re-exported by ``services.py``); these models hold data
and answer simple questions about it.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.orgs.models import Unit

from .storage import private_storage
from .vocab import (
    AUDIENCES,
    CATALOG_MODES,
    PUBLIC_STATES,
    RESOLVED_STATUSES,
    REVIEW_CHECKS,
    TOPICS,
    WITHHELD_GROUNDS,
    DisclosureMode,
    FindingStatus,
    Revision,
    ScanTrigger,
    State,
    Validity,
    Verdict,
)


class CatalogNode(models.Model):
    """公开目录 node: one 公开事项 (一级 at the top, 二级 below) with the standard columns.

    Nodes without a unit form the county-wide template (全县统一标准目录) that every unit inherits; a unit extends
    it with its own nodes, at the top or below a template node. ``applies_to`` limits a template node to unit kinds
    (第二十一条 to county-level bodies, the township list to 乡镇); empty means every unit.
    """

    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_nodes",
        verbose_name="单位",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级事项",
    )
    code = models.CharField("编码", max_length=40, blank=True, help_text="法定类别的固定编码，如 art20-01")
    name = models.CharField("公开事项", max_length=200)
    elements = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=300, blank=True)
    audience = models.CharField(
        "公开对象", max_length=20, blank=True, choices=[(a, a) for a in AUDIENCES], default=AUDIENCES[0]
    )
    mode = models.CharField(
        "公开方式",
        max_length=20,
        blank=True,
        choices=[(m, m) for m in CATALOG_MODES],
        default=CATALOG_MODES[0],
    )
    level = models.CharField("公开层级", max_length=50, blank=True)
    applies_to = models.JSONField("适用单位类型", default=list, blank=True)
    sort_order = models.IntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "公开目录事项"
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="catalognode_code_unique"),
        ]

    def __str__(self) -> str:
        return self.path_label

    @property
    def is_template(self) -> bool:
        return self.unit_id is None

    @property
    def depth(self) -> int:
        depth, node = 0, self
        while node.parent_id is not None:
            depth += 1
            node = node.parent
        return depth

    @property
    def path(self) -> list[CatalogNode]:
        nodes, node = [], self
        while node is not None:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]

    @property
    def path_label(self) -> str:
        return " › ".join(n.name for n in self.path)

    def applies_to_unit(self, unit: Unit) -> bool:
        return self.unit_id == unit.pk or (
            self.unit_id is None and (not self.applies_to or unit.kind in self.applies_to)
        )


class Publication(models.Model):
    """政府信息 (拟发布/已发布): one item of active disclosure with its metadata, attachments and review trail."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="publications", verbose_name="单位")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="publications", verbose_name="起草人"
    )
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True, help_text="经过清理的 HTML")
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    publisher = models.CharField("发布机构", max_length=100, blank=True)
    topic = models.CharField("主题分类", max_length=40, blank=True, choices=[(t, t) for t in TOPICS])
    formed_date = models.DateField("成文日期", null=True, blank=True)
    changed_date = models.DateField(
        "变更日期", null=True, blank=True, help_text="信息变更后重新公开的，自变更之日起计算公开时限"
    )
    doc_number = models.CharField("文号", max_length=80, blank=True)
    nodes = models.ManyToManyField(
        CatalogNode, blank=True, related_name="publications", verbose_name="公开目录"
    )
    disclosure_mode = models.CharField(
        "公开属性", max_length=20, choices=DisclosureMode.choices, default=DisclosureMode.ACTIVE
    )
    withheld_ground = models.CharField(
        "不予公开依据", max_length=30, blank=True, choices=[(k, v) for k, v in WITHHELD_GROUNDS]
    )
    mode_note = models.TextField("公开属性说明", blank=True)
    is_consultation = models.BooleanField(
        "征求意见稿", default=False, help_text="征求意见的草案允许出现“征求意见稿”字样"
    )
    validity = models.CharField("有效性", max_length=20, blank=True, choices=Validity.choices)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    index_number = models.CharField("索引号", max_length=80, blank=True)
    index_year = models.IntegerField(null=True, blank=True, editable=False)
    index_seq = models.IntegerField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审查通过时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.TextField("撤回原因", blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    # Timeliness (条例第二十六条): computed on the statutory calendar when the item is published.
    publish_deadline = models.DateField("公开时限截止日", null=True, blank=True)
    deadline_provisional = models.BooleanField(default=False)
    working_days_taken = models.IntegerField("用时（工作日）", null=True, blank=True)
    is_late = models.BooleanField("超期公开", default=False, db_index=True)
    # Post-publication management (定期清理过时、失效内容).
    review_by = models.DateField("复核日期", null=True, blank=True, help_text="到期后进入清理复核队列")
    expires_on = models.DateField("失效日期", null=True, blank=True)
    source_filename = models.CharField("导入文件", max_length=200, blank=True)
    # A published item whose files changed: the new version's review (pending / returned), the old one stays public.
    revision = models.CharField("新版本", max_length=20, blank=True, choices=Revision.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = verbose_name_plural = "政府信息"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "index_number"],
                condition=~Q(index_number=""),
                name="publication_index_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "-published_at"]),
            # The public lists: published items newest first, counted from this small partial index.
            models.Index(
                fields=["-published_at", "-id"], name="publication_public_idx", condition=Q(state="published")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in (State.DRAFT, State.RETURNED)

    @property
    def in_review(self) -> bool:
        """Waiting for or in 保密审查: a submitted item, or a published item's new version (修订)."""
        return self.state in (State.SUBMITTED, State.UNDER_REVIEW) or (
            self.state == State.PUBLISHED and self.revision == Revision.PENDING
        )

    def public_attachments(self):
        """The files the public gets: approved (not a pending new version) and not awaiting replacement."""
        return self.attachments.filter(pending=False, needs_replacement=False)

    @property
    def start_date(self):
        """The day the 20 working days run from: the change date if the information changed, else 成文日期."""
        return self.changed_date or self.formed_date

    @property
    def is_expired(self) -> bool:
        return bool(self.expires_on and self.expires_on <= timezone.localdate()) or self.validity in (
            Validity.EXPIRED,
            Validity.REPEALED,
        )

    @property
    def validity_label(self) -> str:
        if (
            self.expires_on
            and self.expires_on <= timezone.localdate()
            and self.validity in ("", Validity.VALID)
        ):
            return Validity.EXPIRED.label
        return self.get_validity_display() if self.validity else ""

    @property
    def withdraw_sentence(self) -> str:
        """The withdrawal reason as one sentence ending with a single 。 (the reason may end with its own)."""
        reason = self.withdraw_reason.strip().rstrip("。．.；;，,！!")
        return f"{reason}。" if reason else ""

    @property
    def latest_review(self):
        return self.reviews.order_by("-id").first()

    def open_findings(self):
        return self.findings.filter(status=FindingStatus.OPEN)

    def blocking_findings(self):
        """Unresolved high-severity findings: publishing is impossible while any remains."""
        return self.findings.filter(status=FindingStatus.OPEN, severity="high")


def attachment_path(instance, filename: str) -> str:
    # A random name: the original name is kept in the row, never used as a path (no traversal, no guessing).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"publishing/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """附件. The original is kept for staff; the public gets the masked copy when one exists."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)
    size = models.BigIntegerField("大小", default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    masked_file = models.FileField(
        storage=private_storage, upload_to=attachment_path, max_length=200, blank=True, null=True
    )
    masked_sha256 = models.CharField(max_length=64, blank=True)
    masked_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField("提取的文字", blank=True, editable=False)
    masked_text = models.TextField(blank=True, editable=False)
    text_error = models.CharField("无法扫描的原因", max_length=300, blank=True)
    needs_replacement = models.BooleanField(
        "需替换文件", default=False, help_text="PDF 等无法自动脱敏的文件含有个人信息，须替换为处理后的文件"
    )
    # Added or replaced after publication: not public until the new version passes review (``replaces`` is the
    # file it will take the place of, which stays public meanwhile).
    pending = models.BooleanField("新版本（待审查）", default=False)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replacements"
    )
    sort_order = models.IntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name

    @property
    def public_text(self) -> str:
        return self.masked_text if self.masked_file else self.text

    @property
    def size_label(self) -> str:
        size = float(self.size)
        for unit in ("B", "KB", "MB"):
            if size < 1024 or unit == "MB":
                return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
            size /= 1024
        return ""


class Review(models.Model):
    """保密审查记录 (一事一审): who reviewed, each of the five checks, the verdict and when."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveIntegerField("审查轮次", default=1)
    political_passed = models.BooleanField("政治关", null=True)
    political_comment = models.TextField(blank=True)
    legal_passed = models.BooleanField("法律关", null=True)
    legal_comment = models.TextField(blank=True)
    policy_passed = models.BooleanField("政策关", null=True)
    policy_comment = models.TextField(blank=True)
    secrecy_passed = models.BooleanField("保密关", null=True)
    secrecy_comment = models.TextField(blank=True)
    wording_passed = models.BooleanField("文字关", null=True)
    wording_comment = models.TextField(blank=True)
    verdict = models.CharField("结论", max_length=20, blank=True, choices=Verdict.choices)
    reason = models.TextField("意见", blank=True)
    revision = models.BooleanField("新版本审查", default=False, help_text="已发布信息修改附件后的审查")
    started_at = models.DateTimeField("开始审查", default=timezone.now)
    decided_at = models.DateTimeField("审查完成", null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "保密审查记录"

    def __str__(self) -> str:
        return f"{self.publication} 第{self.round}轮审查"

    def checks(self) -> list[tuple[str, str, bool | None, str]]:
        return [
            (key, label, getattr(self, f"{key}_passed"), getattr(self, f"{key}_comment"))
            for key, label, _ in REVIEW_CHECKS
        ]


class ScanRun(models.Model):
    """One run of the scanner: on one publication, or over everything published (全面复查)."""

    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.CASCADE, related_name="scan_runs"
    )
    trigger = models.CharField("触发", max_length=20, choices=ScanTrigger.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    items = models.IntegerField("扫描条数", default=0)
    findings_total = models.IntegerField("发现总数", default=0)
    new_findings = models.IntegerField("新增发现", default=0)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "扫描记录"

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} {self.started_at:%Y-%m-%d %H:%M}"


class Finding(models.Model):
    """扫描发现: a stored scan result and how it was resolved (masked, false positive, or overridden with reason)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    source = models.CharField(max_length=20)  # title / body / attachment
    kind = models.CharField("类型", max_length=20)
    severity = models.CharField("严重程度", max_length=10)
    text = models.CharField("内容", max_length=500)
    mask = models.CharField("建议脱敏", max_length=500, blank=True, null=True)
    replacement = models.CharField("建议改为", max_length=200, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    aggregated = models.BooleanField("与姓名同行", default=False)
    can_mask = models.BooleanField(default=True)
    location = models.CharField("位置", max_length=200, blank=True)
    where = models.JSONField(default=dict, blank=True)
    context = models.CharField("上下文", max_length=400, blank=True)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        "处理状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_reason = models.TextField("处理理由", blank=True)
    first_run = models.ForeignKey(
        ScanRun, null=True, on_delete=models.SET_NULL, related_name="first_findings"
    )
    last_run = models.ForeignKey(ScanRun, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attachment_id", "id"]
        verbose_name = verbose_name_plural = "扫描发现"
        constraints = [
            models.UniqueConstraint(fields=["publication", "fingerprint"], name="finding_fingerprint_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.text}"

    @property
    def kind_label(self) -> str:
        from gongkai.core.textscan import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def severity_label(self) -> str:
        return {"high": "高", "medium": "中", "low": "低"}.get(self.severity, self.severity)

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES

    @property
    def source_label(self) -> str:
        if self.attachment_id:
            return f"附件《{self.attachment.name}》"
        return {"title": "标题", "body": "正文"}.get(self.source, self.source)


class SensitiveTerm(models.Model):
    """不规范表述/敏感词: maintained by the openness office, added to the scanner's built-in list."""

    wrong = models.CharField("错误表述", max_length=100, unique=True)
    correct = models.CharField("规范表述", max_length=100, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    severity = models.CharField(
        "严重程度", max_length=10, default="medium", choices=[("high", "高"), ("medium", "中"), ("low", "低")]
    )
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["wrong"]
        verbose_name = verbose_name_plural = "不规范表述"

    def __str__(self) -> str:
        return f"{self.wrong} → {self.correct}"


class IndexCounter(models.Model):
    """The last 索引号 sequence used per unit and year. Only ever grows: numbers are never reused."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.IntegerField()
    last = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="indexcounter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class SearchEntry(models.Model):
    """One public item in the full-text index (only published items are here).

    ``*_words`` hold jieba words and ``*_grams`` CJK bigrams (``gongkai.core.search``). On SQLite an FTS5 table
    mirrors these columns through triggers; on PostgreSQL a ``tsvector`` column (GIN) and a ``pg_trgm`` index on
    ``title_norm`` are added by migration 0002 and filled by ``search.index_publication``.
    """

    publication = models.OneToOneField(Publication, on_delete=models.CASCADE, related_name="search_entry")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    published_on = models.DateField(db_index=True)
    title = models.TextField()
    text = models.TextField(help_text="公开的正文与附件文字（已脱敏）")
    title_norm = models.TextField()
    text_norm = models.TextField()
    title_words = models.TextField()
    title_grams = models.TextField()
    body_words = models.TextField()
    body_grams = models.TextField()

    class Meta:
        verbose_name = verbose_name_plural = "检索索引"

    def __str__(self) -> str:
        return self.title


# Convenience for templates and services: state labels.
STATE_LABELS = dict(State.choices)
__all__ = [
    "Attachment",
    "CatalogNode",
    "DisclosureMode",
    "Finding",
    "FindingStatus",
    "IndexCounter",
    "Publication",
    "Review",
    "ScanRun",
    "ScanTrigger",
    "SearchEntry",
    "SensitiveTerm",
    "State",
    "Validity",
    "Verdict",
]
