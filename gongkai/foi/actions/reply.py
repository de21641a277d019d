"""The reply (答复): drafted with exactly one statutory outcome, countersigned by the unit's legal adviser when its
outcome needs it, then sent (送达), which records the outcome, the handling time and whether it was on time."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core import foi_rules as fr
from gongkai.core.workdays import fmt

from .. import access
from ..errors import FoiAccessRefused, FoiError
from ..models import Countersign, FoiPolicy, Reply
from .common import (
    EventKind,
    State,
    actor_name,
    actor_or_none,
    end_pending_requests,
    event,
    finish,
    lock,
    not_before_dependencies,
    not_before_receipt,
    notify,
    recompute,
    record,
    require_handle,
    require_state,
    today,
)

OPEN_REPLY_STATES = [
    Reply.Status.DRAFT,
    Reply.Status.COUNTERSIGN,
    Reply.Status.APPROVED,
    Reply.Status.RETURNED,
]


def _reply_problem(outcome, *, content, situation, published_where, other_body) -> tuple[str, str] | None:
    """(field, message) of the first rule of the outcome the draft breaks, or None."""
    if situation:
        known = fr.SITUATION_BY_CODE.get(situation)
        if known is None:
            return "situation", "未知的特别情形。"
        if known.outcome != outcome.code:
            return (
                "situation",
                f"“{known.label}”应按“{fr.outcome(known.outcome).full_label}”统计，请调整答复结果。",
            )
        if situation == "already_public" and not published_where.strip():
            return "published_where", "已主动公开的，请告知获取方式和途径（网址、公报期号或查阅场所）。"
        if situation == "other_body" and not other_body.strip():
            return "other_body", "不属于本机关负责公开的，请写明负责公开该信息的机关名称。"
    if outcome.is_refusal and not content and not situation:  # a 第三十六条 situation carries its own reason
        return "content", "不予公开、部分公开、无法提供或不予处理的，应当说明理由。"
    if outcome.code == "other" and not content:
        return "content", "选择“其他”的，请说明处理情况（如申请人撤回申请）。"
    return None


def draft_reply(
    case,
    *,
    actor,
    outcome: str,
    content: str = "",
    situation: str = "",
    published_where: str = "",
    other_body: str = "",
    other_body_contact: str = "",
    on: date | None = None,
) -> Reply:
    """拟定答复 with exactly one statutory outcome; replies of configured outcomes go to the legal adviser first."""
    on = on or today()
    try:
        chosen = fr.outcome(outcome)
    except ValueError as exc:
        raise FoiError("请选择一项法定答复结果。", field="outcome") from exc
    if chosen.closes_without_reply:
        raise FoiError("逾期不补正、逾期未缴费请在补正、收费记录中按逾期办结。", field="outcome")
    content = (content or "").strip()
    problem = _reply_problem(
        chosen, content=content, situation=situation, published_where=published_where, other_body=other_body
    )
    if problem:
        raise FoiError(problem[1], field=problem[0])
    needs = fr.needs_countersign(chosen.code, FoiPolicy.current().countersign_codes)
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        require_state(case, State.NEW, State.IN_PROGRESS, State.READY, what="拟定答复")
        not_before_receipt(case, on, "拟稿")
        not_before_dependencies(case, on, "reply", "拟稿")
        case.replies.filter(status__in=OPEN_REPLY_STATES).update(status=Reply.Status.WITHDRAWN)
        reply = Reply.objects.create(
            request=case,
            outcome=chosen.code,
            situation=situation,
            published_where=published_where.strip(),
            other_body=other_body.strip(),
            other_body_contact=other_body_contact.strip(),
            content=content,
            needs_countersign=needs,
            status=Reply.Status.COUNTERSIGN if needs else Reply.Status.APPROVED,
            drafted_by=actor_or_none(actor),
            drafted_on=on,
        )
        if case.officer_id is None and access.is_unit_officer(actor, case.unit):
            case.officer = actor
        case.state = State.COUNTERSIGN if needs else State.READY
        case.save()
        event(
            case,
            EventKind.REPLY_DRAFTED,
            on,
            actor,
            f"拟定答复：{chosen.full_label}{'，送法律顾问审核' if needs else ''}",
            data={"reply": reply.pk, "outcome": chosen.code},
        )
        record(actor, "reply_drafted", case, after={"outcome": chosen.code, "needs_countersign": needs})
        if needs:
            for adviser in access.advisers_of(case.unit):
                notify(
                    adviser,
                    case,
                    key=f"cs-{reply.pk}",
                    text=f"申请 {case.serial} 的答复（{chosen.full_label}）待您法律审核",
                )
    return reply


def countersign(reply, *, actor, approve: bool, comments: str = "", on: date | None = None) -> Countersign:
    """法律审核（会签）: only a legal adviser of the case's unit, never the drafter."""
    comments = (comments or "").strip()
    with transaction.atomic():
        case = lock(reply.request)
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        if not access.can_countersign(actor, case):
            raise FoiAccessRefused("只有该单位的法律顾问可以进行法律审核。")
        if not access.can_countersign_reply(actor, reply):
            raise FoiAccessRefused("拟稿人不能审核自己拟定的答复。")
        if reply.status != Reply.Status.COUNTERSIGN:
            raise FoiError("该答复不在待审核状态。")
        if not approve and not comments:
            raise FoiError("退回修改的，请写明审核意见。", field="comments")
        not_before_dependencies(case, on or today(), "countersign", "法律审核")
        sign = Countersign.objects.create(
            reply=reply,
            adviser=actor_or_none(actor),
            adviser_name=actor_name(actor),
            decision=Countersign.Decision.APPROVE if approve else Countersign.Decision.RETURN,
            comments=comments,
        )
        reply.status = Reply.Status.APPROVED if approve else Reply.Status.RETURNED
        reply.save(update_fields=["status"])
        case.state = State.READY if approve else State.IN_PROGRESS
        case.save(update_fields=["state", "updated"])
        event(
            case,
            EventKind.COUNTERSIGNED if approve else EventKind.COUNTERSIGN_RETURNED,
            on or today(),
            actor,
            f"法律审核{'同意' if approve else '退回修改'}（{actor_name(actor)}）{('：' + comments) if comments else ''}",
        )
        record(actor, "countersign", case, after={"approve": approve}, reason=comments)
        if case.officer:
            notify(
                case.officer,
                case,
                key=f"csd-{sign.pk}",
                text=f"申请 {case.serial} 的答复法律审核{'已同意' if approve else '被退回'}",
            )
    return sign


def send_reply(reply, *, actor, on: date | None = None, method: str = "") -> Reply:
    """送达答复: refused unless the reply is approved — and, when it needs one, countersigned by a legal adviser."""
    on = on or today()
    with transaction.atomic():
        case = lock(reply.request)
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        require_handle(actor, case)
        if reply.status == Reply.Status.SENT:
            raise FoiError("该答复已送达。")
        needs = (
            fr.needs_countersign(reply.outcome, FoiPolicy.current().countersign_codes)
            or reply.needs_countersign
        )
        signed = reply.countersigns.filter(decision=Countersign.Decision.APPROVE).exists()
        if needs and not signed:
            raise FoiAccessRefused("该答复须经法律顾问审核同意后方可发出（法律审核会签）。")
        if reply.status != Reply.Status.APPROVED:
            raise FoiError("该答复尚未定稿（待审核或已退回），不能送达。")
        require_state(case, State.READY, what="送达答复")
        if on < reply.drafted_on:
            raise FoiError("送达日期不能早于拟稿日期。", field="on")
        not_before_receipt(case, on, "送达")
        not_before_dependencies(case, on, "send", "送达")
        method = method or case.delivery
        reply.status, reply.sent_on, reply.sent_by, reply.sent_method = (
            Reply.Status.SENT,
            on,
            actor_or_none(actor),
            method,
        )
        reply.save()
        due = recompute(case, as_of=on)
        finish(case, on, reply.outcome)
        case.closed_on = None
        case.replied_on = on
        case.on_time = bool(due.date and on <= due.date)
        case.state = State.REPLIED
        case.save()
        outcome = reply.outcome_obj
        event(
            case,
            EventKind.REPLY_SENT,
            on,
            actor,
            f"答复送达（{dict(fr.DELIVERY).get(method, method)}）：{outcome.full_label}"
            + ("" if case.on_time else "（已超过答复期限）"),
            public=f"已作出答复：{outcome.full_label}（{fmt(on)}）",
            data={"reply": reply.pk, "outcome": outcome.code, "on_time": case.on_time},
        )
        record(actor, "reply_sent", case, after={"outcome": outcome.code, "on": on, "on_time": case.on_time})
        end_pending_requests(case, actor, on, "已作出答复")
    return reply
