"""Outsider rules of the application pages for the permission sweep (tests/test_permissions_sweep.py)."""

from tests.access import Rule


def _case(ctx):
    """Unit B's application, with the private marker in its description, a letter, an attachment and a topic."""

    def make():
        from gongkai.foi import services
        from gongkai.foi.models import Attachment, FrequentTopic, Letter

        data = {
            "applicant_type": "natural_person",
            "applicant_name": "乙申请人",
            "id_type": "passport",
            "id_number": "E12345678",
            "phone": "13900000000",
            "description": f"乙单位的申请内容 {ctx.marker}",
            "medium": "paper",
            "delivery": "post",
            "address": "示范县乙镇乙街1号",
        }
        case = services.submit_online(data, unit=ctx.unit_b).case
        letter = Letter.objects.create(
            request=case,
            kind="reply_grant",
            number="乙-1",
            title=ctx.marker,
            body=ctx.marker,
            signature="乙",
            dated=case.receipt_date,
        )
        att = Attachment.objects.create(
            request=case,
            kind="id_proof",
            filename="id.png",
            content_type="image/png",
            size=1,
            sha256="0",
            blob="foi/none.bin",
            wrapped_key="x",
        )
        topic = FrequentTopic.objects.create(title=ctx.marker, request_ids=[case.pk], unit=ctx.unit_b)
        return {"case": case, "letter": letter, "att": att, "topic": topic}

    return ctx.once("foi", make)


def setup(ctx):
    _case(ctx)


def _pk(ctx):
    return {"pk": _case(ctx)["case"].pk}


RULES = {
    "foi:list": Rule("any_staff"),
    "foi:export": Rule("any_staff"),
    "foi:register": Rule("any_staff"),
    "foi:dashboard": Rule("any_staff"),
    "foi:notifications": Rule("any_staff"),
    "foi:case": Rule("other_unit", _pk),
    "foi:act": Rule("other_unit", lambda ctx: {**_pk(ctx), "action": "note"}),
    "foi:attachment": Rule("other_unit", lambda ctx: {**_pk(ctx), "att_id": _case(ctx)["att"].pk}),
    "foi:letter": Rule("other_unit", lambda ctx: {**_pk(ctx), "letter_id": _case(ctx)["letter"].pk}),
    "foi:letter_docx": Rule("other_unit", lambda ctx: {**_pk(ctx), "letter_id": _case(ctx)["letter"].pk}),
    "foi:letter_pdf": Rule("other_unit", lambda ctx: {**_pk(ctx), "letter_id": _case(ctx)["letter"].pk}),
    "foi:unit_profile": Rule("other_unit", lambda ctx: {"unit_id": ctx.unit_b.pk}),
    "foi:frequent": Rule("office_only"),
    "foi:frequent_status": Rule("office_only", lambda ctx: {"topic_id": _case(ctx)["topic"].pk}),
    "foi:templates": Rule("office_only"),
    "foi:template_edit": Rule("office_only", lambda ctx: {"kind": "correction"}),
    "foi:policy": Rule("office_only"),
    "foi:subjects": Rule("office_only"),
    "foi:appeals": Rule("any_staff"),
    "foi:appeals_notice": Rule("any_staff"),
}
