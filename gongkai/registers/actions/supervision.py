"""督查通报: 通报批评, 约谈 and 督查 findings against a unit, issued by the office, with a rectification deadline
in working days on the statutory calendar (``gongkai.calendar``), and the unit's report of its rectification."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.orgs.models import Unit

from .. import access
from ..errors import RegistersError
from ..models import SupervisionRecord
from ..vocab import MAX_RECTIFY_WORKDAYS, SupervisionKind
from .common import past_date, refuse_unit, text


def due_date(issued_on: date, workdays: int) -> tuple[date, bool]:
    """The rectification deadline: the ``workdays``-th working day after ``issued_on`` (the day itself not counted),
    and whether it is provisional (beyond the holiday table)."""
    result = calendar.add_working_days(issued_on, workdays)
    return result.date, result.provisional


@transaction.atomic
def issue_supervision(
    unit: Unit,
    *,
    actor,
    kind: str,
    issued_on: date | None,
    issuer: str,
    findings: str,
    rectify_workdays: int | None,
    document: str = "",
    demo_key: str = "",
) -> SupervisionRecord:
    """Record a 通报批评 / 约谈 / 督查 finding against ``unit`` (the office only)."""
    if not access.can_issue_supervision(actor):
        raise RegistersError(
            "通报批评、约谈和督查发现问题由政务公开办登记；被督查单位在记录上报送整改情况。", code="forbidden"
        )
    if unit is None:
        raise RegistersError("请选择被督查单位。", field="unit")
    if kind not in SupervisionKind.values:
        raise RegistersError("请选择类型：通报批评、约谈或督查发现问题。", field="kind")
    issued = past_date(issued_on, field="issued_on", label="通报日期")
    if not isinstance(rectify_workdays, int) or not 1 <= rectify_workdays <= MAX_RECTIFY_WORKDAYS:
        raise RegistersError(
            f"整改时限应为1到{MAX_RECTIFY_WORKDAYS}个工作日（通报未写明的，一般为5个工作日）。",
            field="rectify_workdays",
        )
    due, provisional = due_date(issued, rectify_workdays)
    record = SupervisionRecord.objects.create(
        unit=unit,
        kind=kind,
        issued_on=issued,
        issuer=text(issuer, field="issuer", label="通报机关", max_length=200),
        document=text(document, field="document", label="文件或会议", max_length=200, required=False),
        findings=text(findings, field="findings", label="发现问题", max_length=4000),
        rectify_workdays=rectify_workdays,
        due_on=due,
        due_provisional=provisional,
        created_by=actor if getattr(actor, "pk", None) else None,
        demo_key=demo_key,
    )
    audit.record(
        actor=actor,
        action="registers.supervision_issued",
        obj=record,
        unit=unit,
        after={
            "kind": kind,
            "issued_on": issued,
            "rectify_workdays": rectify_workdays,
            "due_on": due,
            "provisional": provisional,
        },
    )
    return record


@transaction.atomic
def complete_rectification(
    record: SupervisionRecord, *, actor, completed_on: date | None, note: str
) -> SupervisionRecord:
    """The unit reports its rectification done (整改完成) on ``completed_on``."""
    if not access.can_rectify(actor, record):
        refuse_unit(record.unit)
    row = SupervisionRecord.objects.select_for_update().get(pk=record.pk)
    if row.completed_on is not None:
        raise RegistersError(f"该记录已于{row.completed_on:%Y-%m-%d}报送整改完成。", field="completed_on")
    day = past_date(completed_on, field="completed_on", label="整改完成日期")
    if day < row.issued_on:
        raise RegistersError("整改完成日期不能早于通报日期。", field="completed_on")
    row.completed_on = day
    row.completion_note = text(note, field="note", label="整改情况", max_length=4000)
    row.save(update_fields=["completed_on", "completion_note"])
    audit.record(
        actor=actor,
        action="registers.supervision_rectified",
        obj=row,
        unit=row.unit,
        before={"completed_on": None},
        after={"completed_on": day, "late": day > row.due_on, "due_on": row.due_on},
    )
    return row


def recompute_due(years: set[int], *, actor=None) -> list[str]:
    """Calendar hook: recompute the deadlines of records issued in ``years`` after the holiday table changed."""
    lines: list[str] = []
    for record in SupervisionRecord.objects.filter(issued_on__year__in=years).select_related("unit"):
        due, provisional = due_date(record.issued_on, record.rectify_workdays)
        if (due, provisional) == (record.due_on, record.due_provisional):
            continue
        with transaction.atomic():
            before = {"due_on": record.due_on, "provisional": record.due_provisional}
            record.due_on, record.due_provisional = due, provisional
            record.save(update_fields=["due_on", "due_provisional"])
            audit.record(
                actor=actor,
                action="registers.supervision_due_recomputed",
                obj=record,
                unit=record.unit,
                before=before,
                after={"due_on": due, "provisional": provisional},
                reason="节假日安排变更",
            )
        lines.append(f"{record}：整改期限 {before['due_on']} → {due}")
    return lines


def is_overdue(record: SupervisionRecord, today: date | None = None) -> bool:
    return record.is_overdue(today or timezone.localdate())
