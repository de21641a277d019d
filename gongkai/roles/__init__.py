"""The role model (角色与范围): the staff roles every permission check refers to, and in ``permissions`` who holds
which role in which unit and which units' non-public work a user sees.

Why a package of its own, below every app: the rules of every app — audit's included — are built on it, while it
needs no app. It reads a user's roles through the user object (``user.memberships``, the rows of
``orgs.Membership``) and imports no model, so ``audit`` can use it without importing ``orgs``, and ``orgs``
(which writes audit events like every app) sits above ``audit`` with no cycle. Layering: ``core`` < ``common`` <
``roles`` < the apps (contract ``layers`` in ``pyproject.toml``).
"""

from django.db import models


class Role(models.TextChoices):
    """Staff roles (角色). The single list every permission check refers to."""

    EDITOR = "editor", "信息编辑"
    REVIEWER = "reviewer", "保密审查员"
    FOI_OFFICER = "foi_officer", "依申请公开经办人"
    LEGAL_ADVISER = "legal_adviser", "法律顾问"
    LEADER = "leader", "单位负责人"
    OFFICE_ADMIN = "office_admin", "政务公开办管理员"
    SYS_ADMIN = "sys_admin", "系统管理员"


# Roles whose holders see every unit's non-public work (the competent authority and the operators).
COUNTY_WIDE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.SYS_ADMIN})
