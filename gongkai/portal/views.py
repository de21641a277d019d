"""Public site pages (门户网站). Thin: data comes from ``selectors``, ``columns``, ``search`` and the registry."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.common import query as query_params
from gongkai.core import law

from . import registry, selectors
from .columns import XXGK, statutory_categories
from .context_processors import ELDERLY_COOKIE, nav_with_current
from .search import normalize_query, search

# The home page's content blocks, in page order: (feed key, heading).
HOME_BLOCKS = (
    ("home:latest", "最新公开"),
    ("home:policies", "政策文件"),
    ("home:interpretations", "政策解读"),
    ("home:foi", "依申请公开"),
    ("home:participation", "互动交流"),
)


@require_GET
def home(request):
    blocks = [(key.split(":")[1], title, registry.feed(key, request)) for key, title in HOME_BLOCKS]
    return render(request, "portal/home.html", {"blocks": blocks, "xxgk_links": registry.nav_items(XXGK)})


@require_GET
def search_page(request):
    query = normalize_query(query_params.to_text(request.GET.get("q")))
    return render(request, "portal/search.html", {"query": query, "results": search(query)})


def _xxgk(request, template, context=None, title=""):
    """Render a page of the 政府信息公开 column with its left-hand navigation and breadcrumb."""
    return render(
        request,
        template,
        {
            "column_nav": nav_with_current(request.path, XXGK),
            "page_title": title,
            "law": law,
            **(context or {}),
        },
    )


@require_GET
def xxgk_index(request):
    return _xxgk(request, "portal/xxgk/index.html", title="政府信息公开")


@require_GET
def zhinan_index(request):
    return _xxgk(
        request, "portal/xxgk/zhinan_index.html", {"groups": selectors.units_by_kind()}, "信息公开指南"
    )


@require_GET
def zhinan_unit(request, unit_id):
    unit = selectors.public_unit_or_404(unit_id)
    return _xxgk(
        request,
        "portal/xxgk/zhinan_unit.html",
        {"unit": unit},
        f"{unit.name}政府信息公开指南",
    )


@require_GET
def jgzn_index(request):
    """机构职能: every active unit, grouped by kind, each linking to its functions, leaders and contacts."""
    return _xxgk(request, "portal/xxgk/jgzn_index.html", {"groups": selectors.units_by_kind()}, "机构职能")


@require_GET
def jgzn_unit(request, unit_id):
    unit = selectors.public_unit_profile_or_404(unit_id)
    return _xxgk(request, "portal/xxgk/jgzn_unit.html", {"unit": unit}, unit.name)


@require_GET
def ldxx(request):
    """领导信息: the leaders of every unit with their posts and 分工, from the unit records."""
    return _xxgk(request, "portal/xxgk/ldxx.html", {"groups": selectors.leaders_by_kind()}, "领导信息")


@require_GET
def zhidu(request):
    return _xxgk(
        request, "portal/xxgk/zhidu.html", {"feed": registry.feed("xxgk:zhidu", request, 50)}, "信息公开制度"
    )


@require_GET
def fdzdgk(request):
    groups = statutory_categories()
    sections = {
        name: [(category, registry.feed(category.feed_key, request, 10)) for category in categories]
        for name, categories in groups.items()
    }
    return _xxgk(request, "portal/xxgk/fdzdgk.html", {"sections": sections}, "法定主动公开内容")


@require_GET
def nianbao(request):
    return _xxgk(
        request,
        "portal/xxgk/nianbao.html",
        {"feed": registry.feed("xxgk:nianbao", request, 50)},
        "信息公开年报",
    )


def _same_origin(request) -> bool:
    """A POST sent by a page of this site: its ``Origin`` (or, when a browser sends none, its ``Referer``) names this
    host and scheme — the standard-header check OWASP lists beside tokens. The test client's "no CSRF checks" flag
    is honoured as Django's CSRF middleware honours it."""
    if getattr(request, "_dont_enforce_csrf_checks", False):
        return True
    here = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin == here or origin in settings.CSRF_TRUSTED_ORIGINS
    referer = request.META.get("HTTP_REFERER", "")
    return referer == here or referer.startswith(here + "/")


@csrf_exempt
@require_POST
def toggle_elderly(request):
    """Switch the elderly-friendly mode (适老化模式); a cookie keeps it across pages and visits.

    Guarded by an origin check instead of a CSRF token, so the switch on every portal page leaves the page the same
    for every visitor and the page cache can serve it (docs/portal.md); the action only flips a display cookie and
    redirects within this site."""
    if not _same_origin(request):
        raise PermissionDenied("请从本站页面切换适老化模式。")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get(ELDERLY_COOKIE) == "1":
        response.delete_cookie(ELDERLY_COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            ELDERLY_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure()
        )
    return response


@require_GET
def healthz(request):
    """Liveness probe (健康检查) for the load balancer and the benchmark: the bare cost of a Django request."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
