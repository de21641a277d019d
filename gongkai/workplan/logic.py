"""Framework-free rules of the task ledger: live status, reporting cycles, weighted roll-up; the year comparison
(回头看) is ``gongkai.core.workpoints.compare``, re-exported here.

No Django imports: the calendar comes in as an ``is_workday(date) -> bool`` callable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

# 回头看 (comparing two years' items) is framework-free and lives in core.workpoints; re-exported for the app.
from gongkai.core.workpoints.compare import (  # noqa: F401
    COMPARE_LABELS,
    MATCH_MIN,
    SAME_MIN,
    Pair,
    compare,
    similarity,
    tokens,
)

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE, ONGOING = "not_started", "in_progress", "done", "overdue", "ongoing"
# Recurrences (core.workpoints) that mean the task never "finishes" within the year.
ONGOING_RECURRENCES = ("ongoing", "periodic", "weekly", "monthly", "quarterly", "half-yearly")


def due_date(deadline: date | None, is_workday: Callable[[date], bool]) -> date | None:
    """The last day to finish: a deadline falling on a rest day moves to the next working day
    (期限届满日为法定节假日的，顺延至节假日后的第一个工作日 — the general rule of Chinese administrative deadlines)."""
    if deadline is None:
        return None
    day = deadline
    for _ in range(40):  # the longest holiday run is 8–9 days; 40 is a safe bound
        if is_workday(day):
            return day
        day += timedelta(days=1)
    return deadline


def live_status(
    stored: str,
    deadline: date | None,
    recurrence: str,
    has_progress: bool,
    today: date,
    is_workday: Callable[[date], bool],
) -> str:
    """未开始/进行中/已完成/逾期/持续推进中 as of ``today``: overdue is judged on the statutory calendar."""
    if stored == DONE:
        return DONE
    due = due_date(deadline, is_workday)
    if due is not None and today > due:
        return OVERDUE
    if deadline is None and (recurrence or "").split(":")[0] in ONGOING_RECURRENCES:
        return ONGOING
    if has_progress or stored == IN_PROGRESS:
        return IN_PROGRESS
    return NOT_STARTED


def cycle_bounds(cycle: str, today: date) -> tuple[date, date]:
    """First and last day of the reporting cycle containing ``today``."""
    if cycle == "weekly":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if cycle == "quarterly":
        first_month = (today.month - 1) // 3 * 3 + 1
        start = date(today.year, first_month, 1)
    else:
        start = date(today.year, today.month, 1)
        first_month = today.month
    months = 3 if cycle == "quarterly" else 1
    end_month = first_month + months
    end = date(today.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def working_days_left(today: date, end: date, is_workday: Callable[[date], bool]) -> int:
    """Working days from today to ``end``, both included."""
    left, day = 0, today
    while day <= end:
        left += is_workday(day)
        day += timedelta(days=1)
    return left


# -- roll-up: task → item → part → plan, weighted ------------------------------------------------------------


@dataclass
class Node:
    weight: Decimal
    percent: float | None = None  # leaves carry a percent; inner nodes are computed
    children: list[Node] = field(default_factory=list)


def rollup(node: Node) -> float:
    """Weighted mean of the children's progress (a node with no children keeps its own percent, else 0)."""
    if not node.children:
        return float(node.percent or 0)
    total = sum(float(child.weight) for child in node.children)
    if total <= 0:
        return 0.0
    return sum(float(child.weight) * rollup(child) for child in node.children) / total


def task_percent(status: str, unit_percents: Iterable[int | None]) -> float:
    """A task's progress: 100 when done, else the mean of each owner unit's latest reported percent."""
    if status == DONE:
        return 100.0
    values = [percent or 0 for percent in unit_percents]
    return sum(values) / len(values) if values else 0.0
