"""How a member of another unit is treated on each staff URL of the annual report (see tests/access.py)."""

from tests.access import Rule

YEAR = 2025


def _report(ctx):
    from gongkai.reports import services

    def make():
        report = services.generate(ctx.unit_b, YEAR, actor=ctx.user_b)
        sections = dict(report.sections, 一=f"{report.sections['一']}\n\n{ctx.marker}")
        return services.update_text(
            report, actor=ctx.user_b, sections=sections, improvements=[], new_problems=[], warning_note=""
        )

    return ctx.once("reports_report", make)


def _batch(ctx):
    from gongkai.reports.models import Batch

    return ctx.once("reports_batch", lambda: Batch.objects.create(title=f"批次{ctx.marker}", files=[]))


def setup(ctx):
    _report(ctx)
    _batch(ctx)


def _pk(ctx):
    return {"pk": _report(ctx).pk}


RULES = {
    "reports:index": Rule("any_staff"),
    "reports:generate": Rule("any_staff"),
    "reports:detail": Rule("other_unit", _pk),
    "reports:edit": Rule("other_unit", _pk),
    "reports:inputs": Rule("other_unit", _pk),
    "reports:regenerate": Rule("other_unit", _pk),
    "reports:approve": Rule("other_unit", _pk),
    "reports:return": Rule("other_unit", _pk),
    "reports:publish": Rule("other_unit", _pk),
    "reports:correct": Rule("other_unit", _pk),
    "reports:download": Rule("other_unit", lambda ctx: {"pk": _report(ctx).pk, "fmt": "docx"}),
    "reports:board": Rule("office_only"),
    "reports:generate_all": Rule("office_only"),
    "reports:board_xlsx": Rule("office_only"),
    "reports:batches": Rule("office_only"),
    "reports:batch": Rule("office_only", lambda ctx: {"pk": _batch(ctx).pk}),
    "reports:batch_xlsx": Rule("office_only", lambda ctx: {"pk": _batch(ctx).pk}),
}
