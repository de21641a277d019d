"""The assessment's scoring rules (core.assessment): hand-worked examples and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.assessment import (
    AutoRule,
    Line,
    LineKind,
    Method,
    auto_points,
    combine,
    rank,
    rule_error,
    weight_error,
)

points = st.floats(min_value=0.5, max_value=50, allow_nan=False)
values = st.floats(min_value=-10, max_value=1000, allow_nan=False)


def test_ratio_is_points_times_rate():
    assert auto_points(AutoRule(Method.RATIO, 10), 85).points == 8.5
    assert auto_points(AutoRule(Method.RATIO, 10), 120).points == 10  # a rate is at most 100 %


def test_threshold_all_or_nothing_or_partial():
    rule = AutoRule(Method.THRESHOLD, 6, target=90)
    assert auto_points(rule, 90).points == 6
    assert auto_points(rule, 89.9).points == 0
    partial = AutoRule(Method.THRESHOLD, 6, target=90, partial=True)
    assert auto_points(partial, 45).points == 3


def test_per_item_deduction_stops_at_floor():
    rule = AutoRule(Method.PER_ITEM, 5, per_item=0.5, floor=1)
    assert auto_points(rule, 0).points == 5
    assert auto_points(rule, 3).points == 3.5
    assert auto_points(rule, 100).points == 1


def test_count_target_uses_the_figures_required_count():
    rule = AutoRule(Method.COUNT_TARGET, 4, required=2)
    assert auto_points(rule, 1).points == 2
    assert auto_points(rule, 5).points == 4
    assert auto_points(rule, 1, required=4).points == 1  # the figure says 4 are required


def test_flag_and_nothing_to_count():
    assert auto_points(AutoRule(Method.FLAG, 3), 1).points == 3
    assert auto_points(AutoRule(Method.FLAG, 3), 0).points == 0
    assert auto_points(AutoRule(Method.RATIO, 3), None).points == 3


def test_veto_zeroes_the_whole_group_and_bonus_is_capped():
    lines = [
        Line("主动公开", LineKind.AUTO, 10, 9),
        Line("主动公开", LineKind.MANUAL, 5, 5),
        Line("依申请公开", LineKind.AUTO, 10, 7),
        Line("依申请公开", LineKind.VETO, 0, 0, vetoed=True),
        Line("", LineKind.BONUS, 0, 2),
        Line("", LineKind.BONUS, 0, 2),
        Line("", LineKind.DEDUCTION, 0, 1.5),
    ]
    total = combine(lines, bonus_cap=3)
    assert total.groups == {"主动公开": 14, "依申请公开": 0}
    assert total.vetoed_groups == ("依申请公开",)
    assert total.bonus == 3 and total.bonus_uncapped == 4
    assert total.total == 14 + 3 - 1.5
    assert total.max_base == 25


def test_rank_shares_ties():
    assert rank({1: 90, 2: 95, 3: 90, 4: 80}) == {2: 1, 1: 2, 3: 2, 4: 4}


def test_weight_below_four_percent_is_refused():
    assert "不得低于4%" in weight_error(3.5)
    assert weight_error(4) == ""


def test_rule_errors_name_the_fix():
    assert "目标值" in rule_error(AutoRule(Method.THRESHOLD, 5))
    assert "每项扣分" in rule_error(AutoRule(Method.PER_ITEM, 5))
    assert rule_error(AutoRule(Method.RATIO, 5)) == ""


@given(st.sampled_from(list(Method)), points, st.one_of(st.none(), values))
def test_auto_points_within_zero_and_full(method, full, value):
    rule = AutoRule(method, full, target=50, per_item=1, floor=0, required=2)
    got = auto_points(rule, value).points
    assert 0 <= got <= round(full, 2) + 1e-9


@given(st.sampled_from([Method.RATIO, Method.THRESHOLD, Method.COUNT_TARGET]), points, values, values)
def test_more_is_never_worse(method, full, low, high):
    low, high = sorted((low, high))
    rule = AutoRule(method, full, target=60, partial=True, required=3)
    assert auto_points(rule, low).points <= auto_points(rule, high).points


@given(points, values, values)
def test_more_items_never_better(full, low, high):
    low, high = sorted((low, high))
    rule = AutoRule(Method.PER_ITEM, full, per_item=0.5, floor=0)
    assert auto_points(rule, low).points >= auto_points(rule, high).points


line_st = st.builds(
    Line,
    st.sampled_from(["甲", "乙", "丙"]),
    st.sampled_from(list(LineKind)),
    st.floats(min_value=0, max_value=20),
    st.floats(min_value=-5, max_value=30),
    st.booleans(),
)


@given(st.lists(line_st, max_size=30), st.floats(min_value=0, max_value=10))
def test_combine_bounds(lines, cap):
    total = combine(lines, bonus_cap=cap)
    assert total.total >= 0
    assert total.bonus <= round(cap, 2) + 1e-9
    assert total.base <= total.max_base + 1e-6
    for group in total.vetoed_groups:
        assert total.groups[group] == 0


@pytest.mark.parametrize("cap", [0, 5])
def test_no_bonus_above_zero_cap(cap):
    assert combine([Line("", LineKind.BONUS, 0, 7)], bonus_cap=cap).bonus == cap
