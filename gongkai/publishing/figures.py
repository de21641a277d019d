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


def published(*, unit, start: date, end: date) -> figures.Figure:
    """Items published within the period (still on the site or archived later); ``extra["by_node"]`` counts them
    by top-level catalogue item, ``extra["by_topic"]`` by 主题分类."""
    tz = timezone.get_current_timezone()
    qs = Publication.objects.filter(
        published_at__gte=datetime.combine(start, time.min, tz),
        published_at__lte=datetime.combine(end, time.max, tz),
    ).exclude(state=State.DRAFT)
    unit_id = getattr(unit, "pk", unit)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    by_topic = Counter(t or "未分类" for t in qs.values_list("topic", flat=True))
    by_node: Counter = Counter()
    for parent, name in qs.values_list("nodes__parent__name", "nodes__name"):
        if name:
            by_node[parent or name] += 1
    url = reverse("publishing:list") + (f"?unit={unit_id}" if unit_id else "")
    return figures.Figure(
        sum(by_topic.values()),
        detail_url=url,
        extra={"by_topic": dict(by_topic.most_common()), "by_node": dict(by_node.most_common())},
    )


def register() -> None:
    figures.register(
        "publishing.published",
        label="主动公开政府信息条数",
        unit="条",
        compute=published,
        description="期间内发布的信息，按目录事项、主题分类",
    )
