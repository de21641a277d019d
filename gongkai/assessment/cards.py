"""Dashboard card (我的待办): assessment entries waiting for the second person's confirmation (the office)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.workspace.registry import Card

from . import access, selectors


def assessment_cards(user) -> list[Card]:
    if not getattr(user, "is_authenticated", False) or not access.is_office(user):
        return []
    pending = [e for e in selectors.pending_entries(user)[:50] if access.can_confirm(user, e)]
    if not pending:
        return []
    return [
        Card(
            "考核评分待确认",
            len(pending),
            reverse("assessment:period_unit", args=[pending[0].period_id, pending[0].unit_id]),
            "人工评分、加分、扣分和一票否决须由录入人以外的政务公开办人员确认后计入成绩。",
            "warn",
            [
                (
                    f"{e.unit.name}·{e.indicator.name}",
                    reverse("assessment:period_unit", args=[e.period_id, e.unit_id]),
                )
                for e in pending[:5]
            ],
        )
    ]
