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


def _overdue_counts(unit_ids, year: int, end: date) -> Counter:
    """Per unit: its tasks (lead or responsible) of the year's published plans whose deadline fell by ``end`` and
    that were not done by the deadline (still open, or done after it)."""
    from django.db.models import F, Q

    from .models import TaskUnit

    qs = TaskUnit.objects.filter(
        task__plan__year=year,
        task__plan__state=PlanState.PUBLISHED,
        task__deadline__isnull=False,
        task__deadline__lte=end,
    ).filter(Q(task__done_at__isnull=True) | Q(task__done_at__gt=F("task__deadline")))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return Counter(unit_id for unit_id, _ in qs.values_list("unit_id", "task_id").distinct())


def _overdue_figure(n: int) -> figures.Figure:
    return figures.Figure(n, detail_url=reverse("workplan:list"))


def overdue_tasks(*, unit, start: date, end: date) -> figures.Figure:
    """工作要点任务逾期: the unit's tasks of ``start.year`` overdue on ``end`` or finished late."""
    unit_id = getattr(unit, "pk", unit)
    counts = _overdue_counts(None if unit_id is None else [unit_id], start.year, end)
    return _overdue_figure(sum(counts.values()))


def overdue_tasks_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    counts = _overdue_counts([u.pk for u in units], start.year, end)
    return {u.pk: _overdue_figure(counts.get(u.pk, 0)) for u in units}


def register() -> None:
    figures.register(
        "workplan.tasks",
        label="政务公开工作要点任务落实情况",
        compute=tasks,
        kind="ratio",
        description="本年度已发布工作要点中本单位（牵头、责任）任务的完成数/总数",
    )
    figures.register(
        "workplan.overdue_tasks",
        label="工作要点任务逾期数",
        compute=overdue_tasks,
        compute_many=overdue_tasks_many,
        description="本年度已发布工作要点中本单位任务，完成时限已到而未完成或逾期完成的件数",
    )
