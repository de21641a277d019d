"""The 任务分工表 as an Excel file, laid out like the annexes counties print.

Title row, header 序号 | 目标任务 | 任务内容 | 责任单位 | 工作时限, then per part a merged row with the part title
(``一、提升信息公开质量，助推重点工作落实``) and one row per task; 目标任务 is merged down over the rows of its item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..cells import escape_row

HEADERS = ("序号", "目标任务", "任务内容", "责任单位", "工作时限")
_WIDTHS = (6, 24, 60, 36, 16)
_RECURRENCE_TEXT = {
    "weekly": "每周",
    "monthly": "每月",
    "quarterly": "每季度",
    "half-yearly": "每半年",
    "yearly": "每年",
    "periodic": "定期",
    "ongoing": "持续推进",
}


def units_text(task: dict[str, Any]) -> str:
    """责任单位 cell: 牵头 units first and marked, as officials write it."""
    lead = task.get("lead_units") or []
    units = [u for u in task.get("units") or [] if u not in lead]
    if lead and units:
        return f"{'、'.join(lead)}牵头，{'、'.join(units)}"
    if lead:
        return "、".join(lead) + ("分别牵头" if len(lead) > 1 else "牵头")
    return "、".join(units)


def deadline_text(task: dict[str, Any]) -> str:
    """工作时限 cell: the time phrase as written, else the recurrence in words, else empty (to be filled in)."""
    if task.get("deadline_text"):
        return str(task["deadline_text"])
    recurrence = task.get("recurrence") or ""
    if recurrence.startswith("yearly:"):
        return "每年" + "、".join(f"{m}月" for m in recurrence.split(":", 1)[1].split(","))
    return _RECURRENCE_TEXT.get(recurrence, "")


def rows(result: dict[str, Any]) -> list[tuple[str | None, list[list[object]]]]:
    """(part title or None, task rows) groups in document order; 序号 runs through the table."""
    groups: list[tuple[str | None, list[list[object]]]] = []
    part_titles = {p["number"]: f"{p['number']}、{p['heading']}" for p in result.get("parts") or []}
    seq = 0
    for item in result.get("items") or []:
        title = part_titles.get(item.get("part")) if item.get("part") else None
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        for task in item.get("tasks") or []:
            seq += 1
            groups[-1][1].append(
                [seq, item.get("heading") or "", task["text"], units_text(task), deadline_text(task)]
            )
    return groups


def to_xlsx(result: dict[str, Any], path: str | Path) -> Path:
    """Write the 分工表 of an extraction result to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet
    sheet.title = "任务分工表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    title = (result.get("title") or "政务公开工作要点") + "任务分工表"
    sheet.append(escape_row([title]))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = centre
    sheet.append(list(HEADERS))
    for col in range(1, len(HEADERS) + 1):
        cell = sheet.cell(2, col)
        cell.font = Font(bold=True)
        cell.alignment = centre
        cell.border = border
    for col, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A3"
    for part_title, task_rows in rows(result):
        if part_title:
            sheet.append(escape_row([part_title]))
            r = sheet.max_row
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADERS))
            sheet.cell(r, 1).font = Font(bold=True)
            sheet.cell(r, 1).alignment = Alignment(vertical="center")
            for col in range(1, len(HEADERS) + 1):
                sheet.cell(r, col).border = border
        first_of_item = None
        for index, row in enumerate(task_rows):
            sheet.append(escape_row(row))
            r = sheet.max_row
            for col in range(1, len(HEADERS) + 1):
                cell = sheet.cell(r, col)
                cell.border = border
                cell.alignment = centre if col in (1, 5) else wrap
            # Merge 目标任务 over the consecutive rows of one item.
            if first_of_item is None or task_rows[index - 1][1] != row[1]:
                first_of_item = r
            is_last = index + 1 == len(task_rows) or task_rows[index + 1][1] != row[1]
            if is_last and r > first_of_item:
                sheet.merge_cells(start_row=first_of_item, start_column=2, end_row=r, end_column=2)
    path = Path(path)
    workbook.save(path)
    return path
