"""Who may change the holiday table (节假日安排). One function per rule, on top of ``gongkai.roles.permissions``;
``user=None`` is the system (``gongkai calendar``, ``gongkai demo``) and may do everything.

Every staff member reads the calendar and uses the working-day calculator; only the openness office and system
administrators import a State Council notice (or seed years from the package), and only they are asked to by
the dashboard.
"""

from __future__ import annotations

from gongkai.roles import permissions


def can_import_notices(user) -> bool:
    """Import a holiday notice or seed years from the chinesecalendar package (导入节假日安排)."""
    return user is None or permissions.is_office_admin(user)


def can_override_notice_problems(user) -> bool:
    """Save a notice that breaks the statutory rules anyway (with a reason, audited): system administrators
    only — an office admin who pasted a wrong notice must not be able to wave it through."""
    return user is None or permissions.is_sys_admin(user)
