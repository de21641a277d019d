"""Expiry evaluation (到期评估) of one document and the county's cleanup campaigns (清理)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import policy as core

from .. import access, selectors
from ..errors import PolicyError
from ..models import Campaign, CampaignItem, Evaluation, PolicyDocument
from ..vocab import CleanupDecision, DocKind, EvaluationDecision, RelationKind
from .common import MANAGER_POSTS, record, refuse, refuse_office
from .relations import add_relation
from .validity import validity_of, validity_rule


def decide_evaluation(
    document: PolicyDocument,
    *,
    actor,
    decision: str,
    note: str,
    extended_until: date | None = None,
    today: date | None = None,
) -> Evaluation:
    """The issuing unit's decision on a document nearing expiry: extend (延续), re-issue (重新制发) or lapse."""
    doc = document
    if not access.can_manage_document(actor, doc):
        refuse(actor, doc.publication.unit, MANAGER_POSTS)
    today = today or timezone.localdate()
    if decision not in EvaluationDecision.values:
        raise PolicyError("请选择评估结论。", field="decision")
    note = (note or "").strip()
    if not note:
        raise PolicyError("请填写评估意见（文件实施情况、是否需要继续执行及理由）。", field="note")
    current = validity_of(doc, today)
    if not current.in_force:
        raise PolicyError(f"该文件当前为“{current.status}”，无需到期评估。")
    local = selectors.rules()
    if decision == EvaluationDecision.EXTEND:
        if not extended_until or extended_until <= current.term.expires_on:
            raise PolicyError(
                f"延续至的日期应晚于当前有效期{current.term.expires_on:%Y年%m月%d日}。",
                field="extended_until",
            )
        limit = core.expiry_date(
            current.term.expires_on, validity_rule(local).max_years(doc.publication.title)
        )
        if extended_until > limit:
            raise PolicyError(
                f"每次延续不超过{validity_rule(local).max_years(doc.publication.title)}年，最晚至{limit:%Y年%m月%d日}。",
                field="extended_until",
            )
    else:
        extended_until = None
    with transaction.atomic():
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    document=doc,
                    expires_on=current.term.expires_on,
                    decision=decision,
                    extended_until=extended_until,
                    note=note,
                    decided_by=actor,
                    decided_at=timezone.now(),
                )
        except IntegrityError:
            raise PolicyError("本有效期内已作出评估结论。") from None
        record(
            actor,
            "evaluate",
            doc,
            doc.publication.unit,
            {"expires_on": current.term.expires_on},
            {"decision": EvaluationDecision(decision).label, "extended_until": extended_until},
            note,
        )
        if decision == EvaluationDecision.EXTEND:
            add_relation(
                doc,
                actor=actor,
                kind=RelationKind.EXTENDS,
                effective_date=today,
                extended_until=extended_until,
                basis=f"到期评估（{today:%Y年%m月%d日}）",
            )
    return evaluation


# --- cleanup campaigns (清理) ---------------------------------------------------------------------------------------
def start_campaign(
    *, actor, title: str, deadline: date, scope_note: str = "", units=None, today=None
) -> Campaign:
    """The office opens a cleanup: one item per published normative document in force, for its issuing unit."""
    if not access.can_administer(actor):
        refuse_office()
    today = today or timezone.localdate()
    title = " ".join((title or "").split())
    if not title:
        raise PolicyError("请填写清理名称。", field="title")
    if deadline < today:
        raise PolicyError("报送截止日期不能早于今天。", field="deadline")
    docs = selectors.in_force(today).filter(kind=DocKind.NORMATIVE)
    if units:
        docs = docs.filter(publication__unit__in=units)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            title=title, deadline=deadline, scope_note=scope_note, created_by=actor
        )
        CampaignItem.objects.bulk_create(
            CampaignItem(campaign=campaign, document=doc, unit_id=doc.publication.unit_id)
            for doc in docs.select_related("publication")
        )
        record(
            actor, "campaign_start", campaign, after={"deadline": deadline, "items": campaign.items.count()}
        )
    return campaign


def decide_cleanup(item: CampaignItem, *, actor, decision: str, note: str = "") -> CampaignItem:
    """The issuing unit confirms (继续有效) or changes (拟修改/废止/宣布失效) one document's status. A refusal
    names the document: a campaign page lists many."""
    title = item.document.title
    if not access.can_decide_cleanup(actor, item):
        raise PolicyError(f"《{title}》：{access.refusal(actor, item.unit, MANAGER_POSTS)}", code="forbidden")
    if decision not in CleanupDecision.values or decision == CleanupDecision.PENDING:
        raise PolicyError(f"《{title}》：请选择清理意见。", field="decision")
    note = (note or "").strip()
    if decision != CleanupDecision.KEEP and not note:
        raise PolicyError(f"《{title}》：拟修改、废止或宣布失效的，请说明理由。", field="note")
    with transaction.atomic():
        item = CampaignItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
        if not item.campaign.is_open:
            raise PolicyError(f"《{title}》：该清理已结束，不能再修改清理意见。")
        before = {"decision": item.get_decision_display(), "note": item.note}
        item.decision, item.note = decision, note
        item.decided_by, item.decided_at = actor, timezone.now()
        item.save()
        record(
            actor,
            "cleanup_decide",
            item.document,
            item.unit,
            before,
            {"decision": item.get_decision_display(), "note": note},
        )
    return item


def close_campaign(campaign: Campaign, *, actor, effective: date) -> Campaign:
    """End the cleanup: 废止 and 宣布失效 decisions take effect on ``effective`` as relations of the result."""
    if not access.can_administer(actor):
        refuse_office()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.is_open:
            raise PolicyError("该清理已结束。")
        applied = 0
        for item in campaign.items.select_related("document__publication"):
            relation_of: dict[str, RelationKind] = {
                CleanupDecision.REPEAL: RelationKind.REPEALS,
                CleanupDecision.EXPIRE: RelationKind.DECLARES_EXPIRED,
            }
            kind = relation_of.get(item.decision)
            if kind:
                add_relation(
                    item.document,
                    actor=actor,
                    kind=kind,
                    effective_date=effective,
                    basis=f"{campaign.title}清理结果",
                )
                applied += 1
        campaign.closed_at, campaign.result_effective = timezone.now(), effective
        campaign.save()
        pending = campaign.items.filter(decision=CleanupDecision.PENDING).count()
        record(
            actor,
            "campaign_close",
            campaign,
            after={"effective": effective, "applied": applied, "pending": pending},
        )
    return campaign
