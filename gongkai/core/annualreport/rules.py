"""The checks (核对规则) on a read report, each naming its source.

- ``balance`` (一 + 二 = （七）总计 + 四, per column) is the format's own 勾稽 rule, printed in table 三's header
  (国办公开办函〔2021〕30号).
- ``column_total``, ``outcome_total``, ``table4_total``, ``text_mismatch``, ``carryover`` are reviewers'
  practice (each 总计 equals its parts; the text equals the tables; this year's 上年结转 equals last year's
  结转下年度), errors all the same: the figures cannot all be true.
- ``stock`` (现行有效 = 上年现行有效 + 制发 − 废止) is a warning only: documents also lapse by expiry.
- ``format`` comes from reading (missing parts, unreadable cells, the 2019 format).

A cell that could not be read (``None``) leaves the equations it is in unchecked: its ``format`` finding says
what to fix, and no arithmetic is guessed around it.

The 总计 column of table 三 is the sum of the others, so its equations follow from the rest. It is still
checked where it adds something: ``balance`` in 总计 is reported (the format's rule, the first thing a
reviewer adds up), saying when it may follow from a row-total finding; ``outcome_total`` in 总计 is reported
only when a row total cannot explain it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from .. import foi_rules
from . import spec
from .model import ERROR, RULES, WARNING, Finding, Number, Report

T = spec.TOTAL
V = TypeVar("V", bound=Number)  # a cell value: int, or int | Decimal in table 二


def _col(code: str) -> str:
    return spec.column_where(code)


def _known(values: Sequence[V | None]) -> list[V] | None:
    """The values when every one was read, else None: an equation with an unreadable cell is not checked."""
    known = [v for v in values if v is not None]
    return known if len(known) == len(values) else None


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for ``report`` (with ``previous``: the year before, for carryover and stock)."""
    findings = list(report.problems)
    row_errors = _column_totals(report, findings)
    _outcome_totals(report, findings, row_errors)
    _balance(report, findings, row_errors)
    _table4(report, findings)
    _text(report, findings)
    if previous is not None:
        _carryover(report, previous, findings)
        _stock(report, previous, findings)
    order = {rule: i for i, rule in enumerate(RULES)}
    return sorted(findings, key=lambda f: order[f.rule])


# -- table 三 ------------------------------------------------------------------------------------------------


def _rows3(report: Report) -> Iterator[tuple[spec.Table3Row, dict[str, int | None]]]:
    for row in spec.TABLE3:
        if row.code in report.table3:
            yield row, report.table3[row.code]
    for code in spec.SPANNING_GROUPS:
        key = f"group:{code}"
        if key in report.table3:
            yield spec.group_row(code), report.table3[key]


def _column_totals(report: Report, findings: list[Finding]) -> dict[str, int]:
    """``column_total``; returns row code → (stated total − sum of the six columns) for the rows that fail."""
    errors: dict[str, int] = {}
    for row, cells in _rows3(report):
        parts = _known([cells.get(c) for c in spec.APPLICANT_CODES])
        total = cells.get(T)
        if total is None or parts is None:
            continue
        expected = sum(parts)
        if total != expected:
            errors[row.code] = total - expected
            shown = " + ".join(
                f"{spec.TABLE3_COLUMN_LABEL[c]} {v}" for c, v in zip(spec.APPLICANT_CODES, parts, strict=True)
            )
            findings.append(
                Finding(
                    "column_total",
                    ERROR,
                    f"表三“{row.where}”一行的总计为{total}，但六类申请人之和为{expected}（{shown}）；"
                    f"请核对该行各栏和总计。",
                    f"表三 {row.where} · 总计",
                    table="三",
                    row=row.code,
                    column=T,
                )
            )
    return errors


def _outcome_values(report: Report, column: str) -> tuple[int | None, list[str]]:
    """Sum of the 21 outcome rows in ``column`` (a group's subtotal stands for its sub-rows when they are all
    absent, as in the 2019 format), and the rows the sum used; None when a row is missing (its ``format``
    finding says so: a sum over the rest would only guess) or a cell is unreadable."""
    total = 0
    used: list[str] = []
    for group in foi_rules.GROUPS:
        rows = [r for r in spec.OUTCOME_ROWS if r.group == group.code]
        present = [r for r in rows if r.code in report.table3]
        subtotal = f"group:{group.code}"
        if not present and subtotal in report.table3:
            keys = [subtotal]
        elif len(present) == len(rows):
            keys = [r.code for r in rows]
        else:
            return None, used
        for key in keys:
            value = report.table3[key].get(column)
            if value is None:
                return None, used
            total += value
            used.append(key)
    return total, used


def _outcome_totals(report: Report, findings: list[Finding], row_errors: dict[str, int]) -> None:
    stated = report.table3.get(T)
    if stated is not None:
        for column in spec.TABLE3_COLUMNS:
            value = stated.get(column.code)
            summed, used = _outcome_values(report, column.code)
            if value is None or summed is None or value == summed:
                continue
            if column.code == T:
                applicants_known = all(
                    _outcome_values(report, c)[0] is not None and stated.get(c) is not None
                    for c in spec.APPLICANT_CODES
                )
                if applicants_known and any(code in row_errors for code in (*used, T)):
                    continue  # the row-total finding explains it
            findings.append(
                Finding(
                    "outcome_total",
                    ERROR,
                    f"表三“（七）总计·{_col(column.code)}”为{value}，但（一）至（六）各项办理结果之和为{summed}；"
                    f"请核对该栏各项办理结果和总计。",
                    f"表三 （七）总计 · {_col(column.code)}",
                    table="三",
                    row=T,
                    column=column.code,
                )
            )
    # A group printed with its own subtotal must agree with its sub-rows.
    for code in spec.SPANNING_GROUPS:
        subtotal = report.table3.get(f"group:{code}")
        rows = [r for r in spec.OUTCOME_ROWS if r.group == code and r.code in report.table3]
        if subtotal is None or not rows:
            continue
        for column in spec.TABLE3_COLUMNS:
            parts = _known([report.table3[r.code].get(column.code) for r in rows])
            value = subtotal.get(column.code)
            if value is not None and parts is not None and value != sum(parts):
                heading = spec.group_heading(code)
                findings.append(
                    Finding(
                        "outcome_total",
                        ERROR,
                        f"表三“{heading}·{_col(column.code)}”合计为{value}，但其各分项之和为{sum(parts)}。",
                        f"表三 {heading} · {_col(column.code)}",
                        table="三",
                        row=f"group:{code}",
                        column=column.code,
                    )
                )


_BALANCE_ROWS = ("new", "carried_in", T, "carried_over")


def _balance(report: Report, findings: list[Finding], row_errors: dict[str, int]) -> None:
    if not all(code in report.table3 for code in _BALANCE_ROWS):
        return
    rows = {code: report.table3[code] for code in _BALANCE_ROWS}
    failed_columns: list[str] = []
    for column in spec.TABLE3_COLUMNS:
        values = _known([rows[code].get(column.code) for code in _BALANCE_ROWS])
        if values is None:
            continue
        new, carried_in, done, carried_over = values
        left, right = new + carried_in, done + carried_over
        if left == right:
            continue
        note = ""
        if column.code == T:
            causes = [spec.TABLE3_BY_CODE[code].label for code in _BALANCE_ROWS if code in row_errors]
            if causes:
                note = (
                    f"这可能是“{'”“'.join(causes)}”一行总计与其各栏之和不符（见行合计问题）造成的，"
                    f"先更正该行总计再复核。"
                )
            elif failed_columns:
                note = f"这与{'、'.join(failed_columns)}栏的勾稽问题同源。"
        else:
            failed_columns.append(_col(column.code))
        findings.append(
            Finding(
                "balance",
                ERROR,
                f"表三“{_col(column.code)}”栏不符合勾稽关系（第一项加第二项之和应等于第三项加第四项之和）："
                f"本年新收{new} + 上年结转{carried_in} = {left}，而（七）总计{done} + 结转下年度{carried_over} = {right}。"
                + note,
                f"表三 一+二 ≠ （七）总计+四 · {_col(column.code)}",
                table="三",
                row="balance",
                column=column.code,
            )
        )


# -- table 四 ------------------------------------------------------------------------------------------------


def _table4(report: Report, findings: list[Finding]) -> None:
    for group in spec.TABLE4_GROUPS:
        cells = report.table4.get(group.code)
        if not cells:
            continue
        parts = _known([cells.get(c.code) for c in spec.TABLE4_PARTS])
        total = cells.get(T)
        if total is not None and parts is not None and total != sum(parts):
            shown = " + ".join(f"{c.label} {v}" for c, v in zip(spec.TABLE4_PARTS, parts, strict=True))
            findings.append(
                Finding(
                    "table4_total",
                    ERROR,
                    f"表四“{group.label}”的总计为{total}，但{shown} = {sum(parts)}；请核对。",
                    f"表四 {group.label} · 总计",
                    table="四",
                    row=group.code,
                    column=T,
                )
            )


# -- text against tables ---------------------------------------------------------------------------------------


def table_value(report: Report, table: str, row: str, column: str) -> Number | None:
    """The table figure a text figure is compared with (sums for group and lawsuit figures); None if unknown."""
    if table == "三" and row.startswith("group:"):
        code = row.split(":", 1)[1]
        rows = [r.code for r in spec.OUTCOME_ROWS if r.group == code and r.code in report.table3]
        if not rows:
            rows = [row] if row in report.table3 else []
        values = _known([report.table3[r].get(column) for r in rows])
        return sum(values) if rows and values is not None else None
    if table == "四" and row == "litigation":
        lawsuits = _known(
            [report.table4.get(g, {}).get(column) for g in ("litigation_direct", "litigation_after")]
        )
        return sum(lawsuits) if lawsuits is not None else None
    return report.cell(table, row, column)


def figure_where(table: str, row: str, column: str) -> str:
    if table == "三":
        if row.startswith("group:"):
            label = spec.group_heading(row.split(":", 1)[1]) + "（各分项合计）"
        else:
            label = spec.TABLE3_BY_CODE[row].where
        return f"表三 {label} · {_col(column)}"
    if table == "四":
        label = (
            "行政诉讼（两类合计）"
            if row == "litigation"
            else next(g.label for g in spec.TABLE4_GROUPS if g.code == row)
        )
        return f"表四 {label} · 总计"
    table_row = spec.TABLE2_BY_CODE[row]
    label = next(c.label for c in table_row.columns if c.code == column)
    return f"表二 {table_row.label} · {label}"


def _fmt(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _text(report: Report, findings: list[Finding]) -> None:
    reported: set[tuple[str, str, str, Number]] = set()
    for figure in report.figures:
        expected = table_value(report, figure.table, figure.row, figure.column)
        if expected is None or Decimal(figure.value) == Decimal(expected):
            continue
        key = (figure.table, figure.row, figure.column, figure.value)
        if key in reported:
            continue
        reported.add(key)
        section = spec.SECTION_BY_NUMBER.get(figure.section)
        place = f"正文“{section.heading}”" if section else "正文开头"
        where = figure_where(figure.table, figure.row, figure.column)
        findings.append(
            Finding(
                "text_mismatch",
                ERROR,
                f"{place}写“{figure.phrase}”，但{where.replace(' · ', '·')}为{_fmt(expected)}；正文与表格应一致。",
                f"{where}（{place}）",
                table=figure.table,
                row=figure.row,
                column=figure.column,
            )
        )


# -- against the previous report -------------------------------------------------------------------------------


def _carryover(report: Report, previous: Report, findings: list[Finding]) -> None:
    if report.year and previous.year and previous.year != report.year - 1:
        findings.append(
            Finding(
                "carryover",
                WARNING,
                f"作为上年报告提供的是{previous.year}年度报告，而本报告是{report.year}年度；上年结转应与{report.year - 1}年度报告核对。",
                "表三 二、上年结转政府信息公开申请数量",
                table="三",
                row="carried_in",
            )
        )
    if report.unit and previous.unit and spec.norm(report.unit) != spec.norm(previous.unit):
        findings.append(
            Finding(
                "carryover",
                WARNING,
                f"上年报告的单位是“{previous.unit}”，与本报告“{report.unit}”不同；请确认提供的是本单位的上年报告。",
                "标题",
                table="标题",
            )
        )
    before = previous.table3.get("carried_over")
    now = report.table3.get("carried_in")
    if before is None or now is None:
        if before is None:
            findings.append(
                Finding(
                    "carryover",
                    WARNING,
                    "上年报告中没有读到“四、结转下年度继续办理”一行，无法核对上年结转。",
                    "表三 二、上年结转政府信息公开申请数量",
                    table="三",
                    row="carried_in",
                )
            )
        return
    for column in spec.TABLE3_COLUMNS:
        a, b = before.get(column.code), now.get(column.code)
        if a is not None and b is not None and a != b:
            findings.append(
                Finding(
                    "carryover",
                    ERROR,
                    f"本年“二、上年结转·{_col(column.code)}”为{b}，但{previous.year or '上'}年度报告"
                    f"“四、结转下年度继续办理·{_col(column.code)}”为{a}；两者应相等。",
                    f"表三 二、上年结转政府信息公开申请数量 · {_col(column.code)}",
                    table="三",
                    row="carried_in",
                    column=column.code,
                )
            )


def _stock(report: Report, previous: Report, findings: list[Finding]) -> None:
    for code in spec.DOCUMENT_ROWS:
        now, before = report.table2.get(code), previous.table2.get(code)
        if not now or not before:
            continue
        values = _known([now.get("issued"), now.get("repealed"), now.get("in_force"), before.get("in_force")])
        if values is None:
            continue
        issued, repealed, in_force, earlier = values
        expected = earlier + issued - repealed
        if in_force != expected:
            label = spec.TABLE2_BY_CODE[code].label
            findings.append(
                Finding(
                    "stock",
                    WARNING,
                    f"表二“{label}·现行有效件数”为{in_force}，而上年现行有效{earlier} + 本年制发{issued} − 本年废止{repealed} = "
                    f"{expected}。文件也会因有效期届满而失效，差额如是到期失效所致可不修改，否则请核对。",
                    f"表二 {label} · 现行有效件数",
                    table="二",
                    row=code,
                    column="in_force",
                )
            )
