"""Staff pages: unit A never sees unit B's reports (404 on every page and action), the office sees all; the
screenshot is served to those who may see the report only, typed by content; the export masks contacts and is
audited; the dashboard's overdue card."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.errata.models import ErrorReport
from gongkai.errata.vocab import State

from .factories import png_bytes, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_report(world):
    shot = SimpleUploadedFile("s.png", png_bytes(), content_type="image/png")
    return report(f"/xxgk/jgzn/{world.town.pk}/", contact="13955556666", screenshot=shot)


def test_list_is_scoped(world, client, town_report):
    dept_report = report(f"/xxgk/jgzn/{world.dept.pk}/")
    client.force_login(world.dept_editor)
    html = client.get("/work/errata/").content.decode()
    assert dept_report.tracking_code in html and town_report.tracking_code not in html
    client.force_login(world.office)
    html = client.get("/work/errata/").content.decode()
    assert dept_report.tracking_code in html and town_report.tracking_code in html


def test_other_unit_gets_404_everywhere_and_changes_nothing(world, client, town_report):
    client.force_login(world.dept_editor)
    pk = town_report.pk
    assert client.get(f"/work/errata/{pk}/").status_code == 404
    assert client.get(f"/work/errata/{pk}/screenshot/").status_code == 404
    for action, data in (
        ("take-up", {}),
        ("answer", {"outcome": "fixed", "text": "乙单位擅自答复。"}),
        ("reroute", {"unit": world.dept.pk, "reason": "x"}),
        ("recheck", {"accept": "1"}),
    ):
        assert client.post(f"/work/errata/{pk}/{action}/", data).status_code == 404
    town_report.refresh_from_db()
    assert town_report.state == State.PENDING and town_report.unit == world.town


def test_unit_handles_in_the_page(world, client, town_report):
    client.force_login(world.editor)
    html = client.get(f"/work/errata/{town_report.pk}/").content.decode()
    assert "13955556666" in html and 'id="answer-form"' in html and 'id="recheck-form"' not in html
    client.post(f"/work/errata/{town_report.pk}/take-up/")
    client.post(
        f"/work/errata/{town_report.pk}/answer/", {"outcome": "fixed", "text": "已修正机构职能页面错别字。"}
    )
    town_report.refresh_from_db()
    assert town_report.state == State.FIXED
    # the unit may not close it: 403 on a report it sees
    assert client.post(f"/work/errata/{town_report.pk}/recheck/", {"accept": "1"}).status_code == 403
    client.force_login(world.office)
    client.post(f"/work/errata/{town_report.pk}/recheck/", {"accept": "1", "note": "已复核。"})
    town_report.refresh_from_db()
    assert town_report.state == State.CLOSED


def test_answer_error_shown(world, client, town_report):
    client.force_login(world.editor)
    resp = client.post(
        f"/work/errata/{town_report.pk}/answer/", {"outcome": "fixed", "text": "短"}, follow=True
    )
    assert "处理说明过短" in resp.content.decode()


def test_screenshot_served_typed_and_private(world, client, town_report):
    client.force_login(world.editor)
    resp = client.get(f"/work/errata/{town_report.pk}/screenshot/")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "image/png"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in resp["Cache-Control"]
    assert b"".join(resp.streaming_content) == town_report.screenshot.open("rb").read()
    client.logout()
    assert client.get(f"/work/errata/{town_report.pk}/screenshot/").status_code == 302  # to the login page


def test_export_masks_and_is_audited(world, client, town_report):
    from openpyxl import load_workbook

    client.force_login(world.office)
    resp = client.get("/work/errata/export.xlsx?state=pending")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "查询码" and len(rows) == 2
    assert "13955556666" not in str(rows[1]) and rows[1][0] == town_report.tracking_code
    assert AuditEvent.objects.filter(action="errata.exported").count() == 1


def test_filters_go_through_the_form(world, client, town_report):
    client.force_login(world.office)
    for query in (
        "unit=abc",
        "unit=office",
        "received_from=not-a-date",
        "state=bogus",
        "page=-1",
        f"unit={world.town.pk}",
    ):
        assert client.get(f"/work/errata/?{query}").status_code == 200, query
    html = client.get("/work/errata/?unit=office").content.decode()
    assert town_report.tracking_code not in html


def test_dashboard_overdue_card(world, client):
    old = report(f"/xxgk/jgzn/{world.town.pk}/", received_on=timezone.localdate() - timedelta(days=30))
    client.force_login(world.editor)
    html = client.get("/work/").content.decode()
    assert "找错报告逾期未答复" in html and f"/work/errata/{old.pk}/" in html
    client.force_login(world.dept_editor)
    assert "找错报告逾期未答复" not in client.get("/work/").content.decode()
    assert ErrorReport.objects.count() == 1
