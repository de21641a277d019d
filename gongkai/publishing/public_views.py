"""Public pages of active disclosure: 法定主动公开内容 by unit and catalogue, lists, detail pages with the metadata
table, attachments (masked copies), advanced search, RSS per catalogue node and sitemap.xml.

Only published items are ever read here (``selectors.public_publications``); withdrawn and archived items answer
404 like items that never existed.
"""

from __future__ import annotations

from datetime import date

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from gongkai.common import query
from gongkai.core import law
from gongkai.portal.columns import XXGK
from gongkai.portal.context_processors import nav_with_current
from gongkai.portal.selectors import public_unit_or_404, public_units

from . import extensions, selectors, services
from . import search as index
from .files import CONTENT_TYPES, masked_content_type, masked_name
from .models import CatalogNode
from .vocab import TOPICS

PAGE_SIZE = 20
SITEMAP_PAGE = 10000


def _xxgk(request, template, context, title, crumbs=()):
    return render(
        request,
        template,
        {
            "column_nav": nav_with_current(request.path, XXGK),
            "page_title": title,
            "crumbs": crumbs,
            "law": law,
            **context,
        },
    )


def _int(value) -> int | None:
    return query.to_id(value)


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _node_from(request):
    node_id = _int(request.GET.get("node"))
    if node_id:
        return CatalogNode.objects.filter(pk=node_id, is_active=True).first()
    code = query.to_text(request.GET.get("code"), 60)
    if code:
        return CatalogNode.objects.filter(code=code, is_active=True).first()
    return None


@require_GET
def info_list(request):
    """政府信息 list: filter by unit, catalogue node, subject and year; paged."""
    qs = selectors.public_publications().select_related("unit")
    unit_id = _int(request.GET.get("unit"))
    unit = public_units().filter(pk=unit_id).first() if unit_id else None
    node = _node_from(request)
    topic = request.GET.get("topic") if request.GET.get("topic") in TOPICS else ""
    year = query.to_year(request.GET.get("year"))
    if unit:
        qs = qs.filter(unit=unit)
    if node:
        qs = selectors.filed_under(qs, node)
    if topic:
        qs = qs.filter(topic=topic)
    if year:
        qs = qs.filter(published_at__year=year)
    page = selectors.PublicPaginator(qs.order_by("-published_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    this_year = timezone.localdate().year
    params = request.GET.copy()
    params.pop("page", None)
    return _xxgk(
        request,
        "publishing/portal/list.html",
        {
            "page": page,
            "units": public_units(),
            "unit": unit,
            "node": node,
            "topics": TOPICS,
            "topic": topic,
            "year": year,
            "years": range(this_year, this_year - 10, -1),
            "query_string": params.urlencode(),
            "top_nodes": CatalogNode.objects.filter(unit__isnull=True, parent__isnull=True, is_active=True),
        },
        "政府信息",
    )


@require_GET
def info_detail(request, pk):
    pub = get_object_or_404(selectors.public_publications().select_related("unit"), pk=pk)
    attachments = list(pub.public_attachments())
    nodes = list(pub.nodes.select_related("parent"))
    newer, older = selectors.neighbours(pub)
    return _xxgk(
        request,
        "publishing/portal/detail.html",
        {
            "pub": pub,
            "attachments": attachments,
            "nodes": nodes,
            "panels": extensions.panels(pub),
            "newer": newer,
            "older": older,
        },
        pub.title,
        crumbs=[("政府信息", reverse("info:list"))],
    )


@require_GET
def info_print(request, pk):
    """The print view (打印): the item's properties, title, text and attachment names, without the site's chrome."""
    pub = get_object_or_404(selectors.public_publications().select_related("unit"), pk=pk)
    attachments = list(pub.public_attachments())
    return render(
        request,
        "publishing/portal/print.html",
        {"pub": pub, "attachments": attachments, "nodes": list(pub.nodes.all()), "page_title": pub.title},
    )


@require_GET
def info_attachment(request, pk, att_id):
    """The public file: the masked copy when one exists. Files awaiting replacement, and a new version's files
    still under review, are not served."""
    pub = get_object_or_404(selectors.public_publications(), pk=pk)
    att = get_object_or_404(pub.public_attachments(), pk=att_id)
    field = att.masked_file if att.masked_file else att.file
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("文件不存在。")
    if att.masked_file:  # a masked .doc/.xls is served as the .docx/.xlsx it was masked as
        name, content_type = masked_name(att.name, att.kind, mark=False), masked_content_type(att.kind)
    else:
        name, content_type = att.name, CONTENT_TYPES.get(att.kind, "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Content-Type"] = content_type
    return response


@require_GET
def info_search(request):
    """Search with filters (unit, category, date range); the site-wide search box uses the same index."""
    q = " ".join(query.to_text(request.GET.get("q")).split())[:100]
    unit_id = _int(request.GET.get("unit"))
    unit = public_units().filter(pk=unit_id).first() if unit_id else None
    node = _node_from(request)
    date_from, date_to = _date(request.GET.get("from")), _date(request.GET.get("to"))
    page_no = _int(request.GET.get("page")) or 1
    results = index.search(
        q,
        unit=unit,
        node=node,
        date_from=date_from,
        date_to=date_to,
        limit=PAGE_SIZE,
        offset=(page_no - 1) * PAGE_SIZE,
    )
    pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE
    params = request.GET.copy()
    params.pop("page", None)
    return _xxgk(
        request,
        "publishing/portal/search.html",
        {
            "q": q,
            "results": results,
            "units": public_units(),
            "unit": unit,
            "node": node,
            "date_from": date_from,
            "date_to": date_to,
            "page_no": page_no,
            "pages": pages,
            "query_string": params.urlencode(),
            "top_nodes": CatalogNode.objects.filter(unit__isnull=True, parent__isnull=True, is_active=True),
        },
        "信息检索",
    )


@require_GET
def catalog_units(request):
    """法定主动公开内容 by unit: every unit and how many items its catalogue holds."""
    from django.db.models import Count

    counts = dict(
        selectors.public_publications().values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )
    from gongkai.portal.selectors import units_by_kind

    groups = [(label, [(u, counts.get(u.pk, 0)) for u in units]) for label, units in units_by_kind()]
    return _xxgk(request, "publishing/portal/catalog_units.html", {"groups": groups}, "政府信息公开目录")


@require_GET
def catalog_unit(request, unit_id):
    """One unit's catalogue (template + its own items), with the items of the chosen node."""
    unit = public_unit_or_404(unit_id)
    nodes = services.nodes_for_unit(unit)
    node_id = _int(request.GET.get("node"))
    node = next((n for n in nodes if n.pk == node_id), None) if node_id else None
    counts = selectors.node_publication_counts(unit)
    rows = selectors.tree_rows(nodes)
    items = None
    if node is not None:
        qs = selectors.filed_under(selectors.public_publications().filter(unit=unit), node).order_by(
            "-published_at", "-id"
        )
        qs = qs.select_related("unit")
        items = selectors.PublicPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        items = selectors.PublicPaginator(
            selectors.public_publications()
            .filter(unit=unit)
            .select_related("unit")
            .order_by("-published_at", "-id"),
            PAGE_SIZE,
        ).get_page(request.GET.get("page"))
    return _xxgk(
        request,
        "publishing/portal/catalog_unit.html",
        {"unit": unit, "rows": rows, "counts": counts, "node": node, "items": items},
        f"{unit.name}政府信息公开目录",
        crumbs=[("政府信息公开目录", reverse("info:catalog_units"))],
    )


@require_GET
def node_feed(request, node_id):
    """RSS 2.0 of a catalogue node (and its sub-items), optionally for one unit (``?unit=``)."""
    node = get_object_or_404(CatalogNode, pk=node_id, is_active=True)
    qs = selectors.filed_under(selectors.public_publications(), node)
    unit_id = _int(request.GET.get("unit"))
    title = node.name
    if unit_id:
        unit = public_unit_or_404(unit_id)
        qs = qs.filter(unit=unit)
        title = f"{unit.name} · {node.name}"
    from django.conf import settings

    feed = feedgenerator.Rss201rev2Feed(
        title=f"{settings.GONGKAI_SITE_NAME} · {title}",
        link=request.build_absolute_uri(reverse("info:list") + f"?node={node.pk}"),
        description=f"{node.path_label}：最新主动公开的政府信息",
        language="zh-cn",
    )
    for pub in qs.select_related("unit").order_by("-published_at", "-id")[:30]:
        feed.add_item(
            title=pub.title,
            link=request.build_absolute_uri(reverse("info:detail", args=[pub.pk])),
            description=(pub.body_text or strip_tags(pub.body))[:300],
            pubdate=pub.published_at,
            unique_id=pub.index_number or str(pub.pk),
            author_name=pub.publisher or pub.unit.name,
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


# --- sitemap ---------------------------------------------------------------------------------------------------
def _static_pages(request) -> list[str]:
    from gongkai.portal import registry

    urls = ["/", "/search/", reverse("info:list"), reverse("info:catalog_units")]
    urls += [item.url for item in registry.nav_items()] + [item.url for item in registry.nav_items(XXGK)]
    urls += [reverse("info:catalog_unit", args=[u.pk]) for u in public_units()]
    return list(dict.fromkeys(u for u in urls if u.startswith("/")))


@require_GET
def sitemap_index(request):
    """A sitemap index (sitemaps.org): static pages, then the published items in files of 10,000 URLs."""
    total = selectors.public_publications().count()
    pages = max(1, (total + SITEMAP_PAGE - 1) // SITEMAP_PAGE)
    locs = [request.build_absolute_uri(reverse("info:sitemap_section", args=["pages", 1]))]
    locs += [
        request.build_absolute_uri(reverse("info:sitemap_section", args=["info", p]))
        for p in range(1, pages + 1)
    ]
    body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    body += [f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs]
    body.append("</sitemapindex>")
    return HttpResponse("\n".join(body), content_type="application/xml; charset=utf-8")


@require_GET
def sitemap_section(request, section, page):
    from xml.sax.saxutils import escape

    entries: list[tuple[str, str]] = []
    if section == "pages" and page == 1:
        entries = [(request.build_absolute_uri(u), "") for u in _static_pages(request)]
    elif section == "info" and page >= 1:
        rows = (
            selectors.public_publications()
            .order_by("id")
            .values_list("id", "published_at", "updated_at")[(page - 1) * SITEMAP_PAGE : page * SITEMAP_PAGE]
        )
        entries = [
            (
                request.build_absolute_uri(reverse("info:detail", args=[pk])),
                (updated or published).date().isoformat(),
            )
            for pk, published, updated in rows
        ]
        if not entries and page > 1:
            raise Http404("没有该页。")
    else:
        raise Http404("没有该页。")
    body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in entries:
        body.append(
            f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>"
        )
    body.append("</urlset>")
    return HttpResponse("\n".join(body), content_type="application/xml; charset=utf-8")
