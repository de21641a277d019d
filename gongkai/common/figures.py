"""Figures one app offers to others without being imported by them (数据来源登记).

The annual report, the assessment and the site inspection need numbers that other apps own: consultations held,
messages answered on time, interpretations published, applications closed late. The owning app registers a source in
its ``AppConfig.ready``; the consumer asks the registry by key and never reads the owner's tables:

    figures.register(
        "participation.consultations",
        label="公开征求意见次数",
        unit="次",
        compute=consultation_count,          # fn(*, unit, start, end) -> Figure
        description="期间内结束的意见征集（含草案、起草说明公开）",
    )
    fig = figures.compute("participation.consultations", unit=unit, start=date(2026, 1, 1), end=date(2026, 12, 31))
    fig.value, fig.detail_url  # 12, "/work/participation/consultations/?unit=3&from=2026-01-01&to=2026-12-31"

``unit=None`` means the whole county. ``start``/``end`` are inclusive dates. A source returns a ``Figure``: the value
(a number, or ``None`` when the source has nothing to say for that unit, e.g. a unit kind it does not apply to), an
optional URL of the staff list of the records behind it (the drill-down), and optional parts for ratios (numerator and
denominator) so a consumer can show "34/40".

A source may also offer ``compute_many(*, units, start, end) -> {unit_pk: Figure}`` for many units at once (a few
queries instead of a few per unit); ``figures.compute_many`` uses it when there is one and loops over ``compute``
otherwise, so the assessment scores 500 units in one pass either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Figure:
    value: float | int | None
    detail_url: str = ""
    numerator: float | int | None = None  # for ratios: value = numerator / denominator
    denominator: float | int | None = None
    note: str = ""  # a short Chinese remark (e.g. "含2件逾期")
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    unit: str
    compute: Callable[..., Figure]
    description: str = ""
    kind: str = "count"  # count / ratio / amount / days / flag
    compute_many: Callable[..., dict[int, Figure]] | None = None


_sources: dict[str, Source] = {}


def register(
    key: str,
    *,
    label: str,
    compute: Callable[..., Figure],
    unit: str = "件",
    description: str = "",
    kind: str = "count",
    compute_many: Callable[..., dict[int, Figure]] | None = None,
) -> None:
    """Offer a figure. Registering the same key again replaces it (``ready`` may run more than once in tests)."""
    if "." not in key:
        raise ValueError(f"figure keys are '<app>.<name>', got {key!r}")
    _sources[key] = Source(
        key=key,
        label=label,
        unit=unit,
        compute=compute,
        description=description,
        kind=kind,
        compute_many=compute_many,
    )


def available() -> list[Source]:
    """Every registered source, ordered by key (sources of apps not installed simply are not there)."""
    return [_sources[k] for k in sorted(_sources)]


def source(key: str) -> Source | None:
    return _sources.get(key)


def compute(key: str, *, unit=None, start: date, end: date) -> Figure:
    """The figure for ``unit`` (None = the county) over ``start``…``end`` (inclusive)."""
    found = _sources.get(key)
    if found is None:
        raise KeyError(f"no figure source {key!r}; available: {', '.join(sorted(_sources)) or 'none'}")
    if end < start:
        raise ValueError("end before start")
    return found.compute(unit=unit, start=start, end=end)


def compute_many(key: str, *, units, start: date, end: date) -> dict[int, Figure]:
    """The figure of each of ``units`` (model instances) over ``start``…``end``, keyed by the unit's pk."""
    found = _sources.get(key)
    if found is None:
        raise KeyError(f"no figure source {key!r}; available: {', '.join(sorted(_sources)) or 'none'}")
    if end < start:
        raise ValueError("end before start")
    units = list(units)
    if found.compute_many is not None:
        got = found.compute_many(units=units, start=start, end=end)
        return {u.pk: got.get(u.pk, Figure(None)) for u in units}
    return {u.pk: found.compute(unit=u, start=start, end=end) for u in units}
