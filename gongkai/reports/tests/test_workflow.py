"""The report's workflow: approval by the leader, the checker's gate, publication through publishing under the 年报
item, the portal, the downloads, a correction keeping the earlier version."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.reports import services
from gongkai.reports.errors import ReportError
from gongkai.reports.models import AnnualReport, ReportVersion
from gongkai.reports.vocab import ReportState

from .fixtures import PLACEHOLDER, fill_placeholders, review_and_publish, sample_cases

YEAR = 2025


@pytest.fixture
def draft(county):
    sample_cases(county.zrzy, YEAR)
    return services.generate(county.zrzy, YEAR, actor=county.editor)


def test_placeholders_block_the_approval(county, draft):
    with pytest.raises(ReportError, match="请填写"):
        services.approve(draft, actor=county.leader)
    assert AnnualReport.objects.get().state == ReportState.DRAFT


def test_only_the_units_leader_approves(county, draft):
    report = fill_placeholders(draft, county.editor)
    for outsider in (county.editor, county.fgw_staff):
        with pytest.raises(ReportError):
            services.approve(report, actor=outsider)
    report = services.approve(report, actor=county.leader)
    assert report.state == ReportState.APPROVED and report.approved_by == county.leader
    assert AuditEvent.objects.filter(action="reports.approved", object_id=str(report.pk)).exists()


def test_a_checker_error_blocks_and_a_warning_needs_a_note(county, draft):
    report = fill_placeholders(draft, county.editor)
    wrong = dict(
        report.sections,
        一=report.sections["一"].replace("共收到政府信息公开申请22件", "共收到政府信息公开申请23件"),
    )
    report = services.update_text(
        report, actor=county.editor, sections=wrong, improvements=[], new_problems=[], warning_note=""
    )
    assert any(f["rule"] == "text_mismatch" for f in report.findings)
    with pytest.raises(ReportError, match="错误"):
        services.approve(report, actor=county.leader)
    # a stock warning: last year's 现行有效 + 制发 − 废止 differs (documents lapsed by expiry)
    previous = services.generate(county.zrzy, YEAR - 1, actor=county.editor)
    tables = previous.tables
    tables["table2"]["normative"]["in_force"] = 4
    AnnualReport.objects.filter(pk=previous.pk).update(state=ReportState.PUBLISHED, tables=tables)
    report = services.generate(county.zrzy, YEAR, actor=county.editor, redraft=True)
    report = fill_placeholders(report, county.editor)
    assert [f["rule"] for f in report.findings] == ["stock"]
    with pytest.raises(ReportError, match="警告说明"):
        services.approve(report, actor=county.leader)
    report = fill_placeholders(report, county.editor, warning_note="4件文件于本年有效期届满自然失效。")
    assert services.approve(report, actor=county.leader).state == ReportState.APPROVED


def test_last_years_problems_need_their_improvement(county, draft):
    previous = services.generate(county.zrzy, YEAR - 1, actor=county.editor)
    previous = fill_placeholders(previous, county.editor)  # its problem: 政策解读形式较为单一
    AnnualReport.objects.filter(pk=previous.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR, 1, 20)
    )
    nxt = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert nxt.problems == [{"problem": "政策解读形式较为单一", "improvement": ""}]
    assert "政策解读形式较为单一" in nxt.sections["五"]
    sections = {n: PLACEHOLDER.sub(r"（已填写：\1）", t) for n, t in nxt.sections.items()}
    nxt = services.update_text(
        nxt, actor=county.editor, sections=sections, improvements=[""], new_problems=[], warning_note=""
    )
    with pytest.raises(ReportError, match="改进情况"):
        services.approve(nxt, actor=county.leader)
    nxt = services.update_text(
        nxt,
        actor=county.editor,
        sections=sections,
        improvements=["增加图解和视频解读"],
        new_problems=[],
        warning_note="",
    )
    assert services.approve(nxt, actor=county.leader).state == ReportState.APPROVED


def test_publication_goes_through_review_into_the_catalogue_and_the_portal(county, draft, client):
    report = services.approve(fill_placeholders(draft, county.editor), actor=county.leader)
    report = services.publish(report, actor=county.editor)
    pub = report.publication
    assert report.state == ReportState.PUBLISHING and pub.state == "submitted"
    assert [n.name for n in pub.nodes.all()] == ["政府信息公开工作年度报告"]
    assert 'rowspan="22"' in pub.body and "<table" in pub.body
    review_and_publish(report, county.reviewer)
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED and report.published_on is not None
    page = client.get("/xxgk/nianbao/").content.decode()
    assert report.title in page
    detail = client.get(f"/xxgk/info/{pub.pk}/").content.decode()
    assert "三、本年度办理结果" in detail and f"/xxgk/nianbao/{pub.pk}.docx" in detail
    docx = client.get(f"/xxgk/nianbao/{pub.pk}.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(f"/xxgk/nianbao/{pub.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_downloads_read_back_through_the_checker(county, draft):
    from gongkai.core import annualreport
    from gongkai.reports import document

    report = fill_placeholders(draft, county.editor)
    read = annualreport.read_report(document.to_docx(report), "report.docx")
    assert read.table3 == report.tables["table3"]
    assert read.year == YEAR and read.unit == county.zrzy.name
    assert [f for f in annualreport.check(read) if f.is_error] == []


def test_downloads_keep_each_table_on_one_page_and_no_row_cut(county, draft):
    """Looked at as images (pdftoppm): tables were cut across pages, a row's label on one page and its figures on
    the next, and table 三's equal columns wrapped every row name over many lines."""
    import io

    import pdfplumber
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from gongkai.reports import document

    report = fill_placeholders(draft, county.editor)
    doc = Document(io.BytesIO(document.to_docx(report)))
    table3 = next(t for t in doc.tables if len(t.columns) == 10)
    assert [round(c.width / Cm(1), 1) for c in table3.columns][:3] == list(document.TABLE3_LABEL_CM)
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table3.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    headings = [p for p in doc.paragraphs if p.text.startswith(("一、", "二、", "三、", "四、"))]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    assert doc.paragraphs[-1].text == county.zrzy.name and doc.paragraphs[-1].alignment == 2  # right
    with pdfplumber.open(io.BytesIO(document.to_pdf(report))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    for first, last in (
        ("一、本年新收", "四、结转下年度"),
        ("第二十条第（一）项", "行政事业性收费"),
        ("未经复议直接起诉", "复议后起诉"),
    ):
        holding = [n for n, text in enumerate(pages) if first.replace("、", "") in text.replace("、", "")]
        assert holding and last.replace("、", "") in pages[holding[0]].replace("、", ""), (first, last)


def test_a_correction_keeps_the_published_version(county, draft, client):
    report = services.approve(fill_placeholders(draft, county.editor), actor=county.leader)
    report = services.publish(report, actor=county.editor)
    review_and_publish(report, county.reviewer)
    report.refresh_from_db()
    first_pub = report.publication
    with pytest.raises(ReportError, match="更正说明"):
        services.correct(report, actor=county.editor, note="")
    report = services.correct(
        report, actor=county.editor, note="更正表二行政许可处理决定数量（原填报有误）。"
    )
    assert report.state == ReportState.DRAFT and report.version == 2
    kept = ReportVersion.objects.get(report=report)
    assert kept.number == 1 and kept.publication == first_pub and "<table" in kept.html
    # while the correction is drafted, the portal still serves what was published
    assert client.get(f"/xxgk/nianbao/{first_pub.pk}.docx").status_code == 200
    report = services.update_inputs(
        report, actor=county.editor, values={"licensing": 9}, source="审批系统复核"
    )
    report = services.approve(report, actor=county.leader)
    report = services.publish(report, actor=county.editor)
    assert report.publication != first_pub and report.publication.title.endswith("（更正）")
    assert "更正说明：更正表二" in report.publication.body
    review_and_publish(report, county.reviewer)
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    old_page = client.get(f"/xxgk/info/{first_pub.pk}/").content.decode()
    assert "早期版本" in old_page


def test_a_report_returned_by_the_reviewer_can_be_sent_again(county, draft):
    from gongkai.publishing import services as publishing

    from .fixtures import ALL_PASS

    report = services.publish(
        services.approve(fill_placeholders(draft, county.editor), actor=county.leader), actor=county.editor
    )
    checks = dict(ALL_PASS, wording=(False, "第一部分有错别字"))
    publishing.decide_review(
        report.publication, actor=county.reviewer, checks=checks, verdict="returned", reason="请修改"
    )
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    report = services.return_draft(report, actor=county.leader, reason="按审查意见修改错别字")
    assert report.state == ReportState.DRAFT
