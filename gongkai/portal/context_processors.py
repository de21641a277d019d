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
    """The column's links with their aria-current; inside nested sections (政策文件 /zcwj/ and 政策问答
    /zcwj/wd/) only the closest one is current."""
    items = registry.nav_items(column)
    marks = {item.url: _current(path, item.url) for item in items}
    inside = [url for url, mark in marks.items() if mark]
    closest = max(inside, key=len) if inside else None
    return [
        {"label": item.label, "url": item.url, "current": marks[item.url] if item.url == closest else ""}
        for item in items
    ]


def site(request):
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_icp": settings.GONGKAI_SITE_ICP,
        "site_code": settings.GONGKAI_SITE_CODE,
        # Server-side so the larger type is there on first paint, without a flash or a script.
        "elderly_mode": request.COOKIES.get(ELDERLY_COOKIE) == "1",
        "portal_nav": nav_with_current(request.path),
        "footer_links": registry.footer_links(),
    }
