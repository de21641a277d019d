"""The staff pages through the Django test client: years, month grid, import preview → confirm, calculator."""

import re
from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.calendar.models import HolidayCalendar, HolidayDay

from .fixtures import NOTICE_2026, NOTICE_2027

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_index_lists_years_and_flags_the_missing_next_year(client, seeded, editor):
    client.force_login(editor)
    body = _text(client.get("/work/calendar/"))
    assert "2004年" in body and "2026年" in body and "chinesecalendar 数据包" in body
    assert "导入节假日通知" not in body  # an editor may look, not import


def test_login_required(client):
    response = client.get("/work/calendar/")
    assert response.status_code == 302 and "/work/login/" in response["Location"]


def test_year_page_marks_days_with_text_not_only_colour(client, seeded, editor):
    client.force_login(editor)
    body = _text(client.get("/work/calendar/2026/"))
    assert "10月10日周六，调休上班（国庆节）" in body
    assert "10月1日周四，放假（国庆节）" in body
    assert "9月20日周日，调休上班（国庆节）" in body
    # Visible tags 休/班 sit in the cells beside the colour.
    assert re.search(
        r'class="kind-makeup_workday">\s*<span aria-hidden="true"><span class="day-num">10</span>'
        r'<span class="day-tag">班</span>',
        body,
    )
    assert body.count('class="kind-off"') == 33


def test_uncovered_year_page_says_provisional(client, seeded, office_admin):
    client.force_login(office_admin)
    body = _text(client.get("/work/calendar/2027/"))
    assert "暂定" in body
    assert (
        "2027年节假日安排尚未录入，已按《全国年节及纪念日放假办法》计入法定节假日，调休安排未知，结果为暂定"
        in body
    )
    # The statutory days of 2027 are listed and shown off in the grid: 元旦, 春节 from 除夕 (2月5日), 劳动节 5月1–2日.
    for day in (
        "2027-01-01",
        "2027-02-05",
        "2027-02-08",
        "2027-04-05",
        "2027-05-02",
        "2027-06-09",
        "2027-09-15",
    ):
        assert f"<td>{day}</td>" in body
    assert "导入2027年节假日通知" in body
    assert client.get("/work/calendar/1800/").status_code == 404


def test_non_admin_gets_403_on_import(client, seeded, editor):
    client.force_login(editor)
    assert client.get("/work/calendar/import/").status_code == 403
    response = client.post("/work/calendar/import/", {"text": NOTICE_2027, "action": "confirm"})
    assert response.status_code == 403
    assert not HolidayCalendar.objects.filter(year=2027).exists()


def test_preview_then_confirm(client, seeded, office_admin):
    client.force_login(office_admin)
    assert client.get("/work/calendar/import/").status_code == 200
    preview = client.post("/work/calendar/import/", {"text": NOTICE_2027, "action": "preview"})
    body = _text(preview)
    assert preview.status_code == 200
    assert "预览：2027年节假日安排" in body and "国办发明电〔2026〕9号" in body
    assert "2027-10-01 至 2027-10-07" in body and "2027-09-26（星期日）" in body
    assert "未发现问题" in body and "新增" in body
    assert 'name="action" value="confirm"' in body
    assert not HolidayCalendar.objects.filter(year=2027).exists()  # preview saves nothing

    # The confirm posts the text again; anything else posted alongside is ignored.
    confirm = client.post(
        "/work/calendar/import/",
        {"text": NOTICE_2027, "action": "confirm", "days": "2027-03-03:off", "year": "2030"},
    )
    assert confirm.status_code == 302 and confirm["Location"] == "/work/calendar/2027/"
    cal = HolidayCalendar.objects.get(year=2027)
    assert cal.days.count() == 35 and not HolidayDay.objects.filter(date=date(2027, 3, 3)).exists()
    assert AuditEvent.objects.filter(action="calendar.import_notice", actor=office_admin).count() == 1
    page = client.get(confirm["Location"])
    assert "已导入2027年节假日安排" in _text(page) and "已录入" in _text(page)


def test_preview_shows_warnings(client, seeded, office_admin):
    client.force_login(office_admin)
    wrong = NOTICE_2027.replace("1月1日（周五）", "1月1日（周四）")
    body = _text(client.post("/work/calendar/import/", {"text": wrong, "action": "preview"}))
    assert "需要核对的问题（1）" in body and "2027年1月1日是周五" in body


def test_confirm_on_an_existing_year_needs_replace(client, seeded, office_admin):
    client.force_login(office_admin)
    changed = NOTICE_2026.replace("9月20日（周日）、10月10日（周六）上班", "10月10日（周六）上班")
    preview = _text(client.post("/work/calendar/import/", {"text": changed, "action": "preview"}))
    assert "替换" in preview and "有 1 处不同" in preview and "2026-09-20" in preview
    refused = client.post("/work/calendar/import/", {"text": changed, "action": "confirm"})
    assert refused.status_code == 200 and "已存在" in _text(refused)
    assert HolidayDay.objects.filter(date=date(2026, 9, 20)).exists()
    done = client.post("/work/calendar/import/", {"text": changed, "action": "confirm", "replace": "on"})
    assert done.status_code == 302
    assert not HolidayDay.objects.filter(date=date(2026, 9, 20)).exists()


def test_unusable_text_gets_a_chinese_message(client, seeded, office_admin):
    client.force_login(office_admin)
    body = _text(client.post("/work/calendar/import/", {"text": "随便写点什么", "action": "preview"}))
    assert "未能确定年份" in body
    empty = _text(client.post("/work/calendar/import/", {"text": "", "action": "preview"}))
    assert "请粘贴国务院办公厅节假日安排通知的全文" in empty


def test_calculator_result_trace_and_provisional_badge(client, seeded, editor):
    client.force_login(editor)
    body = _text(client.get("/work/calendar/calculator/", {"start": "2026-09-28", "days": "20"}))
    assert "2026年10月30日" in body and "确定" in body and "暂定原因" not in body
    assert "国庆节放假，不计入" in body
    paused = _text(
        client.get(
            "/work/calendar/calculator/",
            {"start": "2026-09-28", "days": "20", "pause_start_1": "2026-10-12", "pause_end_1": "2026-10-16"},
        )
    )
    assert "2026年11月6日" in paused and "5个工作日未计入" in paused
    provisional = _text(client.get("/work/calendar/calculator/", {"start": "2026-12-20", "days": "20"}))
    assert "2027年1月18日" in provisional  # 元旦 counted off although 2027 is not imported
    assert '<span class="badge provisional big">暂定</span>' in provisional
    assert (
        "2027年节假日安排尚未录入，已按《全国年节及纪念日放假办法》计入法定节假日，调休安排未知，结果为暂定"
        in provisional
    )
    assert "元旦（法定节假日，调休安排未知）放假，不计入" in provisional


def test_calculator_errors_and_count(client, seeded, editor):
    client.force_login(editor)
    bad = _text(client.get("/work/calendar/calculator/", {"start": "2026/09/28", "days": "-1"}))
    assert "日期格式应为 YYYY-MM-DD，例如 2026-09-28" in bad and "工作日数不能为负数" in bad
    half = _text(
        client.get(
            "/work/calendar/calculator/", {"start": "2026-09-28", "days": "5", "pause_start_1": "2026-10-12"}
        )
    )
    assert "中止期间需同时填写开始和结束日期" in half
    count = _text(client.get("/work/calendar/calculator/", {"a": "2026-09-28", "b": "2026-10-30"}))
    assert "共 <strong>20</strong> 个工作日" in count
