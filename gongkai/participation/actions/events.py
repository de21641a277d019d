"""Open days (政府开放日) and public seats at executive meetings (列席会议): plans and polls, sessions with capacity,
sign-up with a waiting list promoted on cancellation (no double booking, even under concurrent sign-ups), check-in,
suggestions and their adoption, the published results."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.orgs.models import Unit

from .. import access
from ..errors import ParticipationError
from ..models import Meeting, OpenDayPlan, OpenDaySession, PollOption, Seat, SignUp, Suggestion
from ..vocab import Adoption, ParticipantType, SeatState, SignUpState
from .common import EDITOR_POSTS, new_code, record, refuse, required_text

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _phone(raw: str) -> str:
    phone = re.sub(r"[\s-]", "", raw or "")
    if not MOBILE.match(phone):
        raise ParticipationError("请填写11位手机号码，用于接收确认信息。", field="phone")
    return phone


def _person(name: str, participant_type: str, adult: bool) -> str:
    name = required_text(name, "请填写姓名。", "name")[:50]
    if participant_type not in ParticipantType.values:
        raise ParticipationError(
            "请选择参加人身份（市民、企业、人大代表、政协委员或媒体）。", field="participant_type"
        )
    if not adult:
        raise ParticipationError("参加人须年满18周岁、具有完全民事行为能力，请确认。", field="adult")
    return name


# --- plans and polls ------------------------------------------------------------------------------------------
def save_plan(unit: Unit, *, actor, year: int, months: str, note: str = "", themes=()) -> OpenDayPlan:
    """The unit's yearly open-day plan (months) and the candidate themes put to the public poll."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    months = required_text(months, "请填写开放月份，如“4月、8月”。", "months")
    with transaction.atomic():
        plan, created = OpenDayPlan.objects.get_or_create(unit=unit, year=year, defaults={"months": months})
        before = {"months": plan.months, "note": plan.note}
        plan.months, plan.note = months, note.strip()
        labels = [t.strip() for t in themes if t and t.strip()]
        if labels:
            plan.poll_open = True
            for label in labels:
                PollOption.objects.get_or_create(plan=plan, label=label[:200])
        plan.save()
        record(
            actor,
            "plan_saved",
            plan,
            unit=unit,
            before=None if created else before,
            after={"months": months, "themes": labels},
        )
    return plan


def vote(option: PollOption) -> PollOption:
    """A public vote for a candidate theme or topic (the view rate-limits per address)."""
    target = option.plan or option.meeting
    if target is None or not target.poll_open:
        raise ParticipationError("该征集已结束，不能再投票。")
    with transaction.atomic():
        PollOption.objects.filter(pk=option.pk).update(votes=F("votes") + 1)
    option.refresh_from_db()
    return option


def close_poll(target, *, actor, chosen: PollOption | None = None):
    """Close a plan's theme poll or a meeting's topic poll; a meeting takes the chosen option as its topic."""
    unit = target.unit
    if not access.can_manage(actor, unit):
        refuse(actor, unit)
    with transaction.atomic():
        target.poll_open = False
        fields = ["poll_open"]
        if isinstance(target, Meeting) and chosen is not None:
            if chosen.meeting_id != target.pk:
                raise ParticipationError("所选议题不属于该会议。", field="chosen")
            target.topic = chosen.label
            fields.append("topic")
        target.save(update_fields=fields)
        record(
            actor,
            "poll_closed",
            target,
            unit=unit,
            after={"poll_open": False, "chosen": getattr(chosen, "label", "")},
        )
    return target


# --- sessions and sign-up -------------------------------------------------------------------------------------
def add_session(
    plan: OpenDayPlan,
    *,
    actor,
    title: str,
    starts_at: datetime,
    place: str,
    capacity: int,
    signup_deadline: datetime,
    programme: str = "",
) -> OpenDaySession:
    if not access.can_manage_open_day(actor, plan):
        refuse(actor, plan.unit)
    title = required_text(title, "请填写活动主题。", "title")
    place = required_text(place, "请填写活动地点。", "place")
    if not capacity or capacity < 1:
        raise ParticipationError("名额至少为1人。", field="capacity")
    if signup_deadline >= starts_at:
        raise ParticipationError("报名截止时间应早于活动开始时间。", field="signup_deadline")
    with transaction.atomic():
        session = OpenDaySession.objects.create(
            plan=plan,
            title=title,
            starts_at=starts_at,
            place=place,
            capacity=capacity,
            signup_deadline=signup_deadline,
            programme=programme.strip(),
        )
        record(
            actor,
            "session_added",
            session,
            unit=plan.unit,
            after={"title": title, "capacity": capacity, "starts_at": starts_at},
        )
    return session


def sign_up(
    session: OpenDaySession, *, name: str, phone: str, participant_type: str, adult: bool, now=None
) -> SignUp:
    """A public sign-up: confirmed while places remain, else on the waiting list. The session row is locked so
    concurrent sign-ups never exceed the capacity; the database refuses a second active sign-up of one phone."""
    name = _person(name, participant_type, adult)
    phone = _phone(phone)
    now = now or timezone.now()
    if now > session.signup_deadline:
        raise ParticipationError(
            f"报名已于{timezone.localtime(session.signup_deadline):%Y年%m月%d日 %H:%M}截止。"
        )
    try:
        with transaction.atomic():
            locked = OpenDaySession.objects.select_for_update().get(pk=session.pk)
            if SignUp.objects.filter(
                session=locked, phone=phone, state__in=["confirmed", "waiting"]
            ).exists():
                raise ParticipationError(
                    "该手机号码已报名本场活动，不能重复报名；如需查询请使用确认码。", field="phone"
                )
            confirmed = SignUp.objects.filter(session=locked, state=SignUpState.CONFIRMED).count()
            state = SignUpState.CONFIRMED if confirmed < locked.capacity else SignUpState.WAITING
            signup = SignUp.objects.create(
                session=locked,
                name=name,
                phone=phone,
                participant_type=participant_type,
                state=state,
                code=new_code("KF", 8),
                created_at=now,
            )
            record(
                None, "signed_up", signup, unit=locked.plan.unit, after={"state": state, "session": locked.pk}
            )
    except IntegrityError:
        raise ParticipationError("该手机号码已报名本场活动，不能重复报名。", field="phone") from None
    return signup


def cancel_signup(signup: SignUp, *, actor=None, by_code: str = "") -> SignUp:
    """Cancel a sign-up (the participant with the confirmation code, or the organising unit); the first on the
    waiting list takes a freed place."""
    session = signup.session
    if by_code:
        if by_code.strip().upper() != signup.code:
            raise ParticipationError("确认码不正确。", field="code")
    elif not access.can_manage_open_day(actor, session.plan):
        refuse(actor, session.plan.unit)
    with transaction.atomic():
        locked = OpenDaySession.objects.select_for_update().get(pk=session.pk)
        row = SignUp.objects.get(pk=signup.pk)
        if row.state == SignUpState.CANCELLED:
            raise ParticipationError("该报名已取消。")
        was = row.state
        row.state = SignUpState.CANCELLED
        row.save(update_fields=["state"])
        record(
            actor,
            "signup_cancelled",
            row,
            unit=locked.plan.unit,
            before={"state": was},
            after={"state": row.state},
        )
        promoted = promote(locked)
    row.promoted = promoted  # type: ignore[attr-defined]
    return row


def promote(session: OpenDaySession) -> list[SignUp]:
    """Fill free places from the waiting list, first come first served (call with the session row locked)."""
    confirmed = SignUp.objects.filter(session=session, state=SignUpState.CONFIRMED).count()
    free = session.capacity - confirmed
    promoted = []
    if free > 0:
        for waiting in SignUp.objects.filter(session=session, state=SignUpState.WAITING).order_by(
            "created_at", "id"
        )[:free]:
            waiting.state = SignUpState.CONFIRMED
            waiting.save(update_fields=["state"])
            record(
                None,
                "signup_promoted",
                waiting,
                unit=session.plan.unit,
                before={"state": "waiting"},
                after={"state": "confirmed"},
            )
            promoted.append(waiting)
    return promoted


def check_in(signup: SignUp, *, actor, now=None) -> SignUp:
    if not access.can_manage_open_day(actor, signup.session.plan):
        refuse(actor, signup.session.plan.unit)
    signup = SignUp.objects.select_related("session__plan").get(pk=signup.pk)
    if signup.state != SignUpState.CONFIRMED:
        raise ParticipationError("只有已确认的报名可以签到。")
    with transaction.atomic():
        signup.checked_in_at = now or timezone.now()
        signup.save(update_fields=["checked_in_at"])
        record(actor, "checked_in", signup, unit=signup.session.plan.unit, after={"checked_in": True})
    return signup


def add_suggestion(session: OpenDaySession, *, actor, body: str, author: str = "") -> Suggestion:
    if not access.can_manage_open_day(actor, session.plan):
        refuse(actor, session.plan.unit)
    body = required_text(body, "请填写建议内容。", "body")
    with transaction.atomic():
        item = Suggestion.objects.create(session=session, body=body, author=author.strip()[:50])
        record(actor, "suggestion_added", item, unit=session.plan.unit, after={"session": session.pk})
    return item


def decide_suggestion(item: Suggestion, *, actor, adoption: str, response: str) -> Suggestion:
    """Record whether a suggestion (open day, or a representative's opinion at a meeting) was adopted, and why."""
    unit = item.session.plan.unit if item.session_id else item.seat.meeting.unit  # type: ignore[union-attr]
    if not access.can_manage(actor, unit):
        refuse(actor, unit)
    if adoption not in Adoption.values:
        raise ParticipationError("请选择采纳情况。", field="adoption")
    response = required_text(response, "请填写答复或办理情况。", "response")
    with transaction.atomic():
        before = {"adoption": item.adoption}
        item.adoption, item.response = adoption, response
        item.save(update_fields=["adoption", "response"])
        record(actor, "suggestion_decided", item, unit=unit, before=before, after={"adoption": adoption})
    return item


def publish_session_result(session: OpenDaySession, *, actor, summary: str, now=None) -> OpenDaySession:
    """The event's result page: refused before the event or while a suggestion has no answer."""
    if not access.can_manage_open_day(actor, session.plan):
        refuse(actor, session.plan.unit)
    now = now or timezone.now()
    summary = required_text(summary, "请填写活动成果说明。", "summary")
    if now < session.starts_at:
        raise ParticipationError("活动结束后才能公布成果。")
    pending = session.suggestions.filter(adoption="").count()
    if pending:
        raise ParticipationError(f"还有{pending}条建议未记录采纳情况，请逐条答复后再公布。")
    with transaction.atomic():
        session.result_summary, session.result_published_at = summary, now
        session.save(update_fields=["result_summary", "result_published_at"])
        record(actor, "session_result_published", session, unit=session.plan.unit, after={"published": True})
    return session


# --- meetings with public seats ------------------------------------------------------------------------------
def create_meeting(
    unit: Unit, *, actor, title: str, held_on: date, application_deadline: date | None = None, topics=()
) -> Meeting:
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    title = required_text(title, "请填写会议名称。", "title")
    if application_deadline and application_deadline >= held_on:
        raise ParticipationError("报名截止日期应早于会议日期。", field="application_deadline")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            unit=unit, title=title, held_on=held_on, application_deadline=application_deadline
        )
        labels = [t.strip() for t in topics if t and t.strip()]
        for label in labels:
            PollOption.objects.create(meeting=meeting, label=label[:200])
        if labels:
            meeting.poll_open = True
            meeting.save(update_fields=["poll_open"])
        record(
            actor,
            "meeting_created",
            meeting,
            unit=unit,
            after={"title": title, "held_on": held_on, "topics": labels},
        )
    return meeting


def apply_seat(
    meeting: Meeting,
    *,
    name: str,
    phone: str,
    participant_type: str,
    adult: bool,
    reason: str = "",
    today: date | None = None,
) -> Seat:
    name = _person(name, participant_type, adult)
    phone = _phone(phone)
    today = today or timezone.localdate()
    deadline = meeting.application_deadline or meeting.held_on
    if today > deadline:
        raise ParticipationError(f"列席报名已于{deadline:%Y年%m月%d日}截止。")
    try:
        with transaction.atomic():
            seat = Seat.objects.create(
                meeting=meeting,
                name=name,
                phone=phone,
                participant_type=participant_type,
                reason=reason.strip()[:1000],
            )
            record(None, "seat_applied", seat, unit=meeting.unit, after={"meeting": meeting.pk})
    except IntegrityError:
        raise ParticipationError("该手机号码已报名本次会议。", field="phone") from None
    return seat


def select_seats(meeting: Meeting, *, actor, seats) -> Meeting:
    """Choose the public representatives from the applicants (at least GONGKAI_PARTICIPATION_MIN_SEATS)."""
    if not access.can_manage_meeting(actor, meeting):
        refuse(actor, meeting.unit)
    chosen = {s.pk for s in seats if s.meeting_id == meeting.pk}
    minimum = settings.GONGKAI_PARTICIPATION_MIN_SEATS
    if len(chosen) < minimum:
        raise ParticipationError(
            f"每次会议至少邀请{minimum}名公众代表列席（本县规定），请至少选择{minimum}人。", field="seats"
        )
    with transaction.atomic():
        meeting.seats.filter(pk__in=chosen).update(state=SeatState.SELECTED)
        meeting.seats.exclude(pk__in=chosen).update(state=SeatState.NOT_SELECTED)
        record(actor, "seats_selected", meeting, unit=meeting.unit, after={"selected": len(chosen)})
    return meeting


def record_seat_opinion(seat: Seat, *, actor, body: str) -> Suggestion:
    seat = Seat.objects.select_related("meeting__unit").get(
        pk=seat.pk
    )  # the caller's copy may predate selection
    meeting = seat.meeting
    if not access.can_manage_meeting(actor, meeting):
        refuse(actor, meeting.unit)
    if seat.state != SeatState.SELECTED:
        raise ParticipationError("只有选定的列席代表可以记录意见。")
    body = required_text(body, "请填写列席代表的意见。", "body")
    with transaction.atomic():
        item, _ = Suggestion.objects.update_or_create(seat=seat, defaults={"body": body, "author": seat.name})
        record(actor, "seat_opinion_recorded", item, unit=meeting.unit, after={"seat": seat.pk})
    return item


def publish_meeting(meeting: Meeting, *, actor, summary: str, now=None) -> Meeting:
    """Publish the representatives' opinions and their adoption after the meeting (每月一题 result)."""
    if not access.can_manage_meeting(actor, meeting):
        refuse(actor, meeting.unit)
    now = now or timezone.now()
    summary = required_text(summary, "请填写列席情况说明。", "summary")
    if timezone.localdate(now) < meeting.held_on:
        raise ParticipationError("会议召开后才能公布列席情况。")
    selected = meeting.seats.filter(state=SeatState.SELECTED).count()
    minimum = settings.GONGKAI_PARTICIPATION_MIN_SEATS
    if selected < minimum:
        raise ParticipationError(f"选定的公众代表不足{minimum}人。")
    pending = Suggestion.objects.filter(seat__meeting=meeting, adoption="").count()
    if pending:
        raise ParticipationError(f"还有{pending}条代表意见未记录采纳情况。")
    with transaction.atomic():
        meeting.result_summary, meeting.published_at = summary, now
        meeting.save(update_fields=["result_summary", "published_at"])
        record(actor, "meeting_published", meeting, unit=meeting.unit, after={"published": True})
    return meeting
