"""Handling (办理): dispatch, transfer, merge, invalid, extension with a leader's approval, the reply drafted by the
unit and approved by its leader, adoption of a suggestion."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import access
from ..models import Extension, Message, Transfer
from ..vocab import OPEN_STATES, Adoption, ExtensionState, State
from .common import due_date, forbidden, lock, record, refuse


def _require_open(message: Message) -> None:
    if message.state not in OPEN_STATES:
        raise refuse(f"该留言当前为“{message.get_state_display()}”，不能再办理。")


@transaction.atomic
def dispatch(message: Message, *, actor: Any, unit: Any, note: str = "") -> Message:
    """分办: the office sends the message to the unit that handles it."""
    if not access.can_dispatch(actor, message):
        raise forbidden("只有政务公开办可以分办留言。")
    msg = lock(message)
    _require_open(msg)
    if unit is None:
        raise refuse("请选择承办单位。", field="unit")
    before = {"state": msg.state, "unit": msg.unit_id}
    msg.unit = unit
    msg.state = State.DISPATCHED
    msg.dispatched_at = timezone.now()
    msg.save()
    record(actor, "dispatched", msg, before=before, after={"state": msg.state, "unit": unit.pk}, reason=note)
    return msg


@transaction.atomic
def transfer(message: Message, *, actor: Any, to_unit: Any, reason: str) -> Message:
    """转办: to another unit, with the reason (the due date is kept: the writer's clock does not restart)."""
    if not access.can_transfer(actor, message):
        raise forbidden("只有承办单位或政务公开办可以转办该留言。")
    msg = lock(message)
    _require_open(msg)
    if not reason.strip():
        raise refuse("请填写转办理由。", field="reason")
    if to_unit is None or to_unit.pk == msg.unit_id:
        raise refuse("请选择另一个承办单位。", field="to_unit")
    Transfer.objects.create(
        message=msg, from_unit=msg.unit, to_unit=to_unit, reason=reason.strip(), actor=actor
    )
    before = {"unit": msg.unit_id, "state": msg.state}
    msg.unit = to_unit
    msg.state = State.DISPATCHED
    msg.reply = ""
    msg.reply_drafted_by = None
    msg.save()
    record(
        actor,
        "transferred",
        msg,
        before=before,
        after={"unit": to_unit.pk, "state": msg.state},
        reason=reason,
    )
    return msg


@transaction.atomic
def merge(message: Message, *, actor: Any, into: Message) -> Message:
    """合并重复留言: the duplicate is closed and answered by the reply of ``into``."""
    if not access.can_dispatch(actor, message):
        raise forbidden("只有政务公开办可以合并重复留言。")
    if into.pk == message.pk or into.state in (State.MERGED, State.INVALID):
        raise refuse("请选择另一条有效留言作为合并目标。", field="into")
    msg = lock(message)
    _require_open(msg)
    before = {"state": msg.state}
    msg.state = State.MERGED
    msg.merged_into = into
    msg.save()
    record(actor, "merged", msg, before=before, after={"state": msg.state, "into": into.tracking_code})
    return msg


@transaction.atomic
def declare_invalid(message: Message, *, actor: Any, reason: str) -> Message:
    """无效留言 (广告、辱骂、重复灌水): closed without a reply, with the reason kept."""
    if not access.can_dispatch(actor, message):
        raise forbidden("只有政务公开办可以认定无效留言。")
    if not reason.strip():
        raise refuse("请填写认定无效的原因。", field="reason")
    msg = lock(message)
    _require_open(msg)
    before = {"state": msg.state}
    msg.state = State.INVALID
    msg.invalid_reason = reason.strip()
    msg.save()
    record(actor, "invalidated", msg, before=before, after={"state": msg.state}, reason=reason)
    return msg


@transaction.atomic
def request_extension(message: Message, *, actor: Any, days: int, reason: str) -> Extension:
    """申请延期: the unit asks; the leader decides (:func:`decide_extension`)."""
    if not access.can_handle(actor, message):
        raise forbidden("只有承办单位的工作人员可以申请延期。")
    msg = lock(message)
    _require_open(msg)
    if msg.unit_id is None:
        raise refuse("留言尚未分办，不能申请延期。")
    if days < 1 or days > msg.channel.reply_days:
        raise refuse(f"延长期限应为1至{msg.channel.reply_days}个工作日（不超过原答复时限）。", field="days")
    if not reason.strip():
        raise refuse("请填写延期理由。", field="reason")
    if msg.extensions.filter(state__in=[ExtensionState.PENDING, ExtensionState.APPROVED]).exists():
        raise refuse("该留言已申请过延期，每条留言只能延期一次。")
    ext = Extension.objects.create(message=msg, days=days, reason=reason.strip(), requested_by=actor)
    record(actor, "extension_requested", msg, after={"days": days}, reason=reason)
    return ext


@transaction.atomic
def decide_extension(extension: Extension, *, actor: Any, approve: bool, note: str = "") -> Extension:
    """领导审批延期: approved → the due date moves by the extra working days on the calendar."""
    msg = lock(extension.message)
    if not access.can_approve(actor, msg):
        raise forbidden("延期须由承办单位负责人审批。")
    ext = Extension.objects.select_for_update().get(pk=extension.pk)
    if ext.state != ExtensionState.PENDING:
        raise refuse("该延期申请已处理。")
    if actor is not None and ext.requested_by_id == actor.pk:
        raise refuse("申请人不能审批自己的延期申请，请由单位负责人审批。")
    ext.decided_by = actor
    ext.decided_at = timezone.now()
    ext.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    if approve:
        ext.old_due_on = msg.due_on
        ext.new_due_on = due_date(msg.due_on, ext.days)
        msg.due_on = ext.new_due_on
        msg.save(update_fields=["due_on", "updated_at"])
    ext.save()
    record(
        actor,
        "extension_approved" if approve else "extension_refused",
        msg,
        before={"due_on": str(ext.old_due_on or msg.due_on)},
        after={"due_on": str(msg.due_on)},
        reason=note,
    )
    return ext


@transaction.atomic
def draft_reply(
    message: Message, *, actor: Any, reply: str, adoption: str = "", adoption_reason: str = ""
) -> Message:
    """起草答复: the unit's staff write it; it goes to the leader."""
    if not access.can_handle(actor, message):
        raise forbidden("只有承办单位的工作人员可以起草答复。")
    msg = lock(message)
    if msg.state not in (State.DISPATCHED, State.DRAFTED):
        raise refuse("留言尚未分办或已答复，不能起草答复。")
    if len(reply.strip()) < 10:
        raise refuse("答复内容过短，请针对留言的问题作出答复。", field="reply")
    if adoption and adoption not in Adoption.values:
        raise refuse("请选择采纳情况。", field="adoption")
    if adoption in (Adoption.PARTLY, Adoption.NOT_ADOPTED) and not adoption_reason.strip():
        raise refuse("部分采纳或未采纳的建议须说明理由。", field="adoption_reason")
    before = {"state": msg.state}
    msg.reply = reply.strip()
    msg.adoption = adoption
    msg.adoption_reason = adoption_reason.strip()
    msg.reply_drafted_by = actor
    msg.state = State.DRAFTED
    msg.save()
    record(actor, "reply_drafted", msg, before=before, after={"state": msg.state})
    return msg


@transaction.atomic
def approve_reply(message: Message, *, actor: Any, approve: bool = True, note: str = "") -> Message:
    """领导审核答复: approved → replied (the writer can read it); returned → back to the unit with the note."""
    if not access.can_approve(actor, message):
        raise forbidden("答复须由承办单位负责人审核。")
    msg = lock(message)
    if msg.state != State.DRAFTED:
        raise refuse("没有待审核的答复。")
    before = {"state": msg.state}
    if approve:
        msg.state = State.REPLIED
        msg.reply_approved_by = actor
        msg.replied_at = timezone.now()
        msg.replied_on = timezone.localdate()
        action = "reply_approved"
    else:
        if not note.strip():
            raise refuse("退回答复须写明修改意见。", field="note")
        msg.state = State.DISPATCHED
        action = "reply_returned"
    msg.save()
    record(actor, action, msg, before=before, after={"state": msg.state}, reason=note)
    return msg
