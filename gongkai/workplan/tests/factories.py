"""Small builders for workplan tests (direct model rows; services are tested on their own)."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.workplan.models import (
    PlanItem,
    PlanPart,
    PlanState,
    ProgressReport,
    Task,
    TaskUnit,
    UnitRole,
    WorkPlan,
)


def make_plan(
    unit, *, state=PlanState.PUBLISHED, year=2026, text="公开重点领域信息", marker="", deadline=None
):
    plan = WorkPlan.objects.create(
        year=year,
        title=f"{year}年测试县政务公开工作要点",
        state=state,
        published_at=timezone.now() if state != PlanState.DRAFT else None,
    )
    part = PlanPart.objects.create(plan=plan, number="一", heading="提升信息公开质量", order=1)
    item = PlanItem.objects.create(
        plan=plan, part=part, path=["一", "（一）"], number="（一）", heading="聚焦重点", order=1
    )
    task = Task.objects.create(
        plan=plan, item=item, seq=1, order=1, text=f"{text}{marker}", deadline=deadline
    )
    TaskUnit.objects.create(task=task, unit=unit, role=UnitRole.LEAD)
    return plan, task


def make_report(task, unit, marker="", with_file=True):
    report = ProgressReport(task=task, unit=unit, date=date(2026, 3, 1), text=f"已完成{marker}", percent=50)
    if with_file:
        report.evidence_name = "佐证.pdf"
        report.evidence_file.save("t.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    report.save()
    return report
