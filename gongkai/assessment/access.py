"""Who may do what in the assessment (考核): one function per rule. ``user=None`` is the system (jobs, demo).

- the openness office (政务公开办) sets the scheme and its indicators, computes, closes and recalculates periods,
  enters 扣分 / 一票否决 and confirms entries, and sees every unit's scores and evidence;
- a unit's staff see their own unit's scores and evidence only; its editors and leader may submit 人工评分 and 加分
  entries for their own unit with evidence (自评), which count once the office confirms them;
- the confirmation is by a second person: never the one who entered it (双人确认).
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

from .vocab import IndicatorKind

_UNIT_ROLES = (Role.EDITOR, Role.LEADER)


def is_office(user) -> bool:
    return user is None or permissions.is_office_admin(user)


def can_manage(user) -> bool:
    """Schemes, indicators, computing, closing and recalculating periods, the 通报: the office."""
    return is_office(user)


def can_view_unit(user, unit) -> bool:
    """A unit's scores, lines and evidence: the office, or a member of that unit."""
    return user is None or permissions.can_see_unit(user, unit)


def can_enter(user, unit, kind: str) -> bool:
    """Enter points: the office for any kind; a unit's editors and leader 人工评分 and 加分 for their own unit."""
    if is_office(user):
        return True
    if kind not in (IndicatorKind.MANUAL, IndicatorKind.BONUS):
        return False
    return permissions.has_role(user, _UNIT_ROLES, unit)


def can_confirm(user, entry) -> bool:
    """Confirm an entry: the office, and not the person who entered it."""
    if user is None:
        return True
    return is_office(user) and permissions.is_not_author(user, entry.entered_by)
