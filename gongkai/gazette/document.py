"""The issue as a printed document (公报文本): the cover, the table of contents with page numbers, then each document
on its own pages (section, title, 文号, text, issuer and date). Rendered to PDF by the house renderer
(``gongkai.common.officedoc``); the contents' page numbers are computed by the layout engine (CSS ``target-counter``), so
they are the pages the documents really start on."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from gongkai.common import officedoc
from gongkai.common.richtext import clean_html

from . import selectors
from .models import Entry, Issue


def names() -> tuple[str, str]:
    """(the gazette's name, its 主办): 〈the county government〉公报 and the government's office, from the unit tree."""
    from gongkai.orgs.models import Unit

    units = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    government = units.filter(kind="government").values_list("name", flat=True).first() or "县人民政府"
    office = units.filter(kind="office").values_list("name", flat=True).first() or f"{government}办公室"
    return f"{government}公报", office


@dataclass
class Printed:
    """One document as it is printed: the copy taken at publication, or the live item while the issue is a draft."""

    anchor: str
    title: str
    doc_number: str
    issuer: str
    formed_date: date | None
    body: str


def printed(entry: Entry, issue: Issue) -> Printed:
    if issue.is_published:
        return Printed(
            f"doc-{entry.pk}", entry.title, entry.doc_number, entry.issuer, entry.formed_date, entry.body
        )
    pub = entry.publication
    return Printed(
        f"doc-{entry.pk}",
        pub.title,
        pub.doc_number,
        pub.publisher or pub.unit.name,
        pub.formed_date,
        pub.body,
    )


def _e(value) -> str:
    return html.escape(str(value or ""))


def _day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


CSS = (
    officedoc.BASE_CSS + "@page{@bottom-center{content:counter(page);font-size:10pt}}"
    "@page :first{@bottom-center{content:none}}"
    ".cover{page-break-after:always;text-align:center;padding-top:5cm}"
    f".cover .name{{font-family:{officedoc.SANS};font-size:36pt;color:#c00;letter-spacing:.2em;margin:0}}"
    ".cover .issue{font-size:16pt;margin-top:1.5cm}.cover .meta{margin-top:6cm;font-size:12pt}"
    ".toc{page-break-after:always}.toc h2{text-align:center;font-size:18pt}"
    ".toc h3{font-size:13pt;margin:.8em 0 .2em}.toc ol{list-style:none;padding:0;margin:0}"
    ".toc li a{color:#000;text-decoration:none}"
    ".toc li a::after{content:leader('.') target-counter(attr(href),page)}"
    ".doc{page-break-before:always}.doc .section{font-size:10pt;color:#555}"
    ".doc h1{text-align:center;font-size:18pt;margin:.5em 0}.doc .number{text-align:center}"
    ".doc .body p{text-indent:2em;margin:.2em 0}.doc .sign{text-align:right;margin-top:1em}"
    "table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px}"
)


def full_html(issue: Issue) -> str:
    blocks = selectors.contents(issue, with_text=True)
    toc, pages = [], []
    for block in blocks:
        toc.append(f"<h3>{_e(block.label)}</h3><ol>")
        for entry in block.entries:
            doc = printed(entry, issue)
            number = f"（{_e(doc.doc_number)}）" if doc.doc_number else ""
            toc.append(f'<li><a href="#{doc.anchor}">{_e(doc.title)}{number}</a></li>')
            pages.append(
                f'<section class="doc" id="{doc.anchor}"><p class="section">{_e(block.label)}</p>'
                f"<h1>{_e(doc.title)}</h1>"
                + (f'<p class="number">{_e(doc.doc_number)}</p>' if doc.doc_number else "")
                + f'<div class="body">{clean_html(doc.body)}</div>'
                f'<p class="sign">{_e(doc.issuer)}<br>{_day(doc.formed_date)}</p></section>'
            )
        toc.append("</ol>")
    note = f"<p>{_e(issue.note)}</p>" if issue.note else ""
    gazette_name, publisher = names()
    cover = (
        f'<section class="cover"><p class="name">{_e(gazette_name)}</p>'
        f'<p class="issue">{issue.year}年第{issue.number}期（总第{issue.total_number}期）</p>{note}'
        f'<p class="meta">{_e(publisher)} 主办<br>{_day(issue.issued_on)}出版</p></section>'
    )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        + _e(f"{gazette_name} {issue.title}")
        + "</title><style>"
        + CSS
        + "</style></head><body>"
        + cover
        + '<section class="toc"><h2>目　录</h2>'
        + "".join(toc)
        + "</section>"
        + "".join(pages)
        + "</body></html>"
    )


# A published issue never changes: its PDF is kept in the cache (a day) under its publication time, so a visitor
# does not make the server lay out a long issue again (rendering takes seconds: ~14 s for 40 long documents).
PDF_CACHE_SECONDS = 24 * 3600


def to_pdf(issue: Issue) -> bytes:
    if not issue.is_published or issue.published_at is None:
        return officedoc.to_pdf(full_html(issue))
    from django.core.cache import cache

    key = f"gazette:pdf:{issue.pk}:{issue.published_at.timestamp():.6f}"
    data = cache.get(key)
    if data is None:
        data = officedoc.to_pdf(full_html(issue))
        cache.set(key, data, PDF_CACHE_SECONDS)
    return data
