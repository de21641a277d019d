"""Every business action on an application (依申请公开办理), one function each.

Each runs in a transaction, checks the actor's right to act (``access.py``), validates the dates against the
law (``core.foi_rules``), writes a typed record plus a dated ``CaseEvent`` (the timeline; ledger events feed the
deadline), recomputes the due date and writes an audit event. Bad input raises ``ValidationError`` with a Chinese
message naming the problem and the fix; nothing is half-saved.

``actor`` is the staff user, or None for the system (public intake, commands, demo).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.creditcode import credit_code_error
from gongkai.core.workdays import fmt
from gongkai.orgs import permissions
from gongkai.orgs.models import Membership, Unit, UnitKind
from gongkai.orgs.roles import Role

from . import access, codes, crypto, deadlines, uploads
from .models import (
    Appeal,
    Attachment,
    CaseEvent,
    Consultation,
    Correction,
    Countersign,
    Extension,
    FeeNotice,
    FoiPolicy,
    FrequentTopic,
    InfoRequest,
    Letter,
    LetterTemplate,
    Notification,
    Reply,
    UnitProfile,
)

S = InfoRequest.State
K = CaseEvent.Kind
DUPLICATE_THRESHOLD = 0.5
DUPLICATE_WINDOW_DAYS = 365


def _name(actor) -> str:
    return getattr(actor, "display_name", "") or "系统"


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _event(req, kind, on, actor, summary, *, public="", ledger="", days=0, key="", data=None) -> CaseEvent:
    return CaseEvent.objects.create(
        request=req,
        kind=kind,
        date=on,
        actor=_actor(actor),
        actor_name=_name(actor),
        summary=summary,
        public_summary=public,
        ledger_kind=ledger,
        days=days,
        pause_key=key,
        data=data or {},
    )


def _audit(actor, action, req, *, before=None, after=None, reason=""):
    # No personal data in the audit log: the case is named by its serial number.
    audit.record(
        actor=actor, action=f"foi.{action}", obj=req, unit=req.unit, before=before, after=after, reason=reason
    )


def _lock(req) -> InfoRequest:
    return InfoRequest.objects.select_for_update().get(pk=req.pk)


def _today() -> date:
    return deadlines.today()


def _require_state(req, *states, what: str):
    if req.state not in states:
        allowed = "、".join(S(s).label for s in states)
        raise ValidationError(f"当前状态为“{req.get_state_display()}”，不能{what}（仅限：{allowed}）。")


def _not_before_receipt(req, on: date, what: str):
    if on < req.receipt_date:
        raise ValidationError(
            f"{what}日期（{on.isoformat()}）不能早于收到申请日期（{req.receipt_date.isoformat()}）。"
        )
    if on > _today() + timedelta(days=1):
        raise ValidationError(f"{what}日期（{on.isoformat()}）不能晚于今天：请按实际发生日期登记。")


def _recompute(req, as_of=None) -> fr.Due:
    try:
        return deadlines.recompute(req, as_of=as_of)
    except ValueError as exc:  # the ledger rejects an impossible sequence: undo the whole action
        raise ValidationError(str(exc))


# --- notifications -----------------------------------------------------------------------------------------------
def notify(user, req, key: str, text: str) -> Notification | None:
    """A workspace notification, once per (user, key); e-mailed after commit when configured. Returns the new
    notification, or None when it already existed."""
    if user is None or not user.is_active:
        return None
    note, created = Notification.objects.get_or_create(
        user=user, key=key, defaults={"request": req, "text": text}
    )
    if created and settings.GONGKAI_FOI_EMAIL_NOTIFY and user.email:
        from django.core.mail import send_mail

        def _send(pk=note.pk, to=user.email):
            send_mail(f"【政务公开】{text[:60]}", text, None, [to], fail_silently=True)
            Notification.objects.filter(pk=pk).update(emailed=True)

        transaction.on_commit(_send)
    return note if created else None


def unit_staff(unit, role) -> list:
    return [
        m.user
        for m in Membership.objects.filter(unit=unit, role=role, user__is_active=True).select_related("user")
    ]


# --- intake ----------------------------------------------------------------------------------------------------
@dataclass
class Intake:
    request: InfoRequest
    verification_code: str


APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_rep",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "doc_number",
    "medium",
    "delivery",
)


def default_intake_unit() -> Unit:
    policy = FoiPolicy.current()
    if policy.intake_unit_id:
        return policy.intake_unit
    for kind in (UnitKind.OFFICE, UnitKind.GOVERNMENT):
        unit = Unit.objects.filter(kind=kind, is_active=True).order_by("sort_order", "id").first()
        if unit:
            return unit
    unit = Unit.objects.filter(is_active=True).order_by("sort_order", "id").first()
    if unit is None:
        raise ValidationError("系统中尚无受理单位，请联系政务公开办。")
    return unit


def validate_applicant(data: dict) -> None:
    errors = {}
    kind = data.get("applicant_type")
    if kind not in fr.APPLICANT_TYPE_BY_CODE:
        errors["applicant_type"] = "请选择申请人类型。"
    is_person = kind == "natural_person"
    if not (data.get("applicant_name") or "").strip():
        errors["applicant_name"] = "请填写申请人姓名。" if is_person else "请填写法人或其他组织的名称。"
    id_type, number = data.get("id_type"), "".join((data.get("id_number") or "").split()).upper()
    if not number:
        errors["id_number"] = "请填写证件号码。"
    elif id_type == "id_card" and not fr.valid_id_card(number):
        errors["id_number"] = "居民身份证号码应为18位（最后一位可为X）且校验位正确，请核对。"
    elif id_type == "credit_code":
        err = credit_code_error(number)
        if err:
            errors["id_number"] = err
    if not is_person and id_type not in ("credit_code", "other"):
        errors["id_type"] = "法人或其他组织请选择“统一社会信用代码证书”（无代码的选“其他有效身份证件”）。"
    if not (data.get("phone") or "").strip():
        errors["phone"] = "请填写联系电话，以便告知办理情况。"
    if data.get("delivery") == "email" and not (data.get("email") or "").strip():
        errors["email"] = "选择电子邮件获取的，请填写电子邮箱。"
    if data.get("delivery") == "post" and not (data.get("address") or "").strip():
        errors["address"] = "选择邮寄的，请填写通信地址。"
    if len((data.get("description") or "").strip()) < 6:
        errors["description"] = "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（至少6个字）。"
    if errors:
        raise ValidationError(errors)


def _new_serial(year: int) -> str:
    prefix = f"{year}-"
    last = (
        InfoRequest.objects.filter(serial__startswith=prefix)
        .order_by("-serial")
        .values_list("serial", flat=True)
        .first()
    )
    n = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


def find_duplicates(req) -> list[dict]:
    """Earlier applications of the same applicant with a similar description (a hint to staff, never a block)."""
    since = req.receipt_date - timedelta(days=DUPLICATE_WINDOW_DAYS)
    earlier = (
        InfoRequest.objects.filter(applicant_key=req.applicant_key, receipt_date__gte=since)
        .exclude(pk=req.pk)
        .values("pk", "serial", "description", "state", "outcome")[:200]
    )
    grams = fr.description_grams(req.description)
    hints = []
    for row in earlier:
        score = fr.similarity(grams, row["description"])
        if score >= DUPLICATE_THRESHOLD:
            hints.append(
                {"id": row["pk"], "serial": row["serial"], "score": round(score, 2), "state": row["state"]}
            )
    hints.sort(key=lambda h: -h["score"])
    return hints[:5]


def _store_files(req, files, kind, actor) -> list[Attachment]:
    out = []
    for f in files:
        name, wrapped = crypto.encrypt_to_storage(f.data)
        out.append(
            Attachment.objects.create(
                request=req,
                kind=kind,
                filename=f.filename,
                content_type=f.content_type,
                size=len(f.data),
                sha256=hashlib.sha256(f.data).hexdigest(),
                blob=name,
                wrapped_key=wrapped,
                uploaded_by=_actor(actor),
            )
        )
    return out


def _create(actor, data: dict, *, unit, channel, submitted_on, receipt: fr.Receipt, files) -> Intake:
    validate_applicant(data)
    checked = {kind: uploads.check_all(fs) for kind, fs in (files or {}).items()}
    verification = codes.new_verification_code()
    values = {
        f: (data.get(f) or "").strip() if isinstance(data.get(f), str) else data.get(f)
        for f in APPLICANT_FIELDS
    }
    values["id_number"] = "".join((values["id_number"] or "").split()).upper()
    values["medium"] = values["medium"] or "electronic"
    values["delivery"] = values["delivery"] or "email"
    for attempt in range(8):
        try:
            with transaction.atomic():
                req = InfoRequest.objects.create(
                    serial=_new_serial(receipt.date.year),
                    tracking_code=codes.new_tracking_code(),
                    verification_hash=codes.hash_verification(verification),
                    unit=unit,
                    state=S.NEW,
                    channel=channel,
                    submitted_on=submitted_on,
                    receipt_date=receipt.date,
                    receipt_rule=receipt.rule[:200],
                    applicant_key=codes.applicant_key(
                        values["id_type"], values["id_number"], values["applicant_name"]
                    ),
                    reply_limit=deadlines.limit_for(unit),
                    created_by=_actor(actor),
                    **{k: v or "" for k, v in values.items()},
                )
            break
        except IntegrityError:
            if attempt == 7:
                raise
    for kind, fs in checked.items():
        _store_files(req, fs, kind, actor)
    ch = fr.CHANNEL_BY_CODE[channel]
    _event(
        req,
        K.RECEIVED,
        receipt.date,
        actor,
        f"收到申请（{ch.label}），{receipt.rule}",
        public=f"收到您的申请（{ch.label}），收到申请日期为{fmt(receipt.date)}",
        ledger=fr.RECEIVED,
    )
    req.duplicate_hints = find_duplicates(req)
    req.save(update_fields=["duplicate_hints"])
    due = _recompute(req)
    _audit(
        actor,
        "submit",
        req,
        after={
            "serial": req.serial,
            "unit": unit.name,
            "channel": channel,
            "receipt_date": receipt.date,
            "due": str(due),
        },
    )
    for officer in unit_staff(unit, Role.FOI_OFFICER):
        notify(
            officer, req, f"new-{req.pk}", f"新的政府信息公开申请 {req.serial} 待分办（{unit.display_name}）"
        )
    return Intake(req, verification)


def submit_online(data: dict, files: dict | None = None, unit=None, now=None) -> Intake:
    """网上申请: the tracking-code receipt given on submission is the body's confirmation, so the day of submission
    is the day both sides confirm (第三十一条第（三）项)."""
    on = timezone.localtime(now).date() if now else _today()
    receipt = fr.receipt_date("online", submitted=on, confirmed=on)
    with transaction.atomic():
        return _create(
            None,
            data,
            unit=unit or default_intake_unit(),
            channel="online",
            submitted_on=on,
            receipt=receipt,
            files=files,
        )


def register(
    actor, data: dict, *, unit, channel, submitted_on, signed_for=None, confirmed=None, files=None
) -> Intake:
    """Staff entry of a letter, in-person, fax, e-mail or oral application, with the channel's receipt rule."""
    if actor is not None and not permissions.has_role(actor, Role.FOI_OFFICER, unit):
        raise PermissionDenied("只有该单位的依申请公开经办人或政务公开办可以登记申请。")
    if channel == "online":
        raise ValidationError({"channel": "网上申请由申请人在门户网站提交，请选择其他渠道。"})
    try:
        receipt = fr.receipt_date(channel, submitted=submitted_on, signed_for=signed_for, confirmed=confirmed)
    except ValueError as exc:
        raise ValidationError(str(exc))
    if receipt.date > _today():
        raise ValidationError("收到申请日期不能晚于今天。")
    with transaction.atomic():
        intake = _create(
            actor,
            data,
            unit=unit,
            channel=channel,
            submitted_on=submitted_on,
            receipt=receipt,
            files=files,
        )
        return intake


def reset_verification(actor, req) -> str:
    """A new verification code for the applicant (the old one stops working), e.g. printed on a paper receipt."""
    access.require_handle(actor, req)
    code = codes.new_verification_code()
    with transaction.atomic():
        req = _lock(req)
        req.verification_hash = codes.hash_verification(code)
        req.save(update_fields=["verification_hash", "updated"])
        _audit(actor, "reset_verification", req)
    return code


def lookup(tracking_code: str, verification_code: str) -> InfoRequest | None:
    """The public status page's lookup: both codes must match; no hint which one was wrong."""
    code = codes.normalise(tracking_code)
    req = InfoRequest.objects.filter(tracking_code=code).select_related("unit").first() if code else None
    if req is None or not codes.check_verification(verification_code, req.verification_hash):
        return None
    return req


# --- assignment --------------------------------------------------------------------------------------------------
def assign(actor, req, unit, officer=None, note: str = "", on: date | None = None) -> InfoRequest:
    """分办/转办: hand the case to a unit (the openness office, or the current unit's officer) and/or an officer."""
    on = on or _today()
    with transaction.atomic():
        req = _lock(req)
        _require_state(req, *InfoRequest.OPEN_STATES, what="分办或转办")
        moving = unit.pk != req.unit_id
        if actor is not None:
            if moving and not (permissions.is_office_admin(actor) or access.can_handle(actor, req)):
                raise PermissionDenied("只有政务公开办或本单位经办人可以转办申请。")
            if not moving:
                access.require_handle(actor, req)
        if not unit.is_active:
            raise ValidationError("该单位已停用，不能接收申请。")
        if (
            officer is not None
            and not Membership.objects.filter(user=officer, unit=unit, role=Role.FOI_OFFICER).exists()
        ):
            raise ValidationError(
                {"officer": f"{officer.display_name}不是{unit.display_name}的依申请公开经办人。"}
            )
        before = {"unit": req.unit.name, "officer": str(req.officer or "")}
        old_unit = req.unit
        req.unit = unit
        req.officer = officer
        req.reply_limit = deadlines.limit_for(unit)
        if req.state == S.NEW and officer is not None:
            req.state = S.IN_PROGRESS
        elif moving and req.state == S.IN_PROGRESS and officer is None:
            req.state = S.NEW
        req.save()
        if moving:
            kind = K.ASSIGNED if old_unit.kind in (UnitKind.OFFICE, UnitKind.GOVERNMENT) else K.TRANSFERRED
            summary = (
                f"由{old_unit.display_name}{'分办' if kind == K.ASSIGNED else '转办'}至{unit.display_name}"
            )
            public = f"您的申请已交由{unit.name}办理"
        else:
            kind, summary, public = K.ASSIGNED, "确定经办人", ""
        if officer is not None:
            summary += f"，经办人：{officer.display_name}"
        if note:
            summary += f"。{note}"
        _event(req, kind, on, actor, summary, public=public)
        _recompute(req)
        _audit(
            actor,
            "assign",
            req,
            before=before,
            after={"unit": unit.name, "officer": str(officer or "")},
            reason=note,
        )
        targets = [officer] if officer else unit_staff(unit, Role.FOI_OFFICER)
        for user in targets:
            notify(
                user,
                req,
                f"assign-{req.pk}-{unit.pk}-{getattr(officer, 'pk', 0)}",
                f"申请 {req.serial} 已分配给您办理，答复期限{req.due_date or '待定'}",
            )
    return req


# --- correction (补正, 第三十条) ------------------------------------------------------------------------------------
def request_correction(
    actor, req, items: str, on: date | None = None, due_on: date | None = None
) -> Correction:
    on = on or _today()
    items = (items or "").strip()
    if not items:
        raise ValidationError({"items": "请写明需要补正的事项和要求。"})
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.NEW, S.IN_PROGRESS, what="发出补正通知")
        if req.corrections.exists():
            raise ValidationError("补正通知只能一次性发出（第三十条），本申请已发出过补正通知。")
        _not_before_receipt(req, on, "补正告知")
        cal = deadlines.calendar()
        by = fr.correction_notice_deadline(req.receipt_date, cal).date
        late = on > by
        policy = FoiPolicy.current()
        due_on = due_on or cal.add_working_days(on, policy.correction_period_days).date
        if due_on <= on:
            raise ValidationError({"due_on": "补正期限应晚于告知日期。"})
        corr = Correction.objects.create(
            request=req,
            requested_on=on,
            items=items,
            due_on=due_on,
            notice_deadline=by,
            late=late,
            created_by=_actor(actor),
        )
        warning = f"（注意：超过收到申请后7个工作日（{fmt(by)}）才告知补正）" if late else ""
        _event(
            req,
            K.CORRECTION_REQUESTED,
            on,
            actor,
            f"一次性告知补正：{items}；补正期限{fmt(due_on)}{warning}",
            public=f"请您于{fmt(due_on)}前补正申请：{items}",
            ledger=fr.CORRECTION_REQUESTED,
            data={"late": late, "notice_deadline": by.isoformat()},
        )
        req.state = S.AWAITING_CORRECTION
        req.save(update_fields=["state", "updated"])
        _recompute(req)
        _audit(actor, "correction_requested", req, after={"on": on, "due_on": due_on, "late": late})
    return corr


def receive_correction(actor, req, on: date | None = None, note: str = "") -> Correction:
    on = on or _today()
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.AWAITING_CORRECTION, what="登记收到补正")
        corr = req.corrections.get()
        if on < corr.requested_on:
            raise ValidationError("收到补正的日期不能早于补正告知日期。")
        _not_before_receipt(req, on, "收到补正")
        corr.received_on, corr.received_note = on, note
        corr.save(update_fields=["received_on", "received_note"])
        _event(
            req,
            K.CORRECTION_RECEIVED,
            on,
            actor,
            f"收到补正申请{('：' + note) if note else ''}，答复期限重新起算",
            public=f"收到您的补正申请（{fmt(on)}），答复期限自该日起重新计算",
            ledger=fr.CORRECTION_RECEIVED,
        )
        req.state = S.IN_PROGRESS if req.officer_id else S.NEW
        req.save(update_fields=["state", "updated"])
        due = _recompute(req)
        _audit(actor, "correction_received", req, after={"on": on, "due": str(due)})
    return corr


def _finish(req, on: date, outcome_code: str):
    cal = deadlines.calendar()
    req.outcome = outcome_code
    req.closed_on = on
    req.handling_days = max(cal.count_working_days(req.receipt_date, on).count, 0)


def close_correction_lapsed(actor, req, on: date | None = None) -> InfoRequest:
    """No correction by its deadline → 申请人无正当理由逾期不补正, the application is not processed further."""
    on = on or _today()
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.AWAITING_CORRECTION, what="按逾期不补正办结")
        corr = req.corrections.get()
        if on <= corr.due_on:
            raise ValidationError(f"补正期限为{fmt(corr.due_on)}，期限届满后方可按逾期不补正办结。")
        corr.lapsed = True
        corr.save(update_fields=["lapsed"])
        _finish(req, on, "other_no_correction")
        req.state = S.CLOSED
        req.on_time = None
        req.save()
        o = fr.outcome("other_no_correction")
        _event(
            req,
            K.CLOSED,
            on,
            actor,
            f"办结：{o.full_label}",
            public=f"办结：{o.label}",
            data={"outcome": o.code},
        )
        _recompute(req)
        _audit(actor, "close", req, after={"outcome": o.code, "on": on})
    return req


# --- extension (延期, 第三十三条) -------------------------------------------------------------------------------------
RUNNING = (S.NEW, S.IN_PROGRESS, S.CONSULTING, S.AWAITING_FEE, S.COUNTERSIGN, S.READY)


def request_extension(actor, req, days: int, reason: str, on: date | None = None) -> Extension:
    on = on or _today()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明需要延长答复期限的理由。"})
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, *RUNNING, what="申请延期")
        used = sum(e.days for e in req.extensions.exclude(status=Extension.Status.REJECTED))
        if not isinstance(days, int) or days <= 0 or used + days > law.REPLY_EXTENSION.value:
            raise ValidationError(
                {
                    "days": f"延长期限最长不得超过{law.REPLY_EXTENSION.value}个工作日（{law.REPLY_EXTENSION.basis}），"
                    f"已延长或待批{used}个工作日，本次最多{law.REPLY_EXTENSION.value - used}个工作日。"
                }
            )
        if req.due_date and on > req.due_date:
            raise ValidationError("答复期限已届满，不能再申请延期。")
        _not_before_receipt(req, on, "申请延期")
        ext = Extension.objects.create(
            request=req, days=days, reason=reason, requested_by=_actor(actor), requested_on=on
        )
        _event(req, K.EXTENSION_REQUESTED, on, actor, f"申请延长答复期限{days}个工作日，理由：{reason}")
        _audit(actor, "extension_requested", req, after={"days": days, "reason": reason})
        for leader in unit_staff(req.unit, Role.LEADER):
            notify(
                leader, req, f"ext-{ext.pk}", f"申请 {req.serial} 请求延长答复期限{days}个工作日，待您审批"
            )
    return ext


def decide_extension(
    actor, ext, approve: bool, note: str = "", on: date | None = None, notified_on=None
) -> Extension:
    on = on or _today()
    with transaction.atomic():
        req = _lock(ext.request)
        ext = Extension.objects.select_for_update().get(pk=ext.pk)
        if not access.can_approve_extension(actor, req):
            raise PermissionDenied("延期须经单位负责人或政务公开办负责人批准。")
        if actor is not None and ext.requested_by_id == actor.pk and not permissions.is_office_admin(actor):
            raise PermissionDenied("申请人不能审批自己提出的延期。")
        if ext.status != Extension.Status.REQUESTED:
            raise ValidationError("该延期申请已审批。")
        if on < ext.requested_on:
            raise ValidationError("审批日期不能早于申请日期。")
        if approve and req.due_date and req.clock_running and on > req.due_date:
            raise ValidationError(f"原答复期限（{fmt(req.due_date)}）已届满，不能再批准延期。")
        ext.status = Extension.Status.APPROVED if approve else Extension.Status.REJECTED
        ext.approver = _actor(actor)
        ext.decided_on = on
        ext.decision_note = note
        ext.notified_on = (notified_on or on) if approve else None
        ext.save()
        if approve:
            _event(
                req,
                K.EXTENSION_APPROVED,
                on,
                actor,
                f"批准延长答复期限{ext.days}个工作日（批准人：{_name(actor)}）{('：' + note) if note else ''}",
                ledger=fr.EXTENSION,
                days=ext.days,
                data={"label": f"批准人：{_name(actor)}"},
            )
            due = _recompute(req)
            ev = req.events.filter(kind=K.EXTENSION_APPROVED).last()
            ev.public_summary = f"经批准，答复期限延长{ext.days}个工作日，延长后的答复期限为{fmt(due.date) if due.date else '（期限中止中）'}"
            ev.save(update_fields=["public_summary"])
        else:
            _event(req, K.EXTENSION_REJECTED, on, actor, f"不同意延期：{note or '无说明'}")
        _audit(actor, "extension_decided", req, after={"approved": approve, "days": ext.days}, reason=note)
        if req.officer:
            notify(
                req.officer,
                req,
                f"extdec-{ext.pk}",
                f"申请 {req.serial} 的延期申请{'已批准' if approve else '未获批准'}",
            )
    return ext


# --- consultation (征求意见, 第三十二条) ------------------------------------------------------------------------------
def start_consultation(
    actor, req, party_kind: str, party_name: str, matter: str, on: date | None = None
) -> Consultation:
    on = on or _today()
    if party_kind not in Consultation.Party.values:
        raise ValidationError({"party_kind": "请选择征求意见的对象类型。"})
    if not (party_name or "").strip() or not (matter or "").strip():
        raise ValidationError("请填写征求意见的对象名称和事项。")
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.IN_PROGRESS, S.CONSULTING, what="征求意见")
        _not_before_receipt(req, on, "征求意见")
        cal = deadlines.calendar()
        answer_due = (
            cal.add_working_days(on, law.THIRD_PARTY_OPINION.value).date
            if party_kind == Consultation.Party.THIRD_PARTY
            else None
        )
        c = Consultation.objects.create(
            request=req,
            party_kind=party_kind,
            party_name=party_name.strip(),
            matter=matter.strip(),
            started_on=on,
            answer_due=answer_due,
            created_by=_actor(actor),
        )
        label = f"征求{c.get_party_kind_display()}意见"
        extra = (
            f"，第三方应于{fmt(answer_due)}前提出意见（{law.THIRD_PARTY_OPINION.basis}）"
            if answer_due
            else ""
        )
        _event(
            req,
            K.CONSULTATION_STARTED,
            on,
            actor,
            f"{label}：{c.party_name}，事项：{c.matter}{extra}；所需时间不计算在答复期限内",
            public=f"本机关正在{label}，所需时间不计算在答复期限内（{law.REPLY.basis}）",
            ledger=fr.PAUSE_START,
            key=c.pause_key,
            data={"label": label},
        )
        req.state = S.CONSULTING
        req.save(update_fields=["state", "updated"])
        _recompute(req)
        _audit(actor, "consultation_started", req, after={"party_kind": party_kind, "on": on})
    return c


def end_consultation(
    actor, consultation, opinion: str, note: str = "", on: date | None = None
) -> Consultation:
    on = on or _today()
    with transaction.atomic():
        req = _lock(consultation.request)
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        access.require_handle(actor, req)
        if c.ended_on:
            raise ValidationError("该征求意见已结束。")
        if on < c.started_on:
            raise ValidationError("结束日期不能早于发出日期。")
        if opinion not in {v for v in Consultation.Opinion.values if v}:
            raise ValidationError({"opinion": "请选择对方的意见。"})
        c.ended_on, c.opinion, c.opinion_note = on, opinion, note
        c.save()
        label = f"征求{c.get_party_kind_display()}意见"
        _event(
            req,
            K.CONSULTATION_ENDED,
            on,
            actor,
            f"{label}结束：{c.party_name}，{c.get_opinion_display()}{('：' + note) if note else ''}",
            public=f"{label}结束，恢复计算答复期限",
            ledger=fr.PAUSE_END,
            key=c.pause_key,
            data={"label": label},
        )
        if not req.consultations.filter(ended_on__isnull=True).exists() and req.state == S.CONSULTING:
            req.state = S.IN_PROGRESS
            req.save(update_fields=["state", "updated"])
        _recompute(req)
        _audit(actor, "consultation_ended", req, after={"opinion": opinion, "on": on})
    return c


# --- fees (收费, 第四十二条) ---------------------------------------------------------------------------------------
def month_item_count(req) -> int:
    """Applications by the same applicant received in the same calendar month (the basis of 按件计收)."""
    d = req.receipt_date
    return InfoRequest.objects.filter(
        applicant_key=req.applicant_key, receipt_date__year=d.year, receipt_date__month=d.month
    ).count()


def issue_fee_notice(actor, req, method: str, quantity: int, on: date | None = None) -> FeeNotice:
    on = on or _today()
    try:
        fee = (
            fr.compute_fee(items=quantity)
            if method == fr.FEE_BY_ITEM
            else (fr.compute_fee(pages=quantity) if method == fr.FEE_BY_VOLUME else None)
        )
    except ValueError as exc:
        raise ValidationError(str(exc))
    if fee is None:
        raise ValidationError({"method": "请选择按件计收或按量计收（二者不得同时适用）。"})
    if fee.amount == 0:
        raise ValidationError("按所填数量不收取信息处理费，无需发出收费通知。")
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.IN_PROGRESS, what="发出收费通知")
        if req.fee_notices.filter(status=FeeNotice.Status.ISSUED).exists():
            raise ValidationError("已有待缴费的收费通知，不能重复发出。")
        _not_before_receipt(req, on, "收费通知")
        pay_by = deadlines.calendar().add_working_days(on, law.FEE_PAYMENT.value)
        notice = FeeNotice.objects.create(
            request=req,
            method=fee.method,
            quantity=fee.quantity,
            amount=fee.amount,
            lines=fee.explain(),
            issued_on=on,
            pay_by=pay_by.date,
            pay_by_provisional=pay_by.provisional,
            created_by=_actor(actor),
        )
        _event(
            req,
            K.FEE_NOTICE,
            on,
            actor,
            f"发出收费通知：{fee.method_label}{fee.quantity}{'件' if fee.method == fr.FEE_BY_ITEM else '页'}，"
            f"{fee.amount}元，缴费期限{fmt(pay_by.date)}",
            public=f"请于{fmt(pay_by.date)}前缴纳信息处理费{fee.amount}元；通知至缴费期间不计算在答复期限内",
            ledger=fr.PAUSE_START,
            key=notice.pause_key,
            data={"label": "收费通知至缴费"},
        )
        req.state = S.AWAITING_FEE
        req.save(update_fields=["state", "updated"])
        _recompute(req)
        _audit(
            actor,
            "fee_notice",
            req,
            after={"method": fee.method, "quantity": fee.quantity, "amount": fee.amount},
        )
    return notice


def _end_fee(actor, notice, on, status, kind, summary, public):
    req = _lock(notice.request)
    notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
    access.require_handle(actor, req)
    if notice.status != FeeNotice.Status.ISSUED:
        raise ValidationError("该收费通知已处理。")
    if on < notice.issued_on:
        raise ValidationError("日期不能早于收费通知日期。")
    notice.status = status
    if status == FeeNotice.Status.PAID:
        notice.paid_on = on
    notice.save()
    _event(
        req,
        kind,
        on,
        actor,
        summary,
        public=public,
        ledger=fr.PAUSE_END,
        key=notice.pause_key,
        data={"label": "收费通知至缴费"},
    )
    return req, notice


def record_fee_paid(actor, notice, on: date | None = None) -> FeeNotice:
    on = on or _today()
    with transaction.atomic():
        if on > notice.pay_by:
            raise ValidationError(f"缴费期限为{fmt(notice.pay_by)}，逾期缴费请按逾期未缴费办结或记录说明。")
        req, notice = _end_fee(
            actor,
            notice,
            on,
            FeeNotice.Status.PAID,
            K.FEE_PAID,
            f"申请人已缴纳信息处理费{notice.amount}元",
            "已收到您缴纳的信息处理费，恢复计算答复期限",
        )
        req.state = S.IN_PROGRESS
        req.save(update_fields=["state", "updated"])
        _recompute(req)
        _audit(actor, "fee_paid", req, after={"on": on, "amount": notice.amount})
    return notice


def close_fee_lapsed(actor, notice, on: date | None = None) -> InfoRequest:
    """Not paid within 20 working days → 逾期未按收费通知要求缴纳费用."""
    on = on or _today()
    with transaction.atomic():
        if on <= notice.pay_by:
            raise ValidationError(f"缴费期限为{fmt(notice.pay_by)}，期限届满后方可按逾期未缴费办结。")
        o = fr.outcome("other_no_fee")
        req, notice = _end_fee(
            actor, notice, on, FeeNotice.Status.LAPSED, K.CLOSED, f"办结：{o.full_label}", f"办结：{o.label}"
        )
        _finish(req, on, o.code)
        req.state = S.CLOSED
        req.on_time = None
        req.save()
        _recompute(req)
        _audit(actor, "close", req, after={"outcome": o.code, "on": on})
    return req


# --- reply, countersign, send ---------------------------------------------------------------------------------
def draft_reply(
    actor,
    req,
    outcome: str,
    content: str = "",
    situation: str = "",
    published_where: str = "",
    other_body: str = "",
    other_body_contact: str = "",
    on: date | None = None,
) -> Reply:
    """拟定答复 with exactly one statutory outcome; replies of configured outcomes go to the legal adviser first."""
    on = on or _today()
    try:
        o = fr.outcome(outcome)
    except ValueError:
        raise ValidationError({"outcome": "请选择一项法定答复结果。"})
    if o.closes_without_reply:
        raise ValidationError({"outcome": "逾期不补正、逾期未缴费请在补正、收费记录中按逾期办结。"})
    content = (content or "").strip()
    errors = {}
    if situation:
        s = fr.SITUATION_BY_CODE.get(situation)
        if s is None:
            errors["situation"] = "未知的特别情形。"
        elif s.outcome != o.code:
            errors["situation"] = f"“{s.label}”应按“{fr.outcome(s.outcome).full_label}”统计，请调整答复结果。"
        elif situation == "already_public" and not published_where.strip():
            errors["published_where"] = "已主动公开的，请告知获取方式和途径（网址、公报期号或查阅场所）。"
        elif situation == "other_body" and not other_body.strip():
            errors["other_body"] = "不属于本机关负责公开的，请写明负责公开该信息的机关名称。"
    if o.is_refusal and not content and not situation:  # a 第三十六条 situation carries its own reason
        errors["content"] = "不予公开、部分公开、无法提供或不予处理的，应当说明理由。"
    if o.code == "other" and not content:
        errors["content"] = "选择“其他”的，请说明处理情况（如申请人撤回申请）。"
    if errors:
        raise ValidationError(errors)
    policy = FoiPolicy.current()
    needs = fr.needs_countersign(o.code, policy.countersign_codes)
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.NEW, S.IN_PROGRESS, S.READY, what="拟定答复")
        _not_before_receipt(req, on, "拟稿")
        req.replies.filter(
            status__in=[
                Reply.Status.DRAFT,
                Reply.Status.COUNTERSIGN,
                Reply.Status.APPROVED,
                Reply.Status.RETURNED,
            ]
        ).update(status=Reply.Status.WITHDRAWN)
        reply = Reply.objects.create(
            request=req,
            outcome=o.code,
            situation=situation,
            published_where=published_where.strip(),
            other_body=other_body.strip(),
            other_body_contact=other_body_contact.strip(),
            content=content,
            needs_countersign=needs,
            status=Reply.Status.COUNTERSIGN if needs else Reply.Status.APPROVED,
            drafted_by=_actor(actor),
            drafted_on=on,
        )
        if (
            req.officer_id is None
            and actor is not None
            and Membership.objects.filter(user=actor, unit=req.unit, role=Role.FOI_OFFICER).exists()
        ):
            req.officer = actor
        req.state = S.COUNTERSIGN if needs else S.READY
        req.save()
        _event(
            req,
            K.REPLY_DRAFTED,
            on,
            actor,
            f"拟定答复：{o.full_label}{'，送法律顾问审核' if needs else ''}",
            data={"reply": reply.pk, "outcome": o.code},
        )
        _audit(actor, "reply_drafted", req, after={"outcome": o.code, "needs_countersign": needs})
        if needs:
            for adviser in unit_staff(req.unit, Role.LEGAL_ADVISER):
                notify(
                    adviser, req, f"cs-{reply.pk}", f"申请 {req.serial} 的答复（{o.full_label}）待您法律审核"
                )
    return reply


def countersign(actor, reply, approve: bool, comments: str = "", on: date | None = None) -> Countersign:
    """法律审核（会签）: only a legal adviser of the case's unit, never the drafter."""
    comments = (comments or "").strip()
    with transaction.atomic():
        req = _lock(reply.request)
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        if not access.can_countersign(actor, req):
            raise PermissionDenied("只有该单位的法律顾问可以进行法律审核。")
        if actor is not None and reply.drafted_by_id == actor.pk:
            raise PermissionDenied("拟稿人不能审核自己拟定的答复。")
        if reply.status != Reply.Status.COUNTERSIGN:
            raise ValidationError("该答复不在待审核状态。")
        if not approve and not comments:
            raise ValidationError({"comments": "退回修改的，请写明审核意见。"})
        sign = Countersign.objects.create(
            reply=reply,
            adviser=_actor(actor),
            adviser_name=_name(actor),
            decision=Countersign.Decision.APPROVE if approve else Countersign.Decision.RETURN,
            comments=comments,
        )
        reply.status = Reply.Status.APPROVED if approve else Reply.Status.RETURNED
        reply.save(update_fields=["status"])
        req.state = S.READY if approve else S.IN_PROGRESS
        req.save(update_fields=["state", "updated"])
        _event(
            req,
            K.COUNTERSIGNED if approve else K.COUNTERSIGN_RETURNED,
            on or _today(),
            actor,
            f"法律审核{'同意' if approve else '退回修改'}（{_name(actor)}）{('：' + comments) if comments else ''}",
        )
        _audit(actor, "countersign", req, after={"approve": approve}, reason=comments)
        if req.officer:
            notify(
                req.officer,
                req,
                f"csd-{sign.pk}",
                f"申请 {req.serial} 的答复法律审核{'已同意' if approve else '被退回'}",
            )
    return sign


def send_reply(actor, reply, on: date | None = None, method: str = "") -> Reply:
    """送达答复: refused unless the reply is approved — and, when it needs one, countersigned by a legal adviser."""
    on = on or _today()
    with transaction.atomic():
        req = _lock(reply.request)
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        access.require_handle(actor, req)
        if reply.status == Reply.Status.SENT:
            raise ValidationError("该答复已送达。")
        needs = (
            fr.needs_countersign(reply.outcome, FoiPolicy.current().countersign_codes)
            or reply.needs_countersign
        )
        signed = reply.countersigns.filter(decision=Countersign.Decision.APPROVE).exists()
        if needs and not signed:
            raise PermissionDenied("该答复须经法律顾问审核同意后方可发出（法律审核会签）。")
        if reply.status != Reply.Status.APPROVED:
            raise ValidationError("该答复尚未定稿（待审核或已退回），不能送达。")
        _require_state(req, S.READY, what="送达答复")
        if on < reply.drafted_on:
            raise ValidationError("送达日期不能早于拟稿日期。")
        _not_before_receipt(req, on, "送达")
        method = method or req.delivery
        reply.status, reply.sent_on, reply.sent_by, reply.sent_method = (
            Reply.Status.SENT,
            on,
            _actor(actor),
            method,
        )
        reply.save()
        due = _recompute(req, as_of=on)
        _finish(req, on, reply.outcome)
        req.closed_on = None
        req.replied_on = on
        req.on_time = bool(due.date and on <= due.date)
        req.state = S.REPLIED
        req.save()
        o = reply.outcome_obj
        _event(
            req,
            K.REPLY_SENT,
            on,
            actor,
            f"答复送达（{dict(fr.DELIVERY).get(method, method)}）：{o.full_label}"
            + ("" if req.on_time else "（已超过答复期限）"),
            public=f"已作出答复：{o.full_label}（{fmt(on)}）",
            data={"reply": reply.pk, "outcome": o.code, "on_time": req.on_time},
        )
        _audit(actor, "reply_sent", req, after={"outcome": o.code, "on": on, "on_time": req.on_time})
    return reply


def close(actor, req, on: date | None = None, note: str = "") -> InfoRequest:
    on = on or _today()
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.REPLIED, what="办结")
        if req.replied_on and on < req.replied_on:
            raise ValidationError("办结日期不能早于答复日期。")
        req.state, req.closed_on = S.CLOSED, on
        req.save(update_fields=["state", "closed_on", "updated"])
        _event(req, K.CLOSED, on, actor, f"办结{('：' + note) if note else ''}", public="已办结")
        _audit(actor, "close", req, after={"on": on}, reason=note)
    return req


def reopen(actor, req, reason: str, on: date | None = None, restart: bool = True) -> InfoRequest:
    """重新办理 (e.g. on a reconsideration decision): the earlier outcome is cleared; the period restarts."""
    on = on or _today()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明重新办理的原因（如复议决定书文号）。"})
    with transaction.atomic():
        req = _lock(req)
        access.require_handle(actor, req)
        _require_state(req, S.REPLIED, S.CLOSED, what="重新办理")
        before = {"state": req.state, "outcome": req.outcome}
        req.state = S.IN_PROGRESS if req.officer_id else S.NEW
        req.outcome, req.replied_on, req.closed_on, req.on_time, req.handling_days = (
            "",
            None,
            None,
            None,
            None,
        )
        req.save()
        _event(
            req,
            K.REOPENED,
            on,
            actor,
            f"重新办理：{reason}" + ("，答复期限重新起算" if restart else ""),
            public="您的申请已重新办理" + ("，答复期限重新计算" if restart else ""),
            ledger=fr.RESTART if restart else "",
            data={"label": "重新办理"},
        )
        _recompute(req)
        _audit(actor, "reopen", req, before=before, after={"state": req.state}, reason=reason)
    return req


def add_note(actor, req, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "备注内容不能为空。"})
    with transaction.atomic():
        access.require_handle(actor, req)
        ev = _event(req, K.NOTE, _today(), actor, text)
        _audit(actor, "note", req)
    return ev


# --- reconsideration and litigation (复议/诉讼) -----------------------------------------------------------------
def record_appeal(
    actor, req, kind: str, filed_on: date, authority: str, case_number: str = "", note: str = ""
) -> Appeal:
    if kind not in Appeal.Kind.values:
        raise ValidationError({"kind": "请选择行政复议或行政诉讼的类型。"})
    if not (authority or "").strip():
        raise ValidationError({"authority": "请填写复议机关或受理法院。"})
    with transaction.atomic():
        access.require_handle(actor, req)
        if filed_on < req.receipt_date:
            raise ValidationError("提起日期不能早于收到申请日期。")
        appeal = Appeal.objects.create(
            request=req,
            kind=kind,
            filed_on=filed_on,
            authority=authority.strip(),
            case_number=case_number.strip(),
            note=note,
            created_by=_actor(actor),
        )
        _event(
            req,
            K.APPEAL,
            filed_on,
            actor,
            f"{appeal.get_kind_display()}：{appeal.authority} {appeal.case_number}".strip(),
        )
        _audit(actor, "appeal_recorded", req, after={"kind": kind, "filed_on": filed_on})
    return appeal


def update_appeal(actor, appeal, result: str, decided_on: date | None = None, note: str = "") -> Appeal:
    if result not in Appeal.Result.values:
        raise ValidationError({"result": "请选择结果。"})
    if result != Appeal.Result.PENDING and decided_on is None:
        raise ValidationError({"decided_on": "已审结的，请填写审结日期。"})
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        req = appeal.request
        access.require_handle(actor, req)
        if decided_on and decided_on < appeal.filed_on:
            raise ValidationError("审结日期不能早于提起日期。")
        before = {"result": appeal.result}
        appeal.result, appeal.decided_on = result, decided_on if result != Appeal.Result.PENDING else None
        if note:
            appeal.note = note
        appeal.save()
        _event(
            req,
            K.APPEAL,
            decided_on or _today(),
            actor,
            f"{appeal.get_kind_display()}结果：{appeal.get_result_display()}",
        )
        _audit(actor, "appeal_updated", req, before=before, after={"result": result})
    return appeal


# --- letters -------------------------------------------------------------------------------------------------
def generate_letter(actor, req, kind: str, on: date | None = None) -> Letter:
    from . import letters

    on = on or _today()
    with transaction.atomic():
        access.require_handle(actor, req)
        rendered = letters.render(kind, req, on)
        n = Letter.objects.filter(request__unit=req.unit, dated__year=on.year).count() + 1
        letter = Letter.objects.create(
            request=req,
            kind=kind,
            number=f"{req.unit.display_name}依申请〔{on.year}〕{n}号",
            title=rendered.title,
            body=rendered.body,
            signature=rendered.signature,
            seal_note=rendered.seal_note,
            dated=on,
            created_by=_actor(actor),
        )
        _event(
            req,
            K.LETTER,
            on,
            actor,
            f"生成文书：{letter.title}（{letter.number}）",
            data={"letter": letter.pk},
        )
        _audit(actor, "letter", req, after={"kind": kind, "number": letter.number})
    return letter


def save_template(actor, kind: str, title: str, body: str) -> LetterTemplate:
    from . import letters

    access.require_office(actor)
    if kind not in letters.KINDS:
        raise ValidationError("未知的文书类型。")
    letters.validate(body)
    if not (title or "").strip():
        raise ValidationError({"title": "请填写文书标题。"})
    with transaction.atomic():
        tpl, created = LetterTemplate.objects.get_or_create(
            kind=kind, defaults={"title": title, "body": body}
        )
        before = None if created else {"title": tpl.title, "body": tpl.body}
        tpl.title, tpl.body, tpl.updated_by = title.strip(), body, _actor(actor)
        tpl.save()
        audit.record(
            actor=actor,
            action="foi.template_saved",
            obj=tpl,
            before=before,
            after={"title": tpl.title, "body": body},
        )
    return tpl


def reset_template(actor, kind: str) -> None:
    access.require_office(actor)
    with transaction.atomic():
        tpl = LetterTemplate.objects.filter(kind=kind).first()
        if tpl:
            audit.record(
                actor=actor,
                action="foi.template_reset",
                obj=tpl,
                before={"title": tpl.title, "body": tpl.body},
            )
            tpl.delete()


# --- settings ------------------------------------------------------------------------------------------------
def update_policy(actor, **fields) -> FoiPolicy:
    access.require_office(actor)
    allowed = {
        "countersign_outcomes",
        "due_soon_days",
        "correction_period_days",
        "id_retention_days",
        "intake_unit",
        "reconsideration_body",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"未知的设置项：{', '.join(sorted(unknown))}")
    codes_ = fields.get("countersign_outcomes")
    if codes_ is not None:
        valid = {o.code for o in fr.OUTCOMES} | {g.code for g in fr.GROUPS}
        bad = [c for c in codes_ if c not in valid]
        if bad:
            raise ValidationError({"countersign_outcomes": f"未知的答复结果：{'、'.join(bad)}"})
    with transaction.atomic():
        policy, _ = FoiPolicy.objects.select_for_update().get_or_create(pk=1)
        before = {k: str(getattr(policy, k)) for k in fields}
        for k, v in fields.items():
            setattr(policy, k, v)
        policy.full_clean()
        policy.save()
        audit.record(
            actor=actor,
            action="foi.policy_updated",
            obj=policy,
            before=before,
            after={k: str(v) for k, v in fields.items()},
        )
    return policy


def update_unit_profile(actor, unit, **fields) -> UnitProfile:
    if actor is not None and not (
        permissions.is_office_admin(actor) or permissions.has_role(actor, Role.LEADER, unit)
    ):
        raise PermissionDenied("只有政务公开办或本单位负责人可以修改本单位的依申请公开设置。")
    limit = fields.get("reply_limit")
    if limit is not None and not 1 <= limit <= law.REPLY.value:
        raise ValidationError(
            {
                "reply_limit": f"答复期限不得超过法定的{law.REPLY.value}个工作日（{law.REPLY.basis}），可设更短的本地期限。"
            }
        )
    with transaction.atomic():
        profile, _ = UnitProfile.objects.select_for_update().get_or_create(unit=unit)
        before = {k: str(getattr(profile, k)) for k in fields}
        for k, v in fields.items():
            setattr(profile, k, v)
        profile.save()
        audit.record(
            actor=actor,
            action="foi.unit_profile_updated",
            obj=profile,
            unit=unit,
            before=before,
            after={k: str(v) for k, v in fields.items()},
        )
        if "reply_limit" in fields:
            # Open cases of the unit follow the new limit.
            new_limit = deadlines.limit_for(unit)
            for req in InfoRequest.objects.filter(unit=unit, state__in=InfoRequest.OPEN_STATES).exclude(
                reply_limit=new_limit
            ):
                req.reply_limit = new_limit
                req.save(update_fields=["reply_limit"])
                _recompute(req)
    return profile


# --- privacy -------------------------------------------------------------------------------------------------
def log_personal_access(actor, req, what: str) -> None:
    """Access to an applicant's personal data is audited (who, which case, what, when, from where)."""
    with transaction.atomic():
        audit.record(actor=actor, action="foi.personal_data_viewed", obj=req, unit=req.unit, reason=what)


def read_attachment(actor, attachment) -> bytes:
    req = attachment.request
    if not access.can_see_personal(actor, req):
        raise PermissionDenied("您无权查看申请人的附件。")
    if attachment.purged_at:
        raise ValidationError("该附件已按保存期限删除。")
    log_personal_access(actor, req, f"下载附件：{attachment.get_kind_display()}")
    return crypto.decrypt_from_storage(attachment.blob, attachment.wrapped_key)


def add_attachments(actor, req, kind: str, uploads_) -> list[Attachment]:
    access.require_handle(actor, req)
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": "请选择附件类型。"})
    files = uploads.check_all(uploads_)
    if not files:
        raise ValidationError("请选择要上传的文件。")
    with transaction.atomic():
        out = _store_files(req, files, kind, actor)
        _audit(actor, "attachment_added", req, after={"kind": kind, "count": len(out)})
    return out


def purge_expired_files(actor=None, today: date | None = None, dry_run: bool = False) -> list[int]:
    """Delete identity documents of cases done longer ago than the office's retention period."""
    today = today or _today()
    days = FoiPolicy.current().id_retention_days
    cutoff = today - timedelta(days=days)
    qs = Attachment.objects.filter(kind=Attachment.Kind.ID_PROOF, purged_at__isnull=True).filter(
        Q(request__state=S.CLOSED, request__closed_on__lt=cutoff)
        | Q(request__state=S.REPLIED, request__replied_on__lt=cutoff)
    )
    ids = list(qs.values_list("pk", flat=True))
    if dry_run:
        return ids
    for att in Attachment.objects.filter(pk__in=ids).select_related("request", "request__unit"):
        with transaction.atomic():
            crypto.delete_blob(att.blob)
            att.purged_at = timezone.now()
            att.wrapped_key = ""
            att.save(update_fields=["purged_at", "wrapped_key"])
            _audit(actor, "attachment_purged", att.request, reason=f"保存期限{days}天届满")
    return ids


# --- reminders -----------------------------------------------------------------------------------------------
def remind(today: date | None = None) -> int:
    """Notify officers of cases due soon or overdue (once per case and day); run daily (cron/tasks)."""
    today = today or _today()
    refresh_deadlines(today)  # open pauses move with the days; a newly imported holiday notice changes dates
    cutoff = deadlines.soon_cutoff(today)
    count = 0
    qs = InfoRequest.objects.filter(
        state__in=InfoRequest.OPEN_STATES, clock_running=True, due_date__lte=cutoff
    ).select_related("unit", "officer")
    for req in qs:
        overdue = req.due_date < today
        text = f"申请 {req.serial} {'已超过答复期限' if overdue else '临近答复期限'}（{req.due_date.isoformat()}）"
        users = [req.officer] if req.officer else unit_staff(req.unit, Role.FOI_OFFICER)
        for user in users:
            with transaction.atomic():
                if notify(user, req, f"due-{req.pk}-{today.isoformat()}", text):
                    count += 1
    return count


def refresh_deadlines(today: date | None = None) -> int:
    """Recompute open cases whose projection depends on today (open pauses); after a calendar change, all."""
    n = 0
    for req in InfoRequest.objects.filter(state__in=InfoRequest.OPEN_STATES).select_related("unit"):
        with transaction.atomic():
            deadlines.recompute(req, as_of=today)
        n += 1
    return n


# --- frequent requests ---------------------------------------------------------------------------------------
def propose_frequent(actor, title: str, request_ids: list[int], unit=None, note: str = "") -> FrequentTopic:
    access.require_office(actor)
    if not (title or "").strip():
        raise ValidationError({"title": "请填写拟主动公开的信息名称。"})
    with transaction.atomic():
        topic = FrequentTopic.objects.create(
            title=title.strip(), request_ids=list(request_ids), unit=unit, note=note, created_by=_actor(actor)
        )
        audit.record(
            actor=actor,
            action="foi.frequent_proposed",
            obj=topic,
            unit=unit,
            after={"title": topic.title, "requests": len(request_ids)},
        )
    return topic


def set_frequent_status(
    actor, topic, status: str, publication_url: str = "", note: str = ""
) -> FrequentTopic:
    access.require_office(actor)
    if status not in FrequentTopic.Status.values:
        raise ValidationError("未知的状态。")
    with transaction.atomic():
        before = {"status": topic.status}
        topic.status, topic.publication_url = status, publication_url or topic.publication_url
        if note:
            topic.note = note
        topic.save()
        audit.record(
            actor=actor, action="foi.frequent_status", obj=topic, before=before, after={"status": status}
        )
    return topic
