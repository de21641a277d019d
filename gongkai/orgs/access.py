"""Who may do what with units, staff and roles (单位、人员与岗位). One function per rule, on top of the role model
in ``gongkai.roles.permissions``. The services enforce these, the views answer 403 with them and the pages decide
which buttons to show with them. ``user=None`` is the system (``gongkai demo``, commands) and may do everything.

- every staff member reads the unit list and a unit's details (public information: the 信息公开指南);
- the openness office (政务公开办管理员) and system administrators create, change, stop, import units and manage
  staff and roles;
- county-wide roles (政务公开办管理员、系统管理员), the legal adviser (法律顾问, who countersigns the office's
  replies) and system administrator accounts are granted by a system administrator only;
- nobody grants a role to themselves (another administrator must); every grant is audited and shown to the
  grantee's unit leader (dashboard card);
- who works in a unit and in which role is shown to that unit's own members and to the office;
- the system admin pages (Django admin) belong to superusers.
"""

from __future__ import annotations

from gongkai.roles import COUNTY_WIDE_ROLES, Role, permissions

# Roles only a system administrator gives or takes: the county-wide ones, and the legal adviser, whose
# countersignature must not be something the office can give itself.
SYS_ADMIN_GRANTED_ROLES = COUNTY_WIDE_ROLES | {Role.LEGAL_ADVISER}


def can_manage_units(user) -> bool:
    """Create, change, stop, move and import units (维护单位)."""
    return user is None or permissions.is_office_admin(user)


def can_manage_staff(user) -> bool:
    """Create staff accounts and give or take unit roles (维护人员和岗位)."""
    return user is None or permissions.is_office_admin(user)


def can_grant_role(user, role: str, grantee=None) -> bool:
    """Give or take ``role`` (to ``grantee`` when known): the staff managers, a system administrator for the
    county-wide roles and the legal adviser; nobody to themselves."""
    if user is None:
        return True
    if not can_manage_staff(user):
        return False
    if grantee is not None and getattr(grantee, "pk", None) == getattr(user, "pk", None):
        return False
    return role not in SYS_ADMIN_GRANTED_ROLES or permissions.is_sys_admin(user)


def is_own_grant(user, grantee) -> bool:
    """Whether ``user`` would give a role to themselves (refused: another administrator must)."""
    return user is not None and getattr(grantee, "pk", None) == getattr(user, "pk", None)


def can_see_grants(user, unit) -> bool:
    """See the roles recently granted in ``unit`` (the dashboard card): the unit's leader."""
    return user is not None and permissions.has_role(user, Role.LEADER, unit)


def can_create_sys_admin(user) -> bool:
    """Create a system administrator account (superuser)."""
    return user is None or permissions.is_sys_admin(user)


def can_see_staff(user, unit) -> bool:
    """See who works in ``unit`` and in which role."""
    return user is None or permissions.can_see_unit(user, unit)


def removes_own_admin_role(user, membership) -> bool:
    """Whether ``user`` would take away their own county-wide role (the pages refuse it: another admin must)."""
    return (
        user is not None
        and membership.user_id == getattr(user, "pk", None)
        and membership.role in COUNTY_WIDE_ROLES
    )


def can_use_system_admin(user) -> bool:
    """Edit accounts in the system admin pages (Django admin): superusers only."""
    return user is None or bool(getattr(user, "is_superuser", False))


def can_unlock_logins(user) -> bool:
    """See the login protection page and lift a lockout or delay (解除登录锁定): the office and system admins."""
    return user is None or permissions.is_office_admin(user)


def can_change_password(user, account) -> bool:
    """Change ``account``'s password by giving the current one (修改密码): its owner only; nobody sets another
    person's password here (a system administrator resets it in the system admin pages)."""
    return user is not None and getattr(user, "pk", None) is not None and user.pk == account.pk
