"""The periodic-disclosure due rules on the real calendar (chinesecalendar's 2026 国庆 break)."""

from datetime import date

import pytest

from gongkai.core.sitecheck import due, newmedia
from gongkai.core.workdays import WorkCalendar

CAL = WorkCalendar.from_chinesecalendar([2025, 2026])


def add(start, n):
    r = CAL.add_working_days(start, n)
    return r.date, r.provisional


def test_event_rule_counts_working_days_over_national_day():
    # 2026-09-30 + 20 working days: Oct 1–7 off (2026 国庆中秋), 9-28? no; Oct 10 (Sat) is a 调休 workday.
    st = due.status(
        due.DueRule(due.EVENT, n_days=20),
        last_published=None,
        today=date(2026, 10, 20),
        event_date=date(2026, 9, 30),
        add_working_days=add,
    )
    expected = CAL.add_working_days(date(2026, 9, 30), 20).date
    assert st.next_due == expected
    # By hand: Oct 8,9,10(调休),12-16,19-23,26-30 = 3+5+5+5 = 18 → Nov 2, 3 make 20.
    assert expected == date(2026, 11, 3)
    assert not st.overdue
    late = due.status(
        due.DueRule(due.EVENT, n_days=20),
        last_published=None,
        today=date(2026, 11, 4),
        event_date=date(2026, 9, 30),
        add_working_days=add,
    )
    assert late.overdue and late.overdue_since == date(2026, 11, 3)


def test_event_rule_met_by_publication_after_event():
    st = due.status(
        due.DueRule(due.EVENT, n_days=20),
        last_published=date(2026, 10, 9),
        today=date(2026, 12, 1),
        event_date=date(2026, 9, 30),
        add_working_days=add,
    )
    assert not st.overdue and st.next_due is None
    before = due.status(
        due.DueRule(due.EVENT, n_days=20),
        last_published=date(2026, 9, 1),
        today=date(2026, 12, 1),
        event_date=date(2026, 9, 30),
        add_working_days=add,
    )
    assert before.overdue


def test_monthly_rule():
    rule = due.DueRule(due.MONTHLY, day=15)
    # Published in the period (Oct 16 – Nov 15) → next deadline Dec 15.
    ok = due.status(rule, last_published=date(2026, 11, 10), today=date(2026, 11, 20))
    assert not ok.overdue and ok.next_due == date(2026, 12, 15)
    # Last published before the Nov period → overdue since Nov 15.
    late = due.status(rule, last_published=date(2026, 10, 14), today=date(2026, 11, 20))
    assert late.overdue and late.overdue_since == date(2026, 11, 15)
    # A late publication (after the deadline) clears it; the next period then waits.
    cleared = due.status(rule, last_published=date(2026, 11, 18), today=date(2026, 11, 20))
    assert not cleared.overdue and cleared.next_due == date(2026, 12, 15)
    # Day 31 is clamped to the month's length.
    assert due.status(
        due.DueRule(due.MONTHLY, day=31), last_published=date(2026, 2, 10), today=date(2026, 2, 20)
    ).next_due == date(2026, 2, 28)


def test_quarterly_rule():
    rule = due.DueRule(due.QUARTERLY, month=1, day=20)  # by 20 Jan / Apr / Jul / Oct
    st = due.status(rule, last_published=date(2026, 7, 15), today=date(2026, 8, 1))
    assert not st.overdue and st.next_due == date(2026, 10, 20)
    late = due.status(rule, last_published=date(2026, 7, 15), today=date(2026, 10, 21))
    assert late.overdue and late.overdue_since == date(2026, 10, 20)


def test_yearly_rule_annual_report_by_31_january():
    rule = due.DueRule(due.YEARLY, month=1, day=31)
    assert due.status(rule, last_published=None, today=date(2026, 2, 1)).overdue
    st = due.status(rule, last_published=date(2026, 1, 20), today=date(2026, 2, 1))
    assert not st.overdue and st.next_due == date(2027, 1, 31)
    # Before this year's deadline, last year's report (published Jan 2025) is still good.
    early = due.status(rule, last_published=date(2025, 1, 25), today=date(2026, 1, 10))
    assert not early.overdue and early.next_due == date(2026, 1, 31)


def test_dynamic_rule_has_no_deadline():
    st = due.status(due.DueRule(due.DYNAMIC), last_published=None, today=date(2026, 5, 1))
    assert st.next_due is None and not st.overdue


@pytest.mark.parametrize(
    "rule",
    [
        due.DueRule("weekly"),
        due.DueRule(due.EVENT, n_days=0),
        due.DueRule(due.MONTHLY, day=0),
        due.DueRule(due.QUARTERLY, month=4, day=1),
        due.DueRule(due.YEARLY, month=13, day=1),
    ],
)
def test_bad_rules_are_refused_in_chinese(rule):
    with pytest.raises(due.RuleError) as exc:
        rule.check()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_new_media_two_week_veto():
    today = date(2026, 12, 7)
    assert not newmedia.is_stale(date(2026, 11, 23), today)  # exactly 14 days: still within 2 weeks
    assert newmedia.is_stale(date(2026, 11, 22), today)
    assert newmedia.is_stale(None, today)


def test_due_soon_periodic_unmet_met_in_advance_and_outside_the_window():
    from datetime import date as _date

    from gongkai.core.sitecheck.due import DueRule, deadlines_around, is_due_soon, status

    rule = DueRule("monthly", day=15)
    today, limit = _date(2026, 12, 10), _date(2026, 12, 17)

    def soon(last, limit=limit):
        st = status(rule, last_published=last, today=today, marks=deadlines_around(rule, today))
        return is_due_soon(rule, st, last_published=last, today=today, soon_limit=limit)

    assert soon(_date(2026, 11, 10))  # November's item covered Nov 15; December's is still to come
    assert not soon(_date(2026, 12, 1))  # already published for the Dec 15 deadline
    assert not soon(_date(2026, 11, 10), limit=_date(2026, 12, 14))  # deadline outside the window
    assert not soon(None)  # nothing ever published: overdue (Nov 15 passed), not "due soon"


def test_due_soon_event_rule_only_while_unmet():
    from datetime import date as _date
    from datetime import timedelta as _td

    from gongkai.core.sitecheck.due import DueRule, is_due_soon, status

    rule = DueRule("event", n_days=3)

    def add(start, n):
        return start + _td(days=n), False

    today = _date(2026, 12, 10)
    st = status(rule, last_published=None, today=today, event_date=_date(2026, 12, 9), add_working_days=add)
    assert is_due_soon(rule, st, last_published=None, today=today, soon_limit=_date(2026, 12, 12))
    met = status(
        rule,
        last_published=_date(2026, 12, 9),
        today=today,
        event_date=_date(2026, 12, 9),
        add_working_days=add,
    )
    assert not is_due_soon(
        rule, met, last_published=_date(2026, 12, 9), today=today, soon_limit=_date(2026, 12, 31)
    )
