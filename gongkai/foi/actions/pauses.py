"""The time that is not counted (不计算在答复期限内): consultations of third parties or other bodies (第三十二条)
and fee notices until payment (第四十二条, 国办函〔2020〕109号). Each pause is a start and an end in the ledger."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.workdays import fmt

from .. import deadlines
from ..errors import FoiError
from ..models import Consultation, FeeNotice, InfoRequest
from .common import (
    EventKind,
    State,
    actor_or_none,
    end_pending_requests,
    event,
    finish,
    lock,
    not_before_dependencies,
    not_before_receipt,
    recompute,
    record,
    require_handle,
    require_state,
    today,
)


# --- consultation (征求意见, 第三十二条) ------------------------------------------------------------------------------
def start_consultation(
    case, *, actor, party_kind: str, party_name: str, matter: str, on: date | None = None
) -> Consultation:
    on = on or today()
    if party_kind not in Consultation.Party.values:
        raise FoiError("请选择征求意见的对象类型。", field="party_kind")
    if not (party_name or "").strip():
        raise FoiError("请填写征求意见的对象名称和事项。", field="party_name")
    if not (matter or "").strip():
        raise FoiError("请填写征求意见的对象名称和事项。", field="matter")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.IN_PROGRESS, State.CONSULTING, what="征求意见")
        not_before_receipt(case, on, "征求意见")
        answer_due = (
            deadlines.calendar().add_working_days(on, law.THIRD_PARTY_OPINION.value).date
            if party_kind == Consultation.Party.THIRD_PARTY
            else None
        )
        consultation = Consultation.objects.create(
            request=case,
            party_kind=party_kind,
            party_name=party_name.strip(),
            matter=matter.strip(),
            started_on=on,
            answer_due=answer_due,
            created_by=actor_or_none(actor),
        )
        label = f"征求{consultation.get_party_kind_display()}意见"
        extra = (
            f"，第三方应于{fmt(answer_due)}前提出意见（{law.THIRD_PARTY_OPINION.basis}）"
            if answer_due
            else ""
        )
        event(
            case,
            EventKind.CONSULTATION_STARTED,
            on,
            actor,
            f"{label}：{consultation.party_name}，事项：{consultation.matter}{extra}；所需时间不计算在答复期限内",
            public=f"本机关正在{label}，所需时间不计算在答复期限内（{law.REPLY.basis}）",
            ledger=fr.PAUSE_START,
            key=consultation.pause_key,
            data={"label": label},
        )
        case.state = State.CONSULTING
        case.save(update_fields=["state", "updated"])
        recompute(case)
        record(actor, "consultation_started", case, after={"party_kind": party_kind, "on": on})
    return consultation


def end_consultation(
    consultation, *, actor, opinion: str, note: str = "", on: date | None = None
) -> Consultation:
    on = on or today()
    with transaction.atomic():
        case = lock(consultation.request)
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        require_handle(actor, case)
        if consultation.ended_on:
            raise FoiError("该征求意见已结束。")
        if on < consultation.started_on:
            raise FoiError("结束日期不能早于发出日期。", field="on")
        if opinion not in {value for value in Consultation.Opinion.values if value}:
            raise FoiError("请选择对方的意见。", field="opinion")
        consultation.ended_on, consultation.opinion, consultation.opinion_note = on, opinion, note
        consultation.save()
        label = f"征求{consultation.get_party_kind_display()}意见"
        event(
            case,
            EventKind.CONSULTATION_ENDED,
            on,
            actor,
            f"{label}结束：{consultation.party_name}，{consultation.get_opinion_display()}"
            f"{('：' + note) if note else ''}",
            public=f"{label}结束，恢复计算答复期限",
            ledger=fr.PAUSE_END,
            key=consultation.pause_key,
            data={"label": label},
        )
        if not case.consultations.filter(ended_on__isnull=True).exists() and case.state == State.CONSULTING:
            case.state = State.IN_PROGRESS
            case.save(update_fields=["state", "updated"])
        recompute(case)
        record(actor, "consultation_ended", case, after={"opinion": opinion, "on": on})
    return consultation


# --- fees (收费, 第四十二条) ---------------------------------------------------------------------------------------
def issue_fee_notice(case, *, actor, method: str, quantity: int, on: date | None = None) -> FeeNotice:
    """收费通知 by item or by volume (never both); the notice-to-payment time is not counted."""
    on = on or today()
    try:
        fee = (
            fr.compute_fee(items=quantity)
            if method == fr.FEE_BY_ITEM
            else (fr.compute_fee(pages=quantity) if method == fr.FEE_BY_VOLUME else None)
        )
    except ValueError as exc:
        raise FoiError(str(exc), field="quantity") from exc
    if fee is None:
        raise FoiError("请选择按件计收或按量计收（二者不得同时适用）。", field="method")
    if fee.amount == 0:
        raise FoiError("按所填数量不收取信息处理费，无需发出收费通知。", field="quantity")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.IN_PROGRESS, what="发出收费通知")
        if case.fee_notices.filter(status=FeeNotice.Status.ISSUED).exists():
            raise FoiError("已有待缴费的收费通知，不能重复发出。")
        not_before_receipt(case, on, "收费通知")
        pay_by = deadlines.calendar().add_working_days(on, law.FEE_PAYMENT.value)
        notice = FeeNotice.objects.create(
            request=case,
            method=fee.method,
            quantity=fee.quantity,
            amount=fee.amount,
            lines=fee.explain(),
            issued_on=on,
            pay_by=pay_by.date,
            pay_by_provisional=pay_by.provisional,
            created_by=actor_or_none(actor),
        )
        unit_word = "件" if fee.method == fr.FEE_BY_ITEM else "页"
        event(
            case,
            EventKind.FEE_NOTICE,
            on,
            actor,
            f"发出收费通知：{fee.method_label}{fee.quantity}{unit_word}，{fee.amount}元，缴费期限{fmt(pay_by.date)}",
            public=f"请于{fmt(pay_by.date)}前缴纳信息处理费{fee.amount}元；通知至缴费期间不计算在答复期限内",
            ledger=fr.PAUSE_START,
            key=notice.pause_key,
            data={"label": "收费通知至缴费"},
        )
        case.state = State.AWAITING_FEE
        case.save(update_fields=["state", "updated"])
        recompute(case)
        record(
            actor,
            "fee_notice",
            case,
            after={"method": fee.method, "quantity": fee.quantity, "amount": fee.amount},
        )
    return notice


def _end_fee(actor, notice, on, status, kind, summary, public):
    case = lock(notice.request)
    notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
    require_handle(actor, case)
    if notice.status != FeeNotice.Status.ISSUED:
        raise FoiError("该收费通知已处理。")
    if on < notice.issued_on:
        raise FoiError("日期不能早于收费通知日期。", field="on")
    not_before_dependencies(case, on, "fee_done", "缴费登记")
    notice.status = status
    if status == FeeNotice.Status.PAID:
        notice.paid_on = on
    notice.save()
    event(
        case,
        kind,
        on,
        actor,
        summary,
        public=public,
        ledger=fr.PAUSE_END,
        key=notice.pause_key,
        data={"label": "收费通知至缴费"},
    )
    return case, notice


def record_fee_paid(notice, *, actor, on: date | None = None) -> FeeNotice:
    """登记已缴费: the clock runs again."""
    on = on or today()
    with transaction.atomic():
        if on > notice.pay_by:
            raise FoiError(
                f"缴费期限为{fmt(notice.pay_by)}，逾期缴费请按逾期未缴费办结或记录说明。", field="on"
            )
        case, notice = _end_fee(
            actor,
            notice,
            on,
            FeeNotice.Status.PAID,
            EventKind.FEE_PAID,
            f"申请人已缴纳信息处理费{notice.amount}元",
            "已收到您缴纳的信息处理费，恢复计算答复期限",
        )
        case.state = State.IN_PROGRESS
        case.save(update_fields=["state", "updated"])
        recompute(case)
        record(actor, "fee_paid", case, after={"on": on, "amount": notice.amount})
    return notice


def close_fee_lapsed(notice, *, actor, on: date | None = None) -> InfoRequest:
    """Not paid within 20 working days → 逾期未按收费通知要求缴纳费用."""
    on = on or today()
    with transaction.atomic():
        if on <= notice.pay_by:
            raise FoiError(f"缴费期限为{fmt(notice.pay_by)}，期限届满后方可按逾期未缴费办结。", field="on")
        outcome = fr.outcome("other_no_fee")
        case, notice = _end_fee(
            actor,
            notice,
            on,
            FeeNotice.Status.LAPSED,
            EventKind.CLOSED,
            f"办结：{outcome.full_label}",
            f"办结：{outcome.label}",
        )
        finish(case, on, outcome.code)
        case.state = State.CLOSED
        case.on_time = None
        case.save()
        recompute(case)
        record(actor, "close", case, after={"outcome": outcome.code, "on": on})
        end_pending_requests(case, actor, on, "案件已按逾期未缴费办结")
    return case
