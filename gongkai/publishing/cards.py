"""Dashboard cards (我的待办) of active disclosure."""

from __future__ import annotations

from django.urls import reverse

from gongkai.workspace.registry import Card

from . import access, selectors
from .models import Publication
from .vocab import State


def _items(pubs, limit=5):
    return [(p.title[:40], reverse("publishing:detail", args=[p.pk])) for p in pubs[:limit]]


def publishing_cards(user) -> list[Card]:
    if not access.works_in_publishing(user):
        return []
    cards = []
    base = reverse("publishing:list")
    if access.drafts_somewhere(user):
        drafts = list(Publication.objects.filter(author=user, state=State.DRAFT).order_by("-updated_at"))
        cards.append(
            Card(
                "我的草稿",
                len(drafts),
                f"{base}?mine=1&state=draft",
                "尚未提交保密审查的信息",
                items=_items(drafts),
            )
        )
        returned = list(Publication.objects.filter(author=user, state=State.RETURNED).order_by("-updated_at"))
        if returned:
            cards.append(
                Card(
                    "退回给我修改",
                    len(returned),
                    f"{base}?mine=1&state=returned",
                    "审查员已写明退回原因，请修改后重新提交",
                    tone="warn",
                    items=_items(returned),
                )
            )
    reviewer = access.reviews_somewhere(user)
    if reviewer or access.is_office(user):
        queue = [row for row in selectors.review_queue(user) if row["may_review"]]
        if reviewer or queue:
            cards.append(
                Card(
                    "待我审查",
                    len(queue),
                    reverse("publishing:review_queue"),
                    "先审后发：逐项填写政治关、法律关、政策关、保密关、文字关",
                    tone="warn" if queue else "normal",
                    items=_items([row["pub"] for row in queue]),
                )
            )
    overdue = selectors.overdue_pending(user)
    if overdue:
        cards.append(
            Card(
                "超过20个工作日未公开",
                len(overdue),
                reverse("publishing:timeliness"),
                "条例第二十六条：信息形成或者变更之日起20个工作日内予以公开",
                tone="danger",
                items=_items([p for p, _ in overdue]),
            )
        )
    due = selectors.cleanup_queue(user)
    if due:
        cards.append(
            Card(
                "待复核清理的已发布信息",
                len(due),
                reverse("publishing:cleanup"),
                "定期清理过时、失效内容，防范泄密和汇聚风险",
                tone="warn",
                items=_items([p for p, _ in due]),
            )
        )
    return cards
