"""Figures site inspection offers other apps through ``gongkai.common.figures`` (数据来源), for the assessment:
how many of a unit's catalogue items are overdue (应公开未公开) or, being 法定主动公开 content, empty, as of the
period's last day (the due matrix, ``selectors.due_matrix``)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.common import figures


def _figure(unit_id, items: int, overdue: int, empty: int) -> figures.Figure:
    return figures.Figure(
        items,
        detail_url=reverse("sitecheck:matrix") + "?only=overdue",
        note=f"逾期{overdue}项，法定内容为空{empty}项" if items else "",
        extra={"overdue": overdue, "empty": empty},
    )


def _counts(unit_ids, end: date) -> dict[int, tuple[int, int, int]]:
    from . import selectors

    matrix = selectors.due_matrix(None, today=end, unit_ids=unit_ids)
    out: dict[int, tuple[int, int, int]] = {}
    for unit, cells in matrix.rows:
        present = [c for c in cells if c is not None]
        out[unit.pk] = (
            sum(1 for c in present if c.status.overdue or c.empty),
            sum(1 for c in present if c.status.overdue),
            sum(1 for c in present if c.empty),
        )
    return out


def stale_items(*, unit, start: date, end: date) -> figures.Figure:
    """Items overdue or empty (each counted once) of ``unit`` (None = the county) on ``end``."""
    unit_id = getattr(unit, "pk", unit)
    got = _counts(None if unit_id is None else [unit_id], end)
    return _figure(unit_id, *(sum(row[i] for row in got.values()) for i in range(3)))


def stale_items_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    got = _counts([u.pk for u in units], end)
    return {u.pk: _figure(u.pk, *got.get(u.pk, (0, 0, 0))) for u in units}


def _late_tickets(unit_ids, start: date, end: date) -> dict[int, int]:
    """Per unit: inspection tickets (整改工单) opened by ``end`` whose correction deadline fell within the period and
    that were not closed by the deadline (still open, or closed after it)."""
    from django.db.models import F, Q

    from .models import Ticket

    qs = Ticket.objects.filter(
        unit__isnull=False, site__isnull=True, deadline__gte=start, deadline__lte=end
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__date__gt=F("deadline")))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    out: dict[int, int] = {}
    for unit_id in qs.values_list("unit_id", flat=True):
        out[unit_id] = out.get(unit_id, 0) + 1
    return out


def _tickets_figure(n: int) -> figures.Figure:
    return figures.Figure(n, detail_url=reverse("sitecheck:tickets"))


def late_tickets(*, unit, start: date, end: date) -> figures.Figure:
    unit_id = getattr(unit, "pk", unit)
    return _tickets_figure(sum(_late_tickets(None if unit_id is None else [unit_id], start, end).values()))


def late_tickets_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    got = _late_tickets([u.pk for u in units], start, end)
    return {u.pk: _tickets_figure(got.get(u.pk, 0)) for u in units}


def register() -> None:
    figures.register(
        "sitecheck.stale_items",
        label="应公开未公开及法定内容为空的目录事项",
        unit="项",
        compute=stale_items,
        compute_many=stale_items_many,
        description="期末按公开目录的公开时限已逾期未公开，或法定主动公开内容从未发布的事项数（每项计一次）",
    )
    figures.register(
        "sitecheck.late_tickets",
        label="网站巡检问题未按期整改",
        unit="个",
        compute=late_tickets,
        compute_many=late_tickets_many,
        description="本平台门户网站巡检派发给本单位、整改期限在考核期内而未按期整改（逾期仍未整改或逾期后才整改）的问题数",
    )
