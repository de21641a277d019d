"""Working-day arithmetic over the real 2004–2026 table (from the chinesecalendar package), no database."""

from datetime import date

import pytest

from gongkai.core.workdays import CalendarNotCovered, WorkCalendar


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar.from_chinesecalendar()


def test_national_day_2026_with_makeup_days(cal):
    assert cal.is_workday(date(2026, 9, 20))  # Sunday, worked in exchange
    assert cal.is_workday(date(2026, 10, 10))  # Saturday, worked in exchange
    assert not any(cal.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert cal.is_workday(date(2026, 10, 8))
    assert not cal.is_workday(date(2026, 10, 11))
    result = cal.add_working_days(date(2026, 9, 28), 20)
    assert result.date == date(2026, 10, 30)
    assert not result.provisional and result.reasons == []
    # 9/18 (Fri) + 1 lands on the make-up Sunday 9/20.
    assert cal.add_working_days(date(2026, 9, 18), 1).date == date(2026, 9, 20)
    assert cal.add_working_days(date(2026, 9, 30), 1).date == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 10, 9), 1).date == date(2026, 10, 10)


def test_spring_festival_2026(cal):
    assert cal.is_workday(date(2026, 2, 14)) and cal.is_workday(date(2026, 2, 28))
    assert not any(cal.is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert cal.add_working_days(date(2026, 2, 13), 1).date == date(2026, 2, 14)
    assert cal.add_working_days(date(2026, 2, 14), 1).date == date(2026, 2, 24)
    assert cal.count_working_days(date(2026, 2, 13), date(2026, 2, 28)).count == 6  # 14, 24–27, 28
    assert cal.day_kind(date(2026, 2, 16)) == "off" and cal.names[date(2026, 2, 16)] == "春节"
    assert cal.day_kind(date(2026, 2, 28)) == "makeup_workday"


def test_year_boundary_2025_to_2026(cal):
    # 2026-01-01..03 off; Sunday 2026-01-04 is worked.
    assert cal.add_working_days(date(2025, 12, 31), 1).date == date(2026, 1, 4)
    assert cal.add_working_days(date(2025, 12, 31), 2).date == date(2026, 1, 5)
    assert cal.add_working_days(date(2025, 12, 30), 1).date == date(2025, 12, 31)
    assert cal.count_working_days(date(2025, 12, 31), date(2026, 1, 5)).count == 2
    assert not cal.add_working_days(date(2025, 12, 31), 30).provisional


def test_zero_days_and_counting_backwards(cal):
    assert cal.add_working_days(date(2026, 10, 3), 0).date == date(2026, 10, 3)
    assert cal.count_working_days(date(2026, 10, 30), date(2026, 9, 28)).count == -20
    assert cal.count_working_days(date(2026, 10, 1), date(2026, 10, 7)).count == 0
    with pytest.raises(ValueError, match="不小于0的整数"):
        cal.add_working_days(date(2026, 1, 5), -1)


def test_uncovered_year_is_provisional_with_a_reason(cal):
    result = cal.add_working_days(date(2026, 12, 31), 1)
    assert result.date == date(2027, 1, 1)  # weekend rule only: 2027-01-01 is a Friday
    assert result.provisional
    assert result.reasons == ["2027年节假日安排尚未录入，按正常周末推算，结果为暂定"]
    assert str(result) == "2027-01-01 (provisional)"
    counted = cal.count_working_days(date(2026, 12, 1), date(2027, 1, 31))
    assert counted.provisional and "2027年" in counted.reasons[0]
    assert not cal.add_working_days(date(2026, 12, 1), 5).provisional


def test_strict_refuses_an_uncovered_year(cal):
    with pytest.raises(CalendarNotCovered) as excinfo:
        cal.add_working_days(date(2026, 12, 28), 10, strict=True)
    assert excinfo.value.year == 2027
    assert "请在【工作日历】中导入2027年国务院办公厅节假日安排通知" in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)
    with pytest.raises(CalendarNotCovered):
        cal.is_workday(date(2030, 5, 1), strict=True)
    with pytest.raises(CalendarNotCovered):
        cal.deadline(date(2026, 12, 20), 20, strict=True)
    assert cal.add_working_days(date(2026, 12, 1), 5, strict=True).date == date(2026, 12, 8)


def test_off_dates_beat_weekdays_and_makeup_beats_weekends():
    cal = WorkCalendar([2030], off_dates=[date(2030, 1, 2)], makeup_workdays=[date(2030, 1, 5)])
    assert not cal.is_workday(date(2030, 1, 2))  # a Wednesday off
    assert cal.is_workday(date(2030, 1, 5))  # a Saturday worked
    assert not cal.is_workday(date(2030, 1, 6))
    with pytest.raises(ValueError, match="既是放假日又是调休上班日"):
        WorkCalendar([2030], off_dates=[date(2030, 1, 5)], makeup_workdays=[date(2030, 1, 5)])


def test_far_dates_outside_the_index_still_answer():
    cal = WorkCalendar([2026], off_dates=[date(2026, 10, 1)])
    result = cal.add_working_days(date(2090, 1, 1), 3)  # 2090-01-01 is a Sunday
    assert result.date == date(2090, 1, 4) and result.provisional
    assert cal.count_working_days(date(1990, 1, 1), date(1990, 1, 8)).count == 5


def test_deadline_with_a_consultation_pause(cal):
    plain = cal.deadline(date(2026, 9, 28), 20)
    assert plain.date == date(2026, 10, 30) and not plain.provisional
    assert any("国庆节放假" in step for step in plain.trace)
    assert any("调休上班" in step and "2026年10月10日" in step for step in plain.trace)
    assert plain.trace[-1] == "第20个工作日：2026年10月30日（周五），即期限届满日"
    # Third-party consultation 10/12–10/16 (five working days) does not count.
    paused = cal.deadline(date(2026, 9, 28), 20, excluded=[(date(2026, 10, 12), date(2026, 10, 16))])
    assert paused.date == date(2026, 11, 6)
    assert any("中止期间" in step and "5个工作日未计入" in step for step in paused.trace)
    # Overlapping pauses merge; a pause over a holiday adds nothing for the holiday.
    merged = cal.deadline(
        date(2026, 9, 28),
        20,
        excluded=[(date(2026, 10, 12), date(2026, 10, 14)), (date(2026, 10, 13), date(2026, 10, 16))],
    )
    assert merged.date == paused.date
    holiday_pause = cal.deadline(date(2026, 9, 28), 20, excluded=[(date(2026, 10, 1), date(2026, 10, 7))])
    assert holiday_pause.date == plain.date
    with pytest.raises(ValueError, match="早于开始日期"):
        cal.deadline(date(2026, 9, 28), 20, excluded=[(date(2026, 10, 16), date(2026, 10, 12))])


def test_deadline_into_an_uncovered_year_explains_itself(cal):
    result = cal.deadline(date(2026, 12, 15), 20)
    assert result.provisional
    assert result.trace[-1] == "注意：2027年节假日安排尚未录入，按正常周末推算，结果为暂定"
