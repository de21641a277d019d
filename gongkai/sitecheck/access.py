"""Who may do what in site inspection: one function per rule. ``user=None`` is the system (jobs, demo, commands).

- the openness office sets the catalogue's due rules, sees every unit's row of the due matrix, reviews new-media
  filings (审核 → 已备案), approves changes, suspends or cancels accounts;
- a unit's 信息编辑 record disclosure events and their own accounts (开设申请, 变更申请, update dates).
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

_EDITORS = (Role.EDITOR,)


def is_office(user) -> bool:
    return user is None or permissions.is_office_admin(user)


def can_set_rules(user) -> bool:
    """Structure the 公开时限 of the county catalogue: the office."""
    return is_office(user)


def can_view_matrix(user) -> bool:
    """The due matrix: any staff member (rows limited to the units they belong to; the office sees all)."""
    return user is None or getattr(user, "is_authenticated", False)


def can_record_event(user, unit) -> bool:
    """Record an event that starts a 'within N working days' clock: the unit's editors."""
    return user is None or permissions.has_role(user, _EDITORS, unit)


def can_view_account(user, account) -> bool:
    return user is None or permissions.can_see_unit(user, account.unit)


def can_apply_account(user, unit) -> bool:
    """开设申请 / 变更申请 / record update dates of a unit's accounts: its editors."""
    return user is None or permissions.has_role(user, _EDITORS, unit)


def can_review_account(user) -> bool:
    """审核 a filing, approve a change, 关停 / 注销: the office (逐级备案)."""
    return is_office(user)


def can_move_account(user, account, to: str) -> bool:
    """One filing step: 提交审核 and 变更申请 by the unit's editors, the rest (审核、备案、关停、注销) by the office."""
    from .vocab import UNIT_STEPS

    if (account.state, to) in UNIT_STEPS:
        return can_apply_account(user, account.unit)
    return can_review_account(user)


def can_manage_inspection(user) -> bool:
    """Start an inspection, list external sites, see every unit's tickets and the 通报: the office."""
    return is_office(user)


def can_view_inspection(user) -> bool:
    """Runs, scorecards and trend: any staff member (findings and tickets limited to their units)."""
    return user is None or getattr(user, "is_authenticated", False)


def can_view_ticket(user, ticket) -> bool:
    """A ticket: the office, or staff of the unit it is assigned to (the office's own have no unit)."""
    if is_office(user):
        return True
    return ticket.unit_id is not None and permissions.can_see_unit(user, ticket.unit)


def can_run_campaign(user) -> bool:
    """Open and close a 僵尸号 cleanup campaign: the office."""
    return is_office(user)


def can_view_campaign(user) -> bool:
    """A campaign's page: any staff member (the rows are limited to the units they may see)."""
    return user is None or getattr(user, "is_authenticated", False)


def can_decide_zombie(user, item) -> bool:
    """Decide 整改 / 关停 / 注销 / 合并 for a listed account: the owning unit's editors (the office too)."""
    return is_office(user) or permissions.has_role(user, _EDITORS, item.unit)
