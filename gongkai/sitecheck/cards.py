"""Dashboard cards (我的待办) of site inspection: overdue and empty items of the due matrix (the office sees every
unit, a unit's staff their own units), and new-media accounts two weeks without an update."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse

from gongkai.workspace.registry import Card

from . import selectors


def due_cards(user, today=None) -> list[Card]:
    if not getattr(user, "is_authenticated", False):
        return []
    matrix = selectors.due_matrix(user, today=today)
    cards: list[Card] = []
    overdue = matrix.overdue
    if overdue:
        per_unit = Counter(c.unit.name for c in overdue)
        cards.append(
            Card(
                "应公开未公开（逾期）",
                len(overdue),
                reverse("sitecheck:matrix") + "?only=overdue",
                "按公开目录的公开时限，这些事项已过应公开日期仍未发布。",
                "danger",
                [
                    (f"{name}：{n}项", reverse("sitecheck:matrix") + "?only=overdue")
                    for name, n in per_unit.most_common(5)
                ],
            )
        )
    empty = matrix.empty
    if empty:
        cards.append(
            Card(
                "法定主动公开内容为空",
                len(empty),
                reverse("sitecheck:matrix") + "?only=empty",
                "条例第十九条至第二十一条规定的主动公开内容，本单位至今未发布任何信息。",
                "warn",
            )
        )
    stale = selectors.stale_accounts(user, today)
    if stale:
        cards.append(
            Card(
                "政务新媒体2周未更新",
                len(stale),
                reverse("sitecheck:accounts") + "?stale=on",
                "国办秘函〔2019〕19号：监测前2周内无更新单项否决。请更新，或申请关停、注销。",
                "danger",
                [(f"{a.unit.name}·{a.name}", reverse("sitecheck:account", args=[a.pk])) for a in stale[:5]],
            )
        )
    pending = list(selectors.pending_zombie_items(user)[:200])
    if pending:
        cards.append(
            Card(
                "僵尸号待提出处置意见",
                len(pending),
                reverse("sitecheck:campaign", args=[pending[0].campaign_id]),
                "清理行动列入的账号：请在处置期限前提出整改、关停、注销或合并意见。",
                "warn",
                [
                    (
                        f"{i.account.name}（期限{i.campaign.deadline:%m-%d}）",
                        reverse("sitecheck:campaign", args=[i.campaign_id]),
                    )
                    for i in pending[:5]
                ],
            )
        )
    return cards


def inspection_cards(user, today=None) -> list[Card]:
    """The office: the portal's latest inspection failing (would fail 19号) and open tickets; a unit's staff: their
    open tickets, overdue first."""
    from . import access

    if not getattr(user, "is_authenticated", False):
        return []
    cards: list[Card] = []
    if access.is_office(user):
        run = selectors.latest_done_run()
        if run is not None and run.passed is False:
            failed = [v["label"].split("（")[0] for v in run.scorecard.get("vetoes", []) if v.get("failed")]
            cards.append(
                Card(
                    "门户网站巡检不合格",
                    run.finding_count,
                    reverse("sitecheck:run", args=[run.pk]),
                    f"{run.verdict}。按国办秘函〔2019〕19号，此状态下网站检查将判为不合格，请督促整改。",
                    "danger",
                    [(name, reverse("sitecheck:run", args=[run.pk])) for name in failed[:5]],
                )
            )
    open_tickets = list(selectors.tickets_for(user)[:200])
    if open_tickets:
        from django.utils import timezone

        day = today or timezone.localdate()
        overdue = [t for t in open_tickets if t.deadline < day]
        cards.append(
            Card(
                "网站巡检待整改",
                len(open_tickets),
                reverse("sitecheck:tickets"),
                f"其中已超过整改期限{len(overdue)}个。整改后由下次巡检复查关闭。",
                "danger" if overdue else "warn",
                [
                    (f"{t.unit_label}：{t.message[:30]}", reverse("sitecheck:ticket", args=[t.pk]))
                    for t in open_tickets[:5]
                ],
            )
        )
    return cards
