"""Official documents as files (公文式文档): a list of blocks → .docx laid out like a 公文 (方正小标宋 title, 黑体
headings, 仿宋 body, A4) and an HTML page → PDF (WeasyPrint). The annual report and the assessment's 通报 are written
through these (and the gazette's PDF through ``to_pdf``), so they look alike and the layout lives in one place.

Blocks, in order: ``("title", text)``, ``("h", text)``, ``("p", text)``, ``("grid", Grid)`` where a grid is
``core.annualreport.render.Grid`` (rows of cells with rowspan/colspan).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable

from gongkai.core.annualreport.render import Cell, Grid

Block = tuple[str, object]

# The house's Chinese fonts (Noto CJK, installed by scripts/bootstrap.sh): a 仿宋-like serif body, 黑体-like sans
# headings. A4 with the margins of GB/T 9704 (official documents).
TEXT_WIDTH_CM = 16.6  # A4 (21 cm) less the 2.2 cm margins of the .docx
SERIF = "'Noto Serif CJK SC','FangSong',serif"
SANS = "'Noto Sans CJK SC','SimHei',sans-serif"
BASE_CSS = f"@page{{size:A4;margin:2.5cm 2cm}}body{{font-family:{SERIF};font-size:12pt;line-height:1.6}}"
PAGE_CSS = (
    BASE_CSS + f"h1{{font-family:{SANS};text-align:center;font-size:18pt}}"
    f"h2{{font-family:{SANS};font-size:14pt}}p{{text-indent:2em;margin:.3em 0}}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:9pt}"
    "td,th{border:1px solid #000;padding:2px 3px;text-align:center;font-weight:normal}"
    # a table is kept on one page when it fits, a row is never cut in two, a heading stays with what follows it;
    # the signature to the right
    "table{break-inside:avoid}tr{break-inside:avoid}h2,p.before-table{break-after:avoid}"
    "p.signature{text-indent:0;text-align:right;margin-top:1.5em}"
)


def page_html(title: str, body: str) -> str:
    """A standalone A4 page around ``body`` (HTML already escaped by the caller)."""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        + html.escape(title)
        + "</title><style>"
        + PAGE_CSS
        + "</style></head><body>"
        + body
        + "</body></html>"
    )


def to_pdf(page: str) -> bytes:
    """The PDF of a standalone HTML page (its CSS in the page): the one HTML → PDF renderer (年报, 通报, 政府公报).
    Slow (hundreds of milliseconds to seconds): never inside a transaction or with a row locked."""
    from weasyprint import HTML

    return HTML(string=page).write_pdf()


def positions(grid: Grid) -> tuple[list[tuple[int, int, Cell]], int]:
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


def to_docx(blocks: Iterable[Block], *, column_widths: Callable[[int], list[float]] | None = None) -> bytes:
    """The .docx of ``blocks`` (block kinds as above, plus ``("sign", text)``: the signature, to the right).
    ``column_widths(n)``: the widths in cm of a table of n columns (default: the text width shared equally)."""
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

    items = list(blocks)
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
            grid: Grid = content  # type: ignore[assignment]  # the block kind "grid" carries a Grid
            cells, width = positions(grid)
            table = doc.add_table(rows=len(grid), cols=width)
            table.style = "Table Grid"
            table.autofit = False
            widths = column_widths(width) if column_widths else [TEXT_WIDTH_CM / width] * width
            for c, cm in enumerate(widths):
                table.columns[c].width = Cm(cm)
            heading_rows = 0
            for row in grid:
                if not all(cell.header for cell in row):
                    break
                heading_rows += 1
            for r, trow in enumerate(table.rows):
                for c, target in enumerate(trow.cells):
                    target.width = Cm(widths[c])
                properties = trow._tr.get_or_add_trPr()
                properties.append(OxmlElement("w:cantSplit"))  # a row is never cut in two by a page break
                if r < heading_rows and r < 3:  # the header rows repeat on the next page
                    properties.append(OxmlElement("w:tblHeader"))
            for r, c, cell in cells:
                target = table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                target.text = cell.text
                target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                last_row = r + cell.rowspan >= len(grid)
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
