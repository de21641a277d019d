"""How a member of another unit is treated on each staff URL of public participation (see tests/access.py)."""

from datetime import date, timedelta

from django.utils import timezone

from tests.access import Rule

BODY = "<p>第一条　{m}。</p><p>第二条　本办法自发布之日起施行。</p>"


def _consultation(ctx):
    from gongkai.participation import services

    today = timezone.localdate()
    return ctx.once(
        "participation_consultation",
        lambda: services.create_consultation(
            ctx.unit_b,
            actor=ctx.user_b,
            body=BODY.format(m=ctx.marker),
            title=f"乙单位征求意见稿{ctx.marker}",
            starts_on=today,
            ends_on=today + timedelta(days=29),
            channels=["online"],
        ),
    )


def _opinion(ctx):
    from gongkai.participation.models import Opinion

    return ctx.once(
        "participation_opinion",
        lambda: Opinion.objects.create(
            consultation=_consultation(ctx), tracking_code="YJ-TEST-0000-01", name=ctx.marker, body=ctx.marker
        ),
    )


def _catalog(ctx):
    from gongkai.participation import services

    return ctx.once(
        "participation_catalog",
        lambda: services.create_catalog(
            ctx.unit_b, actor=ctx.user_b, year=2026, title=f"乙单位目录{ctx.marker}"
        ),
    )


def _decision(ctx):
    from gongkai.participation import services

    return ctx.once(
        "participation_decision",
        lambda: services.add_decision(
            _catalog(ctx),
            actor=ctx.user_b,
            title=f"乙单位决策{ctx.marker}",
            unit=ctx.unit_b,
            category="public_policy",
            planned="2026Q4",
            methods=["consultation"],
        ),
    )


def _session(ctx):
    from gongkai.participation import services
    from gongkai.participation.models import SignUp

    def make():
        plan = services.save_plan(ctx.unit_b, actor=ctx.user_b, year=2026, months="4月")
        now = timezone.now()
        session = services.add_session(
            plan,
            actor=ctx.user_b,
            title="乙单位开放日",
            starts_at=now + timedelta(days=10),
            place="乙单位",
            capacity=5,
            signup_deadline=now + timedelta(days=5),
        )
        SignUp.objects.create(
            session=session,
            name=ctx.marker,
            phone="13800000000",
            participant_type="citizen",
            state="confirmed",
            code="KF-TEST0001",
        )
        return session

    return ctx.once("participation_session", make)


def _meeting(ctx):
    from gongkai.participation import services
    from gongkai.participation.models import Seat

    def make():
        meeting = services.create_meeting(
            ctx.unit_b, actor=ctx.user_b, title="乙单位常务会议", held_on=date.today() + timedelta(days=20)
        )
        Seat.objects.create(meeting=meeting, name=ctx.marker, phone="13800000001", participant_type="citizen")
        return meeting

    return ctx.once("participation_meeting", make)


def setup(ctx):
    _opinion(ctx)
    _decision(ctx)
    _session(ctx)
    _meeting(ctx)


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


def _op(ctx):
    op = _opinion(ctx)
    return {"pk": op.consultation_id, "op_pk": op.pk}


RULES = {
    "participation:index": Rule("any_staff"),
    "participation:consultation_new": Rule("any_staff"),
    "participation:consultation": Rule("other_unit", _pk(_consultation)),
    "participation:consultation_edit": Rule("other_unit", _pk(_consultation)),
    "participation:final_document": Rule("other_unit", _pk(_consultation)),
    "participation:opinion_record": Rule("other_unit", _pk(_consultation)),
    "participation:final": Rule("other_unit", _pk(_consultation)),
    "participation:feedback_publish": Rule("other_unit", _pk(_consultation)),
    "participation:feedback_docx": Rule("other_unit", _pk(_consultation)),
    "participation:feedback_pdf": Rule("other_unit", _pk(_consultation)),
    "participation:opinion_decide": Rule("other_unit", _op),
    "participation:opinion_hide": Rule("other_unit", _op),
    "participation:opinion_merge": Rule("other_unit", _op),
    "participation:catalogs": Rule("any_staff"),
    "participation:catalog": Rule("other_unit", _pk(_catalog)),
    "participation:catalog_publish": Rule("other_unit", _pk(_catalog)),
    "participation:catalog_xlsx": Rule("other_unit", _pk(_catalog)),
    "participation:decision": Rule("other_unit", _pk(_decision)),
    "participation:decision_adjust": Rule("other_unit", _pk(_decision)),
    "participation:plan_new": Rule("any_staff"),
    "participation:session_new": Rule("other_unit", lambda ctx: {"pk": _session(ctx).plan_id}),
    "participation:meeting_new": Rule("any_staff"),
    "participation:session": Rule("other_unit", _pk(_session)),
    "participation:signups_xlsx": Rule("other_unit", _pk(_session)),
    "participation:session_checkin": Rule("other_unit", _pk(_session)),
    "participation:session_cancel": Rule("other_unit", _pk(_session)),
    "participation:session_suggestion": Rule("other_unit", _pk(_session)),
    "participation:session_respond": Rule("other_unit", _pk(_session)),
    "participation:session_result": Rule("other_unit", _pk(_session)),
    "participation:meeting": Rule("other_unit", _pk(_meeting)),
    "participation:meeting_select": Rule("other_unit", _pk(_meeting)),
    "participation:meeting_poll": Rule("other_unit", _pk(_meeting)),
    "participation:meeting_opinion": Rule("other_unit", _pk(_meeting)),
    "participation:meeting_respond": Rule("other_unit", _pk(_meeting)),
    "participation:meeting_publish": Rule("other_unit", _pk(_meeting)),
}
