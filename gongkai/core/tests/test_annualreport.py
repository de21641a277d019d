"""The annual-report checker: four layouts read back the same numbers, each rule fires alone when planted,
format problems, the previous year's report, unreadable files, JSON, batches."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.core import annualreport as ar
from gongkai.core.annualreport import figures, numbers, spec
from gongkai.core.tests import annual_report_fixtures as fx

DATA = Path(__file__).resolve().parent / "data" / "annualreport"
EDU = DATA / "edu_2025_copied.txt"  # a report copied off a web page: one cell per line
# A Word-exported page in GB2312: tables with spans, a layout table around the article.
HRSS = DATA / "hrss_2025_site.html"


def read(data: fx.ReportData, layout: str = "html", style: str = "plain") -> ar.Report:
    content, name = fx.render(data, layout, style)
    return ar.read_report(content, name)


def run(data: fx.ReportData, layout: str = "html", previous: fx.ReportData | None = None) -> list[ar.Finding]:
    return ar.check(read(data, layout), read(previous, layout) if previous else None)


def rules(findings: list[ar.Finding]) -> set[str]:
    return {f.rule for f in findings}


# -- reading ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", fx.STYLES)
@pytest.mark.parametrize("layout", fx.LAYOUTS)
def test_every_layout_reads_back_the_same_numbers(layout, style):
    data = fx.consistent()
    report = read(data, layout, style)
    assert report.tables() == data.expected_tables()
    assert (report.unit, report.year, report.format) == ("示范县市场监督管理局", 2025, "2021")
    assert set(report.sections) >= set("一二三四五六")
    assert len(report.figures) == len(fx.STATED)
    assert ar.check(report) == []


def test_a_doc_or_wps_report_reads_like_the_docx():
    """Issue 13, part 3: a report saved by WPS/Word 97 is converted by LibreOffice and read like the .docx."""
    from gongkai.core.tests.legacy_fixtures import to_legacy

    data = fx.consistent()
    legacy = to_legacy(fx.render(data, "docx")[0], "doc")
    report = ar.read_report(legacy, "市场监管局2025.wps")
    assert report.layout == "docx" and report.tables() == data.expected_tables()
    assert ar.check(report) == []


def test_the_layouts_are_what_they_claim():
    data = fx.consistent()
    assert [read(data, layout).layout for layout in fx.LAYOUTS] == ["txt-rows", "txt-cells", "html", "docx"]
    pipe = fx.render(data, "pipe")[0].decode()
    assert "| 三、本年度办理结果 | （一）予以公开 | 5 | 2 | 0 | 0 | 1 | 0 | 8 |" in pipe
    html = fx.render(data, "html")[0].decode()
    assert '<td rowspan="22">' in html and '<td rowspan="8">' in html and '<td colspan="5">' in html
    cells = fx.render(data, "cells")[0].decode()
    assert "\n\n（三）不予公开\n\n1.属于国家秘密\n\n0\n\n" in cells


def test_docx_tables_really_have_merged_cells():
    import docx

    document = docx.Document(io.BytesIO(fx.render(fx.consistent(), "docx")[0]))
    table3 = document.tables[1]
    spans = [tc.grid_span for tr in table3._tbl.tr_lst for tc in tr.tc_lst]
    merges = [tc.vMerge for tr in table3._tbl.tr_lst for tc in tr.tc_lst]
    assert 3 in spans and "restart" in merges and "continue" in merges


def test_tab_separated_text_is_read_like_pipes():
    data = fx.consistent()
    text = fx.render(data, "pipe")[0].decode().replace(" | ", "\t").replace("| ", "").replace(" |", "")
    report = ar.read_report(text.encode("utf-8"), "报告.txt")
    assert report.layout == "txt-rows"
    assert report.tables() == data.expected_tables()


def test_one_cell_per_line_with_empty_cells_keeps_the_columns():
    data = fx.consistent()
    data.cells[("三", "grant", "research")] = ""  # a blank cell in the middle of a row
    data.cells[("四", "reconsideration", "upheld")] = ""
    data.table4["reconsideration"]["upheld"] = 0
    data.table4["reconsideration"]["total"] = 2
    text = fx.render(data, "cells")[0].decode()
    assert "\n\n\n\n" in text
    report = ar.read_report(text.encode(), "报告.txt")
    assert report.table3["grant"]["research"] == 0 and report.table3["grant"]["legal_service"] == 1
    assert report.table4["reconsideration"] == {
        "upheld": 0,
        "corrected": 1,
        "other": 0,
        "pending": 1,
        "total": 2,
    }


def _variants(text: str) -> str:
    """What sites do differently: a label spilling into a second cell, a note beside a label, group labels
    repeated on every row, 1、 instead of 1., other quotes, （七）总计 written 总计, full-width bars."""
    text = text.replace(
        "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |",
        "| （二）部分公开 | （区分处理的，只计这一情形，不计其他情形） |",
    )
    text = text.replace("| 规章 |", "| 规章 | （件） |")
    text = text.replace(
        "| 4.保护第三方合法权益 |", "| 三、本年度办理结果 | （三）不予公开 | 4、保护第三方合法权益 |"
    )
    text = text.replace("3.危及“三安全一稳定”", "3．危及‘三安全一稳定’")
    text = text.replace("| （七）总计 |", "| 总计 |")
    return text.replace("| 四、结转下年度继续办理 |", "｜四、结转下年度继续办理｜")


def test_label_variants_sites_use():
    data = fx.consistent()
    text = _variants(fx.render(data, "pipe")[0].decode())
    assert "| 总计 | 12 |" in text and "4、保护第三方合法权益" in text
    report = ar.read_report(text.encode(), "报告.txt")
    assert report.tables() == data.expected_tables()
    assert ar.check(report) == []


def test_hand_made_samples_are_consistent():
    edu = ar.read_report(EDU.read_bytes(), EDU.name)
    assert (edu.unit, edu.year, edu.layout) == ("示范县教育体育局", 2025, "txt-cells")
    assert edu.table3["withhold_third_party"]["total"] == 1 and edu.table2["licensing"]["decisions"] == 356
    assert ar.check(edu) == []
    hrss = ar.read_report(HRSS.read_bytes(), HRSS.name)
    # The sidebar links last year's report; the title is the one above the text.
    assert (hrss.unit, hrss.year) == ("示范县人力资源和社会保障局", 2025)
    assert hrss.table2["licensing"]["decisions"] == 1286 and hrss.table2["fees"]["amount"] == 0
    assert hrss.table4["litigation_direct"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert hrss.table3["carried_over"]["legal_service"] == 1
    assert ar.check(hrss) == []


def test_figures_of_the_hand_made_page():
    hrss = ar.read_report(HRSS.read_bytes(), HRSS.name)
    stated = {(f.table, f.row): f.value for f in hrss.figures}
    assert stated[("三", "new")] == 26 and stated[("三", "group:unable")] == 7
    assert stated[("二", "licensing")] == 1286 and stated[("四", "litigation")] == 1


# -- planted errors: exactly the planted rule -------------------------------------------------------------------


def _row_total(row):
    def plant(d):
        d.table3[row]["total"] += 1

    return plant


def _outcome(d):
    d.table3["withhold_third_party"]["business"] += 1
    d.table3["withhold_third_party"]["total"] += 1


def _balance(d):
    d.table3["carried_over"]["business"] += 1
    d.table3["carried_over"]["total"] += 1


def _table4(d):
    d.table4["litigation_after"]["total"] += 2


def _text(key, value):
    def plant(d):
        d.text[key] = value

    return plant


PLANTS = {
    "row total of an outcome row": (_row_total("withhold_third_party"), {"column_total"}),
    "row total of （七）": (_row_total("unable_not_held"), {"column_total"}),
    "outcome sum in one column": (_outcome, {"outcome_total"}),
    "balance in one column": (_balance, {"balance"}),
    "table 四 total": (_table4, {"table4_total"}),
    "text: applications received": (_text(("三", "new", "total"), 99), {"text_mismatch"}),
    "text: carried over": (_text(("三", "carried_over", "total"), 7), {"text_mismatch"}),
    "text: 不予公开": (_text(("三", "group:withhold", "total"), 9), {"text_mismatch"}),
    "text: 制发": (_text(("二", "normative", "issued"), 4), {"text_mismatch"}),
    "text: 现行有效 of 规章": (_text(("二", "rules", "in_force"), 3), {"text_mismatch"}),
    "text: fees": (_text(("二", "fees", "amount"), Decimal("13.5")), {"text_mismatch"}),
    "text: lawsuits": (_text(("四", "litigation", "total"), 5), {"text_mismatch"}),
}


@pytest.mark.parametrize("layout", fx.LAYOUTS)
@pytest.mark.parametrize("name", list(PLANTS))
def test_a_planted_error_gives_exactly_its_rule(name, layout):
    plant, expected = PLANTS[name]
    data = fx.consistent()
    plant(data)
    findings = run(data, layout)
    assert rules(findings) == expected, [f.message for f in findings]
    assert all(f.severity == "error" for f in findings)


@pytest.mark.parametrize("row", ["new", "carried_in", "total", "carried_over"])
def test_a_wrong_row_total_in_the_balance_rows_also_breaks_balance_and_says_so(row):
    data = fx.consistent()
    data.table3[row]["total"] += 1
    findings = run(data)
    assert rules(findings) == {"column_total", "balance"}
    balance = next(f for f in findings if f.rule == "balance")
    assert balance.column == "total" and "可能是" in balance.message
    assert spec.TABLE3_BY_CODE[row].label in balance.message
    total = next(f for f in findings if f.rule == "column_total")
    assert total.where == f"表三 {spec.TABLE3_BY_CODE[row].label} · 总计"


def test_a_wrong_applicant_cell_in_a_balance_row_breaks_balance_in_that_column_only():
    data = fx.consistent()
    data.table3["new"]["research"] += 2
    findings = run(data, "docx")
    assert rules(findings) == {"column_total", "balance"}
    assert [f.column for f in findings if f.rule == "balance"] == ["research"]


def test_where_names_table_row_and_column():
    data = fx.consistent()
    data.table3["withhold_third_party"]["business"] += 1
    findings = run(data, "pipe")
    assert "表三 （三）不予公开 4.保护第三方合法权益 · 总计" in [f.where for f in findings]
    outcome = next(f for f in findings if f.rule == "outcome_total" and f.column == "business")
    assert outcome.where == "表三 （七）总计 · 商业企业"
    assert "商业企业" in outcome.message and "（七）总计" in outcome.message


def test_a_text_mismatch_quotes_the_text_and_the_table():
    data = fx.consistent()
    data.text[("三", "new", "total")] = 21
    (finding,) = run(data, "cells")
    assert finding.rule == "text_mismatch" and (finding.table, finding.row, finding.column) == (
        "三",
        "new",
        "total",
    )
    assert "收到政府信息公开申请21件" in finding.message and "为20" in finding.message
    assert finding.where == "表三 一、本年新收政府信息公开申请数量 · 总计（正文“一、总体情况”）"


def test_text_saying_none_is_a_zero():
    text = HRSS.read_bytes().decode("gb18030").replace("提起行政诉讼1件", "未发生行政诉讼")
    report = ar.read_report(text.encode("gb18030"), HRSS.name)
    (finding,) = ar.check(report)
    assert finding.rule == "text_mismatch" and finding.row == "litigation"
    assert "未发生行政诉讼" in finding.message


def test_a_planted_error_in_the_copied_sample():
    text = EDU.read_text(encoding="utf-8")
    text = text.replace("4．保护第三方合法权益\n\n1\n\n0", "4．保护第三方合法权益\n\n2\n\n0", 1)
    findings = ar.check(ar.read_report(text.encode(), EDU.name))
    # One applicant cell: its row no longer adds up, nor does its column.
    assert [(f.rule, f.where) for f in findings] == [
        ("column_total", "表三 （三）不予公开 4.保护第三方合法权益 · 总计"),
        ("outcome_total", "表三 （七）总计 · 自然人"),
    ]


# -- format ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", fx.LAYOUTS)
def test_the_2019_format_is_named(layout):
    data = fx.consistent()
    data.old_format = True
    report = read(data, layout)
    assert report.format == "2019"
    assert report.tables() == data.expected_tables()
    findings = ar.check(report)
    (finding,) = findings
    assert finding.rule == "format" and finding.severity == "error"
    assert "国办公开办函〔2019〕60号" in finding.message and "本年新制作数量" in finding.message
    assert "国办公开办函〔2021〕30号" in finding.message
    assert ar.to_dict(report, findings)["format"] == "国办公开办函〔2019〕60号"


def test_the_2019_format_for_a_2020_report_is_only_a_warning():
    data = fx.consistent(year=2020)
    data.old_format = True
    (finding,) = run(data, "pipe")
    assert finding.rule == "format" and finding.severity == "warning" and "2019—2020" in finding.message
    assert ar.exit_code([finding]) == 0


def test_a_2021_report_with_other_handling_as_one_row():
    data = fx.consistent()
    data.other_in_one_row = True
    findings = run(data, "html")
    assert rules(findings) == {"format"}
    (finding,) = findings
    assert finding.row == "group:other" and "（六）其他处理" in finding.message and "分项" in finding.message


@pytest.mark.parametrize(
    "raw, reason",
    [("2.5", "不是整数"), ("-3", "负数"), ("约20", "不是数字"), ("20余", "不是数字"), ("１２件", "不是数字")],
)
@pytest.mark.parametrize("layout", fx.LAYOUTS)
def test_a_cell_that_is_not_a_count(layout, raw, reason):
    data = fx.consistent()
    data.cells[("三", "unable_not_held", "natural_person")] = raw
    findings = run(data, layout)
    assert rules(findings) == {"format"}, [f.message for f in findings]
    (finding,) = findings
    assert reason in finding.message and raw in finding.message
    assert finding.where == "表三 （四）无法提供 1.本机关不掌握相关政府信息 · 自然人"
    assert (finding.row, finding.column) == ("unable_not_held", "natural_person")


def test_a_bad_cell_in_table_四_and_table_二():
    data = fx.consistent()
    data.cells[("四", "litigation_direct", "pending")] = "—1"
    data.cells[("二", "fees", "amount")] = "约12万"
    findings = run(data, "docx")
    assert rules(findings) == {"format"}
    assert {f.where for f in findings} == {
        "表四 行政诉讼 未经复议直接起诉 · 尚未审结",
        "表二 行政事业性收费 · 本年收费金额（单位：万元）",
    }


@pytest.mark.parametrize("layout", fx.LAYOUTS)
@pytest.mark.parametrize("row", ["三:withhold_enforcement", "三:carried_in", "二:coercion", "三:other"])
def test_a_missing_row(layout, row):
    data = fx.consistent()
    data.omit.add(row)
    findings = run(data, layout)
    assert rules(findings) == {"format"}, [f.message for f in findings]
    (finding,) = findings
    table, code = row.split(":")
    assert finding.table == table and finding.row == code and "缺少" in finding.message


def test_a_missing_row_with_figures_leaves_the_sums_unchecked():
    data = fx.consistent()
    data.omit.add("三:grant")
    findings = run(data, "pipe")
    assert rules(findings) == {"format"}
    assert "（一）予以公开" in findings[0].message


@pytest.mark.parametrize("part", ["表四", "表二", "表三", "五", "一"])
def test_a_missing_table_or_section(part):
    data = fx.consistent()
    data.omit.add(part)
    findings = run(data, "html")
    assert rules(findings) == {"format"}, [f.message for f in findings]
    if part.startswith("表"):
        (finding,) = findings
        assert finding.where == part and "没有找到" + part in finding.message
    else:
        assert any(f.where == f"正文 {spec.SECTION_BY_NUMBER[part].heading}" for f in findings)


def test_a_row_with_too_few_cells():
    text = fx.render(fx.consistent(), "pipe")[0].decode()
    text = text.replace(
        "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 |"
    )
    findings = ar.check(ar.read_report(text.encode(), "报告.txt"))
    assert rules(findings) == {"format"}
    assert "应有7个数" in findings[0].message and "只读到3个" in findings[0].message


def test_a_row_label_that_cannot_be_recognised():
    text = fx.render(fx.consistent(), "pipe")[0].decode()
    text = text.replace("| 7.属于行政执法案卷 |", "| 7.执法卷宗 |")
    findings = ar.check(ar.read_report(text.encode(), "报告.txt"))
    assert rules(findings) == {"format"}
    messages = " ".join(f.message for f in findings)
    assert "没有可识别的行名" in messages and "7.执法卷宗" in messages and "7.属于行政执法案卷" in messages


def test_the_title_gives_unit_and_year():
    data = fx.consistent(unit="示范县自然资源局", year=2023)
    report = read(data, "docx")
    assert (report.unit, report.year, report.title) == (
        "示范县自然资源局",
        2023,
        "示范县自然资源局2023年政府信息公开工作年度报告",
    )
    text = (
        fx.render(data, "pipe")[0]
        .decode()
        .replace("示范县自然资源局2023年", "示范县自然资源局二〇二三年度", 1)
    )
    assert ar.read_report(text.encode(), "a.txt").year == 2023


def test_a_report_without_title():
    text = fx.render(fx.consistent(), "pipe")[0].decode().split("\n", 1)[1]
    report = ar.read_report(text.encode(), "a.txt")
    findings = ar.check(report)
    assert rules(findings) == {"format"} and findings[0].where == "标题"
    assert report.unit == "" and report.year is None


# -- the previous year's report -----------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", fx.LAYOUTS)
def test_consistent_with_last_year(layout):
    data = fx.consistent()
    assert run(data, layout, previous=fx.previous_of(data)) == []


@pytest.mark.parametrize("layout", fx.LAYOUTS)
def test_carryover_differs_from_last_years_carried_over(layout):
    data = fx.consistent()
    previous = fx.previous_of(data)
    previous.table3["carried_over"]["legal_service"] += 1
    previous.table3["carried_over"]["total"] += 1
    findings = run(data, layout, previous)
    assert rules(findings) == {"carryover"}
    assert {f.column for f in findings} == {"legal_service", "total"}
    assert all(f.severity == "error" and "2024年度报告" in f.message for f in findings)


def test_stock_is_a_warning():
    data = fx.consistent()
    previous = fx.previous_of(data)
    previous.table2["normative"]["in_force"] += 2
    findings = run(data, "docx", previous)
    (finding,) = findings
    assert (finding.rule, finding.severity, finding.where) == (
        "stock",
        "warning",
        "表二 行政规范性文件 · 现行有效件数",
    )
    assert "有效期届满" in finding.message
    assert ar.exit_code(findings) == 0


def test_previous_report_of_the_wrong_year_or_unit():
    data = fx.consistent()
    previous = fx.previous_of(data)
    previous.year = 2022
    previous.unit = "示范县财政局"
    findings = run(data, "pipe", previous)
    assert rules(findings) == {"carryover"} and all(f.severity == "warning" for f in findings)
    assert len(findings) == 2


# -- numbers and text figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, value",
    [("12", 12), ("１２", 12), ("1,234", 1234), ("1，234", 1234), ("0", 0), ("—", 0), ("——", 0), ("-", 0),
     ("", 0), (" ", 0), ("/", 0), ("无", 0), ("3.0", 3), ("\xa07", 7)],
)  # fmt: skip
def test_counts(raw, value):
    assert numbers.parse_value(raw) == (value, "")


@pytest.mark.parametrize("raw", ["约20", "20余", "2.5", "-1", "－1", "1,23", "二十", "12件"])
def test_not_counts(raw):
    value, why = numbers.parse_value(raw)
    assert value is None and why


def test_money():
    assert numbers.parse_value("12.50", money=True) == (Decimal("12.50"), "")
    assert numbers.parse_value("1,234.5", money=True) == (Decimal("1234.5"), "")
    assert numbers.parse_value("—", money=True) == (Decimal(0), "")
    assert numbers.parse_value("-0.5", money=True)[0] is None


def _stated(text: str, year: int = 2025) -> dict:
    return {(f.table, f.row, f.column): f.value for f in figures.extract({"一": text}, year=year)}


def test_text_figures():
    got = _stated(
        "2025年，共收到政府信息公开申请１２件，上年结转两件，已办结12件，结转下年度继续办理2件。"
        "制发规章1件；全年制发行政规范性文件3件，废止1件，现行有效25件。办理行政许可事项1,286项，行政事业性收费3.25万元。"
    )
    assert got == {
        ("三", "new", "total"): 12,
        ("三", "carried_in", "total"): 2,
        ("三", "total", "total"): 12,
        ("三", "carried_over", "total"): 2,
        ("二", "rules", "issued"): 1,
        ("二", "normative", "issued"): 3,
        ("二", "normative", "repealed"): 1,
        ("二", "normative", "in_force"): 25,
        ("二", "licensing", "decisions"): 1286,
        ("二", "fees", "amount"): Decimal("3.25"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "较上年收到申请10件有所增加",
        "2024年收到政府信息公开申请8件",
        "同比增加申请3件",
        "上年收到申请8件",
        "共收到申请若干件",
        "全部按时办结",
        "制发文件3件",  # no 规章 / 规范性文件 named: whose count is it?
    ],
)
def test_text_that_states_no_figure_of_this_year(text):
    assert _stated(text) == {}


def test_carried_over_is_not_also_a_handled_count():
    assert _stated("结转下年度继续办理1件") == {("三", "carried_over", "total"): 1}


# -- unreadable files ---------------------------------------------------------------------------------------------


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, name, words",
    [
        (b"", "a.txt", "空"),
        (b"  \n\n ", "a.txt", "空"),
        (bytes(range(256)) * 8, "a.bin", "二进制"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "a.png", "图片"),
        (b"%PDF-1.7\n%...", "a.pdf", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "a.doc", ".doc"),
        (_zip({"xl/workbook.xml": b"<x/>"}), "a.xlsx", "Excel"),
        (_zip({"word/document.xml": b"not xml"}), "a.docx", "损坏"),
        ("今天天气很好。\n\n我们去公园。".encode(), "a.txt", "未能识别为政府信息公开工作年度报告"),
        (b"<html><body><p>\xe9\xa6\x96\xe9\xa1\xb5</p></body></html>", "a.html", "未能识别"),
    ],
)
def test_unreadable(data, name, words):
    with pytest.raises(ar.ReportError, match=words) as caught:
        ar.read_report(data, name)
    assert "\n" not in str(caught.value)


# -- JSON and batches ---------------------------------------------------------------------------------------------


def test_json_shape():
    data = fx.consistent()
    data.table4["reconsideration"]["total"] = 9
    report = read(data, "html")
    findings = ar.check(report)
    result = json.loads(ar.to_json(report, findings))
    assert set(result) >= {"unit", "year", "tables", "findings"}
    assert result["unit"] == "示范县市场监督管理局" and result["year"] == 2025
    assert result["tables"]["table3"]["withhold_third_party"]["business"] == 1
    assert result["tables"]["table2"]["fees"]["amount"] == 12.5
    assert result["findings"] == [
        {
            "rule": "table4_total",
            "severity": "error",
            "message": findings[0].message,
            "where": "表四 行政复议 · 总计",
            "table": "四",
            "row": "reconsideration",
            "column": "total",
        }
    ]


def test_summary_lines():
    data = fx.consistent()
    good = read(data, "pipe")
    assert ar.summary_lines(good, [])[-1] == "未发现问题：各表合计、勾稽关系和正文数字一致。"
    data.table3["new"]["total"] += 1
    bad = read(data, "pipe")
    lines = ar.summary_lines(bad, ar.check(bad))
    assert "发现 2 个错误、0 个提示：" in lines
    assert lines[-1] == "结论：有错误，请更正后再发布。"


def test_batch_pairs_years_and_tables_per_unit():
    market_2025 = fx.consistent()
    market_2024 = fx.previous_of(market_2025)
    market_2024.table3["carried_over"]["natural_person"] += 1
    market_2024.table3["carried_over"]["total"] += 1
    finance = fx.consistent(unit="示范县财政局")
    finance.table3["total"]["total"] += 1
    files = [
        ("市场监管局2025.docx", fx.render(market_2025, "docx")[0]),
        ("市场监管局2024.html", fx.render(market_2024, "html")[0]),
        ("财政局2025.txt", fx.render(finance, "cells")[0]),
        ("扫描件.pdf", b"%PDF-1.4 ..."),
    ]
    batch = ar.check_files(files)
    assert [r.name for r in batch.results] == [name for name, _ in files]
    assert batch.results[0].previous == "市场监管局2024.html"
    tables = batch.by_unit()
    assert set(tables) == {"示范县市场监督管理局", "示范县财政局", "（未识别单位）"}
    assert {(row.file, row.rule) for row in tables["示范县市场监督管理局"]} == {
        ("市场监管局2025.docx", "carryover"),
        ("市场监管局2024.html", "balance"),  # its own 结转下年度 was changed
    }
    assert {row.rule for row in tables["示范县财政局"]} == {"column_total", "balance"}
    (unreadable,) = tables["（未识别单位）"]
    assert unreadable.file == "扫描件.pdf" and "PDF" in unreadable.message
    assert batch.exit_code == 2
    assert ar.check_files(files[:2]).exit_code == 1


def test_batch_with_separate_previous_reports():
    now = fx.consistent()
    batch = ar.check_files(
        [("a.html", fx.render(now, "html")[0])],
        previous=[("b.txt", fx.render(fx.previous_of(now), "pipe")[0])],
    )
    assert batch.results[0].previous == "b.txt" and batch.results[0].findings == [] and batch.exit_code == 0
