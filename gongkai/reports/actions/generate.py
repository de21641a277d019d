"""Generating a report from the platform's records (生成年报) and editing the draft: the tables, the manual inputs
of table 二 with their source, sections 一–六, last year's problems, the checker's findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.common import figures as registry
from gongkai.core import annualreport
from gongkai.core.annualreport import render

from .. import access, document, drafting
from ..errors import ReportError
from ..models import AnnualReport
from ..vocab import MANUAL_ROWS, CarriedIn, ReportState, Scope
from .common import lock, record, refuse

# Figure sources (gongkai.common.figures) the report reads; an app not installed simply contributes nothing.
SOURCES = {
    "table2": "policies.annual_table2",
    "table3": "foi.annual_table3",
    "table4": "foi.annual_table4",
    "published": "publishing.published",
    "interpretations": "policies.interpretations",
    "fees": "foi.fees",
    "tasks": "workplan.tasks",
    "participation": "participation.consultations",
}


@dataclass
class Computed:
    tables: dict
    urls: dict
    carried_in: str
    figures: dict = field(default_factory=dict)


def _figure(key: str, unit, year: int):
    if registry.source(key) is None:
        return None
    return registry.compute(key, unit=unit, start=date(year, 1, 1), end=date(year, 12, 31))


def previous_published(unit, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(unit=unit, year=year - 1, state=ReportState.PUBLISHED).first()


_LOOK_UP: Any = object()  # "find last year's published report" (None means: there is none)


def compute(
    unit, year: int, scope: str = Scope.UNIT, manual: dict | None = None, previous: Any = _LOOK_UP
) -> Computed:
    """Every table from the records of ``year`` (the county government's report: every unit's records)."""
    subject = None if scope == Scope.GOVERNMENT else unit
    tables = render.empty_tables()
    urls: dict[str, dict] = {"table2": {}, "table3": {}, "table4": {}}
    figs: dict[str, dict] = {}
    for name in ("table2", "table3", "table4"):
        fig = _figure(SOURCES[name], subject, year)
        if fig is None:
            continue
        for row, cells in fig.extra.get("table", {}).items():
            if row in tables[name]:
                tables[name][row].update(cells)
        urls[name] = fig.extra.get("urls", {})
    for name in ("published", "interpretations", "fees", "tasks", "participation"):
        fig = _figure(SOURCES[name], subject, year)
        if fig is not None:
            figs[name] = {
                "value": fig.value,
                "url": fig.detail_url,
                "numerator": fig.numerator,
                "denominator": fig.denominator,
                **{k: v for k, v in fig.extra.items() if isinstance(v, int | float | str | dict | None)},
            }
    for row, column, _ in MANUAL_ROWS:
        value = (manual or {}).get(row)
        tables["table2"][row][column] = value if value is not None else 0
    carried_in = CarriedIn.COMPUTED
    if previous is _LOOK_UP:
        previous = previous_published(unit, year)
    if previous is not None and previous.tables.get("table3", {}).get("carried_over"):
        tables["table3"]["carried_in"] = dict(previous.tables["table3"]["carried_over"])
        carried_in = CarriedIn.PREVIOUS
        urls["table3"].pop("carried_in", None)
    return Computed(tables, urls, carried_in, figs)


def _problems_from(previous: AnnualReport | None, kept: list[dict]) -> list[dict]:
    """Last year's problems (its 本年度存在的问题) with this year's improvement statements kept."""
    if previous is None:
        return kept
    improvements = {p.get("problem"): p.get("improvement", "") for p in kept}
    return [
        {"problem": problem, "improvement": improvements.get(problem, "")}
        for problem in previous.figures.get("new_problems", [])
    ]


def generate(unit, year: int, *, actor, scope: str = Scope.UNIT, redraft: bool = False) -> AnnualReport:
    """Create the draft of ``unit``'s report for ``year``, or refresh its tables (the manual inputs, and the text
    once edited by hand, are kept unless ``redraft``). Refused once the report is approved or published."""
    if scope == Scope.GOVERNMENT and unit.kind != "government":
        raise ReportError("本级政府年报只能由县人民政府（政府类单位）生成。", field="unit")
    if not access.can_draft(actor, unit, scope):
        raise refuse("只有本单位的信息编辑（本级政府年报：政务公开办）可以生成年报。")
    this_year = timezone.localdate().year
    if year < 2021 or year >= this_year:
        raise ReportError(
            f"只能生成2021年（国办公开办函〔2021〕30号格式）至{this_year - 1}年的年度报告。", field="year"
        )
    existing = AnnualReport.objects.filter(unit=unit, year=year).first()
    manual = existing.manual if existing else {}
    previous = previous_published(unit, year)
    computed = compute(unit, year, scope, manual, previous)
    with transaction.atomic():
        if existing is None:
            report = AnnualReport.objects.create(unit=unit, year=year, scope=scope, drafted_by=actor)
            before = None
        else:
            report = lock(existing)
            if report.state != ReportState.DRAFT:
                raise ReportError(
                    f"该年报当前为“{report.get_state_display()}”，不能重新生成；如需修改，请先退回或发起更正。"
                )
            before = {"tables": report.tables}
        report.tables, report.urls, report.carried_in = computed.tables, computed.urls, computed.carried_in
        new_problems = report.figures.get("new_problems", [])
        report.figures = {**computed.figures, "new_problems": new_problems}
        report.problems = _problems_from(previous, report.problems)
        if redraft or not report.sections_edited or not report.sections:
            report.sections = drafting.draft_sections(
                unit_name=unit.name,
                year=year,
                tables=report.tables,
                figures=report.figures,
                problems=report.problems,
                government=scope == Scope.GOVERNMENT,
            )
            report.sections_edited = False
        report.generated_at = timezone.now()
        _check_into(report, previous)
        report.save()
        record(
            actor,
            "generated" if before is None else "regenerated",
            report,
            before={"state": "未起草"} if before is None else None,
            after={
                "state": report.get_state_display(),
                "new": report.tables["table3"]["new"]["total"],
                "carried_in": report.get_carried_in_display(),
                "findings": len(report.findings),
            },
        )
    return report


def _parse_amount(raw, label: str, *, money: bool, field_name: str):
    text = str(raw if raw is not None else "").strip().replace(",", "").replace("，", "")
    if text == "":
        return 0
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ReportError(f"“{label}”应为数字，收到“{raw}”。", field=field_name) from None
    if value < 0:
        raise ReportError(f"“{label}”不能为负数。", field=field_name)
    if money:
        return str(value.quantize(Decimal("0.01")))
    if value != value.to_integral_value():
        raise ReportError(f"“{label}”是件数，应为整数。", field=field_name)
    return int(value)


def update_inputs(report: AnnualReport, *, actor, values: dict, source: str) -> AnnualReport:
    """Table 二's manual rows (行政许可、行政处罚、行政强制 decisions, 行政事业性收费 万元) with their source; every
    value is checked before anything is saved."""
    if not access.can_edit(actor, report):
        raise refuse("只有本单位的信息编辑可以修改起草中的年报。")
    parsed = {
        row: _parse_amount(values.get(row), label, money=row == "fees", field_name=row)
        for row, _, label in MANUAL_ROWS
    }
    source = (source or "").strip()
    if any(parsed.values()) and not source:
        raise ReportError(
            "请注明人工填报数据的来源（如“县行政审批局审批系统统计”或导入的文件名）。", field="source"
        )
    with transaction.atomic():
        locked = lock(report)
        if locked.state != ReportState.DRAFT:
            raise ReportError("只有起草中的年报可以修改。")
        before = {"manual": locked.manual, "source": locked.manual_source}
        locked.manual, locked.manual_source = parsed, source[:300]
        for row, column, _ in MANUAL_ROWS:
            locked.tables["table2"][row][column] = parsed[row]
        if not locked.sections_edited:
            locked.sections = drafting.draft_sections(
                unit_name=locked.unit.name,
                year=locked.year,
                tables=locked.tables,
                figures=locked.figures,
                problems=locked.problems,
                government=locked.scope == Scope.GOVERNMENT,
            )
        _check_into(locked)
        locked.save()
        record(
            actor, "inputs", locked, before=before, after={"manual": parsed, "source": locked.manual_source}
        )
    return locked


def import_inputs(report: AnnualReport, *, actor, data: bytes, filename: str) -> AnnualReport:
    """The manual rows from an .xlsx: a sheet with the row names (行政许可 …) in one column and the figure beside
    them; the file name becomes the source."""
    import io

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ReportError("无法读取该文件，请上传 .xlsx 格式的表格。", field="file") from None
    names = {label.split()[0]: row for row, _, label in MANUAL_ROWS}
    values: dict[str, object] = {}
    for sheet in book.worksheets:
        for raw in sheet.iter_rows(values_only=True):
            cells = [c for c in raw if c is not None and str(c).strip() != ""]
            for index, cell in enumerate(cells[:-1]):
                key = str(cell).strip()
                if key in names and names[key] not in values:
                    values[names[key]] = cells[index + 1]
    if not values:
        raise ReportError("表格中没有找到“行政许可”“行政处罚”“行政强制”“行政事业性收费”行。", field="file")
    merged = {**report.manual, **values}
    return update_inputs(report, actor=actor, values=merged, source=f"导入：{filename}"[:300])


def update_text(
    report: AnnualReport,
    *,
    actor,
    sections: dict[str, str],
    improvements: list[str],
    new_problems: list[str],
    warning_note: str,
) -> AnnualReport:
    """Sections 一–六 as edited, the improvement of each of last year's problems, this year's problems (carried
    into next year's section 五), the note explaining the checker's warnings."""
    if not access.can_edit(actor, report):
        raise refuse("只有本单位的信息编辑可以修改起草中的年报。")
    with transaction.atomic():
        locked = lock(report)
        if locked.state != ReportState.DRAFT:
            raise ReportError("只有起草中的年报可以修改。")
        before = {"sections": locked.sections}
        locked.sections = {number: (sections.get(number) or "").strip() for number in "一二三四五六"}
        locked.sections_edited = True
        locked.problems = [
            {
                "problem": p["problem"],
                "improvement": (improvements[i] if i < len(improvements) else "").strip(),
            }
            for i, p in enumerate(locked.problems)
        ]
        locked.figures = {**locked.figures, "new_problems": [p.strip() for p in new_problems if p.strip()]}
        locked.warning_note = (warning_note or "").strip()
        _check_into(locked)
        locked.save()
        record(actor, "edited", locked, before=before, after={"sections": locked.sections})
    return locked


def run_check(report: AnnualReport, previous: Any = _LOOK_UP) -> list[dict]:
    """The checker (``gongkai annual-report check``) on the report as it would be published, against last year's
    published report when there is one."""
    data = document.full_html(report).encode("utf-8")
    read = annualreport.read_report(data, "report.html")
    earlier = None
    if previous is _LOOK_UP:
        previous = previous_published(report.unit, report.year)
    if previous is not None:
        earlier = annualreport.read_report(document.full_html(previous).encode("utf-8"), "previous.html")
    return [f.as_dict() for f in annualreport.check(read, earlier)]


def _check_into(report: AnnualReport, previous: Any = _LOOK_UP) -> None:
    report.findings = run_check(report, previous)
    report.checked_at = timezone.now()
