"""The dashboard cards (我的待办) of 找错 reports: overdue (red), waiting to be taken up, waiting for the office's
re-check."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def errata_cards(user) -> list:
    from gongkai.workspace.registry import Card

    from . import access, selectors
    from .vocab import OPEN_STATES, RECHECK_STATES, State

    today = timezone.localdate()
    url = reverse("errata:index")
    qs = selectors.for_staff(user)
    cards = []
    overdue = qs.filter(state__in=OPEN_STATES, due_on__lt=today)
    if overdue.exists():
        cards.append(
            Card(
                title="找错报告逾期未答复",
                count=overdue.count(),
                url=url + "?due=overdue",
                hint="年度考核：未办结每条扣3分，超过1个月办结每条扣2分",
                tone="danger",
                items=[
                    (f"{r.get_error_type_display()}：{r.page}", reverse("errata:detail", args=[r.pk]))
                    for r in overdue.order_by("due_on")[:5]
                ],
            )
        )
    pending = qs.filter(state=State.PENDING, due_on__gte=today)
    if pending.exists():
        cards.append(
            Card(title="找错报告待受理", count=pending.count(), url=url + "?state=pending", tone="warn")
        )
    if access.is_office(user):
        waiting = qs.filter(state__in=RECHECK_STATES).count()
        if waiting:
            cards.append(Card(title="找错报告待复核", count=waiting, url=url + "?state=recheck"))
    return cards
