"""Figures the task ledger offers other apps through ``gongkai.common.figures`` (数据来源): how a unit's tasks of
the year's published work points (工作要点) stand, for the annual report's section 六 and the assessment."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.urls import reverse

from gongkai.common import figures

from .models import PlanState, Task, TaskStatus


def tasks(*, unit, start: date, end: date) -> figures.Figure:
    """Tasks of the published plans of ``start.year`` (the unit's, lead or responsible); value = tasks done;
    ``denominator`` = every task; ``extra["by_status"]`` the count per status label."""
    qs = Task.objects.filter(plan__year=start.year, plan__state=PlanState.PUBLISHED)
    unit_id = getattr(unit, "pk", unit)
    if unit_id is not None:
        qs = qs.filter(task_units__unit_id=unit_id).distinct()
    by_status = Counter(qs.values_list("status", flat=True))
    labels = dict(TaskStatus.choices)
    done = by_status.get(TaskStatus.DONE, 0)
    total = sum(by_status.values())
    return figures.Figure(
        done,
        detail_url=reverse("workplan:list"),
        numerator=done,
        denominator=total,
        extra={"by_status": {labels.get(k, k): n for k, n in by_status.items()}},
    )


def register() -> None:
    figures.register(
        "workplan.tasks",
        label="政务公开工作要点任务落实情况",
        compute=tasks,
        kind="ratio",
        description="本年度已发布工作要点中本单位（牵头、责任）任务的完成数/总数",
    )
