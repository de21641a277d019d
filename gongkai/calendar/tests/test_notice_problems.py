"""A malformed notice is never saved: every problem is listed; only a system administrator's override with a
reason gets past (audited)."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services
from gongkai.calendar.errors import CalendarImportError, NoticeHasProblems
from gongkai.calendar.models import HolidayCalendar, HolidayDay

from .fixtures import MALFORMED_2027, NOTICE_2027

WRONG_LABOUR_DAY = NOTICE_2027.replace(
    "四、劳动节：5月1日（周六）至5日（周三）", "四、劳动节：5月3日（周一）至5日（周三）"
)


def test_preview_lists_every_problem(seeded):
    preview = services.preview_notice(MALFORMED_2027)
    problems = preview.problems
    assert problems[0] == "日期无效：春节 2027年2月30日，请核对通知原文"
    assert any(p.startswith("春节的放假日期与法定天数不符") for p in problems)
    for name in ("清明节", "劳动节", "端午节", "中秋节", "国庆节"):
        assert any(p.startswith(f"缺少{name}的安排") for p in problems), name
    assert len(problems) == 7
    assert services.preview_notice(NOTICE_2027).problems == []


def test_a_malformed_notice_is_refused_and_nothing_is_saved(seeded, office_admin):
    with pytest.raises(NoticeHasProblems) as refused:
        services.import_notice(MALFORMED_2027, actor=office_admin)
    assert refused.value.field == "text" and len(refused.value.problems) == 7
    assert "2027年通知有7处问题，未保存：1. 日期无效：春节 2027年2月30日" in str(refused.value)
    assert not HolidayCalendar.objects.filter(year=2027).exists()
    assert not HolidayDay.objects.filter(date__year=2027).exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar.import").exists()


def test_a_festival_missing_a_statutory_day_is_refused(seeded, office_admin):
    with pytest.raises(NoticeHasProblems, match="劳动节的放假日期与法定天数不符.*未包含5月1日、5月2日"):
        services.import_notice(WRONG_LABOUR_DAY, actor=office_admin)


def test_only_a_sys_admin_overrides_with_a_reason(seeded, office_admin, sys_admin):
    with pytest.raises(CalendarImportError, match="只有系统管理员"):
        services.import_notice(MALFORMED_2027, actor=office_admin, override_reason="领导要求")
    assert not HolidayCalendar.objects.filter(year=2027).exists()
    services.import_notice(
        WRONG_LABOUR_DAY, actor=sys_admin, override_reason="国务院通知本身如此安排（测试）"
    )
    assert HolidayCalendar.objects.get(year=2027)
    assert HolidayDay.objects.filter(date=date(2027, 5, 3)).exists()
    event = AuditEvent.objects.get(action="calendar.notice_override")
    assert event.reason == "国务院通知本身如此安排（测试）"
    assert event.after["problems"][0].startswith("劳动节的放假日期与法定天数不符")


def test_the_import_page_offers_no_save_for_a_malformed_notice(client, seeded, office_admin):
    client.force_login(office_admin)
    body = client.post(
        "/work/calendar/import/", {"text": MALFORMED_2027, "action": "preview"}
    ).content.decode()
    assert "不能保存：7处问题" in body
    assert "确认保存2027年安排" not in body and "强制保存" not in body
    confirm = client.post("/work/calendar/import/", {"text": MALFORMED_2027, "action": "confirm"})
    assert confirm.status_code == 200
    assert "2027年通知有7处问题，未保存" in confirm.content.decode()
    assert not HolidayCalendar.objects.filter(year=2027).exists()


def test_the_import_page_lets_a_sys_admin_override(client, seeded, sys_admin):
    client.force_login(sys_admin)
    body = client.post(
        "/work/calendar/import/", {"text": WRONG_LABOUR_DAY, "action": "preview"}
    ).content.decode()
    assert "说明理由后强制保存2027年安排" in body
    client.post(
        "/work/calendar/import/",
        {"text": WRONG_LABOUR_DAY, "action": "confirm", "override": "1", "override_reason": ""},
    )
    assert not HolidayCalendar.objects.filter(year=2027).exists()  # no reason: refused
    response = client.post(
        "/work/calendar/import/",
        {"text": WRONG_LABOUR_DAY, "action": "confirm", "override": "1", "override_reason": "以通知原文为准"},
    )
    assert response.status_code == 302
    assert HolidayCalendar.objects.filter(year=2027).exists()


def test_the_command_refuses_and_lists_the_problems(seeded, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(MALFORMED_2027, encoding="utf-8")
    with pytest.raises(CommandError, match="通知有7处问题，未保存"):
        call_command("calendar", "import-notice", str(path), "--yes")
    assert not HolidayCalendar.objects.filter(year=2027).exists()


def test_the_recompute_command_runs_every_registered_hook(seeded, capsys):
    from gongkai.calendar import recompute

    assert {"foi", "publishing"} <= set(recompute.registered())
    call_command("calendar", "recompute", "--years", "2027")
    out = capsys.readouterr().out
    assert "已重新计算受影响的期限：" in out and "依申请公开0件" in out
