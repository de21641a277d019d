"""The annex 任务分工表 when it arrives flattened (平铺的分工表): copied off a web page, one cell per line.

A portal shows the 分工表 as an HTML table; copying the page gives every cell on its own line (cells separated by
blank lines) in reading order 序号 · 目标任务 · 任务内容 · 责任单位 · 工作时限, the header once, a part heading
(``一、聚焦…``) on its own line between rows, and a merged 目标任务 only in the first row of its group (the 序号
line is then followed directly by the 任务内容). Some pages put several cells on one line, separated by tabs or
runs of spaces; a long 任务内容 may come as two lines. This module rebuilds the rows:

1. the text after ``附件`` becomes a stream of cells (tables' rows cell by cell, paragraphs' raw lines split on
   tabs and runs of spaces — the blocks keep their raw lines for this);
2. the header is the first run of cells naming the columns (序号, 目标任务, 任务内容, 责任单位, 工作时限 … in
   the page's order);
3. every 序号 (a small number, the next in sequence) starts a row, every part heading ends one;
4. the cells of a row are given to the columns by :func:`cells.align`; a missing 目标任务 is the one above, and
   a missing 责任单位 or 工作时限 in a row of the same 目标任务 is the merged cell above.

What cannot be read this way is reported with the reason (``reason``), never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.core.docread import PART, Block, clean_line, match_marker

from . import cells as cellmod
from .annex import AnnexRow, map_cells, role_of

# Cells on one line: tabs, or two or more spaces (ASCII, ideographic, no-break); a single ideographic space
# between two characters too (pages that pad cells with 　).
_CELL_SPLIT = re.compile(r"\t+|[ \u3000\u00a0]{2,}|(?<=\S)\u3000(?=\S)")
# The document's 版记 after the table: 抄送：… / 示范县人民政府办公室 2025年4月10日印发.
_STOP = re.compile(r"^(抄送|抄报)[:：]|\d{4}年\d{1,2}月\d{1,2}日印发$")
_HEADER_WORDS = re.compile(
    r"序号|编号|目标任务|重点任务|工作任务|任务名称|主要任务|任务内容|工作内容|具体任务|工作措施|具体措施|"
    r"牵头单位|责任单位|配合单位|责任部门|完成时限|工作时限|完成时间|时间节点|时限要求|时限|备注"
)


@dataclass
class Flattened:
    rows: list[AnnexRow] = field(default_factory=list)
    reason: str | None = None  # why no rows were read (Chinese, for the warning)
    roles: list[str] = field(default_factory=list)  # the header's columns in order
    uncertain: list[AnnexRow] = field(default_factory=list)  # rows whose cells did not all fit


def split_cells(line: str) -> list[str]:
    """The cells of one raw line (a line without tabs or space runs is one cell)."""
    out = []
    for piece in _CELL_SPLIT.split(line.strip(" \u3000\u00a0\r\n")):
        cell = clean_line(piece)
        if cell:
            out.append(cell)
    return out


def stream(blocks: list[Block]) -> list[str]:
    """Every cell of the annex text in reading order."""
    out: list[str] = []
    for block in blocks:
        if block.is_table:
            for row in block.rows:
                out.extend(c for c in (clean_line(x) for x in row) if c)
            continue
        for raw in block.lines or [block.text]:
            out.extend(split_cells(raw))
    return out


def _expand_header(cell: str) -> list[str]:
    """A header whose labels ran together when the spaces between them were cleaned away."""
    if len(cell) <= 40 and _HEADER_WORDS.sub("", cell) == "" and len(_HEADER_WORDS.findall(cell)) >= 3:
        return _HEADER_WORDS.findall(cell)
    return [cell]


def find_header(cells: list[str], at: int | None = None) -> tuple[int, int, dict[str, int]] | None:
    """(first cell, first cell after the header, role → column) of the first run of cells that is a header.

    With ``at``, only a header starting exactly there counts.
    """
    starts = [at] if at is not None else range(len(cells))
    for start in starts:
        labels: list[str] = []
        used: set[str] = set()
        end = start
        while end < len(cells):
            parts = _expand_header(cells[end])
            roles = [role for role in map(role_of, parts) if role is not None]
            if len(roles) < len(parts) or used & set(roles) or len(set(roles)) < len(roles):
                break  # a cell that is no column name, or a column named twice
            labels.extend(parts)
            used.update(roles)
            end += 1
        mapping = map_cells(labels) if len(labels) >= 3 else None
        if mapping and len(mapping) == len(labels):
            return start, end, mapping
    return None


def read(blocks: list[Block], headings: list[str] | None = None) -> Flattened:
    """Rows of a flattened 分工表 in ``blocks`` (the text after 附件); ``headings`` are the body's item headings."""
    cells = stream(blocks)
    result = Flattened()
    if not cells:
        result.reason = "附件之后没有文字"
        return result
    found = find_header(cells)
    if found is None:
        result.reason = "没有找到表头（应有“序号、目标任务、任务内容、责任单位、工作时限”等列名）"
        return result
    _, after, mapping = found
    roles = [role for role, _ in sorted(mapping.items(), key=lambda kv: kv[1])]
    result.roles = roles
    if "seq" not in mapping:
        result.reason = "表头没有“序号”列，逐格排列的表格无法分出各行"
        return result
    data_roles = [r for r in roles if r != "seq"]
    hints = tuple(h for h in headings or [] if h)
    table_row = 1  # the header is row 1, as in a real table
    part: str | None = None
    current: list[str] | None = None
    groups: list[tuple[int, str | None, list[str]]] = []  # (row number, part, cells from 序号 on)
    expected = 1
    index = after
    while index < len(cells):
        cell = cells[index]
        if current is not None and len(cell) < 60 and _STOP.search(cell):
            break  # 抄送/印发 lines close the document
        repeated = find_header(cells, at=index) if role_of(cell) is not None else None
        if repeated is not None:  # the header again (a page break on the portal)
            index = repeated[1]
            continue
        index += 1
        marker = match_marker(cell)
        if marker is not None and marker.level == PART and len(cell) <= 60 and "。" not in cell:
            if current is not None:
                groups.append((table_row, part, current))
                current = None
            table_row += 1
            part = cell
            continue
        if cellmod.SEQ.match(cell):
            number = int(re.sub(r"\D", "", cell))
            # the next 序号 (a skipped number is tolerated); any other small number is a cell of the row
            if current is None or number in (expected, expected + 1):
                if current is not None:
                    groups.append((table_row, part, current))
                table_row += 1
                current = [cell]
                expected = number + 1
                continue
        if current is not None:
            current.append(cell)
    if current is not None:
        groups.append((table_row, part, current))
    if not groups:
        result.reason = "表头之后没有读到以序号开头的行"
        return result
    last: dict[str, str] = {}
    last_part: str | None = None
    for row_number, row_part, row_cells in groups:
        if row_part != last_part:
            last, last_part = {}, row_part
        alignment = cellmod.align(row_cells[1:], data_roles, hints)
        row = _row(row_number, row_cells[0], row_part, alignment, last)
        if row is None:
            continue
        result.rows.append(row)
        if alignment.leftover:
            result.uncertain.append(row)
    if not result.rows:
        result.reason = "表头之后的行都没有任务内容"
    return result


def _row(
    number: int, seq: str, part: str | None, alignment: cellmod.Alignment, last: dict[str, str]
) -> AnnexRow | None:
    """An :class:`AnnexRow`; skipped columns inherit the merged cell above (目标任务 always, 责任单位 and 工作时限
    within the same 目标任务)."""
    target = alignment.text("target")
    inherited = not target
    target = target or last.get("target", "")
    values = {"target": target, "content": alignment.text("content")}
    for role in ("units", "lead", "deadline", "note"):
        value = alignment.text(role, "，" if role != "note" else "")
        if not value and inherited and role in alignment.skipped and role != "note":
            value = last.get(role, "")
        values[role] = value
    if not values["content"] and not values["target"]:
        return None
    last.clear()
    last.update(values)
    return AnnexRow(
        table=1,
        row=number,
        seq=re.sub(r"\D", "", seq),
        part=part,
        target=values["target"],
        content=values["content"],
        units_text=values["units"],
        lead_text=values["lead"],
        deadline_text=values["deadline"],
        leftover=list(alignment.leftover),
    )
