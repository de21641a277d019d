"""Public pages of the policy library (/zcwj/): the library, the document page, the 现行有效规范性文件目录 (and its
.xlsx), the 政策问答库 with its "was this helpful" vote, and the 政策包 (集成式发布).

Only published things are read here: documents through ``selectors.public_documents()``, interpretations whose
publication is published, Q&A in state 已发布, packages marked 已发布. Anything else answers 404.
"""

from __future__ import annotations

import hashlib
from itertools import groupby

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_POST

from gongkai.common import query, ratelimit
from gongkai.common.clientaddr import client_ip
from gongkai.common.richtext import clean_html
from gongkai.core.filenames import download_disposition
from gongkai.core.policy.validity import Status
from gongkai.orgs.models import Unit
from gongkai.portal.context_processors import nav_with_current
from gongkai.portal.selectors import public_units
from gongkai.publishing import selectors as pub_selectors
from gongkai.publishing.vocab import TOPICS, State

from . import catalog_xlsx, history, selectors, services
from .models import ExtensionRequest, Interpretation, Package, PolicyDocument, PolicyRelation, Question
from .vocab import DIFF_RELATIONS, DocKind, QuestionState, RelationKind

COLUMN = "zcwj"
PAGE_SIZE = 20
STATUSES = tuple(s.value for s in Status)
STATUS_CLASS = {
    Status.VALID.value: "valid",
    Status.AMENDED.value: "amended",
    Status.NOT_YET_EFFECTIVE.value: "notyet",
    Status.REPEALED.value: "repealed",
    Status.EXPIRED.value: "expired",
}
UNANSWERED_PER_HOUR = 20


# Co-issuers as named on the document, active or not (a merged-away unit still issued it).
def _issuer_units():
    return Unit.objects.only("id", "name", "short_name", "sort_order").order_by("sort_order", "id")


VOTES_PER_HOUR = 30

# How a relation reads from each side: (this document → other, other → this document).
OUT_WORDS = {
    RelationKind.AMENDS: "修改了",
    RelationKind.REPLACES: "替代了",
    RelationKind.REPEALS: "废止了",
}
IN_WORDS = {
    RelationKind.AMENDS: "被修改",
    RelationKind.REPLACES: "被替代",
    RelationKind.REPEALS: "被废止",
    RelationKind.EXTENDS: "延续有效期",
    RelationKind.DECLARES_EXPIRED: "宣布失效",
}


def _column_nav(path: str) -> list[dict]:
    """The column's links; inside a sub-page only its most specific link is marked current."""
    items = nav_with_current(path, COLUMN)
    marked = [i for i in items if i["current"]]
    if len(marked) > 1:
        best = max(marked, key=lambda i: len(i["url"]))
        for item in marked:
            if item is not best:
                item["current"] = ""
    return items


def _page(request, template, context, title, crumbs=()):
    return render(
        request,
        template,
        {
            "column_nav": _column_nav(request.path),
            "page_title": title,
            "crumbs": crumbs,
            "status_class": STATUS_CLASS,
            **context,
        },
    )


def _int(value) -> int | None:
    return query.to_id(value)


def _library_crumb():
    return [("政策文件库", reverse("zc:library"))]


# --- the library ---------------------------------------------------------------------------------------------------
def _policy_stamp() -> str:
    """Changes whenever a relation is added or removed (statuses move with them)."""
    agg = PolicyRelation.objects.aggregate(n=Count("id"), last=Max("id"))
    return f"{pub_selectors.public_generation()}:{agg['n']}:{agg['last']}"


class LibraryPaginator(Paginator):
    """The count is cached per query and day until something is published or a relation changes.

    ``count_qs`` selects the same rows written for counting (the planner's best form differs from the page's)."""

    def __init__(self, object_list, per_page, count_qs=None):
        super().__init__(object_list, per_page)
        self.count_qs = count_qs if count_qs is not None else object_list

    @cached_property
    def count(self):
        sql, params = self.count_qs.query.sql_with_params()
        digest = hashlib.sha256(f"{_policy_stamp()}|{sql}|{params}".encode()).hexdigest()
        key = f"gongkai:policies:count:{digest}"
        value = cache.get(key)
        if value is None:
            value = self.count_qs.count()
            cache.set(key, value, pub_selectors.COUNT_SECONDS)
        return value


@require_GET
def library(request):
    """政策文件库: filter by issuer (lead or co-issuer), year, status, topic, kind and words of the title or 文号."""
    unit_id = _int(request.GET.get("unit"))
    units = list(public_units())
    unit = next((u for u in units if u.pk == unit_id), None)
    year = query.to_year(request.GET.get("year"))
    status = request.GET.get("status") if request.GET.get("status") in STATUSES else ""
    topic = request.GET.get("topic") if request.GET.get("topic") in TOPICS else ""
    kind = request.GET.get("kind") if request.GET.get("kind") in DocKind.values else ""
    q = " ".join(query.to_text(request.GET.get("q")).split())[:100]
    filters = selectors.LibraryFilters(q=q, year=year, status=status, topic=topic, kind=kind)
    qs = selectors.library(filters)
    count_qs = qs
    if unit:
        # The page tests each row of the newest-first walk (EXISTS); the count reads the unit's ids first (IN).
        count_qs = qs.filter(selectors.issuer_in_q(unit.pk))
        qs = qs.filter(selectors.issuer_q(unit.pk))
    qs = qs.only(
        "id",
        "doc_number",
        "kind",
        "starts_on",
        "expires_on",
        "ended_on",
        "declared_expired_on",
        "amended_on",
        "publication__id",
        "publication__title",
        "publication__formed_date",
        "publication__published_at",
        "publication__unit__id",
        "publication__unit__name",
        "publication__unit__short_name",
    ).prefetch_related(Prefetch("co_issuers", queryset=_issuer_units()))
    page = LibraryPaginator(qs, PAGE_SIZE, count_qs).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    this_year = timezone.localdate().year
    return _page(
        request,
        "policies/portal/library.html",
        {
            "page": page,
            "units": units,
            "unit": unit,
            "year": year,
            "years": range(this_year, this_year - 15, -1),
            "status": status,
            "statuses": STATUSES,
            "topic": topic,
            "topics": TOPICS,
            "kind": kind,
            "kinds": DocKind.choices,
            "q": q,
            "filtered": bool(unit or year or status or topic or kind or q),
            "query_string": params.urlencode(),
        },
        "政策文件库",
    )


# --- the document page -----------------------------------------------------------------------------------------
def _public_doc_ids(ids) -> set[int]:
    return set(selectors.public_documents().filter(pk__in=list(ids)).values_list("pk", flat=True))


def _relations(doc: PolicyDocument):
    """(outgoing, incoming): what this document does to others, and what was done to it; public ones only."""
    out = list(doc.relations_out.select_related("target__publication"))
    inc = list(doc.relations_in.select_related("source__publication"))
    visible = _public_doc_ids([r.target_id for r in out] + [r.source_id for r in inc if r.source_id])
    outgoing = [
        {"rel": r, "doc": r.target, "words": OUT_WORDS.get(r.kind, r.get_kind_display())}
        for r in out
        if r.target_id in visible
    ]
    incoming = [
        {"rel": r, "doc": r.source, "words": IN_WORDS.get(r.kind, r.get_kind_display())}
        for r in inc
        if r.source_id is None or r.source_id in visible
    ]
    return outgoing, incoming, visible


def _link_notices(incoming: list[dict]) -> None:
    """An extension's row links its public notice (公告) — published, since the extension acts only then."""
    ids = [r["rel"].pk for r in incoming if r["rel"].kind == RelationKind.EXTENDS]
    if not ids:
        return
    notices = {
        e.relation_id: e.notice
        for e in ExtensionRequest.objects.filter(
            relation_id__in=ids, notice__state=State.PUBLISHED
        ).select_related("notice")
    }
    for row in incoming:
        row["notice"] = notices.get(row["rel"].pk)


@require_GET
def document(request, pk):
    doc = get_object_or_404(selectors.public_documents().select_related("publication__unit"), pk=pk)
    pub = doc.publication
    try:
        validity = services.validity_of(doc)
    except services.PolicyError:
        validity = None
    outgoing, incoming, visible = _relations(doc)
    _link_notices(incoming)
    diffs = []
    for item in outgoing:
        rel = item["rel"]
        if rel.kind in DIFF_RELATIONS:
            rel.source = doc
            diffs.append({"rel": rel, "old": rel.target, **history.relation_difference(rel)})
    return _page(
        request,
        "policies/portal/document.html",
        {
            "doc": doc,
            "pub": pub,
            "co_issuers": list(doc.co_issuers.all()),
            "validity": validity,
            "history": history.status_history(doc),
            "outgoing": outgoing,
            "incoming": incoming,
            "diffs": diffs,
            "current": history.current_text(doc, [r["rel"] for r in incoming]),
            "attachments": list(pub.public_attachments()),
            "interpretations": list(selectors.public_interpretations(doc)),
            "questions": list(doc.questions.filter(state=QuestionState.PUBLISHED)),
            "service_items": list(doc.services.filter(is_active=True).select_related("unit")),
            "packages": list(doc.packages.filter(is_published=True)),
            "neighbours": selectors.library_neighbours(doc),
        },
        pub.title,
        crumbs=_library_crumb(),
    )


# --- 现行有效规范性文件目录 -----------------------------------------------------------------------------------------
CATALOG_ONE_PAGE = 500  # a county's catalogue is a few hundred rows: one page; beyond, one page per issuer
CATALOG_FIELDS = (
    "id",
    "doc_number",
    "registration_number",
    "starts_on",
    "expires_on",
    "ended_on",
    "declared_expired_on",
    "amended_on",
    "publication__id",
    "publication__title",
    "publication__formed_date",
    "publication__unit__id",
    "publication__unit__name",
    "publication__unit__short_name",
    "publication__unit__sort_order",
)


def _catalog_rows(today, unit_id: int | None = None) -> list[PolicyDocument]:
    qs = selectors.valid_catalog(today).only(*CATALOG_FIELDS)
    if unit_id:
        qs = qs.filter(publication__unit_id=unit_id)
    rows = list(qs.prefetch_related(Prefetch("co_issuers", queryset=_issuer_units())))
    for d in rows:
        d.status_css = STATUS_CLASS.get(d.live_status, "")
    return rows


@require_GET
def catalog(request):
    """现行有效规范性文件目录, computed for today on every request (a document whose term ended yesterday is gone)."""
    today = timezone.localdate()
    counts = {
        row["publication__unit"]: row["n"]
        for row in selectors.valid_catalog(today)
        .order_by()
        .values("publication__unit")
        .annotate(n=Count("id"))
    }
    units = sorted(public_units().filter(pk__in=list(counts)), key=lambda u: (u.sort_order, u.pk))
    index = [(u, counts[u.pk]) for u in units]
    total = sum(counts.values())
    one_page = total <= CATALOG_ONE_PAGE
    unit_id = _int(request.GET.get("unit"))
    unit = next((u for u in units if u.pk == unit_id), None)
    rows = _catalog_rows(today, unit.pk if unit else None) if (one_page or unit) else []
    groups = [(u, list(docs)) for u, docs in groupby(rows, key=lambda d: d.publication.unit)]
    return _page(
        request,
        "policies/portal/catalog.html",
        {
            "groups": groups,
            "index": index,
            "total": total,
            "one_page": one_page,
            "unit": unit,
            "today": today,
        },
        "现行有效规范性文件目录",
        crumbs=_library_crumb(),
    )


@require_GET
def catalog_download(request):
    today = timezone.localdate()
    # One reverse() for the pattern, not one per row (the whole county's catalogue can be tens of thousands).
    link = request.build_absolute_uri(reverse("zc:document", args=[999999999])).replace("999999999", "{}")
    data = catalog_xlsx.build(catalog_xlsx.records(selectors.valid_catalog(today), link), today)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"现行有效规范性文件目录-{today.isoformat()}.xlsx"
    response["Content-Disposition"] = download_disposition(name, f"catalogue-{today.isoformat()}.xlsx")
    return response


# --- 清理结果 -------------------------------------------------------------------------------------------------------
@require_GET
def cleanups(request):
    """The published results of the county's cleanup campaigns (规范性文件清理结果)."""
    return _page(
        request,
        "policies/portal/cleanups.html",
        {"campaigns": list(selectors.published_cleanups().order_by("-closed_at", "-id"))},
        "规范性文件清理结果",
        crumbs=_library_crumb(),
    )


@require_GET
def cleanup(request, pk):
    """One campaign's result: its scope, every document by decision with its status today, and the notice."""
    campaign = get_object_or_404(selectors.published_cleanups(), pk=pk)
    groups = selectors.result_groups(campaign)
    today = timezone.localdate()
    live = dict(
        selectors.with_status(
            PolicyDocument.objects.filter(cleanup_items__campaign=campaign), today
        ).values_list("pk", "live_status")
    )
    public = _public_doc_ids(live)
    rows = []
    for decision, heading, items in groups:
        if not items:
            continue
        for item in items:
            item.public = item.document_id in public
            item.live_status = live.get(item.document_id, "")
        rows.append({"decision": decision, "heading": heading, "items": items})
    return _page(
        request,
        "policies/portal/cleanup.html",
        {
            "campaign": campaign,
            "scope": campaign.scope_parts(),
            "groups": rows,
            "total": sum(len(g["items"]) for g in rows),
            "notice": campaign.result_notice,
        },
        f"{campaign.title}结果",
        crumbs=[*_library_crumb(), ("规范性文件清理结果", reverse("zc:cleanups"))],
    )


# --- 政策问答 -------------------------------------------------------------------------------------------------------
def _published_questions():
    return Question.objects.filter(state=QuestionState.PUBLISHED).select_related("unit")


@require_GET
def qa(request):
    q = " ".join(query.to_text(request.GET.get("q")).split())[:100]
    results, logged = [], False
    if q:
        results = selectors.search_questions(q)
        if not results and ratelimit.hit("zc-unanswered", client_ip(request), UNANSWERED_PER_HOUR, 3600):
            services.log_unanswered(q)
            logged = True
    latest = [] if q else list(_published_questions().order_by("-published_at", "-id")[:20])
    response = _page(
        request,
        "policies/portal/qa.html",
        {"q": q, "results": results, "latest": latest, "logged": logged},
        "政策问答",
        crumbs=_library_crumb(),
    )
    if q:
        # A question is counted when no answer matches (未答问题): rendered for each asker, never from the page cache.
        add_never_cache_headers(response)
    return response


@require_GET
def question(request, pk):
    item = get_object_or_404(_published_questions(), pk=pk)
    docs = selectors.public_documents().filter(questions=item).select_related("publication")
    return _page(
        request,
        "policies/portal/question.html",
        {
            "item": item,
            "answer": clean_html(item.answer),
            "documents": list(docs),
            "service_items": list(item.services.filter(is_active=True)),
        },
        item.question,
        crumbs=[*_library_crumb(), ("政策问答", reverse("zc:qa"))],
    )


@require_POST
def vote(request, pk):
    item = get_object_or_404(_published_questions(), pk=pk)
    ip = client_ip(request)
    helpful = request.POST.get("helpful")
    if helpful not in ("1", "0"):
        messages.error(request, "请选择“有帮助”或“没有帮助”后再提交。")
    elif not ratelimit.hit("zc-vote", ip, VOTES_PER_HOUR, 3600):
        messages.error(request, "评价过于频繁，请稍后再试。")
    else:
        voter_key = f"{ip or 'unknown'}|{request.META.get('HTTP_USER_AGENT', '')[:200]}"
        if services.vote(item, helpful=helpful == "1", voter_key=voter_key):
            messages.success(request, "感谢您的评价，我们会据此改进解答。")
        else:
            messages.info(request, "您今天已经评价过这条解答，感谢您的参与。")
    return redirect(reverse("zc:question", args=[item.pk]) + "#feedback")


# --- 政策包 ---------------------------------------------------------------------------------------------------------
@require_GET
def packages(request):
    items = list(Package.objects.filter(is_published=True).annotate(n=Count("documents")))
    return _page(
        request,
        "policies/portal/packages.html",
        {"packages": items},
        "政策包",
        crumbs=_library_crumb(),
    )


@require_GET
def package(request, slug):
    pkg = get_object_or_404(Package, slug=slug, is_published=True)
    docs = list(
        selectors.with_status(selectors.public_documents().filter(packages=pkg))
        .select_related("publication__unit")
        .order_by("-publication__formed_date", "-id")
    )
    interps = (
        Interpretation.objects.filter(documents__in=[d.pk for d in docs], publication__state=State.PUBLISHED)
        .select_related("publication")
        .prefetch_related("documents")
        .distinct()
    )
    by_doc: dict[int, list] = {}
    for interp in interps:
        for d in interp.documents.all():
            by_doc.setdefault(d.pk, []).append(interp)
    for d in docs:
        d.public_interpretations = by_doc.get(d.pk, [])
    return _page(
        request,
        "policies/portal/package.html",
        {
            "package": pkg,
            "documents": docs,
            "questions": list(pkg.questions.filter(state=QuestionState.PUBLISHED)),
            "service_items": list(pkg.services.filter(is_active=True).select_related("unit")),
        },
        pkg.title,
        crumbs=[*_library_crumb(), ("政策包", reverse("zc:packages"))],
    )
