"""Who may do what in the registers (工作台账): one function per rule. ``user=None`` is the system (jobs, demo,
commands) and may do everything.

- a unit's 信息编辑 and 单位负责人 record their unit's trainings, hearings, evaluations, submissions and cases, and
  report the rectification of a supervision record against their unit;
- the openness office (政务公开办) records for any unit, and is the only one to issue supervision records
  (通报批评、约谈、督查) and to confirm that a submission was adopted by an outlet it does not run;
- everyone sees only the rows of the units they belong to (the office every unit's); another unit's row answers 404.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

_RECORDERS = (Role.EDITOR, Role.LEADER)


def is_office(user) -> bool:
    return user is None or permissions.is_office_admin(user)


def can_view(user, obj) -> bool:
    """See a register row: a member of its unit, or the office."""
    return user is None or permissions.can_see_unit(user, obj.unit)


def can_record(user, unit) -> bool:
    """Record a training, hearing, evaluation, submission or case for ``unit``: its editors and leader, or the
    office."""
    return user is None or permissions.has_role(user, _RECORDERS, unit)


def can_change(user, obj) -> bool:
    """Add material to, link or edit a row: whoever may record for its unit."""
    return can_record(user, obj.unit)


def can_issue_supervision(user) -> bool:
    """通报批评 / 约谈 / 督查: issued by the office (the unit concerned never records its own)."""
    return is_office(user)


def can_rectify(user, record) -> bool:
    """Report the rectification (整改) of a record against ``record.unit``: its editors and leader, or the office."""
    return can_record(user, record.unit)


def can_view_overview(user) -> bool:
    """The per-unit overview: any staff member (rows limited to their units)."""
    return user is None or getattr(user, "is_authenticated", False)
