"""How a member of another unit is treated on each staff URL of the gazette (see tests/access.py): the gazette is the
office's, so every page answers 403 to unit staff."""

from tests.access import Rule


def _issue(ctx):
    from datetime import date

    from gongkai.gazette import services

    return ctx.once(
        "gazette_issue", lambda: services.create_issue(actor=None, year=2026, issued_on=date(2026, 3, 1))
    )


def setup(ctx):
    _issue(ctx)


def _pk(ctx):
    return {"pk": _issue(ctx).pk}


def _entry(ctx):
    # The office check comes before the entry is looked up: any entry id shows it.
    return {"pk": _issue(ctx).pk, "entry_id": 1}


RULES = {
    "gazette:index": Rule("office_only"),
    "gazette:issue": Rule("office_only", _pk),
    "gazette:add": Rule("office_only", _pk),
    "gazette:remove": Rule("office_only", _entry),
    "gazette:move": Rule("office_only", _entry),
    "gazette:publish": Rule("office_only", _pk),
    "gazette:distribute": Rule("office_only", _pk),
    "gazette:pdf": Rule("office_only", _pk),
}
