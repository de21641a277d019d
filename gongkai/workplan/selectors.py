"""Read side: who sees which tasks, live statuses on the statutory calendar, roll-ups, late units, comparison."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from gongkai.calendar import services as cal
from gongkai.orgs.models import Unit
from gongkai.orgs.permissions import unit_ids

from . import logic
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
    qs = Task.objects.filter(plan__state=PlanState.PUBLISHED)
    ids = unit_ids(user)
    if ids is None:
        return qs
    return qs.filter(task_units__unit_id__in=ids).distinct()


def annotate(tasks, today: date | None = None) -> list[Task]:
    """Attach ``live`` (status key), ``live_label``, ``percent`` and ``owner_units`` to each task."""
    today = today or timezone.localdate()
    is_workday = cal.get_calendar().is_workday
    tasks = list(
        tasks.select_related("item", "item__part", "plan").prefetch_related(
            Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit")),
            Prefetch("reports", queryset=ProgressReport.objects.order_by("date", "id")),
        )
        if hasattr(tasks, "select_related")
        else tasks
    )
    for t in tasks:
        reports = list(t.reports.all())
        latest: dict[int, int] = {}
        for r in reports:
            latest[r.unit_id] = r.percent
        owners = list(t.task_units.all())
        t.owner_units = owners
        t.live = logic.live_status(t.status, t.deadline, t.recurrence, bool(reports), today, is_workday)
        t.live_label = STATUS_LABELS[t.live]
        t.tone = STATUS_TONES[t.live]
        t.percent = round(logic.task_percent(t.status, [latest.get(o.unit_id) for o in owners]))
        t.latest_report = reports[-1] if reports else None
        t.due = logic.due_date(t.deadline, is_workday)
        t.unit_latest = latest
        t.report_dates = {}
        for r in reports:
            t.report_dates[r.unit_id] = r.date
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
    for t in tasks:
        by_item[t.item_id].append(t)
    parts: dict = {}
    plan_node = logic.Node(weight=1)
    part_nodes: dict = {}
    rolls_part: dict = {}
    for item in plan.items.select_related("part").order_by("order", "id"):
        its = by_item.get(item.pk, [])
        if not its:
            continue
        node = logic.Node(weight=item.weight, children=[logic.Node(t.weight, t.percent) for t in its])
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
                len(its),
                sum(t.live == "done" for t in its),
                sum(t.live == "overdue" for t in its),
            )
        )
    result = Roll(plan.title, round(logic.rollup(plan_node), 1) if plan_node.children else 0.0)
    for key, node in part_nodes.items():
        r = rolls_part[key]
        r.percent = round(logic.rollup(node), 1)
        r.tasks = sum(c.tasks for c in r.children)
        r.done = sum(c.done for c in r.children)
        r.overdue = sum(c.overdue for c in r.children)
        result.children.append(r)
    result.tasks = len(tasks)
    result.done = sum(t.live == "done" for t in tasks)
    result.overdue = sum(t.live == "overdue" for t in tasks)
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
    for t in tasks:
        for tu in t.owner_units:
            row = rows.setdefault(tu.unit_id, UnitRow(tu.unit))
            row.tasks += 1
            if t.live == "done":
                row.done += 1
                continue
            if t.live == "overdue":
                row.overdue += 1
                row.overdue_tasks.append(t)
            if t.live == "in_progress":
                row.in_progress += 1
            last = t.report_dates.get(tu.unit_id)
            # Reporting runs through the plan's year; after it, only overdue tasks make a unit late.
            in_year = today.year <= plan.year
            if (
                in_year
                and plan.published_at
                and plan.published_at.date() < start
                and (last is None or last < prev_start)
            ):
                row.unreported += 1
    return sorted(rows.values(), key=lambda r: (-r.overdue, -r.unreported, r.unit.sort_order, r.unit.pk))


def cycle_info(plan: WorkPlan, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    start, end = logic.cycle_bounds(plan.cycle, today)
    left = logic.working_days_left(today, end, cal.get_calendar().is_workday)
    return {"start": start, "end": end, "left": left}


def comparison(old: WorkPlan, new: WorkPlan) -> list[dict]:
    old_items = list(old.items.order_by("order", "id"))
    new_items = list(new.items.exclude(part__number="回头看").order_by("order", "id"))
    pairs = logic.compare([(i.heading, i.text) for i in old_items], [(i.heading, i.text) for i in new_items])
    return [
        {
            "status": p.status,
            "label": logic.COMPARE_LABELS[p.status],
            "new": new_items[p.new] if p.new is not None else None,
            "old": old_items[p.old] if p.old is not None else None,
            "score": p.score,
        }
        for p in pairs
    ]


def unfinished(plan: WorkPlan) -> list[Task]:
    carried = set(Task.objects.filter(carried_from__plan=plan).values_list("carried_from_id", flat=True))
    tasks = annotate(Task.objects.filter(plan=plan).exclude(status=TaskStatus.DONE))
    for t in tasks:
        t.carried = t.pk in carried
    return tasks


def implementation_summary(plan: WorkPlan, tasks: list[Task]) -> list[dict]:
    """Per item, a paragraph on the year's implementation, as a starting point for the annual report (五/六)."""
    by_item: dict[int, list[Task]] = defaultdict(list)
    for t in tasks:
        by_item[t.item_id].append(t)
    out = []
    for item in plan.items.order_by("order", "id"):
        its = by_item.get(item.pk)
        if not its:
            continue
        done = sum(t.live == "done" for t in its)
        facts = []
        for t in its:
            if t.latest_report:
                unit = t.latest_report.unit
                name, said = unit.short_name or unit.name, t.latest_report.text.rstrip("。；;")
                facts.append(said if said.startswith((name, unit.name)) else f"{name}{said}")
        text = f"{item.number}{item.heading}：共{len(its)}项任务，已完成{done}项。"
        if facts:
            text += "；".join(dict.fromkeys(facts[:4])) + "。"
        late = [t for t in its if t.live == "overdue"]
        if late:
            text += f"尚有{len(late)}项任务逾期未完成。"
        out.append({"item": item, "text": text})
    return out
