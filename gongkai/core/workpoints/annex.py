"""The annex 任务分工表 (task division table): 序号 | 目标任务 | 任务内容 | 责任单位 | 工作时限.

Found as a Word table, a spreadsheet, an HTML table or a text table (Markdown pipes or tabs). One body item
usually becomes several rows; a row whose cells are merged across the table carries the part title
(``一、提升信息公开质量…``); a vertically merged 目标任务 cell is empty in the rows below it and is filled down.
Rows are linked to body items by the similarity of 目标任务 to the item heading (or, failing that, of
任务内容 to the item text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.docread import Block, match_marker, unify_brackets
from gongkai.core.docread.outline import PART

from . import cells as cellmod
from .textsim import containment, similarity

# Header cell → column role; the order matters (目标任务 before the generic 任务).
_COLUMNS = [
    ("seq", re.compile(r"^(序号|编号|序)$")),
    ("lead", re.compile(r"牵头单位|牵头部门|主责单位")),
    ("units", re.compile(r"责任单位|责任部门|配合单位|承办单位|责任主体|实施单位")),
    ("deadline", re.compile(r"时限|完成时间|时间节点|时间安排|完成期限|进度安排")),
    ("note", re.compile(r"备注|说明")),
    (
        "target",
        re.compile(r"目标任务|重点任务|工作任务|任务名称|主要任务|工作要点|任务类别|工作项目|重点工作"),
    ),
    ("content", re.compile(r"任务内容|工作内容|具体任务|具体内容|工作措施|具体措施|内容|任务")),
]


@dataclass
class AnnexRow:
    table: int  # 1-based table number among annex tables
    row: int  # 1-based row number in that table (header included)
    seq: str
    part: str | None
    target: str
    content: str
    units_text: str
    lead_text: str
    deadline_text: str
    leftover: list[str] = field(default_factory=list)  # cells that fitted no column (flattened layout)


def role_of(label: str) -> str | None:
    """The column a header label names (序号 → seq, 目标任务 → target, 责任单位 → units …), or None."""
    label = re.sub(r"\s+", "", label)
    if not label or len(label) > 12:
        return None
    for role, pattern in _COLUMNS:
        if pattern.search(label):
            return role
    return None


def map_cells(row: list[str]) -> dict[str, int] | None:
    """Role → column index when ``row`` is a 分工表 header (a task column, a unit column, three roles), else None."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        label = re.sub(r"\s+", "", cell)
        if not label or len(label) > 12:
            continue
        for role, pattern in _COLUMNS:
            if role not in mapping and pattern.search(label):
                mapping[role] = index
                break
    has_task = "content" in mapping or "target" in mapping
    has_units = "units" in mapping or "lead" in mapping
    if has_task and has_units and len(mapping) >= 3:
        return mapping
    return None


def find_header(block: Block) -> tuple[int, dict[str, int]] | None:
    """(row index, column mapping) of a 分工表 header in the first rows of a table, or None."""
    for index, row in enumerate(block.rows[:5]):
        mapping = map_cells(row)
        if mapping:
            return index, mapping
    return None


def is_annex_table(block: Block) -> bool:
    return block.is_table and find_header(block) is not None


def read_rows(tables: list[Block], headings: list[str] | None = None) -> list[AnnexRow]:
    """All data rows of the annex tables, part titles and merged 目标任务 filled in.

    A row with fewer cells than the header comes from a page whose merged (rowspan) cells appear only in their
    first row: its cells are given to the columns by their shape (:func:`cells.align`, ``headings`` being the
    body's item headings) when that fits clearly better than reading them left to right.
    """

    hints = tuple(h for h in headings or [] if h)
    rows: list[AnnexRow] = []
    for table_no, block in enumerate(tables, start=1):
        found = find_header(block)
        if not found:
            continue
        header_index, mapping = found
        width = max(mapping.values()) + 1
        by_index = {index: role for role, index in mapping.items()}
        roles = [by_index.get(index, "note") for index in range(width)]
        part: str | None = None
        last: dict[str, str] = {}
        for row_index in range(header_index + 1, len(block.rows)):
            raw = block.rows[row_index]
            cells = raw + [""] * (width - len(raw))

            def cell(role: str, cells: list[str] = cells, mapping: dict[str, int] = mapping) -> str:
                return cells[mapping[role]].strip() if role in mapping else ""

            distinct = {c.strip() for c in cells if c.strip()}
            if not distinct:
                continue
            # A part-title row: one distinct text across the row, or a 一、 marker with nothing else.
            only = next(iter(distinct)) if len(distinct) == 1 else None
            marker = match_marker(only) if only else None
            is_part = marker is not None and marker.level == PART or not cell("content")
            if only and is_part and not re.fullmatch(r"\d+", only):
                part = only
                last = {}
                continue
            if map_cells(cells):  # a repeated header (page break in Word)
                continue
            values = {role: cell(role) for role in ("seq", "target", "content", "units", "lead", "deadline")}
            spanned: set[str] = set()
            if len(raw) < width:
                filled = [c.strip() for c in raw if c.strip()]
                positional = cellmod.positional([c.strip() for c in raw], roles, hints)
                best = cellmod.align(filled, roles, hints)
                if best.score > positional.score + 0.25:
                    values = {role: best.text(role, "" if role == "content" else "，") for role in values}
                    spanned = set(best.skipped)
            inherited = not values["target"]
            values["target"] = values["target"] or last.get("target", "")
            if inherited:
                for role in ("units", "lead", "deadline"):
                    if role in spanned and not values[role]:
                        values[role] = last.get(role, "")
            last = values
            if not values["content"] and not values["target"]:
                continue
            rows.append(
                AnnexRow(
                    table=table_no,
                    row=row_index + 1,
                    seq=values["seq"],
                    part=part,
                    target=values["target"],
                    content=values["content"],
                    units_text=values["units"],
                    lead_text=values["lead"],
                    deadline_text=values["deadline"],
                )
            )
    return rows


def link(row: AnnexRow, items: list[dict[str, Any]]) -> tuple[int | None, float]:
    """Index of the body item a row belongs to and the score; None when nothing is close enough."""
    best, best_score = None, 0.0
    part_marker = match_marker(row.part) if row.part else None
    part = part_marker.label if part_marker is not None and part_marker.level == PART else None
    if row.target:
        marker = match_marker(row.target)
        target = marker.rest if marker is not None else row.target
        for index, item in enumerate(items):
            score = similarity(target, item.get("heading") or "")
            # the same heading in two parts: the row's own part decides
            same_part = part is not None and item.get("part") == part
            if score > best_score or (score == best_score and same_part and score > 0):
                best, best_score = index, score
        if best_score >= 0.5:
            return best, best_score
    if row.content:
        best, best_score = None, 0.0
        for index, item in enumerate(items):
            score = containment(row.content, item.get("text") or "")
            if score > best_score:
                best, best_score = index, score
        if best_score >= 0.6:
            return best, best_score
    return None, best_score


def normalize_name(name: str) -> str:
    return re.sub(r"\s+", "", unify_brackets(name))
