"""Figures the policy library offers other apps through ``gongkai.common.figures`` (数据来源): the annual report's
table 二 rows 规章 / 行政规范性文件 (第二十条第（一）项) and the year's interpretations.

- 本年制发: published documents of the unit (lead issuer) whose 成文日期 falls in the period;
- 本年废止: documents whose 废止或被替代日期 falls in the period;
- 现行有效: published documents in force (有效 or 已修改) on the period's last day.

A county body makes no 规章 (立法法第九十三条: only provinces and cities with districts do): that row is 0 with a note.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from gongkai.common import figures

from .models import PolicyDocument
from .vocab import DocKind


def _url(**params) -> str:
    clean = {k: v for k, v in params.items() if v not in ("", None)}
    return f"{reverse('policies:list')}?{urlencode(clean)}"


def table2(*, unit, start: date, end: date) -> figures.Figure:
    """``extra["table"]``: {"rules": {...}, "normative": {"issued", "repealed", "in_force"}}; ``extra["urls"]``."""
    from . import selectors

    unit_id = getattr(unit, "pk", unit)
    docs = PolicyDocument.objects.filter(kind=DocKind.NORMATIVE)
    if unit_id is not None:
        docs = docs.filter(publication__unit_id=unit_id)
    published = docs.filter(publication__state="published")
    issued = published.filter(publication__formed_date__gte=start, publication__formed_date__lte=end).count()
    repealed = docs.filter(ended_on__gte=start, ended_on__lte=end).count()
    in_force = selectors.in_force(end).filter(kind=DocKind.NORMATIVE)
    if unit_id is not None:
        in_force = in_force.filter(publication__unit_id=unit_id)
    row = {"issued": issued, "repealed": repealed, "in_force": in_force.count()}
    # The drill-down lists exactly the documents counted: the lead issuer's, published, 成文 in the year; 废止 in
    # the year; in force with the status as of the period's last day (a repeal next year does not move it).
    base = {"kind": DocKind.NORMATIVE, "unit": unit_id or "", "lead": 1 if unit_id else ""}
    urls = {
        "issued": _url(year=start.year, published=1, **base),
        "repealed": _url(ended=start.year, **base),
        "in_force": _url(in_force=1, published=1, as_of=end.isoformat(), **base),
    }
    return figures.Figure(
        row["in_force"],
        detail_url=urls["in_force"],
        note="县级不制定规章，规章一行为0。",
        extra={
            "table": {"rules": {"issued": 0, "repealed": 0, "in_force": 0}, "normative": row},
            "urls": {"normative": urls},
        },
    )


def interpretations(*, unit, start: date, end: date) -> figures.Figure:
    """政策解读 of the documents published in ``start.year``: the count and the 解读率 (解读数/需解读文件数)."""
    from . import selectors

    unit_id = getattr(unit, "pk", unit)
    rates = selectors.year_rates(start.year, today=end, unit_ids=None if unit_id is None else [unit_id])
    county = rates.county
    return figures.Figure(
        county.interpretations,
        detail_url=reverse("policies:interpretations"),
        numerator=county.interpreted,
        denominator=county.needing,
        extra={"rate": county.interpretation_rate, "sync_rate": county.sync_rate},
    )


def _rates(unit, start: date, end: date):
    from . import selectors

    unit_id = getattr(unit, "pk", unit)
    return selectors.year_rates(start.year, today=end, unit_ids=None if unit_id is None else [unit_id]).county


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


def sync_rate(*, unit, start: date, end: date) -> figures.Figure:
    """三同步率 of the documents published in ``start.year`` (同步起草、同步审签、同步发布 within the local limit):
    synchronised / documents needing interpretation, as a percentage."""
    rates = _rates(unit, start, end)
    return figures.Figure(
        _percent(rates.sync_rate),
        detail_url=reverse("policies:interpretations"),
        numerator=rates.synced,
        denominator=rates.needing,
        note=f"未同步{rates.late}件" if rates.late else "",
    )


def sync_rate_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    """:func:`sync_rate` for many units from one pass over the year: 三同步 is counted per document under the
    document's unit, so each unit's row equals the per-unit figure. Rows are keyed by the unit's display name; a
    name shared by two of ``units`` falls back to the per-unit figure."""
    from collections import Counter

    from . import selectors

    names = Counter(u.display_name for u in units)
    rates = selectors.year_rates(start.year, today=end, unit_ids=[u.pk for u in units])
    rows = {r.unit: r for r in rates.units}
    out = {}
    for u in units:
        if names[u.display_name] > 1:
            out[u.pk] = sync_rate(unit=u, start=start, end=end)
            continue
        row = rows.get(u.display_name)
        synced, needing, late = (row.synced, row.needing, row.late) if row else (0, 0, 0)
        out[u.pk] = figures.Figure(
            _percent(row.sync_rate) if row else None,
            detail_url=reverse("policies:interpretations"),
            numerator=synced,
            denominator=needing,
            note=f"未同步{late}件" if late else "",
        )
    return out


def diverse_rate(*, unit, start: date, end: date) -> figures.Figure:
    """多元化解读比例: published interpretations of the year's documents in a form other than text (图解、视频、
    音频、问答…) / all of them, as a percentage."""
    rates = _rates(unit, start, end)
    return figures.Figure(
        _percent(rates.diverse_rate),
        detail_url=reverse("policies:interpretations"),
        numerator=rates.diverse,
        denominator=rates.interpretations,
    )


def register() -> None:
    figures.register(
        "policies.annual_table2",
        label="规章、行政规范性文件制发、废止、现行有效件数（年报表二）",
        compute=table2,
        description="成文日期在期间内的已发布文件；期间内废止；期末现行有效",
    )
    figures.register(
        "policies.interpretations",
        label="政策解读数",
        compute=interpretations,
        description="期间所在年度发布文件的解读，含解读率",
    )
    figures.register(
        "policies.sync_rate",
        label="政策解读三同步率",
        unit="%",
        compute=sync_rate,
        compute_many=sync_rate_many,
        kind="ratio",
        description="本年度发布的需解读文件中，解读与文件同步起草、同步审签、同步发布的比例",
    )
    figures.register(
        "policies.diverse_rate",
        label="多元化解读比例",
        unit="%",
        compute=diverse_rate,
        kind="ratio",
        description="本年度文件的已发布解读中，图解、视频、音频等非文字形式的比例",
    )
