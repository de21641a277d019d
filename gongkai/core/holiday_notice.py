"""Parse the pasted text of 国务院办公厅关于YYYY年部分节假日安排的通知 (the State Council's yearly holiday notice).

The notice lists, item by item, each holiday's days off and the weekend days worked in exchange (调休上班)::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    五、端午节：6月10日放假，与周末连休。

What the parser handles: half- and full-width digits and brackets (NFKC), line breaks inside an item (PDF
copy), a missing month (``至3日``), ranges across months (``9月29日至10月6日``) and across the year end
(``12月30日至1月1日``, or with explicit years ``2018年12月30日至2019年1月1日``), make-up workdays in the
neighbouring year, and 「共N天」 and 「（周四）」 cross-checks. Anything it cannot place becomes a warning naming the
line: the official previews the result before it is saved, so nothing is silently dropped or guessed.

Framework-free: the calendar app calls ``parse_notice`` and stores the result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import statutory_holidays

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# The chinesecalendar package names holidays in English; the table and the UI use the notice's names.
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
NAME_MAX = 20  # HolidayDay.name


def package_name(holiday: object) -> str:
    """Chinese name for a ``chinese_calendar.Holiday`` (or its English value)."""
    value = str(getattr(holiday, "value", holiday))
    return PACKAGE_NAMES.get(value, value)[:NAME_MAX]


def short_name(name: str) -> str:
    """A name that fits the table: the 2015 anniversary's full title is 29 characters long."""
    if "抗日战争" in name or "反法西斯" in name:
        return "抗战胜利70周年纪念日"
    return name[:NAME_MAX]


class NoticeParseError(ValueError):
    """The text is not a holiday notice we can use at all (no year, no holiday items)."""


@dataclass
class HolidayArrangement:
    """One numbered item of the notice: a holiday's days off and its make-up workdays."""

    name: str
    off_ranges: list[tuple[date, date]] = field(default_factory=list)
    makeup_workdays: list[date] = field(default_factory=list)
    stated_days: int | None = None  # 「共N天」 as written
    line: str = ""

    def off_days(self) -> list[date]:
        days = []
        for a, b in self.off_ranges:
            d = a
            while d <= b:
                days.append(d)
                d += timedelta(days=1)
        return days


@dataclass
class ParsedNotice:
    year: int
    title: str = ""
    number: str = ""  # 文号, e.g. 国办发明电〔2025〕7号
    holidays: list[HolidayArrangement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # understood but deliberately not stored (鼓励性安排)
    invalid_dates: list[str] = field(default_factory=list)  # 「2月30日」: a date that does not exist

    def problems(self) -> list[str]:
        """What forbids saving this notice: invalid dates, and every festival of 《全国年节及纪念日放假办法》
        that is missing or whose statutory days are not all off (``core.statutory_holidays``). Warnings
        (a weekday in brackets that does not match…) are shown but do not block."""
        items = [(h.name, set(h.off_days())) for h in self.holidays]
        invalid = [f"日期无效：{text}，请核对通知原文" for text in self.invalid_dates]
        return invalid + statutory_holidays.check_arrangement(self.year, items)

    def off_days(self) -> dict[date, str]:
        out: dict[date, str] = {}
        for h in self.holidays:
            for d in h.off_days():
                out.setdefault(d, h.name)
        return out

    def makeup_days(self) -> dict[date, str]:
        out: dict[date, str] = {}
        for h in self.holidays:
            for d in h.makeup_workdays:
                out.setdefault(d, h.name)
        return out

    def days(self) -> list[tuple[date, str, str]]:
        """(date, kind, name) sorted by date; kind is ``off`` or ``makeup_workday``."""
        rows = [(d, "off", n) for d, n in self.off_days().items()]
        off = self.off_days()
        rows += [(d, "makeup_workday", n) for d, n in self.makeup_days().items() if d not in off]
        return sorted(rows)


# --- regular expressions over NFKC-normalized text with all whitespace removed --------------------------------
_TITLE_RE = re.compile(r"国务院办公厅关于(\d{4})年部分节假日安排的通知")
_YEAR_HINT_RE = re.compile(r"(\d{4})年(?:部分)?(?:节假日|元旦、春节)")
_NUMBER_RE = re.compile(r"国办发(?:明电)?[〔\[(【]\d{4}[〕\])】]\d+号")
_ITEM_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．])?"
    r"(?P<name>[\u4e00-\u9fff0-9]{2,40}?(?:[、和与][\u4e00-\u9fff]{2,6})?):(?P<body>.*)$"
)
_DATE_RE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_RANGE_JOINERS = {"至", "到", "-", "—", "–", "~", "―", "－", "——"}
_STATED_RE = re.compile(r"共(\d{1,2})天")
_LOOSE_ARRANGEMENT_RE = re.compile(r"\d{1,2}日[^。]{0,20}?(?:放假|上班|休息)")
_WEEKDAY_NOTE_RE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")


@dataclass
class _Token:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int
    weekday: int | None
    text: str

    @property
    def known_month(self) -> int:
        """The month, once ``_parse_item`` has carried it over from the previous date (clauses where it could not
        are skipped before any date is resolved)."""
        assert self.month is not None, f"{self.text}: month not resolved"
        return self.month


def _normalize(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    lines = []
    for raw in text.splitlines():
        line = re.sub(r"\s+", "", raw)
        if line:
            lines.append(line)
    return lines


def _tokens(clause: str) -> list[_Token]:
    out = []
    for m in _DATE_RE.finditer(clause):
        weekday = None
        if m.group("note"):
            w = _WEEKDAY_NOTE_RE.search(m.group("note"))
            if w:
                weekday = _WEEKDAY_CHARS[w.group(1)]
        out.append(
            _Token(
                m.start(),
                m.end(),
                int(m.group("y")) if m.group("y") else None,
                int(m.group("m")) if m.group("m") else None,
                int(m.group("d")),
                weekday,
                m.group(0),
            )
        )
    return out


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Parse a pasted notice. ``year`` is only needed when the text has no title naming the year."""
    lines = _normalize(text)
    joined = "".join(lines)
    title_match = _TITLE_RE.search(joined)
    if title_match:
        found = int(title_match.group(1))
        if year is not None and year != found:
            raise NoticeParseError(f"通知标题写的是{found}年，与指定的{year}年不一致，请核对")
        year = found
    if year is None:
        hint = _YEAR_HINT_RE.search(joined)
        if hint:
            year = int(hint.group(1))
    if year is None:
        raise NoticeParseError(
            "未能确定年份：请粘贴包含标题“国务院办公厅关于YYYY年部分节假日安排的通知”的全文，或另行指定年份"
        )
    number = _NUMBER_RE.search(joined)
    notice = ParsedNotice(
        year=year,
        title=f"国务院办公厅关于{year}年部分节假日安排的通知" if title_match else "",
        number=number.group(0) if number else "",
    )

    # Group lines into items: an item runs on while its text does not end a sentence (PDF line wraps).
    items: list[tuple[str, str, str]] = []  # (name, body, original line)
    for line in lines:
        match = _ITEM_RE.match(line)
        if match and _DATE_RE.search(match.group("body")):
            items.append((match.group("name"), match.group("body"), line))
        elif match and statutory_holidays.festivals_in(match.group("name")) and "放假" in match.group("body"):
            notice.warnings.append(f"此行没有日期，未导入：{line}")
        elif items and not items[-1][1].endswith("。"):
            name, body, original = items[-1]
            items[-1] = (name, body + line, original + line)
        elif _LOOSE_ARRANGEMENT_RE.search(line):
            notice.warnings.append(f"未能理解此行（未导入）：{line}")

    for position, (name, body, line) in enumerate(items):
        notice.holidays.append(_parse_item(notice, position, short_name(name), body, line))
    if not notice.holidays:
        raise NoticeParseError("未识别出任何节假日安排：每项应形如“一、元旦：1月1日至3日放假调休，共3天。”")
    _cross_check(notice)
    return notice


def _parse_item(notice: ParsedNotice, position: int, name: str, body: str, line: str) -> HolidayArrangement:
    item = HolidayArrangement(name=name, line=line)
    year = notice.year
    last_month: int | None = None
    pending_makeup: list[_Token] = []
    for sentence in filter(None, body.split("。")):
        if "鼓励" in sentence:
            # 2024: 「鼓励各单位……安排职工在除夕（2月9日）休息」 — not a statutory day off.
            notice.notes.append(f"{name}：鼓励性安排，不作为法定放假日：{sentence}。")
            continue
        for clause in filter(None, re.split(r"[,;，；]", sentence)):
            tokens = _tokens(clause)
            for t in tokens:  # a missing month is the previous date's month (「2月15日……至23日」)
                if t.month is None:
                    t.month = last_month
                last_month = t.month
            stated = _STATED_RE.search(clause)
            if stated and not tokens:
                item.stated_days = int(stated.group(1))
                continue
            if not tokens:
                continue
            if any(t.month is None for t in tokens):
                notice.warnings.append(f"{name}：日期缺少月份，无法确定（未导入）：{clause}")
                continue
            if "上班" in clause:
                pending_makeup.extend(tokens)
            elif "放假" in clause:
                _off_clause(notice, position, item, clause, tokens)
            else:
                notice.warnings.append(f"{name}：含日期但未说明放假或上班，未导入：{clause}")
    # Make-up days without a year belong to the year that puts them nearest the holiday (12月29日 before 元旦).
    anchor = item.off_ranges[0][0] if item.off_ranges else date(year, 6, 30)
    for t in pending_makeup:
        d = _resolve_near(notice, name, t, anchor)
        if d is not None:
            _check_weekday(notice, name, t, d)
            if d.weekday() < 5:
                notice.warnings.append(
                    f"{name}：调休上班日{_cn(d)}是{WEEKDAY_NAMES[d.weekday()]}，并非周末，请核对日期"
                )
            item.makeup_workdays.append(d)
    if not item.off_ranges and not item.makeup_workdays:
        notice.warnings.append(f"{name}：未识别出放假日期：{line}")
    return item


def _off_clause(
    notice: ParsedNotice, position: int, item: HolidayArrangement, clause: str, tokens: list[_Token]
) -> None:
    i = 0
    while i < len(tokens):
        a = tokens[i]
        b = None
        if i + 1 < len(tokens) and clause[a.end : tokens[i + 1].start] in _RANGE_JOINERS:
            b = tokens[i + 1]
        span = _resolve_range(notice, position, item.name, a, b)
        if span is not None:
            first, last = span
            for t, d in ((a, first), (b, last)):
                if t is not None:
                    _check_weekday(notice, item.name, t, d)
            if last < first:
                notice.warnings.append(f"{item.name}：放假结束日早于开始日，未导入：{clause}")
            elif (last - first).days > 15:
                notice.warnings.append(f"{item.name}：放假期间超过16天，未导入，请核对：{clause}")
            else:
                item.off_ranges.append((first, last))
        i += 2 if b is not None else 1


def _make_date(notice: ParsedNotice, name: str, y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        notice.warnings.append(f"{name}：{y}年{m}月{d}日不是有效日期，未导入")
        notice.invalid_dates.append(f"{name} {y}年{m}月{d}日")
        return None


def _resolve_range(
    notice: ParsedNotice, position: int, name: str, a: _Token, b: _Token | None
) -> tuple[date, date] | None:
    year = notice.year
    if b is None:
        d = _make_date(notice, name, a.year or year, a.known_month, a.day)
        return None if d is None else (d, d)
    wraps = (b.known_month, b.day) < (a.known_month, a.day)
    if a.year and b.year:
        ya, yb = a.year, b.year
    elif b.year:
        yb = b.year
        ya = yb - 1 if wraps else yb
    elif a.year:
        ya = a.year
        yb = ya + 1 if wraps else ya
    elif wraps:
        # 「12月30日至1月1日」: this year's 元旦 when it opens the notice, next year's when it closes it.
        ya, yb = (year - 1, year) if position == 0 else (year, year + 1)
    else:
        ya = yb = year
    first = _make_date(notice, name, ya, a.known_month, a.day)
    last = _make_date(notice, name, yb, b.known_month, b.day)
    return None if first is None or last is None else (first, last)


def _resolve_near(notice: ParsedNotice, name: str, t: _Token, anchor: date) -> date | None:
    if t.year:
        return _make_date(notice, name, t.year, t.known_month, t.day)
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, t.known_month, t.day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    if best is None:
        notice.warnings.append(f"{name}：{t.month}月{t.day}日不是有效日期，未导入")
        notice.invalid_dates.append(f"{name} {t.month}月{t.day}日")
    return best


def _check_weekday(notice: ParsedNotice, name: str, t: _Token, d: date) -> None:
    if t.weekday is not None and t.weekday != d.weekday():
        notice.warnings.append(
            f"{name}：文中{t.text}标注为{WEEKDAY_NAMES[t.weekday]}，但{_cn(d)}是{WEEKDAY_NAMES[d.weekday()]}，"
            "请核对年份或日期"
        )


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _cross_check(notice: ParsedNotice) -> None:
    seen: dict[date, str] = {}
    for h in notice.holidays:
        days = h.off_days()
        if h.stated_days is not None and days and h.stated_days != len(days):
            notice.warnings.append(
                f"{h.name}：文中写“共{h.stated_days}天”，但识别出的放假日期为{len(days)}天，请核对"
            )
        for d in days:
            if d in seen and seen[d] != h.name:
                notice.warnings.append(f"{_cn(d)}同时列在{seen[d]}和{h.name}的放假日期中")
            seen.setdefault(d, h.name)
    off = notice.off_days()
    for d, name in notice.makeup_days().items():
        if d in off:
            notice.warnings.append(f"{_cn(d)}既列为{off[d]}放假又列为{name}调休上班，按放假导入，请核对")
    other_years = sorted({d.year for d, _, _ in notice.days() if d.year != notice.year})
    for y in other_years:
        notice.notes.append(f"通知中含{y}年的日期（跨年安排），将一并导入")
