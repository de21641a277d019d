"""The role model every app's rules are built on (角色与范围): who holds which role in which unit, and which units'
non-public work a user sees.

- the openness office (政务公开办管理员) and system administrators see every unit's work;
- other staff see and act on the non-public work of the units they belong to, within their roles;
- a reviewer never reviews their own work (``is_not_author``).

The rules themselves (who may review, who manages units, who imports a work plan …) are one function each in the
apps' ``access.py``, built from these. Views answer 404 for objects outside the user's units (``scope``,
``get_scoped_or_404``: no existence leak) and 403 for a missing role on a visible object.

A user's memberships are read through ``user.memberships`` (``orgs.Membership``'s related name) and cached on the
user object for the request; no app is imported (see the package's docstring).
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from . import COUNTY_WIDE_ROLES, Role


def _memberships(user) -> list[tuple[int, str]]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("unit_id", "role"))
        user._gongkai_memberships = cached
    return cached


def roles_of(user, unit=None) -> set[str]:
    """The user's roles, in ``unit`` if given (county-wide roles count everywhere)."""
    unit_id = getattr(unit, "pk", unit)
    result = set()
    for member_unit, role in _memberships(user):
        if unit_id is None or member_unit == unit_id or role in COUNTY_WIDE_ROLES:
            result.add(role)
    if getattr(user, "is_superuser", False):
        result.add(Role.SYS_ADMIN)
    return result


def is_county_wide(user) -> bool:
    return bool(roles_of(user) & COUNTY_WIDE_ROLES)


def is_office_admin(user) -> bool:
    return Role.OFFICE_ADMIN in roles_of(user) or Role.SYS_ADMIN in roles_of(user)


def is_sys_admin(user) -> bool:
    return Role.SYS_ADMIN in roles_of(user)


def unit_ids(user) -> set[int] | None:
    """Ids of the units whose non-public work the user may see; None means every unit."""
    if is_county_wide(user):
        return None
    return {member_unit for member_unit, _ in _memberships(user)}


def unit_ids_with_role(user, role: str | Iterable[str]) -> set[int] | None:
    """Ids of the units where the user holds ``role`` (e.g. the units a leader heads); None means every unit."""
    if is_county_wide(user):
        return None
    wanted = {role} if isinstance(role, str) else set(role)
    return {member_unit for member_unit, held in _memberships(user) if held in wanted}


def has_role(user, role: str | Iterable[str], unit=None) -> bool:
    wanted = {role} if isinstance(role, str) else set(role)
    return bool(roles_of(user, unit) & (wanted | COUNTY_WIDE_ROLES))


def can_see_unit(user, unit) -> bool:
    ids = unit_ids(user)
    return ids is None or getattr(unit, "pk", unit) in ids


def scope(user, queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
    """Limit ``queryset`` to the user's units (every unit for the openness office)."""
    ids = unit_ids(user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(Q(**{f"{unit_field}__in": ids}))


def get_scoped_or_404(user, queryset: QuerySet, unit_field: str = "unit", **lookup):
    """Fetch one object the user may see; 404 otherwise (the object's existence is not revealed)."""
    try:
        return scope(user, queryset, unit_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("未找到该记录，或您无权查看。")


def is_not_author(user, author) -> bool:
    return getattr(user, "pk", None) is not None and user.pk != getattr(author, "pk", author)
