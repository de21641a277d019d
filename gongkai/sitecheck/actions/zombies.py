"""僵尸号 cleanup campaigns (僵尸号清理): the office opens one, the live accounts matching its criteria are listed as
they stand, each owning unit decides 整改 / 关停 / 注销 / 合并 by the deadline, the office closes it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core.sitecheck import newmedia

from .. import access
from ..errors import SitecheckError
from ..models import NewMediaAccount, ZombieCampaign, ZombieItem
from ..vocab import LIVE_STATES, CampaignState, ZombieDecision


def matching_accounts(
    stale_days: int, include_no_interaction: bool, today: date
) -> list[tuple[NewMediaAccount, str]]:
    """The live accounts a campaign lists, with the reason each is listed."""
    out = []
    for account in NewMediaAccount.objects.filter(state__in=LIVE_STATES).select_related("unit"):
        reasons = []
        if newmedia.is_stale(account.last_update, today, days=stale_days):
            silent = newmedia.days_silent(account.last_update, today)
            reasons.append(f"{silent}天未更新" if silent is not None else "从未登记更新")
        if include_no_interaction and account.interaction_ok is False:
            reasons.append("互动功能失效")
        if reasons:
            out.append((account, "，".join(reasons)))
    return out


@transaction.atomic
def open_campaign(
    *,
    actor,
    title: str,
    stale_days: int,
    deadline: date,
    include_no_interaction: bool = True,
    today: date | None = None,
) -> ZombieCampaign:
    """开展清理: list every live account matching the criteria (as it stands today)."""
    if not access.can_run_campaign(actor):
        raise SitecheckError("僵尸号清理行动由政务公开办开展。", code="forbidden")
    today = today or timezone.localdate()
    title = title.strip()
    if not title:
        raise SitecheckError("请填写清理行动的名称。", field="title")
    if stale_days < newmedia.STALE_DAYS:
        raise SitecheckError(
            f"未更新天数不能少于{newmedia.STALE_DAYS}天（2周无更新即单项否决）。", field="stale_days"
        )
    if deadline <= today:
        raise SitecheckError("处置期限须晚于今天。", field="deadline")
    campaign = ZombieCampaign.objects.create(
        title=title[:100],
        stale_days=stale_days,
        include_no_interaction=include_no_interaction,
        deadline=deadline,
        opened_on=today,
        opened_by=actor,
    )
    items = [
        ZombieItem(
            campaign=campaign,
            account=account,
            unit=account.unit,
            last_update=account.last_update,
            interaction_ok=account.interaction_ok,
            reason=reason[:200],
        )
        for account, reason in matching_accounts(stale_days, include_no_interaction, today)
    ]
    ZombieItem.objects.bulk_create(items)
    audit.record(
        actor=actor,
        action="sitecheck.campaign_opened",
        obj=campaign,
        after={
            "title": campaign.title,
            "stale_days": stale_days,
            "include_no_interaction": include_no_interaction,
            "deadline": str(deadline),
            "accounts": len(items),
        },
    )
    return campaign


@transaction.atomic
def decide(
    item: ZombieItem,
    *,
    actor,
    decision: str,
    note: str = "",
    merge_into: NewMediaAccount | None = None,
    today: date | None = None,
) -> ZombieItem:
    """The owning unit's decision on one listed account (it may be changed while the campaign is open)."""
    locked = (
        ZombieItem.objects.select_for_update().select_related("campaign", "account", "unit").get(pk=item.pk)
    )
    if not access.can_decide_zombie(actor, locked):
        raise SitecheckError("只有账号主办单位的信息编辑可以提出处置意见。", code="forbidden")
    if locked.campaign.state != CampaignState.OPEN:
        raise SitecheckError("清理行动已结束，不能再修改处置意见。")
    if decision not in ZombieDecision.values:
        raise SitecheckError("请选择处置意见：整改、关停、注销或合并。", field="decision")
    note = note.strip()
    if decision == ZombieDecision.MERGE:
        if merge_into is None:
            raise SitecheckError("合并须选择并入的账号。", field="merge_into")
        if merge_into.pk == locked.account_id or merge_into.unit_id != locked.unit_id:
            raise SitecheckError("只能并入本单位的另一个账号。", field="merge_into")
        if merge_into.state not in LIVE_STATES:
            raise SitecheckError("并入的账号须为已备案的在用账号。", field="merge_into")
    else:
        merge_into = None
    if decision == ZombieDecision.RECTIFY and not note:
        raise SitecheckError("整改须写明整改措施（如更新频次、运维安排）。", field="note")
    before = {"decision": locked.decision}
    locked.decision = decision
    locked.merge_into = merge_into
    locked.note = note[:300]
    locked.decided_by = actor
    locked.decided_on = today or timezone.localdate()
    locked.save()
    audit.record(
        actor=actor,
        action="sitecheck.zombie_decided",
        obj=locked,
        unit=locked.unit,
        before=before,
        after={
            "decision": decision,
            "account": locked.account.name,
            "merge_into": merge_into and merge_into.name,
        },
        reason=note,
    )
    return locked


@transaction.atomic
def close_campaign(campaign: ZombieCampaign, *, actor) -> ZombieCampaign:
    """结束清理行动: decisions are frozen; accounts still undecided stay listed as such in the export."""
    if not access.can_run_campaign(actor):
        raise SitecheckError("僵尸号清理行动由政务公开办结束。", code="forbidden")
    locked = ZombieCampaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.state == CampaignState.CLOSED:
        raise SitecheckError("该清理行动已经结束。")
    locked.state = CampaignState.CLOSED
    locked.closed_at = timezone.now()
    locked.save()
    undecided = locked.items.filter(decision="").count()
    audit.record(
        actor=actor,
        action="sitecheck.campaign_closed",
        obj=locked,
        before={"state": CampaignState.OPEN},
        after={"state": CampaignState.CLOSED, "undecided": undecided},
    )
    return locked
