"""Property tests of the deadline engine and the fee bands (hypothesis), on the real 2004–2026 table."""

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.core import foi_rules as fr
from gongkai.core.workdays import WorkCalendar

CAL = WorkCalendar.from_chinesecalendar()
days_2020s = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 10, 31))
limits = st.integers(min_value=1, max_value=20)
extensions = st.integers(min_value=0, max_value=20)


def counted_days(start, end, pauses):
    """Working days start < d <= end outside every pause: the engine's invariant, counted the slow way."""
    n, d = 0, start
    while d < end:
        d += timedelta(days=1)
        if CAL.is_workday(d) and not any(a <= d <= b for a, b in pauses):
            n += 1
    return n


@settings(max_examples=150, deadline=None)
@given(received=days_2020s, limit=limits, ext=extensions)
def test_plain_period_equals_working_day_addition(received, limit, ext):
    d = fr.compute_due(fr.ledger_for(received, extension=ext), CAL, limit=limit)
    assert d.date == CAL.add_working_days(received, limit + ext).date
    assert CAL.is_workday(d.date)
    assert fr.remaining_working_days(d.date, received, CAL) == limit + ext


@settings(max_examples=150, deadline=None)
@given(
    received=days_2020s,
    limit=limits,
    offset=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=0, max_value=40),
)
def test_pause_days_never_count(received, limit, offset, length):
    a = received + timedelta(days=offset)
    b = a + timedelta(days=length)
    d = fr.compute_due(fr.ledger_for(received, pauses=[(a, b)]), CAL, limit=limit)
    assert counted_days(received, d.date, [(a, b)]) == limit
    assert not a <= d.date <= b
    assert CAL.is_workday(d.date)
    # A pause never brings the due date forward.
    assert d.date >= fr.compute_due(fr.ledger_for(received), CAL, limit=limit).date


@settings(max_examples=100, deadline=None)
@given(received=days_2020s, gap=st.integers(min_value=0, max_value=60), limit=limits)
def test_correction_restarts_from_its_receipt(received, gap, limit):
    corrected = received + timedelta(days=gap)
    d = fr.compute_due(fr.ledger_for(received, correction_received=corrected), CAL, limit=limit)
    assert d.start == corrected
    assert d.date == CAL.add_working_days(corrected, limit).date


@settings(max_examples=100, deadline=None)
@given(received=days_2020s, ext=st.integers(min_value=0, max_value=19))
def test_each_extension_day_moves_the_date_to_the_next_working_day(received, ext):
    shorter = fr.compute_due(fr.ledger_for(received, extension=ext), CAL).date
    longer = fr.compute_due(fr.ledger_for(received, extension=ext + 1), CAL).date
    assert longer == CAL.add_working_days(shorter, 1).date


@given(st.integers(min_value=0, max_value=500))
def test_item_fee_grows_by_the_unit_price(n):
    assert fr.compute_fee(items=n + 1).amount - fr.compute_fee(items=n).amount == fr.item_unit_price(n + 1)


@given(st.integers(min_value=0, max_value=2000))
def test_volume_fee_grows_by_the_band_price(p):
    step = fr.compute_fee(pages=p + 1).amount - fr.compute_fee(pages=p).amount
    q = p + 1
    expected = 0 if q <= 30 else 10 if q <= 100 else 20 if q <= 200 else 40
    assert step == expected


@given(received=days_2020s, limit=limits)
def test_provisional_only_outside_the_table(received, limit):
    d = fr.compute_due(fr.ledger_for(received), CAL, limit=limit)
    assume(d.date.year <= 2026)
    assert not d.provisional


@settings(max_examples=300, deadline=None)
@given(
    received=st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 6, 30)),
    n=st.integers(min_value=0, max_value=40),
    pauses=st.lists(
        st.tuples(st.integers(min_value=-5, max_value=60), st.integers(min_value=0, max_value=30)), max_size=3
    ),
)
def test_fast_deadline_equals_the_traced_walk(received, n, pauses):
    periods = [(received + timedelta(days=a), received + timedelta(days=a + b)) for a, b in pauses]
    slow = CAL.deadline(received, n, excluded=periods)
    fast = fr.fast_deadline(CAL, received, n, periods)
    assert (fast.date, fast.provisional) == (slow.date, slow.provisional)
