"""The dashboard cards (我的待办) of messages: the red "valid messages unanswered for more than three months" (the
office sees every unit's), overdue, due soon, undispatched, replies awaiting the leader."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def message_cards(user) -> list:
    from gongkai.workspace.registry import Card

    from . import access, selectors
    from .vocab import OPEN_STATES, State

    today = timezone.localdate()
    url = reverse("messages:index")
    qs = selectors.for_staff(user)
    cards = []
    stale = list(selectors.unanswered_too_long(qs, today).order_by("received_on")[:5])
    if stale:
        count = selectors.unanswered_too_long(qs, today).count()
        cards.append(
            Card(
                title="有效留言超过3个月未答复",
                count=count,
                url=url + "?due=stale",
                hint="政府网站检查单项否决项，请立即督办",
                tone="danger",
                items=[
                    (f"{m.subject}（{m.received_on:%Y-%m-%d}收到）", reverse("messages:detail", args=[m.pk]))
                    for m in stale
                ],
            )
        )
    open_qs = qs.filter(state__in=OPEN_STATES)
    overdue = open_qs.filter(due_on__lt=today)
    if overdue.exists():
        cards.append(
            Card(
                title="留言答复已逾期",
                count=overdue.count(),
                url=url + "?due=overdue",
                tone="danger",
                items=[
                    (m.subject, reverse("messages:detail", args=[m.pk]))
                    for m in overdue.order_by("due_on")[:5]
                ],
            )
        )
    soon = open_qs.filter(due_on__gte=today, due_on__lte=selectors.due_soon_limit(today))
    if soon.exists():
        cards.append(Card(title="留言即将到期", count=soon.count(), url=url + "?due=soon", tone="warn"))
    if access.is_office(user):
        waiting = open_qs.filter(state=State.RECEIVED).count()
        if waiting:
            cards.append(Card(title="留言待分办", count=waiting, url=url + "?state=received"))
    drafted = [m for m in open_qs.filter(state=State.DRAFTED)[:200] if access.can_approve(user, m)]
    if drafted:
        cards.append(
            Card(
                title="留言答复待审核",
                count=len(drafted),
                url=url + "?state=drafted",
                items=[(m.subject, reverse("messages:detail", args=[m.pk])) for m in drafted[:5]],
            )
        )
    return cards
