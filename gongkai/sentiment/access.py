"""Who may do what with sentiment cases (舆情回应): one function per rule.

- the openness office (政务公开办, with the propaganda department: 本级政府办公厅(室)会同宣传部门组织协调) registers
  cases, sets level and units, closes them, and runs the 核查 rounds; it sees every case;
- a unit's staff may register a case for their own unit (as its 主管 unit);
- the units named on a case — 主管 (谁主管谁回应) and 属地 — see it, record the 研判 and the responses, and make
  commitments; a commitment's owner unit sees the case and reports its commitment kept;
- nobody else sees a case: cases are internal and never reach the portal.

``user=None`` is the system (jobs, demo, commands) and may do everything.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

_HANDLERS = (Role.EDITOR, Role.REVIEWER, Role.FOI_OFFICER, Role.LEADER)


def is_office(user) -> bool:
    """The openness office or a system administrator."""
    return user is None or permissions.is_office_admin(user)


def can_register(user, unit) -> bool:
    """Register a case with ``unit`` as its 主管 unit: the office, or that unit's staff."""
    return is_office(user) or (unit is not None and permissions.has_role(user, _HANDLERS, unit))


def can_see(user, case) -> bool:
    """See a case: the office, and the staff of the units named on it (主管, 属地, commitment owners)."""
    if is_office(user):
        return True
    ids = permissions.unit_ids(user)
    if ids is None:
        return True
    named = case.unit_ids() | set(case.commitments.values_list("owner_unit_id", flat=True))
    return bool(ids & named)


def can_respond(user, case) -> bool:
    """Record the 研判, a response or a commitment: the office and the 主管/属地 units' staff."""
    if is_office(user):
        return True
    return any(permissions.has_role(user, _HANDLERS, unit_id) for unit_id in case.unit_ids())


def can_manage(user, case) -> bool:
    """Change the case's level and units, close it: the office."""
    return is_office(user)


def can_fulfil(user, commitment) -> bool:
    """Report a commitment kept (兑现, with evidence): its owner unit's staff, or the office."""
    return is_office(user) or permissions.has_role(user, _HANDLERS, commitment.owner_unit_id)


def can_see_commitment(user, commitment) -> bool:
    return can_see(user, commitment.case)


def can_check(user) -> bool:
    """Run a 核查 round and mark commitments verified or not: the office."""
    return is_office(user)
