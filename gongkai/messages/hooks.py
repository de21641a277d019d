"""Plug-ins (called from ``ready``): audit labels, the dashboard cards, the portal's links, the figures."""

from __future__ import annotations


def figure_sources() -> None:
    from gongkai.common import figures

    from . import selectors

    def detail(unit) -> str:
        return "/work/messages/" + (f"?unit={unit.pk}" if unit is not None else "")

    def received(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(got["received"], detail_url=detail(unit))

    def on_time(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(
            got["on_time_rate"], detail_url=detail(unit), numerator=got["on_time"], denominator=got["replied"]
        )

    def satisfaction(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(got["satisfaction"], detail_url=detail(unit))

    def adoption(*, unit, start, end):
        got = selectors.adoption_counts(unit=unit, start=start, end=end)
        return figures.Figure(
            got["rate"],
            detail_url=detail(unit),
            numerator=got["adopted"] + got["partly"],
            denominator=got["marked"],
            note=f"采纳{got['adopted']}条、部分采纳{got['partly']}条、未采纳{got['not_adopted']}条",
            extra={"adopted": got["adopted"], "partly": got["partly"], "not_adopted": got["not_adopted"]},
        )

    figures.register(
        "messages.suggestion_adoption",
        label="留言建议采纳率",
        unit="%",
        compute=adoption,
        kind="ratio",
        description="期间内答复的建议类留言中采纳和部分采纳的比例（另列采纳、部分采纳、未采纳条数）",
    )
    figures.register(
        "messages.received",
        label="收到有效留言",
        unit="条",
        compute=received,
        description="期间内收到的有效留言",
    )
    figures.register(
        "messages.on_time_rate",
        label="留言按期答复率",
        unit="%",
        compute=on_time,
        kind="ratio",
        description="期间内答复的留言中在答复期限内答复的比例",
    )
    figures.register(
        "messages.satisfaction",
        label="留言答复满意率",
        unit="%",
        compute=satisfaction,
        kind="ratio",
        description="评价为满意或基本满意的答复 / 已评价的答复",
    )


def _message_page_owner(kwargs, params):
    """A published message's page belongs to the unit that answered it (找错 reports go there)."""
    from gongkai.portal.registry import PageOwner

    from . import selectors

    pk = kwargs.get("pk")
    found = selectors.public_messages().filter(pk=pk).values_list("unit_id", flat=True).first()
    return PageOwner(found, "留言承办单位") if found else None


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.portal import registry
    from gongkai.workspace.registry import register as register_cards

    from .audit_labels import LABELS
    from .cards import message_cards

    register_actions(LABELS)
    from gongkai.common import storedfiles

    # The uploaded 12345 exports, until the import is done (then deleted: they hold callers' names).
    storedfiles.register(
        storedfiles.StoredFiles("12345工单文件", "gkmessages.HotlineImport", "file", "sha256")
    )
    registry.register_column_link("hdjl", "网上留言", "/hdjl/liuyan/", order=60)
    registry.register_column_link("hdjl", "留言查询", "/hdjl/liuyan/chaxun/", order=70)
    registry.register_page_owner("ly:detail", _message_page_owner)
    register_cards(message_cards, order=20)
    figure_sources()
