"""Generating a report: the tables from the records, the carryover, the manual inputs, the draft passes the checker."""

from collections import Counter
from datetime import date

import pytest

from gongkai.core import foi_rules as fr
from gongkai.reports import services
from gongkai.reports.errors import ReportError
from gongkai.reports.models import AnnualReport
from gongkai.reports.vocab import CarriedIn, ReportState

from .fixtures import appeal, case, sample_cases

YEAR = 2025


def independent_table3(unit, year):
    """Table 三 counted case by case in Python (not through the figure source's queries)."""
    from gongkai.foi.models import InfoRequest

    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, Counter] = {}

    def add(row, kind):
        rows.setdefault(row, Counter())[kind] += 1

    for item in InfoRequest.objects.filter(unit=unit):
        done = item.replied_on or item.closed_on
        finished = bool(item.outcome) and done is not None
        if start <= item.receipt_date <= end:
            add("new", item.applicant_type)
        if item.receipt_date < start and not (finished and done < start):
            add("carried_in", item.applicant_type)
        if finished and start <= done <= end:
            add(item.outcome, item.applicant_type)
            add("total", item.applicant_type)
        if item.receipt_date <= end and not (finished and done <= end):
            add("carried_over", item.applicant_type)
    return rows


def assert_table_equals(table, counted):
    for row, cells in table.items():
        expected = counted.get(row, Counter())
        for kind in (t.code for t in fr.APPLICANT_TYPES):
            assert cells[kind] == expected[kind], (row, kind)
        assert cells["total"] == sum(expected.values()), row


def test_table3_counts_every_row_and_column(county):
    sample_cases(county.zrzy, YEAR)
    case(county.fgw, received=date(YEAR, 5, 5), outcome="grant", done=date(YEAR, 5, 6))  # another unit
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    t3 = report.tables["table3"]
    assert t3["new"]["total"] == 22  # 21 outcomes + the one received in December
    assert t3["carried_in"]["total"] == 2
    assert t3["total"]["total"] == 22  # 21 this year + the December 2024 case answered in January
    assert t3["carried_over"]["total"] == 2
    for row in fr.OUTCOMES:
        expected = 2 if row.code == "grant" else 1
        assert t3[row.code]["total"] == expected, row.code
    assert_table_equals(t3, independent_table3(county.zrzy, YEAR))
    assert report.carried_in == CarriedIn.COMPUTED
    # the format's own balance: 一 + 二 = （七）总计 + 四, in every column
    for kind in [t.code for t in fr.APPLICANT_TYPES] + ["total"]:
        assert t3["new"][kind] + t3["carried_in"][kind] == t3["total"][kind] + t3["carried_over"][kind]


def test_a_fresh_draft_agrees_with_the_checker(county):
    sample_cases(county.zrzy, YEAR)
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert [f for f in report.findings if f["severity"] == "error"] == []
    assert "共收到政府信息公开申请22件" in report.sections["一"]


def test_every_figure_links_to_its_records(county, client):
    made = sample_cases(county.zrzy, YEAR)
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    client.force_login(county.office)
    for row in ("new", "carried_in", "grant", "total", "carried_over"):
        url = report.urls["table3"][row]["total"]
        page = client.get(url).content.decode()
        shown = {c.serial for c in made if c.serial in page}
        assert len(shown) == report.tables["table3"][row]["total"], (row, url)


def test_carried_in_comes_from_last_years_published_report(county):
    sample_cases(county.zrzy, YEAR)
    previous = services.generate(county.zrzy, YEAR - 1, actor=county.editor)
    AnnualReport.objects.filter(pk=previous.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR, 1, 20)
    )
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert report.carried_in == CarriedIn.PREVIOUS
    assert report.tables["table3"]["carried_in"] == previous.tables["table3"]["carried_over"]
    # the previous report was generated from the same records: the two agree and the carryover check is clean
    assert not [f for f in report.findings if f["rule"] == "carryover"]


def test_a_wrong_published_carryover_is_caught_by_the_checker(county):
    sample_cases(county.zrzy, YEAR)
    previous = services.generate(county.zrzy, YEAR - 1, actor=county.editor)
    tables = previous.tables
    tables["table3"]["carried_over"]["natural_person"] += 3
    tables["table3"]["carried_over"]["total"] += 3
    AnnualReport.objects.filter(pk=previous.pk).update(state=ReportState.PUBLISHED, tables=tables)
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert report.tables["table3"]["carried_in"] == tables["table3"]["carried_over"]
    rules = {f["rule"] for f in report.findings if f["severity"] == "error"}
    assert "balance" in rules  # 一 + 二 no longer equals （七）总计 + 四: the office must look


def test_table4_counts_appeals_by_result_at_year_end(county):
    made = sample_cases(county.zrzy, YEAR)
    appeal(made[4], kind="reconsideration", filed=date(YEAR, 3, 1), result="upheld", decided=date(YEAR, 5, 1))
    appeal(
        made[5],
        kind="reconsideration",
        filed=date(YEAR, 4, 1),
        result="corrected",
        decided=date(YEAR + 1, 1, 5),
    )
    appeal(made[6], kind="litigation_direct", filed=date(YEAR, 6, 1))
    appeal(
        made[7],
        kind="litigation_after",
        filed=date(YEAR - 1, 6, 1),
        result="other",
        decided=date(YEAR - 1, 9, 1),
    )
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    t4 = report.tables["table4"]
    assert t4["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert t4["litigation_direct"]["pending"] == 1
    assert t4["litigation_after"]["total"] == 0
    assert "行政复议2件" in report.sections["四"]
    assert not [f for f in report.findings if f["severity"] == "error"]


def test_manual_inputs_need_a_source_and_numbers(county):
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    with pytest.raises(ReportError, match="来源"):
        services.update_inputs(report, actor=county.editor, values={"licensing": "12"}, source="")
    with pytest.raises(ReportError, match="整数"):
        services.update_inputs(report, actor=county.editor, values={"licensing": "2.5"}, source="审批系统")
    with pytest.raises(ReportError, match="数字"):
        services.update_inputs(report, actor=county.editor, values={"penalty": "约20"}, source="执法系统")
    report.refresh_from_db()
    assert report.manual == {} and report.tables["table2"]["licensing"]["decisions"] == 0
    report = services.update_inputs(
        report,
        actor=county.editor,
        values={"licensing": "1,234", "fees": "12.5"},
        source="县行政审批局审批系统统计",
    )
    assert report.tables["table2"]["licensing"]["decisions"] == 1234
    assert report.tables["table2"]["fees"]["amount"] == "12.50"
    assert not [f for f in report.findings if f["severity"] == "error"]


def test_manual_inputs_import_from_xlsx(county):
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ("事项", "数量"),
        ("行政许可", 88),
        ("行政处罚", 7),
        ("行政强制", 0),
        ("行政事业性收费", 3.2),
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    report = services.import_inputs(
        report, actor=county.editor, data=out.getvalue(), filename="2025年执法数据.xlsx"
    )
    assert report.tables["table2"]["licensing"]["decisions"] == 88
    assert report.tables["table2"]["penalty"]["decisions"] == 7
    assert report.manual_source == "导入：2025年执法数据.xlsx"
    with pytest.raises(ReportError, match="xlsx"):
        services.import_inputs(report, actor=county.editor, data=b"not a workbook", filename="x.xlsx")


def test_table2_from_the_policy_library(county):
    from datetime import datetime

    from gongkai.policies import services as policies
    from gongkai.publishing import services as publishing
    from gongkai.publishing.tests.fixtures import ALL_PASS

    def published_doc(title, formed, seq):
        doc = policies.create_document(
            county.zrzy,
            actor=county.editor,
            title=title,
            body="<p>第一条　为了规范管理，制定本办法。</p><p>第二条　本办法自发布之日起施行。</p>",
            formed_date=formed,
            topic="国土资源、能源",
            doc_number=f"示自然资规〔{formed.year}〕{seq}号",
            effective_date=formed,
            stated_years=5,
            interpretation_exempt=True,
            exempt_reason="内部管理规定",
        )
        pub = doc.publication
        publishing.submit(pub, actor=county.editor)
        publishing.decide_review(pub, actor=county.reviewer, checks=ALL_PASS, verdict="approved")
        from django.utils import timezone

        publishing.publish(
            pub,
            actor=county.reviewer,
            now=timezone.make_aware(datetime(formed.year, formed.month, formed.day + 1, 10)),
        )
        return doc

    published_doc("示范县自然资源局土地储备管理办法", date(YEAR - 1, 3, 1), 1)
    published_doc("示范县自然资源局耕地保护补偿办法", date(YEAR, 4, 1), 1)
    published_doc("示范县自然资源局矿产资源管理办法", date(YEAR, 6, 1), 2)
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert report.tables["table2"]["normative"] == {"issued": 2, "repealed": 0, "in_force": 3}
    assert report.tables["table2"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert "本年制发行政规范性文件2件" in report.sections["一"]


def test_only_the_units_editor_generates_and_nothing_is_saved_otherwise(county):
    with pytest.raises(ReportError):
        services.generate(county.zrzy, YEAR, actor=county.fgw_staff)  # another unit's editor
    with pytest.raises(ReportError):
        services.generate(county.zrzy, YEAR, actor=county.leader)  # not an editor
    assert not AnnualReport.objects.exists()
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    with pytest.raises(ReportError):
        services.update_inputs(report, actor=county.fgw_staff, values={"licensing": 5}, source="x")
    with pytest.raises(ReportError, match="2021"):
        services.generate(county.zrzy, 2020, actor=county.editor)


def test_the_county_report_sums_every_unit(county):
    sample_cases(county.zrzy, YEAR)
    case(county.fgw, received=date(YEAR, 5, 5), applicant="business", outcome="grant", done=date(YEAR, 5, 6))
    unit_report = services.generate(county.zrzy, YEAR, actor=county.editor)
    gov = services.generate(county.gov, YEAR, actor=county.office, scope="government")
    assert gov.tables["table3"]["new"]["total"] == unit_report.tables["table3"]["new"]["total"] + 1
    assert gov.due == date(YEAR + 1, 3, 31) and unit_report.due == date(YEAR + 1, 1, 31)
    with pytest.raises(ReportError, match="本级政府"):
        services.generate(county.zrzy, YEAR, actor=county.office, scope="government")


def test_regenerating_keeps_edited_text_and_inputs(county):
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    report = services.update_inputs(report, actor=county.editor, values={"licensing": 5}, source="审批系统")
    sections = dict(report.sections, 一="本单位手写的总体情况，共收到政府信息公开申请0件。")
    services.update_text(
        report, actor=county.editor, sections=sections, improvements=[], new_problems=[], warning_note=""
    )
    case(county.zrzy, received=date(YEAR, 2, 2), outcome="grant", done=date(YEAR, 2, 3))
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert report.sections["一"].startswith("本单位手写")
    assert report.tables["table2"]["licensing"]["decisions"] == 5
    # the hand-written figure no longer matches the refreshed table: the checker says so
    assert any(f["rule"] == "text_mismatch" for f in report.findings)
    report = services.generate(county.zrzy, YEAR, actor=county.editor, redraft=True)
    assert not any(f["rule"] == "text_mismatch" for f in report.findings)
