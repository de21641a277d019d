"""How a member of another unit is treated on each staff URL of messages (see tests/access.py)."""

from tests.access import Rule


def _message(ctx):
    from gongkai.messages import services

    def make():
        services.ensure_channels()
        from gongkai.messages.models import Channel

        intake = services.submit(
            Channel.objects.get(code="consult"),
            subject=f"乙单位留言{ctx.marker}",
            body=f"留言内容{ctx.marker}",
            writer_name=ctx.marker,
            writer_contact="13800000002",
            unit=ctx.unit_b,
        )
        msg = services.draft_reply(intake.message, actor=ctx.user_b, reply=f"乙单位答复草稿{ctx.marker}。")
        services.request_extension(msg, actor=ctx.user_b, days=2, reason=ctx.marker)
        return msg

    return ctx.once("messages_message", make)


def setup(ctx):
    _message(ctx)


def _pk(ctx):
    return {"pk": _message(ctx).pk}


def _channel(ctx):
    _message(ctx)
    from gongkai.messages.models import Channel

    return {"pk": Channel.objects.get(code="consult").pk}


def _ext(ctx):
    msg = _message(ctx)
    return {"pk": msg.pk, "ext_pk": msg.extensions.get().pk}


def _hotline(ctx):
    def make():
        from gongkai.messages import hotline_samples, services

        services.ensure_channels()
        data = hotline_samples.to_xlsx(
            hotline_samples.HEADER,
            [[f"GD{ctx.marker}", "2026-03-02 09:00", f"诉求{ctx.marker}", "张三", "", "", "", ""]],
        )
        return services.upload(data, actor=None, name="工单.xlsx")

    return {"pk": ctx.once("messages_hotline", make).pk}


RULES = {
    "messages:index": Rule("any_staff"),
    "messages:export_xlsx": Rule("any_staff"),
    "messages:channels": Rule("office_only"),
    "messages:channel_edit": Rule("office_only", _channel),
    "messages:detail": Rule("other_unit", _pk),
    "messages:dispatch": Rule("other_unit", _pk),
    "messages:transfer": Rule("other_unit", _pk),
    "messages:merge": Rule("other_unit", _pk),
    "messages:invalid": Rule("other_unit", _pk),
    "messages:extension": Rule("other_unit", _pk),
    "messages:extension_decide": Rule("other_unit", _ext),
    "messages:draft": Rule("other_unit", _pk),
    "messages:approve": Rule("other_unit", _pk),
    "messages:publish": Rule("other_unit", _pk),
    "messages:unpublish": Rule("other_unit", _pk),
    "messages:policy_question": Rule("other_unit", _pk),
    "messages:follow_up_answer": Rule("other_unit", _pk),
    "messages:hotline_index": Rule("office_only"),
    "messages:hotline_detail": Rule("office_only", _hotline),
    "messages:hotline_mapping": Rule("office_only", _hotline),
    "messages:hotline_import": Rule("office_only", _hotline),
    "messages:hotline_export": Rule("office_only", _hotline),
}
