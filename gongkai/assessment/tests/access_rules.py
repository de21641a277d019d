"""How a member of another unit is treated on each staff URL of the assessment (see tests/access.py)."""

from tests.access import Rule


def _scheme(ctx):
    from gongkai.assessment import services
    from gongkai.assessment.models import Scheme

    return ctx.once(
        "assessment_scheme",
        lambda: (
            Scheme.objects.filter(year=2030).first() or services.create_scheme(2030, actor=None, weight=5)
        ),
    )


def _period(ctx):
    return _scheme(ctx).periods.order_by("end").first()


def _entry(ctx):
    from gongkai.assessment import services

    def make():
        scheme = _scheme(ctx)
        ind = services.add_indicator(
            scheme, actor=None, group="platform", name="网站专栏", kind="manual", points=5
        )
        period = _period(ctx)
        return services.enter(
            period,
            actor=None,
            unit=ctx.unit_b,
            indicator=ind,
            points=3,
            reason=f"乙单位评分理由{ctx.marker}",
            evidence=_pdf(ctx),
        )

    return ctx.once("assessment_entry", make)


def _pdf(ctx):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "佐证.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def setup(ctx):
    ctx.unit_b.kind = "department"
    ctx.unit_b.save(update_fields=["kind"])
    _entry(ctx)


def _s(ctx):
    return {"pk": _scheme(ctx).pk}


def _p(ctx):
    return {"pk": _period(ctx).pk}


def _pu(ctx):
    return {"pk": _period(ctx).pk, "unit_pk": ctx.unit_b.pk}


def _e(ctx):
    return {"pk": _entry(ctx).pk}


RULES = {
    "assessment:index": Rule("any_staff"),
    "assessment:scheme": Rule("any_staff", _s),
    "assessment:scheme_edit": Rule("office_only", _s),
    "assessment:indicator_new": Rule("office_only", _s),
    "assessment:indicator_remove": Rule("office_only", lambda ctx: {"pk": _entry(ctx).indicator_id}),
    "assessment:period": Rule("any_staff", _p),
    "assessment:period_run": Rule("office_only", _p),
    "assessment:scores_xlsx": Rule("any_staff", _p),
    "assessment:notice": Rule("office_only", lambda ctx: {"pk": _period(ctx).pk, "fmt": "docx"}),
    "assessment:period_unit": Rule("other_unit", _pu),
    "assessment:entry_new": Rule("other_unit", _pu),
    "assessment:entry_confirm": Rule("other_unit", _e),
    "assessment:entry_evidence": Rule("other_unit", _e),
}
