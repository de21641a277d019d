"""Reads for the public site. Only public data: active units and their published contact details."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from gongkai.orgs.models import Leader, Unit, UnitKind

# The contact fields a 信息公开指南 prints (条例第12条); nothing else of a unit is read here.
PUBLIC_UNIT_FIELDS = (
    "id",
    "kind",
    "name",
    "short_name",
    "index_prefix",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
    "sort_order",
    "functions",
)


def public_units():
    return Unit.objects.filter(is_active=True).only(*PUBLIC_UNIT_FIELDS).order_by("sort_order", "id")


def public_unit_or_404(unit_id: int) -> Unit:
    """An active unit, or 404 (inactive and unknown units look the same from outside)."""
    return get_object_or_404(public_units(), pk=unit_id)


def units_by_kind() -> list[tuple[str, list[Unit]]]:
    """Active units grouped by kind, in the order of ``UnitKind`` (政府, 办公室, 部门, 乡镇…)."""
    groups: dict[str, list[Unit]] = {kind: [] for kind in UnitKind.values}
    for unit in public_units():
        groups.setdefault(unit.kind, []).append(unit)
    labels = dict(UnitKind.choices)
    return [(labels.get(kind, kind), units) for kind, units in groups.items() if units]


def _with_leaders(qs):
    return qs.prefetch_related(Prefetch("leaders", queryset=Leader.objects.order_by("sort_order", "id")))


def public_unit_profile_or_404(unit_id: int) -> Unit:
    """An active unit with its leaders (机构职能 and 领导信息 are public), or 404."""
    return get_object_or_404(_with_leaders(public_units()), pk=unit_id)


def leaders_by_kind() -> list[tuple[str, list[Unit]]]:
    """Active units that have published leaders, grouped by kind, each with its leaders in display order."""
    units = _with_leaders(public_units().filter(leaders__isnull=False).distinct())
    groups: dict[str, list[Unit]] = {kind: [] for kind in UnitKind.values}
    for unit in units:
        groups.setdefault(unit.kind, []).append(unit)
    labels = dict(UnitKind.choices)
    return [(labels.get(kind, kind), members) for kind, members in groups.items() if members]
