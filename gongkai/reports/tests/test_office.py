"""The office's year: the board, every draft generated as a background job, reminders, batch checks, the pages."""

import io
from datetime import date

import pytest

from gongkai.reports import selectors, services
from gongkai.reports.errors import ReportError
from gongkai.reports.models import AnnualReport, Batch, Reminder
from gongkai.reports.vocab import ReportState

from .fixtures import fill_placeholders, sample_cases

YEAR = 2025


def test_board_states_against_the_statutory_dates(county):
    services.generate(county.zrzy, YEAR, actor=county.editor)
    fgw = services.generate(county.fgw, YEAR, actor=county.fgw_staff)
    AnnualReport.objects.filter(pk=fgw.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR + 1, 2, 3)
    )
    board = selectors.board(YEAR, today=date(YEAR + 1, 1, 20))
    states = {row.unit.short_name: row.state for row in board.rows}
    assert states == {
        "县政府": "未起草",
        "县政府办": "未起草",
        "县自然资源局": "起草中",
        "县发改委": "已发布",
    }
    late = {row.unit.short_name: row.late for row in board.rows}
    assert late["县发改委"] is True  # published 3 February, after 31 January
    after = selectors.board(YEAR, today=date(YEAR + 1, 2, 1))
    states = {row.unit.short_name: row.state for row in after.rows}
    # departments are late after 31 January; the county government has until 31 March
    assert states["县自然资源局"] == "逾期" and states["县政府办"] == "逾期" and states["县政府"] == "未起草"
    assert after.counts["逾期"] == 2


def test_generate_all_runs_as_a_job_with_progress(county, django_capture_on_commit_callbacks):
    from gongkai.jobs import services as jobs
    from gongkai.jobs.models import JobRun

    sample_cases(county.zrzy, YEAR)
    approved = services.generate(county.fgw, YEAR, actor=county.fgw_staff)
    approved = services.approve(fill_placeholders(approved, county.fgw_staff), actor=county.fgw_staff)
    with django_capture_on_commit_callbacks(execute=True):
        run = jobs.start("reports.generate_all", actor=county.office, params={"year": YEAR})
    run = JobRun.objects.get(pk=run.pk)
    assert run.status == "succeeded", run.error
    assert (run.progress_done, run.progress_total) == (4, 4)
    assert "生成或刷新草稿3份" in run.result
    assert AnnualReport.objects.filter(year=YEAR).count() == 4
    assert AnnualReport.objects.get(unit=county.gov).scope == "government"
    assert AnnualReport.objects.get(pk=approved.pk).state == ReportState.APPROVED  # left alone
    with pytest.raises(ReportError):
        services.generate_all(YEAR, actor=county.editor)


def test_reminders_once_a_day_before_and_after_the_date(county):
    assert services.remind(today=date(YEAR + 1, 1, 10)) == 0  # 21 days before: none
    n = services.remind(today=date(YEAR + 1, 1, 25))
    assert n == 3  # the three departments; the county government is due 31 March
    assert services.remind(today=date(YEAR + 1, 1, 25)) == 0  # idempotent
    assert Reminder.objects.filter(kind="due_soon").count() == 3
    services.remind(today=date(YEAR + 1, 2, 2))
    assert Reminder.objects.filter(kind="overdue").count() == 3


def _report_html(unit, year, new, carried_in, done, carried_over):
    """A small external report in the national format (only what the test needs, via our own renderer)."""
    from types import SimpleNamespace

    from gongkai.core.annualreport import render
    from gongkai.reports import document

    tables = render.empty_tables()
    for row, value in (
        ("new", new),
        ("carried_in", carried_in),
        ("grant", done),
        ("total", done),
        ("carried_over", carried_over),
    ):
        tables["table3"][row]["natural_person"] = value
        tables["table3"][row]["total"] = value
    sections = dict.fromkeys("一二三四五六", "")
    sections["一"] = f"本年度共收到政府信息公开申请{new}件。"
    fake = SimpleNamespace(
        title=f"{unit}{year}年政府信息公开工作年度报告",
        year=year,
        unit=SimpleNamespace(name=unit),
        tables=tables,
        sections=sections,
        correction_note="",
    )
    return document.full_html(fake).encode()


def test_batch_check_gives_findings_per_unit_and_exports(county, client):
    files = [
        ("甲局2025.html", _report_html("示范县甲局", 2025, 10, 2, 11, 1)),  # consistent
        ("乙局2025.html", _report_html("示范县乙局", 2025, 10, 2, 11, 3)),  # balance broken
        ("乙局2024.html", _report_html("示范县乙局", 2024, 5, 0, 5, 0)),  # 结转 0 ≠ 2 in 2025
        ("说明.txt", "这不是年报。".encode()),
    ]
    batch = services.check_batch(files, actor=county.office, title="2025年度各单位年报")
    rules = {(f.unit_name, f.rule) for f in batch.findings.all()}
    assert ("示范县乙局", "balance") in rules and ("示范县乙局", "carryover") in rules
    assert not [f for f in batch.findings.all() if f.unit_name == "示范县甲局"]
    assert any(f.rule == "format" and f.file == "说明.txt" for f in batch.findings.all())
    with pytest.raises(ReportError):
        services.check_batch(files, actor=county.editor)
    client.force_login(county.office)
    response = client.get(f"/work/reports/batches/{batch.pk}/export.xlsx")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "单位" and any(r[0] == "示范县乙局" and r[3] == "balance" for r in rows)
    assert any(r[0] == "示范县甲局" and r[6] == "未发现问题" for r in rows)


def test_batch_upload_page(county, client):
    client.force_login(county.office)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("甲局2025.html", _report_html("示范县甲局", 2025, 3, 0, 3, 0), "text/html")
    response = client.post("/work/reports/batches/", {"title": "测试批次", "files": [upload]})
    assert response.status_code == 302
    batch = Batch.objects.get()
    page = client.get(response.url).content.decode()
    assert "示范县甲局" in page and "未发现问题" in page
    empty = client.post("/work/reports/batches/", {"title": "空"})
    assert empty.status_code == 400 and "请选择" in empty.content.decode()
    assert Batch.objects.count() == 1 and batch.title == "测试批次"


def test_pages_of_a_report(county, client):
    sample_cases(county.zrzy, YEAR)
    client.force_login(county.editor)
    response = client.post("/work/reports/generate/", {"unit": county.zrzy.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response.url == f"/work/reports/{report.pk}/"
    page = client.get(response.url).content.decode()
    assert 'rowspan="22"' in page and "/work/foi/?" in page  # the figures link to their records
    bad = client.post(f"/work/reports/{report.pk}/inputs/", {"licensing": "abc", "source": "x"}, follow=True)
    assert "应为数字" in bad.content.decode()
    edit = client.get(f"/work/reports/{report.pk}/edit/")
    assert edit.status_code == 200
    client.force_login(county.fgw_staff)
    assert client.get(f"/work/reports/{report.pk}/").status_code == 404
    assert client.post("/work/reports/generate/", {"unit": county.zrzy.pk, "year": YEAR}).status_code == 404
    client.force_login(county.office)
    board = client.get("/work/reports/board/?year=2025").content.decode()
    assert "示范县自然资源局" in board
    xlsx = client.get("/work/reports/board/export.xlsx?year=2025")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_dashboard_cards(county):
    from gongkai.reports.cards import report_cards

    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert not [c for c in report_cards(county.leader, today=date(YEAR + 1, 6, 1)) if c.title == "年报待审定"]
    fill_placeholders(report, county.editor)
    cards = report_cards(county.leader, today=date(YEAR + 1, 6, 1))
    assert [c.count for c in cards if c.title == "年报待审定"] == [1]
    assert not report_cards(county.fgw_staff, today=date(YEAR + 1, 6, 1))  # another unit's leader
    due = report_cards(county.editor, today=date(YEAR + 1, 1, 25))
    assert [(c.title, c.count, c.tone) for c in due] == [(f"{YEAR}年年报待发布", 1, "warn")]
    overdue = report_cards(county.office, today=date(YEAR + 1, 2, 2))
    assert any(c.tone == "danger" and c.count == 3 for c in overdue)  # the county report is due 31 March


def test_public_downloads_only_of_published_reports(county, client):
    report = services.approve(
        fill_placeholders(services.generate(county.zrzy, YEAR, actor=county.editor), county.editor),
        actor=county.leader,
    )
    report = services.publish(report, actor=county.editor)
    assert client.get(f"/xxgk/nianbao/{report.publication.pk}.docx").status_code == 404  # still in review
    assert client.get("/xxgk/nianbao/999999.pdf").status_code == 404


def test_on_time_figure_for_other_apps(county):
    from gongkai.common import figures

    fgw = services.generate(county.fgw, YEAR, actor=county.fgw_staff)
    AnnualReport.objects.filter(pk=fgw.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR + 1, 1, 30)
    )
    zrzy = services.generate(county.zrzy, YEAR, actor=county.editor)
    AnnualReport.objects.filter(pk=zrzy.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR + 1, 2, 3)
    )
    period = {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)}
    assert figures.compute("reports.on_time", unit=county.fgw, **period).value == 1
    late = figures.compute("reports.on_time", unit=county.zrzy, **period)
    assert (late.value, late.note) == (0, "逾期发布")
    assert figures.compute("reports.on_time", unit=county.gov, **period).note == "未发布"
    county_wide = figures.compute("reports.on_time", unit=None, **period)
    assert (county_wide.numerator, county_wide.denominator) == (1, 2)


def test_checker_errors_figure_is_of_the_report_due_in_the_period(county):
    """The 2027 assessment judges the report of YEAR (due in January YEAR + 1): its checker errors, counted."""
    from gongkai.common import figures

    fgw = services.generate(county.fgw, YEAR, actor=county.fgw_staff)
    findings = [
        {"severity": "error", "rule": "t3", "message": "表三合计不等"},
        {"severity": "error", "rule": "t4", "message": "表四缺项"},
        {"severity": "warning", "rule": "w", "message": "提示"},
    ]
    AnnualReport.objects.filter(pk=fgw.pk).update(
        state=ReportState.PUBLISHED, published_on=date(YEAR + 1, 1, 30), findings=findings
    )
    services.generate(county.zrzy, YEAR, actor=county.editor)  # not published: nothing to judge
    period = {"start": date(YEAR + 1, 1, 1), "end": date(YEAR + 1, 3, 31)}
    assert figures.compute("reports.checker_errors", unit=county.fgw, **period).value == 2
    assert figures.compute("reports.checker_errors", unit=county.zrzy, **period).value is None
    assert figures.compute("reports.checker_errors", unit=None, **period).value == 2
    same_year = {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)}  # the report of YEAR - 1: none
    assert figures.compute("reports.checker_errors", unit=county.fgw, **same_year).value is None
