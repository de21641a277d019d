"""How a member of another unit is treated on each staff URL of errata (see tests/access.py)."""

from tests.access import Rule


def _report(ctx):
    def make():
        from django.core.files.uploadedfile import SimpleUploadedFile

        from gongkai.errata import services
        from gongkai.errata.tests.factories import png_bytes

        intake = services.submit(
            page=f"/xxgk/jgzn/{ctx.unit_b.pk}/",
            error_type="wording",
            description=f"乙单位页面表述错误{ctx.marker}",
            contact=f"{ctx.marker}13800000009",
            screenshot=SimpleUploadedFile("b.png", png_bytes(), content_type="image/png"),
        )
        return intake.report

    return ctx.once("errata_report", make)


def setup(ctx):
    _report(ctx)


def _pk(ctx):
    return {"pk": _report(ctx).pk}


RULES = {
    "errata:index": Rule("any_staff"),
    "errata:export_xlsx": Rule("any_staff"),
    "errata:detail": Rule("other_unit", _pk),
    "errata:screenshot": Rule("other_unit", _pk),
    "errata:take_up": Rule("other_unit", _pk),
    "errata:answer": Rule("other_unit", _pk),
    "errata:reroute": Rule("other_unit", _pk),
    "errata:recheck": Rule("other_unit", _pk),
}
