"""Who may do what with messages (留言): one function per rule.

- the openness office (政务公开办) configures the channels, dispatches every message, merges duplicates, declares a
  message invalid and sees everything;
- the unit a message is dispatched to (its editors, reviewers, FOI officers and leader) handles it: drafts the reply,
  asks for an extension, transfers it back with a reason;
- the unit's leader (单位负责人) approves the reply and the extension;
- writers' names and contacts are seen by the office and the handling unit only; the portal never shows them.

``user=None`` is the system (jobs, demo, commands) and may do everything.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

_HANDLERS = (Role.EDITOR, Role.REVIEWER, Role.FOI_OFFICER, Role.LEADER)
_LEADERS = (Role.LEADER,)


def is_office(user) -> bool:
    """The openness office or a system administrator."""
    return user is None or permissions.is_office_admin(user)


def can_configure(user) -> bool:
    """Configure the channels (时限, 分类, 默认公开)."""
    return is_office(user)


def can_dispatch(user, message) -> bool:
    """Dispatch a message to a unit (分办), merge duplicates, declare a message invalid."""
    return is_office(user)


def can_see(user, message) -> bool:
    """See a message, its writer and its handling: the office and the handling unit's staff."""
    if is_office(user):
        return True
    return message.unit_id is not None and permissions.can_see_unit(user, message.unit_id)


def can_handle(user, message) -> bool:
    """Draft the reply, ask for an extension, transfer: the handling unit's staff."""
    if message.unit_id is None:
        return is_office(user)
    return user is None or permissions.has_role(user, _HANDLERS, message.unit_id)


def can_transfer(user, message) -> bool:
    return is_office(user) or can_handle(user, message)


def can_approve(user, message) -> bool:
    """Approve the reply or an extension (领导审核): the handling unit's leader."""
    if message.unit_id is None:
        return is_office(user)
    return user is None or permissions.has_role(user, _LEADERS, message.unit_id)


def can_publish(user, message) -> bool:
    """Publish question and reply (masked): the office or the handling unit's leader."""
    return is_office(user) or can_approve(user, message)


def can_import_hotline(user) -> bool:
    """Import 12345 work orders (12345工单导入) and export their replies: the openness office, which receives the
    hotline's file for the whole county."""
    return is_office(user)
