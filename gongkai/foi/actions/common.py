"""What every action on an application shares: the timeline entry, the audit event, the row lock, date checks,
the deadline recomputation and workspace notifications."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import foi_rules as fr

from .. import access, deadlines
from ..errors import FoiAccessRefused, FoiError
from ..models import CaseEvent, InfoRequest, Notification

State = InfoRequest.State
EventKind = CaseEvent.Kind


def actor_name(actor) -> str:
    return getattr(actor, "display_name", "") or "系统"


def actor_or_none(actor):
    """The user to store on a row (None for the system)."""
    return actor if getattr(actor, "pk", None) else None


def event(case, kind, on, actor, summary, *, public="", ledger="", days=0, key="", data=None) -> CaseEvent:
    """A dated timeline entry; ``public`` is what the applicant sees, ``ledger`` feeds the deadline."""
    return CaseEvent.objects.create(
        request=case,
        kind=kind,
        date=on,
        actor=actor_or_none(actor),
        actor_name=actor_name(actor),
        summary=summary,
        public_summary=public,
        ledger_kind=ledger,
        days=days,
        pause_key=key,
        data=data or {},
    )


def record(actor, action, case, *, before=None, after=None, reason=""):
    # No personal data in the audit log: the case is named by its serial number.
    audit.record(
        actor=actor,
        action=f"foi.{action}",
        obj=case,
        unit=case.unit,
        before=before,
        after=after,
        reason=reason,
    )


def lock(case) -> InfoRequest:
    return InfoRequest.objects.select_for_update().get(pk=case.pk)


def today() -> date:
    return deadlines.today()


def require_handle(actor, case) -> None:
    if not access.can_handle(actor, case):
        raise FoiAccessRefused("您不是该申请办理单位的依申请公开经办人，不能办理此申请。")


def require_manage(actor) -> None:
    if not access.can_manage(actor):
        raise FoiAccessRefused("只有政务公开办管理员可以进行此项设置。")


def require_state(case, *states, what: str):
    if case.state not in states:
        allowed = "、".join(State(s).label for s in states)
        raise FoiError(
            f"当前状态为“{case.get_state_display()}”，不能{what}（仅限：{allowed}）。", code="state"
        )


def not_before_receipt(case, on: date, what: str, *, field: str = "on"):
    if on < case.receipt_date:
        raise FoiError(
            f"{what}日期（{on.isoformat()}）不能早于收到申请日期（{case.receipt_date.isoformat()}）。",
            field=field,
        )
    if on > today() + timedelta(days=1):
        raise FoiError(f"{what}日期（{on.isoformat()}）不能晚于今天：请按实际发生日期登记。", field=field)


# What each dated action depends on: its date cannot precede the latest of these events on the case.
DEPENDS_ON = {
    "countersign": (EventKind.REPLY_DRAFTED,),
    "send": (EventKind.REPLY_DRAFTED, EventKind.COUNTERSIGNED),
    "reply": (EventKind.CORRECTION_RECEIVED, EventKind.CONSULTATION_ENDED, EventKind.FEE_PAID),
    "close": (EventKind.REPLY_SENT,),
    "extension_decision": (EventKind.EXTENSION_REQUESTED,),
    "correction_received": (EventKind.CORRECTION_REQUESTED,),
    "fee_done": (EventKind.FEE_NOTICE,),
}


def not_before_dependencies(case, on: date, action: str, what: str, *, field: str = "on") -> None:
    """Refuse a date earlier than the events the action depends on (``DEPENDS_ON``), naming the event."""
    latest = case.events.filter(kind__in=DEPENDS_ON[action]).order_by("-date", "-id").first()
    if latest is not None and on < latest.date:
        raise FoiError(
            f"{what}日期（{on.isoformat()}）不能早于{latest.get_kind_display()}日期（{latest.date.isoformat()}）："
            "请按实际发生的先后顺序登记。",
            field=field,
        )


def recompute(case, as_of=None) -> fr.Due:
    try:
        return deadlines.recompute(case, as_of=as_of)
    except ValueError as exc:  # the ledger rejects an impossible sequence: undo the whole action
        raise FoiError(str(exc)) from exc


def finish(case, on: date, outcome_code: str):
    """The outcome, the day it was done and the handling time in working days."""
    calendar = deadlines.calendar()
    case.outcome = outcome_code
    case.closed_on = on
    case.handling_days = max(calendar.count_working_days(case.receipt_date, on).count, 0)


def notify(user, case, *, key: str, text: str) -> Notification | None:
    """A workspace notification, once per (user, key); e-mailed after commit when configured. Returns the new
    notification, or None when it already existed."""
    if user is None or not user.is_active:
        return None
    note, created = Notification.objects.get_or_create(
        user=user, key=key, defaults={"request": case, "text": text}
    )
    if created and settings.GONGKAI_FOI_EMAIL_NOTIFY and user.email:
        from django.core.mail import send_mail

        def _send(pk=note.pk, to=user.email):
            send_mail(f"【政务公开】{text[:60]}", text, None, [to], fail_silently=True)
            Notification.objects.filter(pk=pk).update(emailed=True)

        transaction.on_commit(_send)
    return note if created else None


def end_pending_requests(case, actor, on: date, why: str) -> int:
    """A case that is answered or closed ends what still waits on it: pending extension requests become
    终止 (they can no longer be decided) and the leaders' "待审批" notifications are read. Returns the count."""
    from ..models import Extension

    pending = list(case.extensions.filter(status=Extension.Status.REQUESTED))
    for extension in pending:
        extension.status = Extension.Status.LAPSED
        extension.decided_on = on
        extension.decision_note = why
        extension.save(update_fields=["status", "decided_on", "decision_note"])
        Notification.objects.filter(key=f"ext-{extension.pk}", read_at__isnull=True).update(
            read_at=timezone.now()
        )
        event(case, EventKind.NOTE, on, actor, f"延期申请（{extension.days}个工作日）自动终止：{why}")
    if pending:
        record(actor, "extension_lapsed", case, after={"count": len(pending)}, reason=why)
    return len(pending)
