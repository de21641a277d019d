"""Vocabularies of site inspection: periodic-disclosure rule kinds (公开时限) and the 政务新媒体 registry, with the
law they come from."""

from django.db import models

from gongkai.core.sitecheck import due


class RuleKind(models.TextChoices):
    EVENT = due.EVENT, "事件发生后N个工作日内"
    MONTHLY = due.MONTHLY, "按月"
    QUARTERLY = due.QUARTERLY, "按季度"
    YEARLY = due.YEARLY, "按年（固定日期前）"
    DYNAMIC = due.DYNAMIC, "动态更新"


class Platform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "头条号"
    CHANNELS = "channels", "视频号"
    APP = "app", "客户端"
    MINIPROGRAM = "miniprogram", "小程序"


class AccountState(models.TextChoices):
    """备案流程 (《关于推进政务新媒体健康有序发展的意见》国办发〔2018〕123号: 开设、变更、关停、注销逐级备案)."""

    APPLIED = "applied", "开设申请"
    REVIEWING = "reviewing", "审核中"
    FILED = "filed", "已备案"
    CHANGING = "changing", "变更申请"
    SUSPENDED = "suspended", "已关停"
    CANCELLED = "cancelled", "已注销"


# Which filing step may follow which (the workflow as data).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    AccountState.APPLIED: (AccountState.REVIEWING, AccountState.CANCELLED),
    AccountState.REVIEWING: (AccountState.FILED, AccountState.APPLIED),
    AccountState.FILED: (AccountState.CHANGING, AccountState.SUSPENDED, AccountState.CANCELLED),
    AccountState.CHANGING: (AccountState.FILED,),
    AccountState.SUSPENDED: (AccountState.FILED, AccountState.CANCELLED),
    AccountState.CANCELLED: (),
}

# The steps a unit's editors take themselves; every other step is the office's (逐级审核备案).
UNIT_STEPS = {(AccountState.APPLIED, AccountState.REVIEWING), (AccountState.FILED, AccountState.CHANGING)}

# States in which an account is live and must be updated (the 2-week veto applies).
LIVE_STATES = (AccountState.FILED, AccountState.CHANGING)

# 国办秘函〔2019〕19号 附件2: 监测时间点前2周内无更新 → 单项否决.
STALE_VETO_SOURCE = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）：政务新媒体监测时间点前2周内无更新的，单项否决。"


# Structured 公开时限 of the county template's items (code → kind, parameters, basis); every other template item is
# 动态更新. Leaf items are 法定主动公开内容 (条例第十九条至第二十一条), flagged when a unit has published nothing there.
DEFAULT_RULES: dict[str, dict] = {
    "art20-01-01": {"kind": "event", "n_days": 20, "basis": "条例第二十六条：形成或者变更之日起20个工作日内"},
    "art20-01-02": {"kind": "event", "n_days": 20, "basis": "条例第二十六条；解读与文件同步发布"},
    "art20-04": {"kind": "quarterly", "month": 1, "day": 20, "basis": "统计信息按季度发布（本县目录约定）"},
    "art20-05-02": {
        "kind": "event",
        "n_days": 7,
        "basis": "行政许可决定作出之日起7个工作日内公示（“双公示”）",
    },
    "art20-07-01": {
        "kind": "yearly",
        "month": 3,
        "day": 31,
        "basis": "《预算法》第十四条：批准后20日内公开（本县人代会后）",
    },
    "art20-07-02": {"kind": "yearly", "month": 8, "day": 31, "basis": "《预算法》第十四条：批复后20日内公开"},
    "art20-07-03": {"kind": "yearly", "month": 8, "day": 31, "basis": "“三公”经费随部门决算公开"},
}


# Columns of our portal the inspection dates (栏目): view name → (name, kind of ``core.sitecheck.rules.COLUMN_KINDS``).
# Catalogue columns (/xxgk/ml/<unit>/?node=) take the kind of their item: ``column_kind``.
PORTAL_COLUMNS = {
    "info:list": ("政府信息（最新动态）", "news"),
    "zc:library": ("政策文件", "policy"),
}
POLICY_NODE_PREFIXES = ("art20-01",)  # 规范性文件、政策解读: 政策文件类栏目


def column_kind(code: str) -> str:
    return "policy" if code.startswith(POLICY_NODE_PREFIXES) else "other"


class CampaignState(models.TextChoices):
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class ZombieDecision(models.TextChoices):
    """僵尸号清理 decisions (国办发〔2018〕123号: 对功能定位重复、用户关注度和活跃度低的政务新媒体，要坚决予以关停整合)."""

    RECTIFY = "rectify", "整改"
    SUSPEND = "suspend", "关停"
    CANCEL = "cancel", "注销"
    MERGE = "merge", "合并"


ZOMBIE_SOURCE = (
    "《关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）：对功能定位重复、用户关注度和活跃度低的政务新媒体，"
    "要坚决予以关停整合；《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）：监测时间点前2周内无更新、"
    "未提供有效互动功能的，单项否决。"
)
# The default silence that lists an account in a cleanup campaign (the 19号 veto's 2 weeks is the floor).
ZOMBIE_DEFAULT_DAYS = 30
