"""Cases (舆情): registration with screenshots, 研判, units, responses (权威发布 linked to a publication), commitments
made in them, 回应完毕 and 办结."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.common import storedfiles
from gongkai.orgs.models import Unit

from .. import access
from ..errors import SentimentError
from ..models import Case, Commitment, Response, Screenshot
from ..vocab import (
    OPEN_STATES,
    RESPONSE_STATES,
    CommitmentState,
    Level,
    ResponseKind,
    Source,
    State,
)
from .common import (
    MAX_SCREENSHOTS,
    SCREENSHOT_KINDS,
    checked_file,
    clean_links,
    current_rule,
    forbidden,
    lock,
    public_item,
    record,
    refresh,
)


# --- cases -----------------------------------------------------------------------------------------------------
def register_case(
    *,
    actor: Any,
    topic: str,
    source: str,
    first_seen_at: datetime,
    summary: str,
    owner_unit: Unit,
    level: str = Level.GENERAL,
    local_unit: Unit | None = None,
    links: str = "",
    risk_notes: str = "",
    screenshots: Iterable[Any] = (),
) -> Case:
    """登记: a new case with its source, first-seen time, units and level; its deadlines start at first seen."""
    if not access.can_register(actor, owner_unit):
        raise forbidden("只有政务公开办或主管单位的工作人员可以登记舆情。")
    topic, summary = (topic or "").strip(), (summary or "").strip()
    if not topic:
        raise SentimentError("请填写舆情标题。", field="topic")
    if not summary:
        raise SentimentError("请填写舆情摘要：反映了什么问题、涉及哪里、传播情况。", field="summary")
    if source not in Source.values:
        raise SentimentError("请选择舆情来源。", field="source")
    if level not in Level.values:
        raise SentimentError("请选择舆情级别。", field="level")
    if first_seen_at > timezone.now():
        raise SentimentError("发现时间不能晚于现在。", field="first_seen_at")
    if local_unit is not None and local_unit.pk == owner_unit.pk:
        local_unit = None
    uploads = [upload for upload in screenshots if upload]
    if len(uploads) > MAX_SCREENSHOTS:
        raise SentimentError(f"截图最多{MAX_SCREENSHOTS}个，您选择了{len(uploads)}个。", field="screenshots")
    files = [checked_file(upload, SCREENSHOT_KINDS, "screenshots") for upload in uploads]
    rule, local_workdays = current_rule()
    with storedfiles.atomic():
        case = Case(
            topic=topic[:200],
            source=source,
            first_seen_at=first_seen_at,
            summary=summary,
            links=clean_links(links),
            level=level,
            owner_unit=owner_unit,
            local_unit=local_unit,
            risk_notes=(risk_notes or "").strip(),
            rule=rule,
            local_workdays=local_workdays,
            registered_by=actor,
        )
        case.save()
        refresh(case)
        case.save()
        for name, data in files:
            _store_screenshot(case, actor, name, data)
        record(
            actor,
            "registered",
            case,
            case,
            after={
                "topic": case.topic,
                "level": case.level,
                "owner_unit": owner_unit.pk,
                "local_unit": local_unit.pk if local_unit else None,
                "rule": rule,
                "screenshots": len(files),
            },
        )
    return case


def _store_screenshot(case: Case, actor: Any, name: str, data: bytes) -> Screenshot:
    shot = Screenshot(case=case, name=name, uploaded_by=actor)
    shot.sha256 = storedfiles.save_file(shot.file, f"c{case.pk}{Path(name).suffix}", data)
    shot.save()
    return shot


def add_screenshots(case: Case, *, actor: Any, files: Iterable[Any]) -> list[Screenshot]:
    """Add screenshots of the post (截图) to a case."""
    if not access.can_respond(actor, case):
        raise forbidden("只有政务公开办或主管、属地单位的工作人员可以上传截图。")
    uploads = [upload for upload in files if upload]
    if not uploads:
        raise SentimentError("请选择要上传的截图。", field="screenshots")
    if case.screenshots.count() + len(uploads) > MAX_SCREENSHOTS:
        raise SentimentError(f"每个舆情最多{MAX_SCREENSHOTS}个截图。", field="screenshots")
    checked = [checked_file(upload, SCREENSHOT_KINDS, "screenshots") for upload in uploads]
    with storedfiles.atomic():
        locked = lock(case)
        shots = [_store_screenshot(locked, actor, name, data) for name, data in checked]
        record(actor, "screenshots_added", locked, locked, after={"files": [s.name for s in shots]})
    return shots


@transaction.atomic
def assess(case: Case, *, actor: Any, level: str, risk_notes: str) -> Case:
    """研判: the level confirmed or changed and the risk assessment written; the deadlines follow the level."""
    if not access.can_respond(actor, case):
        raise forbidden("只有政务公开办或主管、属地单位的工作人员可以研判。")
    locked = lock(case)
    if locked.state == State.CLOSED:
        raise SentimentError("该舆情已办结，不能再研判。")
    if level not in Level.values:
        raise SentimentError("请选择舆情级别。", field="level")
    if not (risk_notes or "").strip():
        raise SentimentError("请填写风险研判意见：可能的发展、涉及群体、回应口径。", field="risk_notes")
    before = {"state": locked.state, "level": locked.level}
    locked.level = level
    locked.risk_notes = risk_notes.strip()
    if locked.state == State.REGISTERED:
        locked.state = State.ASSESSING
    refresh(locked)
    locked.save()
    record(actor, "assessed", locked, locked, before=before, after={"state": locked.state, "level": level})
    return locked


@transaction.atomic
def set_units(case: Case, *, actor: Any, owner_unit: Unit, local_unit: Unit | None, reason: str) -> Case:
    """Change the 主管/属地 units (the office), with the reason."""
    if not access.can_manage(actor, case):
        raise forbidden("只有政务公开办可以调整主管和属地单位。")
    if not (reason or "").strip():
        raise SentimentError("请填写调整理由。", field="reason")
    locked = lock(case)
    if local_unit is not None and local_unit.pk == owner_unit.pk:
        local_unit = None
    before = {"owner_unit": locked.owner_unit_id, "local_unit": locked.local_unit_id}
    locked.owner_unit, locked.local_unit = owner_unit, local_unit
    locked.save()
    record(
        actor,
        "units_changed",
        locked,
        locked,
        before=before,
        after={"owner_unit": owner_unit.pk, "local_unit": local_unit.pk if local_unit else None},
        reason=reason,
    )
    return locked


@transaction.atomic
def record_response(
    case: Case,
    *,
    actor: Any,
    kind: str,
    unit: Unit,
    summary: str,
    responded_at: datetime | None = None,
    where: str = "",
    publication: Any = None,
) -> Response:
    """回应: a 权威发布 (linked to a published item; its time is the item's publication time), a 新闻发布会, a 媒体采访
    or a 网上回复, by one of the case's units. The first response moves the case to 回应中."""
    if not access.can_respond(actor, case):
        raise forbidden("只有政务公开办或主管、属地单位的工作人员可以登记回应。")
    locked = lock(case)
    if locked.state not in RESPONSE_STATES:
        raise SentimentError("该舆情已办结，不能再登记回应。")
    if kind not in ResponseKind.values:
        raise SentimentError("请选择回应方式。", field="kind")
    if unit is None or unit.pk not in locked.unit_ids():
        raise SentimentError("回应单位应为该舆情的主管单位或属地单位。", field="unit")
    if not access.is_office(actor) and not access.can_register(actor, unit):
        raise SentimentError("只能以本单位名义登记回应。", field="unit")
    summary = (summary or "").strip()
    if not summary:
        raise SentimentError("请填写回应内容摘要（回应口径要点）。", field="summary")
    if kind == ResponseKind.RELEASE:
        if publication is None:
            raise SentimentError(
                "权威发布须关联一条已公开的信息：请先在“信息发布”中发布。", field="publication"
            )
        publication = public_item(publication, "publication")
        responded_at = publication.published_at
    elif publication is not None:
        raise SentimentError(
            "只有权威发布关联公开信息；其他回应方式请填写平台或媒体名称。", field="publication"
        )
    if responded_at is None:
        raise SentimentError("请填写回应时间。", field="responded_at")
    if responded_at > timezone.now():
        raise SentimentError("回应时间不能晚于现在。", field="responded_at")
    if responded_at < locked.first_seen_at:
        raise SentimentError(
            "回应时间早于舆情发现时间：请核对时间，或检查所关联的信息是否针对本次舆情。",
            field="publication" if kind == ResponseKind.RELEASE else "responded_at",
        )
    response = Response.objects.create(
        case=locked,
        kind=kind,
        unit=unit,
        responded_at=responded_at,
        summary=summary,
        where=(where or "").strip()[:200],
        publication=publication,
        recorded_by=actor,
    )
    before = {"state": locked.state}
    if locked.state in (State.REGISTERED, State.ASSESSING):
        locked.state = State.RESPONDING
    refresh(locked)
    locked.save()
    record(
        actor,
        "responded",
        response,
        locked,
        before=before,
        after={
            "case": locked.pk,
            "kind": kind,
            "at": responded_at.isoformat(),
            "publication": publication.pk if publication else None,
            "state": locked.state,
        },
    )
    return response


@transaction.atomic
def add_commitment(
    case: Case,
    *,
    actor: Any,
    content: str,
    owner_unit: Unit,
    due_on: date,
    response: Response | None = None,
) -> Commitment:
    """承诺事项: made in a response, owned by a unit, due on a day (the owner unit then sees the case)."""
    if not access.can_respond(actor, case):
        raise forbidden("只有政务公开办或主管、属地单位的工作人员可以登记承诺事项。")
    locked = lock(case)
    if locked.state == State.CLOSED:
        raise SentimentError("该舆情已办结，不能再登记承诺事项。")
    content = (content or "").strip()
    if not content:
        raise SentimentError("请填写承诺内容：承诺做什么、达到什么结果。", field="content")
    if owner_unit is None:
        raise SentimentError("请选择承诺事项的责任单位。", field="owner_unit")
    if due_on is None:
        raise SentimentError("请填写承诺期限。", field="due_on")
    if due_on < timezone.localtime(locked.first_seen_at).date():
        raise SentimentError("承诺期限不能早于舆情发现日期。", field="due_on")
    if response is not None and response.case_id != locked.pk:
        raise SentimentError("所选回应不属于该舆情。", field="response")
    commitment = Commitment.objects.create(
        case=locked,
        response=response,
        content=content,
        owner_unit=owner_unit,
        due_on=due_on,
        created_by=actor,
    )
    record(
        actor,
        "committed",
        commitment,
        locked,
        after={"case": locked.pk, "owner_unit": owner_unit.pk, "due_on": due_on.isoformat()},
    )
    return commitment


@transaction.atomic
def respond(
    case: Case,
    *,
    actor: Any,
    commitment: str = "",
    commitment_unit: Unit | None = None,
    commitment_due_on: date | None = None,
    **response: Any,
) -> Response:
    """A response and the commitment made in it (optional), together or not at all."""
    made = record_response(case, actor=actor, **response)
    if (commitment or "").strip():
        add_commitment(
            case,
            actor=actor,
            content=commitment,
            owner_unit=commitment_unit or made.unit,
            due_on=commitment_due_on,  # type: ignore[arg-type]  # add_commitment refuses a missing date in Chinese
            response=made,
        )
    return made


@transaction.atomic
def finish_response(case: Case, *, actor: Any, note: str = "") -> Case:
    """回应完毕 (已回应): the units' responses are done; commitments are still tracked until the case is closed."""
    if not access.can_respond(actor, case):
        raise forbidden("只有政务公开办或主管、属地单位的工作人员可以确认回应完毕。")
    locked = lock(case)
    if locked.state not in OPEN_STATES:
        raise SentimentError(f"该舆情当前为“{locked.get_state_display()}”，不能再确认回应完毕。")
    if not locked.responses.exists():
        raise SentimentError("尚未登记任何回应：请先登记权威发布、新闻发布会、媒体采访或网上回复。")
    before = {"state": locked.state}
    locked.state = State.RESPONDED
    locked.save()
    record(
        actor, "response_finished", locked, locked, before=before, after={"state": locked.state}, reason=note
    )
    return locked


@transaction.atomic
def close(case: Case, *, actor: Any, note: str) -> Case:
    """办结 (the office): every commitment kept; the review (复盘评估) written."""
    if not access.can_manage(actor, case):
        raise forbidden("只有政务公开办可以办结舆情。")
    locked = lock(case)
    if locked.state != State.RESPONDED:
        raise SentimentError("请先由主管单位确认回应完毕，再办结。")
    open_count = locked.commitments.filter(state=CommitmentState.OPEN).count()
    if open_count:
        raise SentimentError(f"还有{open_count}项承诺尚未兑现：兑现并公开后再办结。")
    if not (note or "").strip():
        raise SentimentError("请填写办结说明（复盘评估：回应效果、经验与不足）。", field="note")
    before = {"state": locked.state}
    locked.state = State.CLOSED
    locked.closed_at = timezone.now()
    locked.close_note = note.strip()
    locked.save()
    record(actor, "closed", locked, locked, before=before, after={"state": locked.state}, reason=note)
    return locked
