"""Dashboard card (我的待办): supervision records against the user's units still open past their deadline."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.roles import permissions
from gongkai.workspace.registry import Card

from .models import SupervisionRecord


def register_cards(user, today=None) -> list[Card]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    overdue = list(
        permissions.scope(user, SupervisionRecord.objects.select_related("unit"))
        .filter(completed_on__isnull=True, due_on__lt=today)
        .order_by("due_on")[:50]
    )
    if not overdue:
        return []
    return [
        Card(
            "督查问题逾期未整改",
            len(overdue),
            reverse("registers:supervision_list") + "?state=overdue",
            "通报批评、约谈、督查发现的问题已过整改期限，请尽快整改并报送整改情况。",
            "danger",
            [
                (f"{r.unit.name}：{r.get_kind_display()}（期限{r.due_on:%m-%d}）", r.get_absolute_url())
                for r in overdue[:5]
            ],
        )
    ]
