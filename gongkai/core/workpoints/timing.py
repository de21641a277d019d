"""Time words in a task (工作时限): deadlines, recurrences, counts, statutory limits, quantitative targets.

What the sentences of a 工作要点 say about time, and how each is read:

=========================  ==========================================================================
``2023年7月底前``            deadline 2023-07-31
``6月底前`` / ``9月30日前``   deadline in the document's year
``年底前`` / ``2024年年底前``  deadline year-12-31
``上半年`` / ``第三季度``      deadline at the end of the half-year / quarter
``每年9月``                  recurrence ``yearly:9``; ``固定开放月(4月、8月)`` / ``每年4月、8月`` → ``yearly:4,8``
``每季度`` ``每月`` ``每周``    recurrence ``quarterly`` / ``monthly`` / ``weekly`` (also 季通报, 月整改, 周反馈)
``定期``                     recurrence ``periodic``; ``持续推进`` ``常态化`` → ``ongoing``
``至少组织2次``               count {value 2, unit 次, period …}; Chinese numerals 一/两/二/三/十 read
``15个工作日内``              time limit {working_days: 15}
``不低于70%`` ``达到100%``     indicator {op, value, unit, subject}
=========================  ==========================================================================
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from gongkai.core.docread import parse_number

_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_CN_OR_DIGITS = r"(?:\d{1,4}|[一二两三四五六七八九十百]{1,4})"
_BEFORE = r"(?:前|之前|以前|止|为止)"


def _month_end(year: int, month: int) -> date | None:
    if not (1 <= month <= 12) or not (1900 <= year <= 2200):
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DEADLINES: list[tuple[re.Pattern[str], str]] = [
    # 2023年9月30日前 / 截至2023年9月30日
    (re.compile(rf"(?P<y>\d{{4}})年(?P<m>{_N})月(?P<d>{_N})日{_BEFORE}"), "ymd"),
    (re.compile(rf"截至(?P<y>\d{{4}})年(?P<m>{_N})月(?P<d>{_N})日"), "ymd"),
    # 2024年年底前 / 2024年底前
    (re.compile(rf"(?P<y>\d{{4}})年(?:年底|年末|底|末){_BEFORE}?"), "y_end"),
    # 2023年7月底前 / 2023年7月前
    (re.compile(rf"(?P<y>\d{{4}})年(?P<m>{_N})月(?:底|末|份)?{_BEFORE}"), "ym_end"),
    # 9月30日前 (the document's year)
    (re.compile(rf"(?<![\d年])(?P<m>{_N})月(?P<d>{_N})日{_BEFORE}"), "md"),
    # 6月底前 / 6月前
    (re.compile(rf"(?<![\d年每])(?P<m>{_N})月(?:底|末|份)?{_BEFORE}"), "m_end"),
    # 年底前 / 年内完成 / 年底完成
    (re.compile(rf"(?<![\d每])(?:年底|年末){_BEFORE}?|年内完成|年底完成"), "y_end"),
    # 上半年 / 下半年
    (re.compile(r"(?<!每)(?P<half>上|下)半年"), "half"),
    # 第三季度 / 一季度末
    (re.compile(r"(?<!每)第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:前|之前)?"), "quarter"),
]


def find_deadline(text: str, year: int | None) -> tuple[str | None, str | None]:
    """The earliest-written deadline in ``text`` → (ISO date, the phrase as written).

    A deadline without a year takes the document's ``year``; when that is unknown the phrase is returned with
    no date, for a reviewer to fill in.
    """
    best: tuple[int, str | None, str] | None = None
    for pattern, kind in _DEADLINES:
        for m in pattern.finditer(text):
            found = _deadline_date(m, kind, year)
            if best is None or m.start() < best[0]:
                best = (m.start(), found.isoformat() if found else None, m.group(0))
            break
    if best is None:
        return None, None
    return best[1], best[2]


def _deadline_date(m: re.Match[str], kind: str, year: int | None) -> date | None:
    groups = m.groupdict()
    y = int(groups["y"]) if groups.get("y") else year
    if y is None:
        return None
    month = parse_number(groups["m"]) if groups.get("m") else None
    day = parse_number(groups["d"]) if groups.get("d") else None
    if kind in ("ymd", "md"):
        return _safe_date(y, month or 0, day or 0)
    if kind in ("ym_end", "m_end"):
        return _month_end(y, month or 0)
    if kind == "y_end":
        return _safe_date(y, 12, 31)
    if kind == "half":
        return _safe_date(y, 6, 30) if groups["half"] == "上" else _safe_date(y, 12, 31)
    if kind == "quarter":
        q = _QUARTERS[groups["q"]]
        return _month_end(y, q * 3)
    return None


# Finest first: the recurrence reported is the most frequent one named.
_RECURRENCES: list[tuple[str, re.Pattern[str]]] = [
    ("weekly", re.compile(r"每周|每星期|按周|周反馈|周调度|周报")),
    ("monthly", re.compile(r"每月|按月|逐月|月整改|月调度|月报|月通报")),
    ("quarterly", re.compile(r"每季度?|按季度?|季通报|季度通报|季调度|季报")),
    ("half-yearly", re.compile(r"每半年|半年一次")),
    ("yearly:{month}", re.compile(rf"每年(?:度)?(?P<month>{_N}月(?:[、，,和及与]{_N}月)*)")),
    # 固定开放月(4月、8月): months named in brackets are when something recurs, not a deadline.
    ("yearly:{month}", re.compile(rf"[（(](?P<month>{_N}月(?:[、，,和及与]{_N}月)*)[)）]")),
    ("yearly", re.compile(r"每年度|每年|一年一次")),
]
_PERIODIC = re.compile(r"定期|适时|不定期")
_ONGOING = re.compile(r"持续推进|持续|常态化|长期|动态更新|动态调整|及时更新|经常|长效")


def find_recurrences(text: str) -> list[tuple[str, str]]:
    """Every recurrence named, finest first → [(value, phrase)]."""
    found: list[tuple[str, str]] = []
    for value, pattern in _RECURRENCES:
        m = pattern.search(text)
        if not m:
            continue
        if "{month}" in value:
            months = [parse_number(x) for x in re.findall(_N, m.group("month"))]
            if not months or any(not month or month > 12 for month in months):
                continue
            value = "yearly:" + ",".join(str(month) for month in dict.fromkeys(months))
            if any(v.startswith("yearly:") for v, _ in found):
                continue
        elif value == "yearly" and any(v.startswith("yearly:") for v, _ in found):
            continue
        found.append((value, m.group(0).strip("（()）")))
    return found


def find_recurrence(text: str) -> tuple[str | None, str | None]:
    """The recurrence of a task: the finest explicit one, else ``periodic`` (定期), else ``ongoing`` (持续)."""
    found = find_recurrences(text)
    if found:
        return found[0]
    m = _PERIODIC.search(text)
    if m:
        return "periodic", m.group(0)
    m = _ONGOING.search(text)
    if m:
        return "ongoing", m.group(0)
    return None, None


_COUNT = re.compile(
    rf"(?P<op>至少|不少于|不得少于|不低于|最少)(?P<verb>[\u4e00-\u9fff]{{0,4}}?)(?P<n>{_CN_OR_DIGITS})"
    r"(?P<unit>次|场|期|篇|轮|批|条|个|项|家|人次)"
)
_COUNT_AFTER = re.compile(rf"(?P<n>{_CN_OR_DIGITS})(?P<unit>次|场|期|篇|轮)(?:及)?以上")
_COUNT_PERIODS = [
    ("yearly", re.compile(r"每年度|每年")),
    ("quarterly", re.compile(r"每季度|每季")),
    ("monthly", re.compile(r"每月")),
    ("half-yearly", re.compile(r"每半年")),
    ("year", re.compile(r"今年|年内|全年|本年度|年度内")),
]
_COUNT_UNITS = {"次", "场", "期", "篇", "轮", "批"}
_RECURRING_PERIODS = {"yearly", "quarterly", "monthly", "half-yearly"}


def find_count(text: str) -> dict[str, Any] | None:
    """A required number of occurrences: ``每年至少1次`` → {value 1, unit 次, period yearly, op >=}."""
    m = next((c for c in _COUNT.finditer(text) if c.group("unit") in _COUNT_UNITS), None)
    if m is None:
        m = _COUNT_AFTER.search(text)
        if m is None:
            return None
    value = parse_number(m.group("n"))
    if value is None:
        return None
    clause_start = max(text.rfind(sep, 0, m.start()) for sep in "。；，;,") + 1
    before = text[clause_start : m.start()]
    period, phrase = None, m.group(0)
    for name, pattern in _COUNT_PERIODS:
        p = pattern.search(before)
        if p:
            period, phrase = name, before[p.start() :] + m.group(0)
            break
    return {
        "value": value,
        "unit": m.group("unit"),
        "period": period,
        "op": ">=",
        "action": m.groupdict().get("verb") or None,
        "text": phrase,
    }


_TIME_LIMIT = re.compile(
    rf"(?P<n>{_CN_OR_DIGITS})\s*(?P<unit>个工作日|个自然日|个月|日|天|小时|周)(?:内|之内|以内)"
)
_TIME_LIMIT_KEYS = {
    "个工作日": "working_days",
    "个自然日": "days",
    "日": "days",
    "天": "days",
    "个月": "months",
    "小时": "hours",
    "周": "weeks",
}


def find_time_limit(text: str) -> dict[str, Any] | None:
    """A statutory-style limit: ``15个工作日内`` → {"working_days": 15, "text": "15个工作日内"}."""
    m = _TIME_LIMIT.search(text)
    if not m:
        return None
    value = parse_number(m.group("n"))
    if not value:
        return None
    return {_TIME_LIMIT_KEYS[m.group("unit")]: value, "text": m.group(0)}


_OPS = {
    "不低于": ">=",
    "不少于": ">=",
    "不得低于": ">=",
    "不得少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "达到": "=",
    "达": "=",
    "实现": "=",
    "保持": "=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "不得超过": "<=",
    "控制在": "<=",
    "低于": "<",
}
_INDICATOR = re.compile(
    r"(?P<op>不得低于|不得少于|不得超过|不低于|不少于|不小于|不超过|不高于|达到|控制在|超过|高于|大于|低于|实现|保持|至少|达)"
    r"\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|个百分点|分|家|个|项|件|人次|户|元|万元|亿元)(?P<more>以上|以内)?"
)
_SUBJECT_CUT = re.compile(r"[，、；。：,;:（(“”]|且|并|及|和|使|确保|力争|要求")
_SUBJECT_LEAD = re.compile(r"^(?:要|应|须|必须|需|将|把|其|的)+")
_SUBJECT_TRAIL = re.compile(r"(?:要|应|须|必须|需|均|都|应当|的)+$")


def find_indicators(text: str) -> list[dict[str, Any]]:
    """Quantitative targets: ``多元化解读比例不低于70%`` → {op ">=", value 70, unit "%", subject "多元化解读比例"}."""
    out: list[dict[str, Any]] = []
    for m in _INDICATOR.finditer(text):
        op_word = m.group("op")
        unit = m.group("unit")
        # "至少组织2次" is a count, not a target; "至少" only counts for percentages.
        if op_word == "至少" and unit not in ("%", "个百分点"):
            continue
        before = text[: m.start()]
        cut = 0
        for c in _SUBJECT_CUT.finditer(before):
            cut = c.end()
        subject = _SUBJECT_TRAIL.sub("", _SUBJECT_LEAD.sub("", before[cut:].strip()))
        value = float(m.group("value"))
        out.append(
            {
                "text": (subject + m.group(0)) if subject else m.group(0),
                "op": _OPS[op_word],
                "value": int(value) if value.is_integer() else value,
                "unit": unit,
                "subject": subject or None,
            }
        )
    return out


def timing(text: str, year: int | None) -> dict[str, Any]:
    """Everything time-related in one task sentence (see the table in the module docstring)."""
    deadline, deadline_phrase = find_deadline(text, year)
    recurrence, recurrence_phrase = find_recurrence(text)
    count = find_count(text)
    limit = find_time_limit(text)
    # 工作时限 as an official would write it in the 分工表.
    deadline_text = deadline_phrase or (limit["text"] if limit else None)
    # A count over a recurring period (每年至少1次) is a frequency an official writes as 工作时限; a count for the
    # plan's year (全年…不少于4次, 今年至少2次) says how often, not by when: it stays in ``count`` only.
    if deadline_text is None and count and count["period"] in _RECURRING_PERIODS:
        deadline_text = count["text"]
    deadline_text = deadline_text or recurrence_phrase
    return {
        "deadline": deadline,
        "deadline_text": deadline_text,
        "recurrence": recurrence,
        "recurrences": [value for value, _ in find_recurrences(text)],
        "count": count,
        "time_limit": limit,
        "indicators": find_indicators(text),
    }
