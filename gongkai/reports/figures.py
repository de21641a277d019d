"""Figures the annual report offers other apps through ``gongkai.common.figures`` (数据来源), e.g. for the
assessment: whether a unit's report of the period's year was published on time (条例第四十九条)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.common import figures

from .models import AnnualReport
from .vocab import ReportState


def on_time(*, unit, start: date, end: date) -> figures.Figure:
    """For ``unit``: 1 when its report of ``start.year`` was first published by the statutory date, else 0 (note
    says why). For the county (``unit=None``): reports published on time / reports published or due."""
    reports = AnnualReport.objects.filter(year=start.year).select_related("unit")
    url = reverse("reports:board") + f"?year={start.year}"
    if unit is not None:
        report = reports.filter(unit_id=getattr(unit, "pk", unit)).first()
        if report is None or report.state != ReportState.PUBLISHED:
            return figures.Figure(0, detail_url=url, note="未发布")
        late = report.is_late
        return figures.Figure(0 if late else 1, detail_url=url, note="逾期发布" if late else "按时发布")
    published = [r for r in reports if r.state == ReportState.PUBLISHED]
    timely = sum(1 for r in published if not r.is_late)
    return figures.Figure(timely, detail_url=url, numerator=timely, denominator=reports.count())


def checker_errors(*, unit, start: date, end: date) -> figures.Figure:
    """For ``unit``: the checker's errors (核对错误) on its published report that falls due within the period — the
    report of ``start.year - 1``, due 31 January / 31 March of ``start.year`` (条例第四十九条); ``None`` when that
    report is not published yet (nothing to judge). County-wide: the errors of every published report of that year.
    """
    year = start.year - 1
    reports = AnnualReport.objects.filter(year=year, state=ReportState.PUBLISHED)
    url = reverse("reports:board") + f"?year={year}"
    if unit is not None:
        report = reports.filter(unit_id=getattr(unit, "pk", unit)).first()
        if report is None:
            return figures.Figure(None, detail_url=url, note=f"{year}年年报未发布")
        n = len(report.errors)
        return figures.Figure(n, detail_url=url, note=f"{year}年年报核对错误{n}处")
    return figures.Figure(sum(len(r.errors) for r in reports), detail_url=url)


def register() -> None:
    figures.register(
        "reports.on_time",
        label="政府信息公开工作年度报告按时发布",
        compute=on_time,
        unit="份",
        kind="flag",
        description="年报首次发布不晚于法定日期（部门次年1月31日，本级政府次年3月31日）",
    )
    figures.register(
        "reports.checker_errors",
        label="年报核对错误",
        compute=checker_errors,
        unit="处",
        description="考核期内到期的上一年度年报（已发布）经平台核对发现的错误数（表格勾稽、必填项等）",
    )
