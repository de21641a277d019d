"""The dashboard card (我的待办) of public participation: opinions to decide, feedback due or overdue, stalled
decisions (the office sees every unit's), reminders."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def participation_cards(user) -> list:
    from gongkai.workspace.registry import Card

    from . import selectors, services
    from .vocab import OpinionState

    today = timezone.localdate()
    cards = []
    waiting = list(
        selectors.consultations_for(user).filter(
            publication__state="published", feedback_published_at__isnull=True, ends_on__lt=today
        )
    )
    overdue = [c for c in waiting if c.feedback_due and c.feedback_due < today]
    pending = sum(c.opinions.filter(state=OpinionState.PENDING).count() for c in waiting)
    if waiting:
        cards.append(
            Card(
                title="意见征集待反馈",
                count=len(waiting),
                url=reverse("participation:index"),
                hint=f"{pending}条意见待处理" + (f"，{len(overdue)}项反馈已逾期" if overdue else ""),
                tone="danger" if overdue else "warn",
                items=[(c.title, reverse("participation:consultation", args=[c.pk])) for c in waiting[:5]],
            )
        )
    visible = set(selectors.decisions_for(user).values_list("pk", flat=True))
    stalled = [d for d in services.stalled(today) if d.pk in visible]
    if stalled:
        cards.append(
            Card(
                title="重大行政决策停滞",
                count=len(stalled),
                url=reverse("participation:index"),
                hint="在同一阶段停留过久的决策事项",
                tone="warn",
                items=[(d.title, reverse("participation:decision", args=[d.pk])) for d in stalled[:5]],
            )
        )
    reminders = list(selectors.reminders_addressed_to(user, today)[:50])
    if reminders:
        overdue_reminder = any("逾期" in r.text for r in reminders)
        cards.append(
            Card(
                title="公众参与提醒",
                count=len(reminders),
                url=reverse("participation:index") + "#reminders",
                hint="今日提醒：征集即将截止、反馈待公布或已逾期、决策停滞",
                tone="danger" if overdue_reminder else "warn",
                items=[(r.text, r.url) for r in reminders[:5]],
            )
        )
    return cards
