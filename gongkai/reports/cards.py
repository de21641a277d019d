"""Dashboard cards (我的待办) of the annual report: a unit's report due soon or overdue, a leader's drafts to
approve (审定), the office's units not yet published."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.roles import Role
from gongkai.roles.permissions import unit_ids_with_role
from gongkai.workspace.registry import Card

from . import access, selectors
from .models import AnnualReport
from .vocab import ReportState


def report_cards(user, today=None) -> list[Card]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    cards: list[Card] = []
    leader_units = unit_ids_with_role(user, Role.LEADER)
    to_approve = AnnualReport.objects.filter(state=ReportState.DRAFT).select_related("unit")
    if leader_units is not None:
        to_approve = to_approve.filter(unit_id__in=leader_units)
    if leader_units is None or leader_units:
        waiting = [r for r in to_approve[:50] if access.can_approve(user, r) and r.sections_edited]
        if waiting:
            cards.append(
                Card(
                    "年报待审定",
                    len(waiting),
                    reverse("reports:index"),
                    "本单位年报已起草，请单位负责人审定。",
                    "warn",
                    [(r.title, r.get_absolute_url()) for r in waiting[:5]],
                )
            )
    if today.month <= 3:
        rows = selectors.due_soon(user, today)
        if rows:
            overdue = [r for r in rows if r.state == "逾期"]
            cards.append(
                Card(
                    f"{today.year - 1}年年报待发布",
                    len(rows),
                    reverse("reports:board") if access.can_run_year(user) else reverse("reports:index"),
                    "条例第四十九条：部门1月31日前、本级政府3月31日前公布上一年度年报。",
                    "danger" if overdue else "warn",
                    [(f"{r.unit.display_name}：{r.state}", reverse("reports:index")) for r in rows[:5]],
                )
            )
    return cards
