"""Read side: who sees which tasks, live statuses on the statutory calendar, roll-ups, late units, comparison."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.orgs.models import Unit
from gongkai.roles.permissions import unit_ids

from . import access, logic
from .models import PlanState, ProgressReport, Task, TaskStatus, TaskUnit, WorkPlan

STATUS_LABELS = dict(TaskStatus.choices)
STATUS_TONES = {
    "done": "ok",
    "overdue": "danger",
    "in_progress": "info",
    "ongoing": "info",
    "not_started": "",
}


def visible_tasks(user):
    """Tasks of published plans the user's units own (every task for the office)."""
    tasks = Task.objects.filter(plan__state=PlanState.PUBLISHED)
    ids = unit_ids(user)
    if ids is None:
        return tasks
    return tasks.filter(task_units__unit_id__in=ids).distinct()


def task_for_staff(user, pk) -> Task | None:
    """A task ``user`` may open: the office any (drafts included), others their units' tasks of published plans."""
    tasks = Task.objects.all() if access.sees_every_task(user) else visible_tasks(user)
    return tasks.filter(pk=pk).select_related("plan", "item").first()


def latest_percents(task: Task) -> dict[int, int]:
    """Each owner unit's latest reported percent."""
    latest: dict[int, int] = {}
    for unit_id, percent in task.reports.order_by("date", "id").values_list("unit_id", "percent"):
        latest[unit_id] = percent
    return latest


def annotate(tasks, today: date | None = None) -> list[Task]:
    """Attach ``live`` (status key), ``live_label``, ``percent`` and ``owner_units`` to each task."""
    today = today or timezone.localdate()
    is_workday = calendar.get_calendar().is_workday
    tasks = list(
        tasks.select_related("item", "item__part", "plan").prefetch_related(
            Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit")),
            Prefetch("reports", queryset=ProgressReport.objects.order_by("date", "id")),
        )
        if hasattr(tasks, "select_related")
        else tasks
    )
    for task in tasks:
        reports = list(task.reports.all())
        latest: dict[int, int] = {}
        for report in reports:
            latest[report.unit_id] = report.percent
        owners = list(task.task_units.all())
        task.owner_units = owners
        task.live = logic.live_status(
            task.status, task.deadline, task.recurrence, bool(reports), today, is_workday
        )
        task.live_label = STATUS_LABELS[task.live]
        task.tone = STATUS_TONES[task.live]
        task.percent = round(logic.task_percent(task.status, [latest.get(owner.unit_id) for owner in owners]))
        task.latest_report = reports[-1] if reports else None
        task.due = logic.due_date(task.deadline, is_workday)
        task.unit_latest = latest
        task.report_dates = {}
        for report in reports:
            task.report_dates[report.unit_id] = report.date
    return tasks


@dataclass
class Roll:
    label: str
    percent: float
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    children: list = field(default_factory=list)


def rollup(plan: WorkPlan, tasks: list[Task]) -> Roll:
    """task → item → part → plan, each level weighted by its own weight (default 1)."""
    by_item = defaultdict(list)
    for task in tasks:
        by_item[task.item_id].append(task)
    parts: dict = {}
    plan_node = logic.Node(weight=1)
    part_nodes: dict = {}
    rolls_part: dict = {}
    for item in plan.items.select_related("part").order_by("order", "id"):
        item_tasks = by_item.get(item.pk, [])
        if not item_tasks:
            continue
        node = logic.Node(
            weight=item.weight, children=[logic.Node(task.weight, task.percent) for task in item_tasks]
        )
        key = item.part_id or 0
        if key not in part_nodes:
            part_nodes[key] = logic.Node(weight=item.part.weight if item.part else 1)
            plan_node.children.append(part_nodes[key])
            rolls_part[key] = Roll(str(item.part) if item.part else "（未分部分）", 0)
            parts[key] = item.part
        part_nodes[key].children.append(node)
        rolls_part[key].children.append(
            Roll(
                str(item),
                round(logic.rollup(node), 1),
                len(item_tasks),
                sum(task.live == "done" for task in item_tasks),
                sum(task.live == "overdue" for task in item_tasks),
            )
        )
    result = Roll(plan.title, round(logic.rollup(plan_node), 1) if plan_node.children else 0.0)
    for key, node in part_nodes.items():
        part_roll = rolls_part[key]
        part_roll.percent = round(logic.rollup(node), 1)
        part_roll.tasks = sum(child.tasks for child in part_roll.children)
        part_roll.done = sum(child.done for child in part_roll.children)
        part_roll.overdue = sum(child.overdue for child in part_roll.children)
        result.children.append(part_roll)
    result.tasks = len(tasks)
    result.done = sum(task.live == "done" for task in tasks)
    result.overdue = sum(task.live == "overdue" for task in tasks)
    return result


@dataclass
class UnitRow:
    unit: Unit
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    in_progress: int = 0
    unreported: int = 0  # open tasks without a report in the current or last reporting cycle
    overdue_tasks: list = field(default_factory=list)

    @property
    def late(self) -> bool:
        return bool(self.overdue or self.unreported)


def unit_table(plan: WorkPlan, tasks: list[Task], today: date | None = None) -> list[UnitRow]:
    """Per owner unit: tasks, done, overdue, and open tasks not reported in the last closed cycle."""
    today = today or timezone.localdate()
    start, _ = logic.cycle_bounds(plan.cycle, today)
    prev_start, _ = logic.cycle_bounds(plan.cycle, start.fromordinal(start.toordinal() - 1))
    rows: dict[int, UnitRow] = {}
    for task in tasks:
        for task_unit in task.owner_units:
            row = rows.setdefault(task_unit.unit_id, UnitRow(task_unit.unit))
            row.tasks += 1
            if task.live == "done":
                row.done += 1
                continue
            if task.live == "overdue":
                row.overdue += 1
                row.overdue_tasks.append(task)
            if task.live == "in_progress":
                row.in_progress += 1
            last = task.report_dates.get(task_unit.unit_id)
            # Reporting runs through the plan's year; after it, only overdue tasks make a unit late.
            in_year = today.year <= plan.year
            if (
                in_year
                and plan.published_at
                and plan.published_at.date() < start
                and (last is None or last < prev_start)
            ):
                row.unreported += 1
    return sorted(
        rows.values(), key=lambda row: (-row.overdue, -row.unreported, row.unit.sort_order, row.unit.pk)
    )


def cycle_info(plan: WorkPlan, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    start, end = logic.cycle_bounds(plan.cycle, today)
    left = logic.working_days_left(today, end, calendar.get_calendar().is_workday)
    return {"start": start, "end": end, "left": left}


def comparison(old: WorkPlan, new: WorkPlan) -> list[dict]:
    old_items = list(old.items.order_by("order", "id"))
    new_items = list(new.items.exclude(part__number="回头看").order_by("order", "id"))
    pairs = logic.compare(
        [(item.heading, item.text) for item in old_items], [(item.heading, item.text) for item in new_items]
    )
    return [
        {
            "status": pair.status,
            "label": logic.COMPARE_LABELS[pair.status],
            "new": new_items[pair.new] if pair.new is not None else None,
            "old": old_items[pair.old] if pair.old is not None else None,
            "score": pair.score,
        }
        for pair in pairs
    ]


def unfinished(plan: WorkPlan) -> list[Task]:
    carried = set(Task.objects.filter(carried_from__plan=plan).values_list("carried_from_id", flat=True))
    tasks = annotate(Task.objects.filter(plan=plan).exclude(status=TaskStatus.DONE))
    for task in tasks:
        task.carried = task.pk in carried
    return tasks


def implementation_summary(plan: WorkPlan, tasks: list[Task]) -> list[dict]:
    """Per item, a paragraph on the year's implementation, as a starting point for the annual report (五/六)."""
    by_item: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_item[task.item_id].append(task)
    out = []
    for item in plan.items.order_by("order", "id"):
        item_tasks = by_item.get(item.pk)
        if not item_tasks:
            continue
        done = sum(task.live == "done" for task in item_tasks)
        facts = []
        for task in item_tasks:
            if task.latest_report:
                unit = task.latest_report.unit
                name, said = unit.short_name or unit.name, task.latest_report.text.rstrip("。；;")
                facts.append(said if said.startswith((name, unit.name)) else f"{name}{said}")
        text = f"{item.number}{item.heading}：共{len(item_tasks)}项任务，已完成{done}项。"
        if facts:
            text += "；".join(dict.fromkeys(facts[:4])) + "。"
        late = [task for task in item_tasks if task.live == "overdue"]
        if late:
            text += f"尚有{len(late)}项任务逾期未完成。"
        out.append({"item": item, "text": text})
    return out
