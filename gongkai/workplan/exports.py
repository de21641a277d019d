"""The 分工表 with live status (.xlsx) and the 通报 of late units (.docx)."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from gongkai.core.workpoints import HEADERS

from . import selectors
from .models import UnitRole, WorkPlan

LEDGER_HEADERS = (*HEADERS, "完成时限", "状态", "进度", "最新进展")
_WIDTHS = (6, 24, 56, 34, 16, 12, 10, 8, 40)


def _safe(value):
    # A cell starting with = + - @ would be a formula in Excel (CSV/XLSX injection): quote it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def units_cell(task) -> str:
    lead = [tu.unit.short_name or tu.unit.name for tu in task.owner_units if tu.role == UnitRole.LEAD]
    resp = [tu.unit.short_name or tu.unit.name for tu in task.owner_units if tu.role != UnitRole.LEAD]
    if lead and resp:
        return f"{'、'.join(lead)}牵头，{'、'.join(resp)}"
    if lead:
        return "、".join(lead) + "牵头"
    return "、".join(resp)


def ledger_xlsx(plan: WorkPlan, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tasks = selectors.annotate(plan.tasks.all(), today)
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    n = len(LEDGER_HEADERS)
    ws.append([f"{plan.title}任务分工表（截至{(today or timezone.localdate()).isoformat()}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append(list(LEDGER_HEADERS))
    for col in range(1, n + 1):
        ws.cell(2, col).font = Font(bold=True)
        ws.cell(2, col).border = border
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
    ws.freeze_panes = "A3"
    late = PatternFill("solid", fgColor="F8D7DA")
    current_part = object()
    for t in tasks:
        part = t.item.part
        if part != current_part:
            current_part = part
            if part is not None:
                ws.append([str(part)])
                r = ws.max_row
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
                ws.cell(r, 1).font = Font(bold=True)
        latest = t.latest_report.text[:200] if t.latest_report else ""
        ws.append(
            [
                t.seq,
                _safe(str(t.item)),
                _safe(t.text),
                _safe(units_cell(t)),
                _safe(t.deadline_text),
                t.deadline.isoformat() if t.deadline else "",
                t.live_label,
                f"{t.percent}%",
                _safe(latest),
            ]
        )
        r = ws.max_row
        for col in range(1, n + 1):
            ws.cell(r, col).border = border
            ws.cell(r, col).alignment = wrap
        if t.live == "overdue":
            ws.cell(r, 7).fill = late
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bulletin_docx(plan: WorkPlan, today: date | None = None) -> bytes:
    """通报: the plan's progress and the units with overdue or unreported tasks."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    today = today or timezone.localdate()
    tasks = selectors.annotate(plan.tasks.all(), today)
    roll = selectors.rollup(plan, tasks)
    rows = [r for r in selectors.unit_table(plan, tasks, today) if r.late]
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
        for r in rows:
            cells = table.add_row().cells
            cells[0].text = r.unit.name
            cells[1].text = str(r.overdue)
            cells[2].text = str(r.unreported)
            cells[3].text = (
                "；".join(
                    f"{t.seq}.{t.text[:30]}（时限{t.deadline_text or t.deadline}）"
                    for t in r.overdue_tasks[:5]
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
