"""Unit names in documents → Unit ids, over the active units in the database (单位名称解析).

The directory (``gongkai.core.unitphrase.UnitDirectory``) is built from the active units and cached under a
version key made of the unit count, the latest change time and a salt bumped by ``invalidate()``; any unit change
(services, admin, import) moves the key, so every app server rebuilds it on its next use.

Settings: ``GONGKAI_UNIT_LOCAL_PREFIXES`` (default 县、市、区: the level prefixes that mean this county's own
bodies; set it to ("县",) where 市 in documents means the prefecture city), ``GONGKAI_PLACE_NAMES`` (default:
the government unit's name without 人民政府, e.g. 示范县 and 示范).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from gongkai.core.unitphrase import Match, UnitDirectory, UnitEntry

from .models import Unit, UnitKind

_SALT_KEY = "orgs:unitdir:salt"
_DIR_KEY = "orgs:unitdir:{version}"
_CACHE_SECONDS = 6 * 3600
_lock = threading.Lock()
_memo: dict[str, UnitDirectory] = {}


def _version() -> str:
    agg = Unit.objects.aggregate(n=Count("id"), last=Max("updated"), top=Max("id"))
    last = agg["last"].timestamp() if agg["last"] else 0
    return f"{agg['n']}:{agg['top']}:{last:.6f}:{cache.get(_SALT_KEY, 0)}"


def invalidate() -> None:
    """Force a rebuild on next use (called after unit changes commit)."""
    try:
        cache.incr(_SALT_KEY)
    except ValueError:
        cache.set(_SALT_KEY, 1, None)
    with _lock:
        _memo.clear()


def place_names(units: list[Unit] | None = None) -> tuple[str, ...]:
    configured = settings.GONGKAI_PLACE_NAMES
    if configured:
        return tuple(configured)
    names = []
    governments = (
        units if units is not None else Unit.objects.filter(kind=UnitKind.GOVERNMENT, is_active=True)
    )
    for unit in governments:
        if unit.kind != UnitKind.GOVERNMENT:
            continue
        place = unit.name.removesuffix("人民政府")
        if place and place != unit.name:
            names.append(place)
            if len(place) >= 3 and place[-1] in "县市区旗":
                names.append(place[:-1])
    return tuple(names)


def local_prefixes() -> tuple[str, ...]:
    return tuple(settings.GONGKAI_UNIT_LOCAL_PREFIXES)


def _build() -> tuple[tuple[UnitEntry, ...], tuple[str, ...]]:
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "id"))
    entries = tuple(
        UnitEntry(
            id=u.pk,
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(u.aliases or ()),
            kind=u.kind,
            parent_id=u.parent_id,
        )
        for u in units
    )
    return entries, place_names(units)


def directory() -> UnitDirectory:
    """The current directory (built once per change of the units)."""
    version = _version()
    found = _memo.get(version)
    if found is not None:
        return found
    key = _DIR_KEY.format(version=version)
    data = cache.get(key)
    if data is None:
        data = _build()
        cache.set(key, data, _CACHE_SECONDS)
    entries, places = data
    built = UnitDirectory(entries, local_prefixes=local_prefixes(), place_names=places)
    with _lock:
        _memo.clear()
        _memo[version] = built
    return built


def resolve(phrase: str) -> list[Match]:
    """Every unit and group named in ``phrase``; each match carries ``unit_ids``."""
    return directory().resolve(phrase)


def resolve_ids(phrase: str) -> list[int]:
    """Unit ids named in ``phrase`` (group members included), each once, in order."""
    return directory().resolve_ids(phrase)


def resolve_units(phrase: str) -> list[Unit]:
    ids = resolve_ids(phrase)
    units = Unit.objects.in_bulk(ids)
    return [units[i] for i in ids if i in units]
