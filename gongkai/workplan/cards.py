"""Dashboard cards (我的待办): my unit's tasks due / overdue / progress report due; for the office, late units."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.roles.permissions import unit_ids
from gongkai.workspace.registry import Card

from . import access, selectors
from .models import PlanState, WorkPlan

DUE_SOON_DAYS = 30
REMIND_WORKING_DAYS = 5  # remind this many working days before a reporting cycle closes


def workplan_cards(user, today=None) -> list[Card]:
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    plans = list(WorkPlan.objects.filter(state=PlanState.PUBLISHED))
    if not plans:
        return []
    cards = []
    ids = unit_ids(user)
    if ids is None:
        if access.can_see_county_dashboard(user):
            for plan in plans:
                tasks = selectors.annotate(plan.tasks.all(), today)
                late = [row for row in selectors.unit_table(plan, tasks, today) if row.late]
                if late:
                    cards.append(
                        Card(
                            title=f"{plan.year}年工作要点：落实滞后的单位",
                            count=len(late),
                            url=reverse("workplan:dashboard", args=[plan.pk]),
                            hint="有逾期任务或上一报送周期未报送进展的单位，可生成通报。",
                            tone="danger",
                            items=[(row.unit.short_name or row.unit.name, "") for row in late[:5]],
                        )
                    )
        return cards
    if not ids:
        return []
    tasks = [task for task in selectors.annotate(selectors.visible_tasks(user), today) if task.live != "done"]
    mine = reverse("workplan:mine")
    overdue = [task for task in tasks if task.live == "overdue"]
    soon = [
        task
        for task in tasks
        if task.live != "overdue" and task.due and task.due <= today + timedelta(days=DUE_SOON_DAYS)
    ]
    if overdue:
        cards.append(Card("本单位逾期的工作要点任务", len(overdue), mine, "请尽快落实并报送进展。", "danger"))
    if soon:
        cards.append(
            Card(
                f"{DUE_SOON_DAYS}天内到期的任务", len(soon), mine, "按时完成后请报送进展和佐证材料。", "warn"
            )
        )
    due = []
    for task in tasks:
        info = selectors.cycle_info(task.plan, today)
        if info["left"] <= REMIND_WORKING_DAYS and not any(
            reported >= info["start"] for unit_id, reported in task.report_dates.items() if unit_id in ids
        ):
            due.append(task)
    if due:
        cards.append(
            Card(
                "本周期待报送进展的任务", len(due), mine, "报送周期即将结束，请报送本周期的落实进展。", "warn"
            )
        )
    if tasks and not cards:
        cards.append(Card("本单位工作要点任务", len(tasks), mine, "按报送周期报送进展。"))
    return cards
