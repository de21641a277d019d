"""Plug-in points of the public site (门户网站): navigation, column links, content feeds and search.

The portal shell knows no capability. A capability (publishing, policies, foi, participation, reports…) plugs in
from its ``AppConfig.ready()``::

    from gongkai.portal import registry

    registry.register_nav("政策文件", "/zcwj/", order=20)
    registry.register_column_link("xxgk", "信息公开目录", "/xxgk/ml/", order=15)
    registry.register_feed("home:policies", latest_policies, more_url="/zcwj/")   # provider(request) → [Link]
    registry.register_feed("home:foi", lambda request: [], actions=[Link("我要申请", "/ysqgk/new/")])
    registry.register_search(search_publications)                                # provider(query, limit) → [Hit]

Feeds with no provider, or whose providers return nothing, render the empty state "暂无内容": the site never
shows made-up content. Everything handed to the portal must be public: providers filter to published items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Link:
    """One entry of a list on the public site: a title, where it goes, and optionally a date and a note."""

    label: str
    url: str
    date: date | datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class Hit:
    """One search result (检索结果)."""

    title: str
    url: str
    snippet: str = ""
    date: date | datetime | None = None
    source: str = ""  # e.g. 政府信息, 政策文件, 政策解读
    score: float = 0.0
    # Holds every word of the query (a source that also returns partial matches says which are partial).
    complete: bool = True
    # A document no longer in force: its mark (已废止, 失效) shown beside the title; such hits rank lower.
    status: str = ""
    in_force: bool = True


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100


FeedProvider = Callable[..., list[Link]]
SearchProvider = Callable[[str, int], list[Hit]]


@dataclass
class Feed:
    providers: list[FeedProvider] = field(default_factory=list)
    more_url: str | None = None
    actions: list[Link] = field(default_factory=list)


_nav: dict[str, list[NavItem]] = {}
_feeds: dict[str, Feed] = {}
_search: list[SearchProvider] = []

MAIN_NAV = "main"


def register_nav(label: str, url: str, order: int = 100) -> None:
    """Add an entry to the main navigation bar (主导航); 首页 always comes first."""
    register_column_link(MAIN_NAV, label, url, order)


def register_column_link(column: str, label: str, url: str, order: int = 100) -> None:
    """Add an entry to a column's left-hand navigation (栏目导航), e.g. column ``"xxgk"`` (政府信息公开)."""
    items = _nav.setdefault(column, [])
    if any(item.url == url for item in items):
        return  # ready() may run twice (tests, autoreload): registering is idempotent
    items.append(NavItem(label, url, order))
    items.sort(key=lambda item: (item.order, item.label))


def nav_items(column: str = MAIN_NAV) -> list[NavItem]:
    return list(_nav.get(column, ()))


def register_feed(
    key: str,
    provider: FeedProvider | None = None,
    *,
    more_url: str | None = None,
    actions: Iterable[Link] = (),
) -> None:
    """Feed a list on the public site. ``provider(request)`` returns public ``Link``s, newest first.

    Keys used by the shell: ``home:latest`` 最新公开, ``home:policies`` 政策文件, ``home:interpretations`` 政策解读,
    ``home:foi`` 依申请公开, ``home:participation`` 互动交流, ``xxgk:zhidu`` 信息公开制度, ``xxgk:nianbao`` 信息公开年报,
    ``xxgk:fdzdgk:<code>`` one per 法定主动公开 category (codes from ``portal.columns.statutory_categories``).
    """
    feed = _feeds.setdefault(key, Feed())
    if provider is not None and provider not in feed.providers:
        feed.providers.append(provider)
    if more_url:
        feed.more_url = more_url
    for action in actions:
        if action not in feed.actions:
            feed.actions.append(action)


@dataclass(frozen=True)
class FeedView:
    """What a template gets for one feed: the items (maybe none), a 更多 link and action links."""

    key: str
    items: list[Link]
    more_url: str | None
    actions: list[Link]


def _sort_key(link: Link):
    value = link.date
    if value is None:
        return (0, "")
    return (1, value.isoformat() if isinstance(value, datetime) else f"{value.isoformat()}T00:00:00")


def feed(key: str, request=None, limit: int = 8) -> FeedView:
    registered = _feeds.get(key, Feed())
    items: list[Link] = []
    for provider in registered.providers:
        items.extend(provider(request))
    if len(registered.providers) > 1:
        items.sort(key=_sort_key, reverse=True)
        # Two sources may list the same page (a report is both the reports app's and the 年报 item's): once each.
        seen: set[str] = set()
        items = [item for item in items if not (item.url in seen or seen.add(item.url))]
    return FeedView(key, items[:limit], registered.more_url, list(registered.actions))


def register_search(provider: SearchProvider) -> None:
    """Plug a search source in: ``provider(query, limit)`` returns public ``Hit``s, best first."""
    if provider not in _search:
        _search.append(provider)


def search_providers() -> list[SearchProvider]:
    return list(_search)


# --- the footer and the owner of a page -------------------------------------------------------------------------
@dataclass(frozen=True)
class FooterLink:
    """A link in the footer of every portal page; ``with_page`` adds ``?page=<the current page's address>``
    (the 找错 link: the report form opens with the page filled in)."""

    label: str
    url: str
    with_page: bool = False
    order: int = 100


@dataclass(frozen=True)
class PageOwner:
    """The unit responsible for a public page (页面主管单位) and why: ``basis`` says so in Chinese
    (信息发布单位, 目录事项所属单位, 单位页面…)."""

    unit_id: int
    basis: str


# resolver(kwargs, params) -> PageOwner | None; kwargs are the URL's arguments, params the query string's values.
OwnerResolver = Callable[[dict, dict], "PageOwner | None"]

_footer: list[FooterLink] = []
_owners: dict[str, OwnerResolver] = {}


def register_footer_link(label: str, url: str, *, with_page: bool = False, order: int = 100) -> None:
    """Add a link to the footer of every portal page (idempotent by URL)."""
    if any(link.url == url for link in _footer):
        return
    _footer.append(FooterLink(label, url, with_page, order))
    _footer.sort(key=lambda link: (link.order, link.label))


def footer_links() -> list[FooterLink]:
    return list(_footer)


def register_page_owner(view_name: str, resolver: OwnerResolver) -> None:
    """Say which unit owns the public pages of one URL name (``"info:detail"``): ``resolver(kwargs, params)``
    returns a ``PageOwner`` or None (unknown object: the page's default owner, the office, applies). The app that
    serves the page registers it, so whoever routes a page (找错 reports) imports no feature app."""
    _owners[view_name] = resolver


def page_owner_resolver(view_name: str) -> OwnerResolver | None:
    return _owners.get(view_name)


def snapshot() -> tuple:
    """The registry's state, for tests that register extra providers and then ``restore`` it."""
    return (
        {k: list(v) for k, v in _nav.items()},
        {k: Feed(list(f.providers), f.more_url, list(f.actions)) for k, f in _feeds.items()},
        list(_search),
        list(_footer),
        dict(_owners),
    )


def restore(state: tuple) -> None:
    nav, feeds, search, *rest = state  # an older 3-part state (nav, feeds, search) has no footer or owners
    footer, owners = rest if rest else ([], {})
    _nav.clear()
    _nav.update(nav)
    _feeds.clear()
    _feeds.update(feeds)
    _search[:] = search
    _footer[:] = footer
    _owners.clear()
    _owners.update(owners)
