"""补正 (第三十条): the one-time correction notice, the correction received, closing when none came."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.common import storedfiles
from gongkai.core import foi_rules as fr
from gongkai.core.workdays import fmt

from .. import deadlines
from ..errors import FoiError
from ..models import Correction, FoiPolicy, InfoRequest
from .common import (
    EventKind,
    State,
    actor_or_none,
    end_pending_requests,
    event,
    finish,
    lock,
    not_before_receipt,
    recompute,
    record,
    require_handle,
    require_state,
    today,
)


def request_correction(
    case, *, actor, items: str, on: date | None = None, due_on: date | None = None
) -> Correction:
    """一次性告知补正: the clock stops until the correction arrives; flagged when later than 7 working days."""
    on = on or today()
    items = (items or "").strip()
    if not items:
        raise FoiError("请写明需要补正的事项和要求。", field="items")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.NEW, State.IN_PROGRESS, what="发出补正通知")
        if case.corrections.exists():
            raise FoiError("补正通知只能一次性发出（第三十条），本申请已发出过补正通知。")
        not_before_receipt(case, on, "补正告知")
        calendar = deadlines.calendar()
        notice_by = fr.correction_notice_deadline(case.receipt_date, calendar).date
        late = on > notice_by
        policy = FoiPolicy.current()
        due_on = due_on or calendar.add_working_days(on, policy.correction_period_days).date
        if due_on <= on:
            raise FoiError("补正期限应晚于告知日期。", field="due_on")
        correction = Correction.objects.create(
            request=case,
            requested_on=on,
            items=items,
            due_on=due_on,
            notice_deadline=notice_by,
            late=late,
            created_by=actor_or_none(actor),
        )
        warning = f"（注意：超过收到申请后7个工作日（{fmt(notice_by)}）才告知补正）" if late else ""
        event(
            case,
            EventKind.CORRECTION_REQUESTED,
            on,
            actor,
            f"一次性告知补正：{items}；补正期限{fmt(due_on)}{warning}",
            public=f"请您于{fmt(due_on)}前补正申请：{items}",
            ledger=fr.CORRECTION_REQUESTED,
            data={"late": late, "notice_deadline": notice_by.isoformat()},
        )
        case.state = State.AWAITING_CORRECTION
        case.save(update_fields=["state", "updated"])
        recompute(case)
        record(actor, "correction_requested", case, after={"on": on, "due_on": due_on, "late": late})
    return correction


def receive_correction(case, *, actor, on: date | None = None, note: str = "") -> Correction:
    """登记收到补正: the reply period restarts from that day."""
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.AWAITING_CORRECTION, what="登记收到补正")
        correction = case.corrections.get()
        if on < correction.requested_on:
            raise FoiError("收到补正的日期不能早于补正告知日期。", field="on")
        not_before_receipt(case, on, "收到补正")
        correction.received_on, correction.received_note = on, note
        correction.save(update_fields=["received_on", "received_note"])
        event(
            case,
            EventKind.CORRECTION_RECEIVED,
            on,
            actor,
            f"收到补正申请{('：' + note) if note else ''}，答复期限重新起算",
            public=f"收到您的补正申请（{fmt(on)}），答复期限自该日起重新计算",
            ledger=fr.CORRECTION_RECEIVED,
        )
        case.state = State.IN_PROGRESS if case.officer_id else State.NEW
        case.save(update_fields=["state", "updated"])
        due = recompute(case)
        record(actor, "correction_received", case, after={"on": on, "due": str(due)})
    return correction


def close_correction_lapsed(case, *, actor, on: date | None = None) -> InfoRequest:
    """No correction by its deadline → 申请人无正当理由逾期不补正, the application is not processed further."""
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.AWAITING_CORRECTION, what="按逾期不补正办结")
        correction = case.corrections.get()
        if on <= correction.due_on:
            raise FoiError(
                f"补正期限为{fmt(correction.due_on)}，期限届满后方可按逾期不补正办结。", field="on"
            )
        correction.lapsed = True
        correction.save(update_fields=["lapsed"])
        finish(case, on, "other_no_correction")
        case.state = State.CLOSED
        case.on_time = None
        case.save()
        outcome = fr.outcome("other_no_correction")
        event(
            case,
            EventKind.CLOSED,
            on,
            actor,
            f"办结：{outcome.full_label}",
            public=f"办结：{outcome.label}",
            data={"outcome": outcome.code},
        )
        recompute(case)
        record(actor, "close", case, after={"outcome": outcome.code, "on": on})
        end_pending_requests(case, actor, on, "案件已按逾期不补正办结")
    return case


def receive_correction_online(case, *, text: str, files=(), on: date | None = None) -> Correction:
    """网上补正: the applicant answers the correction notice on the tracking page (after verifying with both
    codes). The text and any files (checked like the application's, encrypted) are stored, the period restarts
    (``receive_correction``) and the officer is told."""
    from .. import access, uploads
    from ..models import Attachment
    from .common import notify
    from .intake import store_files

    text = (text or "").strip().rstrip("。")
    if len(text) < 2:
        raise FoiError("请填写补正的内容（对补正告知中所列事项的说明）。", field="text")
    checked = uploads.check_all(files, field="files")
    with storedfiles.atomic():
        correction = receive_correction(case, actor=None, on=on, note=f"申请人网上补正：{text}")
        if checked:
            store_files(case, checked, Attachment.Kind.CORRECTION, None)
        case.refresh_from_db()
        users = [case.officer] if case.officer else access.officers_of(case.unit)
        for user in users:
            notify(
                user,
                case,
                key=f"corr-online-{correction.pk}",
                text=f"申请 {case.serial} 的申请人已在网上提交补正",
            )
        record(None, "correction_online", case, after={"files": len(checked)})
    return correction
