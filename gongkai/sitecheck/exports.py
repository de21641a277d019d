"""The 通报 of open inspection findings (网站巡检问题通报, .docx): per unit, each open ticket with its page, the problem,
the evidence and the correction deadline."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from gongkai.core.sitecheck import rules

from . import selectors


def bulletin_docx(user, today: date | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    today = today or timezone.localdate()
    groups = selectors.open_tickets_by_unit(user)
    run = selectors.latest_done_run()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = title.add_run("关于政府网站巡检发现问题的通报")
    heading.bold = True
    heading.font.size = Pt(20)
    doc.add_paragraph("各乡镇（街道）、县直各单位：")
    total = sum(len(items) for _, items in groups)
    intro = f"按照{rules.SOURCE_19}，县政务公开办对门户网站开展巡检。"
    if run is not None:
        intro += (
            f"{timezone.localtime(run.started_at):%Y年%m月%d日}巡检共抓取页面{run.pages}个、附件{run.attachments}个，"
            f"评分结论：{run.verdict}（{run.score:g}分）。"
        )
    intro += (
        f"截至{today.year}年{today.month}月{today.day}日，尚有{total}个问题未整改，涉及{len(groups)}个单位，现通报如下，"
        "请各单位在整改期限内完成整改，整改后由下一次巡检复查确认。"
        if total
        else f"截至{today.year}年{today.month}月{today.day}日，巡检发现的问题均已整改。"
    )
    doc.add_paragraph(intro)
    for unit_name, items in groups:
        doc.add_heading(f"{unit_name}（{len(items)}个问题）", level=2)
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("检查项", "问题", "页面", "依据", "整改期限"), strict=True
        ):
            cell.text = text
        for t in items:
            cells = table.add_row().cells
            cells[0].text = rules.CHECK_LABELS.get(t.kind, t.kind) + ("（单项否决）" if t.serious else "")
            cells[1].text = t.message
            cells[2].text = t.url
            cells[3].text = t.evidence[:200]
            cells[4].text = f"{t.deadline:%Y-%m-%d}" + ("（已逾期）" if t.deadline < today else "")
    doc.add_paragraph("")
    sign = doc.add_paragraph(f"县政务公开办\n{today.year}年{today.month}月{today.day}日")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
