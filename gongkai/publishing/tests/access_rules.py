"""How staff of another unit are treated on every publishing URL (see tests/test_permissions_sweep.py)."""

from tests.access import Rule


def _objects(ctx):
    def make():
        from django.utils import timezone

        from gongkai.publishing.models import Attachment, CatalogNode, Finding, Publication, Review, ScanRun

        pub = Publication.objects.create(
            unit=ctx.unit_b,
            author=ctx.user_b,
            title=f"乙单位草稿 {ctx.marker}",
            body=f"<p>{ctx.marker}</p>",
            body_text=ctx.marker,
        )
        att = Attachment.objects.create(
            publication=pub, name=f"{ctx.marker}.xlsx", kind="xlsx", file="publishing/none.xlsx"
        )
        finding = Finding.objects.create(
            publication=pub,
            source="body",
            kind="mobile",
            severity="medium",
            text="13800000000",
            fingerprint="sweep",
            context=ctx.marker,
        )
        node = CatalogNode.objects.create(unit=ctx.unit_b, name=f"乙单位事项 {ctx.marker}")
        run = ScanRun.objects.create(trigger="rescan_all", summary={"note": ctx.marker})
        review = Review.objects.create(
            publication=pub,
            reviewer=ctx.user_b,
            verdict="returned",
            reason=ctx.marker,
            decided_at=timezone.now(),
        )
        return {"pub": pub, "att": att, "finding": finding, "node": node, "run": run, "review": review}

    return ctx.once("publishing", make)


def setup(ctx):
    _objects(ctx)


def _pub(ctx):
    return {"pk": _objects(ctx)["pub"].pk}


def _att(ctx):
    objs = _objects(ctx)
    return {"pk": objs["pub"].pk, "att_id": objs["att"].pk}


def _finding(ctx):
    objs = _objects(ctx)
    return {"pk": objs["pub"].pk, "finding_id": objs["finding"].pk}


RULES = {
    "publishing:list": Rule("any_staff"),
    "publishing:create": Rule("any_staff"),
    "publishing:import_docx": Rule("any_staff"),
    "publishing:review_queue": Rule("any_staff"),
    "publishing:timeliness": Rule("any_staff"),
    "publishing:cleanup": Rule("any_staff"),
    "publishing:catalog": Rule("any_staff"),
    "publishing:catalog_export": Rule("any_staff"),
    "publishing:catalog_import": Rule("any_staff"),
    "publishing:catalog_node_create": Rule("any_staff"),
    "publishing:terms": Rule("any_staff"),
    "publishing:rescan": Rule("office_only"),
    "publishing:rescan_report": Rule("office_only", lambda ctx: {"pk": _objects(ctx)["run"].pk}),
    "publishing:term_edit": Rule("office_only", lambda ctx: {"pk": ctx.once("term", _term).pk}),
    "publishing:catalog_node_edit": Rule("other_unit", lambda ctx: {"pk": _objects(ctx)["node"].pk}),
    "publishing:detail": Rule("other_unit", _pub),
    "publishing:edit": Rule("other_unit", _pub),
    "publishing:upload": Rule("other_unit", _pub),
    "publishing:scan": Rule("other_unit", _pub),
    "publishing:mask": Rule("other_unit", _pub),
    "publishing:submit": Rule("other_unit", _pub),
    "publishing:review": Rule("other_unit", _pub),
    "publishing:publish": Rule("other_unit", _pub),
    "publishing:schedule": Rule("other_unit", _pub),
    "publishing:withdraw": Rule("other_unit", _pub),
    "publishing:archive": Rule("other_unit", _pub),
    "publishing:lifecycle": Rule("other_unit", _pub),
    "publishing:attachment_download": Rule("other_unit", _att),
    "publishing:attachment_delete": Rule("other_unit", _att),
    "publishing:attachment_replace": Rule("other_unit", _att),
    "publishing:finding_resolve": Rule("other_unit", _finding),
    "publishing:review_sheet": Rule(
        "other_unit",
        lambda ctx: {"pk": _pub(ctx)["pk"], "review_id": _objects(ctx)["review"].pk, "fmt": "pdf"},
    ),
}


def _term():
    from gongkai.publishing.models import SensitiveTerm

    return SensitiveTerm.objects.create(wrong="乙单位测试错误表述", correct="正确表述")
