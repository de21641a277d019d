"""Plug-ins (called from ``ready``): audit labels, the dashboard cards, the footer link on every portal page and
the column links, the page cache, the stored screenshots, the calendar's recompute hook, the figures."""

from __future__ import annotations


def figure_sources() -> None:
    from gongkai.common import figures

    from . import selectors

    def detail(unit) -> str:
        return "/work/errata/" + (f"?unit={unit.pk}" if unit is not None else "")

    def received(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(got["received"], detail_url=detail(unit))

    def on_time(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(
            got["on_time_rate"],
            detail_url=detail(unit),
            numerator=got["on_time"],
            denominator=got["answered"],
        )

    figures.register(
        "errata.received",
        label="收到找错报告",
        unit="条",
        compute=received,
        description="期间内收到的网站找错报告",
    )
    figures.register(
        "errata.on_time_rate",
        label="找错报告按期答复率",
        unit="%",
        compute=on_time,
        kind="ratio",
        description="期间内收到并已答复的找错报告中在答复期限内答复的比例",
    )


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.calendar import recompute
    from gongkai.common import pagecache, storedfiles
    from gongkai.portal import registry
    from gongkai.workspace.registry import register as register_cards

    from .audit_labels import LABELS
    from .cards import errata_cards
    from .services import recompute_after_calendar_change

    register_actions(LABELS)
    registry.register_footer_link("我为政府网站找错", "/hdjl/zhaocuo/", with_page=True, order=10)
    registry.register_column_link("hdjl", "我为政府网站找错", "/hdjl/zhaocuo/", order=80)
    registry.register_column_link("hdjl", "找错情况统计", "/hdjl/zhaocuo/tongji/", order=90)
    register_cards(errata_cards, order=25)
    # The public monthly summary counts the reports. Staff actions bump the page cache; a new report does not (the
    # public could otherwise empty the whole portal cache by sending reports): 收到 shows within
    # GONGKAI_PORTAL_CACHE_SECONDS.
    pagecache.invalidate_on(
        "errata.answered", "errata.closed", "errata.returned", "errata.deadline_recomputed"
    )
    storedfiles.register(
        storedfiles.StoredFiles("找错报告截图", "errata.ErrorReport", "screenshot", "screenshot_sha256")
    )
    recompute.register("errata", "找错报告答复期限", recompute_after_calendar_change)
    figure_sources()
