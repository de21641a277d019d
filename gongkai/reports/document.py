"""The report as a document (年报文本): HTML for the publication and the pages, .docx and PDF downloads laid out as
the national format (the tables with their merged cells, 仿宋 body, 黑体 headings)."""

from __future__ import annotations

import html
from collections.abc import Callable

from gongkai.common import officedoc
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
    return officedoc.page_html(report.title, to_html(report))


def to_pdf(report) -> bytes:
    return officedoc.to_pdf(full_html(report))


# Table 三's columns: its three label columns wide enough for the row names (一行或两行), the seven figures narrow;
# the other tables share the width equally.
TABLE3_LABEL_CM = (1.5, 1.6, 5.0)


def _column_widths(width: int) -> list[float]:
    if width == 10:  # table 三: 3 label columns + 6 applicant types + 总计
        rest = (officedoc.TEXT_WIDTH_CM - sum(TABLE3_LABEL_CM)) / 7
        return [*TABLE3_LABEL_CM, *([rest] * 7)]
    return [officedoc.TEXT_WIDTH_CM / width] * width


def to_docx(report) -> bytes:
    """The .docx (the layout is ``common.officedoc``'s, shared with the assessment's 通报)."""
    return officedoc.to_docx(blocks(report), column_widths=_column_widths)
