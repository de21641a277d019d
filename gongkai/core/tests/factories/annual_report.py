"""Annual reports built from chosen numbers, rendered in the four layouts the checker reads.

``ReportData`` holds the tables (二, 三 with its 总计 column, 四) and the figures the prose states (by default
the table's own); ``consistent(...)`` builds one that passes every rule; ``render(data, layout)`` gives the
file bytes and a file name. Layouts: ``pipe`` (one row per line, ``|`` between cells), ``cells`` (one cell per
line, blank lines between), ``html`` (a portal page, tables with rowspan/colspan as sites publish them),
``docx`` (Word tables with merged cells). No tests here.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from gongkai.core import foi_rules
from gongkai.core.annualreport import spec

LAYOUTS = ("pipe", "cells", "html", "docx")
STYLES = ("plain", "dash", "empty", "fullwidth", "thousands")
APPLICANTS = spec.APPLICANT_CODES
OUTCOME_CODES = tuple(o.code for o in foi_rules.OUTCOMES)
T4_PARTS = tuple(c.code for c in spec.TABLE4_PARTS)
T4_GROUPS = tuple(g.code for g in spec.TABLE4_GROUPS)


@dataclass
class ReportData:
    unit: str = "示范县市场监督管理局"
    year: int = 2025
    table2: dict[str, dict[str, int | Decimal]] = field(default_factory=dict)
    table3: dict[str, dict[str, int]] = field(default_factory=dict)  # row → 6 applicants + "total"
    table4: dict[str, dict[str, int]] = field(default_factory=dict)  # group → 4 parts + "total"
    text: dict[tuple[str, str, str], int | Decimal] = field(default_factory=dict)  # stated figures overridden
    old_format: bool = False  # render table 二 (and （六）) as the 2019 format
    other_in_one_row: bool = False  # （六）其他处理 without its three parts (as in the 2019 format)
    # A cell written as this text instead of its number (bad values: "约20", "2.5", "-3").
    cells: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # Left out: rows ("三:grant", "二:fees"), sections ("一" … "六") or the grids of tables ("表四").
    omit: set[str] = field(default_factory=set)

    def copy(self) -> ReportData:
        return copy.deepcopy(self)

    def stated(self, table: str, row: str, column: str) -> int | Decimal:
        """The figure the prose states: an override, else the table's value (sums for groups and lawsuits)."""
        if (table, row, column) in self.text:
            return self.text[(table, row, column)]
        if table == "二":
            return self.table2[row][column]
        if table == "四":
            if row == "litigation":
                return self.table4["litigation_direct"][column] + self.table4["litigation_after"][column]
            return self.table4[row][column]
        if row.startswith("group:"):
            group = row.split(":", 1)[1]
            return sum(self.table3[o.code][column] for o in foi_rules.outcomes_in(group))
        return self.table3[row][column]

    def pin_text(self) -> ReportData:
        """Freeze the prose on the current figures, so that a later change of a cell shows as a mismatch."""
        for table, row, column in STATED:
            self.text.setdefault((table, row, column), self.stated(table, row, column))
        return self

    def expected_tables(self) -> dict:
        """What the checker must read back (``Report.tables()``)."""
        table2 = {
            row: {col: (float(v) if isinstance(v, Decimal) else v) for col, v in cells.items()}
            for row, cells in self.table2.items()
        }
        table3 = {row: dict(cells) for row, cells in self.table3.items()}
        if self.old_format or self.other_in_one_row:  # （六）其他处理 is one row there
            others = [o.code for o in foi_rules.outcomes_in("other")]
            table3["group:other"] = {c: sum(table3[o][c] for o in others) for c in (*APPLICANTS, "total")}
            for code in others:
                del table3[code]
        return {
            "table2": {} if self.old_format else table2,
            "table3": table3,
            "table4": {group: dict(cells) for group, cells in self.table4.items()},
        }


def _row(values: list[int]) -> dict[str, int]:
    cells = dict(zip(APPLICANTS, values, strict=True))
    cells["total"] = sum(values)
    return cells


def consistent(
    *,
    outcomes: dict[str, list[int]] | None = None,
    carried_in: list[int] | None = None,
    carried_over: list[int] | None = None,
    table2: dict[str, dict[str, int | Decimal]] | None = None,
    table4: dict[str, list[int]] | None = None,
    unit: str = "示范县市场监督管理局",
    year: int = 2025,
) -> ReportData:
    """A report every rule accepts: 新收 is derived so that 一 + 二 = （七）总计 + 四 in every column."""
    outcomes = outcomes or {
        "grant": [5, 2, 0, 0, 1, 0],
        "partial": [1, 1, 0, 0, 0, 0],
        "withhold_third_party": [1, 1, 0, 0, 0, 0],
        "withhold_process": [0, 0, 0, 0, 1, 0],
        "unable_not_held": [3, 0, 0, 1, 0, 0],
        "decline_repeat": [1, 0, 0, 0, 0, 0],
        "other_no_correction": [1, 0, 0, 0, 0, 0],
    }
    carried_in = carried_in or [1, 0, 0, 0, 0, 0]
    carried_over = carried_over or [1, 1, 0, 0, 0, 0]
    table3: dict[str, dict[str, int]] = {}
    sums = [0] * 6
    rows = {}
    for code in OUTCOME_CODES:
        values = list(outcomes.get(code, [0] * 6))
        rows[code] = _row(values)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
    new = [s + o - c for s, o, c in zip(sums, carried_over, carried_in, strict=True)]
    if any(v < 0 for v in new):
        raise ValueError("上年结转多于办理结果与结转之和：新收会成为负数")
    table3["new"] = _row(new)
    table3["carried_in"] = _row(list(carried_in))
    table3.update(rows)
    table3["total"] = _row(sums)
    table3["carried_over"] = _row(list(carried_over))
    parts4 = table4 or {
        "reconsideration": [1, 1, 0, 1],
        "litigation_direct": [0, 0, 0, 1],
        "litigation_after": [1, 0, 0, 0],
    }
    t4 = {}
    for group in T4_GROUPS:
        values = list(parts4.get(group, [0, 0, 0, 0]))
        cells = dict(zip(T4_PARTS, values, strict=True))
        cells["total"] = sum(values)
        t4[group] = cells
    t2 = table2 or {
        "rules": {"issued": 0, "repealed": 0, "in_force": 2},
        "normative": {"issued": 3, "repealed": 1, "in_force": 25},
        "licensing": {"decisions": 1234},
        "penalty": {"decisions": 56},
        "coercion": {"decisions": 2},
        "fees": {"amount": Decimal("12.5")},
    }
    return ReportData(unit=unit, year=year, table2=copy.deepcopy(t2), table3=table3, table4=t4)


def previous_of(data: ReportData) -> ReportData:
    """A consistent report of the year before whose 结转下年度 and 现行有效 fit ``data``."""
    carried_over = [data.table3["carried_in"][c] for c in APPLICANTS]
    outcomes = {"grant": [v + 2 for v in carried_over]}
    t2 = copy.deepcopy(data.table2)
    for code in spec.DOCUMENT_ROWS:
        now = data.table2[code]
        t2[code] = {"issued": 1, "repealed": 0, "in_force": now["in_force"] - now["issued"] + now["repealed"]}
    return consistent(
        outcomes=outcomes,
        carried_in=[0] * 6,
        carried_over=carried_over,
        table2=t2,
        unit=data.unit,
        year=data.year - 1,
    )


# -- the document as paragraphs and grids ------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


Grid = list[list[Cell]]  # rows of cells in source order (a spanning cell appears once, where it starts)

_FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def fmt(value: int | Decimal, style: str) -> str:
    if style in ("dash", "empty") and value == 0:
        return "—" if style == "dash" else ""
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    if style == "thousands" and isinstance(value, int) and abs(value) >= 1000:
        text = f"{value:,}"
    if style == "fullwidth":
        text = text.translate(_FULL)
    return text


def _say(value: int | Decimal, style: str) -> str:
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text.translate(_FULL) if style == "fullwidth" else text


def _cell(data: ReportData, table: str, row: str, column: str, style: str) -> str:
    if (table, row, column) in data.cells:
        return data.cells[(table, row, column)]
    source = {"二": data.table2, "三": data.table3, "四": data.table4}[table]
    return fmt(source[row][column], style)


# Every figure the prose states (the text_mismatch rule's inputs).
STATED = (
    *(("二", row, col) for row in ("normative", "rules") for col in ("issued", "repealed", "in_force")),
    ("二", "licensing", "decisions"),
    ("二", "penalty", "decisions"),
    ("二", "coercion", "decisions"),
    ("二", "fees", "amount"),
    *(
        ("三", row, "total")
        for row in (
            "new",
            "carried_in",
            "total",
            "grant",
            "partial",
            "group:withhold",
            "group:unable",
            "group:decline",
            "group:other",
            "carried_over",
        )
    ),
    ("四", "reconsideration", "total"),
    ("四", "litigation", "total"),
)


def table2_grid(data: ReportData, style: str) -> Grid:
    if data.old_format:
        return [
            [Cell("第二十条第（一）项", colspan=4)],
            [Cell("信息内容"), Cell("本年新制作数量"), Cell("本年新公开数量"), Cell("对外公开总数量")],
            [Cell("规章"), Cell("0"), Cell("0"), Cell("2")],
            [Cell("规范性文件"), Cell("3"), Cell("3"), Cell("25")],
            [Cell("第二十条第（五）项", colspan=4)],
            [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")],
            [Cell("行政许可"), Cell("30"), Cell("+2"), Cell("1234")],
            [Cell("其他对外管理服务事项"), Cell("5"), Cell("0"), Cell("10")],
            [Cell("第二十条第（九）项", colspan=4)],
            [Cell("信息内容"), Cell("采购项目数量"), Cell("采购总金额", colspan=2)],
            [Cell("政府集中采购"), Cell("4"), Cell("56.7", colspan=2)],
        ]
    grid: Grid = []
    item = None
    for row in spec.TABLE2:
        if row.item != item:
            item = row.item
            grid.append([Cell(row.item, colspan=4)])
            if len(row.columns) == 3:
                grid.append([Cell("信息内容"), *(Cell(c.label) for c in row.columns)])
            else:
                grid.append([Cell("信息内容"), Cell(row.columns[0].label, colspan=3)])
        if f"二:{row.code}" in data.omit:
            continue
        values = [_cell(data, "二", row.code, c.code, style) for c in row.columns]
        if len(values) == 3:
            grid.append([Cell(row.label), *(Cell(v) for v in values)])
        else:
            grid.append([Cell(row.label), Cell(values[0], colspan=3)])
    return grid


def table3_grid(data: ReportData, style: str) -> Grid:
    def values(code: str) -> list[Cell]:
        return [Cell(_cell(data, "三", code, c.code, style)) for c in spec.TABLE3_COLUMNS]

    omitted = {code.split(":", 1)[1] for code in data.omit if code.startswith("三:")}

    grid: Grid = [
        [Cell(f"（{spec.BALANCE_NOTE}）", rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(t.label) for t in foi_rules.APPLICANT_TYPES if not t.is_person],
    ]
    for row in spec.INTAKE_ROWS:
        if row.code not in omitted:
            grid.append([Cell(row.label, colspan=3), *values(row.code)])
    results_rows = len(spec.OUTCOME_ROWS) + 1 - len(omitted & set(OUTCOME_CODES))
    one_row = data.old_format or data.other_in_one_row
    if one_row:
        results_rows -= 2
    first = True
    for group in foi_rules.GROUPS:
        outcomes = [o for o in foi_rules.outcomes_in(group.code) if o.code not in omitted]
        if not outcomes:
            continue
        lead = [Cell(spec.RESULTS_HEADING, rowspan=results_rows)] if first else []
        first = False
        if len(foi_rules.outcomes_in(group.code)) == 1:
            row = spec.TABLE3_BY_CODE[outcomes[0].code]
            grid.append([*lead, Cell(row.label, colspan=2), *values(row.code)])
            continue
        if one_row and group.code == "other":
            summed = [
                Cell(fmt(sum(data.table3[o.code][c.code] for o in outcomes), style))
                for c in spec.TABLE3_COLUMNS
            ]
            grid.append([*lead, Cell(spec.group_heading(group.code), colspan=2), *summed])
            continue
        for index, outcome in enumerate(outcomes):
            row = spec.TABLE3_BY_CODE[outcome.code]
            head = [Cell(spec.group_heading(group.code), rowspan=len(outcomes))] if index == 0 else []
            grid.append([*(lead if index == 0 else []), *head, Cell(row.label), *values(row.code)])
    if "total" not in omitted:
        grid.append([Cell(spec.TOTAL_ROW.label, colspan=2), *values("total")])
    if "carried_over" not in omitted:
        grid.append([Cell(spec.CARRIED_OVER_ROW.label, colspan=3), *values("carried_over")])
    return grid


def table4_grid(data: ReportData, style: str) -> Grid:
    parts = [c.label for c in spec.TABLE4_COLUMNS]
    return [
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [
            *(Cell(p, rowspan=2) for p in parts),
            Cell("未经复议直接起诉", colspan=5),
            Cell("复议后起诉", colspan=5),
        ],
        [*(Cell(p) for p in parts), *(Cell(p) for p in parts)],
        [Cell(_cell(data, "四", g, c.code, style)) for g in T4_GROUPS for c in spec.TABLE4_COLUMNS],
    ]


def blocks(data: ReportData, style: str = "plain") -> list[str | Grid]:
    """Title, the six sections with their prose, and the three tables."""

    def s(table: str, row: str, column: str) -> str:
        return _say(data.stated(table, row, column), style)

    year = _say(data.year, style)
    out: list[str | Grid] = [
        f"{data.unit}{year}年政府信息公开工作年度报告",
        f"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
        f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{spec.FORMAT_2021}）要求编制。",
        "一、总体情况",
        f"（一）主动公开。{year}年，本单位依法做好主动公开工作。全年制发行政规范性文件{s('二', 'normative', 'issued')}件，"
        f"废止{s('二', 'normative', 'repealed')}件，现行有效{s('二', 'normative', 'in_force')}件。"
        f"规章方面，本年制发{s('二', 'rules', 'issued')}件，废止{s('二', 'rules', 'repealed')}件，"
        f"现行有效{s('二', 'rules', 'in_force')}件。全年作出行政许可决定{s('二', 'licensing', 'decisions')}件、"
        f"行政处罚决定{s('二', 'penalty', 'decisions')}件、行政强制决定{s('二', 'coercion', 'decisions')}件，"
        f"行政事业性收费{s('二', 'fees', 'amount')}万元。",
        f"（二）依申请公开。{year}年，共收到政府信息公开申请{s('三', 'new', 'total')}件，"
        f"上年结转{s('三', 'carried_in', 'total')}件，办结{s('三', 'total', 'total')}件，"
        f"其中予以公开{s('三', 'grant', 'total')}件、部分公开{s('三', 'partial', 'total')}件、"
        f"不予公开{s('三', 'group:withhold', 'total')}件、无法提供{s('三', 'group:unable', 'total')}件、"
        f"不予处理{s('三', 'group:decline', 'total')}件、其他处理{s('三', 'group:other', 'total')}件，"
        f"结转下年度继续办理{s('三', 'carried_over', 'total')}件。",
        "（三）政府信息管理。健全公开前保密审查机制，定期清理过时、失效内容。",
        "（四）平台建设。优化政府网站信息公开专栏，完善检索功能。",
        "（五）监督保障。将政务公开纳入年度考核，组织业务培训。",
        "二、主动公开政府信息情况",
        table2_grid(data, style),
        "三、收到和处理政府信息公开申请情况",
        table3_grid(data, style),
        "四、政府信息公开行政复议、行政诉讼情况",
        f"本年度因政府信息公开被申请行政复议{s('四', 'reconsideration', 'total')}件，"
        f"提起行政诉讼{s('四', 'litigation', 'total')}件。",
        table4_grid(data, style),
        "五、存在的主要问题及改进情况",
        "一是公开内容的规范性有待提高；二是政策解读形式还不够丰富。下一步将加强培训，完善制度。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    return _without(out, data.omit)


def _without(parts: list[str | Grid], omit: set[str]) -> list[str | Grid]:
    """Leave out whole sections (heading to next heading) or the grids of tables named ``表二``/``表三``/``表四``."""
    headings = {s.heading: s.number for s in spec.SECTIONS}
    kept: list[str | Grid] = []
    section = ""
    for part in parts:
        if isinstance(part, str) and part in headings:
            section = headings[part]
        if section in omit:
            continue
        if not isinstance(part, str) and f"表{section}" in omit:
            continue
        kept.append(part)
    return kept


# -- layouts -------------------------------------------------------------------------------------------------------


def render(data: ReportData, layout: str, style: str = "plain") -> tuple[bytes, str]:
    """``(file bytes, file name)`` of ``data`` in ``layout``."""
    parts = blocks(data, style)
    if layout == "pipe":
        return to_pipe(parts).encode("utf-8"), "报告.txt"
    if layout == "cells":
        return to_cells(parts).encode("utf-8"), "报告.txt"
    if layout == "html":
        return to_html(parts, data.unit).encode("utf-8"), "报告.html"
    if layout == "docx":
        return to_docx(parts), "报告.docx"
    raise ValueError(layout)


def to_pipe(parts: list[str | Grid]) -> str:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            lines.extend([part, ""])
        else:
            lines.extend("| " + " | ".join(c.text for c in row) + " |" for row in part)
            lines.append("")
    return "\n".join(lines)


def to_cells(parts: list[str | Grid]) -> str:
    items: list[str] = []
    for part in parts:
        if isinstance(part, str):
            items.append(part)
        else:
            items.extend(c.text for row in part for c in row)
    return "\n\n".join(items) + "\n"


def to_html(parts: list[str | Grid], unit: str) -> str:
    body: list[str] = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            tag = "h1" if index == 0 else "p"
            body.append(f"<{tag}>{escape(part)}</{tag}>")
            continue
        rows = []
        for row in part:
            cells = []
            for c in row:
                span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                    f' colspan="{c.colspan}"' if c.colspan > 1 else ""
                )
                cells.append(f"<td{span}><p style='text-align:center'>{escape(c.text)}</p></td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append(
            "<table border='1' cellspacing='0' width='100%'><tbody>" + "\n".join(rows) + "</tbody></table>"
        )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(unit)}政府信息公开工作年度报告_示范县人民政府</title>
<script>var _hmt = _hmt || [];</script><style>td {{border:1px solid #000}}</style></head>
<body><div class="header"><a href="/">示范县人民政府</a></div>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div>
<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="content">
{chr(10).join(body)}
</div>
<div class="footer">网站标识码：3607320001 赣ICP备12345678号</div></body></html>
"""


def _positions(grid: Grid) -> tuple[list[tuple[int, int, Cell]], int, int]:
    """Top-left (row, column) of each cell, resolving rowspans as a browser does."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return placed, len(grid), width


def _docx_table(grid: Grid):
    """A ``w:tbl`` as Word writes merged cells: ``gridSpan`` across, ``vMerge`` restart/continue down.

    Written as XML because python-docx's ``merge`` takes seconds on a table of this size.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    placed, height, width = _positions(grid)
    starts = {(r, c): cell for r, c, cell in placed}
    below: dict[tuple[int, int], Cell] = {}  # rows covered by a rowspan, at the span's left column
    for r, c, cell in placed:
        for dr in range(1, cell.rowspan):
            below[(r + dr, c)] = cell
    rows = []
    for r in range(height):
        tcs = []
        c = 0
        while c < width:
            cell = starts.get((r, c)) or below.get((r, c))
            if cell is None:  # a ragged row: pad
                tcs.append("<w:tc><w:p/></w:tc>")
                c += 1
                continue
            props = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            if cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>' if (r, c) in starts else "<w:vMerge/>"
            text = escape(cell.text) if (r, c) in starts else ""
            run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{run}</w:p></w:tc>")
            c += cell.colspan
        rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    grid_cols = "".join("<w:gridCol/>" for _ in range(width))
    return parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f"</w:tblPr><w:tblGrid>{grid_cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def to_docx(parts: list[str | Grid]) -> bytes:
    import docx

    document = docx.Document()
    body = document.element.body
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            body.sectPr.addprevious(_docx_table(part))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
