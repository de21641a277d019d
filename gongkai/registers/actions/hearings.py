"""听取汇报 / 专题研究: a leaders' meeting that heard a report on, or studied, the openness work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.orgs.models import Unit

from ..errors import RegistersError
from ..models import Hearing
from ..vocab import HearingKind
from .common import check_upload, past_date, require_record, text


def record_hearing(
    unit: Unit,
    *,
    actor,
    kind: str,
    meeting: str,
    held_on: date | None,
    leaders: str,
    topics: str,
    minutes=None,
    demo_key: str = "",
) -> Hearing:
    """Record a meeting (e.g. 县政府常务会议、党组会) that heard or studied the openness work, with its minutes."""
    require_record(actor, unit)
    if kind not in HearingKind.values:
        raise RegistersError("请选择类型：听取汇报或专题研究。", field="kind")
    held = past_date(held_on, field="held_on", label="会议日期")
    with storedfiles.atomic():
        hearing = Hearing(
            unit=unit,
            kind=kind,
            meeting=text(meeting, field="meeting", label="会议名称", max_length=200),
            held_on=held,
            leaders=text(leaders, field="leaders", label="出席领导", max_length=300),
            topics=text(topics, field="topics", label="研究议题", max_length=4000),
            created_by=actor if getattr(actor, "pk", None) else None,
            demo_key=demo_key,
        )
        hearing.save()
        if minutes is not None:
            name, data = check_upload(minutes, field="minutes", fallback="会议纪要")
            hearing.minutes_name = name[:200]
            hearing.minutes_sha256 = storedfiles.save_file(
                hearing.minutes_file, f"h{hearing.pk}{Path(name).suffix}", data
            )
            hearing.save(update_fields=["minutes_file", "minutes_name", "minutes_sha256"])
        audit.record(
            actor=actor,
            action="registers.hearing_recorded",
            obj=hearing,
            unit=unit,
            after={
                "kind": kind,
                "meeting": hearing.meeting,
                "held_on": held,
                "leaders": hearing.leaders,
                "minutes": hearing.minutes_name,
            },
        )
    return hearing
