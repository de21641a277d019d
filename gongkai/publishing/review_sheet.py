"""保密审查单: one decided review of one item, printable as .docx and PDF for the paper file offices keep.

The sheet carries what the review recorded — the item (title, unit, 文号, 索引号, drafter, submission), the five
checks (``vocab.REVIEW_CHECKS``: what each covers, passed or not, the reviewer's note), the verdict with its
opinion, the reviewer and the date — and blank lines for the handwritten signatures.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import Review
from .vocab import REVIEW_CHECKS

TITLE = "政府信息公开保密审查单"


@dataclass(frozen=True)
class SheetCheck:
    label: str
    scope: str
    result: str  # 通过 / 不通过 / 未审查
    comment: str


@dataclass(frozen=True)
class Sheet:
    unit: str
    title: str
    doc_number: str
    index_number: str
    drafter: str
    submitted: str
    round: int
    checks: list[SheetCheck]
    verdict: str
    opinion: str
    reviewer: str
    decided: date

    @property
    def facts(self) -> list[tuple[str, str]]:
        return [
            ("信息标题", self.title),
            ("发布单位", self.unit),
            ("文号", self.doc_number or "—"),
            ("索引号", self.index_number or "（发布时生成）"),
            ("起草人", self.drafter),
            ("提交审查时间", self.submitted),
            ("审查轮次", f"第{self.round}轮"),
        ]


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def build(review: Review) -> Sheet:
    """The sheet of a decided review."""
    pub = review.publication
    passed = {key: getattr(review, f"{key}_passed") for key, _, _ in REVIEW_CHECKS}
    comments = {key: getattr(review, f"{key}_comment") for key, _, _ in REVIEW_CHECKS}
    checks = [
        SheetCheck(
            label,
            scope,
            "通过" if passed[key] else "未审查" if passed[key] is None else "不通过",
            comments[key].strip(),
        )
        for key, label, scope in REVIEW_CHECKS
    ]
    submitted = timezone.localtime(pub.submitted_at).strftime("%Y-%m-%d %H:%M") if pub.submitted_at else "—"
    assert review.decided_at is not None  # the view serves decided reviews only
    return Sheet(
        unit=pub.unit.name,
        title=pub.title,
        doc_number=pub.doc_number,
        index_number=pub.index_number,
        drafter=pub.author.display_name,
        submitted=submitted,
        round=review.round,
        checks=checks,
        verdict=review.get_verdict_display(),
        opinion=review.reason.strip(),
        reviewer=review.reviewer.display_name,
        decided=timezone.localdate(review.decided_at),
    )


def to_docx(sheet: Sheet) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")

    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in sheet.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].width, cells[1].width = Cm(3.5), Cm(13.1)

    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("审查项", "审查内容", "结论", "意见"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for check in sheet.checks:
        cells = table.add_row().cells
        for cell, text in zip(cells, (check.label, check.scope, check.result, check.comment), strict=True):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(2.2), Cm(7.4), Cm(2.0), Cm(5.0)), strict=True):
            cell.width = width

    doc.add_paragraph()
    verdict = doc.add_table(rows=0, cols=2)
    verdict.style = "Table Grid"
    for label, value in (
        ("审查结论", sheet.verdict),
        ("审查意见", sheet.opinion or "无"),
        ("审查人", sheet.reviewer),
        ("审查日期", _day(sheet.decided)),
        ("审查人签字", ""),
        ("单位负责人签字", ""),
    ):
        cells = verdict.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].width, cells[1].width = Cm(3.5), Cm(13.1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 2cm 2cm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; line-height: 1.5; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 .8em; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid #000; padding: .3em .5em; vertical-align: top; text-align: left; }
th { width: 7em; font-weight: bold; white-space: nowrap; }
.checks { table-layout: fixed; }
.checks th { width: auto; }
.checks .name, .checks .result { white-space: nowrap; }
.sign td { height: 2.2em; }
tr, table { break-inside: avoid; }
"""


def to_html(sheet: Sheet) -> str:
    e = html.escape
    facts = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in sheet.facts)
    checks = "".join(
        f'<tr><td class="name">{e(c.label)}</td><td>{e(c.scope)}</td><td class="result">{e(c.result)}</td>'
        f"<td>{e(c.comment)}</td></tr>"
        for c in sheet.checks
    )
    verdict = (
        f"<tr><th>审查结论</th><td>{e(sheet.verdict)}</td></tr>"
        f"<tr><th>审查意见</th><td>{e(sheet.opinion or '无')}</td></tr>"
        f"<tr><th>审查人</th><td>{e(sheet.reviewer)}</td></tr>"
        f"<tr><th>审查日期</th><td>{_day(sheet.decided)}</td></tr>"
        '<tr class="sign"><th>审查人签字</th><td></td></tr><tr class="sign"><th>单位负责人签字</th><td></td></tr>'
    )
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{TITLE}</title>'
        f"<style>{PDF_CSS}</style></head><body><h1>{TITLE}</h1>"
        f"<table>{facts}</table>"
        '<table class="checks"><colgroup><col style="width:5em"><col><col style="width:5em"><col style="width:30%">'
        "</colgroup><thead><tr><th>审查项</th><th>审查内容</th><th>结论</th><th>意见</th></tr></thead>"
        f"<tbody>{checks}</tbody></table>"
        f"<table>{verdict}</table></body></html>"
    )


def to_pdf(sheet: Sheet) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(sheet)).write_pdf()
