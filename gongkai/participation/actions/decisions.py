"""The major-decision catalogue (重大行政决策事项目录) and each decision's procedure, stage by stage.

The stages and their articles are ``gongkai.core.participation.STAGES``; the checks before a stage (hearing notice
≥ 7 days, legality review ≥ 7 working days on the statutory calendar, a completed consultation for the categories the
county makes participation-mandatory, post-decision evaluation not by the pre-decision assessor) are here, each
refusal naming the article.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.core import participation as rules
from gongkai.orgs.models import Unit
from gongkai.publishing.models import Publication

from .. import access
from ..errors import ParticipationError
from ..models import CatalogAdjustment, Decision, DecisionCatalog, DecisionStep
from ..vocab import Category, Method
from .common import record, refuse, required_text

DECISION_FIELDS = ("title", "unit", "basis", "category", "planned", "methods", "pre_assessment_unit", "seq")
RECORD_FIELDS = (
    "hearing_on",
    "participants_published_on",
    "materials_sent_on",
    "hearing_participants",
    "legality_sent_on",
    "legality_opinion_on",
    "legality_lawful",
    "evaluation_unit",
    "evaluation_summary",
    "result_publication",
)


def mandatory_categories() -> set[str]:
    """The categories the county makes participation-mandatory (setting GONGKAI_PARTICIPATION_MANDATORY)."""
    return set(settings.GONGKAI_PARTICIPATION_MANDATORY)


def create_catalog(unit: Unit, *, actor, year: int, title: str = "") -> DecisionCatalog:
    if not access.can_manage(actor, unit):
        refuse(actor, unit)
    if DecisionCatalog.objects.filter(unit=unit, year=year).exists():
        raise ParticipationError(f"{unit.name}{year}年度的目录已经存在。", field="year")
    with transaction.atomic():
        catalog = DecisionCatalog.objects.create(
            unit=unit, year=year, title=(title or "").strip() or f"{unit.name}{year}年度重大行政决策事项目录"
        )
        record(actor, "catalog_created", catalog, unit=unit, after={"year": year, "title": catalog.title})
    return catalog


def publish_catalog(
    catalog: DecisionCatalog, *, actor, approved_on: date | None, approval_document: str, now=None
) -> DecisionCatalog:
    """Publish the catalogue: only after the same-level Party committee's consent (第3条第3款), date and document
    recorded."""
    if not access.can_manage_catalog(actor, catalog):
        refuse(actor, catalog.unit)
    if approved_on is None:
        raise ParticipationError(
            "目录经同级党委同意后方可向社会公布（第三条第三款）：请填写同意日期。", field="approved_on"
        )
    approval_document = required_text(
        approval_document, "请填写党委同意的文件或会议纪要名称。", "approval_document"
    )
    if not catalog.decisions.exists():
        raise ParticipationError("目录中还没有决策事项，请先添加。")
    with transaction.atomic():
        cat = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
        if cat.published_at:
            raise ParticipationError("目录已经公布；年度中的调整请以“目录调整”记录并说明理由。")
        cat.approved_on, cat.approval_document = approved_on, approval_document
        cat.published_at = now or timezone.now()
        cat.save()
        record(
            actor,
            "catalog_published",
            cat,
            unit=cat.unit,
            before={"published": False},
            after={"published": True, "approved_on": approved_on, "approval_document": approval_document},
        )
    return cat


def _clean_decision(d: Decision) -> None:
    d.title = " ".join((d.title or "").split())
    if not d.title:
        raise ParticipationError("请填写事项名称。", field="title")
    if d.category not in Category.values:
        raise ParticipationError("请选择决策类别。", field="category")
    d.planned = (d.planned or "").strip()
    if not d.planned:
        raise ParticipationError("请填写计划完成时间（月份如 2026-06，或季度如 2026Q3）。", field="planned")
    d.methods = [m for m in (d.methods or []) if m in Method.values]
    if d.category in mandatory_categories() and "consultation" not in d.methods:
        raise ParticipationError(
            f"“{Category(d.category).label}”类事项须向社会公开征求意见（本县规定）：请在公众参与方式中选择“征求意见”。",
            field="methods",
        )


def add_decision(catalog: DecisionCatalog, *, actor, reason: str = "", **fields) -> Decision:
    """A catalogue item. Added after the catalogue was published, it is an adjustment and needs a reason."""
    if not access.can_manage_catalog(actor, catalog):
        refuse(actor, catalog.unit)
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    catalog = DecisionCatalog.objects.get(pk=catalog.pk)  # the caller's copy may predate the publication
    if catalog.published_at and not reason.strip():
        raise ParticipationError(
            "目录公布后增加事项属于目录调整，请说明理由（将与目录一并公开）。", field="reason"
        )
    with transaction.atomic():
        if "seq" not in fields:
            fields["seq"] = catalog.decisions.count() + 1
        d = Decision(catalog=catalog, stage_changed_on=timezone.localdate(), **fields)
        _clean_decision(d)
        d.save()
        DecisionStep.objects.create(
            decision=d, stage="drafting", on=d.stage_changed_on, note="列入目录", actor=actor
        )
        if catalog.published_at:
            CatalogAdjustment.objects.create(
                catalog=catalog,
                adjusted_on=timezone.localdate(),
                description=f"增加事项：{d.title}",
                reason=reason.strip(),
            )
        record(
            actor,
            "decision_added",
            d,
            unit=d.unit,
            after={"title": d.title, "category": d.category},
            reason=reason,
        )
    return d


def adjust_catalog(
    decision: Decision, *, actor, reason: str, planned: str = "", withdraw: bool = False
) -> Decision:
    """A recorded adjustment (动态调整) of a published catalogue: a new planned time, or the item taken out."""
    if not access.can_manage_catalog(actor, decision.catalog):
        refuse(actor, decision.catalog.unit)
    reason = required_text(reason, "请说明调整理由（将与目录一并公开）。", "reason")
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(pk=decision.pk)
        before = {"planned": d.planned, "withdrawn": bool(d.withdrawn_reason)}
        parts = []
        if planned.strip() and planned.strip() != d.planned:
            parts.append(f"“{d.title}”计划完成时间由{d.planned}调整为{planned.strip()}")
            d.planned = planned.strip()
        if withdraw:
            parts.append(f"“{d.title}”调出目录")
            d.withdrawn_reason = reason
        if not parts:
            raise ParticipationError("请填写新的计划完成时间，或选择调出目录。", field="planned")
        d.save()
        CatalogAdjustment.objects.create(
            catalog=d.catalog, adjusted_on=timezone.localdate(), description="；".join(parts), reason=reason
        )
        record(
            actor,
            "catalog_adjusted",
            d,
            unit=d.unit,
            before=before,
            after={"planned": d.planned, "withdrawn": bool(d.withdrawn_reason)},
            reason=reason,
        )
    return d


def update_record(decision: Decision, *, actor, **fields) -> Decision:
    """Record the hearing, legality-review and evaluation dates and records (全过程记录, 第33条)."""
    if not access.can_manage_decision(actor, decision):
        refuse(actor, decision.unit)
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(pk=decision.pk)
        before = {k: getattr(d, k) for k in fields}
        for key, value in fields.items():
            setattr(d, key, value)
        if d.result_publication is not None and d.result_publication.state != "published":
            raise ParticipationError(
                "决策文件须为已发布的信息（政策文件库中的正式文件）。", field="result_publication"
            )
        d.save()
        record(
            actor,
            "decision_recorded",
            d,
            unit=d.unit,
            before=before,
            after={k: getattr(d, k) for k in fields},
        )
    return d


def _consultation_done(d: Decision) -> bool:
    return d.consultations.filter(feedback_published_at__isnull=False).exists()


def stage_problems(d: Decision, target: str) -> list[str]:
    """What prevents ``d`` from reaching ``target`` now (the rules of the 条例 and the county, as data)."""
    if d.withdrawn_reason:
        return ["该事项已调出目录。"]
    if target not in rules.allowed_next(d.stage):
        nxt = "、".join(rules.stage(code).label for code in rules.allowed_next(d.stage)) or "（无）"
        return [f"事项当前处于“{rules.stage(d.stage).label}”阶段，下一阶段只能是：{nxt}。"]
    problems: list[str] = []
    if target == "hearing":
        problems += rules.hearing_problems(
            hearing_on=d.hearing_on,
            participants_published_on=d.participants_published_on,
            materials_sent_on=d.materials_sent_on,
        )
    if target == "decided":
        problems += rules.legality_problems(
            sent_on=d.legality_sent_on,
            opinion_on=d.legality_opinion_on,
            lawful=d.legality_lawful,
            count_working_days=lambda a, b: calendar.count_working_days(a, b).count,
        )
        if d.category in mandatory_categories() and not _consultation_done(d):
            problems.append(
                f"“{Category(d.category).label}”类事项须完成公众参与后方可作出决定（本县规定，依据{rules.stage('consultation').basis}）："
                "请先完成公开征求意见并公布意见采纳情况反馈。"
            )
    if target == "published" and d.result_publication is None:
        problems.append("请先关联已发布的决策文件（第三十二条：决策应当及时公布）。")
    if target == "evaluated":
        if d.evaluation_unit is None:
            problems.append("请填写承担决策后评估的单位。")
        elif d.pre_assessment_unit_id and d.evaluation_unit_id == d.pre_assessment_unit_id:
            problems.append(
                f"决策后评估不得由承担决策前评估的单位（{d.pre_assessment_unit}）进行（{rules.stage('evaluated').basis}）：请另行确定评估单位。"
            )
        if not d.evaluation_summary.strip():
            problems.append("请填写评估结论。")
    return problems


def advance(decision: Decision, *, actor, to: str, on: date | None = None, note: str = "") -> Decision:
    """Move a decision to its next stage, with the date and the record; refused with every problem listed."""
    if not access.can_manage_decision(actor, decision):
        refuse(actor, decision.unit)
    on = on or timezone.localdate()
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(pk=decision.pk)
        problems = stage_problems(d, to)
        if problems:
            raise ParticipationError("；".join(problems), field="to")
        if on < d.stage_changed_on:
            raise ParticipationError(
                f"日期早于上一阶段的日期（{d.stage_changed_on:%Y年%m月%d日}），请核对。", field="on"
            )
        before = d.stage
        d.stage, d.stage_changed_on = to, on
        d.save(update_fields=["stage", "stage_changed_on", "updated_at"])
        DecisionStep.objects.create(decision=d, stage=to, on=on, note=note.strip(), actor=actor)
        record(
            actor,
            "decision_advanced",
            d,
            unit=d.unit,
            before={"stage": before},
            after={"stage": to, "on": on},
            reason=note,
        )
    return d


def publish_completion(catalog: DecisionCatalog, *, actor, now=None) -> DecisionCatalog:
    """年终总公开: publish the year-end completion list of the catalogue."""
    if not access.can_manage_catalog(actor, catalog):
        refuse(actor, catalog.unit)
    if not catalog.published_at:
        raise ParticipationError("目录尚未公布。")
    with transaction.atomic():
        cat = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
        cat.completion_published_at = now or timezone.now()
        cat.save(update_fields=["completion_published_at"])
        record(actor, "completion_published", cat, unit=cat.unit, after={"completion_published": True})
    return cat


def publications_for(unit: Unit):
    """Published items a decision may link as its result (the unit's, newest first)."""
    return Publication.objects.filter(state="published", unit=unit).order_by("-published_at")
