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
