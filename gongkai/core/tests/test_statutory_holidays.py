"""The statutory holidays computed from 《全国年节及纪念日放假办法》 and the lunar library, checked year by year
against the ``chinesecalendar`` package (compiled from the real State Council notices, 2004–2026)."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.core import statutory_holidays as sh
from gongkai.core.holiday_notice import package_name, parse_notice
from gongkai.core.workdays import WorkCalendar


def _package_name(day: date) -> str | None:
    holiday = chinese_calendar.holidays.get(day)
    return package_name(holiday) if holiday is not None else None


def _off_in_package_as(day: date, names: set[str]) -> bool:
    """Off in the package and named for one of ``names``. The package leaves a weekend inside a holiday
    period unnamed once (2012-06-23, between 端午 6月22日 and 24日): accept a weekend day between two days of
    the same festival."""
    if _package_name(day) in names:
        return True
    if day.weekday() < 5 or day in chinese_calendar.workdays:
        return False
    one = timedelta(days=1)
    return _package_name(day - one) in names and _package_name(day + one) in names


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_festival_day_matches_the_package(year):
    days = sh.festival_days(year)
    off = sh.off_days(year)
    assert days, year
    for name, festival_days in days.items():
        rule = sh.festival_rule(year, name)
        assert rule is not None and len(festival_days) == rule.days
        for day in festival_days:
            assert day.year == year
            assert _off_in_package_as(day, set(off[day].split("、"))), (year, name, day)
    # …and every festival the package names that year is one of ours (2015's one-off anniversary excepted).
    named = {package_name(h) for d, h in chinese_calendar.holidays.items() if d.year == year}
    assert named - set(days) <= {"抗战胜利70周年纪念日"}


def test_the_versions_of_the_law():
    assert sh.festival_names(2007) == ["元旦", "春节", "劳动节", "国庆节"]
    assert sh.festival_days(2007)["劳动节"] == tuple(date(2007, 5, d) for d in (1, 2, 3))
    assert sh.festival_days(2008)["春节"][0] == date(2008, 2, 6)  # 除夕 (2007 version)
    assert sh.festival_days(2014)["春节"][0] == date(2014, 1, 31)  # 正月初一 (2013 version)
    # 2024 amendment: 春节 4 days from 除夕, 劳动节 2 days.
    assert sh.festival_days(2027) == {
        "元旦": (date(2027, 1, 1),),
        "春节": tuple(date(2027, 2, d) for d in (5, 6, 7, 8)),
        "清明节": (date(2027, 4, 5),),
        "劳动节": (date(2027, 5, 1), date(2027, 5, 2)),
        "端午节": (date(2027, 6, 9),),
        "中秋节": (date(2027, 9, 15),),
        "国庆节": tuple(date(2027, 10, d) for d in (1, 2, 3)),
    }
    assert "第795号" in sh.version_for(2027).source
    assert sh.version_for(1999) is None and sh.festival_days(1999) == {}


def test_two_festivals_on_one_day_give_one_day_off():
    off = sh.off_days(2020)
    assert off[date(2020, 10, 1)] == "中秋节、国庆节"
    assert len(off) == 11 - 1  # 1+3+1+1+1+1+3 days, 中秋 on 国庆


def test_a_provisional_year_counts_its_statutory_days():
    covered = WorkCalendar.from_chinesecalendar(range(2026, 2027))
    estimated = WorkCalendar(
        covered.covered_years,
        covered.off_dates,
        covered.makeup_workdays,
        covered.names,
        estimated=sh.off_days(2027),
    )
    plain = covered.add_working_days(date(2026, 12, 11), 20)
    assert plain.date == date(2027, 1, 8)  # 元旦 counted as a working day
    result = estimated.add_working_days(date(2026, 12, 11), 20)
    assert result.date == date(2027, 1, 11) and result.provisional
    assert "已按《全国年节及纪念日放假办法》计入法定节假日，调休安排未知" in result.reasons[0]
    assert estimated.is_workday(date(2027, 1, 1)) is False
    trace = estimated.deadline(date(2026, 12, 11), 20).trace
    assert any("元旦（法定节假日，调休安排未知）放假" in line for line in trace)
    # A covered year is never estimated over: a notice wins.
    assert not any(d.year == 2026 for d in estimated.estimated_off)


NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


def _items(notice):
    return [(h.name, set(h.off_days())) for h in notice.holidays]


def test_a_real_notice_fits_the_law():
    notice = parse_notice(NOTICE_2026)
    assert sh.check_arrangement(2026, _items(notice)) == []


def test_a_malformed_notice_lists_each_problem():
    text = "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日至3日放假，共3天。\n二、春节：2月30日放假。\n三、劳动节：放假5天。\n"
    notice = parse_notice(text)
    problems = sh.check_arrangement(2027, _items(notice))
    assert any(
        p.startswith("春节的放假日期与法定天数不符") and "2月5日、2月6日、2月7日、2月8日" in p
        for p in problems
    )
    assert any(
        p.startswith("缺少劳动节的安排") or p.startswith("劳动节的放假日期与法定天数不符") for p in problems
    )
    for name in ("清明节", "端午节", "中秋节", "国庆节"):
        assert any(p.startswith(f"缺少{name}的安排") for p in problems), name
    assert not any("元旦" in p for p in problems)


def test_festivals_in_an_item_name():
    assert sh.festivals_in("国庆节、中秋节") == ["中秋节", "国庆节"]
    assert sh.festivals_in("劳动节") == ["劳动节"]
    assert sh.festivals_in("抗战胜利70周年纪念日") == []
