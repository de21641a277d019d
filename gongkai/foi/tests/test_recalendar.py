"""Importing a year's holiday notice recomputes every stored date of the applications it touches: due dates,
the 暂定 flag (and the export's 期限暂定 column), the applicant's timeline text of an extension, audited."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar_services
from gongkai.calendar.tests.fixtures import NOTICE_2027
from gongkai.foi import services
from gongkai.foi.models import InfoRequest

from .conftest import PASSWORD, person

D = date
SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def _export_row(client, user, serial):
    from openpyxl import load_workbook

    client.force_login(user)
    sheet = load_workbook(io.BytesIO(client.get(reverse("foi:export")).content)).active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] == serial:
            return dict(zip(header, row, strict=True))
    raise AssertionError(serial)


def test_importing_2027_recomputes_due_dates_timeline_and_export(client, county, today):
    assert PASSWORD
    today(D(2027, 1, 20))
    case = services.submit_online(person(), unit=county.zrzy, now=datetime(2027, 1, 15, 10, tzinfo=SH)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2027, 1, 18))
    case.refresh_from_db()
    # Provisional: 春节 2027 counted off from 除夕 (2月5日–8日), no 调休 known → 2月16日.
    assert (case.due_date, case.due_provisional) == (D(2027, 2, 16), True)
    ext = services.request_extension(
        case, actor=county.officer, days=5, reason="需调取档案", on=D(2027, 1, 20)
    )
    services.decide_extension(ext, actor=county.leader, approve=True, on=D(2027, 1, 20))
    case.refresh_from_db()
    assert case.due_date == D(2027, 2, 23)
    approved = case.events.get(kind="extension_approved")
    assert approved.public_summary.endswith("延长后的答复期限为2027年2月23日（周二）")
    assert _export_row(client, county.officer, case.serial)["期限暂定"] == "是"

    preview = calendar_services.import_notice(NOTICE_2027, actor=county.admin)

    # The notice: 春节 2月5日–13日 off, Sunday 1月31日 and Saturday 2月20日 worked → 2月19日 + 5 = 2月25日.
    case.refresh_from_db()
    assert (case.due_date, case.due_provisional) == (D(2027, 2, 25), False)
    approved.refresh_from_db()
    assert approved.public_summary.endswith("延长后的答复期限为2027年2月25日（周四）")
    assert _export_row(client, county.officer, case.serial)["期限暂定"] is None
    event = AuditEvent.objects.get(action="foi.deadline_recomputed")
    assert event.before["due_date"] == "2027-02-23" and event.after["due_date"] == "2027-02-25"
    assert event.reason == "节假日安排变更后重新计算"
    foi = next(r for r in preview.recomputed if r.app == "foi")
    assert foi.changed == 1 and foi.lines[0].startswith(case.serial)

    # The applicant's tracking page shows the new date, without 暂定.
    from gongkai.foi.public_views import _public_view

    view = _public_view(case)
    assert view["due"] == D(2027, 2, 25) and view["provisional"] is False
    assert any("2027年2月25日" in text for _, text in view["events"])


def test_unchanged_cases_are_left_alone(county, today):
    today(D(2026, 10, 20))
    services.submit_online(person(), unit=county.zrzy, now=datetime(2026, 10, 9, 10, tzinfo=SH))
    calendar_services.import_notice(NOTICE_2027, actor=county.admin)
    assert not AuditEvent.objects.filter(action="foi.deadline_recomputed").exists()
    assert InfoRequest.objects.get().due_provisional is False
