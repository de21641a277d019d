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


def _missed_reports(unit_ids, year: int, start: date, end: date) -> Counter:
    """Per unit: the reporting cycles (the plan's 报送周期) of the year's published plans that ended within
    ``start``…``end``, began after the plan was published, and in which the unit had a task not yet done but filed
    no progress report on any task of that plan (进展未报送)."""
    from datetime import timedelta

    from django.utils import timezone

    from . import logic
    from .models import ProgressReport, TaskUnit, WorkPlan

    counts: Counter = Counter()
    for plan in WorkPlan.objects.filter(year=year, state=PlanState.PUBLISHED):
        begin = max(start, timezone.localdate(plan.published_at) if plan.published_at else start)
        cycles, day = [], begin
        while True:
            first, last = logic.cycle_bounds(plan.cycle, day)
            if last > end:
                break
            if first >= begin:
                cycles.append((first, last))
            day = last + timedelta(days=1)
        if not cycles:
            continue
        owners = TaskUnit.objects.filter(task__plan=plan)
        reports = ProgressReport.objects.filter(task__plan=plan, date__range=(cycles[0][0], cycles[-1][1]))
        if unit_ids is not None:
            owners = owners.filter(unit_id__in=unit_ids)
            reports = reports.filter(unit_id__in=unit_ids)
        done_by_unit: dict[int, list[date | None]] = {}
        for unit_id, done_at in owners.values_list("unit_id", "task__done_at"):
            done_by_unit.setdefault(unit_id, []).append(done_at)
        reported = set(reports.values_list("unit_id", "date"))
        for unit_id, done in done_by_unit.items():
            for first, last in cycles:
                has_open = any(d is None or d >= first for d in done)
                filed = any(
                    (unit_id, first + timedelta(days=k)) in reported for k in range((last - first).days + 1)
                )
                if has_open and not filed:
                    counts[unit_id] += 1
    return counts


def _missed_figure(n: int) -> figures.Figure:
    return figures.Figure(n, detail_url=reverse("workplan:list"))


def reports_missed(*, unit, start: date, end: date) -> figures.Figure:
    """进展未报送: reporting cycles of ``start.year`` ended by ``end`` in which the unit had open tasks and reported
    nothing."""
    unit_id = getattr(unit, "pk", unit)
    counts = _missed_reports(None if unit_id is None else [unit_id], start.year, start, end)
    return _missed_figure(sum(counts.values()))


def reports_missed_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    counts = _missed_reports([u.pk for u in units], start.year, start, end)
    return {u.pk: _missed_figure(counts.get(u.pk, 0)) for u in units}


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
    figures.register(
        "workplan.reports_missed",
        label="工作要点进展未按期报送次数",
        compute=reports_missed,
        compute_many=reports_missed_many,
        unit="次",
        description="本年度已发布工作要点的报送周期中，本单位有未完成任务却未报送任何进展的周期数",
    )
