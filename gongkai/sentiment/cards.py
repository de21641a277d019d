"""The dashboard cards (我的待办) of the sentiment ledger: overdue commitments (the office sees every unit's; a unit
its own), response deadlines passed, commitments due soon, cases awaiting 研判, an open 核查 round."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def sentiment_cards(user) -> list:
    from gongkai.workspace.registry import Card

    from . import access, selectors
    from .vocab import CommitmentState, State

    now = timezone.now()
    today = timezone.localdate()
    url = reverse("sentiment:index")
    cards = []
    overdue = selectors.overdue_commitments(user, today)
    if access.is_office(user) or overdue.exists():
        rows = list(overdue.order_by("due_on", "id")[:5])
        if rows:
            cards.append(
                Card(
                    title="舆情回应承诺已逾期未兑现",
                    count=overdue.count(),
                    url=reverse("sentiment:commitments") + "?due=commitments",
                    hint="“认真核查已作出的承诺落实及公开情况”：请督促责任单位兑现并公开",
                    tone="danger",
                    items=[
                        (
                            f"{c.owner_unit.short_name or c.owner_unit.name}：{c.content[:30]}（{c.due_on:%m-%d}到期）",
                            reverse("sentiment:detail", args=[c.case_id]),
                        )
                        for c in rows
                    ],
                )
            )
    cases = selectors.for_staff(user).exclude(state=State.CLOSED)
    late = cases.filter(next_due_at__lt=now)
    if late.exists():
        cards.append(
            Card(
                title="舆情回应已超时",
                count=late.count(),
                url=url + "?due=overdue",
                tone="danger",
                items=[
                    (c.topic, reverse("sentiment:detail", args=[c.pk]))
                    for c in late.order_by("next_due_at")[:5]
                ],
            )
        )
    soon = selectors.commitments_for(user).filter(
        state=CommitmentState.OPEN, due_on__gte=today, due_on__lte=selectors.due_soon_limit(today)
    )
    if soon.exists():
        cards.append(
            Card(
                title="舆情回应承诺即将到期",
                count=soon.count(),
                url=reverse("sentiment:commitments"),
                tone="warn",
            )
        )
    if access.is_office(user):
        waiting = cases.filter(state=State.REGISTERED).count()
        if waiting:
            cards.append(Card(title="舆情待研判", count=waiting, url=url + "?state=registered"))
        round_ = selectors.open_round()
        if round_ is not None:
            pending = round_.checks.filter(result="pending").count()
            if pending:
                cards.append(
                    Card(
                        title=f"承诺事项核查：{round_.title}",
                        count=pending,
                        url=reverse("sentiment:round", args=[round_.pk]),
                        hint="待逐项标记已落实并公开或未落实",
                    )
                )
    return cards
