"""The portal page cache (门户页面缓存): whole anonymous pages, invalidated by one generation counter.

What is cached: a GET of a public page (anything outside ``/work/``, ``/sysadmin/``, static and media files,
``/healthz``) by a visitor who carries no session and no message cookie, answered 200 with an HTML or XML body that
sets no cookie, asks for no ``private``/``no-store``/``no-cache`` and used no CSRF token (a page with a POST form
carrying a token is rendered for each visitor). The key holds everything that varies such a page: the host, the path
with its query string, the elderly-friendly mode cookie, the HTMX request headers — and the generation.

Invalidation is one place. Every state change of the platform ends with ``gongkai.audit.services.record``; the apps
whose records show on the portal declare the audit actions that do (``invalidate_on("publishing.")`` in their
``AppConfig.ready``), and ``record`` calls :func:`note_action`, which bumps the generation when the transaction
commits. A bumped generation makes every cached page unreachable at once (old entries age out); pages are also
rebuilt after ``GONGKAI_PORTAL_CACHE_SECONDS`` at the latest, for what changes with the date alone (a consultation
that closes, a document whose validity ends).

Where it lives: the ``portal`` cache (``settings.CACHES``): Redis when ``REDIS_URL`` is set, shared by every server
and worker, the generation a Redis counter; otherwise each process keeps its own local-memory cache and the
generation is a small file under ``GONGKAI_VAR_DIR``, so a bump by one process (a job worker publishing on schedule,
another gunicorn worker) reaches them all.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

CACHE_ALIAS = "portal"
GENERATION_KEY = "gongkai:portal:generation"
GENERATION_FILE = "portal-cache-generation"
# Paths never cached: the workspace, the admin, files, the health check, the elderly-mode switch (a POST).
EXCLUDED_PREFIXES = ("/work/", "/sysadmin/", "/static/", "/media/", "/healthz", "/a11y/")
CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/atom+xml", "text/xml")
MAX_BODY_BYTES = 2 * 1024 * 1024
# Request headers that change what a page renders (HTMX asks for fragments).
VARY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_BOOSTED")
HIT_HEADER = "X-Gongkai-Cache"

_prefixes: list[str] = []
_lock = threading.Lock()


def enabled() -> bool:
    return settings.GONGKAI_PORTAL_CACHE_SECONDS > 0


def invalidate_on(*prefixes: str) -> None:
    """Declare audit actions that change what the portal shows: an exact action or a prefix ending in ``.``/``_``."""
    for prefix in prefixes:
        if prefix not in _prefixes:
            _prefixes.append(prefix)


def affects_portal(action: str) -> bool:
    return any(action == prefix or (prefix[-1] in "._" and action.startswith(prefix)) for prefix in _prefixes)


def note_action(action: str) -> None:
    """Called by ``audit.record`` for every event: bump the generation on commit when the action feeds the portal."""
    if enabled() and affects_portal(action):
        transaction.on_commit(bump)


def _process_local() -> bool:
    return isinstance(caches[CACHE_ALIAS], LocMemCache)


def _generation_path() -> Path:
    return Path(settings.VAR_DIR) / GENERATION_FILE


def generation() -> str:
    """The current generation; part of every key, so a bump invalidates every page at once."""
    if not _process_local():
        return str(caches[CACHE_ALIAS].get(GENERATION_KEY, 0))
    try:
        return _generation_path().read_text(encoding="ascii").strip() or "0"
    except (FileNotFoundError, UnicodeDecodeError):
        return "0"


def bump() -> None:
    """Make every cached portal page stale (on every server sharing the cache, or every process of this machine)."""
    if not _process_local():
        cache = caches[CACHE_ALIAS]
        cache.add(GENERATION_KEY, 0, timeout=None)
        cache.incr(GENERATION_KEY)
        return
    path = _generation_path()
    with _lock:
        # A fresh random token (not a counter: two processes bumping at once must not write the same value back).
        token = os.urandom(8).hex()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(token, encoding="ascii")
        os.replace(tmp, path)


def request_key(request: HttpRequest) -> str | None:
    """The cache key of this request, or None when it must be rendered for this visitor alone."""
    if not enabled() or request.method != "GET":
        return None
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None  # logged in, or a visitor whose session/messages belong to them alone
    parts = [
        generation(),
        request.get_host(),
        request.get_full_path(),
        "elderly" if cookies.get("gk_elderly") == "1" else "",
        *(request.META.get(header, "") for header in VARY_HEADERS),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f"gongkai:portal:page:{digest}"


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response may be served to every anonymous visitor who asks the same."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token of this visitor
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in CACHEABLE_TYPES and len(response.content) <= MAX_BODY_BYTES


def load(key: str) -> HttpResponse | None:
    stored = caches[CACHE_ALIAS].get(key)
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def store(key: str, response: HttpResponse) -> None:
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    caches[CACHE_ALIAS].set(key, (response.content, headers), settings.GONGKAI_PORTAL_CACHE_SECONDS)
    response[HIT_HEADER] = "miss"


class PortalCacheMiddleware:
    """Serve anonymous portal pages from the page cache; placed high in ``MIDDLEWARE`` (after WhiteNoise, before
    sessions) so a hit costs no session, no database and no template, while the stored response already carries
    the headers the lower middleware added (CSP, frame options)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request_key(request)
        if key is not None and (cached := load(key)) is not None:
            return cached
        response = self.get_response(request)
        if key is not None and storable(request, response):
            store(key, response)
        return response
