"""Reads: the case list with its filters, the actions a user may take on a case, the applicant's status lookup,
dashboard figures, the annual-report outcome table, frequent requests."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Case, Count, F, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from gongkai.common import query
from gongkai.core import foi_rules as fr
from gongkai.orgs.models import Unit

from . import access, codes, deadlines
from .models import Extension, InfoRequest

State = InfoRequest.State


def visible(user) -> QuerySet:
    """The cases the user may see (``access.can_see`` as a query)."""
    return access.scope(user, InfoRequest.objects.all())


def lookup(tracking_code: str, verification_code: str) -> InfoRequest | None:
    """The public status page's lookup: both codes must match; no hint which one was wrong."""
    code = codes.normalize(tracking_code)
    case = InfoRequest.objects.filter(tracking_code=code).select_related("unit").first() if code else None
    if case is None or not codes.check_verification(verification_code, case.verification_hash):
        return None
    return case


def month_item_count(case) -> int:
    """Applications by the same applicant received in the same calendar month (the basis of 按件计收)."""
    received = case.receipt_date
    return InfoRequest.objects.filter(
        applicant_key=case.applicant_key,
        receipt_date__year=received.year,
        receipt_date__month=received.month,
    ).count()


def register_units(user) -> QuerySet:
    """The active units whose applications the user may register (``access.register_unit_ids``)."""
    units = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    ids = access.register_unit_ids(user)
    return units if ids is None else units.filter(pk__in=ids)


def case_actions(user, case) -> set[str]:
    """The actions of the case page the user may take now (each a form or a button), by the case's state and
    the user's rights (``access``)."""
    actions: set[str] = set()
    state = case.state
    handles = access.can_handle(user, case)
    if handles and case.is_open:
        actions |= {"assign", "note"}
        if state in (State.NEW, State.IN_PROGRESS) and not case.corrections.exists():
            actions.add("correction")
        if state in InfoRequest.RUNNING_STATES:
            actions.add("extension")
        if state in (State.IN_PROGRESS, State.CONSULTING):
            actions.add("consult")
        if state == State.IN_PROGRESS:
            actions.add("fee")
        if state in (State.NEW, State.IN_PROGRESS, State.READY):
            actions.add("reply")
        if state == State.AWAITING_CORRECTION:
            actions |= {"correction_received", "correction_lapsed"}
    if handles and state == State.REPLIED:
        actions.add("close")
    if handles and state in (State.REPLIED, State.CLOSED):
        actions.add("reopen")
    if handles:
        actions |= {
            "subject",
            "appeal",
            "attachment",
            "letter",
            "consult_end",
            "fee_paid",
            "fee_lapsed",
            "appeal_update",
        }
        actions |= {"send", "reset_code"}
    if access.can_approve_extension(user, case):
        actions.add("ext_decision")
    if access.can_countersign(user, case):
        actions.add("countersign")
    return actions


def _id_text(value) -> str:
    return str(query.to_id(value) or "")


@dataclass
class Filters:
    state: str = ""
    unit: str = ""
    outcome: str = ""
    applicant_type: str = ""
    channel: str = ""
    due: str = ""
    keyword: str = ""
    year: str = ""
    mine: bool = False
    extension: str = ""
    subject: str = ""
    received_from: date | None = None
    received_to: date | None = None
    done_from: date | None = None  # answered or closed on or after (the annual report's drill-down)
    done_to: date | None = None
    open_on: date | None = None  # received by that day and not answered or closed by then

    @classmethod
    def from_query(cls, params) -> Filters:
        def day(name):
            try:
                return date.fromisoformat(params.get(name, ""))
            except ValueError:
                return None

        return cls(
            state=params.get("state", "")[:30],
            # Ids and years through the query form fields: "²" or 99999999999999999999999 count as absent.
            unit=_id_text(params.get("unit")),
            outcome=params.get("outcome", "")[:40],
            applicant_type=params.get("applicant_type", "")[:30],
            channel=params.get("channel", "")[:20],
            due=params.get("due", "")[:20],
            keyword=query.to_text(params.get("q"), 100),
            year=str(query.to_year(params.get("year")) or ""),
            mine=params.get("mine") == "1",
            extension=params.get("extension", "")[:20],
            subject="none" if params.get("subject") == "none" else _id_text(params.get("subject")),
            received_from=day("received_from"),
            received_to=day("received_to"),
            done_from=day("done_from"),
            done_to=day("done_to"),
            open_on=day("open_on"),
        )


def case_list(user, filters: Filters, today: date | None = None) -> QuerySet:
    today = today or deadlines.today()
    qs = visible(user).select_related("unit", "officer", "subject")
    if filters.state == "open":
        qs = qs.filter(state__in=InfoRequest.OPEN_STATES)
    elif filters.state in State.values:
        qs = qs.filter(state=filters.state)
    if filters.unit.isdigit():
        qs = qs.filter(unit_id=int(filters.unit))
    if filters.outcome in fr.OUTCOME_BY_CODE:
        qs = qs.filter(outcome=filters.outcome)
    elif filters.outcome in fr.GROUP_BY_CODE:
        qs = qs.filter(outcome__in=[o.code for o in fr.outcomes_in(filters.outcome)])
    if filters.applicant_type in fr.APPLICANT_TYPE_BY_CODE:
        qs = qs.filter(applicant_type=filters.applicant_type)
    if filters.channel in fr.CHANNEL_BY_CODE:
        qs = qs.filter(channel=filters.channel)
    running = Q(state__in=InfoRequest.OPEN_STATES, clock_running=True, due_date__isnull=False)
    if filters.due == "overdue":
        qs = qs.filter(running, due_date__lt=today)
    elif filters.due == "due_soon":
        qs = qs.filter(running, due_date__gte=today, due_date__lte=deadlines.soon_cutoff(today))
    elif filters.due == "stopped":
        qs = qs.filter(state__in=InfoRequest.OPEN_STATES, clock_running=False)
    elif filters.due == "late":
        qs = qs.filter(on_time=False)
    if filters.year.isdigit():
        qs = qs.filter(receipt_date__year=int(filters.year))
    if filters.received_from:
        qs = qs.filter(receipt_date__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(receipt_date__lte=filters.received_to)
    if filters.done_from or filters.done_to or filters.open_on:
        qs = qs.annotate(done_on=Coalesce("replied_on", "closed_on"))
    if filters.done_from:
        qs = qs.exclude(outcome="").filter(done_on__gte=filters.done_from)
    if filters.done_to:
        qs = qs.exclude(outcome="").filter(done_on__lte=filters.done_to)
    if filters.open_on:
        qs = qs.filter(receipt_date__lte=filters.open_on).filter(
            Q(outcome="") | Q(done_on__isnull=True) | Q(done_on__gt=filters.open_on)
        )
    if filters.mine:
        qs = qs.filter(officer=user)
    if filters.extension == "requested":
        qs = qs.filter(
            extensions__status=Extension.Status.REQUESTED, state__in=InfoRequest.OPEN_STATES
        ).distinct()
    if filters.subject == "none":
        qs = qs.filter(subject__isnull=True)
    elif filters.subject.isdigit():
        qs = qs.filter(subject_id=int(filters.subject))
    if filters.keyword:
        # Chinese has no letter case: a plain LIKE avoids UPPER() on every row (twice as fast on PostgreSQL).
        match_kind = "icontains" if any(c.isascii() and c.isalpha() for c in filters.keyword) else "contains"
        match = (
            Q(**{f"serial__{match_kind}": filters.keyword})
            | Q(**{f"description__{match_kind}": filters.keyword})
            | Q(**{f"doc_number__{match_kind}": filters.keyword})
        )
        code = codes.normalize(filters.keyword)
        if code:
            match |= Q(tracking_code=code)
        qs = qs.filter(match)
    return qs.order_by("-receipt_date", "-id")


# --- dashboard figures -------------------------------------------------------------------------------------------
@dataclass
class Stats:
    total: int = 0
    open_by_state: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, n)
    open_total: int = 0
    due_soon: int = 0
    overdue: int = 0
    stopped: int = 0
    replied: int = 0
    avg_handling_days: float | None = None
    on_time_rate: float | None = None
    late: int = 0
    outcomes: list[tuple[fr.Outcome, int]] = field(default_factory=list)
    by_unit: list[dict] = field(default_factory=list)


def stats(qs: QuerySet, today: date | None = None, table: OutcomeTable | None = None) -> Stats:
    """Figures over ``qs`` (already scoped) in one conditional aggregate (plus the outcome table if not given)."""
    today = today or deadlines.today()
    cutoff = deadlines.soon_cutoff(today)
    open_q = Q(state__in=InfoRequest.OPEN_STATES)
    running = open_q & Q(clock_running=True, due_date__isnull=False)
    answered = Q(on_time__isnull=False)
    aggregates = {f"st_{c}": Count("id", filter=Q(state=c)) for c in InfoRequest.OPEN_STATES}
    aggregates.update(
        total=Count("id"),
        overdue=Count("id", filter=running & Q(due_date__lt=today)),
        due_soon=Count("id", filter=running & Q(due_date__gte=today, due_date__lte=cutoff)),
        stopped=Count("id", filter=open_q & Q(clock_running=False)),
        answered=Count("id", filter=answered),
        ok=Count("id", filter=Q(on_time=True)),
        avg=Avg("handling_days", filter=answered),
    )
    counts = qs.order_by().aggregate(**aggregates)
    figures = Stats(
        total=counts["total"],
        overdue=counts["overdue"],
        due_soon=counts["due_soon"],
        stopped=counts["stopped"],
    )
    figures.open_by_state = [(c, State(c).label, counts[f"st_{c}"]) for c in InfoRequest.OPEN_STATES]
    figures.open_total = sum(n for _, _, n in figures.open_by_state)
    figures.replied = counts["answered"]
    figures.avg_handling_days = round(counts["avg"], 1) if counts["avg"] is not None else None
    figures.on_time_rate = round(100.0 * counts["ok"] / counts["answered"], 1) if counts["answered"] else None
    figures.late = counts["answered"] - counts["ok"]
    table = table or outcome_table(qs)
    figures.outcomes = [(o, total) for o, _, total in table.rows]
    return figures


def years(qs: QuerySet) -> list[int]:
    """Years with applications, newest first (min/max through the receipt_date index, not a scan)."""
    span = qs.order_by().aggregate(first=Min("receipt_date"), last=Max("receipt_date"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def stats_by_unit(qs: QuerySet, today: date | None = None) -> list[dict]:
    today = today or deadlines.today()
    running = Q(state__in=InfoRequest.OPEN_STATES, clock_running=True, due_date__isnull=False)
    rows = (
        qs.order_by()
        .values("unit_id", "unit__name", "unit__short_name", "unit__sort_order")
        .annotate(
            n_total=Count("id"),
            n_open=Count("id", filter=Q(state__in=InfoRequest.OPEN_STATES)),
            n_overdue=Count("id", filter=running & Q(due_date__lt=today)),
            n_answered=Count("id", filter=Q(on_time__isnull=False)),
            n_on_time=Count("id", filter=Q(on_time=True)),
            avg_days=Avg("handling_days", filter=Q(on_time__isnull=False)),
        )
        .order_by("unit__sort_order", "unit_id")
    )
    out = []
    for row in rows:
        out.append(
            {
                "unit_id": row["unit_id"],
                "name": row["unit__short_name"] or row["unit__name"],
                "total": row["n_total"],
                "open": row["n_open"],
                "overdue": row["n_overdue"],
                "answered": row["n_answered"],
                "on_time": row["n_on_time"],
                "rate": round(100.0 * row["n_on_time"] / row["n_answered"], 1) if row["n_answered"] else None,
                "avg": round(row["avg_days"], 1) if row["avg_days"] is not None else None,
            }
        )
    return out


# --- the annual report's table III (三、本年度办理结果) ------------------------------------------------------------
@dataclass
class OutcomeTable:
    columns: list[fr.ApplicantType]
    rows: list[tuple[fr.Outcome, list[int], int]]  # outcome, per applicant type, total
    totals: list[int]
    grand_total: int


def outcome_table(qs: QuerySet) -> OutcomeTable:
    """Each answered case counted exactly once, in its outcome's row and its applicant type's column."""
    pairs = Counter(
        {
            (o, t): n
            for o, t, n in qs.exclude(outcome="")
            .values_list("outcome", "applicant_type")
            .annotate(n=Count("id"))
        }
    )
    cols = list(fr.APPLICANT_TYPES)
    rows = []
    for outcome in fr.OUTCOMES:
        cells = [pairs.get((outcome.code, t.code), 0) for t in cols]
        rows.append((outcome, cells, sum(cells)))
    totals = [sum(r[1][i] for r in rows) for i in range(len(cols))]
    return OutcomeTable(cols, rows, totals, sum(totals))


# --- frequent requests (多次申请) -----------------------------------------------------------------------------------
@dataclass
class Cluster:
    ids: list[int]
    sample: str
    units: list[str]
    count: int
    latest: date


def frequent(
    qs: QuerySet, today: date | None = None, months: int = 12, min_count: int = 3, limit: int = 2000
) -> list[Cluster]:
    """Descriptions asked for repeatedly (different applicants or the same), newest ``limit`` cases of the period."""
    today = today or deadlines.today()
    since = today - timedelta(days=31 * months)
    rows = list(
        qs.filter(receipt_date__gte=since)
        .order_by("-receipt_date", "-id")
        .values_list("id", "description", "unit__short_name", "unit__name", "receipt_date")[:limit]
    )
    info = {r[0]: r for r in rows}
    clusters = []
    for ids in fr.cluster([(r[0], r[1]) for r in rows]):
        if len(ids) < min_count:
            continue
        members = [info[i] for i in ids]
        sample = min((m[1] for m in members), key=len)
        units = sorted({m[2] or m[3] for m in members})
        clusters.append(Cluster(ids, sample, units, len(ids), max(m[4] for m in members)))
    clusters.sort(key=lambda c: (-c.count, c.latest))
    return clusters


# --- subjects (事项领域) and appeals (复议、诉讼) ---------------------------------------------------------------------
@dataclass
class SubjectRow:
    subject_id: int | None
    name: str
    total: int
    open: int
    overdue: int
    units: list[tuple[str, int]] = field(default_factory=list)  # (unit name, applications), most first


def by_subject(qs: QuerySet, today: date | None = None) -> list[SubjectRow]:
    """Applications per subject of the county list, with each subject's units (the fields to supervise)."""
    today = today or deadlines.today()
    running = Q(state__in=InfoRequest.OPEN_STATES, clock_running=True, due_date__isnull=False)
    rows = (
        qs.order_by()
        .values("subject_id", "subject__name", "subject__sort_order")
        .annotate(
            n=Count("id"),
            n_open=Count("id", filter=Q(state__in=InfoRequest.OPEN_STATES)),
            n_overdue=Count("id", filter=running & Q(due_date__lt=today)),
        )
    )
    per_unit: dict[int | None, list[tuple[str, int]]] = {}
    for row in (
        qs.order_by()
        .values("subject_id", "unit__short_name", "unit__name")
        .annotate(n=Count("id"))
        .order_by("subject_id", "-n", "unit__name")
    ):
        per_unit.setdefault(row["subject_id"], []).append(
            (row["unit__short_name"] or row["unit__name"], row["n"])
        )
    out = [
        SubjectRow(
            row["subject_id"],
            row["subject__name"] or "未分类",
            row["n"],
            row["n_open"],
            row["n_overdue"],
            per_unit.get(row["subject_id"], []),
        )
        for row in rows
    ]
    return sorted(out, key=lambda r: (r.subject_id is None, -r.total, r.name))


def appeals(
    user, *, year: str = "", unit: str = "", kind: str = "", result: str = "", as_of: date | None = None
) -> QuerySet:
    """The cross-case list of 复议/诉讼 the user may see (the office: county-wide), newest first. With ``as_of``
    (the annual report's table 四: 31 December) each appeal's result is the one known on that day — decided later,
    it is 尚未审结 — in the ``shown_result`` annotation, which the ``result`` filter and the table then use."""
    from .models import Appeal

    qs = access.scope(user, Appeal.objects.all(), "request__unit").select_related(
        "request", "request__unit", "request__subject"
    )
    if as_of is not None:
        known = ~Q(result=Appeal.Result.PENDING) & Q(decided_on__isnull=False, decided_on__lte=as_of)
        qs = qs.filter(filed_on__lte=as_of).annotate(
            shown_result=Case(When(known, then=F("result")), default=Value(Appeal.Result.PENDING))
        )
        if result in Appeal.Result.values:
            qs = qs.filter(shown_result=result)
            result = ""
    if query.to_year(year):
        qs = qs.filter(filed_on__year=int(year))
    if query.to_id(unit):
        qs = qs.filter(request__unit_id=int(unit))
    if kind in Appeal.Kind.values:
        qs = qs.filter(kind=kind)
    if result in Appeal.Result.values:
        qs = qs.filter(result=result)
    return qs.order_by("-filed_on", "-id")


def _result_field(qs: QuerySet) -> str:
    return "shown_result" if "shown_result" in qs.query.annotations else "result"


def appeal_figures(qs: QuerySet) -> fr.AppealRates:
    return fr.appeal_rates(qs.values_list("kind", _result_field(qs)))


def appeal_table(qs: QuerySet) -> list[tuple[str, list[int], int]]:
    """Table IV of the annual report over ``qs``: kind × 结果维持/结果纠正/其他结果/尚未审结, with totals."""
    from .models import Appeal

    counts = Counter(qs.values_list("kind", _result_field(qs)))
    results = [Appeal.Result.UPHELD, Appeal.Result.CORRECTED, Appeal.Result.OTHER, Appeal.Result.PENDING]
    table = []
    for kind, label in Appeal.Kind.choices:
        cells = [counts.get((kind, result), 0) for result in results]
        table.append((label, cells, sum(cells)))
    return table


# --- public figures ------------------------------------------------------------------------------------------------
@dataclass
class PublicFigures:
    """What the public sees of a year's applications (all units together, no case is identifiable)."""

    year: int
    received: int
    replied: int
    open: int
    on_time_rate: float | None


def public_figures(year: int) -> PublicFigures:
    """Applications received in ``year``, those answered, those still in hand, and the share answered in time."""
    figures = stats(InfoRequest.objects.filter(receipt_date__year=year), table=OutcomeTable([], [], [], 0))
    return PublicFigures(year, figures.total, figures.replied, figures.open_total, figures.on_time_rate)
