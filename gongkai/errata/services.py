"""The actions on 找错 reports (the only code that changes them): the public's report, the unit's handling, the
office's re-routing and re-check, the reminders and the recomputation after a calendar change. One transaction and
one audit event each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.common import storedfiles
from gongkai.core import filetype
from gongkai.core.filetype import Kind

from . import access, routing
from .codes import SCHEME
from .errors import ErrataError
from .models import ErrorReport, Reminder
from .vocab import OPEN_STATES, RECHECK_STATES, ErrorType, Outcome, State

# Screenshots: images only, decided by content (``core.filetype``); served to staff as these types.
SCREENSHOT_TYPES = {
    Kind.JPEG: "image/jpeg",
    Kind.PNG: "image/png",
    Kind.GIF: "image/gif",
    Kind.WEBP: "image/webp",
}
MAX_DESCRIPTION = 2000


def screenshot_max_bytes() -> int:
    return settings.GONGKAI_ERRATA_SCREENSHOT_MAX_MB * 1024 * 1024


def due_date(received_on: date) -> date:
    """The ``GONGKAI_ERRATA_REPLY_DAYS``-th working day after receipt on the statutory calendar."""
    return calendar.add_working_days(received_on, settings.GONGKAI_ERRATA_REPLY_DAYS).date


def _record(
    actor: Any, action: str, report: ErrorReport, *, before=None, after=None, reason: str = ""
) -> None:
    audit.record(
        actor=actor,
        action=f"errata.{action}",
        obj=report,
        unit=report.unit,
        before=before,
        after=after,
        reason=reason,
    )


def _lock(report: ErrorReport) -> ErrorReport:
    return ErrorReport.objects.select_for_update().get(pk=report.pk)


def _forbidden(text: str) -> ErrataError:
    return ErrataError(text, code="forbidden")


@dataclass
class Intake:
    report: ErrorReport
    verification_code: str


def check_screenshot(upload) -> tuple[Kind, bytes]:
    """The screenshot's kind and bytes; ``ErrataError`` (on ``screenshot``) for anything but an image under the
    size limit (checked before reading)."""
    try:
        checked = filetype.check(upload, SCREENSHOT_TYPES, screenshot_max_bytes())
    except filetype.FileTypeError as exc:
        raise ErrataError(str(exc), field="screenshot", code=exc.code) from None
    return checked.kind, checked.data


def submit(
    *,
    page: str,
    error_type: str,
    description: str,
    contact: str = "",
    screenshot=None,
    host: str = "",
    received_on: date | None = None,
    actor: Any = None,
) -> Intake:
    """A 找错 report arrives: the page is checked to be this site's, routed to the unit that owns it (the office
    otherwise), the due date counted in working days; tracking code + verification code (shown once, stored hashed)."""
    page = routing.clean_page(page, host=host)
    if error_type not in ErrorType.values:
        raise ErrataError("请选择错误类型。", field="error_type")
    description = (description or "").strip()
    if len(description) < 5:
        raise ErrataError("问题描述过短，请写明错在哪里、应当如何（至少5个字）。", field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ErrataError(f"问题描述不能超过{MAX_DESCRIPTION}字，请精简后再提交。", field="description")
    contact = (contact or "").strip()[:100]
    image = (
        check_screenshot(screenshot) if screenshot else None
    )  # before the transaction: nothing slow inside
    unit, basis = routing.owner_of(page)
    received_on = received_on or timezone.localdate()
    code = SCHEME.new_verification_code()
    with storedfiles.atomic():
        report = ErrorReport(
            tracking_code=_unique_code(),
            verification_hash=SCHEME.hash_verification(code),
            page=page,
            error_type=error_type,
            description=description,
            contact=contact,
            unit=unit,
            routing_basis=basis,
            received_on=received_on,
            due_on=due_date(received_on),
        )
        if image is not None:
            kind, data = image
            suffix = filetype.CANONICAL_SUFFIX.get(kind, f".{kind.value}")
            report.screenshot_sha256 = storedfiles.save_file(
                report.screenshot, f"{report.tracking_code}{suffix}", data
            )
        report.save()
        _record(
            actor,
            "received",
            report,
            after={
                "page": page,
                "unit": unit.name if unit else "政务公开办",
                "basis": basis,
                "due_on": str(report.due_on),
                "screenshot": bool(image),
            },
        )
    return Intake(report, code)


def _unique_code() -> str:
    while True:
        code = SCHEME.new_tracking_code()
        if not ErrorReport.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic
def take_up(report: ErrorReport, *, actor: Any) -> ErrorReport:
    """The owning unit starts handling (待处理 → 处理中)."""
    report = _lock(report)
    if not access.can_handle(actor, report):
        raise _forbidden("只有页面主管单位的工作人员可以办理此找错报告。")
    if report.state != State.PENDING:
        raise ErrataError(f"该报告当前为“{report.get_state_display()}”，无需再次受理。")
    report.state = State.HANDLING
    report.save(update_fields=["state", "updated_at"])
    _record(actor, "taken_up", report, before={"state": State.PENDING}, after={"state": report.state})
    return report


@transaction.atomic
def answer(
    report: ErrorReport, *, actor: Any, outcome: str, text: str, on: date | None = None
) -> ErrorReport:
    """The unit's answer: 已修正 (what was corrected) or 不予采纳 (why); the office re-checks it next."""
    report = _lock(report)
    if not access.can_handle(actor, report):
        raise _forbidden("只有页面主管单位的工作人员可以答复此找错报告。")
    if report.state not in OPEN_STATES:
        raise ErrataError(
            f"该报告当前为“{report.get_state_display()}”，不能再答复；如需修改请由政务公开办复核退回。"
        )
    if outcome not in Outcome.values:
        raise ErrataError("请选择处理结果：已修正或不予采纳。", field="outcome")
    text = (text or "").strip()
    if len(text) < 5:
        hint = "写明修正了什么、在哪个页面" if outcome == Outcome.FIXED else "写明不予采纳的理由"
        raise ErrataError(f"处理说明过短，请{hint}（至少5个字）。", field="text")
    today = on or timezone.localdate()
    if today < report.received_on:
        raise ErrataError("答复日期不能早于收到日期。", field="text")
    before = {"state": report.state}
    report.state = State.FIXED if outcome == Outcome.FIXED else State.REJECTED
    report.outcome = outcome
    report.answer = text[:MAX_DESCRIPTION]
    report.answered_by = actor
    report.answered_on = today
    report.save()
    _record(
        actor,
        "answered",
        report,
        before=before,
        after={"state": report.state, "answered_on": str(today), "on_time": report.on_time},
    )
    return report


@transaction.atomic
def reroute(report: ErrorReport, *, actor: Any, unit: Any, reason: str) -> ErrorReport:
    """The office sends a report to another unit (改派), with the reason; the due date stays."""
    report = _lock(report)
    if not access.can_route(actor, report):
        raise _forbidden("只有政务公开办可以改派找错报告。")
    if report.state not in OPEN_STATES:
        raise ErrataError("已答复或已办结的报告不能改派；如答复不当请复核退回。")
    reason = (reason or "").strip()
    if not reason:
        raise ErrataError("请写明改派理由。", field="reason")
    if unit is None or not unit.is_active:
        raise ErrataError("请选择启用中的承办单位。", field="unit")
    if unit.pk == report.unit_id:
        raise ErrataError("该报告已由此单位承办，请选择其他单位。", field="unit")
    before = {"unit": report.unit.name if report.unit else "政务公开办"}
    report.unit = unit
    report.routing_basis = "政务公开办改派"
    report.state = State.PENDING
    report.save()
    _record(actor, "rerouted", report, before=before, after={"unit": unit.name}, reason=reason)
    return report


@transaction.atomic
def recheck(
    report: ErrorReport, *, actor: Any, accept: bool, note: str = "", on: date | None = None
) -> ErrorReport:
    """The office's re-check (复核): accept the answer and close (办结), or send it back to the unit with a note."""
    report = _lock(report)
    if not access.can_recheck(actor, report):
        raise _forbidden("只有政务公开办可以复核和办结找错报告。")
    if report.state not in RECHECK_STATES:
        raise ErrataError("只有承办单位已答复（已修正或不予采纳）的报告才能复核。")
    note = (note or "").strip()
    before = {"state": report.state}
    report.check_note = note
    if accept:
        report.state = State.CLOSED
        report.closed_by = actor
        report.closed_on = on or timezone.localdate()
        report.save()
        _record(actor, "closed", report, before=before, after={"state": report.state}, reason=note)
        return report
    if not note:
        raise ErrataError("退回重办须写明复核意见（哪里未修正、应当如何）。", field="note")
    report.state = State.HANDLING
    report.outcome = ""
    report.answered_on = None
    report.save()
    _record(actor, "returned", report, before=before, after={"state": report.state}, reason=note)
    return report


# --- reminders (the scheduled job) --------------------------------------------------------------------------------
def _remind(report: ErrorReport, key: str, text: str) -> bool:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                unit=report.unit, key=key, text=text[:300], url=reverse("errata:detail", args=[report.pk])
            )
            audit.record(
                actor=None,
                action="errata.reminded",
                obj=reminder,
                unit=report.unit,
                after={"text": reminder.text},
            )
    except IntegrityError:
        return False
    return True


def remind(today: date | None = None) -> int:
    """Write today's reminders (due today or tomorrow's working day, overdue; answers waiting for the re-check);
    a second run the same day writes none."""
    today = today or timezone.localdate()
    soon = calendar.add_working_days(today, 1).date
    count = 0
    open_qs = ErrorReport.objects.filter(state__in=OPEN_STATES).select_related("unit")
    for report in open_qs.filter(due_on__lt=today):
        count += _remind(
            report,
            f"overdue-{report.pk}-{today}",
            f"找错报告{report.tracking_code}已逾期（期限{report.due_on:%m月%d日}）",
        )
    for report in open_qs.filter(due_on__gte=today, due_on__lte=soon):
        count += _remind(
            report,
            f"soon-{report.pk}-{today}",
            f"找错报告{report.tracking_code}将于{report.due_on:%m月%d日}到期",
        )
    return count


# --- the calendar changed (gongkai.calendar.recompute) --------------------------------------------------------------
def recompute_after_calendar_change(years: set[int], *, actor: Any = None) -> list[str]:
    """Recount the due date of every report received in ``years``; one line per report that changed."""
    lines = []
    for report in ErrorReport.objects.filter(received_on__year__in=sorted(years)).order_by("pk"):
        due = due_date(report.received_on)
        if due == report.due_on:
            continue
        with transaction.atomic():
            locked = _lock(report)
            before = str(locked.due_on)
            locked.due_on = due
            locked.save(update_fields=["due_on", "updated_at"])
            _record(
                actor,
                "deadline_recomputed",
                locked,
                before={"due_on": before},
                after={"due_on": str(due)},
                reason="节假日安排调整",
            )
        lines.append(f"{report.tracking_code}：答复期限 {before} → {due}")
    return lines


def screenshot_name(report: ErrorReport) -> tuple[str, str]:
    """(download name, content type) of the stored screenshot, from its sniffed kind (its stored suffix)."""
    suffix = Path(report.screenshot.name).suffix.lower()
    kinds = {
        filetype.CANONICAL_SUFFIX.get(kind, f".{kind.value}"): ctype
        for kind, ctype in SCREENSHOT_TYPES.items()
    }
    return f"截图{suffix}", kinds.get(suffix, "application/octet-stream")
