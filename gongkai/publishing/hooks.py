"""Plug-ins: the portal's navigation, feeds and search, and the staff dashboard cards (called from ``ready``)."""

from __future__ import annotations

import functools

from django.urls import reverse
from django.utils import timezone


def _link(pub):
    from gongkai.portal.registry import Link

    return Link(
        pub.title,
        reverse("info:detail", args=[pub.pk]),
        timezone.localdate(pub.published_at),
        pub.unit.display_name,
    )


def latest_feed(request=None):
    from . import selectors

    return [_link(p) for p in selectors.latest(8)]


@functools.cache
def category_feed(code: str):
    """The feed of one 法定主动公开 category; one provider per code, so registering twice adds nothing."""

    def provider(request=None):
        from . import selectors

        return [_link(p) for p in selectors.latest(10, node_code=code)]

    provider.__name__ = f"category_feed_{code}"
    provider.code = code
    return provider


def search_provider(query: str, limit: int):
    """The portal's site search: public items (each holds every term), documents in force first, every-term-in-title
    next, snippets highlighted; a repealed or expired document carries its mark (已废止, 失效)."""
    from gongkai.portal.registry import Hit

    from . import search

    results = search.search(query, limit=limit)
    hits = []
    for i, hit in enumerate(results.hits):
        pub = hit.publication
        hits.append(
            Hit(
                title=pub.title,
                url=reverse("info:detail", args=[pub.pk]),
                snippet=hit.snippet,
                date=timezone.localdate(pub.published_at),
                source=f"政府信息 · {pub.unit.display_name}",
                # Portal merges sources by score: keep our order, titles above bodies.
                score=(2.0 if hit.in_title else 1.0) - i / (10 * max(limit, 1)),
                status=pub.validity_label if pub.is_expired else "",
                in_force=not pub.is_expired,
            )
        )
    return hits


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _publication_owner(kwargs, params):
    """A publication's public pages (page, print view, attachment) belong to the publishing unit."""
    from gongkai.portal.registry import PageOwner

    from . import selectors

    unit_id = (
        selectors.public_publications().filter(pk=_int(kwargs.get("pk"))).values_list("unit_id", flat=True)
    )
    found = unit_id.first()
    return PageOwner(found, "信息发布单位") if found else None


def _list_owner(kwargs, params):
    """The 政府信息 list filtered to a unit or to a catalogue item of a unit (a template item has no owner)."""
    from gongkai.portal.registry import PageOwner

    from .models import CatalogNode

    unit_id = _int(params.get("unit"))
    if unit_id:
        return PageOwner(unit_id, "信息列表所属单位")
    node_id = _int(params.get("node"))
    if node_id:
        owner = CatalogNode.objects.filter(pk=node_id).values_list("unit_id", flat=True).first()
        if owner:
            return PageOwner(owner, "目录事项所属单位")
    return None


def _catalog_owner(kwargs, params):
    from gongkai.portal.registry import PageOwner

    unit_id = _int(kwargs.get("unit_id"))
    return PageOwner(unit_id, "单位信息公开目录") if unit_id else None


def register_page_owners() -> None:
    """Who owns publishing's public pages (for 找错 reports, through the portal registry)."""
    from gongkai.portal import registry

    for name in ("info:detail", "info:print", "info:attachment"):
        registry.register_page_owner(name, _publication_owner)
    registry.register_page_owner("info:list", _list_owner)
    registry.register_page_owner("info:catalog_unit", _catalog_owner)


def register() -> None:
    """Called from ``ready`` (which may run more than once): every registry ignores what it already holds."""
    from gongkai.common import storedfiles
    from gongkai.portal import registry
    from gongkai.portal.columns import XXGK, statutory_categories
    from gongkai.workspace.registry import register as register_cards

    from . import figures
    from .cards import publishing_cards

    storedfiles.register(
        storedfiles.StoredFiles("信息发布附件（原件）", "publishing.Attachment", "file", "sha256")
    )
    storedfiles.register(
        storedfiles.StoredFiles(
            "信息发布附件（脱敏件）", "publishing.Attachment", "masked_file", "masked_sha256"
        )
    )

    figures.register()
    registry.register_column_link(XXGK, "政府信息公开目录", "/xxgk/ml/", order=25)
    registry.register_column_link(XXGK, "政府信息检索", "/xxgk/info/search/", order=35)
    registry.register_feed("home:latest", latest_feed, more_url="/xxgk/info/")
    for categories in statutory_categories().values():
        for category in categories:
            registry.register_feed(
                category.feed_key,
                category_feed(category.code),
                more_url=f"/xxgk/info/?code={category.code}",
            )
    # The 政府信息公开 column's 信息公开制度 and 信息公开年报 are fed by their template items (catalog.COLUMN_ITEMS).
    from .catalog import NIANBAO_CODE, ZHIDU_CODE

    registry.register_feed("xxgk:zhidu", category_feed(ZHIDU_CODE), more_url=f"/xxgk/info/?code={ZHIDU_CODE}")
    registry.register_feed(
        "xxgk:nianbao", category_feed(NIANBAO_CODE), more_url=f"/xxgk/info/?code={NIANBAO_CODE}"
    )
    registry.register_search(search_provider)
    register_page_owners()
    register_cards(publishing_cards, order=20)
    from gongkai.calendar import recompute

    from .actions.lifecycle import recompute_timeliness

    recompute.register("publishing", "主动公开时限", recompute_timeliness)
