"""Commitments (承诺事项): kept with evidence and the publication that made the result public; the office's 核查
rounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.publishing import selectors as publishing

from .. import access
from ..errors import SentimentError
from ..models import Check, CheckRound, Commitment
from ..vocab import (
    CheckResult,
    CommitmentState,
)
from .common import (
    EVIDENCE_KINDS,
    checked_file,
    forbidden,
    public_item,
    record,
)


# --- commitments -----------------------------------------------------------------------------------------------
def fulfil(
    commitment: Commitment,
    *,
    actor: Any,
    evidence: str,
    kept_on: date | None = None,
    evidence_file: Any = None,
    result_publication: Any = None,
) -> Commitment:
    """兑现: the owner unit reports the commitment kept, with what was done (evidence, a file) and the published
    item that made the result public."""
    if not access.can_fulfil(actor, commitment):
        raise forbidden("只有承诺事项的责任单位或政务公开办可以报送兑现情况。")
    evidence = (evidence or "").strip()
    if not evidence:
        raise SentimentError("请填写落实情况：做了什么、结果如何。", field="evidence")
    kept_on = kept_on or timezone.localdate()
    if kept_on > timezone.localdate():
        raise SentimentError("兑现日期不能晚于今天。", field="kept_on")
    checked = checked_file(evidence_file, EVIDENCE_KINDS, "evidence_file") if evidence_file else None
    with storedfiles.atomic():
        item = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if item.state != CommitmentState.OPEN:
            raise SentimentError("该承诺已报送兑现。如需更正公开链接，请使用“关联公开信息”。")
        if kept_on < timezone.localtime(item.case.first_seen_at).date():
            raise SentimentError("兑现日期不能早于舆情发现日期。", field="kept_on")
        item.result_publication = public_item(result_publication, "result_publication")
        item.state = CommitmentState.KEPT
        item.kept_on = kept_on
        item.evidence = evidence
        if checked is not None:
            name, data = checked
            item.evidence_name = name
            item.evidence_sha256 = storedfiles.save_file(
                item.evidence_file, f"k{item.pk}{Path(name).suffix}", data
            )
        item.save()
        record(
            actor,
            "fulfilled",
            item,
            item.case,
            before={"state": CommitmentState.OPEN},
            after={
                "state": item.state,
                "kept_on": kept_on.isoformat(),
                "on_time": kept_on <= item.due_on,
                "publication": item.result_publication_id,
                "file": item.evidence_name or None,
            },
        )
    return item


@transaction.atomic
def link_result(commitment: Commitment, *, actor: Any, publication: Any) -> Commitment:
    """关联公开信息: the published item that made a kept commitment's result public (added or corrected later)."""
    if not access.can_fulfil(actor, commitment):
        raise forbidden("只有承诺事项的责任单位或政务公开办可以关联公开信息。")
    item = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if item.state != CommitmentState.KEPT:
        raise SentimentError("请先报送兑现情况，再关联公开信息。")
    if publication is None:
        raise SentimentError("请选择一条已公开的信息。", field="publication")
    before = {"publication": item.result_publication_id}
    item.result_publication = public_item(publication, "publication")
    item.save()
    record(actor, "result_linked", item, item.case, before=before, after={"publication": publication.pk})
    return item


# --- 核查 -------------------------------------------------------------------------------------------------------
@transaction.atomic
def start_round(*, actor: Any, title: str, cutoff: date) -> CheckRound:
    """核查: a round over every commitment due by ``cutoff`` (kept or not) of cases not yet checked in an open
    round; the office then marks each one."""
    if not access.can_check(actor):
        raise forbidden("只有政务公开办可以组织承诺事项核查。")
    title = (title or "").strip()
    if not title:
        raise SentimentError("请填写核查名称，如“2026年第四季度舆情回应承诺核查”。", field="title")
    if cutoff is None:
        raise SentimentError("请填写核查截止日。", field="cutoff")
    if CheckRound.objects.filter(closed_at__isnull=True).exists():
        raise SentimentError("已有一轮核查尚未结束：请先完成并结束该轮核查。")
    items = list(Commitment.objects.filter(due_on__lte=cutoff).order_by("due_on", "id"))
    if not items:
        raise SentimentError("截止日前没有到期的承诺事项，无需核查。", field="cutoff")
    round_ = CheckRound.objects.create(title=title[:100], cutoff=cutoff, started_by=actor)
    Check.objects.bulk_create([Check(round=round_, commitment=item) for item in items])
    audit.record(
        actor=actor,
        action="sentiment.round_started",
        obj=round_,
        after={"cutoff": cutoff.isoformat(), "commitments": len(items)},
    )
    return round_


@transaction.atomic
def mark(check: Check, *, actor: Any, result: str, note: str = "") -> Check:
    """Mark one commitment in a round: verified (kept and made public) or not, with the office's note."""
    if not access.can_check(actor):
        raise forbidden("只有政务公开办可以核查承诺事项。")
    item = Check.objects.select_for_update().select_related("round").get(pk=check.pk)
    if item.round.closed_at is not None:
        raise SentimentError("该轮核查已结束，不能再修改结果。")
    commitment = Commitment.objects.select_for_update().get(pk=item.commitment_id)
    note = (note or "").strip()
    if result == CheckResult.VERIFIED:
        if commitment.state != CommitmentState.KEPT:
            raise SentimentError("该承诺尚未报送兑现，不能核实为已落实：请标记为未落实并写明督办意见。")
        if commitment.result_publication_id is None or not (
            publishing.public_publications().filter(pk=commitment.result_publication_id).exists()
        ):
            raise SentimentError(
                "该承诺的落实情况尚未公开（没有关联仍在公开的信息），不能核实为已落实并公开。"
            )
    elif result == CheckResult.NOT_VERIFIED:
        if not note:
            raise SentimentError("标记为未落实须写明核查意见（缺什么、何时补齐）。", field="note")
    else:
        raise SentimentError("请选择核查结果。", field="result")
    before = {"result": item.result}
    item.result, item.note = result, note
    item.checked_by, item.checked_at = actor, timezone.now()
    item.save()
    commitment.check_result = result
    commitment.save(update_fields=["check_result", "updated_at"])
    audit.record(
        actor=actor,
        action="sentiment.checked",
        obj=commitment,
        unit=commitment.owner_unit,
        before=before,
        after={"result": result, "round": item.round_id},
        reason=note,
    )
    return item


@transaction.atomic
def close_round(round_: CheckRound, *, actor: Any) -> CheckRound:
    """End a round once every commitment in it is marked."""
    if not access.can_check(actor):
        raise forbidden("只有政务公开办可以结束核查。")
    locked = CheckRound.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        raise SentimentError("该轮核查已结束。")
    pending = locked.checks.filter(result=CheckResult.PENDING).count()
    if pending:
        raise SentimentError(f"还有{pending}项承诺未核查：逐项标记后再结束本轮核查。")
    locked.closed_at = timezone.now()
    locked.save()
    counts = {
        "verified": locked.checks.filter(result=CheckResult.VERIFIED).count(),
        "not_verified": locked.checks.filter(result=CheckResult.NOT_VERIFIED).count(),
    }
    audit.record(actor=actor, action="sentiment.round_closed", obj=locked, after=counts)
    return locked
