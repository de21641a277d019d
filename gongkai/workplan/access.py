"""Who may do what with the work plan (工作要点) and its task ledger (任务分工表). One function per rule, on top
of ``gongkai.roles.permissions``; ``user=None`` is the system (``gongkai demo``) and may do everything.

- the openness office (政务公开办) runs the plans: imports a 工作要点, reviews and corrects it, publishes and
  archives it, confirms tasks done, looks back (回头看) and sees the county-wide 落实情况 with its exports;
- a unit's staff see the tasks of their own units in published plans and report progress on them, for their own
  units only (the office may report for any owner unit).
"""

from __future__ import annotations

from gongkai.orgs.models import Unit
from gongkai.roles import permissions


def _office(user) -> bool:
    return user is None or permissions.is_office_admin(user)


def can_manage_plans(user) -> bool:
    """Open the plans and correct them: the list, the review tree, units, texts, deadlines, split and merge."""
    return _office(user)


def can_import(user) -> bool:
    """Import a 工作要点 as a draft plan."""
    return _office(user)


def can_publish(user) -> bool:
    """Publish a plan (its tasks reach the units) and archive it when the year is closed."""
    return _office(user)


def can_see_county_dashboard(user) -> bool:
    """The county-wide 落实情况 of a plan, the 分工表 export, the 通报 and the comparison of two years."""
    return _office(user)


def can_carry_forward(user) -> bool:
    """Copy last year's unfinished tasks into a plan (回头看)."""
    return _office(user)


def can_confirm_done(user) -> bool:
    """Confirm a task done, or reopen it."""
    return _office(user)


def sees_every_task(user) -> bool:
    """Open any task, drafts included (others see their units' tasks of published plans: ``selectors.visible_tasks``)."""
    return _office(user)


def reporting_units(user, task) -> list[Unit]:
    """The task's owner units ``user`` may report for: their own units (the office and the system: any)."""
    owners = [task_unit.unit for task_unit in task.task_units.select_related("unit")]
    if user is None:
        return owners
    ids = permissions.unit_ids(user)
    return owners if ids is None else [unit for unit in owners if unit.pk in ids]


def can_report(user, task, unit) -> bool:
    """Report progress on ``task`` for ``unit``."""
    return unit.pk in {owner.pk for owner in reporting_units(user, task)}
