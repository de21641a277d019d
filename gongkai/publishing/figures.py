"""Figures publishing offers other apps through ``gongkai.common.figures`` (数据来源): the information actively
disclosed (主动公开) in a period, for the annual report's section 一 and the assessment."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from gongkai.common import figures

from .models import Publication
from .vocab import State


def _published_qs(start: date, end: date):
    tz = timezone.get_current_timezone()
    return Publication.objects.filter(
        published_at__gte=datetime.combine(start, time.min, tz),
        published_at__lte=datetime.combine(end, time.max, tz),
    ).exclude(state=State.DRAFT)


def _published_figure(unit_id, by_topic: Counter, by_node: Counter) -> figures.Figure:
    url = reverse("publishing:list") + (f"?unit={unit_id}" if unit_id else "")
    return figures.Figure(
        sum(by_topic.values()),
        detail_url=url,
        extra={"by_topic": dict(by_topic.most_common()), "by_node": dict(by_node.most_common())},
    )


def published(*, unit, start: date, end: date) -> figures.Figure:
    """Items published within the period (still on the site or archived later); ``extra["by_node"]`` counts them
    by top-level catalogue item, ``extra["by_topic"]`` by 主题分类."""
    qs = _published_qs(start, end)
    unit_id = getattr(unit, "pk", unit)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    by_topic = Counter(t or "未分类" for t in qs.values_list("topic", flat=True))
    by_node: Counter = Counter()
    for parent, name in qs.values_list("nodes__parent__name", "nodes__name"):
        if name:
            by_node[parent or name] += 1
    return _published_figure(unit_id, by_topic, by_node)


def published_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    """:func:`published` for many units in two grouped queries."""
    from collections import defaultdict

    from django.db.models import Count

    ids = [u.pk for u in units]
    qs = _published_qs(start, end).filter(unit_id__in=ids)
    topics: dict[int, Counter] = defaultdict(Counter)
    for unit_id, topic, n in qs.values_list("unit_id", "topic").annotate(n=Count("id")).order_by():
        topics[unit_id][topic or "未分类"] += n
    nodes: dict[int, Counter] = defaultdict(Counter)
    for unit_id, parent, name in qs.values_list("unit_id", "nodes__parent__name", "nodes__name"):
        if name:
            nodes[unit_id][parent or name] += 1
    return {pk: _published_figure(pk, topics[pk], nodes[pk]) for pk in ids}


def _timeliness_counts(unit_ids, start: date, end: date) -> dict[int, tuple[int, int]]:
    """Per unit: (items published within the period that carry a 条例第二十六条 deadline, of which not late)."""
    from django.db.models import Count, Q

    tz = timezone.get_current_timezone()
    qs = Publication.objects.filter(
        published_at__gte=datetime.combine(start, time.min, tz),
        published_at__lte=datetime.combine(end, time.max, tz),
        publish_deadline__isnull=False,
    ).exclude(state=State.DRAFT)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    rows = qs.values_list("unit_id").annotate(n=Count("id"), ok=Count("id", filter=Q(is_late=False)))
    return {unit_id: (n, ok) for unit_id, n, ok in rows}


def _timeliness_figure(unit_id, counts: tuple[int, int]) -> figures.Figure:
    n, ok = counts
    url = reverse("publishing:list") + (f"?unit={unit_id}" if unit_id else "")
    return figures.Figure(
        round(100 * ok / n, 1) if n else None,
        detail_url=url,
        numerator=ok,
        denominator=n,
        note=f"超期公开{n - ok}条" if n - ok else "",
    )


def timeliness(*, unit, start: date, end: date) -> figures.Figure:
    """公开时限达标率 (条例第二十六条: within 20 working days of being formed or changed): items published within
    the period with a start date whose publication was not late (``is_late``, computed on the statutory calendar
    when published) / those items."""
    unit_id = getattr(unit, "pk", unit)
    got = _timeliness_counts(None if unit_id is None else [unit_id], start, end)
    return _timeliness_figure(unit_id, (sum(n for n, _ in got.values()), sum(k for _, k in got.values())))


def timeliness_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    got = _timeliness_counts([u.pk for u in units], start, end)
    return {u.pk: _timeliness_figure(u.pk, got.get(u.pk, (0, 0))) for u in units}


def register() -> None:
    figures.register(
        "publishing.published",
        label="主动公开政府信息条数",
        unit="条",
        compute=published,
        compute_many=published_many,
        description="期间内发布的信息，按目录事项、主题分类",
    )
    figures.register(
        "publishing.timeliness",
        label="主动公开时限达标率",
        unit="%",
        compute=timeliness,
        compute_many=timeliness_many,
        kind="ratio",
        description="期间内发布的信息中在形成或变更之日起20个工作日内公开的比例（条例第二十六条）",
    )
