"""Frequent requests (多次申请): the office records a description asked for repeatedly as an item to publish
actively (第四十四条), and follows it up."""

from __future__ import annotations

from django.db import transaction

from gongkai.audit import services as audit

from ..errors import FoiError
from ..models import FrequentTopic
from .common import actor_or_none, require_manage


def propose_frequent(title: str, *, actor, case_ids: list[int], unit=None, note: str = "") -> FrequentTopic:
    require_manage(actor)
    if not (title or "").strip():
        raise FoiError("请填写拟主动公开的信息名称。", field="title")
    with transaction.atomic():
        topic = FrequentTopic.objects.create(
            title=title.strip(),
            request_ids=list(case_ids),
            unit=unit,
            note=note,
            created_by=actor_or_none(actor),
        )
        audit.record(
            actor=actor,
            action="foi.frequent_proposed",
            obj=topic,
            unit=unit,
            after={"title": topic.title, "requests": len(case_ids)},
        )
    return topic


def set_frequent_status(
    topic, *, actor, status: str, publication_url: str = "", note: str = ""
) -> FrequentTopic:
    require_manage(actor)
    if status not in FrequentTopic.Status.values:
        raise FoiError("未知的状态。", field="status")
    with transaction.atomic():
        before = {"status": topic.status}
        topic.status, topic.publication_url = status, publication_url or topic.publication_url
        if note:
            topic.note = note
        topic.save()
        audit.record(
            actor=actor, action="foi.frequent_status", obj=topic, before=before, after={"status": status}
        )
    return topic
