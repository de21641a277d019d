"""Staff roles (角色). The single list every permission check refers to."""

from django.db import models


class Role(models.TextChoices):
    EDITOR = "editor", "信息编辑"
    REVIEWER = "reviewer", "保密审查员"
    FOI_OFFICER = "foi_officer", "依申请公开经办人"
    LEGAL_ADVISER = "legal_adviser", "法律顾问"
    LEADER = "leader", "单位负责人"
    OFFICE_ADMIN = "office_admin", "政务公开办管理员"
    SYS_ADMIN = "sys_admin", "系统管理员"


# Roles whose holders see every unit's non-public work (the competent authority and the operators).
COUNTY_WIDE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.SYS_ADMIN})
