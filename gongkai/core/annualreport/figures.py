"""Figures stated in the prose (正文数字): 共收到申请12件, 上年结转1件, 办结12件, 结转下年度1件, 制发3件 …

Each pattern names the table cell the figure must equal. Patterns are deliberately tight (keyword, a few
filler characters, a number, a measure word) and a clause is skipped when it speaks of another year
(上年/去年/同比/较…/a different ``YYYY年``) or of a change (增加/减少; 更正/原为 in a 更正说明), so a comparison
or a corrected figure is never read as this year's figure. Numbers may be Arabic (full-width too, ``1,234``) or Chinese (``十二件``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..docread.numerals import chinese_to_int
from .model import TextFigure

NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)"
_FILL = r"[^\d,;。\n]"


@dataclass(frozen=True)
class FigurePattern:
    table: str
    row: str  # "subject" for table 二's document rows: 规章 or 规范性文件, whichever the sentence names last
    column: str
    pattern: re.Pattern[str]
    money: bool = False  # a decimal amount (万元)
    # No number: the words say "none" (未收到申请, 未发生行政复议), the figure is 0.


def _p(table: str, row: str, column: str, regex: str, money: bool = False) -> FigurePattern:
    return FigurePattern(table, row, column, re.compile(regex), money)


_NONE = r"(?:未发生|未收到|未有|没有|无)"


PATTERNS: tuple[FigurePattern, ...] = (
    _p("三", "new", "total", rf"(?:新收|收到|受理){_FILL}{{0,16}}?申请{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "carried_in", "total", rf"上一?年度?结转{_FILL}{{0,16}}?{NUM}件"),
    _p(
        "三",
        "total",
        "total",
        rf"(?<!继续)(?:办结|办理完毕|办理完成|办理)了?(?:各类|全部)?(?:政府信息公开|信息公开|依申请公开)?"
        rf"(?:申请)?(?:共计|合计|共)?{NUM}件",
    ),
    _p("三", "carried_over", "total", rf"结转(?:至)?下一?年度?(?:继续)?(?:办理)?的?(?:申请)?(?:共)?{NUM}件"),
    _p("三", "carried_over", "total", rf"{NUM}件(?:申请)?结转(?:至)?下一?年"),
    _p("三", "grant", "total", rf"(?<![不分])予以公开{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "partial", "total", rf"部分公开{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "group:withhold", "total", rf"不予公开{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "group:unable", "total", rf"无法提供{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "group:decline", "total", rf"不予处理{_FILL}{{0,4}}?{NUM}件"),
    _p("三", "group:other", "total", rf"其他处理{_FILL}{{0,4}}?{NUM}件"),
    _p("二", "subject", "issued", rf"制发{_FILL}{{0,12}}?{NUM}件"),
    _p("二", "subject", "repealed", rf"废止{_FILL}{{0,12}}?{NUM}件"),
    _p("二", "subject", "in_force", rf"现行有效{_FILL}{{0,12}}?{NUM}件"),
    _p("二", "licensing", "decisions", rf"行政许可{_FILL}{{0,12}}?{NUM}(?:件|项|个)"),
    _p("二", "penalty", "decisions", rf"行政处罚{_FILL}{{0,12}}?{NUM}(?:件|项|起|个)"),
    _p("二", "coercion", "decisions", rf"行政强制{_FILL}{{0,12}}?{NUM}(?:件|项|起|个)"),
    _p("二", "fees", "amount", rf"收费{_FILL}{{0,12}}?(?P<n>\d+(?:\.\d+)?)万元", money=True),
    _p("四", "reconsideration", "total", rf"行政复议{_FILL}{{0,8}}?{NUM}(?:件|起)"),
    _p("四", "litigation", "total", rf"行政诉讼{_FILL}{{0,8}}?{NUM}(?:件|起)"),
    _p("三", "new", "total", rf"{_NONE}(?:收到)?(?:政府信息公开|信息公开|依申请公开)申请"),
    _p(
        "四",
        "reconsideration+litigation",
        "total",
        rf"{_NONE}{_FILL}{{0,12}}?行政复议(?:和|及|、|或)行政诉讼",
    ),
    _p("四", "reconsideration", "total", rf"{_NONE}{_FILL}{{0,12}}?行政复议"),
    _p("四", "litigation", "total", rf"{_NONE}{_FILL}{{0,12}}?行政诉讼"),
)

# A clause about another period or a change is not this year's figure.
_ELSEWHERE = re.compile(
    r"去年|上一?年(?!度?结转)|同比|较上|比上|环比|增加|减少|增长|下降|提高|降低|更正|原为|原填报|原统计"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_SUBJECT = re.compile(r"规章|规范性文件")
_SENTENCE = re.compile(r"[^。;!?\n]+")
_CLAUSE = re.compile(r"[^,]+")


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,234 → 1234 (a comma also ends a clause)
    return re.sub(r"[ \t\u3000]+", "", text)


def _number(text: str, money: bool) -> int | Decimal | None:
    if money:
        return Decimal(text)
    return int(text) if text.isdigit() else chinese_to_int(text)


def extract(sections: dict[str, str], *, year: int | None = None) -> list[TextFigure]:
    figures: list[TextFigure] = []
    for number, body in sections.items():
        text = _normalize(body)
        for sentence in _SENTENCE.finditer(text):
            for clause in _CLAUSE.finditer(sentence.group()):
                words = clause.group()
                if _ELSEWHERE.search(words):
                    continue
                if year is not None and any(int(y) != year for y in _YEAR.findall(words)):
                    continue
                figures.extend(_figures_in(words, sentence.group(), clause.start(), number))
    return figures


def _figures_in(clause: str, sentence: str, offset: int, section: str) -> list[TextFigure]:
    found: list[TextFigure] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for match in pattern.pattern.finditer(clause):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue  # one phrase, one figure: 结转下年度继续办理1件 is not also 办理1件
            value = _number(match.group("n"), pattern.money) if "n" in pattern.pattern.groupindex else 0
            if value is None:
                continue
            row = pattern.row
            if row == "subject":
                before = sentence[: offset + match.end()]
                subjects = _SUBJECT.findall(before)
                if not subjects:
                    continue
                row = "rules" if subjects[-1] == "规章" else "normative"
            taken.append(span)
            for one in row.split("+"):
                found.append(TextFigure(pattern.table, one, pattern.column, value, match.group(), section))
    return found
