"""The three tables of the annual report laid out as in the national format (国办公开办函〔2021〕30号): grids of
cells with their row and column spans, for HTML, .docx and PDF. Framework-free; the checker reads what this writes.

A cell may carry ``key = (table, row, column)`` so a page can link it to the records behind the figure.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .. import foi_rules
from . import spec


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    key: tuple[str, str, str] | None = None


Grid = list[list[Cell]]
Rows = Mapping[str, Mapping[str, object]]


def number(value: object, money: bool = False) -> str:
    """A count as digits; money (万元) with up to two decimals; a missing value as 0."""
    if value is None or value == "":
        return "0"
    if money:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
        text = format(amount.normalize(), "f")
        return text
    return str(int(str(value)))


def _h(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan, colspan, header=True)


def table2_grid(rows: Rows) -> Grid:
    """Table 二: one block per 第二十条 item, each with its header line."""
    grid: Grid = []
    item = None
    for row in spec.TABLE2:
        if row.item != item:
            item = row.item
            grid.append([_h(row.item, colspan=4)])
            if len(row.columns) == 3:
                grid.append([_h("信息内容"), *(_h(c.label) for c in row.columns)])
            else:
                grid.append([_h("信息内容"), _h(row.columns[0].label, colspan=3)])
        values = rows.get(row.code, {})
        cells = [
            Cell(number(values.get(c.code), row.money), key=("二", row.code, c.code)) for c in row.columns
        ]
        if len(cells) == 3:
            grid.append([_h(row.label), *cells])
        else:
            only = cells[0]
            grid.append([_h(row.label), Cell(only.text, colspan=3, key=only.key)])
    return grid


def table3_grid(rows: Rows) -> Grid:
    """Table 三 with the format's spans: the 勾稽 note over the corner, 三、本年度办理结果 over the 23 result rows,
    each group (（三）…（六）) over its sub-rows."""

    def values(code: str) -> list[Cell]:
        cells = rows.get(code, {})
        return [Cell(number(cells.get(c.code)), key=("三", code, c.code)) for c in spec.TABLE3_COLUMNS]

    grid: Grid = [
        [_h(f"（{spec.BALANCE_NOTE}）", rowspan=3, colspan=3), _h("申请人情况", colspan=7)],
        [_h("自然人", rowspan=2), _h("法人或其他组织", colspan=5), _h(spec.TOTAL_LABEL, rowspan=2)],
        [_h(t.label) for t in foi_rules.APPLICANT_TYPES if not t.is_person],
    ]
    for row in spec.INTAKE_ROWS:
        grid.append([_h(row.label, colspan=3), *values(row.code)])
    first = True
    for group in foi_rules.GROUPS:
        outcomes = foi_rules.outcomes_in(group.code)
        lead = [_h(spec.RESULTS_HEADING, rowspan=len(spec.OUTCOME_ROWS) + 1)] if first else []
        first = False
        if len(outcomes) == 1:
            row = spec.TABLE3_BY_CODE[outcomes[0].code]
            grid.append([*lead, _h(row.label, colspan=2), *values(row.code)])
            continue
        for index, outcome in enumerate(outcomes):
            row = spec.TABLE3_BY_CODE[outcome.code]
            head = [_h(spec.group_heading(group.code), rowspan=len(outcomes))] if index == 0 else []
            grid.append([*(lead if index == 0 else []), *head, _h(row.label), *values(row.code)])
    grid.append([_h(spec.TOTAL_ROW.label, colspan=2), *values(spec.TOTAL)])
    grid.append([_h(spec.CARRIED_OVER_ROW.label, colspan=3), *values("carried_over")])
    return grid


def table4_grid(rows: Rows) -> Grid:
    """Table 四: the two-level header and the 15 cells in one row."""
    parts = [c.label for c in spec.TABLE4_COLUMNS]
    return [
        [_h("行政复议", colspan=5), _h("行政诉讼", colspan=10)],
        [*(_h(p, rowspan=2) for p in parts), _h("未经复议直接起诉", colspan=5), _h("复议后起诉", colspan=5)],
        [*(_h(p) for p in parts), *(_h(p) for p in parts)],
        [
            Cell(number(rows.get(g.code, {}).get(c.code)), key=("四", g.code, c.code))
            for g in spec.TABLE4_GROUPS
            for c in spec.TABLE4_COLUMNS
        ],
    ]


def grid_html(grid: Grid, link: Callable[[tuple[str, str, str]], str] | None = None, css: str = "") -> str:
    """``<table>`` with ``rowspan``/``colspan``; ``link(key)`` returns a URL for a figure cell ("" for none)."""
    out = [f'<table class="{html.escape(css)}">' if css else "<table>"]
    for row in grid:
        out.append("<tr>")
        for cell in row:
            tag = "th" if cell.header else "td"
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            text = html.escape(cell.text)
            url = link(cell.key) if (link and cell.key) else ""
            if url:
                text = f'<a href="{html.escape(url)}">{text}</a>'
            out.append(f"<{tag}{attrs}>{text}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def empty_tables() -> dict[str, dict[str, dict[str, object]]]:
    """Every cell of the three tables at 0 (the shape the generator fills)."""
    t2: dict[str, dict[str, object]] = {r.code: {c.code: 0 for c in r.columns} for r in spec.TABLE2}
    t3: dict[str, dict[str, object]] = {r.code: {c.code: 0 for c in spec.TABLE3_COLUMNS} for r in spec.TABLE3}
    t4: dict[str, dict[str, object]] = {
        g.code: {c.code: 0 for c in spec.TABLE4_COLUMNS} for g in spec.TABLE4_GROUPS
    }
    return {"table2": t2, "table3": t3, "table4": t4}
