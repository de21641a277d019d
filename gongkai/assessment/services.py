"""Business actions of the assessment (考核): schemes and indicators, entries and their confirmation, computing,
closing (freezing) and recalculating a period. Each action: one transaction + one audit event.

Computing reads the figures other apps offer (``gongkai.common.figures``) — never their tables — outside any
transaction, then writes every unit's snapshot in one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import figures, storedfiles
from gongkai.core import assessment as scoring
from gongkai.core import filetype
from gongkai.core.filetype import Kind
from gongkai.orgs.models import Unit

from . import access
from .errors import AssessmentError
from .models import Entry, Indicator, Period, Scheme, Score
from .vocab import ASSESSED_KINDS, Group, IndicatorKind, PeriodKind, PeriodState

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Evidence files by content (core.filetype): PDF, images, Word/Excel/WPS, OFD; never HTML, archives or programs.
EVIDENCE_KINDS = (Kind.PDF, Kind.JPEG, Kind.PNG, Kind.DOCX, Kind.XLSX, Kind.DOC, Kind.XLS, Kind.OFD)
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))

Progress = Callable[[int, int], None] | None


def _require(ok: bool, message: str, **kwargs: Any) -> None:
    if not ok:
        raise AssessmentError(message, code=kwargs.pop("code", "forbidden"), **kwargs)


def _decimal(value: Any, field: str, label: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise AssessmentError(f"{label}应为数字，如 4 或 4.5。", field=field) from None


def _d(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def assessed_units():
    """The units assessed: active, of the kinds that are ranked (not the county government or its office)."""
    return Unit.objects.filter(is_active=True, kind__in=ASSESSED_KINDS).order_by("sort_order", "id")


# --- schemes and indicators -------------------------------------------------------------------------------------


@transaction.atomic
def create_scheme(year: int, *, actor, title: str = "", weight: Any = 4, bonus_cap: Any = 5) -> Scheme:
    """A year's scheme with its periods: four quarters (平时考核, counted from 1 January to the quarter's end) and
    the year (年终考核)."""
    _require(access.can_manage(actor), "只有政务公开办可以制定考核方案。")
    if Scheme.objects.filter(year=year).exists():
        raise AssessmentError(f"{year}年度的考核方案已存在，请在原方案上修改。", field="year", code="exists")
    weight_dec = _decimal(weight, "weight", "权重")
    error = scoring.weight_error(float(weight_dec))
    if error:
        raise AssessmentError(error, field="weight")
    cap = _decimal(bonus_cap, "bonus_cap", "加分上限")
    if cap < 0:
        raise AssessmentError("加分上限不能为负数；不设加分请填0。", field="bonus_cap")
    scheme = Scheme.objects.create(
        year=year,
        title=(title or f"{year}年度政务公开工作考核方案").strip()[:200],
        weight=weight_dec,
        bonus_cap=cap,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for number, (month, day) in enumerate(QUARTER_ENDS, start=1):
        Period.objects.create(
            scheme=scheme,
            kind=PeriodKind.QUARTER,
            number=number,
            start=date(year, 1, 1),
            end=date(year, month, day),
        )
    Period.objects.create(
        scheme=scheme, kind=PeriodKind.YEAR, number=0, start=date(year, 1, 1), end=date(year, 12, 31)
    )
    audit.record(
        actor=actor,
        action="assessment.scheme_created",
        obj=scheme,
        after={"year": year, "weight": str(weight_dec), "bonus_cap": str(cap)},
    )
    return scheme


@transaction.atomic
def update_scheme(scheme: Scheme, *, actor, title: str, weight: Any, bonus_cap: Any) -> Scheme:
    _require(access.can_manage(actor), "只有政务公开办可以修改考核方案。")
    weight_dec = _decimal(weight, "weight", "权重")
    error = scoring.weight_error(float(weight_dec))
    if error:
        raise AssessmentError(error, field="weight")
    cap = _decimal(bonus_cap, "bonus_cap", "加分上限")
    if cap < 0:
        raise AssessmentError("加分上限不能为负数；不设加分请填0。", field="bonus_cap")
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    before = {"title": scheme.title, "weight": str(scheme.weight), "bonus_cap": str(scheme.bonus_cap)}
    scheme.title = (title or scheme.title).strip()[:200]
    scheme.weight, scheme.bonus_cap = weight_dec, cap
    scheme.save()
    audit.record(
        actor=actor,
        action="assessment.scheme_updated",
        obj=scheme,
        before=before,
        after={"title": scheme.title, "weight": str(weight_dec), "bonus_cap": str(cap)},
    )
    return scheme


@transaction.atomic
def add_indicator(
    scheme: Scheme,
    *,
    actor,
    group: str,
    name: str,
    kind: str,
    points: Any = 0,
    source_key: str = "",
    method: str = "",
    target: float | None = None,
    partial: bool = False,
    per_item: float = 0,
    floor: float = 0,
    required: float | None = None,
    order: int | None = None,
) -> Indicator:
    """One indicator. An automatic one needs a registered figure source and a usable rule (core.assessment)."""
    _require(access.can_manage(actor), "只有政务公开办可以设置考核指标。")
    name = (name or "").strip()[:200]
    if not name:
        raise AssessmentError("请填写指标名称。", field="name")
    if group not in Group.values:
        raise AssessmentError("请选择指标类别。", field="group")
    if kind not in IndicatorKind.values:
        raise AssessmentError("请选择计分类别。", field="kind")
    if scheme.indicators.filter(name=name).exists():
        raise AssessmentError(f"方案中已有指标“{name}”，请换一个名称。", field="name", code="exists")
    pts = _decimal(points or 0, "points", "分值")
    if pts < 0:
        raise AssessmentError("分值不能为负数。", field="points")
    if kind in (IndicatorKind.AUTO, IndicatorKind.MANUAL, IndicatorKind.BONUS) and pts <= 0:
        raise AssessmentError(
            "该类指标需要填写大于0的分值（加分指标的分值是每次可加的上限）。", field="points"
        )
    indicator = Indicator(
        scheme=scheme,
        group=group,
        name=name,
        kind=kind,
        points=pts,
        order=order if order is not None else scheme.indicators.count() + 1,
    )
    if kind == IndicatorKind.AUTO:
        if figures.source(source_key) is None:
            raise AssessmentError(
                f"数据来源“{source_key or '（未选）'}”不存在：请从列出的数据来源中选择（尚未接入的数据不能自动计分，"
                "可改为人工评分）。",
                field="source_key",
            )
        if method not in scoring.Method.__members__.values():
            raise AssessmentError("请选择自动计分方式。", field="method")
        indicator.source_key, indicator.method = source_key, method
        indicator.target, indicator.partial = target, bool(partial)
        indicator.per_item, indicator.floor, indicator.required = (
            float(per_item or 0),
            float(floor or 0),
            required,
        )
        error = scoring.rule_error(indicator.rule())
        if error:
            raise AssessmentError(error, field="method")
    indicator.save()
    audit.record(
        actor=actor,
        action="assessment.indicator_added",
        obj=indicator,
        after={
            "scheme": scheme.year,
            "group": group,
            "kind": kind,
            "points": str(pts),
            "source": indicator.source_key,
            "method": indicator.method,
        },
    )
    return indicator


@transaction.atomic
def remove_indicator(indicator: Indicator, *, actor) -> None:
    _require(access.can_manage(actor), "只有政务公开办可以删除考核指标。")
    if indicator.scheme.periods.filter(state=PeriodState.CLOSED).exists():
        raise AssessmentError(
            "方案已有结束的考核期，指标不能删除（已冻结的成绩引用它）；可将分值调整后重新计算。"
        )
    if indicator.entries.exists():
        raise AssessmentError("该指标已有评分记录，不能删除。")
    audit.record(
        actor=actor,
        action="assessment.indicator_removed",
        obj=indicator,
        before={"name": indicator.name, "points": str(indicator.points)},
    )
    indicator.delete()


# --- entries ---------------------------------------------------------------------------------------------------


def check_evidence(upload) -> tuple[str, bytes]:
    """The evidence file's safe name (its stem + the sniffed kind's extension) and content."""
    try:
        checked = filetype.check(upload, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES)
    except filetype.FileTypeError as exc:
        raise AssessmentError(str(exc), field="evidence", code=exc.code) from None
    return f"{Path(checked.name).stem or '佐证材料'}.{checked.kind.value}", checked.data


def enter(
    period: Period,
    *,
    actor,
    unit: Unit,
    indicator: Indicator,
    points: Any = 0,
    reason: str,
    evidence=None,
    evidence_link: str = "",
) -> Entry:
    """人工评分 / 加分 / 扣分 / 一票否决 for ``unit``, with evidence (a file or a link) and a reason; counted once a
    second person confirms it. The file is checked before the transaction."""
    if indicator.scheme_id != period.scheme_id:
        raise AssessmentError("该指标不属于本考核期的方案。", field="indicator")
    if indicator.kind == IndicatorKind.AUTO:
        raise AssessmentError(
            "自动计分指标由平台数据计算，不能人工录入；请选择人工评分、加分、扣分或否决项。",
            field="indicator",
        )
    _require(
        access.can_enter(actor, unit, indicator.kind),
        "只能为本单位录入人工评分或加分（自评），扣分和一票否决由政务公开办录入。",
        field="indicator",
    )
    if period.is_closed:
        raise AssessmentError(
            "该考核期已结束、成绩已冻结，不能再录入；如确需更正，请政务公开办说明理由后重新计算。"
        )
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(
            "请写明评分理由（做了什么、依据哪项材料，或扣分、否决的事实）。", field="reason"
        )
    pts = _decimal(points or 0, "points", "分数")
    if indicator.kind == IndicatorKind.VETO:
        pts = Decimal("0")
    elif pts <= 0:
        raise AssessmentError("分数应大于0（扣分也填正数，表示扣去的分数）。", field="points")
    elif indicator.points and pts > indicator.points:
        raise AssessmentError(f"分数不能超过该指标的分值{indicator.points}分。", field="points")
    evidence_link = (evidence_link or "").strip()
    if evidence is None and not evidence_link and indicator.kind != IndicatorKind.DEDUCTION:
        raise AssessmentError("请上传佐证材料或填写佐证链接。", field="evidence")
    if evidence_link and not evidence_link.startswith(("https://", "http://")):
        raise AssessmentError("佐证链接应以 http:// 或 https:// 开头。", field="evidence_link")
    checked = check_evidence(evidence) if evidence is not None else None
    with storedfiles.atomic():
        entry = Entry(
            period=period,
            unit=unit,
            indicator=indicator,
            points=pts,
            reason=reason[:2000],
            evidence_link=evidence_link[:500],
            entered_by=actor if getattr(actor, "pk", None) else None,
        )
        if checked is not None:
            name, data = checked
            entry.evidence_name = name
            entry.evidence_sha256 = storedfiles.save_file(
                entry.evidence_file, f"p{period.pk}u{unit.pk}{Path(name).suffix}", data
            )
        entry.save()
        audit.record(
            actor=actor,
            action="assessment.entered",
            obj=entry,
            unit=unit,
            after={
                "period": period.label,
                "indicator": indicator.name,
                "kind": indicator.kind,
                "points": str(pts),
                "evidence": entry.evidence_name or entry.evidence_link,
            },
            reason=reason[:500],
        )
    return entry


@transaction.atomic
def confirm(entry: Entry, *, actor) -> Entry:
    """双人确认: the office confirms an entry someone else entered; from then on it counts."""
    entry = Entry.objects.select_for_update().select_related("period", "indicator").get(pk=entry.pk)
    _require(access.can_confirm(actor, entry), "评分须由政务公开办的另一人确认，录入人不能确认自己的录入。")
    if entry.period.is_closed:
        raise AssessmentError("该考核期已结束、成绩已冻结，不能再确认。")
    if entry.confirmed:
        raise AssessmentError("该评分已确认。", code="already")
    entry.confirmed_by = actor if getattr(actor, "pk", None) else None
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_by", "confirmed_at"])
    audit.record(
        actor=actor,
        action="assessment.confirmed",
        obj=entry,
        unit=entry.unit,
        before={"confirmed": False},
        after={"confirmed": True, "points": str(entry.points), "indicator": entry.indicator.name},
    )
    return entry


# --- computing -------------------------------------------------------------------------------------------------


def figure_value(method: str, fig: figures.Figure) -> float | None:
    """The number a rule scores: for a ratio rule the percentage numerator / denominator when the figure gives its
    parts (a source whose value is the count, like workplan's tasks done), None when the denominator is 0 (nothing
    to count); otherwise the figure's value."""
    if method == scoring.Method.RATIO and fig.denominator is not None and fig.numerator is not None:
        if not fig.denominator:
            return None
        return 100.0 * float(fig.numerator) / float(fig.denominator)
    return None if fig.value is None else float(fig.value)


def _fig_line(indicator: Indicator, fig: figures.Figure | None) -> dict:
    rule = indicator.rule()
    if fig is None:
        scored = scoring.Scored(float(indicator.points), "数据来源未接入，按满分计")
        fig = figures.Figure(None)
    else:
        required = fig.extra.get("required") if isinstance(fig.extra, dict) else None
        scored = scoring.auto_points(rule, figure_value(rule.method, fig), required=required)
    return {
        "earned": scored.points,
        "explanation": scored.explanation,
        "value": fig.value,
        "numerator": fig.numerator,
        "denominator": fig.denominator,
        "detail_url": fig.detail_url,
        "note": fig.note,
    }


def score_lines(
    indicators: list[Indicator], unit: Unit, figs: dict[int, dict[int, figures.Figure]], entries: list[Entry]
) -> list[dict]:
    """The snapshot lines of one unit (``figs``: indicator id → unit id → Figure)."""
    by_indicator: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_indicator[entry.indicator_id].append(entry)
    lines: list[dict] = []
    for ind in indicators:
        line: dict = {
            "indicator": ind.pk,
            "name": ind.name,
            "group": ind.group,
            "group_label": ind.get_group_display(),
            "kind": ind.kind,
            "kind_label": ind.get_kind_display(),
            "max": float(ind.points),
            "source": ind.source_key,
            "value": None,
            "numerator": None,
            "denominator": None,
            "detail_url": "",
            "note": "",
        }
        mine = by_indicator.get(ind.pk, [])
        line["entries"] = [e.pk for e in mine]
        vetoed = False
        if ind.kind == IndicatorKind.AUTO:
            line.update(_fig_line(ind, figs.get(ind.pk, {}).get(unit.pk)))
        else:
            earned = float(sum((e.points for e in mine), Decimal("0")))
            if ind.kind == IndicatorKind.VETO:
                vetoed = bool(mine)
                line["explanation"] = "否决：" + "；".join(e.reason for e in mine) if vetoed else "未触发"
            elif ind.kind == IndicatorKind.MANUAL:
                line["explanation"] = f"已确认评分{len(mine)}项" if mine else "待评分"
                earned = min(earned, float(ind.points))  # several entries never exceed the indicator's points
            else:
                line["explanation"] = "；".join(e.reason for e in mine)
            line["earned"] = round(earned, 2)
        line["vetoed"] = vetoed
        lines.append(line)
    return lines


def _compute(period: Period, progress: Progress) -> list[Score]:
    """Every assessed unit's unsaved Score of ``period`` (reads only; no transaction)."""
    scheme = period.scheme
    indicators = list(scheme.indicators.all())
    units = list(assessed_units())
    autos = [i for i in indicators if i.kind == IndicatorKind.AUTO]
    steps = len(autos) + 1
    figs: dict[int, dict[int, figures.Figure]] = {}
    for done, ind in enumerate(autos, start=1):
        if figures.source(ind.source_key) is not None:
            figs[ind.pk] = figures.compute_many(
                ind.source_key, units=units, start=period.start, end=period.end
            )
        if progress:
            progress(done, steps)
    entries: dict[int, list[Entry]] = defaultdict(list)
    for entry in period.entries.filter(confirmed_at__isnull=False):
        entries[entry.unit_id].append(entry)
    now = timezone.now()
    out = []
    for unit in units:
        lines = score_lines(indicators, unit, figs, entries.get(unit.pk, []))
        total = scoring.combine(
            [
                scoring.Line(
                    line["group"],
                    scoring.LineKind(line["kind"]),
                    line["max"],
                    line["earned"],
                    vetoed=line["vetoed"],
                )
                for line in lines
            ],
            bonus_cap=float(scheme.bonus_cap),
        )
        out.append(
            Score(
                period=period,
                unit=unit,
                total=_d(total.total),
                base=_d(total.base),
                bonus=_d(total.bonus),
                deduction=_d(total.deduction),
                max_base=_d(total.max_base),
                vetoed=list(total.vetoed_groups),
                lines=lines,
                computed_at=now,
            )
        )
    if progress:
        progress(steps, steps)
    return out


def compute_period(period: Period, *, actor, reason: str = "", progress: Progress = None) -> int:
    """Compute (or refresh) every assessed unit's score of an open period. A closed period's frozen scores are
    recalculated only with a reason (重新计算: an audited, explained event), and stay frozen."""
    _require(access.can_manage(actor), "只有政务公开办可以计算考核成绩。")
    period = Period.objects.select_related("scheme").get(pk=period.pk)
    reason = (reason or "").strip()
    if period.is_closed and not reason:
        raise AssessmentError(
            "该考核期已结束，成绩已冻结，以后的数据变化不影响它；如确需重新计算，请写明理由。", field="reason"
        )
    scores = _compute(period, progress)
    return _store(period, scores, actor=actor, reason=reason, freeze=period.is_closed)


@transaction.atomic
def _store(
    period: Period, scores: list[Score], *, actor, reason: str, freeze: bool, closing: bool = False
) -> int:
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed and not closing and not reason:
        raise AssessmentError("该考核期已在计算期间结束，成绩已冻结。", code="frozen")
    before = {str(u): str(t) for u, t in Score.objects.filter(period=period).values_list("unit_id", "total")}
    Score.objects.filter(period=period).delete()
    for score in scores:
        score.frozen = freeze
    Score.objects.bulk_create(scores, batch_size=500)
    period.computed_at = timezone.now()
    if closing:
        period.state = PeriodState.CLOSED
        period.closed_at = period.computed_at
        period.closed_by = actor if getattr(actor, "pk", None) else None
    period.save()
    after = {str(s.unit_id): f"{s.total:.2f}" for s in scores}
    if closing:
        action = "assessment.closed"
    elif reason:
        action = "assessment.recalculated"
    else:
        action = "assessment.computed"
    changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    audit.record(
        actor=actor,
        action=action,
        obj=period,
        object_repr=period.label,
        before={"units": len(before)} if not reason else {"totals": {k: v[0] for k, v in changed.items()}},
        after={"units": len(after), "changed": len(changed)}
        if not reason
        else {"totals": {k: v[1] for k, v in changed.items()}},
        reason=reason[:500],
    )
    return len(scores)


def close_period(period: Period, *, actor, progress: Progress = None) -> int:
    """结束考核期: compute the final scores and freeze them (later data no longer changes them)."""
    _require(access.can_manage(actor), "只有政务公开办可以结束考核期。")
    period = Period.objects.select_related("scheme").get(pk=period.pk)
    if period.is_closed:
        raise AssessmentError("该考核期已结束。", code="already")
    scores = _compute(period, progress)
    return _store(period, scores, actor=actor, reason="", freeze=True, closing=True)
