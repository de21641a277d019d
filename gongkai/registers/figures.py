"""Figures the registers offer other apps through ``gongkai.common.figures`` (数据来源): the assessment reads these
and never the tables. Per unit (``None`` = the county), ``start``…``end`` inclusive; each Figure links to the staff
list of the records behind it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from gongkai.common import figures

from . import selectors
from .models import Case, Evaluation, Hearing, Submission, SupervisionRecord, Training
from .vocab import SupervisionKind


def _url(name: str, unit, start: date, end: date, **more) -> str:
    params = {"date_from": start.isoformat(), "date_to": end.isoformat(), **more}
    unit_id = getattr(unit, "pk", unit)
    if unit_id is not None:
        params = {"unit": unit_id, **params}
    return reverse(f"registers:{name}") + "?" + urlencode(params)


def _qs(model, date_field: str, unit, start: date, end: date):
    qs = model.objects.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
    unit_id = getattr(unit, "pk", unit)
    return qs if unit_id is None else qs.filter(unit_id=unit_id)


def _unit_obj(unit):
    if unit is None or hasattr(unit, "kind"):
        return unit
    from gongkai.orgs.models import Unit

    return Unit.objects.filter(pk=unit).first()


def trainings_held(*, unit, start: date, end: date) -> figures.Figure:
    """Trainings the unit organised; ``extra["required"]`` the yearly count its kind must reach."""
    n = _qs(Training, "held_on", unit, start, end).count()
    need = selectors.required_trainings(_unit_obj(unit))
    return figures.Figure(
        n,
        detail_url=_url("trainings", unit, start, end),
        extra={"required": need},
        note="" if n >= need else f"少于要求的{need}次",
    )


def evaluations_done(*, unit, start: date, end: date) -> figures.Figure:
    n = _qs(Evaluation, "done_on", unit, start, end).count()
    need = selectors.required_evaluations(_unit_obj(unit))
    return figures.Figure(
        n,
        detail_url=_url("evaluations", unit, start, end),
        extra={"required": need},
        note="" if n >= need else f"少于要求的{need}次",
    )


def hearings(*, unit, start: date, end: date) -> figures.Figure:
    return figures.Figure(
        _qs(Hearing, "held_on", unit, start, end).count(), detail_url=_url("hearings", unit, start, end)
    )


def articles_adopted(*, unit, start: date, end: date) -> figures.Figure:
    """Submissions (政能亮 / 政务信息) adopted within the period (by their adoption date)."""
    qs = _qs(Submission, "adopted_on", unit, start, end).filter(adopted=True)
    by_kind = Counter(qs.values_list("kind", flat=True))
    return figures.Figure(
        sum(by_kind.values()),
        detail_url=_url("articles", unit, start, end, state="adopted"),
        extra={"by_kind": dict(by_kind)},
    )


def cases(*, unit, start: date, end: date) -> figures.Figure:
    qs = _qs(Case, "recognised_on", unit, start, end)
    return figures.Figure(
        qs.count(),
        detail_url=_url("cases", unit, start, end),
        extra={"by_level": dict(Counter(qs.values_list("level", flat=True)))},
    )


def supervision_open(*, unit, start: date, end: date) -> figures.Figure:
    """Records issued up to ``end`` whose rectification was not completed by ``end`` (as things stood at the end of
    the period); ``extra["overdue"]`` those of them past their deadline on min(end, today)."""
    qs = SupervisionRecord.objects.filter(issued_on__lte=end).exclude(completed_on__lte=end)
    unit_id = getattr(unit, "pk", unit)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    as_of = min(end, timezone.localdate())
    open_count = qs.count()
    overdue = qs.filter(due_on__lt=as_of).count()
    params = {"state": "open"}
    if unit_id is not None:
        params = {"unit": unit_id, **params}
    return figures.Figure(
        open_count,
        detail_url=reverse("registers:supervision_list") + "?" + urlencode(params),
        extra={"overdue": overdue},
        note=f"含{overdue}件逾期" if overdue else "",
    )


def supervision_records(*, unit, start: date, end: date) -> figures.Figure:
    qs = _qs(SupervisionRecord, "issued_on", unit, start, end)
    labels = dict(SupervisionKind.choices)
    by_kind = Counter(qs.values_list("kind", flat=True))
    return figures.Figure(
        sum(by_kind.values()),
        detail_url=_url("supervision_list", unit, start, end),
        extra={"by_kind": {labels[k]: n for k, n in by_kind.items()}},
    )


SOURCES = [
    (
        "registers.trainings_held",
        "组织政务公开培训次数",
        "次",
        trainings_held,
        "本单位组织的培训（专题培训、以会代训、线上）",
    ),
    (
        "registers.evaluations_done",
        "政策实施效果评价次数",
        "次",
        evaluations_done,
        "期间内完成的政策实施效果评价",
    ),
    (
        "registers.hearings",
        "领导听取汇报、专题研究次数",
        "次",
        hearings,
        "会议听取政务公开工作汇报或专题研究",
    ),
    ("registers.articles_adopted", "政能亮、政务信息被采用篇数", "篇", articles_adopted, "按采用日期计"),
    ("registers.cases", "优秀案例数", "个", cases, "入选或推广的政务公开优秀案例"),
    (
        "registers.supervision_open",
        "未完成整改的督查通报",
        "件",
        supervision_open,
        "期末未完成整改的通报批评、约谈、督查问题",
    ),
    (
        "registers.supervision_records",
        "被通报批评、约谈、督查次数",
        "次",
        supervision_records,
        "期间内针对本单位的通报批评、约谈、督查",
    ),
]


def register() -> None:
    for key, label, unit_label, compute, description in SOURCES:
        figures.register(key, label=label, unit=unit_label, compute=compute, description=description)


def overview(units, *, start: date, end: date) -> dict[int, list[figures.Figure]]:
    """The seven figures (value, drill-down, requirement and note; not the ``by_*`` breakdowns) of many units at once,
    in the order of ``SOURCES``: one grouped query per register instead of seven per unit (the overview page). The
    values are those of the single-unit sources (``tests/test_figures.py`` checks they agree)."""
    from django.db.models import Count, Q

    ids = [u.pk for u in units]

    def grouped(model, date_field: str, **extra) -> dict[int, int]:
        qs = model.objects.filter(
            unit_id__in=ids, **{f"{date_field}__gte": start, f"{date_field}__lte": end}, **extra
        )
        return dict(qs.values_list("unit_id").annotate(n=Count("id")).order_by())

    counts = {
        "trainings": grouped(Training, "held_on"),
        "evaluations": grouped(Evaluation, "done_on"),
        "hearings": grouped(Hearing, "held_on"),
        "articles": grouped(Submission, "adopted_on", adopted=True),
        "cases": grouped(Case, "recognised_on"),
        "records": grouped(SupervisionRecord, "issued_on"),
    }
    as_of = min(end, timezone.localdate())
    open_rows = (
        SupervisionRecord.objects.filter(unit_id__in=ids, issued_on__lte=end)
        .exclude(completed_on__lte=end)
        .values_list("unit_id")
        .annotate(n=Count("id"), late=Count("id", filter=Q(due_on__lt=as_of)))
        .order_by()
    )
    open_by_unit = {unit_id: (n, late) for unit_id, n, late in open_rows}
    out: dict[int, list[figures.Figure]] = {}
    for unit in units:
        held, done = counts["trainings"].get(unit.pk, 0), counts["evaluations"].get(unit.pk, 0)
        need_t, need_e = selectors.required_trainings(unit), selectors.required_evaluations(unit)
        n_open, late = open_by_unit.get(unit.pk, (0, 0))
        out[unit.pk] = [
            figures.Figure(
                held,
                detail_url=_url("trainings", unit, start, end),
                extra={"required": need_t},
                note="" if held >= need_t else f"少于要求的{need_t}次",
            ),
            figures.Figure(
                done,
                detail_url=_url("evaluations", unit, start, end),
                extra={"required": need_e},
                note="" if done >= need_e else f"少于要求的{need_e}次",
            ),
            figures.Figure(counts["hearings"].get(unit.pk, 0), detail_url=_url("hearings", unit, start, end)),
            figures.Figure(
                counts["articles"].get(unit.pk, 0),
                detail_url=_url("articles", unit, start, end, state="adopted"),
            ),
            figures.Figure(counts["cases"].get(unit.pk, 0), detail_url=_url("cases", unit, start, end)),
            figures.Figure(
                n_open,
                detail_url=reverse("registers:supervision_list")
                + "?"
                + urlencode({"unit": unit.pk, "state": "open"}),
                extra={"overdue": late},
                note=f"含{late}件逾期" if late else "",
            ),
            figures.Figure(
                counts["records"].get(unit.pk, 0), detail_url=_url("supervision_list", unit, start, end)
            ),
        ]
    return out
