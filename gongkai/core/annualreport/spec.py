"""The national format of the annual report (年报格式) as data: sections, tables, rows, columns, old-format marks.

Source: 国办公开办函〔2021〕30号 (reports for 2021 onward). Table 三's 21 outcome rows and six applicant columns
are *not* repeated here: they are ``foi_rules.OUTCOMES`` / ``GROUPS`` / ``APPLICANT_TYPES``, the system's own
vocabulary, so a change of the law changes one list. The older format 国办公开办函〔2019〕60号 (reports for
2019–2020) is described only as far as needed to recognise it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import foi_rules

FORMAT_2021 = "国办公开办函〔2021〕30号"
FORMAT_2019 = "国办公开办函〔2019〕60号"
FIRST_YEAR_2021 = 2021  # the first report year of the 2021 format; 2019–2020 used the old one


# ---------------------------------------------------------------------------------------------------------------
# Text normalization used for matching labels (never for display)
# ---------------------------------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s()（）\[\]〔〕【】<>《》、，,。.．:：;；“”\"'‘’·•\-—–_/／|｜]+")


def norm(text: str) -> str:
    """Width-folded (NFKC), without spaces and punctuation: ``（三）不予公开`` → ``三不予公开``."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


_NUMBER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)")


def core(text: str) -> str:
    """``norm`` without the row number: ``1.属于国家秘密`` → ``属于国家秘密``, ``（七）总计`` → ``总计``."""
    return _NUMBER_PREFIX.sub("", norm(text), count=1)


# ---------------------------------------------------------------------------------------------------------------
# Title and sections (标题、章节)
# ---------------------------------------------------------------------------------------------------------------

TITLE = re.compile(
    r"^(?P<unit>.*?)(?:关于)?(?P<year>(?:19|20)\d{2}|[二〇零一二三四五六七八九]{4})年度?"
    r"(?:政府)?信息公开(?:工作)?年度?报告"
)


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    label: str  # the format's wording
    keywords: tuple[str, ...]  # a heading must contain one of these (wording varies slightly between reports)

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.label}"


SECTIONS: tuple[Section, ...] = (
    Section("一", "总体情况", ("总体情况",)),
    Section("二", "主动公开政府信息情况", ("主动公开",)),
    Section("三", "收到和处理政府信息公开申请情况", ("收到和处理", "依申请", "处理政府信息公开申请")),
    Section("四", "政府信息公开行政复议、行政诉讼情况", ("行政复议",)),
    Section("五", "存在的主要问题及改进情况", ("存在的主要问题", "主要问题", "存在问题")),
    Section("六", "其他需要报告的事项", ("其他需要报告",)),
)
SECTION_BY_NUMBER = {s.number: s for s in SECTIONS}


# ---------------------------------------------------------------------------------------------------------------
# Table 二: 主动公开政府信息情况 (第二十条第（一）（五）（六）（八）项)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    code: str
    label: str


@dataclass(frozen=True)
class Table2Row:
    code: str
    label: str
    item: str  # 第二十条第（X）项
    columns: tuple[Column, ...]
    money: bool = False  # 万元, two decimals allowed; every other cell is a count
    aliases: tuple[str, ...] = ()


_DOC_COLUMNS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS = (Column("decisions", "本年处理决定数量"),)

TABLE2: tuple[Table2Row, ...] = (
    Table2Row("rules", "规章", "第二十条第（一）项", _DOC_COLUMNS),
    Table2Row("normative", "行政规范性文件", "第二十条第（一）项", _DOC_COLUMNS, aliases=("规范性文件",)),
    Table2Row("licensing", "行政许可", "第二十条第（五）项", _DECISIONS),
    Table2Row("penalty", "行政处罚", "第二十条第（六）项", _DECISIONS),
    Table2Row("coercion", "行政强制", "第二十条第（六）项", _DECISIONS),
    Table2Row(
        "fees",
        "行政事业性收费",
        "第二十条第（八）项",
        (Column("amount", "本年收费金额（单位：万元）"),),
        money=True,
    ),
)
TABLE2_BY_CODE = {r.code: r for r in TABLE2}
TABLE2_HEADERS = ("信息内容", *dict.fromkeys(c.label for r in TABLE2 for c in r.columns))
# Rows whose 现行有效 carries over from year to year (the stock warning).
DOCUMENT_ROWS = ("rules", "normative")

# The 2019 format's table 二 (国办公开办函〔2019〕60号): these headers and rows exist only there.
TABLE2_2019_HEADERS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
)
TABLE2_2019_ROWS = ("其他对外管理服务事项", "政府集中采购")
TABLE2_2021_DESCRIPTION = (
    "“本年制发件数 / 本年废止件数 / 现行有效件数”“本年处理决定数量”“本年收费金额（单位：万元）”"
)
TABLE2_2019_DESCRIPTION = "“本年新制作数量 / 本年新公开数量 / 对外公开总数量”“上一年项目数量 / 本年增/减”"


# ---------------------------------------------------------------------------------------------------------------
# Table 三: 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------------------------------------------

TOTAL = "total"
TOTAL_LABEL = "总计"


@dataclass(frozen=True)
class Table3Row:
    code: str  # "new", "carried_in", an outcome code, a "group:<code>" subtotal, "total", "carried_over"
    label: str  # as printed in the report's row (its own cell)
    group: str = ""  # the outcome group (foi_rules.GROUPS code) of a result row
    is_outcome: bool = False  # one of the 21 rows summed into （七）总计

    @property
    def where(self) -> str:
        """How the row is named in findings: ``（三）不予公开 4.保护第三方合法权益``."""
        if self.group and self.is_outcome and self.code not in ("grant", "partial"):
            return f"{group_heading(self.group)} {self.label}"
        return self.label


def group_heading(code: str) -> str:
    """``（三）不予公开``; for （二） the short form without the counting note."""
    group = foi_rules.GROUP_BY_CODE[code]
    return f"{group.number}{group.label.split('（')[0]}"


def _outcome_row(outcome: foi_rules.Outcome) -> Table3Row:
    if not outcome.number:  # （一）予以公开, （二）部分公开: the group is the row
        group = foi_rules.GROUP_BY_CODE[outcome.group]
        return Table3Row(outcome.code, f"{group.number}{group.label}", outcome.group, True)
    return Table3Row(outcome.code, f"{outcome.number}{outcome.label}", outcome.group, True)


INTAKE_ROWS = (
    Table3Row("new", "一、本年新收政府信息公开申请数量"),
    Table3Row("carried_in", "二、上年结转政府信息公开申请数量"),
)
RESULTS_HEADING = "三、本年度办理结果"
OUTCOME_ROWS = tuple(_outcome_row(o) for o in foi_rules.OUTCOMES)
TOTAL_ROW = Table3Row(TOTAL, "（七）总计")
CARRIED_OVER_ROW = Table3Row("carried_over", "四、结转下年度继续办理")
TABLE3 = (*INTAKE_ROWS, *OUTCOME_ROWS, TOTAL_ROW, CARRIED_OVER_ROW)
TABLE3_BY_CODE = {r.code: r for r in TABLE3}
# Groups whose label spans sub-rows (（三）…（六）); （一）（二） are rows themselves.
SPANNING_GROUPS = tuple(g.code for g in foi_rules.GROUPS if len(foi_rules.outcomes_in(g.code)) > 1)


def group_row(code: str) -> Table3Row:
    """The subtotal row some reports (and the 2019 format's （六）其他处理) print on a group's own label."""
    return Table3Row(f"group:{code}", group_heading(code), code)


TABLE3_COLUMNS: tuple[Column, ...] = (
    *(Column(t.code, t.label) for t in foi_rules.APPLICANT_TYPES),
    Column(TOTAL, TOTAL_LABEL),
)
APPLICANT_CODES = tuple(t.code for t in foi_rules.APPLICANT_TYPES)
TABLE3_COLUMN_LABEL = {c.code: c.label for c in TABLE3_COLUMNS}
TABLE3_HEADERS = ("申请人情况", "法人或其他组织", *(c.label for c in TABLE3_COLUMNS))
BALANCE_NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"


def column_where(code: str) -> str:
    """``商业企业``; the five organisation columns are unambiguous on their own except 其他."""
    label = TABLE3_COLUMN_LABEL[code]
    return "法人或其他组织·其他" if code == "other_org" else label


# ---------------------------------------------------------------------------------------------------------------
# Table 四: 政府信息公开行政复议、行政诉讼情况 (15 cells in one row)
# ---------------------------------------------------------------------------------------------------------------

TABLE4_GROUPS: tuple[Column, ...] = (
    Column("reconsideration", "行政复议"),
    Column("litigation_direct", "行政诉讼 未经复议直接起诉"),
    Column("litigation_after", "行政诉讼 复议后起诉"),
)
TABLE4_PARTS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
)
TABLE4_COLUMNS: tuple[Column, ...] = (*TABLE4_PARTS, Column(TOTAL, TOTAL_LABEL))
TABLE4_HEADERS = (
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    *(c.label for c in TABLE4_COLUMNS),
)
TABLE4_CELLS = len(TABLE4_GROUPS) * len(TABLE4_COLUMNS)
