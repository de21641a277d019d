"""Properties of working-day arithmetic, checked by hypothesis against a plain day-by-day reference."""

from datetime import date, timedelta

import chinese_calendar
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import WorkCalendar

CAL = WorkCalendar.from_chinesecalendar()
# Start dates across the whole table and into the uncovered years on either side.
starts = st.dates(min_value=date(2002, 1, 1), max_value=date(2029, 12, 31))
counts = st.integers(min_value=0, max_value=400)


def reference_is_workday(d: date) -> bool:
    """The package itself where it knows the year, weekends elsewhere."""
    if 2004 <= d.year <= 2026:
        return chinese_calendar.is_workday(d)
    return d.weekday() < 5


def reference_add(start: date, n: int) -> date:
    d = start
    while n:
        d += timedelta(days=1)
        if reference_is_workday(d):
            n -= 1
    return d


@settings(max_examples=200, deadline=None)
@given(starts, counts)
def test_add_matches_a_day_by_day_reference(start, n):
    assert CAL.add_working_days(start, n).date == reference_add(start, n)


@settings(max_examples=200, deadline=None)
@given(starts, counts)
def test_add_then_count_back_gives_n(start, n):
    end = CAL.add_working_days(start, n).date
    assert CAL.count_working_days(start, end).count == n
    assert CAL.count_working_days(end, start).count == -n


@settings(max_examples=200, deadline=None)
@given(starts, st.integers(min_value=0, max_value=300))
def test_add_is_strictly_monotonic_in_n(start, n):
    assert CAL.add_working_days(start, n).date < CAL.add_working_days(start, n + 1).date


@settings(max_examples=200, deadline=None)
@given(starts, st.integers(min_value=0, max_value=300), st.integers(min_value=1, max_value=60))
def test_later_start_never_gives_an_earlier_result(start, n, shift):
    later = start + timedelta(days=shift)
    assert CAL.add_working_days(start, n).date <= CAL.add_working_days(later, n).date


@settings(max_examples=200, deadline=None)
@given(starts, st.integers(min_value=1, max_value=400))
def test_result_is_always_a_workday(start, n):
    result = CAL.add_working_days(start, n)
    assert reference_is_workday(result.date)
    assert result.provisional == any(y < 2004 or y > 2026 for y in range(start.year, result.date.year + 1))


@settings(max_examples=200, deadline=None)
@given(starts, st.integers(min_value=0, max_value=120))
def test_deadline_without_pauses_is_add(start, n):
    assert CAL.deadline(start, n).date == CAL.add_working_days(start, n).date


@settings(max_examples=200, deadline=None)
@given(
    starts,
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=30),
)
def test_pause_lengthens_by_exactly_the_paused_workdays(start, n, offset, length):
    pause = (start + timedelta(days=offset), start + timedelta(days=offset + length))
    result = CAL.deadline(start, n, excluded=[pause]).date
    assert result >= CAL.add_working_days(start, n).date
    # Working days after start up to the result, outside the pause, are exactly n; the result itself counts.
    counted = [
        d
        for d in (start + timedelta(days=i) for i in range(1, (result - start).days + 1))
        if reference_is_workday(d) and not (pause[0] <= d <= pause[1])
    ]
    assert len(counted) == n and counted[-1] == result
