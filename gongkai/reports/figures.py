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


def register() -> None:
    figures.register(
        "reports.on_time",
        label="政府信息公开工作年度报告按时发布",
        compute=on_time,
        unit="份",
        kind="flag",
        description="年报首次发布不晚于法定日期（部门次年1月31日，本级政府次年3月31日）",
    )
