"""The issue PDF: cover, table of contents whose page numbers are the pages the documents really start on (read
back with pdftotext, page by page), each document's text; the draft preview uses the live documents."""

import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest

from gongkai.gazette import document, services

from .factories import published_document

LONG = "\n".join(
    f"第{i}条　本条规定补贴资金的申报、审核、公示和发放程序，各乡镇应当严格执行。" * 3 for i in range(1, 60)
)


def pdf_pages(data: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issue.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode()
    return text.split("\f")


@pytest.fixture
def issue(world):
    long_doc = published_document(world, "示范县耕地保护补贴管理办法", LONG, doc_number="城政规〔2026〕3号")
    short_doc = published_document(
        world,
        "示范县发改委价格监测管理办法",
        "第一条　为做好价格监测，制定本办法。",
        unit=world.dept,
        doc_number="示发改规〔2026〕4号",
    )
    after = published_document(
        world, "示范县2026年稳就业若干措施", "一、支持企业吸纳就业。", unit=world.dept, kind="policy"
    )
    issue = services.create_issue(
        actor=world.office, year=2026, issued_on=date(2026, 3, 1), note="本期刊登规范性文件2件"
    )
    services.add_entries(
        issue,
        actor=world.office,
        publications=[long_doc.publication, short_doc.publication, after.publication],
    )
    return services.publish_issue(issue, actor=world.office)


def test_cover_contents_page_numbers_and_text(issue):
    pages = pdf_pages(document.to_pdf(issue))
    cover, toc = pages[0], pages[1]
    assert (
        "示范县人民政府公报" in cover
        and "2026年第1期（总第1期）" in cover
        and "示范县人民政府办公室" in cover
    )
    assert "目" in toc and "部门规范性文件" in toc and "乡镇（街道）规范性文件" in toc
    starts = {}
    for title in ("示范县发改委价格监测管理办法", "示范县耕地保护补贴管理办法", "示范县2026年稳就业若干措施"):
        line = next(line for line in toc.splitlines() if title in line)
        starts[title] = int(line.split()[-1].strip("."))
        # The page the TOC names is the page the document's title is on (pdftotext counts from 1 like the footer).
        assert title in pages[starts[title] - 1], (title, starts[title])
    # Sections in order (部门, 乡镇（街道）, 其他政策文件); the long rule runs over several pages, so the document
    # after it starts several pages later.
    assert starts["示范县发改委价格监测管理办法"] == 3 and starts["示范县耕地保护补贴管理办法"] == 4
    assert starts["示范县2026年稳就业若干措施"] > 5
    assert "第59条" in "".join(pages)
    assert "城政规〔2026〕3号" in "".join(pages)


def test_printed_text_stays_after_the_document_changes(issue, world):
    pub = issue.entries.get(title="示范县发改委价格监测管理办法").publication
    pub.title = "改过的标题"
    pub.save(update_fields=["title"])
    text = "".join(pdf_pages(document.to_pdf(issue)))
    assert "示范县发改委价格监测管理办法" in text and "改过的标题" not in text


def test_a_published_issue_pdf_is_rendered_once_then_served_from_the_cache(issue, monkeypatch):
    from gongkai.common import officedoc

    calls = []
    real = officedoc.to_pdf
    monkeypatch.setattr(officedoc, "to_pdf", lambda html: calls.append(1) or real(html))
    first = document.to_pdf(issue)
    assert document.to_pdf(issue) == first and len(calls) == 1
