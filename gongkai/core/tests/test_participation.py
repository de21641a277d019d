"""The law of public participation as data (国务院令第713号) and its framework-free checks."""

from datetime import date, timedelta

from gongkai.core import participation as rules


def test_every_stage_cites_an_article_of_the_regulation():
    assert [s.label for s in rules.STAGES][:2] == ["拟定", "预公开/征求意见"]
    assert all(s.basis.startswith("《重大行政决策程序暂行条例》第") for s in rules.STAGES)
    assert [s.code for s in rules.STAGES if s.optional] == ["hearing"]
    assert rules.CONSULTATION_PERIOD.value == 30 and "第十五条" in rules.CONSULTATION_PERIOD.basis
    assert rules.LEGALITY_REVIEW.working_days and "第二十六条" in rules.LEGALITY_REVIEW.basis


def test_allowed_next_skips_only_the_optional_hearing():
    assert rules.allowed_next("drafting") == ["consultation"]
    assert rules.allowed_next("consultation") == ["hearing", "legality"]
    assert rules.allowed_next("legality") == ["decided"]
    assert rules.allowed_next("evaluated") == []


def test_period_counts_both_ends_and_needs_a_reason_when_short():
    start = date(2026, 3, 1)
    assert rules.consultation_days(start, date(2026, 3, 30)) == 30
    assert rules.period_problems(start, date(2026, 3, 30)) == []
    assert "少于30日" in rules.period_problems(start, date(2026, 3, 29))[0]
    assert rules.period_problems(start, date(2026, 3, 29), "紧急") == []
    assert "早于" in rules.period_problems(start, start - timedelta(days=1))[0]


def test_hearing_needs_the_list_published_and_materials_seven_days_ahead():
    hearing = date(2026, 5, 20)
    assert (
        rules.hearing_problems(
            hearing_on=hearing,
            participants_published_on=date(2026, 5, 1),
            materials_sent_on=date(2026, 5, 13),
        )
        == []
    )
    late = rules.hearing_problems(
        hearing_on=hearing, participants_published_on=None, materials_sent_on=date(2026, 5, 14)
    )
    assert len(late) == 2 and "前6日" in late[1]


def test_legality_review_counts_working_days_with_the_given_calendar():
    weekdays = lambda a, b: sum(  # noqa: E731 — a calendar with weekends only
        1 for n in range(1, (b - a).days + 1) if (a + timedelta(days=n)).weekday() < 5
    )
    sent = date(2026, 3, 2)  # a Monday
    assert (
        "5个工作日"
        in rules.legality_problems(sent_on=sent, opinion_on=date(2026, 3, 9), count_working_days=weekdays)[0]
    )
    assert (
        rules.legality_problems(sent_on=sent, opinion_on=date(2026, 3, 11), count_working_days=weekdays) == []
    )
    assert rules.legality_problems(sent_on=None, opinion_on=None, count_working_days=weekdays)


def test_adoption_rate_and_masks():
    assert rules.adoption_rate(["adopted", "partly", "rejected", "", "rejected"]) == (2, 4, 0.5)
    assert rules.adoption_rate([]) == (0, 0, None)
    assert rules.mask_name("张三丰") == "张**" and rules.mask_name("") == "匿名"
    assert rules.mask_contact("13812345678") == "138****5678"
    assert rules.mask_contact("zhang@example.com") == "z***@example.com"
