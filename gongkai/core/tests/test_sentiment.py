"""The response limits of public sentiment (国办发〔2016〕61号, 80号, a local working-day rule) and the deadlines."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gongkai.core import sentiment as rules
from gongkai.core.workdays import WorkCalendar

BEIJING = timezone(timedelta(hours=8))
CAL = WorkCalendar.from_chinesecalendar([2026])


def add(day: date, n: int) -> tuple[date, bool]:
    result = CAL.add_working_days(day, n)
    return result.date, result.provisional


def test_tiers_by_level_and_rule_cite_their_notice():
    assert [t.code for t in rules.tiers("major", "national")] == ["release", "press"]
    assert [t.hours for t in rules.tiers("especially_major", "national")] == [5, 24]
    assert [t.hours for t in rules.tiers("general", "national")] == [48]
    assert [t.hours for t in rules.tiers("larger", "national")] == [48]
    assert "国办发〔2016〕80号" in rules.FIRST_RELEASE.basis
    assert "国办发〔2016〕61号" in rules.RESPONSE_48H.basis
    local = rules.tiers("general", "local", 3)
    assert [(t.hours, t.workdays) for t in local] == [(None, 3)]
    # A county rule never loosens the national tiers of a major emergency.
    assert [t.hours for t in rules.tiers("major", "local", 3)] == [5, 24]
    with pytest.raises(ValueError, match="级别"):
        rules.tiers("huge", "national")
    with pytest.raises(ValueError, match="规则"):
        rules.tiers("general", "county")


def test_clock_hours_ignore_weekends_and_holidays():
    seen = datetime(2026, 10, 1, 9, 30, tzinfo=BEIJING)  # 国庆 day 1
    items = rules.deadlines("major", "national", seen, [], add)
    assert [i.due for i in items] == [
        datetime(2026, 10, 1, 14, 30, tzinfo=BEIJING),
        datetime(2026, 10, 2, 9, 30, tzinfo=BEIJING),
    ]
    general = rules.deadlines("general", "national", datetime(2026, 9, 30, 22, 0, tzinfo=BEIJING), [], add)
    assert general[0].due == datetime(2026, 10, 2, 22, 0, tzinfo=BEIJING)


def test_local_working_days_skip_the_national_day_holiday_and_count_the_tiaoxiu_saturday():
    # Seen on Wednesday 30 September 2026: 1–7 October off, Saturday 10 October a working day (调休).
    seen = datetime(2026, 9, 30, 16, 0, tzinfo=BEIJING)
    items = rules.deadlines("general", "local", seen, [], add, 3)
    assert items[0].due == datetime(2026, 10, 10, 23, 59, 59, tzinfo=BEIJING)  # 8th, 9th, 10th (Saturday)
    assert not items[0].provisional
    # Seen on a Friday: the weekend does not count.
    friday = rules.deadlines("general", "local", datetime(2026, 11, 6, 10, 0, tzinfo=BEIJING), [], add, 3)
    assert friday[0].due.date() == date(2026, 11, 11)


def test_a_year_without_a_holiday_table_is_provisional():
    seen = datetime(2026, 12, 30, 10, 0, tzinfo=BEIJING)
    items = rules.deadlines("general", "local", seen, [], add, 3)
    assert items[0].provisional


def test_deadlines_met_by_the_right_kind_of_response():
    seen = datetime(2026, 11, 2, 8, 0, tzinfo=BEIJING)
    online = (rules.ONLINE, seen + timedelta(hours=2))
    release = (rules.RELEASE, seen + timedelta(hours=4, minutes=59))
    press = (rules.PRESS, seen + timedelta(hours=25))
    items = rules.deadlines("major", "national", seen, [online, press, release], add)
    release_item, press_item = items
    assert release_item.met_at == release[1] and release_item.met_on_time
    assert press_item.met_at == press[1] and press_item.met_on_time is False
    assert rules.on_time(items) is False
    assert rules.next_due(items) is None
    # An online reply does not stand for the authoritative release of a major emergency.
    only_online = rules.deadlines("major", "national", seen, [online], add)
    assert not only_online[0].met and rules.next_due(only_online) == seen + timedelta(hours=5)
    assert rules.on_time(only_online) is None
    # Any response answers an ordinary case.
    ordinary = rules.deadlines("general", "national", seen, [online], add)
    assert rules.on_time(ordinary) is True


def test_time_left_and_overdue():
    seen = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    (item,) = rules.deadlines("general", "national", seen, [], add)
    assert not item.overdue(seen + timedelta(hours=47))
    assert item.overdue(seen + timedelta(hours=48, seconds=1))
    assert rules.describe_left(item.left(seen + timedelta(hours=45, minutes=40))) == "剩余2小时20分"
    assert rules.describe_left(item.left(seen)) == "剩余2天0小时"
    assert rules.describe_left(item.left(seen + timedelta(hours=74))) == "已超时1天2小时"
    assert rules.describe_left(timedelta(minutes=-5)) == "已超时5分钟"
