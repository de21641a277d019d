"""The crawler of a website (网站巡检抓取): HTML parsing, URL rules and a bounded breadth-first walk.

Framework-free: the walk is given a ``fetch(url) -> Fetched`` function, so the same code crawls our own portal
in-process (through Django's handler, no server needed) and external sites over HTTP. Bounds: pages, depth and
seconds; a page is fetched once (URLs normalized: fragment dropped, query kept, default port removed).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Attachment kinds by extension (链接到的附件): fetched, checked, not parsed for links.
ATTACHMENT_EXTENSIONS = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".wps",
        ".et",
        ".ofd",
        ".zip",
        ".rar",
        ".txt",
        ".csv",
        ".ppt",
        ".pptx",
    }
)
_DATE = re.compile(r"(20\d{2}|19\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


@dataclass(frozen=True)
class Fetched:
    """What a fetch returned. ``status`` 0 means no answer (refused, timed out: ``error`` says which)."""

    status: int
    content_type: str = ""
    body: bytes = b""
    error: str = ""
    elapsed: float = 0.0
    final_url: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() in HTML_TYPES


@dataclass
class Block:
    """A part of a page under a heading with an ``id`` inside ``<main>`` (a column shown as a section of a page,
    as the 法定主动公开内容 categories): the heading, the dates and the number of links until the next such heading."""

    anchor: str
    heading: str = ""
    dates: list[date] = field(default_factory=list)
    links: int = 0


@dataclass
class Parsed:
    """The parts of an HTML page the checks read."""

    title: str = ""
    text: str = ""  # visible text of the whole page
    main_text: str = ""  # visible text inside <main> (the whole text when the page has none)
    links: list[str] = field(default_factory=list)  # href / src values as written, in order
    dates: list[date] = field(
        default_factory=list
    )  # dates shown inside <main>: <time datetime> and written dates
    images_without_alt: int = 0
    blocks: list[Block] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self._skip = 0
        self._main = 0
        self._in_title = False
        self._title: list[str] = []
        self._text: list[str] = []
        self._main_text: list[str] = []
        self._time_dates: list[str] = []
        self._heading: Block | None = None  # an anchored heading whose text is being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "main":
            self._main += 1
        if self._main and tag in ("h2", "h3", "h4") and values.get("id"):
            self._heading = Block(values["id"])
            self.out.blocks.append(self._heading)
        block = self.out.blocks[-1] if self.out.blocks and self._main else None
        if tag == "a" and values.get("href"):
            self.out.links.append(values["href"])
            if block is not None and self._heading is None:
                block.links += 1
        elif tag in ("img", "iframe", "embed") and values.get("src"):
            self.out.links.append(values["src"])
            if tag == "img" and "alt" not in values:
                self.out.images_without_alt += 1
        elif tag == "time" and self._main and values.get("datetime"):
            self._time_dates.append(values["datetime"])
            if block is not None and (found := _iso(values["datetime"])):
                block.dates.append(found)
        if tag in ("br", "p", "li", "tr", "div", "h1", "h2", "h3", "td", "th"):
            self._put("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "main" and self._main:
            self._main -= 1
        elif tag in ("h2", "h3", "h4"):
            self._heading = None
        if tag in ("p", "li", "tr", "div", "h1", "h2", "h3"):
            self._put("\n")

    def _put(self, data: str) -> None:
        self._text.append(data)
        if self._main:
            self._main_text.append(data)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title.append(data)
            return
        if self._heading is not None:
            self._heading.heading += " ".join(data.split())
        self._put(data)

    def result(self) -> Parsed:
        self.out.title = " ".join("".join(self._title).split())
        self.out.text = _tidy("".join(self._text))
        self.out.main_text = _tidy("".join(self._main_text)) if self._main_text else self.out.text
        dates = [d for d in (_iso(v) for v in self._time_dates) if d]
        if not dates:
            dates = find_dates(self.out.main_text)
        self.out.dates = dates
        return self.out


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _iso(value: str) -> date | None:
    found = find_dates(value)
    return found[0] if found else None


def find_dates(text: str) -> list[date]:
    """Every valid date written in ``text`` (2026-03-05, 2026/3/5, 2026年3月5日)."""
    out = []
    for m in _DATE.finditer(text):
        try:
            out.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return out


def decode(body: bytes, content_type: str = "") -> str:
    """An HTML body as text: the charset the server named, else UTF-8, else GB18030 (older county sites)."""
    m = re.search(r"charset=([\w-]+)", content_type or "", re.IGNORECASE)
    for enc in ([m.group(1)] if m else []) + ["utf-8", "gb18030"]:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def parse_html(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.result()


def content_hash(text: str) -> str:
    """A page's content fingerprint: its visible text, whitespace-normalized (tokens and markup do not count)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def normalize(url: str) -> str:
    """One spelling per page: fragment dropped, scheme and host lowercased, default port and empty path fixed."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def resolve(base: str, href: str) -> str | None:
    """The absolute URL of a link on page ``base``; None for what is not a page (mailto:, javascript:, tel:)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return None
    return normalize(urljoin(base, href))


def same_site(url: str, root: str) -> bool:
    return urlsplit(url).netloc == urlsplit(root).netloc


def is_attachment(url: str) -> bool:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:] in ATTACHMENT_EXTENSIONS


@dataclass
class Page:
    """One fetched URL of the crawl with what the checks need."""

    url: str
    depth: int
    fetched: Fetched
    parsed: Parsed | None = None
    referrers: list[str] = field(default_factory=list)  # pages linking here (first few)
    attachment: bool = False
    external: bool = False  # a link target on another site (checked, not crawled)

    @property
    def ok(self) -> bool:
        return self.fetched.ok

    @property
    def hash(self) -> str:
        return (
            content_hash(self.parsed.main_text)
            if self.parsed
            else hashlib.sha256(self.fetched.body).hexdigest()
        )


@dataclass(frozen=True)
class Limits:
    """Bounds of one crawl (设置见 settings: GONGKAI_SITECHECK_MAX_PAGES / _MAX_DEPTH / _MAX_SECONDS)."""

    max_pages: int = 2000
    max_depth: int = 6
    max_seconds: float = 600.0
    check_external: bool = False
    max_referrers: int = 5


@dataclass
class Crawl:
    root: str
    pages: dict[str, Page] = field(default_factory=dict)
    truncated: str = (
        ""  # why the walk stopped early (pages / seconds), empty when it covered everything reachable
    )
    seconds: float = 0.0

    def internal(self) -> list[Page]:
        return [p for p in self.pages.values() if not p.external]


Fetch = Callable[[str], Fetched]
Progress = Callable[[int, int, str], None]


def crawl(
    root: str,
    fetch: Fetch,
    *,
    limits: Limits = Limits(),
    fetch_external: Fetch | None = None,
    progress: Progress | None = None,
    extra: Iterable[str] = (),
    keep_body: Callable[[str, Fetched], bool] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Crawl:
    """Breadth-first from ``root`` (and ``extra`` start URLs) over pages of the same site; attachments are fetched
    and kept (``keep_body`` decides whether the body stays in memory, default: attachments and HTML up to 2 MB);
    links to other sites are fetched with ``fetch_external`` when ``limits.check_external``."""
    root = normalize(root)
    result = Crawl(root=root)
    started = clock()
    queue: deque[tuple[str, int]] = deque([(root, 0)])
    seen = {root}
    for url in extra:
        u = normalize(url)
        if u not in seen:
            seen.add(u)
            queue.append((u, 1))
    externals: dict[str, list[str]] = {}
    pending_refs: dict[str, list[str]] = {}  # referrers of URLs queued, not fetched yet
    while queue:
        if len(result.pages) >= limits.max_pages:
            result.truncated = f"已达页面上限{limits.max_pages}个"
            break
        if clock() - started > limits.max_seconds:
            result.truncated = f"已达时间上限{limits.max_seconds:.0f}秒"
            break
        url, depth = queue.popleft()
        fetched = fetch(url)
        page = Page(
            url=url, depth=depth, fetched=fetched, attachment=is_attachment(url) or not fetched.is_html
        )
        if fetched.ok and fetched.is_html:
            page.parsed = parse_html(decode(fetched.body, fetched.content_type))
            for href in page.parsed.links:
                target = resolve(url, href)
                if target is None:
                    continue
                if not same_site(target, root):
                    externals.setdefault(target, []).append(url)
                    continue
                if target in seen:
                    known = result.pages.get(target)
                    if known is not None and len(known.referrers) < limits.max_referrers:
                        known.referrers.append(url)
                    else:
                        pending_refs.setdefault(target, [])
                        if len(pending_refs[target]) < limits.max_referrers:
                            pending_refs[target].append(url)
                    continue
                if depth + 1 > limits.max_depth and not is_attachment(target):
                    continue
                seen.add(target)
                pending_refs.setdefault(target, []).append(url)
                queue.append((target, depth + 1))
        page.referrers = pending_refs.pop(url, [])[: limits.max_referrers]
        if keep_body is not None and not keep_body(url, fetched):
            page.fetched = Fetched(
                fetched.status, fetched.content_type, b"", fetched.error, fetched.elapsed, fetched.final_url
            )
        result.pages[url] = page
        if progress is not None:
            progress(len(result.pages), len(result.pages) + len(queue), "个页面和附件已抓取")
    if limits.check_external and fetch_external is not None:
        for target, refs in externals.items():
            if clock() - started > limits.max_seconds:
                result.truncated = (
                    result.truncated or f"已达时间上限{limits.max_seconds:.0f}秒（外部链接未查完）"
                )
                break
            result.pages[target] = Page(
                url=target,
                depth=-1,
                fetched=fetch_external(target),
                referrers=refs[: limits.max_referrers],
                attachment=is_attachment(target),
                external=True,
            )
    result.seconds = clock() - started
    return result
