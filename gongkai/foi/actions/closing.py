"""After the reply: 办结, 重新办理 (e.g. on a reconsideration decision), 复议/诉讼 records, and notes."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core import foi_rules as fr

from ..errors import FoiError
from ..models import Appeal, CaseEvent, InfoRequest
from .common import (
    EventKind,
    State,
    actor_or_none,
    end_pending_requests,
    event,
    lock,
    not_before_dependencies,
    recompute,
    record,
    require_handle,
    require_state,
    today,
)


def close(case, *, actor, on: date | None = None, note: str = "") -> InfoRequest:
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.REPLIED, what="办结")
        if case.replied_on and on < case.replied_on:
            raise FoiError("办结日期不能早于答复日期。", field="on")
        not_before_dependencies(case, on, "close", "办结")
        case.state, case.closed_on = State.CLOSED, on
        case.save(update_fields=["state", "closed_on", "updated"])
        event(case, EventKind.CLOSED, on, actor, f"办结{('：' + note) if note else ''}", public="已办结")
        record(actor, "close", case, after={"on": on}, reason=note)
        end_pending_requests(case, actor, on, "案件已办结")
    return case


def reopen(case, *, actor, reason: str, on: date | None = None, restart: bool = True) -> InfoRequest:
    """重新办理 (e.g. on a reconsideration decision): the earlier outcome is cleared; the period restarts."""
    on = on or today()
    reason = (reason or "").strip()
    if not reason:
        raise FoiError("请写明重新办理的原因（如复议决定书文号）。", field="reason")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.REPLIED, State.CLOSED, what="重新办理")
        before = {"state": case.state, "outcome": case.outcome}
        case.state = State.IN_PROGRESS if case.officer_id else State.NEW
        case.outcome = ""
        case.replied_on = case.closed_on = None
        case.on_time = case.handling_days = None
        case.save()
        event(
            case,
            EventKind.REOPENED,
            on,
            actor,
            f"重新办理：{reason}" + ("，答复期限重新起算" if restart else ""),
            public="您的申请已重新办理" + ("，答复期限重新计算" if restart else ""),
            ledger=fr.RESTART if restart else "",
            data={"label": "重新办理"},
        )
        recompute(case)
        record(actor, "reopen", case, before=before, after={"state": case.state}, reason=reason)
    return case


def add_note(case, *, actor, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise FoiError("备注内容不能为空。", field="text")
    with transaction.atomic():
        require_handle(actor, case)
        note = event(case, EventKind.NOTE, today(), actor, text)
        record(actor, "note", case)
    return note


# --- reconsideration and litigation (复议/诉讼) -----------------------------------------------------------------
def record_appeal(
    case, *, actor, kind: str, filed_on: date, authority: str, case_number: str = "", note: str = ""
) -> Appeal:
    if kind not in Appeal.Kind.values:
        raise FoiError("请选择行政复议或行政诉讼的类型。", field="kind")
    if not (authority or "").strip():
        raise FoiError("请填写复议机关或受理法院。", field="authority")
    with transaction.atomic():
        require_handle(actor, case)
        if filed_on < case.receipt_date:
            raise FoiError("提起日期不能早于收到申请日期。", field="filed_on")
        appeal = Appeal.objects.create(
            request=case,
            kind=kind,
            filed_on=filed_on,
            authority=authority.strip(),
            case_number=case_number.strip(),
            note=note,
            created_by=actor_or_none(actor),
        )
        event(
            case,
            EventKind.APPEAL,
            filed_on,
            actor,
            f"{appeal.get_kind_display()}：{appeal.authority} {appeal.case_number}".strip(),
        )
        record(actor, "appeal_recorded", case, after={"kind": kind, "filed_on": filed_on})
    return appeal


def update_appeal(appeal, *, actor, result: str, decided_on: date | None = None, note: str = "") -> Appeal:
    if result not in Appeal.Result.values:
        raise FoiError("请选择结果。", field="result")
    if result != Appeal.Result.PENDING and decided_on is None:
        raise FoiError("已审结的，请填写审结日期。", field="decided_on")
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        case = appeal.request
        require_handle(actor, case)
        if decided_on and decided_on < appeal.filed_on:
            raise FoiError("审结日期不能早于提起日期。", field="decided_on")
        before = {"result": appeal.result}
        appeal.result, appeal.decided_on = result, decided_on if result != Appeal.Result.PENDING else None
        if note:
            appeal.note = note
        appeal.save()
        event(
            case,
            EventKind.APPEAL,
            decided_on or today(),
            actor,
            f"{appeal.get_kind_display()}结果：{appeal.get_result_display()}",
        )
        record(actor, "appeal_updated", case, before=before, after={"result": result})
    return appeal
