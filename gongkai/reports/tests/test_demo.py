"""The demo county's annual reports: every state shown, and each generated table 三 equal to an independent count
of the demo's applications."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.reports.models import AnnualReport, Batch, ReportVersion
from gongkai.reports.vocab import ReportState

from .test_generate import assert_table_equals, independent_table3

pytestmark = pytest.mark.django_db


def test_demo_reports(settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GONGKAI_FOI_KEY_FILE = str(tmp_path / "foi.key")
    call_command("demo", stdout=io.StringIO())
    reports = AnnualReport.objects.select_related("unit")
    published = reports.filter(state=ReportState.PUBLISHED)
    assert {r.year for r in published} == {2024, 2025}
    assert published.filter(scope="unit", year=2025).count() == 6
    assert published.filter(scope="government").count() == 2
    late = [r for r in published if r.is_late]
    assert [(r.unit.short_name, r.year) for r in late] == [("东山镇", 2025)]
    warned = [r for r in published if r.warnings]
    # 县司法局's 2020 measures lapsed by expiry in 2025: its report and the county's carry the explained warning
    assert sorted((r.unit.short_name, r.year, [f["rule"] for f in r.warnings]) for r in warned) == [
        ("县司法局", 2025, ["stock"]),
        ("县政府", 2025, ["stock"]),
    ]
    assert all(r.warning_note for r in warned)
    assert all(not r.errors for r in published)
    assert reports.filter(state=ReportState.DRAFT).exists()
    assert ReportVersion.objects.filter(report__unit__short_name="县发改委").count() == 1
    batch = Batch.objects.get()
    assert {f.rule for f in batch.findings.all()} >= {"balance", "carryover", "text_mismatch"}
    # every generated table 三 equals the demo's applications counted one by one
    for report in reports.filter(scope="unit"):
        assert report.tables["table3"]["new"]["total"] > 0 or report.unit.short_name == "县政府办"
        counted = independent_table3(report.unit, report.year)
        if report.carried_in == "previous":
            counted.pop("carried_in", None)
            previous = reports.get(unit=report.unit, year=report.year - 1)
            assert report.tables["table3"]["carried_in"] == previous.tables["table3"]["carried_over"]
            table = {k: v for k, v in report.tables["table3"].items() if k != "carried_in"}
        else:
            table = report.tables["table3"]
        assert_table_equals(table, counted)
    # the portal lists every report on the site
    from django.test import Client

    page = Client().get("/xxgk/nianbao/").content.decode()
    for report in published:
        assert report.title in page
    # a second run adds nothing
    before = (AnnualReport.objects.count(), ReportVersion.objects.count(), Batch.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (AnnualReport.objects.count(), ReportVersion.objects.count(), Batch.objects.count()) == before
    assert date.today().year >= 2026
