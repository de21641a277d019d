"""Who may do what with 找错 reports: one function per rule.

- the openness office (政务公开办) sees every report, re-routes a report to another unit, re-checks the unit's answer
  (复核) and closes it (办结); it also handles the reports no unit owns;
- the unit that owns the page (its editors, reviewers, FOI officers and leader) handles the report: takes it up,
  answers 已修正 or 不予采纳 with the reason;
- the reporter's contact and screenshot are seen by the office and the handling unit only.

``user=None`` is the system (jobs, demo, commands) and may do everything.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

_HANDLERS = (Role.EDITOR, Role.REVIEWER, Role.FOI_OFFICER, Role.LEADER)


def is_office(user) -> bool:
    """The openness office or a system administrator."""
    return user is None or permissions.is_office_admin(user)


def can_see(user, report) -> bool:
    if is_office(user):
        return True
    return report.unit_id is not None and permissions.can_see_unit(user, report.unit_id)


def can_handle(user, report) -> bool:
    """Take the report up and answer it: the owning unit's staff (the office for reports without a unit)."""
    if report.unit_id is None:
        return is_office(user)
    return user is None or permissions.has_role(user, _HANDLERS, report.unit_id)


def can_route(user, report) -> bool:
    """Send a report to another unit (改派)."""
    return is_office(user)


def can_recheck(user, report) -> bool:
    """Re-check the answer (复核) and close the report (办结), or send it back."""
    return is_office(user)
