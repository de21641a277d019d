"""Plug-ins (called from ``ready``): audit labels, the dashboard cards, the 回应关切 portal link, the page cache,
the stored files, the calendar recompute hook, the figures."""

from __future__ import annotations


def figure_sources() -> None:
    from gongkai.common import figures

    from . import selectors

    def detail(unit) -> str:
        return "/work/sentiment/" + (f"?unit={unit.pk}" if unit is not None else "")

    def on_time(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(
            got["on_time_rate"], detail_url=detail(unit), numerator=got["on_time"], denominator=got["decided"]
        )

    def kept(*, unit, start, end):
        got = selectors.figures(unit=unit, start=start, end=end)
        return figures.Figure(
            got["kept_rate"],
            detail_url="/work/sentiment/commitments/" + (f"?unit={unit.pk}" if unit is not None else ""),
            numerator=got["kept"],
            denominator=got["commitments_due"],
            note=f"其中经核查已落实并公开{got['verified']}项",
        )

    def cases(*, unit, start, end):
        return figures.Figure(
            selectors.figures(unit=unit, start=start, end=end)["cases"], detail_url=detail(unit)
        )

    figures.register(
        "sentiment.cases",
        label="登记政务舆情",
        unit="件",
        compute=cases,
        description="期间内发现并登记的政务舆情（按主管单位）",
    )
    figures.register(
        "sentiment.responded_on_time",
        label="政务舆情按时回应率",
        unit="%",
        compute=on_time,
        kind="ratio",
        description="期间内发现的舆情中，各回应期限（5小时/24小时/48小时或地方工作日时限）均按时完成的比例；"
        "分母为已回应或期限已过的舆情",
    )
    figures.register(
        "sentiment.commitments_kept",
        label="舆情回应承诺兑现率",
        unit="%",
        compute=kept,
        kind="ratio",
        description="期间内到期的承诺事项中已兑现的比例",
    )


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.calendar import recompute
    from gongkai.common import pagecache, storedfiles
    from gongkai.portal import registry
    from gongkai.workspace.registry import register as register_cards

    from . import services
    from .audit_labels import LABELS
    from .cards import sentiment_cards

    register_actions(LABELS)
    registry.register_column_link("hdjl", "回应关切", "/hdjl/hygq/", order=80)
    register_cards(sentiment_cards, order=25)
    # The 回应关切 column lists the publications linked by responses: a new response changes it.
    pagecache.invalidate_on("sentiment.responded")
    storedfiles.register(storedfiles.StoredFiles("舆情截图", "sentiment.Screenshot", "file", "sha256"))
    storedfiles.register(
        storedfiles.StoredFiles(
            "舆情回应承诺佐证材料", "sentiment.Commitment", "evidence_file", "evidence_sha256"
        )
    )
    recompute.register("sentiment", "舆情回应期限", services.recompute_after_calendar_change)
    figure_sources()
