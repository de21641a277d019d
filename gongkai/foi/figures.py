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

from django.db.models import Count, Q, Sum
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
