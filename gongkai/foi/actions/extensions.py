"""延期 (第三十三条): a request by the officer, approved by the unit's leader or the office, at most 20 working days
in all (the cap is ``core.foi_rules.extension_refusal``)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core import foi_rules as fr
from gongkai.core.workdays import fmt

from .. import access
from ..errors import FoiAccessRefused, FoiError
from ..models import Extension, InfoRequest
from .common import (
    EventKind,
    actor_name,
    actor_or_none,
    event,
    lock,
    not_before_receipt,
    notify,
    recompute,
    record,
    require_handle,
    require_state,
    today,
)


def request_extension(case, *, actor, days: int, reason: str, on: date | None = None) -> Extension:
    on = on or today()
    reason = (reason or "").strip()
    if not reason:
        raise FoiError("请写明需要延长答复期限的理由。", field="reason")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, *InfoRequest.RUNNING_STATES, what="申请延期")
        granted = sum(e.days for e in case.extensions.filter(status=Extension.Status.APPROVED))
        pending = sum(e.days for e in case.extensions.filter(status=Extension.Status.REQUESTED))
        refusal = (
            fr.extension_refusal(granted, days, pending=pending) if isinstance(days, int) else "请填写天数"
        )
        if refusal:
            raise FoiError(f"{refusal}。", field="days")
        if case.due_date and on > case.due_date:
            raise FoiError("答复期限已届满，不能再申请延期。", field="on")
        not_before_receipt(case, on, "申请延期")
        extension = Extension.objects.create(
            request=case, days=days, reason=reason, requested_by=actor_or_none(actor), requested_on=on
        )
        event(
            case, EventKind.EXTENSION_REQUESTED, on, actor, f"申请延长答复期限{days}个工作日，理由：{reason}"
        )
        record(actor, "extension_requested", case, after={"days": days, "reason": reason})
        for leader in access.leaders_of(case.unit):
            notify(
                leader,
                case,
                key=f"ext-{extension.pk}",
                text=f"申请 {case.serial} 请求延长答复期限{days}个工作日，待您审批",
            )
    return extension


def decide_extension(
    extension, *, actor, approve: bool, note: str = "", on: date | None = None, notified_on=None
) -> Extension:
    """批准或不同意: only before the original due date; the applicant sees the new date."""
    on = on or today()
    with transaction.atomic():
        case = lock(extension.request)
        extension = Extension.objects.select_for_update().get(pk=extension.pk)
        if not access.can_approve_extension(actor, case):
            raise FoiAccessRefused("延期须经单位负责人或政务公开办负责人批准。")
        if not access.can_decide_extension(actor, extension):
            raise FoiAccessRefused("申请人不能审批自己提出的延期。")
        if extension.status != Extension.Status.REQUESTED:
            raise FoiError("该延期申请已审批。")
        if on < extension.requested_on:
            raise FoiError("审批日期不能早于申请日期。", field="on")
        if approve and case.due_date and case.clock_running and on > case.due_date:
            raise FoiError(f"原答复期限（{fmt(case.due_date)}）已届满，不能再批准延期。", field="on")
        extension.status = Extension.Status.APPROVED if approve else Extension.Status.REJECTED
        extension.approver = actor_or_none(actor)
        extension.decided_on = on
        extension.decision_note = note
        extension.notified_on = (notified_on or on) if approve else None
        extension.save()
        if approve:
            approved = event(
                case,
                EventKind.EXTENSION_APPROVED,
                on,
                actor,
                f"批准延长答复期限{extension.days}个工作日（批准人：{actor_name(actor)}）"
                f"{('：' + note) if note else ''}",
                ledger=fr.EXTENSION,
                days=extension.days,
                data={"label": f"批准人：{actor_name(actor)}"},
            )
            due = recompute(case)
            new_date = fmt(due.date) if due.date else "（期限中止中）"
            approved.public_summary = (
                f"经批准，答复期限延长{extension.days}个工作日，延长后的答复期限为{new_date}"
            )
            approved.save(update_fields=["public_summary"])
        else:
            event(case, EventKind.EXTENSION_REJECTED, on, actor, f"不同意延期：{note or '无说明'}")
        record(
            actor, "extension_decided", case, after={"approved": approve, "days": extension.days}, reason=note
        )
        if case.officer:
            notify(
                case.officer,
                case,
                key=f"extdec-{extension.pk}",
                text=f"申请 {case.serial} 的延期申请{'已批准' if approve else '未获批准'}",
            )
    return extension
