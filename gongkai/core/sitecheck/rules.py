"""The inspection's rules as data, each with its source (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》,
国办公开办函〔2019〕61号, 条例). Where 19号 gives no figure (the per-finding deduction, the correction period) the
figure is ours and says so ("本地规则").
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.textscan.model import HIGH, MEDIUM, Term

SOURCE_19 = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》"
LOCAL = "本地规则（19号未规定每处扣分和整改期限）"

HOME_STALE_DAYS = 14  # 单项否决3: 监测2周首页无更新 (19号)


@dataclass(frozen=True)
class ColumnKind:
    label: str
    days: int
    source: str


# 单项否决4①: 前2周内动态、要闻类栏目, 前6个月内通知公告、政策文件类一级栏目, 累计≥5个未更新.
COLUMN_KINDS: dict[str, ColumnKind] = {
    "news": ColumnKind("动态、要闻类栏目", 14, f"{SOURCE_19} 单项否决第4项①：2周"),
    "notice": ColumnKind("通知公告类栏目", 183, f"{SOURCE_19} 单项否决第4项①：6个月"),
    "policy": ColumnKind("政策文件类栏目", 183, f"{SOURCE_19} 单项否决第4项①：6个月"),
    # 单项否决4②: 应更新但长期未更新栏目 ≥10: "长期" taken as one year (本地规则).
    "other": ColumnKind("其他应更新栏目", 365, f"{SOURCE_19} 单项否决第4项②（“长期”按1年计，本地规则）"),
}
VETO_COLUMN_KINDS = frozenset({"news", "notice", "policy"})
VETO_STALE_COLUMNS = 5  # 4① 累计≥5个
VETO_LONG_STALE_COLUMNS = 10  # 4② ≥10个
VETO_EMPTY_COLUMNS = 5  # 4③ 空白栏目≥5个
UNREACHABLE_SHARE = 0.05  # 单项否决2: 监测1周, ≥15秒打不开的次数占比≥5%
UNREACHABLE_SECONDS = 15.0

# Personal data the inspection reports on public pages: a person's identifiers. Landlines, e-mail addresses and
# street addresses on government pages are mostly offices' public contacts (条例第十二条: the 指南 must give them),
# so they are left to the publication review, which knows the context.
SITE_PERSONAL_KINDS = frozenset({"id_number", "mobile", "bank_card", "passport"})
# Secrecy markings that must never be on a public page (泄露国家秘密: 单项否决); 征求意见稿 and the like are public.
SECRECY_WORDS = ("绝密", "机密", "秘密", "内部资料", "内部文件", "内部使用", "不得外传")

ANNUAL_REPORT_DUE = (1, 31)  # 条例第四十九条: 每年1月31日前公布上一年度年报


@dataclass(frozen=True)
class XxgkPart:
    key: str
    name: str
    path: str
    max_age_days: int  # 0: no freshness rule
    source: str


# 政府信息公开专栏 (国办公开办函〔2019〕61号) and its four parts; paths of our portal (/xxgk/…).
XXGK_PARTS: tuple[XxgkPart, ...] = (
    XxgkPart("zhinan", "政府信息公开指南", "/xxgk/zhinan/", 0, "条例第十二条；国办公开办函〔2019〕61号"),
    XxgkPart("zhidu", "政府信息公开制度", "/xxgk/zhidu/", 0, "国办公开办函〔2019〕61号"),
    XxgkPart(
        "fdzdgk",
        "法定主动公开内容",
        "/xxgk/fdzdgk/",
        183,
        "条例第十九条至第二十一条；国办公开办函〔2019〕61号",
    ),
    XxgkPart("nianbao", "政府信息公开年报", "/xxgk/nianbao/", 0, "条例第四十九条：每年1月31日前公布"),
)

# Common misspellings seen in inspection 通报 (错别字), beside publishing's 不规范表述 list and the scanner's defaults.
MISSPELLINGS: tuple[Term, ...] = (
    Term("中华人民共合国", "中华人民共和国", "国名错误", HIGH),
    Term("中国共产当", "中国共产党", "党名错误", HIGH),
    Term("国务院办公庁", "国务院办公厅", "机构名称错误", HIGH),
    Term("习近平新时代中国特色社会主意", "习近平新时代中国特色社会主义", "重要表述错误", HIGH),
    Term("按装", "安装", "错别字", MEDIUM),
    Term("既使", "即使", "错别字", MEDIUM),
    Term("凭添", "平添", "错别字", MEDIUM),
    Term("松驰", "松弛", "错别字", MEDIUM),
    Term("重新修定", "重新修订", "错别字", MEDIUM),
    Term("发人深醒", "发人深省", "错别字", MEDIUM),
    Term("针贬时弊", "针砭时弊", "错别字", MEDIUM),
    Term("一股作气", "一鼓作气", "错别字", MEDIUM),
    Term("默守成规", "墨守成规", "错别字", MEDIUM),
    Term("谈笑风声", "谈笑风生", "错别字", MEDIUM),
    Term("出奇不意", "出其不意", "错别字", MEDIUM),
    Term("贯彻落实落实", "贯彻落实", "重复用词", MEDIUM),
)


@dataclass(frozen=True)
class Deduction:
    """扣分 of a check: ``points`` per finding, capped at ``cap`` for the item, within a category of 19号."""

    check: str
    category: str
    item: str
    points: float
    cap: float
    source: str = LOCAL


# 扣分 categories (100 points): 发布解读 31 / 办事服务 25 / 互动交流 23 / 功能设计 21 — the split derived from one
# body's self-check report under 19号 (RULES §3 W7); deductions within an item are capped at its points.
CATEGORIES: dict[str, float] = {"发布解读": 31, "办事服务": 25, "互动交流": 23, "功能设计": 21}

DEDUCTIONS: dict[str, Deduction] = {
    d.check: d
    for d in (
        Deduction("broken_link", "功能设计", "可用性（链接可用）", 1, 10),
        Deduction("broken_external", "功能设计", "可用性（外部链接）", 0.5, 5),
        Deduction("accessibility", "功能设计", "适老化与无障碍", 1, 6),
        Deduction("stale_column", "发布解读", "栏目更新", 2, 10),
        Deduction("empty_column", "发布解读", "空白栏目", 2, 10),
        Deduction("empty_catalogue", "发布解读", "法定主动公开内容（单位目录事项无内容）", 1, 5),
        Deduction("wording", "发布解读", "内容准确（文字表述）", 1, 5),
        Deduction("leader_title", "发布解读", "领导信息", 2, 6),
        Deduction("personal_data", "发布解读", "内容准确（个人信息保护）", 2, 10),
        Deduction("interpretation_link", "发布解读", "政策解读（解读关联）", 2, 6),
        Deduction("xxgk_part", "发布解读", "政府信息公开专栏", 3, 12),
        Deduction("attachment_unreadable", "发布解读", "文件资料（附件可读）", 0.5, 3),
    )
}


@dataclass(frozen=True)
class Bonus:
    key: str
    label: str
    points: float
    source: str


# 加分 (30 points, portals; scored only when 扣分 part > 80): items the crawl can see.
BONUSES: tuple[Bonus, ...] = (
    Bonus(
        "elderly", "提供适老化模式（特大字体、高对比）", 10, "工信部适老化专项行动；国办公开办函〔2021〕28号"
    ),
    Bonus("a11y_clean", "抽查页面无WCAG 2.1 AA无障碍问题", 10, "GB/T 37668-2019；WCAG 2.1"),
    Bonus("error_report", "设有“我为政府网站找错”或纠错入口", 10, SOURCE_19 + " 功能设计"),
)
BONUS_GATE = 80  # 扣分部分 > 80 才计加分 (19号)
PASS_MARK = 60  # 扣分部分 < 60 不合格 (19号)

# Correction periods in working days (整改期限, 本地规则): veto-class problems at once, the rest within a fortnight.
CORRECTION_DAYS: dict[str, int] = {
    "secrecy": 1,
    "leader_title": 1,
    "wording": 3,
    "personal_data": 2,
    "home_unchanged": 3,
    "broken_link": 5,
    "broken_external": 5,
    "stale_column": 5,
    "empty_column": 10,
    "empty_catalogue": 10,
    "interpretation_link": 5,
    "xxgk_part": 10,
    "accessibility": 10,
    "attachment_unreadable": 5,
}
DEFAULT_CORRECTION_DAYS = 10

CHECK_LABELS: dict[str, str] = {
    "broken_link": "内部链接不可用",
    "broken_external": "外部链接不可用",
    "home_unchanged": "首页不更新",
    "stale_column": "栏目不更新",
    "empty_column": "空白栏目",
    "empty_catalogue": "单位目录事项无内容",
    "wording": "表述错误",
    "leader_title": "领导姓名职务错误",
    "personal_data": "未脱敏个人信息",
    "secrecy": "密级或内部标识",
    "interpretation_link": "解读未双向关联",
    "xxgk_part": "信息公开专栏",
    "accessibility": "无障碍",
    "attachment_unreadable": "附件无法读取",
    "unreachable": "站点无法访问",
}
