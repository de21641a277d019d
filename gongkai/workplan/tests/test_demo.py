import io
from collections import Counter
from datetime import date

import pytest

from gongkai.workplan import demo, selectors
from gongkai.workplan.models import PlanState, ProgressReport, Task, WorkPlan

pytestmark = pytest.mark.django_db


def test_demo_plans_every_status_and_idempotent(county):
    demo.load(io.StringIO())
    counts = (WorkPlan.objects.count(), Task.objects.count(), ProgressReport.objects.count())
    xg = WorkPlan.objects.get(demo_key="xingguo-2024")
    fc = WorkPlan.objects.get(demo_key="fengcheng-2023")
    assert xg.state == PlanState.PUBLISHED and fc.state == PlanState.ARCHIVED
    live = Counter(t.live for t in selectors.annotate(xg.tasks.all(), today=date(2024, 10, 15)))
    assert set(live) == {"not_started", "in_progress", "done", "overdue", "ongoing"}, live
    assert selectors.unfinished(fc)
    out = io.StringIO()
    demo.load(out)
    assert "已存在" in out.getvalue()
    assert (WorkPlan.objects.count(), Task.objects.count(), ProgressReport.objects.count()) == counts
