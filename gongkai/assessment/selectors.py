"""Reads of the assessment: schemes, a period's scores scoped to the user, ranking by unit kind, a unit's trend,
entries, and the figure the annual report reads (``assessment.score``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.common import figures
from gongkai.core import assessment as scoring
from gongkai.orgs.models import UnitKind
from gongkai.roles import permissions

from .models import Entry, Period, Scheme, Score
from .vocab import Group, PeriodKind, PeriodState


def schemes() -> QuerySet[Scheme]:
    return Scheme.objects.all()


def indicator_tree(scheme: Scheme) -> list[tuple[str, list]]:
    """(group label, indicators) in the order of the groups."""
    by_group = defaultdict(list)
    for ind in scheme.indicators.all():
        by_group[ind.group].append(ind)
    return [(label, by_group[value]) for value, label in Group.choices if by_group.get(value)]


def scores(user, period: Period, *, with_lines: bool = True) -> QuerySet[Score]:
    qs = Score.objects.filter(period=period).select_related("unit")
    if (
        not with_lines
    ):  # the ranking page needs neither every unit's snapshot lines nor the unit's other fields
        qs = qs.only(
            "id",
            "period_id",
            "unit_id",
            "total",
            "base",
            "bonus",
            "deduction",
            "max_base",
            "vetoed",
            "frozen",
            "unit__name",
            "unit__kind",
        )
    return permissions.scope(user, qs)


@dataclass
class Ranked:
    kind_label: str
    rows: list[tuple[int, Score]]


def _num(value) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def ranking(user, period: Period, *, with_lines: bool = True) -> list[Ranked]:
    """Scores the user may see, ranked within each unit kind (the rank is among all units of the kind, so a unit
    sees its true place without seeing the others)."""
    everyone = list(Score.objects.filter(period=period).values_list("unit_id", "unit__kind", "total"))
    places: dict[int, int] = {}
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for unit_id, kind, total in everyone:
        by_kind[kind][unit_id] = float(total)
    for kind_scores in by_kind.values():
        places.update(scoring.rank(kind_scores))
    labels = dict(UnitKind.choices)
    grouped: dict[str, list[tuple[int, Score]]] = defaultdict(list)
    for score in scores(user, period, with_lines=with_lines):
        grouped[score.unit.kind].append((places.get(score.unit_id, 0), score))
    return [
        Ranked(labels.get(kind, kind), sorted(rows, key=lambda r: (r[0], r[1].unit_id)))
        for kind, rows in sorted(
            grouped.items(), key=lambda kv: list(labels).index(kv[0]) if kv[0] in labels else 99
        )
    ]


@dataclass
class RankedRows:
    kind_label: str
    display: list[dict]


def ranking_rows(user, period: Period) -> list[RankedRows]:
    """:func:`ranking` for the page, in one query of plain values (hundreds of units render in a few ms)."""
    rows = list(
        Score.objects.filter(period=period).values_list(
            "unit_id", "unit__kind", "unit__name", "total", "base", "bonus", "deduction", "max_base", "vetoed"
        )
    )
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        by_kind[row[1]][row[0]] = float(row[3])
    places: dict[int, int] = {}
    for kind_scores in by_kind.values():
        places.update(scoring.rank(kind_scores))
    visible = permissions.unit_ids(user)
    labels = dict(UnitKind.choices)
    order = list(labels)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for unit_id, kind, name, total, base, bonus, deduction, max_base, vetoed in rows:
        if visible is not None and unit_id not in visible:
            continue
        grouped[kind].append(
            {
                "place": places[unit_id],
                "unit_id": unit_id,
                "unit": name,
                "base": _num(base),
                "max": _num(max_base),
                "bonus": _num(bonus),
                "deduction": _num(deduction),
                "total": _num(total),
                "vetoed": bool(vetoed),
            }
        )
    return [
        RankedRows(labels.get(kind, kind), sorted(items, key=lambda r: (r["place"], r["unit_id"])))
        for kind, items in sorted(
            grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]


def score_of(period: Period, unit) -> Score | None:
    return Score.objects.filter(period=period, unit=unit).first()


def trend(unit) -> list[tuple[str, float, float]]:
    """(period label, total, full marks) of every period with a score of ``unit``, oldest first."""
    rows = (
        Score.objects.filter(unit=unit)
        .select_related("period__scheme")
        .order_by("period__scheme__year", "period__end", "period__kind")
    )
    return [
        (f"{s.period.scheme.year}{s.period.short_label}", float(s.total), float(s.max_base)) for s in rows
    ]


def entries(user, period: Period, unit=None) -> QuerySet[Entry]:
    qs = Entry.objects.filter(period=period).select_related("unit", "indicator", "entered_by", "confirmed_by")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return permissions.scope(user, qs)


def pending_entries(user) -> QuerySet[Entry]:
    """Entries waiting for confirmation, of open periods, that the user may see."""
    qs = Entry.objects.filter(confirmed_at__isnull=True, period__state=PeriodState.OPEN)
    return permissions.scope(user, qs.select_related("unit", "indicator", "period__scheme"))


# --- the figure other apps read ---------------------------------------------------------------------------------


def score_figure(*, unit, start, end) -> figures.Figure:
    """The latest frozen score of ``start.year`` (the year-end one when closed, else the last closed quarter);
    for the county (``unit=None``) the average of the units' scores."""
    period = (
        Period.objects.filter(scheme__year=start.year, state=PeriodState.CLOSED, end__lte=end)
        .order_by("-end", "-kind")
        .first()
    )
    if period is None:
        return figures.Figure(None, note="本年度尚无已结束的考核期")
    qs = Score.objects.filter(period=period)
    url = f"/work/assessment/periods/{period.pk}/"
    if unit is not None:
        score = qs.filter(unit_id=getattr(unit, "pk", unit)).first()
        if score is None:
            return figures.Figure(None, detail_url=url, note="未参加考核")
        return figures.Figure(
            float(score.total),
            detail_url=f"{url}units/{score.unit_id}/",
            numerator=float(score.total),
            denominator=float(score.max_base),
            note=period.label,
            extra={"period": period.label, "vetoed": score.vetoed},
        )
    totals = [float(t) for t in qs.values_list("total", flat=True)]
    if not totals:
        return figures.Figure(None, detail_url=url)
    return figures.Figure(
        round(sum(totals) / len(totals), 2), detail_url=url, note=period.label, extra={"units": len(totals)}
    )


def year_kind_label(period: Period) -> str:
    return "年终" if period.kind == PeriodKind.YEAR else "平时"
