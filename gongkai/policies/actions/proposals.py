"""Relations proposed against another unit's document (跨单位文件关系提议): proposing, accepting, rejecting,
withdrawing.

A unit's document may amend, replace or repeal a document another unit issued, but only that unit (its editors,
reviewers or leader) or the openness office may change the earlier document's status. The later document's unit
therefore proposes the relation; nothing about the target changes until it is accepted, which records the
relation through ``add_relation`` (the same checks, audited as ``policies.relation_add``). Every step is audited
under the target's unit; the proposing unit sees the result on its document's page and on its dashboard.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import access
from ..errors import PolicyError
from ..models import PolicyDocument, PolicyRelation, RelationProposal
from ..vocab import ProposalState, RelationKind
from .common import MANAGER_POSTS, record, refuse
from .relations import add_relation, check_clauses, check_relation

# What a document may do to another unit's document; 延续 and 宣布失效 are the issuing unit's own decisions.
PROPOSABLE = (RelationKind.AMENDS, RelationKind.REPLACES, RelationKind.REPEALS)


def _snapshot(proposal: RelationProposal) -> dict:
    return {
        "state": proposal.state,
        "relation": RelationKind(proposal.kind).label,
        "source": proposal.source_id,
        "proposing_unit": proposal.source.publication.unit.name,
        "effective_date": proposal.effective_date,
        "clauses": proposal.clauses,
    }


def propose_relation(
    target: PolicyDocument,
    *,
    actor,
    kind: str,
    source: PolicyDocument,
    effective_date: date | None = None,
    clauses: list[str] | None = None,
    basis: str = "",
) -> RelationProposal:
    """Propose that ``source`` (the actor's unit's document) amends / replaces / repeals ``target`` of another
    unit; the target's unit decides."""
    if not access.can_propose_relation(actor, source=source, target=target):
        if access.can_record_relation(actor, target=target, source=source):
            raise PolicyError("该文件由本单位管理：请直接登记文件关系，无需提议。")
        refuse(actor, source.publication.unit, MANAGER_POSTS)
    if kind not in PROPOSABLE:
        raise PolicyError("对其他单位的文件只能提议修改、替代或废止。", field="kind")
    effective = check_relation(target, kind=kind, source=source, effective_date=effective_date)
    labels = check_clauses(target, clauses or [])
    with transaction.atomic():
        if RelationProposal.objects.filter(
            source=source, target=target, kind=kind, state=ProposalState.PENDING
        ).exists():
            raise PolicyError("已提出过同样的提议，正在等待对方单位确认。")
        if PolicyRelation.objects.filter(source=source, target=target, kind=kind).exists():
            raise PolicyError("这两份文件之间已登记过同样的关系。")
        proposal = RelationProposal.objects.create(
            source=source,
            target=target,
            kind=kind,
            effective_date=effective,
            clauses=labels,
            basis=basis.strip()[:200],
            proposed_by=actor,
            proposed_at=timezone.now(),
        )
        record(actor, "relation_proposed", target, target.publication.unit, None, _snapshot(proposal), basis)
    return proposal


def _locked_pending(proposal: RelationProposal) -> RelationProposal:
    locked = RelationProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state != ProposalState.PENDING:
        raise PolicyError(f"该提议已{locked.get_state_display()}，不能再处理。")
    return locked


def accept_proposal(proposal: RelationProposal, *, actor, note: str = "") -> PolicyRelation:
    """接受: record the proposed relation on the target (its status is recomputed) and tell the proposer."""
    if not access.can_decide_proposal(actor, proposal):
        refuse(actor, proposal.target.publication.unit, MANAGER_POSTS)
    with transaction.atomic():
        locked = _locked_pending(proposal)
        relation = add_relation(
            locked.target,
            actor=actor,
            kind=locked.kind,
            source=locked.source,
            effective_date=locked.effective_date,
            clauses=locked.clauses,
            basis=locked.basis,
        )
        before = _snapshot(locked)
        locked.state, locked.relation = ProposalState.ACCEPTED, relation
        locked.decided_by = actor if getattr(actor, "pk", None) else None
        locked.decided_at, locked.decision_note = timezone.now(), note.strip()[:500]
        locked.save(update_fields=["state", "relation", "decided_by", "decided_at", "decision_note"])
        record(
            actor,
            "relation_proposal_accepted",
            locked.target,
            locked.target.publication.unit,
            {"state": before["state"]},
            {"state": locked.state, "relation": relation.pk},
            note,
        )
    return relation


def reject_proposal(proposal: RelationProposal, *, actor, note: str) -> RelationProposal:
    """拒绝 with the reason the proposing unit reads; the target stays as it is."""
    if not access.can_decide_proposal(actor, proposal):
        refuse(actor, proposal.target.publication.unit, MANAGER_POSTS)
    if not (note or "").strip():
        raise PolicyError("请填写拒绝的理由，提议单位会看到。", field="note")
    with transaction.atomic():
        locked = _locked_pending(proposal)
        locked.state = ProposalState.REJECTED
        locked.decided_by = actor if getattr(actor, "pk", None) else None
        locked.decided_at, locked.decision_note = timezone.now(), note.strip()[:500]
        locked.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        record(
            actor,
            "relation_proposal_rejected",
            locked.target,
            locked.target.publication.unit,
            {"state": ProposalState.PENDING},
            {"state": locked.state},
            note,
        )
    return locked


def withdraw_proposal(proposal: RelationProposal, *, actor) -> RelationProposal:
    """撤回 a pending proposal (the proposing unit)."""
    if not access.can_withdraw_proposal(actor, proposal):
        refuse(actor, proposal.source.publication.unit, MANAGER_POSTS)
    with transaction.atomic():
        locked = _locked_pending(proposal)
        locked.state = ProposalState.WITHDRAWN
        locked.decided_by = actor if getattr(actor, "pk", None) else None
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "decided_by", "decided_at"])
        record(
            actor,
            "relation_proposal_withdrawn",
            locked.target,
            locked.target.publication.unit,
            {"state": ProposalState.PENDING},
            {"state": locked.state},
        )
    return locked
