"""Subjects (事项领域) per application, statistics by subject and unit, the cross-case list of 复议/诉讼 with
纠错率 and 败诉率, and the 通报 .docx (issue 12)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from docx import Document

from gongkai.audit.models import AuditEvent
from gongkai.foi import selectors, services
from gongkai.foi.errors import FoiError
from gongkai.foi.models import Subject

from .conftest import person

D = date
SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def case_in(county, unit, on=D(2026, 10, 12)):  # noqa: B008 - a constant date
    return services.submit_online(
        person(), unit=unit, now=datetime(on.year, on.month, on.day, 9, tzinfo=SH)
    ).case


def test_the_county_list_is_seeded_and_kept_by_the_office(client, county):
    names = list(Subject.objects.values_list("name", flat=True))
    assert names[:3] == ["征地拆迁", "物业管理", "国土空间规划"]
    with pytest.raises(FoiError):
        services.save_subject(None, actor=county.officer, name="殡葬管理")
    client.force_login(county.admin)
    assert (
        client.post(
            reverse("foi:subjects"), {"name": "殡葬管理", "sort_order": 200, "is_active": "on"}
        ).status_code
        == 302
    )
    duplicate = client.post(reverse("foi:subjects"), {"name": "殡葬管理", "sort_order": 1})
    assert "已有名为“殡葬管理”的事项领域" in duplicate.content.decode()
    assert AuditEvent.objects.filter(action="foi.subject_saved").count() == 1
    client.force_login(county.officer)
    assert client.get(reverse("foi:subjects")).status_code == 404


def test_subjects_on_cases_and_the_statistics(client, county, today):
    today(D(2026, 10, 20))
    land = Subject.objects.get(name="征地拆迁")
    estate = Subject.objects.get(name="物业管理")
    first, second, third = (
        case_in(county, county.zrzy),
        case_in(county, county.zrzy),
        case_in(county, county.fgw),
    )
    client.force_login(county.officer)
    response = client.post(reverse("foi:act", args=[first.pk, "subject"]), {"subject": land.pk})
    assert response.status_code == 302
    services.set_subject(second, actor=county.officer, subject=land)
    services.set_subject(third, actor=county.other, subject=estate)
    first.refresh_from_db()
    assert first.subject == land and "事项领域：未分类 → 征地拆迁" in first.events.last().summary
    rows = {row.name: row for row in selectors.by_subject(selectors.visible(county.admin))}
    assert rows["征地拆迁"].total == 2 and rows["征地拆迁"].units == [("县自然资源局", 2)]
    assert rows["物业管理"].units == [("县发改委", 1)]
    client.force_login(county.admin)
    page = client.get(reverse("foi:dashboard")).content.decode()
    assert "按事项领域" in page and "县自然资源局 2" in page
    listed = client.get(reverse("foi:list"), {"subject": land.pk}).content.decode()
    assert first.serial in listed and third.serial not in listed


def test_appeals_across_cases_with_rates_and_the_notice(client, county, today):
    today(D(2026, 12, 1))
    land = Subject.objects.get(name="征地拆迁")
    cases = [case_in(county, county.zrzy) for _ in range(4)]
    for case in cases:
        services.set_subject(case, actor=county.officer, subject=land)
    plan = [
        ("reconsideration", "corrected"),
        ("reconsideration", "upheld"),
        ("litigation_direct", "corrected"),
        ("litigation_after", "pending"),
    ]
    for case, (kind, result) in zip(cases, plan, strict=True):
        appeal = services.record_appeal(
            case, actor=county.officer, kind=kind, filed_on=D(2026, 11, 2), authority="示范县人民政府"
        )
        services.update_appeal(
            appeal,
            actor=county.officer,
            result=result,
            decided_on=None if result == "pending" else D(2026, 11, 30),
        )
    rates = selectors.appeal_figures(selectors.appeals(county.admin))
    assert rates.correction_rate == 50.0 and rates.loss_rate == 100.0
    client.force_login(county.admin)
    page = client.get(reverse("foi:appeals")).content.decode()
    assert "data-correction-rate>50.0%" in page and "data-loss-rate>100.0%" in page
    assert all(case.serial in page for case in cases)
    other_unit = client.get(reverse("foi:appeals"), {"unit": county.fgw.pk}).content.decode()
    assert cases[0].serial not in other_unit
    client.force_login(county.other)  # another unit's staff see none of them
    assert cases[0].serial not in client.get(reverse("foi:appeals")).content.decode()

    client.force_login(county.admin)
    response = client.get(reverse("foi:appeals_notice"), {"year": "2026"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = "\n".join(
        cell.text
        for t in Document(io.BytesIO(response.content)).tables
        for row in t.rows
        for cell in row.cells
    )
    assert "2026年政府信息公开申请行政复议、行政诉讼情况通报" in text
    assert "纠错率50.0%" in text and "败诉率100.0%" in text
    assert cases[0].serial in tables and "征地拆迁" in tables
    export = AuditEvent.objects.get(action="foi.export")
    assert export.after["filters"].startswith("复议诉讼通报") and export.after["rows"] == 4
