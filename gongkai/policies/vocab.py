"""Vocabularies of the policy library (政策文件库): kinds, relations, interpretation forms and content elements.

Sources: DOMAIN.md §5; 《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）for the
library and its cleanup; 《关于全面推进政务公开工作的意见》实施细则（国办发〔2016〕80号）and the sample work points
for "谁起草、谁解读", 三同步 and the interpretation forms.
"""

from django.db import models

from gongkai.core.policy import validity as core_validity
from gongkai.core.policy.validity import Status


class DocKind(models.TextChoices):
    NORMATIVE = "normative", "行政规范性文件"
    POLICY = "policy", "其他政策文件"


# Status values are the core's Chinese labels, stored as they are shown.
STATUS_CHOICES = [(s.value, s.value) for s in Status]
IN_FORCE = tuple(s.value for s in core_validity.IN_FORCE)


class RelationKind(models.TextChoices):
    """What a later act does to an earlier document (the earlier one is the relation's target)."""

    AMENDS = "amends", "修改"
    REPLACES = "replaces", "替代"
    REPEALS = "repeals", "废止"
    EXTENDS = "extends", "延续有效期"
    DECLARES_EXPIRED = "declares_expired", "宣布失效"


# Relation kind → the core's relation on the target; keyed by the stored value (a ``PolicyRelation.kind``).
CORE_RELATION: dict[str, str] = {
    RelationKind.AMENDS: core_validity.AMENDED_BY,
    RelationKind.REPLACES: core_validity.REPLACED_BY,
    RelationKind.REPEALS: core_validity.REPEALED_BY,
    RelationKind.EXTENDS: core_validity.EXTENDED,
    RelationKind.DECLARES_EXPIRED: core_validity.DECLARED_EXPIRED,
}
# Relations that carry a clause-aligned diff (新旧政策差异) between the two texts.
DIFF_RELATIONS = (RelationKind.AMENDS, RelationKind.REPLACES)


class InterpretationForm(models.TextChoices):
    """解读形式. Everything but 文字 counts as 多元化解读."""

    TEXT = "text", "文字"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频"
    AUDIO = "audio", "音频"
    QA = "qa", "简明问答"
    LIVE = "live", "互动直播"
    PRESS = "press", "新闻发布会"
    EXPERT = "expert", "专家解读"
    H5 = "h5", "H5"


# Forms whose substance is a media file or a link rather than the text itself.
MEDIA_FORMS = ("graphic", "video", "audio", "live", "press", "h5")

# 解读内容要素: each must be covered or marked not applicable before review.
ELEMENTS = (
    ("background", "背景依据", "出台的背景、依据和必要性"),
    ("goals", "目标任务", "政策要实现的目标和主要任务"),
    ("content", "主要内容", "主要条款、关键词和重要措施"),
    ("scope", "适用范围", "适用对象、涉及范围"),
    ("standards", "执行标准", "执行标准、补贴/收费标准、条件"),
    ("benefits", "惠民利企举措", "对群众和企业的实惠、减负举措"),
    ("differences", "新旧政策差异", "与原政策相比新增、删除和修改的内容"),
    ("procedure", "办理流程", "办理流程、所需材料、注意事项和咨询方式"),
)
ELEMENT_KEYS = tuple(key for key, _, _ in ELEMENTS)
ELEMENT_LABELS = {key: label for key, label, _ in ELEMENTS}


class ElementState(models.TextChoices):
    PRESENT = "present", "已包含"
    NOT_APPLICABLE = "na", "不适用"


class EvaluationDecision(models.TextChoices):
    """到期评估: what the issuing unit decides for a document nearing the end of its term."""

    EXTEND = "extend", "延续有效期"
    REISSUE = "reissue", "重新制发"
    LAPSE = "lapse", "到期失效"


class ExtensionState(models.TextChoices):
    """延续有效期申请: the unit leader approves, then a public notice (公告) is published; only then does it act."""

    PENDING = "pending", "待单位负责人审批"
    APPROVED = "approved", "已批准，待发布公告"
    REJECTED = "rejected", "未批准"
    EFFECTIVE = "effective", "已生效"


class ProposalState(models.TextChoices):
    """文件关系提议: a unit's document that amends / replaces / repeals another unit's document is only proposed;
    the target's issuing unit (or the openness office) accepts or rejects it."""

    PENDING = "pending", "待对方单位确认"
    ACCEPTED = "accepted", "已接受"
    REJECTED = "rejected", "已拒绝"
    WITHDRAWN = "withdrawn", "已撤回"


class SignOff(models.TextChoices):
    """单位负责人审定 of an interpretation before it goes to the confidentiality review."""

    APPROVED = "approved", "已审定"
    RETURNED = "returned", "退回修改"


class CleanupDecision(models.TextChoices):
    """清理结果 for one document."""

    PENDING = "pending", "待确认"
    KEEP = "keep", "继续有效"
    AMEND = "amend", "拟修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class QuestionState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已下线"


# Themes for 集成式发布 packages (政策包), after the enterprise and personal life-cycle events of 一件事.
PACKAGE_THEMES = (
    "企业开办",
    "企业经营",
    "企业注销",
    "惠农惠企补贴",
    "就业创业",
    "教育入学",
    "医疗社保",
    "养老服务",
    "住房保障",
    "其他",
)
