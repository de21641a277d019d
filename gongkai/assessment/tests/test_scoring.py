"""Scores from the figures: each automatic rule against hand-counted records, the ratio parts, the missing source,
caps, veto, freezing and the audited recalculation."""

from datetime import date

import pytest

from gongkai.assessment import services
from gongkai.assessment.errors import AssessmentError
from gongkai.assessment.models import Score
from gongkai.audit.models import AuditEvent
from gongkai.common import figures

from .fixtures import line, pdf, publish_on, quarter, scheme, source

pytestmark = pytest.mark.django_db


def _score(period, unit):
    return Score.objects.get(period=period, unit=unit)


def test_published_count_against_a_threshold_hand_counted(world):
    # 城关镇: 3 items in Q1 and 1 in April; 县发改委: 1 item in Q1. Target 4 with partial credit, 8 points.
    for day in (date(2026, 1, 10), date(2026, 2, 3), date(2026, 3, 31)):
        publish_on(world, day, world.town)
    publish_on(world, date(2026, 4, 2), world.town)
    publish_on(world, date(2026, 3, 1), world.dept)
    s = scheme()
    services.add_indicator(
        s,
        actor=None,
        group="active",
        name="发布数量",
        kind="auto",
        points=8,
        source_key="publishing.published",
        method="threshold",
        target=4,
        partial=True,
    )
    q1 = quarter(s, 1)
    assert services.compute_period(q1, actor=world.office) == 2
    town, dept = _score(q1, world.town), _score(q1, world.dept)
    assert line(town, "发布数量")["value"] == 3 and float(town.total) == 6.0  # 8 × 3/4
    assert line(dept, "发布数量")["value"] == 1 and float(dept.total) == 2.0  # 8 × 1/4
    assert line(town, "发布数量")["detail_url"].startswith("/work/publishing/")
    q2 = quarter(s, 2)  # counted from 1 January to 30 June: 4 items, full points
    services.compute_period(q2, actor=world.office)
    assert float(_score(q2, world.town).total) == 8.0


def test_ratio_from_parts_per_item_and_count_target(world, monkeypatch):
    town, dept = world.town.pk, world.dept.pk
    source(
        monkeypatch,
        "t.tasks",
        {
            town: figures.Figure(3, numerator=3, denominator=4),
            dept: figures.Figure(0, numerator=0, denominator=0),
        },
    )
    source(monkeypatch, "t.stale", {town: figures.Figure(5), dept: figures.Figure(0)})
    source(
        monkeypatch, "t.trainings", {town: figures.Figure(1, extra={"required": 4}), dept: figures.Figure(3)}
    )
    s = scheme()

    def add(name, **kw):
        return services.add_indicator(s, actor=None, group="organisation", name=name, kind="auto", **kw)  # noqa: E731

    add("任务完成率", points=8, source_key="t.tasks", method="ratio")
    add("空栏目", points=4, source_key="t.stale", method="per_item", per_item=1, floor=0.5)
    add("培训", points=4, source_key="t.trainings", method="count_target", required=2)
    q1 = quarter(s)
    services.compute_period(q1, actor=None)
    t, d = _score(q1, world.town), _score(q1, world.dept)
    assert line(t, "任务完成率")["earned"] == 6.0  # 3/4 = 75 % of 8
    assert line(d, "任务完成率")["earned"] == 8.0  # no task at all: nothing to fail at
    assert line(t, "空栏目")["earned"] == 0.5  # 4 − 5×1, floor 0.5
    assert line(d, "空栏目")["earned"] == 4.0
    assert line(t, "培训")["earned"] == 1.0  # the figure says 4 required: 1/4 of 4
    assert line(d, "培训")["earned"] == 4.0  # 3 ≥ the rule's 2
    assert float(t.total) == 7.5 and float(t.max_base) == 16


def test_an_unknown_source_is_refused_and_a_vanished_one_scores_full(world, monkeypatch):
    s = scheme()
    with pytest.raises(AssessmentError, match="数据来源“registers.nope”不存在"):
        services.add_indicator(
            s,
            actor=None,
            group="organisation",
            name="x",
            kind="auto",
            points=2,
            source_key="registers.nope",
            method="flag",
        )
    source(monkeypatch, "t.gone", {})
    services.add_indicator(
        s,
        actor=None,
        group="organisation",
        name="将消失",
        kind="auto",
        points=2,
        source_key="t.gone",
        method="flag",
    )
    monkeypatch.setattr(figures, "_sources", {k: v for k, v in figures._sources.items() if k != "t.gone"})
    q1 = quarter(s)
    services.compute_period(q1, actor=None)
    got = line(_score(q1, world.town), "将消失")
    assert got["earned"] == 2.0 and "未接入" in got["explanation"]


def test_bonus_is_capped_per_scheme_and_deduction_subtracts(world):
    s = scheme(bonus_cap=3)
    bonus = services.add_indicator(s, actor=None, group="other", name="被采用", kind="bonus", points=2)
    minus = services.add_indicator(s, actor=None, group="other", name="未报送", kind="deduction")
    manual = services.add_indicator(s, actor=None, group="platform", name="专栏", kind="manual", points=6)
    q1 = quarter(s)
    for ind, pts in ((bonus, 2), (bonus, 2), (minus, 1.5), (manual, 5)):
        entry = services.enter(
            q1, actor=world.office, unit=world.town, indicator=ind, points=pts, reason="理由", evidence=pdf()
        )
        services.confirm(entry, actor=world.office2)
    services.compute_period(q1, actor=None)
    score = _score(q1, world.town)
    assert (float(score.base), float(score.bonus), float(score.deduction)) == (5.0, 3.0, 1.5)
    assert float(score.total) == 6.5
    assert (
        float(_score(q1, world.dept).total) == 0
    )  # nothing entered for the department: manual line scores 0


def test_veto_zeroes_its_group_only_once_confirmed(world, monkeypatch):
    source(monkeypatch, "t.rate", {world.town.pk: figures.Figure(100), world.dept.pk: figures.Figure(100)})
    s = scheme()
    services.add_indicator(
        s,
        actor=None,
        group="active",
        name="及时率",
        kind="auto",
        points=10,
        source_key="t.rate",
        method="ratio",
    )
    services.add_indicator(
        s,
        actor=None,
        group="application",
        name="答复率",
        kind="auto",
        points=5,
        source_key="t.rate",
        method="ratio",
    )
    veto = services.add_indicator(s, actor=None, group="active", name="泄密", kind="veto")
    q1 = quarter(s)
    entry = services.enter(
        q1,
        actor=world.office,
        unit=world.town,
        indicator=veto,
        reason="公开了身份证号",
        evidence_link="https://example.gov.cn/x",
    )
    services.compute_period(q1, actor=None)
    assert float(_score(q1, world.town).total) == 15  # not confirmed yet: does not count
    services.confirm(entry, actor=world.office2)
    services.compute_period(q1, actor=None)
    score = _score(q1, world.town)
    assert score.vetoed == ["active"] and float(score.total) == 5  # 主动公开 zeroed, 依申请公开 kept
    assert float(_score(q1, world.dept).total) == 15


def test_closing_freezes_scores_and_recalculation_needs_a_reason(world):
    publish_on(world, date(2026, 2, 1), world.town)
    s = scheme()
    services.add_indicator(
        s,
        actor=None,
        group="active",
        name="发布数量",
        kind="auto",
        points=10,
        source_key="publishing.published",
        method="threshold",
        target=2,
        partial=True,
    )
    manual = services.add_indicator(s, actor=None, group="platform", name="专栏", kind="manual", points=1)
    q1 = quarter(s)
    services.close_period(q1, actor=world.office)
    q1.refresh_from_db()
    assert q1.is_closed and _score(q1, world.town).frozen and float(_score(q1, world.town).total) == 5
    publish_on(world, date(2026, 3, 2), world.town)  # later data (back-dated into Q1)
    with pytest.raises(AssessmentError, match="请写明理由"):
        services.compute_period(q1, actor=world.office)
    assert float(_score(q1, world.town).total) == 5  # unchanged
    with pytest.raises(AssessmentError, match="已结束"):
        services.enter(q1, actor=world.office, unit=world.town, indicator=manual, points=1, reason="x")
    services.compute_period(q1, actor=world.office, reason="补录第一季度漏报信息，经核实")
    score = _score(q1, world.town)
    assert float(score.total) == 10 and score.frozen
    event = AuditEvent.objects.filter(action="assessment.recalculated").get()
    assert event.reason == "补录第一季度漏报信息，经核实"
    assert (
        event.before["totals"][str(world.town.pk)] == "5.00"
        and event.after["totals"][str(world.town.pk)] == "10.00"
    )
    assert AuditEvent.objects.filter(action="assessment.closed").count() == 1


def test_weight_below_four_percent_is_refused(world):
    with pytest.raises(AssessmentError, match="不得低于4%") as exc:
        services.create_scheme(2026, actor=world.office, weight="3.5")
    assert exc.value.field == "weight"
    s = services.create_scheme(2026, actor=world.office, weight=4)
    assert [p.short_label for p in s.periods.order_by("end", "kind")] == ["Q1", "Q2", "Q3", "Q4", "全年"]
    with pytest.raises(AssessmentError, match="不得低于4%"):
        services.update_scheme(s, actor=world.office, title="", weight=2, bonus_cap=5)
    with pytest.raises(AssessmentError, match="政务公开办"):
        services.create_scheme(2027, actor=world.editor, weight=5)


def test_score_figure_for_the_annual_report(world):
    publish_on(world, date(2026, 2, 1), world.town)
    s = scheme()
    services.add_indicator(
        s,
        actor=None,
        group="active",
        name="发布",
        kind="auto",
        points=10,
        source_key="publishing.published",
        method="threshold",
        target=1,
    )
    assert (
        figures.compute(
            "assessment.score", unit=world.town, start=date(2026, 1, 1), end=date(2026, 12, 31)
        ).value
        is None
    )
    services.close_period(quarter(s), actor=None)
    got = figures.compute("assessment.score", unit=world.town, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert got.value == 10 and got.denominator == 10 and "第1季度" in got.note
    county = figures.compute("assessment.score", unit=None, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert county.value == 5  # (10 + 0) / 2
