"""Intake (受理): the online application, staff entry of the other channels, the applicant's verification code."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.common import storedfiles
from gongkai.core import foi_rules as fr
from gongkai.core.creditcode import credit_code_error
from gongkai.core.workdays import fmt
from gongkai.orgs.models import Unit, UnitKind

from .. import access, codes, crypto, deadlines, uploads
from ..errors import FoiAccessRefused, FoiError
from ..models import Attachment, FoiPolicy, InfoRequest
from .common import (
    EventKind,
    State,
    actor_or_none,
    event,
    lock,
    notify,
    recompute,
    record,
    require_handle,
    today,
)

DUPLICATE_THRESHOLD = 0.5
DUPLICATE_WINDOW_DAYS = 365


@dataclass
class Intake:
    """A new application and its verification code (shown once; only its keyed hash is stored)."""

    case: InfoRequest
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
    if policy.intake_unit is not None:  # no query when the policy names none
        return policy.intake_unit
    for kind in (UnitKind.OFFICE, UnitKind.GOVERNMENT):
        unit = Unit.objects.filter(kind=kind, is_active=True).order_by("sort_order", "id").first()
        if unit:
            return unit
    unit = Unit.objects.filter(is_active=True).order_by("sort_order", "id").first()
    if unit is None:
        raise FoiError("系统中尚无受理单位，请联系政务公开办。")
    return unit


def applicant_errors(data: dict) -> dict[str, str]:
    """The rules of a complete application, field by field (the forms show them all at once)."""
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
        problem = credit_code_error(number)
        if problem:
            errors["id_number"] = problem
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
    return errors


def validate_applicant(data: dict) -> None:
    """Refuse an incomplete application with the first problem, beside its field."""
    for field, message in applicant_errors(data).items():
        raise FoiError(message, field=field)


def _new_serial(year: int) -> str:
    prefix = f"{year}-"
    last = (
        InfoRequest.objects.filter(serial__startswith=prefix)
        .order_by("-serial")
        .values_list("serial", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def find_duplicates(case) -> list[dict]:
    """Earlier applications of the same applicant with a similar description (a hint to staff, never a block)."""
    since = case.receipt_date - timedelta(days=DUPLICATE_WINDOW_DAYS)
    earlier = (
        InfoRequest.objects.filter(applicant_key=case.applicant_key, receipt_date__gte=since)
        .exclude(pk=case.pk)
        .values("pk", "serial", "description", "state", "outcome")[:200]
    )
    grams = fr.description_grams(case.description)
    hints: list[dict[str, Any]] = []
    for row in earlier:
        score = fr.similarity(grams, row["description"])
        if score >= DUPLICATE_THRESHOLD:
            hints.append(
                {"id": row["pk"], "serial": row["serial"], "score": round(score, 2), "state": row["state"]}
            )
    hints.sort(key=lambda hint: -hint["score"])
    return hints[:5]


def store_files(case, files, kind, actor) -> list[Attachment]:
    """Encrypt checked uploads (a fresh key per file) and record them on the case."""
    out = []
    for checked in files:
        name, wrapped, blob_sha256 = crypto.encrypt_to_storage(checked.data)
        out.append(
            Attachment.objects.create(
                request=case,
                kind=kind,
                filename=checked.filename,
                content_type=checked.content_type,
                size=len(checked.data),
                sha256=hashlib.sha256(checked.data).hexdigest(),
                blob=name,
                blob_sha256=blob_sha256,
                wrapped_key=wrapped,
                uploaded_by=actor_or_none(actor),
            )
        )
    return out


def _create(actor, data: dict, *, unit, channel, submitted_on, receipt: fr.Receipt, files) -> Intake:
    validate_applicant(data)
    checked = {kind: uploads.check_all(chosen, field=kind) for kind, chosen in (files or {}).items()}
    verification = codes.new_verification_code()
    # What the form sent, stripped: text, or None/other values where a field was left out (kept as they came).
    values: dict[str, Any] = {
        name: (data.get(name) or "").strip() if isinstance(data.get(name), str) else data.get(name)
        for name in APPLICANT_FIELDS
    }
    values["id_number"] = "".join((values["id_number"] or "").split()).upper()
    values["medium"] = values["medium"] or "electronic"
    values["delivery"] = values["delivery"] or "email"
    for attempt in range(8):
        try:
            with transaction.atomic():
                case = InfoRequest.objects.create(
                    serial=_new_serial(receipt.date.year),
                    tracking_code=codes.new_tracking_code(),
                    verification_hash=codes.hash_verification(verification),
                    unit=unit,
                    state=State.NEW,
                    channel=channel,
                    submitted_on=submitted_on,
                    receipt_date=receipt.date,
                    receipt_rule=receipt.rule[:200],
                    applicant_key=codes.applicant_key(
                        values["id_type"], values["id_number"], values["applicant_name"]
                    ),
                    reply_limit=deadlines.limit_for(unit),
                    created_by=actor_or_none(actor),
                    **{name: value or "" for name, value in values.items()},
                )
            break
        except IntegrityError:
            if attempt == 7:
                raise
    for kind, chosen in checked.items():
        store_files(case, chosen, kind, actor)
    channel_label = fr.CHANNEL_BY_CODE[channel].label
    event(
        case,
        EventKind.RECEIVED,
        receipt.date,
        actor,
        f"收到申请（{channel_label}），{receipt.rule}",
        public=f"收到您的申请（{channel_label}），收到申请日期为{fmt(receipt.date)}",
        ledger=fr.RECEIVED,
    )
    case.duplicate_hints = find_duplicates(case)
    case.save(update_fields=["duplicate_hints"])
    due = recompute(case)
    record(
        actor,
        "submit",
        case,
        after={
            "serial": case.serial,
            "unit": unit.name,
            "channel": channel,
            "receipt_date": receipt.date,
            "due": str(due),
        },
    )
    for officer in access.officers_of(unit):
        notify(
            officer,
            case,
            key=f"new-{case.pk}",
            text=f"新的政府信息公开申请 {case.serial} 待分办（{unit.display_name}）",
        )
    return Intake(case, verification)


def submit_online(data: dict, *, files: dict | None = None, unit=None, now=None) -> Intake:
    """网上申请: the tracking-code receipt given on submission is the body's confirmation, so the day of submission
    is the day both sides confirm (第三十一条第（三）项)."""
    on = timezone.localtime(now).date() if now else today()
    receipt = fr.receipt_date("online", submitted=on, confirmed=on)
    with storedfiles.atomic():
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
    unit, *, actor, data: dict, channel, submitted_on, signed_for=None, confirmed=None, files=None
) -> Intake:
    """Staff entry of a letter, in-person, fax, e-mail or oral application, with the channel's receipt rule."""
    if not access.can_register(actor, unit):
        raise FoiAccessRefused("只有该单位的依申请公开经办人或政务公开办可以登记申请。", field="unit")
    if channel == "online":
        raise FoiError("网上申请由申请人在门户网站提交，请选择其他渠道。", field="channel")
    try:
        receipt = fr.receipt_date(channel, submitted=submitted_on, signed_for=signed_for, confirmed=confirmed)
    except ValueError as exc:
        raise FoiError(str(exc)) from exc
    if receipt.date > today():
        raise FoiError("收到申请日期不能晚于今天。", field="submitted_on")
    with storedfiles.atomic():
        return _create(
            actor,
            data,
            unit=unit,
            channel=channel,
            submitted_on=submitted_on,
            receipt=receipt,
            files=files,
        )


def reset_verification(case, *, actor) -> str:
    """A new verification code for the applicant (the old one stops working), e.g. printed on a paper receipt."""
    require_handle(actor, case)
    code = codes.new_verification_code()
    with transaction.atomic():
        case = lock(case)
        case.verification_hash = codes.hash_verification(code)
        case.save(update_fields=["verification_hash", "updated"])
        record(actor, "reset_verification", case)
    return code
