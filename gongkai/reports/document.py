"""The report as a document (年报文本): HTML for the publication and the pages, .docx and PDF downloads laid out as
the national format (the tables with their merged cells, 仿宋 body, 黑体 headings)."""

from __future__ import annotations

import html
import io
from collections.abc import Callable

from gongkai.core.annualreport import render, spec

INTRO = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
    "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的"
    "统计期限自{year}年1月1日起至{year}年12月31日止。"
)
SECTION_TABLE = {"二": "table2", "三": "table3", "四": "table4"}
GRIDS = {"table2": render.table2_grid, "table3": render.table3_grid, "table4": render.table4_grid}

Link = Callable[[tuple[str, str, str]], str] | None


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def blocks(report) -> list[tuple[str, object]]:
    """The document in order: ("title"|"p"|"h"|"grid", content)."""
    out: list[tuple[str, object]] = [("title", report.title)]
    if report.correction_note:
        out.append(("p", f"更正说明：{report.correction_note}"))
    out.append(("p", INTRO.format(year=report.year)))
    for section in spec.SECTIONS:
        out.append(("h", section.heading))
        text = report.sections.get(section.number, "")
        table = SECTION_TABLE.get(section.number)
        if table:
            for para in paragraphs(text):
                out.append(("p", para))
            out.append(("grid", GRIDS[table](report.tables.get(table, {}))))
        else:
            for para in paragraphs(text):
                out.append(("p", para))
    out.append(("sign", report.unit.name))
    return out


def to_html(report, *, link: Link = None, with_title: bool = True) -> str:
    """The report's HTML; ``with_title=False`` for a publication body (the page shows the title)."""
    parts = []
    items = blocks(report)
    for index, (kind, content) in enumerate(items):
        before_table = index + 1 < len(items) and items[index + 1][0] == "grid"
        if kind == "p" and before_table:  # kept on the page of its table (PDF)
            parts.append(f'<p class="before-table">{html.escape(str(content))}</p>')
        elif kind == "title":
            if with_title:
                parts.append(f"<h1>{html.escape(str(content))}</h1>")
        elif kind == "h":
            parts.append(f"<h2>{html.escape(str(content))}</h2>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(str(content))}</p>")
        elif kind == "sign":
            parts.append(f'<p class="signature" style="text-align:right">{html.escape(str(content))}</p>')
        else:
            parts.append(render.grid_html(content, link, css="annual-report-table"))  # type: ignore[arg-type]
    return "\n".join(parts)


def full_html(report) -> str:
    """A standalone page (for PDF and the checker)."""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        + html.escape(report.title)
        + "</title><style>"
        "@page{size:A4;margin:2.5cm 2cm}body{font-family:'Noto Serif CJK SC','FangSong',serif;font-size:12pt;"
        "line-height:1.6}h1{font-family:'Noto Sans CJK SC','SimHei',sans-serif;text-align:center;font-size:18pt}"
        "h2{font-family:'Noto Sans CJK SC','SimHei',sans-serif;font-size:14pt}p{text-indent:2em;margin:.3em 0}"
        "table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:9pt}"
        "td,th{border:1px solid #000;padding:2px 3px;text-align:center;font-weight:normal}"
        # a table is kept on one page when it fits (each of the three does on A4), a row is never cut in two, a
        # heading stays with what follows it; the signature to the right
        "table{break-inside:avoid}tr{break-inside:avoid}h2,p.before-table{break-after:avoid}"
        "p.signature{text-indent:0;text-align:right;margin-top:1.5em}"
        "</style></head><body>" + to_html(report) + "</body></html>"
    )


def to_pdf(report) -> bytes:
    from gongkai.common import pdf

    return pdf.render(full_html(report))


def _positions(grid: render.Grid) -> tuple[list[tuple[int, int, render.Cell]], int]:
    """Each cell's (row, column) in the full rectangle, taking earlier rowspans into account."""
    taken: set[tuple[int, int]] = set()
    out = []
    width = 0
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return out, width


TEXT_WIDTH_CM = 16.6  # A4 (21 cm) less the 2.2 cm margins
# Table 三's columns: its three label columns wide enough for the row names (一行或两行), the seven figures narrow;
# the other tables share the width equally.
TABLE3_LABEL_CM = (1.5, 1.6, 5.0)


def _column_widths(width: int) -> list[float]:
    if width == 10:  # table 三: 3 label columns + 6 applicant types + 总计
        rest = (TEXT_WIDTH_CM - sum(TABLE3_LABEL_CM)) / 7
        return [*TABLE3_LABEL_CM, *([rest] * 7)]
    return [TEXT_WIDTH_CM / width] * width


def to_docx(report) -> bytes:
    from docx import Document
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")

    def font(run, name: str) -> None:
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    items = blocks(report)
    for index, (kind, content) in enumerate(items):
        before_table = index + 1 < len(items) and items[index + 1][0] == "grid"
        if kind == "title":
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(str(content))
            run.font.size = Pt(20)
            font(run, "方正小标宋简体")
        elif kind == "h":
            para = doc.add_paragraph()
            para.paragraph_format.keep_with_next = True  # never the last line of a page
            para.paragraph_format.space_before = Pt(12)
            run = para.add_run(str(content))
            run.font.size = Pt(16)
            run.bold = True  # 黑体 where installed; bold keeps the heading a heading where it is not
            font(run, "黑体")
        elif kind == "p":
            para = doc.add_paragraph()
            para.paragraph_format.first_line_indent = Pt(28)
            para.paragraph_format.keep_with_next = before_table  # on the page of its table
            para.add_run(str(content))
        elif kind == "sign":
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.paragraph_format.space_before = Pt(14)
            para.add_run(str(content))
        else:
            grid = content
            cells, width = _positions(grid)  # type: ignore[arg-type]
            table = doc.add_table(rows=len(grid), cols=width)  # type: ignore[arg-type]
            table.style = "Table Grid"
            table.autofit = False
            widths = _column_widths(width)
            for c, cm in enumerate(widths):
                table.columns[c].width = Cm(cm)
            heading_rows = 0
            for row in grid:  # type: ignore[union-attr]
                if not all(cell.header for cell in row):
                    break
                heading_rows += 1
            for r, row in enumerate(table.rows):
                for c, target in enumerate(row.cells):
                    target.width = Cm(widths[c])
                properties = row._tr.get_or_add_trPr()
                properties.append(OxmlElement("w:cantSplit"))  # a row is never cut in two by a page break
                if r < heading_rows and r < 3:  # the header rows repeat on the next page
                    properties.append(OxmlElement("w:tblHeader"))
            for r, c, cell in cells:
                target = table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                target.text = cell.text
                target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                last_row = r + cell.rowspan >= len(grid)  # type: ignore[arg-type]
                for para in target.paragraphs:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    para.paragraph_format.space_after = Pt(0)
                    # every row kept with the next: the table stays on one page when it fits
                    para.paragraph_format.keep_with_next = not last_row
                    for run in para.runs:
                        run.font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
