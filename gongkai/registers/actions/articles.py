"""信息报送 / 政能亮 submissions and their adoption, and 优秀案例 entries."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit

from .. import access
from ..errors import RegistersError
from ..models import Case, Submission
from ..vocab import CaseLevel, SubmissionKind
from .common import link, past_date, refuse_unit, require_record, text


@transaction.atomic
def record_submission(
    unit: Unit,
    *,
    actor,
    kind: str,
    title: str,
    outlet: str,
    submitted_on: date | None,
    adopted_on: date | None = None,
    demo_key: str = "",
) -> Submission:
    """Record an article sent to an outlet (政能亮 or 政务信息); ``adopted_on`` when it was already adopted."""
    require_record(actor, unit)
    if kind not in SubmissionKind.values:
        raise RegistersError("请选择类别：政能亮或政务信息报送。", field="kind")
    sent = past_date(submitted_on, field="submitted_on", label="报送日期")
    if adopted_on is not None:
        past_date(adopted_on, field="adopted_on", label="采用日期")
        if adopted_on < sent:
            raise RegistersError("采用日期不能早于报送日期。", field="adopted_on")
    submission = Submission.objects.create(
        unit=unit,
        kind=kind,
        title=text(title, field="title", label="标题", max_length=300),
        outlet=text(outlet, field="outlet", label="报送渠道", max_length=200),
        submitted_on=sent,
        adopted=adopted_on is not None,
        adopted_on=adopted_on,
        created_by=actor if getattr(actor, "pk", None) else None,
        demo_key=demo_key,
    )
    audit.record(
        actor=actor,
        action="registers.submission_recorded",
        obj=submission,
        unit=unit,
        after={
            "kind": kind,
            "title": submission.title,
            "outlet": submission.outlet,
            "adopted_on": adopted_on,
        },
    )
    return submission


@transaction.atomic
def mark_adopted(submission: Submission, *, actor, adopted_on: date | None) -> Submission:
    """The outlet adopted (采用) the article on ``adopted_on``."""
    if not access.can_change(actor, submission):
        refuse_unit(submission.unit)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    day = past_date(adopted_on, field="adopted_on", label="采用日期")
    if day < row.submitted_on:
        raise RegistersError("采用日期不能早于报送日期。", field="adopted_on")
    if row.adopted:
        raise RegistersError(f"该信息已于{row.adopted_on:%Y-%m-%d}登记为采用。", field="adopted_on")
    row.adopted, row.adopted_on = True, day
    row.save(update_fields=["adopted", "adopted_on"])
    audit.record(
        actor=actor,
        action="registers.submission_adopted",
        obj=row,
        unit=row.unit,
        before={"adopted": False},
        after={"adopted": True, "adopted_on": day},
    )
    return row


@transaction.atomic
def record_case(
    unit: Unit,
    *,
    actor,
    title: str,
    level: str,
    issuer: str,
    recognised_on: date | None,
    summary: str = "",
    link_url: str = "",
    demo_key: str = "",
) -> Case:
    """Record a practice of ``unit`` selected or promoted as an 优秀案例."""
    require_record(actor, unit)
    if level not in CaseLevel.values:
        raise RegistersError("请选择案例层级：县级、市级、省级或国家级。", field="level")
    case = Case.objects.create(
        unit=unit,
        title=text(title, field="title", label="案例名称", max_length=300),
        level=level,
        issuer=text(issuer, field="issuer", label="评选或推广机关", max_length=200),
        recognised_on=past_date(recognised_on, field="recognised_on", label="入选日期"),
        summary=text(summary, field="summary", label="案例简介", max_length=4000, required=False),
        link=link(link_url, field="link_url"),
        created_by=actor if getattr(actor, "pk", None) else None,
        demo_key=demo_key,
    )
    audit.record(
        actor=actor,
        action="registers.case_recorded",
        obj=case,
        unit=unit,
        after={
            "title": case.title,
            "level": level,
            "issuer": case.issuer,
            "recognised_on": case.recognised_on,
        },
    )
    return case
