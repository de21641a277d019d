"""The business actions, through the services, on the real 2026 calendar (dates hand-checked in the comments)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEvent
from gongkai.core.foi_rules import make_id_card
from gongkai.foi import deadlines, selectors, services
from gongkai.foi.errors import FoiError
from gongkai.foi.models import CaseEvent, Consultation, Extension, FeeNotice, InfoRequest, Notification, Reply

from .conftest import person

D = date
SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


STORY_DAY = D(2026, 9, 28)


def submit(county, data=None, on=STORY_DAY, unit=None):
    return services.submit_online(
        data or county.lawyer, unit=unit, now=datetime(on.year, on.month, on.day, 10, tzinfo=SH)
    )


def test_the_lawyers_story(county, today):
    """The issue's story: online application, assignment, 补正 on day 5, restart, third-party consultation,
    部分公开 with countersign, sent on time — every date on the 2026 calendar."""
    today(D(2026, 9, 28))
    intake = submit(county)
    case = intake.case
    assert case.unit == county.office and case.state == InfoRequest.State.NEW
    assert case.receipt_date == D(2026, 9, 28) and case.due_date == D(
        2026, 10, 30
    )  # across 国庆, 10/10 worked
    assert case.tracking_code.startswith("YSQ-") and len(intake.verification_code) == 8
    assert selectors.lookup(case.tracking_code, intake.verification_code) == case
    assert selectors.lookup(case.tracking_code.lower(), intake.verification_code.lower()) == case
    assert selectors.lookup(case.tracking_code, "WRONGCOD") is None

    today(D(2026, 9, 29))
    services.assign(case, actor=county.admin, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 29))
    case.refresh_from_db()
    assert (case.unit, case.officer, case.state) == (
        county.zrzy,
        county.officer,
        InfoRequest.State.IN_PROGRESS,
    )
    assert Notification.objects.filter(user=county.officer, request=case).exists()

    # Day 5 after receipt is the make-up Saturday 10/10; the notice is due by day 7 (10/13): not late.
    today(D(2026, 10, 10))
    corr = services.request_correction(
        case, actor=county.officer, items="请明确所需补偿标准对应的地块范围", on=D(2026, 10, 10)
    )
    assert not corr.late and corr.notice_deadline == D(2026, 10, 13)
    assert corr.due_on == D(2026, 10, 30)  # 15 working days for the applicant
    case.refresh_from_db()
    assert (
        case.state == InfoRequest.State.AWAITING_CORRECTION
        and case.due_date is None
        and not case.clock_running
    )

    today(D(2026, 10, 16))
    services.receive_correction(case, actor=county.officer, on=D(2026, 10, 16), note="补正为东城片区A、B地块")
    case.refresh_from_db()
    assert case.due_start == D(2026, 10, 16) and case.due_date == D(2026, 11, 13)

    # The third party is consulted 10/19–11/6: 15 working days not counted → due 12/4.
    today(D(2026, 10, 19))
    consultation = services.start_consultation(
        case,
        actor=county.officer,
        party_kind="third_party",
        party_name="示范县城东置业有限公司",
        matter="补偿协议中涉及该公司的内容",
        on=D(2026, 10, 19),
    )
    assert consultation.answer_due == D(2026, 11, 9)
    case.refresh_from_db()
    assert case.state == InfoRequest.State.CONSULTING and not case.clock_running
    today(D(2026, 11, 6))
    services.end_consultation(
        consultation,
        actor=county.officer,
        opinion=Consultation.Opinion.DISAGREE,
        note="不同意公开协议中的商业条款",
        on=D(2026, 11, 6),
    )
    case.refresh_from_db()
    assert case.state == InfoRequest.State.IN_PROGRESS and case.clock_running
    assert case.due_date == D(2026, 12, 4)

    today(D(2026, 11, 20))
    reply = services.draft_reply(
        case,
        actor=county.officer,
        outcome="partial",
        content="补偿标准予以公开；与第三方的协议条款涉及商业秘密，不予公开。",
        on=D(2026, 11, 20),
    )
    assert reply.needs_countersign and reply.status == Reply.Status.COUNTERSIGN
    with pytest.raises(PermissionDenied, match="法律顾问审核"):
        services.send_reply(reply, actor=county.officer, on=D(2026, 11, 20))
    with pytest.raises(PermissionDenied):
        services.countersign(reply, actor=county.officer2, approve=True)  # not a legal adviser
    with pytest.raises(PermissionDenied):
        services.countersign(reply, actor=county.other, approve=True)  # a legal adviser of another unit
    with pytest.raises(PermissionDenied):
        services.countersign(
            reply, actor=county.admin, approve=True
        )  # the office's county-wide role is not a lawyer
    today(D(2026, 11, 24))
    services.countersign(reply, actor=county.legal, approve=True, comments="理由充分，同意")
    today(D(2026, 11, 25))
    services.send_reply(reply, actor=county.officer, on=D(2026, 11, 25))
    case.refresh_from_db()
    assert case.state == InfoRequest.State.REPLIED and case.outcome == "partial"
    assert case.on_time is True and case.replied_on == D(2026, 11, 25)
    assert (
        case.handling_days == deadlines.calendar().count_working_days(D(2026, 9, 28), D(2026, 11, 25)).count
    )
    services.close(case, actor=county.officer, on=D(2026, 11, 26))
    case.refresh_from_db()
    assert case.state == InfoRequest.State.CLOSED

    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "assigned",
        "correction_requested",
        "correction_received",
        "consultation_started",
        "consultation_ended",
        "reply_drafted",
        "countersigned",
        "reply_sent",
        "closed",
    ]
    audited = set(
        AuditEvent.objects.filter(object_type="foi.inforequest", object_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "foi.submit",
        "foi.assign",
        "foi.correction_requested",
        "foi.countersign",
        "foi.reply_sent",
        "foi.close",
    } <= audited
    # The audit log names the case, never the applicant.
    assert not AuditEvent.objects.filter(object_repr__contains="正衡").exists()
    assert not AuditEvent.objects.filter(after__icontains="13907990123").exists()


def test_late_correction_notice_is_flagged(county, today):
    today(D(2026, 10, 20))
    case = submit(county, unit=county.zrzy).case
    corr = services.request_correction(
        case, actor=county.officer, items="请写明文号", on=D(2026, 10, 14)
    )  # day 8
    assert corr.late
    assert "超过收到申请后7个工作日" in case.events.get(kind="correction_requested").summary
    services.receive_correction(case, actor=county.officer, on=D(2026, 10, 15))
    with pytest.raises(FoiError, match="一次性"):
        services.request_correction(case, actor=county.officer, items="再补正", on=D(2026, 10, 16))


def test_correction_once_and_lapse(county, today):
    today(D(2026, 11, 30))
    case = submit(county, unit=county.zrzy, on=D(2026, 9, 28)).case
    corr = services.request_correction(
        case,
        actor=county.officer,
        items="请说明所需信息的具体年份",
        on=D(2026, 9, 30),
        due_on=D(2026, 10, 16),
    )
    with pytest.raises(FoiError, match="期限届满后"):
        services.close_correction_lapsed(case, actor=county.officer, on=D(2026, 10, 16))
    services.close_correction_lapsed(case, actor=county.officer, on=D(2026, 10, 19))
    case.refresh_from_db()
    corr.refresh_from_db()
    assert corr.lapsed and case.state == InfoRequest.State.CLOSED and case.outcome == "other_no_correction"
    with pytest.raises(FoiError, match="状态"):
        services.request_correction(case, actor=county.officer, items="x", on=D(2026, 10, 20))


def test_extension_needs_the_leader_and_at_most_twenty_days(county, today):
    today(D(2026, 10, 20))
    case = submit(county, unit=county.zrzy).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    with pytest.raises(FoiError, match="最长不得超过20个工作日"):
        services.request_extension(
            case, actor=county.officer, days=21, reason="涉及多个部门", on=D(2026, 10, 20)
        )
    ext = services.request_extension(
        case, actor=county.officer, days=15, reason="需调取历年档案", on=D(2026, 10, 20)
    )
    with pytest.raises(FoiError, match="本次最多5个工作日"):
        services.request_extension(case, actor=county.officer, days=6, reason="再延", on=D(2026, 10, 21))
    with pytest.raises(PermissionDenied):
        services.decide_extension(ext, actor=county.officer2, approve=True, on=D(2026, 10, 21))
    with pytest.raises(PermissionDenied):
        services.decide_extension(ext, actor=county.other, approve=True, on=D(2026, 10, 21))
    services.decide_extension(ext, actor=county.leader, approve=True, note="同意", on=D(2026, 10, 21))
    ext.refresh_from_db()
    case.refresh_from_db()
    assert ext.status == Extension.Status.APPROVED and ext.approver == county.leader
    # 20 + 15 working days from 9/28: 10/30 + 15 → 11/20.
    assert case.due_date == D(2026, 11, 20) and case.extension_days == 15
    assert "延长后的答复期限为2026年11月20日" in case.events.get(kind="extension_approved").public_summary


def test_extension_after_the_due_date_is_refused(county, today):
    today(D(2026, 11, 10))
    case = submit(county, unit=county.zrzy).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    with pytest.raises(FoiError, match="已届满"):
        services.request_extension(case, actor=county.officer, days=5, reason="x", on=D(2026, 11, 2))


def test_fee_notice_pauses_the_clock_and_lapses(county, today):
    today(D(2026, 12, 1))
    case = submit(county, data=person(), unit=county.zrzy, on=D(2026, 9, 28)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    with pytest.raises(FoiError, match="无需发出收费通知"):
        services.issue_fee_notice(case, actor=county.officer, method="volume", quantity=30, on=D(2026, 10, 9))
    notice = services.issue_fee_notice(
        case, actor=county.officer, method="volume", quantity=101, on=D(2026, 10, 9)
    )
    assert notice.amount == 720 and notice.pay_by == D(2026, 11, 5)  # 20 working days, the first is 10/10
    assert notice.lines[-1] == "合计：720元"
    case.refresh_from_db()
    assert case.state == InfoRequest.State.AWAITING_FEE and not case.clock_running
    with pytest.raises(FoiError, match="待缴费"):
        services.issue_fee_notice(case, actor=county.officer, method="item", quantity=12, on=D(2026, 10, 9))
    with pytest.raises(FoiError, match="期限届满后"):
        services.close_fee_lapsed(notice, actor=county.officer, on=D(2026, 11, 5))
    services.close_fee_lapsed(notice, actor=county.officer, on=D(2026, 11, 6))
    case.refresh_from_db()
    notice.refresh_from_db()
    assert case.outcome == "other_no_fee" and case.state == InfoRequest.State.CLOSED
    assert notice.status == FeeNotice.Status.LAPSED


def test_fee_paid_resumes_the_clock(county, today):
    today(D(2026, 12, 1))
    case = submit(county, data=person(), unit=county.zrzy, on=D(2026, 9, 28)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    notice = services.issue_fee_notice(
        case, actor=county.officer, method="item", quantity=11, on=D(2026, 10, 9)
    )
    assert notice.amount == 100
    services.record_fee_paid(notice, actor=county.officer, on=D(2026, 10, 16))
    case.refresh_from_db()
    # Counted before the pause: 9/29, 9/30, 10/8 (3); 10/9–10/16 paused; then 17 more: 10/19 … 11/10.
    assert case.clock_running and case.due_date == D(2026, 11, 10)


def test_reply_rules(county, today):
    today(D(2026, 10, 20))
    case = submit(county, unit=county.zrzy).case
    with pytest.raises(FoiError) as err:
        services.draft_reply(
            case, actor=county.officer, outcome="withhold_secret", content="", on=D(2026, 10, 20)
        )
    assert "应当说明理由" in str(err.value)
    with pytest.raises(FoiError) as err:
        services.draft_reply(
            case, actor=county.officer, outcome="grant", situation="already_public", on=D(2026, 10, 20)
        )
    assert "获取方式和途径" in str(err.value)
    with pytest.raises(FoiError) as err:
        services.draft_reply(
            case,
            actor=county.officer,
            outcome="grant",
            situation="other_body",
            other_body="县住建局",
            on=D(2026, 10, 20),
        )
    assert "应按" in str(err.value)
    with pytest.raises(FoiError):
        services.draft_reply(case, actor=county.officer, outcome="other_no_fee", on=D(2026, 10, 20))
    reply = services.draft_reply(
        case,
        actor=county.officer,
        outcome="unable_not_held",
        content="经检索",
        situation="other_body",
        other_body="示范县住房和城乡建设局",
        on=D(2026, 10, 20),
    )
    assert not reply.needs_countersign and reply.status == Reply.Status.APPROVED
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 20))
    case.refresh_from_db()
    assert case.outcome == "unable_not_held" and case.on_time


def test_countersign_can_be_configured(county, today):
    today(D(2026, 10, 20))
    services.update_policy(actor=county.admin, countersign_outcomes=["grant"])
    case = submit(county, unit=county.zrzy).case
    reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=D(2026, 10, 20))
    assert reply.needs_countersign
    with pytest.raises(PermissionDenied):
        services.send_reply(reply, actor=county.officer, on=D(2026, 10, 20))
    with pytest.raises(PermissionDenied):
        services.update_policy(actor=county.officer, countersign_outcomes=[])


def test_returned_reply_goes_back_to_the_officer(county, today):
    today(D(2026, 10, 20))
    case = submit(county, unit=county.zrzy).case
    reply = services.draft_reply(
        case, actor=county.officer, outcome="withhold_process", content="属于内部讨论记录", on=D(2026, 10, 20)
    )
    with pytest.raises(FoiError, match="审核意见"):
        services.countersign(reply, actor=county.legal, approve=False, comments="")
    services.countersign(reply, actor=county.legal, approve=False, comments="理由不充分，请补充依据")
    case.refresh_from_db()
    reply.refresh_from_db()
    assert case.state == InfoRequest.State.IN_PROGRESS and reply.status == Reply.Status.RETURNED
    with pytest.raises((PermissionDenied, FoiError)):
        services.send_reply(reply, actor=county.officer, on=D(2026, 10, 20))


def test_transfer_and_scope(county, today):
    today(D(2026, 10, 20))
    case = submit(county, unit=county.zrzy).case
    with pytest.raises(PermissionDenied):
        services.request_correction(case, actor=county.other, items="x", on=D(2026, 10, 20))
    with pytest.raises(FoiError, match="不是"):
        services.assign(case, actor=county.admin, unit=county.zrzy, officer=county.other, on=D(2026, 10, 20))
    services.assign(
        case, actor=county.officer, unit=county.fgw, officer=None, note="属发改委职责", on=D(2026, 10, 20)
    )
    case.refresh_from_db()
    assert case.unit == county.fgw and case.state == InfoRequest.State.NEW
    assert case.events.filter(kind=CaseEvent.Kind.TRANSFERRED).exists()
    with pytest.raises(PermissionDenied):
        services.add_note(case, actor=county.officer, text="不再有权")


def test_reopen_restarts_the_period(county, today):
    today(D(2026, 11, 30))
    case = submit(county, unit=county.zrzy).case
    reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=D(2026, 10, 20))
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 21))
    services.record_appeal(
        case,
        actor=county.officer,
        kind="reconsideration",
        filed_on=D(2026, 11, 2),
        authority="示范县人民政府",
        case_number="示府复〔2026〕7号",
    )
    with pytest.raises(FoiError, match="原因"):
        services.reopen(case, actor=county.officer, reason="", on=D(2026, 11, 23))
    services.reopen(case, actor=county.officer, reason="复议决定责令重新答复", on=D(2026, 11, 23))
    case.refresh_from_db()
    assert case.state == InfoRequest.State.IN_PROGRESS and case.outcome == "" and case.replied_on is None
    assert case.due_start == D(2026, 11, 23)
    assert case.due_date == deadlines.calendar().add_working_days(D(2026, 11, 23), 20).date
    appeal = case.appeals.get()
    services.update_appeal(appeal, actor=county.officer, result="corrected", decided_on=D(2026, 11, 20))
    appeal.refresh_from_db()
    assert appeal.result == "corrected"


def test_stricter_local_limit(county, today):
    today(D(2026, 10, 20))
    services.update_unit_profile(county.zrzy, actor=county.admin, reply_limit=15)
    case = submit(county, unit=county.zrzy).case
    assert case.reply_limit == 15 and case.due_date == D(2026, 10, 23)
    with pytest.raises(FoiError, match="不得超过法定"):
        services.update_unit_profile(county.zrzy, actor=county.admin, reply_limit=25)
    services.update_unit_profile(county.zrzy, actor=county.admin, reply_limit=None)
    case.refresh_from_db()
    assert case.due_date == D(2026, 10, 30)


def test_staff_entry_uses_the_channel_receipt_rule(county, today):
    today(D(2026, 10, 20))
    intake = services.register(
        county.zrzy,
        actor=county.officer,
        data=person(),
        channel="letter",
        submitted_on=D(2026, 9, 25),
        signed_for=D(2026, 9, 29),
    )
    assert intake.case.receipt_date == D(2026, 9, 29) and "签收之日" in intake.case.receipt_rule
    with pytest.raises(FoiError, match="签收日期"):
        services.register(
            county.zrzy, actor=county.officer, data=person(), channel="letter", submitted_on=D(2026, 9, 25)
        )
    with pytest.raises(PermissionDenied):
        services.register(
            county.zrzy, actor=county.other, data=person(), channel="in_person", submitted_on=D(2026, 9, 25)
        )
    good = make_id_card("36010119800101123")
    bad_id = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(FoiError) as err:
        services.register(
            county.zrzy,
            actor=county.officer,
            data=person(id_number=bad_id),
            channel="in_person",
            submitted_on=D(2026, 9, 25),
        )
    assert "校验位" in str(err.value)


def test_duplicate_hint(county, today):
    today(D(2026, 10, 20))
    first = submit(county, data=person()).case
    second = submit(
        county,
        data=person(description="请公开2025年度东山镇农村低保对象的审批结果和发放标准"),
        on=D(2026, 10, 12),
    ).case
    other = submit(county, data=person(description="县城区公交线路调整方案"), on=D(2026, 10, 13)).case
    assert second.duplicate_hints and second.duplicate_hints[0]["id"] == first.pk
    assert not other.duplicate_hints


def test_remind_is_idempotent(county, today):
    today(D(2026, 10, 27))
    case = submit(county, unit=county.zrzy).case  # due 10/30: 3 working days left on 10/27
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    assert services.remind(D(2026, 10, 27)) == 1
    assert services.remind(D(2026, 10, 27)) == 0
    assert Notification.objects.filter(user=county.officer, key__startswith="due-").count() == 1
    assert deadlines.status(case, D(2026, 10, 27)) == "due_soon"
    assert deadlines.status(case, D(2026, 10, 31)) == "overdue"
    assert deadlines.status(case, D(2026, 10, 23)) == "on_track"
