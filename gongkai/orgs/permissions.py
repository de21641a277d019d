"""Moved to :mod:`gongkai.roles.permissions` (below audit, so that audit need not import orgs). This name stays
importable for code written against the old place; new code imports ``gongkai.roles.permissions``."""

from gongkai.roles.permissions import (
    can_see_unit,
    get_scoped_or_404,
    has_role,
    is_county_wide,
    is_not_author,
    is_office_admin,
    is_sys_admin,
    roles_of,
    scope,
    unit_ids,
    unit_ids_with_role,
)

__all__ = [
    "can_see_unit",
    "get_scoped_or_404",
    "has_role",
    "is_county_wide",
    "is_not_author",
    "is_office_admin",
    "is_sys_admin",
    "roles_of",
    "scope",
    "unit_ids",
    "unit_ids_with_role",
]
