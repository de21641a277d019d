"""Figures foi offers other apps through ``gongkai.common.figures`` (数据来源): the annual report's table 三
(收到和处理政府信息公开申请情况) and table 四 (行政复议、行政诉讼), and the 信息处理费 collected.

Counting rules (国办公开办函〔2021〕30号, the format's own 勾稽 rule 一 + 二 = （七）总计 + 四 holds by construction):

- 本年新收: received (``receipt_date``) within the period;
- 本年度办理结果: answered or closed (the reply date, else the closing date) within the period, one row per case —
  the case's outcome (``foi_rules.OUTCOMES`` = the 21 rows), the column its applicant type;
- 结转下年度: received by the period's end and not answered or closed by then;
- 上年结转 (computed): the same on the day before the period starts. The report prefers last year's published
  结转下年度 and flags this computed value when there is none.

Every cell comes with the staff list of the cases behind it (``/work/foi/?…``).
"""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from gongkai.common import figures
from gongkai.core import foi_rules as fr

TOTAL = "total"
COLUMNS = [t.code for t in fr.APPLICANT_TYPES]


def _cases(unit):
    from .models import InfoRequest

    qs = InfoRequest.objects.all()
    if unit is not None:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    return qs.annotate(done_on=Coalesce("replied_on", "closed_on"))


def _open_on(day: date) -> Q:
    """Received by ``day`` and not answered or closed by then."""
    return Q(receipt_date__lte=day) & (Q(outcome="") | Q(done_on__isnull=True) | Q(done_on__gt=day))


def _by_type(qs) -> Counter:
    return Counter(
        dict(qs.values_list("applicant_type").annotate(n=Count("id")).values_list("applicant_type", "n"))
    )


def _row(counts: Counter) -> dict[str, int]:
    row = {code: int(counts.get(code, 0)) for code in COLUMNS}
    row[TOTAL] = sum(row.values())
    return row


@functools.cache
def _path(name: str) -> str:
    return reverse(name)  # the URL configuration does not change while the process runs


def _url(name: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in ("", None)}
    return f"{_path(name)}?{urlencode(clean)}" if clean else _path(name)


def table3(*, unit, start: date, end: date) -> figures.Figure:
    """Table 三 for ``unit`` (None = every unit) over ``start``…``end``: ``extra["table"]`` row → column → count,
    ``extra["urls"]`` the same shape with the drill-down lists."""
    qs = _cases(unit)
    unit_param = getattr(unit, "pk", unit) or ""
    table: dict[str, dict[str, int]] = {}
    urls: dict[str, dict[str, str]] = {}

    def links(**params) -> dict[str, str]:
        out = {code: _url("foi:list", unit=unit_param, applicant_type=code, **params) for code in COLUMNS}
        out[TOTAL] = _url("foi:list", unit=unit_param, **params)
        return out

    table["new"] = _row(_by_type(qs.filter(receipt_date__gte=start, receipt_date__lte=end)))
    urls["new"] = links(received_from=start.isoformat(), received_to=end.isoformat())
    before = start - timedelta(days=1)
    table["carried_in"] = _row(_by_type(qs.filter(_open_on(before))))
    urls["carried_in"] = links(open_on=before.isoformat())
    done = (
        qs.exclude(outcome="")
        .filter(done_on__gte=start, done_on__lte=end)
        .values_list("outcome", "applicant_type")
        .annotate(n=Count("id"))
    )
    pairs = {(outcome, kind): n for outcome, kind, n in done}
    period = {"done_from": start.isoformat(), "done_to": end.isoformat()}
    for outcome in fr.OUTCOMES:
        table[outcome.code] = _row(Counter({k: pairs.get((outcome.code, k), 0) for k in COLUMNS}))
        urls[outcome.code] = links(outcome=outcome.code, **period)
    table[TOTAL] = {col: sum(table[o.code][col] for o in fr.OUTCOMES) for col in [*COLUMNS, TOTAL]}
    urls[TOTAL] = links(**period)
    table["carried_over"] = _row(_by_type(qs.filter(_open_on(end))))
    urls["carried_over"] = links(open_on=end.isoformat())
    return figures.Figure(
        table["new"][TOTAL],
        detail_url=urls["new"][TOTAL],
        extra={"table": table, "urls": urls},
    )


APPEAL_PARTS = ("upheld", "corrected", "other", "pending")


def table4(*, unit, start: date, end: date) -> figures.Figure:
    """Table 四: appeals filed within the period by kind × result as known at the period's end (a decision after
    it counts as 尚未审结)."""
    from .models import Appeal

    qs = Appeal.objects.filter(filed_on__gte=start, filed_on__lte=end)
    if unit is not None:
        qs = qs.filter(request__unit_id=getattr(unit, "pk", unit))
    counts: Counter = Counter()
    for kind, result, decided in qs.values_list("kind", "result", "decided_on"):
        if result != Appeal.Result.PENDING and (decided is None or decided > end):
            result = Appeal.Result.PENDING
        counts[(kind, result)] += 1
    unit_param = getattr(unit, "pk", unit) or ""
    table: dict[str, dict[str, int]] = {}
    urls: dict[str, dict[str, str]] = {}
    for kind in Appeal.Kind.values:
        row = {part: counts.get((kind, part), 0) for part in APPEAL_PARTS}
        row[TOTAL] = sum(row.values())
        table[kind] = row
        # the drill-down shows the results as known on the period's last day, as counted here
        as_of = end.isoformat()
        urls[kind] = {
            part: _url("foi:appeals", year=start.year, unit=unit_param, kind=kind, result=part, as_of=as_of)
            for part in APPEAL_PARTS
        }
        urls[kind][TOTAL] = _url("foi:appeals", year=start.year, unit=unit_param, kind=kind, as_of=as_of)
    total = sum(r[TOTAL] for r in table.values())
    return figures.Figure(
        total,
        detail_url=_url("foi:appeals", year=start.year, unit=unit_param),
        extra={"table": table, "urls": urls},
    )


def fees(*, unit, start: date, end: date) -> figures.Figure:
    """信息处理费 actually paid within the period (元), 国办函〔2020〕109号."""
    from .models import FeeNotice

    qs = FeeNotice.objects.filter(status=FeeNotice.Status.PAID, paid_on__gte=start, paid_on__lte=end)
    if unit is not None:
        qs = qs.filter(request__unit_id=getattr(unit, "pk", unit))
    agg = qs.aggregate(total=Sum("amount"), n=Count("id"))
    return figures.Figure(
        int(agg["total"] or 0),
        detail_url=_url("foi:list", unit=getattr(unit, "pk", unit) or "", year=start.year),
        extra={"notices": agg["n"]},
    )


def _on_time_counts(unit_ids: list[int] | None, start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Per unit (None = all): (answered within the period, of which by the reply deadline)."""
    qs = _cases(None).exclude(outcome="").filter(done_on__gte=start, done_on__lte=end)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    on_time = Q(due_date__isnull=True) | Q(done_on__lte=F("due_date"))
    out: dict[int | None, tuple[int, int]] = {}
    for unit_id, n, timely in qs.values_list("unit_id").annotate(
        n=Count("id"), t=Count("id", filter=on_time)
    ):
        out[unit_id] = (n, timely)
    return out


def _on_time_figure(unit_id, counts: tuple[int, int], start: date, end: date) -> figures.Figure:
    n, timely = counts
    url = _url("foi:list", unit=unit_id or "", done_from=start.isoformat(), done_to=end.isoformat())
    return figures.Figure(
        round(100 * timely / n, 1) if n else None,
        detail_url=url,
        numerator=timely,
        denominator=n,
        note=f"逾期{n - timely}件" if n - timely else "",
    )


def on_time_rate(*, unit, start: date, end: date) -> figures.Figure:
    """依申请公开按期答复率 (条例第三十三条): cases answered or closed within the period whose reply date is not
    after their reply deadline (the ledger's ``due_date``) / cases answered or closed within the period."""
    unit_id = getattr(unit, "pk", unit)
    got = _on_time_counts(None if unit_id is None else [unit_id], start, end)
    counts = (sum(n for n, _ in got.values()), sum(t for _, t in got.values()))
    return _on_time_figure(unit_id, counts, start, end)


def on_time_rate_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    got = _on_time_counts([u.pk for u in units], start, end)
    return {u.pk: _on_time_figure(u.pk, got.get(u.pk, (0, 0)), start, end) for u in units}


def _corrected_counts(unit_ids: list[int] | None, start: date, end: date) -> Counter:
    from .models import Appeal

    qs = Appeal.objects.filter(result=Appeal.Result.CORRECTED, decided_on__gte=start, decided_on__lte=end)
    if unit_ids is not None:
        qs = qs.filter(request__unit_id__in=unit_ids)
    return Counter(
        dict(qs.values_list("request__unit_id").annotate(n=Count("id")).values_list("request__unit_id", "n"))
    )


def corrected(*, unit, start: date, end: date) -> figures.Figure:
    """行政复议、行政诉讼被纠错 (结果纠正) decided within the period."""
    unit_id = getattr(unit, "pk", unit)
    counts = _corrected_counts(None if unit_id is None else [unit_id], start, end)
    return figures.Figure(
        sum(counts.values()),
        detail_url=_url("foi:appeals", year=start.year, unit=unit_id or "", result="corrected"),
    )


def corrected_many(*, units, start: date, end: date) -> dict[int, figures.Figure]:
    counts = _corrected_counts([u.pk for u in units], start, end)
    return {
        u.pk: figures.Figure(
            counts.get(u.pk, 0),
            detail_url=_url("foi:appeals", year=start.year, unit=u.pk, result="corrected"),
        )
        for u in units
    }


def register() -> None:
    figures.register(
        "foi.annual_table3",
        label="收到和处理政府信息公开申请情况（年报表三）",
        compute=table3,
        description="本年新收、上年结转（推算）、21项办理结果×6类申请人、结转下年度",
    )
    figures.register(
        "foi.annual_table4",
        label="行政复议、行政诉讼情况（年报表四）",
        compute=table4,
        description="期间内提起的复议、诉讼，按期末结果",
    )
    figures.register(
        "foi.fees",
        label="收取信息处理费",
        unit="元",
        compute=fees,
        kind="amount",
        description="期间内实际缴纳",
    )
    figures.register(
        "foi.on_time_rate",
        label="依申请公开按期答复率",
        unit="%",
        compute=on_time_rate,
        compute_many=on_time_rate_many,
        kind="ratio",
        description="期间内答复或办结的申请中，不晚于答复期限（条例第三十三条，含延期）的比例",
    )
    figures.register(
        "foi.corrected",
        label="复议诉讼被纠错件数",
        compute=corrected,
        compute_many=corrected_many,
        description="期间内审结、结果为纠正的行政复议和行政诉讼",
    )
