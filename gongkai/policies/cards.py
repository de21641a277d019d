"""Dashboard cards (我的待办) of the policy library.

A unit sees its documents due for evaluation, its pending cleanup items of open campaigns and its published
documents still without an interpretation past the 三同步 limit; its leader the extensions to approve and the
interpretations to sign off (审定); its editors the approved extensions whose notice is still to be published; its
managers the relations other units propose against its documents, and the answers to the unit's own proposals. The
openness office sees the unanswered public searches, the county's late interpretations and every pending
proposal.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.roles import Role
from gongkai.roles.permissions import unit_ids, unit_ids_with_role
from gongkai.workspace.registry import Card

from . import access, selectors
from .models import CampaignItem, RelationProposal, UnansweredSearch
from .vocab import CleanupDecision, ExtensionState, ProposalState


def _late(today, ids) -> list:
    result = selectors.year_rates(today.year, today=today, unit_ids=ids)
    late = [r for r in result.results if r.late]
    if today.month == 1:  # early in the year, last year's documents may still be waiting
        prev = selectors.year_rates(today.year - 1, today=today, unit_ids=ids)
        late += [r for r in prev.results if r.late]
    return late


def policy_cards(user, today=None) -> list[Card]:
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    ids = unit_ids(user)
    cards: list[Card] = []
    if ids is None:
        if not access.can_administer(user):
            return []
        unanswered = UnansweredSearch.objects.filter(handled_at__isnull=True)
        n = unanswered.count()
        if n:
            cards.append(
                Card(
                    "政策问答：无结果的检索",
                    n,
                    reverse("policies:unanswered"),
                    "公众检索但没有找到答案的问题，请组织补充问答。",
                    "warn",
                    [(e.query, "") for e in unanswered[:5]],
                )
            )
        cards += _proposal_cards(None)
        late = _late(today, None)
        if late:
            cards.append(
                Card(
                    "全县解读滞后的政策文件",
                    len(late),
                    reverse("policies:rates"),
                    "文件发布后超过时限仍未发布解读，或解读发布滞后。",
                    "danger",
                    [(f"{r.doc.unit}：{r.doc.title}", "") for r in late[:5]],
                )
            )
        return cards
    if not ids:
        return []
    due = selectors.expiring(today, ids)
    if due:
        cards.append(
            Card(
                "到期待评估的政策文件",
                len(due),
                reverse("policies:expiring"),
                "有效期即将届满：请评估后延续有效期、重新制发或到期失效。",
                "warn",
                [(d.title, reverse("policies:detail", args=[d.pk])) for d in due[:5]],
            )
        )
    cards += _leader_cards(user)
    cards += _notice_cards(user)
    cards += _proposal_cards(unit_ids_with_role(user, MANAGER_ROLES), today)
    pending = list(
        CampaignItem.objects.filter(
            unit_id__in=ids, decision=CleanupDecision.PENDING, campaign__closed_at__isnull=True
        )
        .select_related("campaign")
        .order_by("campaign__deadline", "campaign_id")
    )
    campaigns = {}
    for item in pending:
        campaigns.setdefault(item.campaign, 0)
        campaigns[item.campaign] += 1
    for campaign, n in campaigns.items():
        overdue = campaign.deadline < today
        cards.append(
            Card(
                f"{campaign.title}：待确认的文件",
                n,
                reverse("policies:campaign", args=[campaign.pk]),
                f"请于{campaign.deadline:%Y年%m月%d日}前逐件确认清理意见。"
                + ("已超过报送截止日期。" if overdue else ""),
                "danger" if overdue else "warn",
            )
        )
    late = [r for r in _late(today, ids) if not r.interpreted]
    if late:
        cards.append(
            Card(
                "已发布但尚无解读的政策文件",
                len(late),
                reverse("policies:rates"),
                "按“谁起草、谁解读”，解读应与文件同步发布：请尽快发布解读，或标记无需解读并说明理由。",
                "danger",
                [(r.doc.title, reverse("policies:detail", args=[r.doc.key])) for r in late[:5]],
            )
        )
    return cards


MANAGER_ROLES = (Role.EDITOR, Role.REVIEWER, Role.LEADER)
# How long the proposing unit sees the answer to a proposal on its dashboard.
PROPOSAL_RESULT_DAYS = 14


def _proposal_cards(ids, today=None) -> list[Card]:
    """跨单位文件关系提议: those waiting for the target's unit (``ids``; None = the office, every unit), and the
    answers other units gave to the unit's own proposals in the last ``PROPOSAL_RESULT_DAYS`` days."""
    if ids is not None and not ids:
        return []
    cards = []
    waiting = RelationProposal.objects.filter(state=ProposalState.PENDING).select_related(
        "source__publication__unit", "target__publication"
    )
    if ids is not None:
        waiting = waiting.filter(target__publication__unit_id__in=ids)
    waiting = list(waiting.order_by("proposed_at")[:50])
    if waiting:
        cards.append(
            Card(
                "其他单位提议的文件关系（待确认）",
                len(waiting),
                reverse("policies:detail", args=[waiting[0].target_id]) + "#proposals-in",
                "其他单位的文件提出修改、替代或废止本单位的文件：确认前文件状态不变，请核实后接受或拒绝。",
                "warn",
                [
                    (
                        f"{p.source.publication.unit.display_name}提议{p.get_kind_display()}"
                        f"《{p.target.publication.title}》",
                        reverse("policies:detail", args=[p.target_id]) + "#proposals-in",
                    )
                    for p in waiting[:5]
                ],
            )
        )
    if ids is None:
        return cards
    since = timezone.now() - timedelta(days=PROPOSAL_RESULT_DAYS)
    answered = list(
        RelationProposal.objects.filter(
            source__publication__unit_id__in=ids,
            state__in=(ProposalState.ACCEPTED, ProposalState.REJECTED),
            decided_at__gte=since,
        )
        .select_related("target__publication__unit")
        .order_by("-decided_at")[:50]
    )
    if answered:
        rejected = any(p.state == ProposalState.REJECTED for p in answered)
        cards.append(
            Card(
                "本单位文件关系提议的处理结果",
                len(answered),
                reverse("policies:detail", args=[answered[0].source_id]) + "#proposals-out",
                "其他单位对本单位提议的答复；被拒绝的请查看理由。",
                "warn" if rejected else "normal",
                [
                    (
                        f"{p.target.publication.unit.display_name}{p.get_state_display()}："
                        f"{p.get_kind_display()}《{p.target.publication.title}》",
                        reverse("policies:detail", args=[p.source_id]) + "#proposals-out",
                    )
                    for p in answered[:5]
                ],
            )
        )
    return cards


def _leader_cards(user) -> list[Card]:
    """The unit leader's approvals: extensions of a term (延续有效期) and interpretations to sign off (审定)."""
    led = unit_ids_with_role(user, Role.LEADER)
    if not led:
        return []
    cards = []
    waiting = list(selectors.open_extensions(led).filter(state=ExtensionState.PENDING))
    if waiting:
        cards.append(
            Card(
                "待审批的延续有效期申请",
                len(waiting),
                reverse("policies:expiring") + "#extensions",
                "到期评估提出延续有效期：请审批，同意后由信息编辑发布公告，公告发布之日起生效。",
                "warn",
                [
                    (e.document.title, reverse("policies:detail", args=[e.document_id]) + "#extension")
                    for e in waiting[:5]
                ],
            )
        )
    interps = selectors.awaiting_signoff(led)
    if interps:
        cards.append(
            Card(
                "待审定的政策解读",
                len(interps),
                reverse("policies:interpretations"),
                "解读须经单位负责人审定后才能提交保密审查。",
                "warn",
                [
                    (i.publication.title, reverse("policies:interpretation_signoff", args=[i.pk]))
                    for i in interps[:5]
                ],
            )
        )
    return cards


def _notice_cards(user) -> list[Card]:
    """Editors: approved extensions whose public notice is not published yet (the extension waits for it)."""
    ids = unit_ids_with_role(user, Role.EDITOR)
    if not ids:
        return []
    approved = [
        e
        for e in selectors.open_extensions(ids).filter(state=ExtensionState.APPROVED)
        if access.can_draft_extension_notice(user, e)
    ]
    if not approved:
        return []
    return [
        Card(
            "已批准待公告的延续有效期",
            len(approved),
            reverse("policies:expiring") + "#extensions",
            "单位负责人已同意延续：请起草延续有效期公告，提交保密审查并发布，公告发布之日起生效。",
            "warn",
            [
                (
                    e.document.title,
                    reverse("publishing:detail", args=[e.notice_id])
                    if e.notice_id
                    else reverse("policies:detail", args=[e.document_id]) + "#extension",
                )
                for e in approved[:5]
            ],
        )
    ]
