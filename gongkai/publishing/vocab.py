"""Vocabularies of active disclosure (主动公开): the fixed lists every form, page and export uses.

The law-derived lists cite their source; the statutory categories themselves live in ``gongkai.core.law``.
"""

from django.db import models

from gongkai.core import law


class State(models.TextChoices):
    """The life of a publication (政府信息): 先审后发, every step audited."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审查"
    UNDER_REVIEW = "under_review", "审查中"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "审查通过"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    ARCHIVED = "archived", "已归档"


class Revision(models.TextChoices):
    """A published item's new version (修订): files added or replaced after publication are reviewed before they
    go public; until then the public sees the version last approved."""

    PENDING = "pending", "新版本待审查"
    RETURNED = "returned", "新版本已退回"


EDITABLE_STATES = (State.DRAFT, State.RETURNED)
# Only these are on the public site (portal, search, RSS, sitemap).
PUBLIC_STATES = (State.PUBLISHED,)


class DisclosureMode(models.TextChoices):
    """公开属性 (源头认定): decided when the information is formed, checked by the reviewer."""

    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


# 不予公开 grounds, with the article of the regulation (条例第14、15、16条).
WITHHELD_GROUNDS = (
    ("state_secret", "属于国家秘密（《条例》第十四条）"),
    ("law_forbids", "法律、行政法规禁止公开（《条例》第十四条）"),
    ("three_safety", "公开后可能危及国家安全、公共安全、经济安全、社会稳定（《条例》第十四条）"),
    ("third_party", "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（《条例》第十五条）"),
    ("internal_affairs", "人事管理、后勤管理、内部工作流程等内部事务信息（《条例》第十六条第一款）"),
    ("process_info", "讨论记录、过程稿、磋商信函、请示报告等过程性信息（《条例》第十六条第二款）"),
    ("enforcement_file", "行政执法案卷信息（《条例》第十六条第二款）"),
)
WITHHELD_GROUND_LABELS = dict(WITHHELD_GROUNDS)
ON_REQUEST_BASIS = (
    "《条例》第二十七条：除行政机关主动公开的政府信息外，公民、法人或者其他组织可以申请获取相关政府信息"
)

# 主题分类: the subject classes used by the State Council's policy library (国务院政策文件库) and most county sites.
TOPICS = (
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
)


class Validity(models.TextChoices):
    """有效性 of a document (blank for information that is not a document)."""

    VALID = "valid", "有效"
    NOT_YET = "not_yet", "尚未生效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"


# The five checks of the confidentiality review (保密审查 "五关"), in the order reviewers tick them.
REVIEW_CHECKS = (
    ("political", "政治关", "政治立场、涉及党和国家重大方针政策的表述是否准确"),
    ("legal", "法律关", "是否符合法律法规，是否涉及不予公开的法定情形，公开属性认定是否正确"),
    ("policy", "政策关", "与现行政策是否一致，是否涉及未正式出台的政策、过程性信息"),
    ("secrecy", "保密关", "是否含国家秘密、工作秘密、内部资料、个人隐私和商业秘密，是否存在数据汇聚风险"),
    ("wording", "文字关", "标题、文号、日期、单位名称、用字用词和格式是否规范准确"),
)
REVIEW_CHECK_KEYS = tuple(key for key, _, _ in REVIEW_CHECKS)


class Verdict(models.TextChoices):
    APPROVED = "approved", "同意公开"
    RETURNED = "returned", "退回修改"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    MASKED = "masked", "已脱敏"
    FALSE_POSITIVE = "false_positive", "误报"
    OVERRIDDEN = "overridden", "审查员确认可公开"
    GONE = "gone", "已消除"


RESOLVED_STATUSES = (
    FindingStatus.MASKED,
    FindingStatus.FALSE_POSITIVE,
    FindingStatus.OVERRIDDEN,
    FindingStatus.GONE,
)


class ScanTrigger(models.TextChoices):
    UPLOAD = "upload", "上传/保存时"
    BEFORE_REVIEW = "before_review", "提交审查前"
    PUBLISH = "publish", "发布前"
    ON_DEMAND = "on_demand", "手动扫描"
    MASK = "mask", "脱敏后复查"
    RESCAN_ALL = "rescan_all", "已发布信息全面复查"


# 公开目录 columns (标准目录), in the order of the standard spreadsheet.
CATALOG_COLUMNS = (
    ("matter_l1", "公开事项（一级事项）"),
    ("matter_l2", "公开事项（二级事项）"),
    ("elements", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("subject", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("mode", "公开方式"),
    ("level", "公开层级"),
)
CHANNELS = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "公示栏（电子屏）",
    "精准推送",
    "12345热线",
    "其他",
)
AUDIENCES = ("全社会", "特定群体")
CATALOG_MODES = ("主动", "依申请")
LEVELS = ("县级", "乡级", "村级")
DEFAULT_TIME_LIMIT = f"信息形成或者变更之日起{law.ACTIVE_DISCLOSURE}内"

# Audit actions of this app, as officials read them in an item's history (处理记录).
ACTION_LABELS = {
    "publishing.create": "新建草稿",
    "publishing.update": "修改",
    "publishing.import_docx": "从 Word 文件导入",
    "publishing.attachment_add": "上传附件",
    "publishing.attachment_replace": "替换附件",
    "publishing.attachment_remove": "删除附件",
    "publishing.scan": "扫描",
    "publishing.mask": "脱敏",
    "publishing.finding_resolve": "处理扫描发现",
    "publishing.finding_override": "审查员确认可公开（例外放行）",
    "publishing.submit": "提交保密审查",
    "publishing.review_start": "开始审查",
    "publishing.review_approve": "审查通过",
    "publishing.review_return": "退回修改",
    "publishing.review_record": "登记审查单",
    "publishing.schedule": "设置定时发布",
    "publishing.publish": "发布",
    "publishing.publish_blocked": "发布被拦截（高风险发现未处理）",
    "publishing.withdraw": "撤回",
    "publishing.archive": "归档",
    "publishing.lifecycle": "更新有效性/复核日期",
    "publishing.back_to_review": "审查通过后修改，退回待审查",
    "publishing.revision_submit": "新版本提交审查（原版本继续公开）",
    "publishing.revision_approve": "新版本审查通过并公开",
    "publishing.revision_return": "新版本退回修改",
    "publishing.revision_cancel": "撤销新版本",
}
