"""Read-side queries of the policy library: the status of any day in SQL, the library, alerts, rates, Q&A search."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.core.docread import parse_doc_number
from gongkai.core.policy import rates as core_rates
from gongkai.core.policy.validity import Status
from gongkai.core.search import normalize
from gongkai.core.search.text import query_words
from gongkai.publishing.vocab import State
from gongkai.roles import permissions

from .models import (
    Campaign,
    CampaignItem,
    Evaluation,
    ExtensionRequest,
    Interpretation,
    LocalRules,
    PolicyDocument,
    Question,
)
from .vocab import ELEMENT_KEYS, IN_FORCE, CleanupDecision, DocKind, ExtensionState, QuestionState


def rules() -> LocalRules:
    """The local rules (地方规则): the stored row, or the defaults until the openness office changes one."""
    return LocalRules.objects.filter(pk=1).first() or LocalRules(pk=1)


def status_case(today: date) -> Case:
    """The validity status on ``today`` from the derived columns; the same precedence as ``core.derive_status``."""
    return Case(
        When(ended_on__lte=today, then=Value(Status.REPEALED.value)),
        When(declared_expired_on__lte=today, then=Value(Status.EXPIRED.value)),
        When(expires_on__lt=today, then=Value(Status.EXPIRED.value)),
        When(starts_on__gt=today, then=Value(Status.NOT_YET_EFFECTIVE.value)),
        When(amended_on__lte=today, then=Value(Status.AMENDED.value)),
        When(starts_on__isnull=False, then=Value(Status.VALID.value)),
        default=Value(""),
        output_field=CharField(),
    )


def with_status(qs: QuerySet, today: date | None = None) -> QuerySet:
    return qs.annotate(live_status=status_case(today or timezone.localdate()))


def public_documents() -> QuerySet:
    return PolicyDocument.objects.filter(publication__state=State.PUBLISHED)


def in_force(today: date | None = None) -> QuerySet:
    """Published documents in force today (有效 or 已修改): the 现行有效规范性文件目录 when kind is normative."""
    return with_status(public_documents(), today).filter(live_status__in=IN_FORCE)


def valid_catalog(today: date | None = None) -> QuerySet:
    return (
        in_force(today)
        .filter(kind=DocKind.NORMATIVE)
        .select_related("publication__unit")
        .order_by("publication__unit__sort_order", "publication__unit_id", "-publication__formed_date", "-id")
    )


def status_q(status: str, today: date) -> Q:
    """Documents whose status on ``today`` is ``status``: the precedence of :func:`status_case` written as column
    ranges, which the planner can estimate (an equality on the CASE expression is guessed at 0.5 % of the rows, so
    PostgreSQL picks nested loops over tens of thousands of rows). ``test_status_q_matches_status_case`` keeps the
    two in step."""
    not_repealed = Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    not_expired = (Q(declared_expired_on__isnull=True) | Q(declared_expired_on__gt=today)) & Q(
        expires_on__gte=today
    )
    started = Q(starts_on__lte=today)
    if status == Status.REPEALED:
        return Q(ended_on__lte=today)
    if status == Status.EXPIRED:
        return not_repealed & (Q(declared_expired_on__lte=today) | Q(expires_on__lt=today))
    if status == Status.NOT_YET_EFFECTIVE:
        return not_repealed & not_expired & Q(starts_on__gt=today)
    if status == Status.AMENDED:
        return not_repealed & not_expired & started & Q(amended_on__lte=today)
    return not_repealed & not_expired & started & (Q(amended_on__isnull=True) | Q(amended_on__gt=today))


_SEPARATORS = re.compile(r"[^\w]+")


def keyword_parts(term: str) -> list[str]:
    """The pieces of one search term that must each occur: the term cut at punctuation and brackets, so every
    form of a 文号 (``示政办发[2026]19号``, ``〔2026〕``, ``（2026）``, ``019号``) finds the same documents."""
    number = parse_doc_number(term)
    if number is not None:
        return [normalize(number.issuer_code), str(number.year), f"{number.number}号"]
    return [part for part in _SEPARATORS.split(normalize(term)) if part]


def _part_q(part: str) -> Q:
    # Chinese has no case: a plain LIKE lets PostgreSQL walk the newest-first index and stop after one page.
    lookup = "icontains" if any(c.isascii() and c.isalpha() for c in part) else "contains"
    return (
        Q(**{f"publication__title__{lookup}": part})
        | Q(**{f"doc_number__{lookup}": part})
        # The public text as indexed (normalised body, attachments, 文号), or a draft's body for staff.
        | Q(publication__search_entry__text_norm__contains=part)
        | Q(**{f"publication__body_text__{lookup}": part})
    )


def keyword_q(term: str) -> Q:
    """Title, 文号 or full text holds ``term``: each of its pieces (:func:`keyword_parts`) somewhere."""
    cond = Q()
    for part in keyword_parts(term):
        cond &= _part_q(part)
    return cond


def issuer_q(unit_id: int) -> Q:
    """Lead issuer or co-issuer as a semi-join (no DISTINCT): the page walks the newest-first index and tests each
    row."""
    co = PolicyDocument.co_issuers.through.objects.filter(policydocument_id=OuterRef("pk"), unit_id=unit_id)
    return Q(publication__unit_id=unit_id) | Exists(co)


def issuer_in_q(unit_id: int) -> Q:
    """The same rows as :func:`issuer_q`, reading the unit's ids first (IN): ~2.5× faster for counting."""
    through = PolicyDocument.co_issuers.through
    return Q(publication__unit_id=unit_id) | Q(
        pk__in=through.objects.filter(unit_id=unit_id).values("policydocument_id")
    )


@dataclass
class LibraryFilters:
    q: str = ""
    unit: int | None = None
    year: int | None = None
    status: str = ""
    topic: str = ""
    kind: str = ""
    # The annual report's drill-down (年报表二): the status on a day (31 December), not today; 现行有效 (有效 or
    # 已修改) as one filter; 废止 in a year; the lead issuer only; published documents only.
    as_of: date | None = None
    in_force: bool = False
    ended_year: int | None = None
    lead_only: bool = False
    published_only: bool = False


def library_neighbours(doc: PolicyDocument) -> tuple[PolicyDocument | None, PolicyDocument | None]:
    """上一篇 / 下一篇 of a document in the policy library, which lists newest publication first: the next newer and
    the next older public document."""
    pub = doc.publication
    qs = public_documents().exclude(pk=doc.pk).select_related("publication")
    newer = qs.filter(
        Q(publication__published_at__gt=pub.published_at)
        | Q(publication__published_at=pub.published_at, pk__gt=doc.pk)
    ).order_by("publication__published_at", "pk")
    older = qs.filter(
        Q(publication__published_at__lt=pub.published_at)
        | Q(publication__published_at=pub.published_at, pk__lt=doc.pk)
    ).order_by("-publication__published_at", "-pk")
    return newer.first(), older.first()


def filter_documents(qs: QuerySet, filters: LibraryFilters, today: date | None = None) -> QuerySet:
    """The library filters, shared by the portal and the workspace; ``q`` matches title, 文号 and full text
    (every term, at most five; every form of a 文号). The issuer filter is left out when ``filters.unit`` is empty."""
    today = filters.as_of or today or timezone.localdate()
    if filters.unit:
        qs = qs.filter(Q(publication__unit_id=filters.unit) if filters.lead_only else issuer_q(filters.unit))
    if filters.year:
        qs = qs.filter(publication__formed_date__year=filters.year)
    if filters.status:
        qs = qs.filter(status_q(filters.status, today))
    if filters.in_force:
        qs = qs.filter(reduce(operator.or_, (status_q(status, today) for status in IN_FORCE)))
    if filters.ended_year:
        qs = qs.filter(ended_on__year=filters.ended_year)
    if filters.published_only:
        qs = qs.filter(publication__state=State.PUBLISHED)
    if filters.topic:
        qs = qs.filter(publication__topic=filters.topic)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    for term in (filters.q or "").split()[:5]:
        qs = qs.filter(keyword_q(term))
    return qs


def library(filters: LibraryFilters, today: date | None = None) -> QuerySet:
    """The public policy library with filters, newest publication first."""
    qs = filter_documents(with_status(public_documents(), today), filters, today)
    return qs.select_related("publication__unit").order_by("-publication__published_at", "-id")


def staff_documents(user) -> QuerySet:
    """Documents the user may see in the workspace: their units' (lead or co-issuer), all for county-wide roles."""
    qs = with_status(PolicyDocument.objects.all())
    ids = permissions.unit_ids(user)
    if ids is not None:
        qs = qs.filter(Q(publication__unit_id__in=ids) | Q(co_issuers__id__in=ids)).distinct()
    return qs.select_related("publication__unit").order_by("-publication__created_at", "-id")


def staff_interpretations(user) -> QuerySet:
    qs = Interpretation.objects.select_related("publication__unit")
    ids = permissions.unit_ids(user)
    if ids is not None:
        qs = qs.filter(publication__unit_id__in=ids)
    return qs.order_by("-publication__created_at", "-id")


def public_interpretations(doc: PolicyDocument) -> QuerySet:
    return doc.interpretations.filter(publication__state=State.PUBLISHED).select_related("publication__unit")


# --- expiry alerts -----------------------------------------------------------------------------------------------
def expiring(today: date | None = None, unit_ids=None) -> QuerySet:
    """Published documents in force inside their evaluation window with no decision for the current term."""
    today = today or timezone.localdate()
    qs = in_force(today).filter(evaluation_due__lte=today, expires_on__gte=today)
    if unit_ids is not None:
        qs = qs.filter(publication__unit_id__in=unit_ids)
    docs = list(qs.select_related("publication__unit").order_by("expires_on", "id"))
    # A decision set aside (the leader did not approve the extension it proposed) leaves the document due.
    decided = set(
        Evaluation.objects.filter(
            document_id__in=[d.pk for d in docs], superseded_at__isnull=True
        ).values_list("document_id", "expires_on")
    )
    return [d for d in docs if (d.pk, d.expires_on) not in decided]


def open_extensions(unit_ids=None) -> QuerySet:
    """Extension requests still on their way (待审批, 已批准待公告), for the units given (all when None)."""
    qs = ExtensionRequest.objects.filter(
        state__in=[ExtensionState.PENDING, ExtensionState.APPROVED]
    ).select_related("document__publication__unit", "requested_by", "decided_by", "notice")
    if unit_ids is not None:
        qs = qs.filter(document__publication__unit_id__in=unit_ids)
    return qs.order_by("requested_at", "id")


def awaiting_signoff(unit_ids=None) -> list[Interpretation]:
    """Interpretation drafts of the units given whose checklist is complete and which wait for the leader's sign-off
    (审定) — never decided on, or changed since the leader's decision."""
    qs = Interpretation.objects.filter(publication__state__in=[State.DRAFT, State.RETURNED]).select_related(
        "publication__unit"
    )
    if unit_ids is not None:
        qs = qs.filter(publication__unit_id__in=unit_ids)
    out = []
    for interp in qs.order_by("publication__created_at", "id"):
        complete = all((interp.elements.get(k) or {}).get("state") for k in ELEMENT_KEYS)
        # A returned one comes back once the editors changed it.
        if complete and interp.signoff_state in ("", "changed"):
            out.append(interp)
    return out


# --- cleanup results -----------------------------------------------------------------------------------------------
RESULT_GROUPS = (
    (CleanupDecision.REPEAL, "废止的文件"),
    (CleanupDecision.EXPIRE, "宣布失效的文件"),
    (CleanupDecision.AMEND, "拟修改的文件"),
    (CleanupDecision.KEEP, "继续有效的文件"),
    (CleanupDecision.PENDING, "未提出清理意见的文件（保持原状态）"),
)


def pending_items(campaign: Campaign):
    return (
        campaign.items.filter(decision=CleanupDecision.PENDING)
        .select_related("document__publication", "unit")
        .order_by("unit__sort_order", "unit_id", "document_id")
    )


def result_groups(campaign: Campaign) -> list[tuple[str, str, list[CampaignItem]]]:
    """The campaign's items by decision, in the order the result is published: (decision, heading, items)."""
    items = list(
        campaign.items.select_related("document__publication__unit").order_by(
            "unit__sort_order", "unit_id", "-document__publication__formed_date", "document_id"
        )
    )
    return [(d, heading, [i for i in items if i.decision == d]) for d, heading in RESULT_GROUPS]


def published_cleanups() -> QuerySet:
    """Closed campaigns whose result notice is published (先审后发: nothing shows before its review)."""
    return Campaign.objects.filter(
        closed_at__isnull=False, result_notice__state=State.PUBLISHED
    ).select_related("result_notice", "result_unit")


# --- campaigns ---------------------------------------------------------------------------------------------------
@dataclass
class UnitProgress:
    unit: object
    total: int
    decided: int
    changes: int

    @property
    def pending(self) -> int:
        return self.total - self.decided

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 100


def campaign_progress(campaign: Campaign) -> list[UnitProgress]:
    rows = (
        campaign.items.values("unit")
        .annotate(
            total=Count("id"),
            decided=Count("id", filter=~Q(decision=CleanupDecision.PENDING)),
            changes=Count(
                "id",
                filter=Q(
                    decision__in=[CleanupDecision.AMEND, CleanupDecision.REPEAL, CleanupDecision.EXPIRE]
                ),
            ),
        )
        .order_by("unit")
    )
    from gongkai.orgs.models import Unit

    units = Unit.objects.in_bulk([r["unit"] for r in rows])
    out = [UnitProgress(units[r["unit"]], r["total"], r["decided"], r["changes"]) for r in rows]
    return sorted(out, key=lambda p: (p.percent, p.unit.sort_order, p.unit.pk))


# --- rates -------------------------------------------------------------------------------------------------------
def lag(a: date, b: date) -> int:
    """Working days from ``a`` to ``b`` on the statutory calendar (0 on the same day)."""
    return calendar.count_working_days(a, b).count


def _day(value) -> date | None:
    return timezone.localdate(value) if value else None


def year_rates(year: int, today: date | None = None, unit_ids=None) -> core_rates.YearRates:
    """The year's 解读率, 重大政策解读率, 多元化解读比例, 三同步率 and late interpretations."""
    today = today or timezone.localdate()
    docs_qs = PolicyDocument.objects.filter(
        publication__state=State.PUBLISHED, publication__published_at__year=year
    ).select_related("publication__unit")
    if unit_ids is not None:
        docs_qs = docs_qs.filter(publication__unit_id__in=unit_ids)
    docs, by_pk = [], {}
    for d in docs_qs:
        pub = d.publication
        by_pk[d.pk] = d
        docs.append(
            core_rates.DocRecord(
                key=d.pk,
                unit=pub.unit.display_name,
                title=pub.title,
                major=d.is_major,
                needs_interpretation=not d.interpretation_exempt,
                drafted=_day(pub.created_at),
                reviewed=_day(pub.approved_at),
                published=_day(pub.published_at),
            )
        )
    interps = []
    links = Interpretation.documents.through.objects.filter(policydocument_id__in=list(by_pk)).values_list(
        "interpretation_id", "policydocument_id"
    )
    doc_map: dict[int, list[int]] = {}
    for interp_id, doc_id in links:
        doc_map.setdefault(interp_id, []).append(doc_id)
    for i in Interpretation.objects.filter(pk__in=list(doc_map)).select_related("publication__unit"):
        pub = i.publication
        published = _day(pub.published_at) if pub.state == State.PUBLISHED else None
        interps.append(
            core_rates.InterpRecord(
                key=i.pk,
                docs=tuple(doc_map[i.pk]),
                form=i.form,
                unit=pub.unit.display_name,
                title=pub.title,
                drafted=_day(pub.created_at),
                reviewed=_day(pub.approved_at),
                published=published,
            )
        )
    result = core_rates.year_rates(year, docs, interps, lag, rules().sync_working_days, as_of=today)
    result.documents = by_pk
    return result


# --- Q&A search --------------------------------------------------------------------------------------------------
# Question words that carry no subject: "个体户怎么申请补贴" is searched as 个体户, 申请, 补贴.
QUESTION_WORDS = frozenset(
    [
        "怎么",
        "怎样",
        "如何",
        "什么",
        "哪些",
        "哪里",
        "哪个",
        "多少",
        "是否",
        "能否",
        "可以",
        "需要",
        "要求",
        "有没有",
        "请问",
        "我们",
        "我的",
        "一下",
        "时候",
        "相关",
        "问题",
    ]
)


def question_terms(query: str) -> list[str]:
    norm = normalize(" ".join((query or "").split()))
    terms = [w for w in query_words(norm) if len(w) >= 2 and w not in QUESTION_WORDS and w.strip()]
    if not terms and len(norm.strip()) >= 1:
        terms = [norm.strip()]
    return list(dict.fromkeys(terms))[:8]


def search_questions(query: str, limit: int = 20) -> list[Question]:
    """Published Q&A matching the query. A hit holds at least half of the query's words; more words, and words in
    the question rather than the answer, rank higher; then the "helpful" votes."""
    terms = question_terms(query)
    if not terms:
        return []
    cond = Q()
    for term in terms:
        cond |= Q(search_text__contains=term)
    found = Question.objects.filter(cond, state=QuestionState.PUBLISHED).select_related("unit")[:500]
    need = max(1, -(-len(terms) // 2))
    scored = []
    for q in found:
        in_text = sum(t in q.search_text for t in terms)
        if in_text < need:
            continue
        qn = normalize(q.question)
        in_question = sum(t in qn for t in terms)
        scored.append(((-in_text, -in_question, -(q.helpful_yes - q.helpful_no), -q.pk), q))
    scored.sort(key=lambda pair: pair[0])
    return [q for _, q in scored[:limit]]


def public_interpretation_pairs() -> list[tuple[str, str]]:
    """(document page, interpretation page) paths of every published interpretation of a published document: the
    two public pages that must link each other (解读关联, 国办秘函〔2019〕19号). Read by site inspection."""
    from django.urls import reverse

    rows = Interpretation.documents.through.objects.filter(
        interpretation__publication__state=State.PUBLISHED,
        policydocument__publication__state=State.PUBLISHED,
    ).values_list("policydocument_id", "interpretation__publication_id")
    return [(reverse("zc:document", args=[doc]), reverse("info:detail", args=[pub])) for doc, pub in rows]
