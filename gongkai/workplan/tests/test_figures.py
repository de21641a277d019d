"""workplan.overdue_tasks for the assessment, against hand-set deadlines and completion dates."""

from datetime import date

import pytest

from gongkai.common import figures
from gongkai.orgs.models import Unit
from gongkai.workplan.models import PlanState, TaskUnit, UnitRole

from .factories import make_plan

pytestmark = pytest.mark.django_db
Q2 = {"start": date(2026, 1, 1), "end": date(2026, 6, 30)}


def test_overdue_tasks_hand_counted():
    fgw = Unit.objects.create(name="县发改委X", kind="department")
    town = Unit.objects.create(name="城关镇X", kind="township")
    _, open_late = make_plan(fgw, deadline=date(2026, 3, 31))  # open after its deadline: overdue
    _, done_late = make_plan(fgw, deadline=date(2026, 4, 30))
    done_late.done_at, done_late.status = date(2026, 5, 10), "done"  # finished after the deadline
    done_late.save()
    _, done_ok = make_plan(fgw, deadline=date(2026, 4, 30))
    done_ok.done_at, done_ok.status = date(2026, 4, 20), "done"
    done_ok.save()
    make_plan(fgw, deadline=date(2026, 9, 30))  # not due yet
    make_plan(fgw, deadline=date(2026, 1, 31), state=PlanState.DRAFT)  # a draft plan does not count
    make_plan(fgw, deadline=date(2025, 3, 31), year=2025)  # another year
    TaskUnit.objects.create(task=open_late, unit=town, role=UnitRole.RESPONSIBLE)
    assert figures.compute("workplan.overdue_tasks", unit=fgw, **Q2).value == 2
    many = figures.compute_many("workplan.overdue_tasks", units=[fgw, town], **Q2)
    assert {k: f.value for k, f in many.items()} == {fgw.pk: 2, town.pk: 1}
    assert figures.compute("workplan.overdue_tasks", unit=None, **Q2).value == 3  # per unit × task


def test_reports_missed_hand_counted():
    """Monthly plans published 1 January; Q1 (January–March). fgw's task is open all quarter and fgw reports in
    January and March: February is missed (1). The town's task is done on 10 February and the town reports in
    January: February (open part of the month, nothing filed) is missed, March does not count (done) — 1."""
    from datetime import datetime

    from django.utils import timezone

    from gongkai.workplan.models import ProgressReport, WorkPlan

    fgw = Unit.objects.create(name="县发改委Y", kind="department")
    town = Unit.objects.create(name="城关镇Y", kind="township")
    plan, task = make_plan(fgw)
    WorkPlan.objects.filter(pk=plan.pk).update(
        published_at=timezone.make_aware(datetime(2026, 1, 1, 9)), cycle="monthly"
    )
    _, town_task = make_plan(town)
    WorkPlan.objects.filter(pk=town_task.plan_id).update(
        published_at=timezone.make_aware(datetime(2026, 1, 1, 9)), cycle="monthly"
    )
    town_task.done_at, town_task.status = date(2026, 2, 10), "done"
    town_task.save()
    for unit, t, day in (
        (fgw, task, date(2026, 1, 20)),
        (fgw, task, date(2026, 3, 5)),
        (town, town_task, date(2026, 1, 8)),
    ):
        ProgressReport.objects.create(task=t, unit=unit, date=day, text="进展", percent=30)
    make_plan(fgw, state=PlanState.DRAFT)  # a draft plan does not count
    q1 = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}
    assert figures.compute("workplan.reports_missed", unit=fgw, **q1).value == 1
    assert figures.compute("workplan.reports_missed", unit=town, **q1).value == 1
    many = figures.compute_many("workplan.reports_missed", units=[fgw, town], **q1)
    assert {k: f.value for k, f in many.items()} == {fgw.pk: 1, town.pk: 1}
    # April is not over on 15 April: it does not count yet
    assert (
        figures.compute(
            "workplan.reports_missed", unit=fgw, start=date(2026, 1, 1), end=date(2026, 4, 15)
        ).value
        == 1
    )
