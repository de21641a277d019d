"""Properties of the annual-report checker (hypothesis): any consistent report in any layout and number style
reads back exactly and has no finding; any single changed cell is found, and named."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core import annualreport as ar
from gongkai.core.tests.factories import annual_report as fx

counts = st.integers(min_value=0, max_value=40)
six = st.lists(st.integers(min_value=0, max_value=12), min_size=6, max_size=6)


@st.composite
def consistent_reports(draw) -> fx.ReportData:
    outcomes = {
        code: draw(six) for code in draw(st.sets(st.sampled_from(fx.OUTCOME_CODES), min_size=1, max_size=8))
    }
    sums = [sum(values[i] for values in outcomes.values()) for i in range(6)]
    carried_over = draw(six)
    carried_in = [
        draw(st.integers(min_value=0, max_value=s + o)) for s, o in zip(sums, carried_over, strict=True)
    ]

    def documents():
        in_force = draw(st.integers(min_value=0, max_value=300))
        return {"issued": draw(counts), "repealed": draw(counts), "in_force": in_force}

    table2 = {
        "rules": documents(),
        "normative": documents(),
        "licensing": {"decisions": draw(st.integers(min_value=0, max_value=50_000))},
        "penalty": {"decisions": draw(st.integers(min_value=0, max_value=2_000))},
        "coercion": {"decisions": draw(counts)},
        "fees": {"amount": Decimal(draw(st.integers(min_value=0, max_value=99_999))) / 100},
    }
    table4 = {group: draw(st.lists(st.integers(0, 5), min_size=4, max_size=4)) for group in fx.T4_GROUPS}
    return fx.consistent(
        outcomes=outcomes,
        carried_in=carried_in,
        carried_over=carried_over,
        table2=table2,
        table4=table4,
        unit=draw(st.sampled_from(["示范县市场监督管理局", "示范县城关镇人民政府", "示范县卫生健康委员会"])),
        year=draw(st.integers(min_value=2021, max_value=2026)),
    )


layouts = st.sampled_from(fx.LAYOUTS)
styles = st.sampled_from(fx.STYLES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=consistent_reports(), layout=layouts, style=styles)
def test_consistent_reports_read_back_and_pass(data, layout, style):
    content, name = fx.render(data, layout, style)
    report = ar.read_report(content, name)
    assert report.tables() == data.expected_tables()
    assert (report.unit, report.year) == (data.unit, data.year)
    assert ar.check(report) == []
    previous = ar.read_report(*fx.render(fx.previous_of(data), layout, style))
    assert ar.check(report, previous) == []


def _cells(data: fx.ReportData) -> list[tuple[str, str, str]]:
    out = [("二", row, col) for row, cells in data.table2.items() for col in cells]
    out += [("三", row, col) for row, cells in data.table3.items() for col in cells]
    out += [("四", row, col) for row, cells in data.table4.items() for col in cells]
    return out


def _row_label(table: str, row: str) -> str:
    from gongkai.core.annualreport import spec

    if table == "三":
        return spec.TABLE3_BY_CODE[row].where
    if table == "四":
        return next(g.label for g in spec.TABLE4_GROUPS if g.code == row)
    return spec.TABLE2_BY_CODE[row].label


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=consistent_reports(), layout=layouts, style=styles, choice=st.data())
def test_any_single_changed_cell_is_found_and_named(data, layout, style, choice):
    data.pin_text()  # the prose keeps the original figures
    table, row, column = choice.draw(st.sampled_from(_cells(data)))
    source = {"二": data.table2, "三": data.table3, "四": data.table4}[table]
    delta = choice.draw(st.integers(min_value=-5, max_value=5).filter(bool))
    source[row][column] += delta
    report = ar.read_report(*fx.render(data, layout, style))
    findings = ar.check(report)
    assert findings, (table, row, column, delta)
    assert any(ar.exit_code([f]) == 1 for f in findings)
    named = [
        f for f in findings if f.table == table and (f.row == row or (f.column == column and table != "二"))
    ]
    assert named, [(f.rule, f.where) for f in findings]
    # …and the person reading ``where`` sees the row or the column too.
    assert any(_row_label(table, row) in f.where or column == f.column for f in named)
