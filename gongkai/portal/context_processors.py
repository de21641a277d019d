from django.conf import settings

from . import registry

ELDERLY_COOKIE = "gk_elderly"


def _current(path: str, url: str) -> str:
    """aria-current value for a nav link: "page" on the page itself, "true" inside its section, else ""."""
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def nav_with_current(path: str, column: str = registry.MAIN_NAV) -> list[dict]:
    return [
        {"label": item.label, "url": item.url, "current": _current(path, item.url)}
        for item in registry.nav_items(column)
    ]


def site(request):
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_icp": settings.GONGKAI_SITE_ICP,
        "site_code": settings.GONGKAI_SITE_CODE,
        # Server-side so the larger type is there on first paint, without a flash or a script.
        "elderly_mode": request.COOKIES.get(ELDERLY_COOKIE) == "1",
        "portal_nav": nav_with_current(request.path),
    }
