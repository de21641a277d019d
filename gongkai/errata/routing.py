"""The page of a 找错 report: only an address of this site (a path), and the unit that owns it.

The owner comes from ``gongkai.portal.registry``: each app registers, per URL name of its public pages, a resolver
(a publication's page → its unit, a catalogue item's list → the item's unit, a unit's 指南 → the unit). So errata
imports no feature app. A page no resolver claims (the home page, a column index, a page that no longer exists)
goes to the openness office (``unit=None``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve

from gongkai.orgs.models import Unit
from gongkai.portal import registry

from .errors import ErrataError
from .vocab import OFFICE_BASIS

MAX_LENGTH = 500
# Not portal pages: staff pages, administration, files.
_NOT_PORTAL = ("/work/", "/sysadmin/", "/static/", "/media/")
BAD_PAGE = "页面地址应为本网站的页面（以“/”开头的站内地址），请从出错页面底部的“我为政府网站找错”进入。"


def clean_page(value: str, *, host: str = "") -> str:
    """The path (with its query string) of a page of this site; ``ErrataError`` on anything else. A full
    address is accepted only when it names ``host`` (this site)."""
    text = (value or "").strip()
    if not text:
        raise ErrataError("请填写出错页面的地址。", field="page")
    if len(text) > MAX_LENGTH or any(ord(ch) < 32 or ch == "\\" for ch in text):
        raise ErrataError(BAD_PAGE, field="page")
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not host or parts.netloc.lower() != host.lower():
            raise ErrataError(BAD_PAGE, field="page")
    elif not text.startswith("/") or text.startswith("//"):
        raise ErrataError(BAD_PAGE, field="page")
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        raise ErrataError(BAD_PAGE, field="page")
    if path.startswith(_NOT_PORTAL):
        raise ErrataError("只受理门户网站公开页面的错误，工作平台的问题请联系系统管理员。", field="page")
    return path + (f"?{parts.query}" if parts.query else "")


def owner_of(page: str) -> tuple[Unit | None, str]:
    """The unit that owns ``page`` (a cleaned path) and the basis, or (None, why the office handles it)."""
    parts = urlsplit(page)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None, OFFICE_BASIS
    resolver = registry.page_owner_resolver(match.view_name)
    if resolver is None:
        return None, OFFICE_BASIS
    try:
        owner = resolver(dict(match.kwargs), dict(parse_qsl(parts.query)))
    except (ValueError, TypeError):  # a hostile query string (?node=abc) owns nothing
        owner = None
    if owner is None:
        return None, OFFICE_BASIS
    unit = Unit.objects.filter(pk=owner.unit_id, is_active=True).first()
    if unit is None:
        return None, OFFICE_BASIS
    return unit, owner.basis
