"""How a member of another unit is treated on each staff URL of the sentiment ledger (see tests/access.py): a case
of unit B (主管 and commitment owner) carrying the marker, with a screenshot and kept evidence."""

from tests.access import Rule

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _case(ctx):
    def make():
        from datetime import timedelta

        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.utils import timezone

        from gongkai.sentiment import services

        case = services.register_case(
            actor=ctx.user_b,
            topic=f"乙单位舆情{ctx.marker}",
            source="network",
            first_seen_at=timezone.now() - timedelta(hours=1),
            summary=f"乙单位舆情摘要{ctx.marker}",
            owner_unit=ctx.unit_b,
            risk_notes=ctx.marker,
            screenshots=[SimpleUploadedFile("shot.png", PNG)],
        )
        services.record_response(
            case,
            actor=ctx.user_b,
            kind="online",
            unit=ctx.unit_b,
            summary=f"回应{ctx.marker}",
            responded_at=timezone.now(),
        )
        commitment = services.add_commitment(
            case,
            actor=ctx.user_b,
            content=f"承诺{ctx.marker}",
            owner_unit=ctx.unit_b,
            due_on=timezone.localdate(),
        )
        services.fulfil(
            commitment,
            actor=ctx.user_b,
            evidence=f"落实{ctx.marker}",
            evidence_file=SimpleUploadedFile("evidence.png", PNG),
        )
        services.add_commitment(
            case,
            actor=ctx.user_b,
            content=f"待兑现{ctx.marker}",
            owner_unit=ctx.unit_b,
            due_on=timezone.localdate(),
        )
        round_ = services.start_round(actor=None, title=f"核查{ctx.marker}", cutoff=timezone.localdate())
        return case, commitment, round_

    return ctx.once("sentiment_case", make)


def setup(ctx):
    _case(ctx)


def _pk(ctx):
    return {"pk": _case(ctx)[0].pk}


def _shot(ctx):
    case = _case(ctx)[0]
    return {"pk": case.pk, "shot_pk": case.screenshots.get().pk}


def _commitment(ctx):
    return {"pk": _case(ctx)[1].pk}


def _open_commitment(ctx):
    return {"pk": _case(ctx)[0].commitments.get(state="open").pk}


def _round(ctx):
    return {"pk": _case(ctx)[2].pk}


def _check(ctx):
    round_ = _case(ctx)[2]
    return {"pk": round_.pk, "check_pk": round_.checks.first().pk}


RULES = {
    "sentiment:index": Rule("any_staff"),
    "sentiment:register": Rule("any_staff"),
    "sentiment:ledger": Rule("any_staff"),
    "sentiment:commitments": Rule("any_staff"),
    "sentiment:detail": Rule("other_unit", _pk),
    "sentiment:assess": Rule("other_unit", _pk),
    "sentiment:units": Rule("other_unit", _pk),
    "sentiment:respond": Rule("other_unit", _pk),
    "sentiment:commit": Rule("other_unit", _pk),
    "sentiment:screenshots": Rule("other_unit", _pk),
    "sentiment:screenshot": Rule("other_unit", _shot),
    "sentiment:finish": Rule("other_unit", _pk),
    "sentiment:close": Rule("other_unit", _pk),
    "sentiment:fulfil": Rule("other_unit", _open_commitment),
    "sentiment:link": Rule("other_unit", _commitment),
    "sentiment:evidence": Rule("other_unit", _commitment),
    "sentiment:rounds": Rule("office_only"),
    "sentiment:round": Rule("office_only", _round),
    "sentiment:mark": Rule("office_only", _check),
    "sentiment:close_round": Rule("office_only", _round),
}
