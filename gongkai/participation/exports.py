"""Files of public participation: the feedback report (意见采纳情况反馈) as .docx and PDF with the draft → final
clause diff, the decision catalogue as .xlsx, and the sign-up / seat lists as .xlsx with personal data masked."""

from __future__ import annotations

import html
import io
import re

from gongkai.core import participation as rules
from gongkai.core.cells import escape_row

from . import selectors
from .actions.consultations import draft_diff
from .vocab import Adoption, OpinionState


def feedback_rows(consultation, *, start: int = 0, stop: int | None = None) -> list[dict]:
    """The opinions in the report: submitters masked, hidden ones out, merged ones pointing at their group; rows
    ``start``–``stop`` only (one page of the portal's feedback page), numbered in the whole list."""
    labels = dict(Adoption.choices)
    rows = []
    opinions = selectors.public_opinions(consultation)
    if stop is not None:
        opinions = opinions[start:stop]
    for n, op in enumerate(opinions, start=start + 1):
        merged = op.state == OpinionState.MERGED and op.merged_into is not None
        rows.append(
            {
                "n": n,
                "code": op.tracking_code,
                "who": rules.mask_name(op.name),
                "clause": op.clause or "整体",
                "body": op.body,
                "adoption": labels.get(op.adoption, "待处理"),
                "reason": (f"与意见{op.merged_into.tracking_code}相同，合并处理：" if merged else "")
                + op.reason,
            }
        )
    return rows


FEEDBACK_PAGE_SIZE = 100


def feedback_context(consultation, *, page: int | None = None) -> dict:
    """What the feedback report shows; with ``page`` (the portal page) only that page of opinions, the figures
    still over all of them."""
    counts = selectors.opinion_counts(consultation)
    total = selectors.public_opinions(consultation).count()
    pages = max(1, -(-total // FEEDBACK_PAGE_SIZE))
    if page is None:
        rows = feedback_rows(consultation)
    else:
        page = min(max(1, page), pages)
        start = (page - 1) * FEEDBACK_PAGE_SIZE
        rows = feedback_rows(consultation, start=start, stop=start + FEEDBACK_PAGE_SIZE)
    diff = draft_diff(consultation)
    changes = []
    if diff is not None:
        for change in diff.changes:
            if change.op == "unchanged":
                continue
            changes.append(
                {
                    "label": change.label,
                    "op": {"added": "新增", "removed": "删除", "changed": "修改", "moved": "调整位置"}.get(
                        change.op, change.op
                    ),
                    "old": change.old.body if change.old else "",
                    "new": change.new.body if change.new else "",
                }
            )
    adopted = counts["adoption"].get("adopted", 0) + counts["adoption"].get("partly", 0)
    decided = sum(counts["adoption"].values())
    return {
        "c": consultation,
        "rows": rows,
        "changes": changes,
        "total": total,
        "page": page or 1,
        "pages": pages if page is not None else 1,
        "adopted": adopted,
        "rate": f"{adopted / decided:.0%}" if decided else "—",
        "title": f"关于《{consultation.title}》公开征求意见采纳情况的反馈",
    }


def _table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A bordered table; the body rows are appended as XML at once (python-docx's ``add_row`` re-reads the whole
    table for every row: 5,000 rows would take minutes)."""
    from docx.oxml.ns import nsdecls
    from lxml import etree

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    # Cell widths as in the header row, written without namespace declarations (a declaration repeated in each of
    # 30,000 cells makes lxml's move into the document 20× slower).
    widths = [
        re.sub(r' xmlns:\w+="[^"]*"', "", tc.tcPr.xml) if tc.tcPr is not None else ""
        for tc in table.rows[0]._tr.tc_lst
    ]

    def cell_xml(width: str, text: str) -> str:
        paragraphs = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r></w:p>'
            for line in text.split("\n")
        )
        return f"<w:tc>{width}{paragraphs}</w:tc>"

    chunk = 500
    for start in range(0, len(rows), chunk):
        body = "".join(
            "<w:tr>" + "".join(cell_xml(w, t) for w, t in zip(widths, row, strict=True)) + "</w:tr>"
            for row in rows[start : start + chunk]
        )
        # A plain lxml parse (python-docx's own parser builds its element classes for every node: 3× slower).
        holder = etree.fromstring(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")
        for tr in list(holder):
            table._tbl.append(tr)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_escape(text: str) -> str:
    # Characters XML 1.0 forbids (control characters a submitter may paste) are dropped.
    return html.escape(_CONTROL.sub("", text), quote=False)


def feedback_docx(consultation) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    ctx = feedback_context(consultation)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    doc.add_heading(ctx["title"], level=1)
    c = consultation
    doc.add_paragraph(
        f"{c.unit.name}于{c.starts_on:%Y年%m月%d日}至{c.ends_on:%Y年%m月%d日}就《{c.title}》公开征求社会意见，"
        f"共收到有效意见{ctx['total']}条，采纳或部分采纳{ctx['adopted']}条（采纳率{ctx['rate']}）。"
        "现将意见采纳情况反馈如下（提出人信息已作隐去处理）。"
    )
    if c.feedback_summary:
        doc.add_paragraph(c.feedback_summary)
    doc.add_heading("一、意见及采纳情况", level=2)
    _table(
        doc,
        ("序号", "提出人", "条款", "意见内容", "采纳情况", "理由"),
        [(str(r["n"]), r["who"], r["clause"], r["body"], r["adoption"], r["reason"]) for r in ctx["rows"]],
    )
    doc.add_heading("二、征求意见稿与定稿的条款对照", level=2)
    if not ctx["changes"]:
        doc.add_paragraph("定稿与征求意见稿相比无条款变化。" if c.final_text else "定稿尚未录入。")
    else:
        _table(
            doc,
            ("条款", "征求意见稿", "定稿"),
            [(f"{ch['label']}（{ch['op']}）", ch["old"], ch["new"]) for ch in ctx["changes"]],
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 2.5cm 2cm; @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; line-height: 1.6; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #444; padding: 3px 5px; vertical-align: top; }
"""


def feedback_pdf(consultation) -> bytes:
    from weasyprint import HTML

    ctx = feedback_context(consultation)
    e = html.escape
    c = consultation
    rows = "".join(
        f"<tr><td>{r['n']}</td><td>{e(r['who'])}</td><td>{e(r['clause'])}</td><td>{e(r['body'])}</td>"
        f"<td>{e(r['adoption'])}</td><td>{e(r['reason'])}</td></tr>"
        for r in ctx["rows"]
    )
    changes = "".join(
        f"<tr><td>{e(ch['label'])}（{e(ch['op'])}）</td><td>{e(ch['old'])}</td><td>{e(ch['new'])}</td></tr>"
        for ch in ctx["changes"]
    )
    body = (
        f"<h1>{e(ctx['title'])}</h1><p>{e(c.unit.name)}于{c.starts_on:%Y年%m月%d日}至{c.ends_on:%Y年%m月%d日}"
        f"就《{e(c.title)}》公开征求社会意见，共收到有效意见{ctx['total']}条，采纳或部分采纳{ctx['adopted']}条"
        f"（采纳率{ctx['rate']}）。</p><p>{e(c.feedback_summary)}</p><h2>一、意见及采纳情况</h2>"
        f"<table><tr><th>序号</th><th>提出人</th><th>条款</th><th>意见内容</th><th>采纳情况</th><th>理由</th></tr>{rows}"
        "</table><h2>二、征求意见稿与定稿的条款对照</h2>"
        + (
            f"<table><tr><th>条款</th><th>征求意见稿</th><th>定稿</th></tr>{changes}</table>"
            if changes
            else "<p>定稿与征求意见稿相比无条款变化。</p>"
        )
    )
    doc = f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{PDF_CSS}</style></head><body>{body}</body></html>'
    return HTML(string=doc).write_pdf()


def catalog_xlsx(catalog) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"{catalog.year}年目录"
    ws.append(
        escape_row(
            [
                "序号",
                "事项名称",
                "承办单位",
                "决策依据",
                "类别",
                "计划完成时间",
                "公众参与方式",
                "当前阶段",
                "备注",
            ]
        )
    )
    for d in catalog.decisions.select_related("unit").order_by("seq", "id"):
        ws.append(
            escape_row(
                [
                    d.seq,
                    d.title,
                    d.unit.name,
                    d.basis,
                    d.get_category_display(),
                    d.planned,
                    "、".join(d.method_labels),
                    d.get_stage_display(),
                    f"已调出目录：{d.withdrawn_reason}" if d.withdrawn_reason else "",
                ]
            )
        )
    adj = wb.create_sheet("目录调整")
    adj.append(escape_row(["调整日期", "调整内容", "理由"]))
    for a in catalog.adjustments.all():
        adj.append(escape_row([a.adjusted_on.isoformat(), a.description, a.reason]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def signups_xlsx(session) -> bytes:
    """The sign-up list, names and phone numbers masked (the organising unit checks people in on the page)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "报名名单"
    ws.append(escape_row(["序号", "姓名", "手机号码", "身份", "状态", "确认码", "签到"]))
    for n, s in enumerate(session.signups.order_by("created_at", "id"), start=1):
        ws.append(
            escape_row(
                [
                    n,
                    rules.mask_name(s.name),
                    rules.mask_contact(s.phone),
                    s.get_participant_type_display(),
                    s.get_state_display(),
                    s.code[:4] + "****",
                    "已签到" if s.checked_in_at else "",
                ]
            )
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
