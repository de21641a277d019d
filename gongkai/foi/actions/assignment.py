"""分办/转办: hand a case to a unit (the openness office, or the current unit's officer) and/or an officer."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.orgs.models import UnitKind

from .. import access, deadlines
from ..errors import FoiAccessRefused, FoiError
from ..models import InfoRequest
from .common import EventKind, State, event, lock, notify, recompute, record, require_state, today


def assign(case, *, actor, unit, officer=None, note: str = "", on: date | None = None) -> InfoRequest:
    """Give the case to ``unit`` (a transfer when it is another unit) and ``officer`` (who is told)."""
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        require_state(case, *InfoRequest.OPEN_STATES, what="分办或转办")
        moving = unit.pk != case.unit_id
        if not access.can_assign(actor, case, unit):
            raise FoiAccessRefused(
                "只有政务公开办或本单位经办人可以转办申请。"
                if moving
                else "您不是该申请办理单位的依申请公开经办人，不能办理此申请。"
            )
        if not unit.is_active:
            raise FoiError("该单位已停用，不能接收申请。", field="unit")
        if officer is not None and not access.is_unit_officer(officer, unit):
            raise FoiError(
                f"{officer.display_name}不是{unit.display_name}的依申请公开经办人。", field="officer"
            )
        before = {"unit": case.unit.name, "officer": str(case.officer or "")}
        old_unit = case.unit
        case.unit = unit
        case.officer = officer
        case.reply_limit = deadlines.limit_for(unit)
        if case.state == State.NEW and officer is not None:
            case.state = State.IN_PROGRESS
        elif moving and case.state == State.IN_PROGRESS and officer is None:
            case.state = State.NEW
        case.save()
        if moving:
            from_office = old_unit.kind in (UnitKind.OFFICE, UnitKind.GOVERNMENT)
            kind = EventKind.ASSIGNED if from_office else EventKind.TRANSFERRED
            summary = f"由{old_unit.display_name}{'分办' if from_office else '转办'}至{unit.display_name}"
            public = f"您的申请已交由{unit.name}办理"
        else:
            kind, summary, public = EventKind.ASSIGNED, "确定经办人", ""
        if officer is not None:
            summary += f"，经办人：{officer.display_name}"
        if note:
            summary += f"。{note}"
        event(case, kind, on, actor, summary, public=public)
        recompute(case)
        record(
            actor,
            "assign",
            case,
            before=before,
            after={"unit": unit.name, "officer": str(officer or "")},
            reason=note,
        )
        for user in [officer] if officer else access.officers_of(unit):
            notify(
                user,
                case,
                key=f"assign-{case.pk}-{unit.pk}-{getattr(officer, 'pk', 0)}",
                text=f"申请 {case.serial} 已分配给您办理，答复期限{case.due_date or '待定'}",
            )
    return case
