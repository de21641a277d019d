"""有效性 derived from dates and relations, the validity-term rule and the evaluation due date."""

from datetime import date

import pytest

from gongkai.core.policy.validity import (
    AMENDED_BY,
    EXTENDED,
    REPEALED_BY,
    REPLACED_BY,
    Relation,
    Status,
    ValidityRule,
    derive_status,
    expiry_date,
    validity_term,
)

TITLE = "某县农业补贴管理办法"
START = date(2024, 1, 1)


def status(as_of, **kw):
    kw.setdefault("title", TITLE)
    kw.setdefault("effective_date", START)
    return derive_status(as_of, **kw)


def test_not_yet_effective_until_the_day_of_entry_into_force():
    before = status(date(2023, 12, 31))
    assert before.status == Status.NOT_YET_EFFECTIVE
    assert "2024年1月1日" in before.reason
    assert status(START).status == Status.VALID  # the day of 施行 itself


def test_default_five_years_and_expiry_boundary():
    last_day = status(date(2028, 12, 31))
    assert last_day.status == Status.VALID
    assert last_day.term.expires_on == date(2028, 12, 31)
    assert "未写明有效期" in last_day.reason and "5年" in last_day.reason
    after = status(date(2029, 1, 1))  # the day after expiry
    assert after.status == Status.EXPIRED
    assert "2029年1月1日失效" in after.reason


def test_provisional_titles_two_years():
    for title in ("某县农村宅基地管理暂行办法", "某县公共资源交易试行规定"):
        v = status(date(2025, 12, 31), title=title)
        assert v.status == Status.VALID and v.term.expires_on == date(2025, 12, 31)
        assert "暂行/试行" in v.reason
        assert status(date(2026, 1, 1), title=title).status == Status.EXPIRED


def test_stated_term_is_capped_by_the_rule():
    assert validity_term(title=TITLE, effective_date=START, stated_years=3).expires_on == date(2026, 12, 31)
    capped = validity_term(title="某县暂行办法", effective_date=START, stated_years=5)
    assert capped.expires_on == date(2025, 12, 31) and "超过" in capped.note
    end = validity_term(title=TITLE, effective_date=START, stated_end=date(2026, 6, 30))
    assert end.expires_on == date(2026, 6, 30)
    too_long = validity_term(title=TITLE, effective_date=START, stated_end=date(2035, 1, 1))
    assert too_long.expires_on == date(2028, 12, 31)


def test_rule_is_overridable():
    rule = ValidityRule(default_years=3, provisional_years=1, evaluation_months=3)
    v = status(date(2025, 6, 1), title="某县暂行办法", rule=rule)
    assert v.term.expires_on == date(2024, 12, 31)
    assert v.status == Status.EXPIRED
    assert validity_term(title=TITLE, effective_date=START, rule=rule).evaluation_due == date(2026, 9, 30)


def test_written_date_used_when_no_effective_date():
    v = derive_status(date(2024, 6, 1), title=TITLE, effective_date=None, written_date=date(2024, 3, 15))
    assert v.term.start == date(2024, 3, 15) and "成文日期" in v.reason
    with pytest.raises(ValueError, match="成文日期"):
        derive_status(date(2024, 6, 1), title=TITLE, effective_date=None)


def test_evaluation_due_six_months_before_expiry():
    v = status(date(2028, 6, 30))
    assert v.term.evaluation_due == date(2028, 6, 30)
    assert v.evaluation_due(date(2028, 6, 30))
    assert not v.evaluation_due(date(2028, 6, 29))
    assert not status(date(2029, 1, 1)).evaluation_due(date(2029, 1, 1))


def test_amended_from_the_amendment_effective_date():
    rel = [Relation(AMENDED_BY, date(2025, 3, 1), "某县人民政府关于修改《某县农业补贴管理办法》的决定")]
    assert status(date(2025, 2, 28), relations=rel).status == Status.VALID
    v = status(date(2025, 3, 1), relations=rel)
    assert v.status == Status.AMENDED and v.in_force
    assert "修改" in v.reason and "《某县人民政府关于修改" in v.reason
    # An amended document still expires with its term.
    assert status(date(2029, 1, 1), relations=rel).status == Status.EXPIRED


def test_repeal_takes_precedence_over_amendment_and_expiry():
    rel = [
        Relation(AMENDED_BY, date(2025, 3, 1), "修改决定"),
        Relation(REPEALED_BY, date(2026, 1, 1), "某县人民政府关于废止部分规范性文件的决定"),
    ]
    assert status(date(2025, 12, 31), relations=rel).status == Status.AMENDED
    repealed = status(date(2026, 1, 1), relations=rel)
    assert repealed.status == Status.REPEALED and not repealed.in_force
    assert "废止" in repealed.reason
    assert status(date(2030, 1, 1), relations=rel).status == Status.REPEALED


def test_replaced_counts_as_repealed():
    rel = [Relation(REPLACED_BY, date(2026, 7, 1), "某县农业补贴管理办法（2026年修订）")]
    v = status(date(2026, 7, 1), relations=rel)
    assert v.status == Status.REPEALED and "替代" in v.reason


def test_repealed_before_entry_into_force():
    rel = [Relation(REPEALED_BY, date(2023, 12, 1), "撤回决定")]
    assert status(date(2023, 12, 15), relations=rel).status == Status.REPEALED


def test_extension_moves_the_expiry():
    rel = [Relation(EXTENDED, date(2028, 10, 1), "评估意见", until=date(2030, 12, 31))]
    v = status(date(2029, 6, 1), relations=rel)
    assert v.status == Status.VALID and v.term.expires_on == date(2030, 12, 31)
    assert "延续有效期至2030年12月31日" in v.reason
    assert v.term.evaluation_due == date(2030, 6, 30)
    assert status(date(2031, 1, 1), relations=rel).status == Status.EXPIRED


def test_expiry_date_leap_years():
    assert expiry_date(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert expiry_date(date(2023, 3, 1), 5) == date(2028, 2, 29)
    assert expiry_date(date(2024, 3, 1), 2) == date(2026, 2, 28)


def test_declared_expired_by_a_cleanup_ends_the_term_early():
    from gongkai.core.policy.validity import DECLARED_EXPIRED

    rel = Relation(DECLARED_EXPIRED, date(2026, 6, 1), by="2026年规范性文件清理结果")
    assert status(date(2026, 5, 31), relations=[rel]).status == Status.VALID
    after = status(date(2026, 6, 1), relations=[rel])
    assert after.status == Status.EXPIRED
    assert "宣布失效" in after.reason and "清理结果" in after.reason
    # A repeal outranks a declaration once both are in effect.
    repeal = Relation(REPEALED_BY, date(2026, 7, 1), by="示政发〔2026〕9号")
    assert status(date(2026, 6, 15), relations=[rel, repeal]).status == Status.EXPIRED
    assert status(date(2026, 7, 1), relations=[rel, repeal]).status == Status.REPEALED
