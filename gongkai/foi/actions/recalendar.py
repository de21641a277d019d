"""After the holiday table changes (a State Council notice imported): every stored date of an application that
the calendar derives is recomputed — the reply due date and its 暂定 flag, the handling time and on-time flag of
answered cases, the 7-working-day correction deadline, the third party's answer date, the fee payment date — and
the timeline texts that quote a changed date (the applicant's "延长后的答复期限为…") follow. One audit event per
changed case (``foi.deadline_recomputed``). Registered with ``gongkai.calendar.recompute`` in ``apps.py``."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.workdays import fmt

from .. import deadlines
from ..models import Consultation, Correction, FeeNotice, InfoRequest
from .common import EventKind, lock, record, today

REASON = "节假日安排变更后重新计算"


def _candidates(years: set[int]):
    """Open cases (their projection always depends on the table), provisional ones, and answered cases whose
    span from receipt to reply touches the years."""
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    touches = Q(receipt_date__lte=last) & (
        Q(due_date__gte=first) | Q(replied_on__gte=first) | Q(closed_on__gte=first)
    )
    return InfoRequest.objects.filter(
        Q(state__in=InfoRequest.OPEN_STATES) | Q(due_provisional=True) | touches
    ).order_by("pk")


def _retext(case, kinds, old: date, new: date) -> None:
    """Replace the old date by the new one in the timeline texts (staff and applicant) of ``kinds``."""
    if old == new:
        return
    before, after = fmt(old), fmt(new)
    for entry in case.events.filter(kind__in=kinds):
        summary = entry.summary.replace(before, after)
        public = entry.public_summary.replace(before, after)
        if (summary, public) != (entry.summary, entry.public_summary):
            entry.summary, entry.public_summary = summary, public
            entry.save(update_fields=["summary", "public_summary"])


def _extension_texts(case, calendar) -> None:
    """ "延长后的答复期限为…" of each approved extension: the due date right after it, on today's table."""
    ledger = deadlines.ledger(case)
    rows = list(case.events.exclude(ledger_kind="").order_by("date", "id"))
    for position, entry in enumerate(rows):
        if entry.kind != EventKind.EXTENSION_APPROVED or not entry.public_summary:
            continue
        try:
            due = fr.compute_due(
                ledger[: position + 1], calendar, limit=case.reply_limit, as_of=entry.date, trace=False
            )
        except ValueError:  # an inconsistent ledger is shown on the case page; its old text stays
            continue
        if due.date is None:
            continue
        head, sep, _ = entry.public_summary.partition("延长后的答复期限为")
        text = f"{head}{sep}{fmt(due.date)}" if sep else entry.public_summary
        if text != entry.public_summary:
            entry.public_summary = text
            entry.save(update_fields=["public_summary"])


def _records(case, calendar) -> list[str]:
    """The case's own records with calendar-derived dates; returns what changed."""
    changed = []
    for correction in Correction.objects.filter(request=case):
        notice_by = fr.correction_notice_deadline(case.receipt_date, calendar).date
        if notice_by != correction.notice_deadline:
            changed.append(f"补正告知期限{correction.notice_deadline}→{notice_by}")
            correction.notice_deadline, correction.late = notice_by, correction.requested_on > notice_by
            correction.save(update_fields=["notice_deadline", "late"])
    for consultation in Consultation.objects.filter(request=case, answer_due__isnull=False):
        answer_due = calendar.add_working_days(consultation.started_on, law.THIRD_PARTY_OPINION.value).date
        old = consultation.answer_due
        if old is not None and answer_due != old:
            changed.append(f"第三方答复期限{old}→{answer_due}")
            _retext(case, [EventKind.CONSULTATION_STARTED], old, answer_due)
            consultation.answer_due = answer_due
            consultation.save(update_fields=["answer_due"])
    for notice in FeeNotice.objects.filter(request=case):
        pay_by = calendar.add_working_days(notice.issued_on, law.FEE_PAYMENT.value)
        if (pay_by.date, pay_by.provisional) != (notice.pay_by, notice.pay_by_provisional):
            changed.append(f"缴费期限{notice.pay_by}→{pay_by.date}")
            _retext(case, [EventKind.FEE_NOTICE], notice.pay_by, pay_by.date)
            notice.pay_by, notice.pay_by_provisional = pay_by.date, pay_by.provisional
            notice.save(update_fields=["pay_by", "pay_by_provisional"])
    return changed


def _one(case, calendar, on: date, actor) -> str | None:
    before = {
        "due_date": case.due_date,
        "due_provisional": case.due_provisional,
        "handling_days": case.handling_days,
        "on_time": case.on_time,
    }
    done_on = case.replied_on or case.closed_on
    due = deadlines.recompute(case, as_of=done_on or on)
    if done_on is not None:
        case.handling_days = max(calendar.count_working_days(case.receipt_date, done_on).count, 0)
        if case.replied_on is not None:
            case.on_time = bool(due.date and case.replied_on <= due.date)
        case.save(update_fields=["handling_days", "on_time", "updated"])
    after = {
        "due_date": case.due_date,
        "due_provisional": case.due_provisional,
        "handling_days": case.handling_days,
        "on_time": case.on_time,
    }
    others = _records(case, calendar)
    if before == after and not others:
        return None
    _extension_texts(case, calendar)
    record(
        actor, "deadline_recomputed", case, before=before, after=dict(after, records=others), reason=REASON
    )
    changes = [f"{name}：{before[name]}→{after[name]}" for name in after if before[name] != after[name]]
    return f"{case.serial}：" + "；".join(changes + others)


def recompute_after_calendar_change(years: set[int], *, actor=None) -> list[str]:
    """The hook of ``gongkai.calendar.recompute``: one line per case whose stored dates changed."""
    calendar = deadlines.calendar()
    on = today()
    lines = []
    for pk in _candidates(years).values_list("pk", flat=True):
        with transaction.atomic():
            case = lock(InfoRequest(pk=pk))
            line = _one(case, calendar, on, actor)
        if line:
            lines.append(line)
    return lines
