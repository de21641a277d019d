"""The framework-free rules: status on the calendar, cycles, weighted roll-up, year comparison."""

from datetime import date
from decimal import Decimal

from gongkai.workplan import logic


def weekdays_only(day: date) -> bool:
    return day.weekday() < 5


def test_due_date_moves_past_rest_days():
    assert logic.due_date(date(2026, 11, 21), weekdays_only) == date(2026, 11, 23)  # Saturday → Monday
    assert logic.due_date(date(2026, 11, 20), weekdays_only) == date(2026, 11, 20)
    assert logic.due_date(None, weekdays_only) is None


def test_live_status():
    today = date(2026, 7, 1)
    args = (today, weekdays_only)
    assert logic.live_status("not_started", date(2026, 6, 30), "", False, *args) == "overdue"
    assert logic.live_status("done", date(2026, 6, 30), "", True, *args) == "done"
    assert logic.live_status("not_started", None, "ongoing", False, *args) == "ongoing"
    assert logic.live_status("not_started", None, "", True, *args) == "in_progress"
    assert logic.live_status("not_started", None, "", False, *args) == "not_started"
    # Deadline on a Saturday, checked on the Monday after: still in time.
    assert logic.live_status(
        "in_progress", date(2026, 6, 27), "", True, date(2026, 6, 29), weekdays_only
    ) == ("in_progress")


def test_cycle_bounds():
    assert logic.cycle_bounds("monthly", date(2026, 2, 10)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert logic.cycle_bounds("quarterly", date(2026, 11, 23)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert logic.cycle_bounds("weekly", date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert logic.cycle_bounds("monthly", date(2026, 12, 5)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_rollup_is_weighted():
    item1 = logic.Node(Decimal(1), children=[logic.Node(Decimal(1), 100), logic.Node(Decimal(3), 0)])
    item2 = logic.Node(Decimal(1), children=[logic.Node(Decimal(1), 50)])
    part = logic.Node(Decimal(1), children=[item1, item2])
    assert logic.rollup(item1) == 25
    assert logic.rollup(part) == (25 + 50) / 2
    heavy = logic.Node(Decimal(1), children=[logic.Node(Decimal(3), children=[logic.Node(1, 100)]), item2])
    assert logic.rollup(heavy) == (3 * 100 + 50) / 4
    assert logic.task_percent("done", [10]) == 100
    assert logic.task_percent("in_progress", [40, None]) == 20


def test_compare_classifies_items():
    old = [
        ("聚焦高质量发展推动信息公开", "及时公开产业链行动计划和民营经济政策措施，推进企业信用信息公开。"),
        ("加强政策解读", "围绕重要政策开展多元化解读，解读比例不低于70%。"),
        ("规范政府信息公开申请办理", "严格依法答复，降低被纠错率。"),
    ]
    new = [
        (
            "聚焦高质量发展推动信息公开",
            "及时公开产业链行动计划和民营经济政策措施，依法推进企业信用信息公开。",
        ),
        ("深化政策解读", "围绕重大政策开展图解、视频等多元化解读，提高解读质量。"),
        ("推进基层政务公开标准化", "更新乡镇标准目录，建设村务公开栏。"),
    ]
    pairs = logic.compare(old, new)
    by_new = {p.new: p for p in pairs if p.new is not None}
    assert by_new[0].status == "continued" and by_new[0].old == 0
    assert by_new[1].status == "changed" and by_new[1].old == 1
    assert by_new[2].status == "new"
    assert [p.old for p in pairs if p.status == "dropped"] == [2]
