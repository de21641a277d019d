"""How the inspection reaches pages (抓取方式) and what it knows of our own portal. Reads only; the run is stored by
``actions/inspection.py``.

Two fetchers for the portal: **in-process** (default, ``GONGKAI_SITECHECK_BASE_URL`` empty): each URL goes through
Django's request handler (``django.test.Client``), so a worker crawls without a running web server, with the same
middleware (page cache, security headers) a visitor gets; **over HTTP** (``GONGKAI_SITECHECK_BASE_URL`` set, e.g.
the public address behind the proxy): what a visitor really reaches, proxy and TLS included. External sites and
external links always go over HTTP (``GONGKAI_SITECHECK_EXTERNAL_LINKS`` switches the latter on; off on machines
without internet access, as on test machines).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from gongkai.core.sitecheck.checks import AxeViolation, Column
from gongkai.core.sitecheck.crawl import Crawl, Fetched, Page

USER_AGENT = "GongkaiSitecheck/1.0 (政务公开平台网站巡检)"
INTERNAL_ROOT = "https://portal.internal/"  # the in-process crawl's own address (never leaves the process)
MAX_BODY = 50 * 1024 * 1024


def http_fetch(timeout: float) -> Callable[[str], Fetched]:
    def fetch(url: str) -> Fetched:
        started = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - http(s) only
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310
                body = resp.read(MAX_BODY)
                return Fetched(
                    resp.status,
                    resp.headers.get("Content-Type", ""),
                    body,
                    elapsed=time.monotonic() - started,
                    final_url=resp.geturl(),
                )
        except urllib.error.HTTPError as exc:
            return Fetched(
                exc.code, exc.headers.get("Content-Type", ""), b"", elapsed=time.monotonic() - started
            )
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Fetched(0, "", b"", error=f"无法连接：{reason}"[:200], elapsed=time.monotonic() - started)

    return fetch


def inprocess_fetch(cookies: dict[str, str] | None = None) -> Callable[[str], Fetched]:
    """Fetch our own portal's URLs through Django's handler (no server, no network)."""
    from django.test import Client

    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"), "localhost")
    client = Client(HTTP_HOST=host, HTTP_USER_AGENT=USER_AGENT, raise_request_exception=False)
    for name, value in (cookies or {}).items():
        client.cookies[name] = value

    def fetch(url: str) -> Fetched:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        started = time.monotonic()
        try:
            resp = client.get(path, follow=True, secure=True)
        except Exception as exc:  # noqa: BLE001 - a view that crashes is a broken page, not a failed crawl
            return Fetched(
                500, "", b"", error=f"页面出错：{type(exc).__name__}", elapsed=time.monotonic() - started
            )
        # The test client has closed the response already (a streaming one once read), with Django's
        # close_old_connections unhooked: closing it again here would fire request_finished and close this
        # thread's database connection — inside the caller's transaction (the demo's, a job's).
        body = b"".join(resp.streaming_content) if getattr(resp, "streaming", False) else resp.content
        if resp.status_code == 404 and parts.path.startswith(settings.STATIC_URL):
            found = _static_file(parts.path[len(settings.STATIC_URL) :])
            if found is not None:
                return found
        return Fetched(
            resp.status_code,
            resp.get("Content-Type", ""),
            body[:MAX_BODY],
            elapsed=time.monotonic() - started,
        )

    return fetch


def _static_file(name: str) -> Fetched | None:
    """A static file the handler did not serve (development: not collected yet), from the finders."""
    import mimetypes

    from django.contrib.staticfiles import finders

    path = finders.find(name)
    if not path or isinstance(path, list):
        return None
    with open(path, "rb") as fh:
        return Fetched(200, mimetypes.guess_type(path)[0] or "application/octet-stream", fh.read())


def portal_root() -> tuple[str, Callable[[str], Fetched]]:
    """The portal's start URL and fetcher: over HTTP when ``GONGKAI_SITECHECK_BASE_URL`` is set, else in-process."""
    base = settings.GONGKAI_SITECHECK_BASE_URL
    if base:
        return base.rstrip("/") + "/", http_fetch(settings.GONGKAI_SITECHECK_TIMEOUT)
    return INTERNAL_ROOT, inprocess_fetch()


# ---------------------------------------------------------------- what a page of our portal is


@dataclass(frozen=True)
class PortalPage:
    unit_id: int | None
    columns: tuple[Column, ...] = ()
    node_id: int | None = None  # a unit's catalogue page of one item (its sub-column)


# The 法定主动公开内容 categories shown as sections of /xxgk/fdzdgk/ (anchors art20-01 …, art21-01 …, art21t-01 …).
_CATEGORY_ANCHOR = ("art20-", "art21-", "art21t-")


def classify(
    page: Page, *, publication_units: dict[int, int], node_info: dict[int, tuple[str, str]]
) -> PortalPage:
    """The owning unit of a page of our portal (the publication's unit, the unit of a unit page, else the office)
    and the columns it shows (``vocab.column_kind``):

    - the portal's own column pages (``vocab.PORTAL_COLUMNS``) and each 法定主动公开内容 category on
      ``/xxgk/fdzdgk/`` — the site's columns (一级栏目; empty ones count toward the 19号 veto);
    - a unit's catalogue page of one item (``/xxgk/ml/<unit>/?node=``) — that unit's sub-column (``node_id`` set).

    Further pages of a list (``page=2`` …) are not columns of their own."""
    from .vocab import PORTAL_COLUMNS

    parts = urlsplit(page.url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return PortalPage(None)
    kwargs = match.kwargs
    name = match.view_name
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    unit_id = None
    if name in ("info:detail", "info:print", "info:attachment"):
        unit_id = publication_units.get(int(kwargs["pk"]))
    elif "unit_id" in kwargs:
        unit_id = int(kwargs["unit_id"])
    if page.parsed is None or query.get("page", "1") != "1":
        return PortalPage(unit_id)
    dates = tuple(page.parsed.dates)
    if name == "info:catalog_unit" and query.get("node", "").isdigit() and unit_id is not None:
        node_id = int(query["node"])
        node = node_info.get(node_id)
        if node is None:
            return PortalPage(unit_id)
        return PortalPage(unit_id, (Column(page.url, node[0], node[1], dates, top_level=False),), node_id)
    if name == "portal:fdzdgk":
        columns = tuple(
            Column(
                f"{page.url}#{block.anchor}",
                f"法定主动公开内容·{block.heading}",
                column_kind_of_category(block.anchor),
                tuple(block.dates),
            )
            for block in page.parsed.blocks
            if block.anchor.startswith(_CATEGORY_ANCHOR)
        )
        return PortalPage(unit_id, columns)
    if name in PORTAL_COLUMNS and not query:
        label, kind = PORTAL_COLUMNS[name]
        return PortalPage(unit_id, (Column(page.url, label, kind, dates),))
    return PortalPage(unit_id)


def column_kind_of_category(anchor: str) -> str:
    from .vocab import column_kind

    return column_kind(anchor)


# ---------------------------------------------------------------- accessibility (axe-core in Chromium)


def sample_for_axe(result: Crawl, per_kind: int = 1, limit: int = 8) -> list[str]:
    """One page of each page type (the URL pattern's view name) of the crawl, HTML pages that answered."""
    chosen: dict[str, list[str]] = {}
    for page in result.internal():
        if not page.ok or page.parsed is None:
            continue
        try:
            kind = resolve(urlsplit(page.url).path).view_name
        except Resolver404:
            kind = urlsplit(page.url).path
        picked = chosen.setdefault(kind, [])
        if len(picked) < per_kind:
            picked.append(page.url)
    urls = [u for group in chosen.values() for u in group]
    return urls[:limit]


def _answer_with(fetch: Callable[[str], Fetched]):
    def handle(route, request) -> None:
        got = fetch(request.url)
        route.fulfill(
            status=got.status or 502,
            body=got.body,
            headers={"Content-Type": got.content_type or "application/octet-stream"},
        )

    return handle


def axe_scan(
    urls: list[str], fetch_for: Callable[[str], Callable[[str], Fetched]], modes=("normal", "elderly")
) -> dict[tuple[str, str], list[AxeViolation]]:
    """Run axe-core (bundled by ``axe-playwright-python``) on each URL in headless Chromium, in each mode, with the
    WCAG 2.1 AA tags. Every request of the browser is answered by ``fetch_for(mode)`` (in-process: no server).

    The browser is driven from a thread of its own: Playwright's sync API refuses a thread where an event loop
    already runs (an async worker, or another Playwright session of the same process, as in the test suite), and
    Django refuses database work in the thread where Playwright's loop runs. The browser's requests are therefore
    answered here, in the caller's thread, with the caller's database connection — so pages written in the
    caller's open transaction (the demo's planted pages) are seen as they will be once it commits."""
    import queue
    from concurrent.futures import Future, ThreadPoolExecutor

    asked: queue.Queue = queue.Queue()

    def through_caller(fetch: Callable[[str], Fetched]) -> Callable[[str], Fetched]:
        def call(url: str) -> Fetched:
            answer: Future = Future()
            asked.put((fetch, url, answer))
            return answer.result()

        return call

    with ThreadPoolExecutor(max_workers=1) as driver:
        scan = driver.submit(_axe_scan, urls, lambda mode: through_caller(fetch_for(mode)), modes)
        while not (scan.done() and asked.empty()):
            try:
                fetch, url, answer = asked.get(timeout=0.05)
            except queue.Empty:
                continue
            try:
                answer.set_result(fetch(url))
            except Exception as exc:  # noqa: BLE001 - handed to the browser's thread, which reports it
                answer.set_exception(exc)
        return scan.result()


def _axe_scan(urls, fetch_for, modes) -> dict[tuple[str, str], list[AxeViolation]]:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    out: dict[tuple[str, str], list[AxeViolation]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=settings.GONGKAI_SITECHECK_CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            for mode in modes:
                fetch = fetch_for(mode)
                context = browser.new_context()

                context.route("**/*", _answer_with(fetch))
                page = context.new_page()
                for url in urls:
                    page.goto(url, wait_until="load", timeout=30000)
                    results = axe.run(page, options=options)
                    found = []
                    for v in results.response.get("violations", []):
                        nodes = v.get("nodes", [])
                        target = ""
                        if nodes:
                            target = " ".join(str(t) for t in nodes[0].get("target", []))
                        found.append(
                            AxeViolation(
                                v["id"], v.get("impact") or "", v.get("help", ""), len(nodes), target
                            )
                        )
                    out[(url, mode)] = found
                context.close()
        finally:
            browser.close()
    return out
