"""The 分工表 with live status (.xlsx) and the 通报 of late units (.docx)."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from gongkai.core.cells import escape_row
from gongkai.core.workpoints import HEADERS

from . import selectors
from .models import UnitRole, WorkPlan

LEDGER_HEADERS = (*HEADERS, "完成时限", "状态", "进度", "最新进展")
_WIDTHS = (6, 24, 56, 34, 16, 12, 10, 8, 40)


def units_cell(task) -> str:
    lead = [
        owner.unit.short_name or owner.unit.name for owner in task.owner_units if owner.role == UnitRole.LEAD
    ]
    others = [
        owner.unit.short_name or owner.unit.name for owner in task.owner_units if owner.role != UnitRole.LEAD
    ]
    if lead and others:
        return f"{'、'.join(lead)}牵头，{'、'.join(others)}"
    if lead:
        return "、".join(lead) + "牵头"
    return "、".join(others)


def ledger_xlsx(plan: WorkPlan, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tasks = selectors.annotate(plan.tasks.all(), today)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务分工表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    columns = len(LEDGER_HEADERS)
    sheet.append(escape_row([f"{plan.title}任务分工表（截至{(today or timezone.localdate()).isoformat()}）"]))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append(list(LEDGER_HEADERS))
    for column in range(1, columns + 1):
        sheet.cell(2, column).font = Font(bold=True)
        sheet.cell(2, column).border = border
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[column - 1]
    sheet.freeze_panes = "A3"
    late = PatternFill("solid", fgColor="F8D7DA")
    current_part = object()
    for task in tasks:
        part = task.item.part
        if part != current_part:
            current_part = part
            if part is not None:
                sheet.append(escape_row([str(part)]))
                row = sheet.max_row
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
                sheet.cell(row, 1).font = Font(bold=True)
        latest = task.latest_report.text[:200] if task.latest_report else ""
        sheet.append(
            escape_row(
                [
                    task.seq,
                    str(task.item),
                    task.text,
                    units_cell(task),
                    task.deadline_text,
                    task.deadline.isoformat() if task.deadline else "",
                    task.live_label,
                    f"{task.percent}%",
                    latest,
                ]
            )
        )
        row = sheet.max_row
        for column in range(1, columns + 1):
            sheet.cell(row, column).border = border
            sheet.cell(row, column).alignment = wrap
        if task.live == "overdue":
            sheet.cell(row, 7).fill = late
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bulletin_docx(plan: WorkPlan, today: date | None = None) -> bytes:
    """通报: the plan's progress and the units with overdue or unreported tasks."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    today = today or timezone.localdate()
    tasks = selectors.annotate(plan.tasks.all(), today)
    roll = selectors.rollup(plan, tasks)
    rows = [row for row in selectors.unit_table(plan, tasks, today) if row.late]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(14)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"关于{plan.title}落实情况的通报")
    run.bold = True
    run.font.size = Pt(20)
    doc.add_paragraph("各乡镇（街道）、县直各单位：")
    doc.add_paragraph(
        f"截至{today.year}年{today.month}月{today.day}日，《{plan.title}》共分解任务{roll.tasks}项，"
        f"已完成{roll.done}项，逾期未完成{roll.overdue}项，总体进度{roll.percent:g}%。"
        + (
            f"现将{len(rows)}个落实滞后的单位通报如下："
            if rows
            else "各单位均按时推进并报送进展，未发现落实滞后的单位。"
        )
    )
    if rows:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("单位", "逾期任务（项）", "未按期报送进展（项）", "逾期任务"), strict=True
        ):
            cell.text = text
        for row in rows:
            cells = table.add_row().cells
            cells[0].text = row.unit.name
            cells[1].text = str(row.overdue)
            cells[2].text = str(row.unreported)
            cells[3].text = (
                "；".join(
                    f"{task.seq}.{task.text[:30]}（时限{task.deadline_text or task.deadline}）"
                    for task in row.overdue_tasks[:5]
                )
                or "—"
            )
    doc.add_paragraph(
        "请上述单位对照任务分工表立即整改，于5个工作日内报送整改情况；落实情况将纳入年度政务公开工作考核。"
    )
    sign = doc.add_paragraph(
        f"{plan.issuer or '县人民政府办公室'}\n{today.year}年{today.month}月{today.day}日"
    )
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
