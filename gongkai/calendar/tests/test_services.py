"""Seeding, importing, the cached calendar and the dashboard card, on a real database."""

from datetime import date

import chinese_calendar
import pytest

from gongkai.audit.models import AuditEvent
from gongkai.calendar import demo, services
from gongkai.calendar.cards import missing_calendar_cards
from gongkai.calendar.models import HolidayCalendar, HolidayDay

from .fixtures import NOTICE_2026, NOTICE_2027

pytestmark = pytest.mark.django_db


def test_seed_creates_every_package_year_once_and_is_audited_per_year():
    created = services.seed_from_package()
    assert created == list(range(2004, 2027))
    assert HolidayDay.objects.count() == len(chinese_calendar.holidays) + len(chinese_calendar.workdays)
    assert AuditEvent.objects.filter(action="calendar.seed").count() == 23
    assert services.seed_from_package() == []
    assert AuditEvent.objects.filter(action="calendar.seed").count() == 23
    day = HolidayDay.objects.get(date=date(2026, 9, 20))
    assert (day.kind, day.name, day.calendar.year) == ("makeup_workday", "国庆节", 2026)


def test_seed_refuses_years_the_package_does_not_know():
    with pytest.raises(services.CalendarImportError, match="2027年请导入国务院办公厅节假日安排通知"):
        services.seed_from_package([2026, 2027])
    assert not HolidayCalendar.objects.exists()


def test_calendar_from_the_database_answers_like_the_package(seeded):
    cal = services.get_calendar()
    assert services.add_working_days(date(2026, 9, 28), 20).date == date(2026, 10, 30)
    day = date(2004, 1, 1)
    while day <= date(2026, 12, 31):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day = date.fromordinal(day.toordinal() + 1)


def test_get_calendar_is_cached_and_rebuilt_after_a_change(seeded, django_assert_num_queries, office_admin):
    first = services.get_calendar()
    with django_assert_num_queries(0):
        for _ in range(50):
            assert services.get_calendar() is first
    assert services.add_working_days(date(2026, 12, 31), 1).provisional
    services.import_notice(NOTICE_2027, actor=office_admin)
    rebuilt = services.get_calendar()
    assert rebuilt is not first and rebuilt.covers(2027)
    result = services.add_working_days(date(2026, 12, 31), 1)
    assert result.date == date(2027, 1, 4) and not result.provisional


def test_import_new_year_saves_days_notice_and_audit(seeded, office_admin):
    preview = services.import_notice(NOTICE_2027, actor=office_admin)
    cal = HolidayCalendar.objects.get(year=2027)
    assert cal.source == HolidayCalendar.Source.NOTICE
    assert cal.notice_number == "国办发明电〔2026〕9号"
    assert cal.notice_text.startswith("国务院办公厅关于2027年")
    assert cal.created_by == office_admin
    stored = sorted(cal.days.values_list("date", "kind", "name"))
    assert stored == preview.notice.days()
    assert len(stored) == 35
    event = AuditEvent.objects.get(action="calendar.import_notice")
    assert event.actor == office_admin and event.before is None
    assert "2027-10-09" in event.after["makeup"] and event.reason == "国办发明电〔2026〕9号"


def test_import_refuses_to_overwrite_an_existing_year_and_shows_the_diff(seeded, office_admin):
    # The real 2026 notice says exactly what the package says.
    with pytest.raises(services.YearAlreadyCovered, match="与导入内容一致") as same:
        services.import_notice(NOTICE_2026, actor=office_admin)
    assert same.value.changes == []
    changed_text = NOTICE_2026.replace("9月20日（周日）、10月10日（周六）上班", "10月10日（周六）上班")
    with pytest.raises(services.YearAlreadyCovered, match="有1处不同") as excinfo:
        services.import_notice(changed_text, actor=office_admin)
    [change] = excinfo.value.changes
    assert change.date == date(2026, 9, 20) and change.action == "删除"
    assert str(change) == "2026-09-20 删除：调休上班·国庆节 → （无）"
    cal = HolidayCalendar.objects.get(year=2026)
    assert cal.source == HolidayCalendar.Source.PACKAGE
    assert HolidayDay.objects.filter(date=date(2026, 9, 20)).exists()
    assert not AuditEvent.objects.filter(action__startswith="calendar.replace").exists()

    services.import_notice(changed_text, actor=office_admin, replace=True)
    cal.refresh_from_db()
    assert cal.source == HolidayCalendar.Source.NOTICE
    assert not HolidayDay.objects.filter(date=date(2026, 9, 20)).exists()
    assert not services.is_workday(date(2026, 9, 20))
    event = AuditEvent.objects.get(action="calendar.replace_notice")
    assert "2026-09-20" in event.before["makeup"] and "2026-09-20" not in event.after["makeup"]
    assert event.after["changes"] == ["2026-09-20 删除：调休上班·国庆节 → （无）"]


def test_cross_year_days_are_stored_with_the_notice_and_shown_in_the_diff(seeded, office_admin):
    text = NOTICE_2027 + "八、元旦：12月31日（周五）至1月2日（周日）放假，共3天。\n"
    preview = services.preview_notice(text)
    assert preview.existing is None
    assert date(2028, 1, 2) in preview.notice.off_days()
    services.import_notice(text, actor=office_admin)
    assert HolidayDay.objects.get(date=date(2028, 1, 1)).calendar.year == 2027
    cal = services.get_calendar()
    assert not cal.is_workday(date(2027, 12, 31))
    assert services.add_working_days(date(2027, 12, 30), 1).date == date(2028, 1, 3)
    assert services.add_working_days(date(2027, 12, 30), 1).provisional  # 2028 is not covered


def test_failed_import_saves_nothing(seeded, office_admin, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services.audit, "record", boom)
    with pytest.raises(RuntimeError):
        services.import_notice(NOTICE_2027, actor=office_admin)
    assert not HolidayCalendar.objects.filter(year=2027).exists()
    assert not HolidayDay.objects.filter(date__year=2027).exists()
    assert not services.get_calendar().covers(2027)


def test_empty_or_unusable_text_is_refused(seeded, office_admin):
    with pytest.raises(services.CalendarImportError, match="通知文本为空"):
        services.import_notice("  ", actor=office_admin)
    with pytest.raises(ValueError, match="未能确定年份"):
        services.import_notice("今天天气很好。", actor=office_admin)


def test_dashboard_card_for_next_years_missing_calendar(seeded, office_admin, editor):
    cards = missing_calendar_cards(office_admin, today=date(2026, 11, 23))
    assert [c.title for c in cards] == ["2027年节假日安排尚未导入"]
    assert cards[0].url == "/work/calendar/import/" and cards[0].tone == "warn"
    assert missing_calendar_cards(office_admin, today=date(2026, 10, 31)) == []
    assert missing_calendar_cards(editor, today=date(2026, 11, 23)) == []
    # A whole uncovered current year is worse.
    titles = [c.title for c in missing_calendar_cards(office_admin, today=date(2027, 3, 1))]
    assert titles == ["2027年节假日安排尚未导入"]
    services.import_notice(NOTICE_2027, actor=office_admin)
    assert missing_calendar_cards(office_admin, today=date(2026, 11, 23)) == []


def test_dashboard_shows_the_card(client, seeded, office_admin, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 23))
    client.force_login(office_admin)
    body = client.get("/work/").content.decode()
    assert "2027年节假日安排尚未导入" in body


def test_demo_loads_2004_to_2026_and_is_safe_twice():
    class Out:
        text = ""

        def write(self, chunk):
            self.text += chunk

    out = Out()
    demo.load(out)
    demo.load(out)
    assert sorted(HolidayCalendar.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    assert "2027年未导入" in out.text and "已存在" in out.text


def test_only_the_office_imports_or_seeds(seeded, office_admin, editor):
    from gongkai.calendar import access

    assert access.can_import_notices(office_admin) and access.can_import_notices(None)
    assert not access.can_import_notices(editor)
    with pytest.raises(services.CalendarImportError) as refused:
        services.import_notice(NOTICE_2027, actor=editor)
    assert refused.value.code == "forbidden"
    with pytest.raises(services.CalendarImportError):
        services.seed_from_package([2026], actor=editor)
    assert not HolidayCalendar.objects.filter(year=2027).exists()


def test_unusable_text_is_refused_on_the_text_field(seeded):
    with pytest.raises(services.CalendarImportError) as refused:
        services.preview_notice("今天天气很好。")
    assert refused.value.field == "text" and "未能确定年份" in str(refused.value)
