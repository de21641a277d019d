"""Token stream → :class:`Report`: title, sections, tables 二/三/四 rebuilt from the format's labels.

Each table is looked for in its section (from its heading to the next one; the whole neighbourhood when a
heading is missing). A row starts at a token that names it — row labels are matched after width folding and
without punctuation and numbering, sub-rows only under their group (``1.属于国家秘密`` only after
``（三）不予公开``) — and takes exactly as many following cells as the format gives it columns. Table 四 has no
row labels: its 15 cells follow the last header cell. Everything that is not a table cell or a heading is the
section's prose, where the stated figures are read (``figures``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..docread.numerals import chinese_to_int
from . import figures, spec
from .model import ERROR, WARNING, Finding, Report, ReportError
from .numbers import looks_like_value, parse_value
from .tokens import Token

_N = spec.norm


def parse(tokens: list[Token], *, layout: str, filename: str = "") -> Report:
    report = Report(filename=filename, layout=layout)
    texts = [t.text for t in tokens]
    keys = [_N(t) for t in texts]
    used = [False] * len(tokens)
    headings = _find_sections(texts, keys)
    for index in headings.values():
        used[index] = True
    _read_title(report, texts, keys, headings, used)

    def region(number: str) -> tuple[int, int]:
        order = [s.number for s in spec.SECTIONS]
        k = order.index(number)
        start = next((headings[n] for n in reversed(order[: k + 1]) if n in headings), 0)
        end = next((headings[n] for n in order[k + 1 :] if n in headings), len(tokens))
        return start, end

    table2 = _Table2(report, texts, keys, used, headings)
    table2.read(*region("二"))
    table3 = _Table3(report, texts, keys, used, headings)
    table3.read(*region("三"))
    table4 = _Table4(report, texts, keys, used, headings)
    table4.read(*region("四"))

    found_anything = bool(report.title or headings or report.table2 or report.table3 or report.table4)
    if not found_anything:
        raise ReportError(
            "未能识别为政府信息公开工作年度报告：没有找到标题（××××年政府信息公开工作年度报告）、"
            "“一、总体情况”等章节或统计表。请确认文件内容。"
        )
    _missing_sections(report, headings)
    _format_version(report, table2, table3)
    _read_prose(report, texts, used, headings)
    return report


# -- sections and title ---------------------------------------------------------------------------------------

_HEADING_PREFIX = re.compile(r"^\s*([一二三四五六])\s*[、.．，,]")


def _find_sections(texts: list[str], keys: list[str]) -> dict[str, int]:
    """Section headings in order (一 before 二 …): ``三、本年度办理结果`` inside table 三 is not one."""
    found: dict[str, int] = {}
    position = 0
    for section in spec.SECTIONS:
        for index in range(position, len(texts)):
            text = unicodedata.normalize("NFKC", texts[index]).strip()
            match = _HEADING_PREFIX.match(text)
            if not match or match.group(1) != section.number or len(keys[index]) > 40:
                continue
            if any(_N(word) in keys[index] for word in section.keywords):
                found[section.number] = index
                position = index + 1
                break
    return found


def _read_title(
    report: Report, texts: list[str], keys: list[str], headings: dict[str, int], used: list[bool]
) -> None:
    first = min(headings.values()) if headings else len(texts)
    matches = {i: m for i, text in enumerate(texts) if (m := _title_match(text)) is not None}
    candidates = list(matches)
    before = [i for i in candidates if i < first]
    if not (before or candidates):
        report.problems.append(
            Finding(
                "format",
                ERROR,
                "没有找到报告标题（应为“××县××局××××年政府信息公开工作年度报告”），无法确定单位和年度。",
                "标题",
                table="标题",
            )
        )
        return
    index = before[-1] if before else candidates[0]
    used[index] = True
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", texts[index]))
    match = matches[index]
    report.title = text
    unit = match.group("unit").strip("“”\"'《》:：,，、 ")
    if not unit and index > 0 and 0 < len(keys[index - 1]) <= 30 and "。" not in texts[index - 1]:
        unit = re.sub(r"\s+", "", texts[index - 1])  # the unit on its own line above the title
        used[index - 1] = True
    report.unit = unit
    year = match.group("year")
    report.year = int(year) if year.isdigit() else chinese_to_int(year)
    if not unit:
        report.problems.append(
            Finding(
                "format",
                ERROR,
                "报告标题中没有单位名称（应为“××县××局××××年…年度报告”）。",
                "标题",
                table="标题",
            )
        )


def _title_match(text: str) -> re.Match[str] | None:
    clean = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if len(clean) > 60:
        return None
    return spec.TITLE.match(clean)


def _missing_sections(report: Report, headings: dict[str, int]) -> None:
    for section in spec.SECTIONS:
        if section.number not in headings:
            report.problems.append(
                Finding(
                    "format",
                    ERROR,
                    f"缺少第{section.number}部分“{section.heading}”（或标题写法无法识别）；"
                    f"年报须按{spec.FORMAT_2021}的六个部分编写。",
                    f"正文 {section.heading}",
                    table="正文",
                    row=section.number,
                )
            )


def _section_of(index: int, headings: dict[str, int]) -> str:
    current = ""
    for number, start in sorted(headings.items(), key=lambda item: item[1]):
        if start <= index:
            current = number
    return current


def _read_prose(report: Report, texts: list[str], used: list[bool], headings: dict[str, int]) -> None:
    lines: dict[str, list[str]] = {number: [] for number in headings}
    for index, text in enumerate(texts):
        if used[index] or not text.strip():
            continue
        lines.setdefault(_section_of(index, headings), []).append(text.strip())
    report.sections = {number: "\n".join(body) for number, body in lines.items()}
    report.figures = figures.extract(report.sections, year=report.year)


# -- shared helpers -------------------------------------------------------------------------------------------


def _label_rest(text: str) -> bool:
    """A cell between a row label and its figures that is words, not a figure (nor an empty cell)."""
    return bool(_N(text)) and not looks_like_value(text)


def _is_prose(text: str) -> bool:
    """A sentence, not a cell: long and not a figure."""
    return len(_N(text)) > 12 and not looks_like_value(text)


@dataclass
class _Reader:
    report: Report
    texts: list[str]
    keys: list[str]
    used: list[bool]
    headings: dict[str, int]

    def problem(
        self, message: str, where: str, *, table: str, row: str = "", column: str = "", warn: bool = False
    ) -> None:
        self.report.problems.append(
            Finding("format", WARNING if warn else ERROR, message, where, table=table, row=row, column=column)
        )

    def is_heading(self, index: int) -> bool:
        return index in self.headings.values()


# -- table 二 --------------------------------------------------------------------------------------------------


class _Table2(_Reader):
    old_evidence: list[str]

    def read(self, start: int, end: int) -> None:
        labels: dict[str, spec.Table2Row] = {}
        for row in spec.TABLE2:
            for label in (row.label, *row.aliases):
                labels[_N(label)] = row
        headers = {_N(h) for h in spec.TABLE2_HEADERS}
        old_headers = {_N(h) for h in spec.TABLE2_2019_HEADERS}
        old_rows = {_N(r) for r in spec.TABLE2_2019_ROWS}
        item = re.compile(r"^第二十条第[一二三四五六七八九十]+项$")
        self.old_evidence = []
        for index in range(start, end):
            key = self.keys[index]
            if key in old_headers or key in old_rows:
                self.old_evidence.append(self.texts[index].strip())
        if self.old_evidence:
            self.report.format = "2019"
            for index in range(start, end):
                key = self.keys[index]
                if (
                    key in old_headers
                    or key in old_rows
                    or key in labels
                    or key in headers
                    or item.match(key)
                ):
                    self.used[index] = True
            return

        def stop(index: int) -> bool:
            key = self.keys[index]
            return (
                key in labels
                or key in headers
                or bool(item.match(key))
                or self.is_heading(index)
                or _is_prose(self.texts[index])
            )

        seen: set[str] = set()
        index = start
        while index < end:
            key = self.keys[index]
            if key in headers or item.match(key):
                self.used[index] = True
            if key not in labels:
                index += 1
                continue
            row = labels[key]
            self.used[index] = True
            cells: list[str] = []
            cursor = index + 1
            while len(cells) < len(row.columns) and cursor < end and not stop(cursor):
                if not cells and _label_rest(self.texts[cursor]):
                    # A note beside the label: "规章 | （件） | 0 | 0 | 0".
                    self.used[cursor] = True
                    cursor += 1
                    continue
                cells.append(self.texts[cursor])
                self.used[cursor] = True
                cursor += 1
            index = cursor
            where = f"表二 {row.label}"
            if row.code in seen:
                self.problem(
                    f"表二“{row.label}”一行出现了两次，以第一次为准；请删去重复的一行。",
                    where,
                    table="二",
                    row=row.code,
                )
                continue
            seen.add(row.code)
            if len(cells) < len(row.columns):
                self.problem(
                    f"表二“{row.label}”一行应有{len(row.columns)}个数"
                    f"（{'、'.join(c.label for c in row.columns)}），只读到{len(cells)}个；请补齐该行。",
                    where,
                    table="二",
                    row=row.code,
                )
                self.report.table2[row.code] = {c.code: None for c in row.columns}
                continue
            values = {}
            for column, raw in zip(row.columns, cells, strict=True):
                value, why = parse_value(raw, money=row.money)
                if why:
                    self.problem(
                        f"表二“{row.label}·{column.label}”{why}。",
                        f"{where} · {column.label}",
                        table="二",
                        row=row.code,
                        column=column.code,
                    )
                values[column.code] = value
            self.report.table2[row.code] = values
        if not seen:
            self.problem(
                "没有找到表二（主动公开政府信息情况：规章、行政规范性文件、行政许可、行政处罚、行政强制、行政事业性收费）。",
                "表二",
                table="二",
            )
            return
        for row in spec.TABLE2:
            if row.code not in seen:
                self.problem(
                    f"表二缺少“{row.label}”一行（{row.item}）；没有数据的也应列出并填 0。",
                    f"表二 {row.label}",
                    table="二",
                    row=row.code,
                )


# -- table 三 --------------------------------------------------------------------------------------------------

_RESULTS = _N(spec.RESULTS_HEADING)
_RESULTS_CORE = spec.core(spec.RESULTS_HEADING)
_GROUP_KEYS = {
    code: (_N(spec.group_heading(code)), spec.core(spec.group_heading(code))) for code in spec.SPANNING_GROUPS
}
_HEADER_KEYS = {_N(h) for h in spec.TABLE3_HEADERS}
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)")


@dataclass
class _State:
    group: str = ""  # the spanning group whose sub-rows follow
    outcomes_seen: bool = False
    started: bool = False
    finished: bool = False


def _fits(candidate: str, label: str) -> bool:
    if candidate == label:
        return True
    if len(candidate) >= 4 and label.startswith(candidate):
        return True
    return len(label) >= 2 and candidate.startswith(label)


def _leaf(rest: str, state: _State) -> spec.Table3Row | None:
    """The row ``rest`` (normalized, prefixes taken off) names in this state, or None."""
    number = _NUMBER.match(rest)
    candidate = rest[number.end() :] if number else rest
    if not candidate:
        return None
    options: list[spec.Table3Row] = [*spec.INTAKE_ROWS, spec.CARRIED_OVER_ROW]
    for row in spec.OUTCOME_ROWS:
        if row.code in ("grant", "partial") or row.group == state.group:
            options.append(row)
    if state.outcomes_seen or (number and number.group() == "七"):
        options.append(spec.TOTAL_ROW)
    scored = []
    for row in options:
        label = spec.core(row.label)
        if _fits(candidate, label):
            scored.append((candidate == label, len(label), row))
    if scored:
        return max(scored, key=lambda item: (item[0], item[1]))[2]
    if len(candidate) >= 6:
        ratios = [
            (difflib.SequenceMatcher(None, candidate, spec.core(row.label)).ratio(), row)
            for row in options
            if row.code != spec.TOTAL
        ]
        best = max(ratios, key=lambda item: item[0], default=None)
        if best and best[0] >= 0.8:
            return best[1]
    return None


# What a label cell of table 三 says, in order: the 办理结果 heading, a group's heading (its code), a row, a header.
_Event = (
    tuple[Literal["heading", "header"], None]
    | tuple[Literal["group"], str]
    | tuple[Literal["row"], spec.Table3Row]
)


def _match3(key: str, state: _State) -> list[_Event] | None:
    """Events a label cell gives: ("heading", None), ("group", code), ("row", Table3Row), ("header", None)."""
    if not key:
        return None
    total_row = key == _N(spec.TOTAL_LABEL) and state.outcomes_seen
    other_row = key == _N("其他") and state.group == "other"
    if key in _HEADER_KEYS and not total_row and not other_row:
        return [("header", None)]
    if spec.BALANCE_NOTE[:6] in key or "勾稽" in key:
        return [("header", None)]
    events: list[_Event] = []
    rest = key
    probe = _State(state.group, state.outcomes_seen)
    while rest:
        if rest.startswith(_RESULTS) or rest.startswith(_RESULTS_CORE):
            rest = rest[len(_RESULTS) if rest.startswith(_RESULTS) else len(_RESULTS_CORE) :]
            events.append(("heading", None))
            continue
        group = next(
            (
                (code, full if rest.startswith(full) else short)
                for code, (full, short) in _GROUP_KEYS.items()
                if rest.startswith(full) or rest.startswith(short)
            ),
            None,
        )
        if group:
            events.append(("group", group[0]))
            probe.group = group[0]
            rest = rest[len(group[1]) :]
            continue
        row = _leaf(rest, probe)
        if row is not None:
            events.append(("row", row))
        elif not events:
            return None
        break
    return events


class _Table3(_Reader):
    group_values: dict[str, dict[str, int | None]]

    def read(self, start: int, end: int) -> None:
        state = _State()
        self.group_values = {}
        seen: set[str] = set()
        index = start
        while index < end:
            key = self.keys[index]
            if not key or self.is_heading(index):
                index += 1
                continue
            events = _match3(key, state) if not state.finished else None
            if events is None:
                if state.started and not state.finished and looks_like_value(self.texts[index]):
                    index = self._orphans(index, end, state)
                    continue
                index += 1
                continue
            self.used[index] = True
            state.started = True
            row: spec.Table3Row | None = None
            for event in events:
                if event[0] == "heading":
                    state.group = ""
                elif event[0] == "group":
                    state.group = event[1]
                elif event[0] == "row":
                    row = event[1]
            index += 1
            if row is None:
                # A group label followed directly by figures: its subtotal (the 2019 format's （六）其他处理).
                last = events[-1]
                if (
                    last[0] == "group"
                    and index < end
                    and looks_like_value(self.texts[index])
                    and _match3(self.keys[index], state) is None
                ):
                    group = spec.group_row(last[1])
                    cells, index = self._cells(index, end, state)
                    if any(c.strip() for c in cells):
                        self._store(group, cells, seen, subtotal=True)
                continue
            if row.is_outcome:
                state.outcomes_seen = True
            if not row.group or row.code in ("grant", "partial"):
                state.group = ""
            cells, index = self._cells(index, end, state, row)
            self._store(row, cells, seen)
            if row.code == "carried_over":
                state.finished = True
        self._missing(seen)

    def _cells(
        self, index: int, end: int, state: _State, row: spec.Table3Row | None = None
    ) -> tuple[list[str], int]:
        """The row's cells: the next seven tokens, stopping early at a heading, another label or prose."""
        cells: list[str] = []
        while len(cells) < len(spec.TABLE3_COLUMNS) and index < end:
            text, key = self.texts[index], self.keys[index]
            if self.is_heading(index):
                break
            events = _match3(key, state) if key else None
            # The label may go on in a second cell ("（二）部分公开 | （区分处理的…）"): skip it, once, before
            # the figures.
            if not cells and _label_rest(text) and events in (None, [("row", row)]):
                self.used[index] = True
                index += 1
                continue
            if events is not None or _is_prose(text):
                break
            cells.append(text)
            self.used[index] = True
            index += 1
        return cells, index

    def _store(self, row: spec.Table3Row, cells: list[str], seen: set[str], subtotal: bool = False) -> None:
        where = f"表三 {row.where}"
        if row.code in seen:
            self.problem(
                f"表三“{row.where}”一行出现了两次，以第一次为准；请删去重复的一行。",
                where,
                table="三",
                row=row.code,
            )
            return
        seen.add(row.code)
        target = self.group_values if subtotal else self.report.table3
        if len(cells) < len(spec.TABLE3_COLUMNS):
            self.problem(
                f"表三“{row.where}”一行应有{len(spec.TABLE3_COLUMNS)}个数（六类申请人和总计），"
                f"只读到{len(cells)}个；请补齐该行（没有的填 0）。",
                where,
                table="三",
                row=row.code,
            )
            target[row.code] = {c.code: None for c in spec.TABLE3_COLUMNS}
            return
        values: dict[str, int | None] = {}
        for column, raw in zip(spec.TABLE3_COLUMNS, cells, strict=True):
            value, why = parse_value(raw)
            if why:
                self.problem(
                    f"表三“{row.where}·{spec.column_where(column.code)}”{why}。",
                    f"{where} · {spec.column_where(column.code)}",
                    table="三",
                    row=row.code,
                    column=column.code,
                )
            values[column.code] = value
        target[row.code] = values

    def _orphans(self, index: int, end: int, state: _State) -> int:
        before = next((self.texts[i] for i in range(index - 1, -1, -1) if self.keys[i]), "")
        cells = []
        while index < end and looks_like_value(self.texts[index]) and not self.is_heading(index):
            cells.append(self.texts[index].strip())
            self.used[index] = True
            index += 1
        if any(cells):
            shown = "、".join(c or "（空）" for c in cells[:7])
            self.problem(
                f"表三中有一行数字（{shown}）前面没有可识别的行名（前面的文字是“{before[:30]}”）；"
                f"请按{spec.FORMAT_2021}的行名填写。",
                "表三",
                table="三",
            )
        return index

    def _missing(self, seen: set[str]) -> None:
        if not seen:
            self.problem(
                "没有找到表三（收到和处理政府信息公开申请情况）；年报必须包含该表，没有申请的各栏填 0。",
                "表三",
                table="三",
            )
            return
        subtotals = set(self.group_values)
        for row in spec.TABLE3:
            if row.code in seen:
                continue
            if row.group and f"group:{row.group}" in subtotals:
                continue  # reported once for the group below
            self.problem(
                f"表三缺少“{row.where}”一行；没有数据的也应列出并填 0。",
                f"表三 {row.where}",
                table="三",
                row=row.code,
            )


# -- table 四 --------------------------------------------------------------------------------------------------

_T4_HEADERS = {_N(h) for h in spec.TABLE4_HEADERS}


class _Table4(_Reader):
    def read(self, start: int, end: int) -> None:
        first = next((i for i in range(start, end) if self.keys[i] in _T4_HEADERS), None)
        if first is None:
            self.problem(
                "没有找到表四（政府信息公开行政复议、行政诉讼情况：行政复议、行政诉讼各“结果维持、结果纠正、其他结果、"
                "尚未审结、总计”）；没有案件的各栏填 0。",
                "表四",
                table="四",
            )
            return
        last = first
        index = first
        while index < end:
            key = self.keys[index]
            if key in _T4_HEADERS:
                last = index
                self.used[index] = True
            elif key and (re.search(r"\d", key) or _is_prose(self.texts[index]) or self.is_heading(index)):
                break
            index += 1
        cells: list[str] = []
        index = last + 1
        while len(cells) < spec.TABLE4_CELLS and index < end:
            text = self.texts[index]
            if self.is_heading(index) or _is_prose(text) or self.keys[index] in _T4_HEADERS:
                break
            cells.append(text)
            self.used[index] = True
            index += 1
        if len(cells) < spec.TABLE4_CELLS:
            self.problem(
                f"表四应有{spec.TABLE4_CELLS}个数（行政复议、未经复议直接起诉、复议后起诉各5栏），只读到{len(cells)}个；请补齐。",
                "表四",
                table="四",
            )
            for group in spec.TABLE4_GROUPS:
                self.report.table4[group.code] = {c.code: None for c in spec.TABLE4_COLUMNS}
            return
        position = 0
        for group in spec.TABLE4_GROUPS:
            values: dict[str, int | None] = {}
            for column in spec.TABLE4_COLUMNS:
                value, why = parse_value(cells[position])
                position += 1
                if why:
                    self.problem(
                        f"表四“{group.label}·{column.label}”{why}。",
                        f"表四 {group.label} · {column.label}",
                        table="四",
                        row=group.code,
                        column=column.code,
                    )
                values[column.code] = value
            self.report.table4[group.code] = values


# -- format version -------------------------------------------------------------------------------------------


def _format_version(report: Report, table2: _Table2, table3: _Table3) -> None:
    other_alone = "group:other" in table3.group_values and not any(
        row.code in report.table3 for row in spec.OUTCOME_ROWS if row.group == "other"
    )
    if report.format == "2019" or (other_alone and not report.table2):
        report.format = "2019"
        shown = list(dict.fromkeys(table2.old_evidence))
        evidence = "、".join(f"“{e}”" for e in shown[:3]) + ("等" if len(shown) > 3 else "")
        evidence = f"表二中的{evidence}" if shown else "表三“（六）其他处理”不分项"
        old_years = report.year is not None and report.year < spec.FIRST_YEAR_2021
        if old_years:
            message = (
                f"本报告使用旧版年报格式（{spec.FORMAT_2019}，适用于2019—2020年度报告；依据：{evidence}）。"
                f"表二按旧格式填写，未核对；表三、表四照常核对。"
            )
        else:
            message = (
                f"本报告使用的是旧版年报格式（{spec.FORMAT_2019}，只适用于2019—2020年度报告；依据：{evidence}）。"
                f"2021年度起应使用{spec.FORMAT_2021}格式：表二的栏目为{spec.TABLE2_2021_DESCRIPTION}，"
                f"不再是{spec.TABLE2_2019_DESCRIPTION}；表三“（六）其他处理”分为3项。请按新格式重新编制表二。"
            )
        report.problems.append(
            Finding("format", WARNING if old_years else ERROR, message, "表二（年报格式）", table="二")
        )
    # Group subtotals: the 2019 format's single （六）其他处理 row stands for its sub-rows; elsewhere a subtotal
    # is checked against its sub-rows (rules.outcome_total).
    report.table3.update(table3.group_values)
    if other_alone and report.format != "2019":
        report.problems.append(
            Finding(
                "format",
                ERROR,
                f"表三“（六）其他处理”没有分项；{spec.FORMAT_2021}将其分为“1.申请人无正当理由逾期不补正……”"
                f"“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三行，请分项填写。",
                "表三 （六）其他处理",
                table="三",
                row="group:other",
            )
        )
