"""Who may read, export and check the audit log (审计日志). One function per rule, on top of
``gongkai.roles.permissions``; ``user=None`` is the system (commands) and may do everything.

- the openness office and system administrators read every event (logins included);
- a unit leader (单位负责人) reads the events of the units they lead; nobody else reads the log;
- whoever reads events may export what they read (the export is itself recorded);
- only system administrators run the hash-chain check from the web.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions


def visible_unit_ids(user) -> set[int] | None:
    """The units whose events ``user`` may read; None means all events."""
    if user is None:
        return None
    return permissions.unit_ids_with_role(user, Role.LEADER)


def can_browse(user) -> bool:
    """Open the audit log at all (the menu entry, the list, an event)."""
    ids = visible_unit_ids(user)
    return ids is None or bool(ids)


def can_export(user) -> bool:
    """Export the events one may read (CSV/Excel)."""
    return can_browse(user)


def can_verify(user) -> bool:
    """Run the hash-chain check (校验哈希链)."""
    return user is None or permissions.is_sys_admin(user)
