"""The hard rules of public participation, through the services (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.participation import services
from gongkai.participation.models import Consultation, OpenDaySession, Opinion, SignUp
from gongkai.participation.services import ParticipationError

from .factories import catalog, closed, consultation, decision


# --- consultations ---------------------------------------------------------------------------------------------
def test_period_shorter_than_30_days_needs_a_public_reason(world):
    with pytest.raises(ParticipationError, match="少于30日"):
        consultation(world, days=29, publish=False)
    assert not Consultation.objects.exists()
    c = consultation(world, days=29, publish=False, short_reason="上级要求月底前出台，情况紧急")
    assert c.short_reason == "上级要求月底前出台，情况紧急"
    full = consultation(world, days=30, publish=False, title="另一办法", short_reason="不需要")
    assert full.short_reason == ""  # a full period carries no shortening reason


def test_draft_goes_through_publishing_and_may_say_zhengqiu_yijian_gao(world):
    c = consultation(world, publish=False)
    assert c.publication.is_consultation and c.publication.state == "draft"
    assert c.status() == "draft"
    c = consultation(world, title="第二个办法")
    assert c.publication.state == "published" and c.status() == "open"
    assert "（征求意见稿）" in c.publication.title
    # the scanner let the draft marking through (no high finding blocked the publication)
    assert not c.publication.blocking_findings().exists()


def test_enterprise_policy_records_the_invitation_list(world):
    with pytest.raises(ParticipationError, match="企业"):
        consultation(world, publish=False, concerns_enterprises=True, invited_groups=["residents"])
    with pytest.raises(ParticipationError, match="名单"):
        consultation(world, publish=False, concerns_enterprises=True, invited_groups=["enterprises"])
    c = consultation(
        world,
        publish=False,
        concerns_enterprises=True,
        invited_groups=["enterprises"],
        invitation_list="示范县某某建材有限公司",
    )
    assert c.invitation_list


def test_late_submission_is_refused_with_the_date(world):
    c = closed(world)
    with pytest.raises(ParticipationError) as exc:
        services.submit_opinion(c, body="建议提高补助。")
    assert f"{c.ends_on:%Y年%m月%d日}" in str(exc.value) and "截止" in str(exc.value)
    assert not Opinion.objects.exists()
    # on the last day it is still accepted
    last_day = timezone.make_aware(datetime.combine(c.ends_on, clock(23)))
    op = services.submit_opinion(c, body="建议提高补助。", now=last_day)
    assert op.tracking_code.startswith("YJ-")


def test_not_yet_open_and_unpublished_consultations_refuse_opinions(world):
    draft = consultation(world, publish=False)
    with pytest.raises(ParticipationError):
        services.submit_opinion(draft, body="意见")
    later = consultation(world, start=timezone.localdate() + timedelta(days=3), title="未开始")
    with pytest.raises(ParticipationError, match="开始"):
        services.submit_opinion(later, body="意见")


def test_clause_is_picked_from_the_draft_structure(world):
    c = consultation(world)
    assert services.clauses_of(c) == ["第一条", "第二条", "第三条", "第四条"]
    op = services.submit_opinion(c, body="补助标准太低。", clause="第三条")
    assert op.clause == "第三条"
    with pytest.raises(ParticipationError, match="第九条"):
        services.submit_opinion(c, body="意见", clause="第九条")


def test_name_and_contact_required_per_consultation(world):
    c = consultation(world, name_required=True, contact_required=True)
    with pytest.raises(ParticipationError, match="姓名"):
        services.submit_opinion(c, body="意见", contact="13800001111")
    with pytest.raises(ParticipationError, match="联系方式"):
        services.submit_opinion(c, body="意见", name="张三")
    assert services.submit_opinion(c, body="意见", name="张三", contact="13800001111").pk


def test_feedback_blocked_until_every_opinion_is_decided(world):
    c = consultation(world)
    ops = [services.submit_opinion(c, body=f"意见{i}", clause="第三条") for i in range(4)]
    # while open, no feedback at all
    with pytest.raises(ParticipationError, match="截止"):
        services.publish_feedback(c, actor=world.editor)
    Consultation.objects.filter(pk=c.pk).update(
        starts_on=c.starts_on - timedelta(days=40), ends_on=timezone.localdate() - timedelta(days=1)
    )
    c.refresh_from_db()
    services.decide_opinion(ops[0], actor=world.editor, adoption="adopted", reason="已将补助提高到1000元。")
    services.hide_opinion(ops[1], actor=world.editor, reason="含侮辱性内容")
    services.merge_opinion(ops[2], actor=world.editor, into=ops[0])
    with pytest.raises(ParticipationError, match="还有1条意见未处理"):
        services.publish_feedback(c, actor=world.editor)
    assert Consultation.objects.get(pk=c.pk).feedback_published_at is None
    with pytest.raises(ParticipationError, match="理由"):
        services.decide_opinion(ops[3], actor=world.editor, adoption="rejected", reason="  ")
    services.decide_opinion(ops[3], actor=world.editor, adoption="rejected", reason="与上位法不符。")
    services.publish_feedback(c, actor=world.reviewer)
    c.refresh_from_db()
    assert c.status() == "feedback_published"
    merged = Opinion.objects.get(pk=ops[2].pk)
    assert merged.adoption == "adopted" and merged.merged_into_id == ops[0].pk
    event = AuditEvent.objects.filter(action="participation.feedback_published").get()
    assert event.after["opinions"] == 3 and event.after["adopted"] == 2
    # decisions are frozen once the feedback is out
    with pytest.raises(ParticipationError, match="反馈已公布"):
        services.decide_opinion(ops[0], actor=world.editor, adoption="rejected", reason="改主意")


def test_another_unit_cannot_handle_opinions_and_nothing_is_saved(world):
    c = consultation(world)
    op = services.submit_opinion(c, body="意见")
    with pytest.raises(ParticipationError) as exc:
        services.decide_opinion(op, actor=world.dept_editor, adoption="adopted", reason="理由")
    assert exc.value.code == "forbidden"
    with pytest.raises(ParticipationError):
        services.hide_opinion(op, actor=world.dept_reviewer, reason="理由")
    with pytest.raises(ParticipationError):
        services.record_opinion(c, actor=world.dept_editor, channel="email", body="伪造的意见")
    op.refresh_from_db()
    assert op.state == "pending" and not op.adoption
    assert c.opinions.count() == 1


def test_staff_record_opinions_from_other_channels_only_within_the_period(world):
    c = consultation(world)
    op = services.record_opinion(
        c, actor=world.editor, channel="symposium", body="座谈会上企业代表提出…", name="某企业代表"
    )
    assert op.channel == "symposium"
    with pytest.raises(ParticipationError, match="逾期"):
        services.record_opinion(
            c, actor=world.editor, channel="post", body="信函", received_on=c.ends_on + timedelta(days=1)
        )


def test_draft_final_diff_comes_from_core_policy(world):
    c = closed(world)
    services.set_final(
        c,
        actor=world.editor,
        final_text=c.publication.body_text.replace("800元", "1000元"),
        summary="采纳提高补助的意见",
    )
    c.refresh_from_db()
    diff = services.draft_diff(c)
    assert [change.label for change in diff.by_op("changed")] == ["第三条"]


# --- decisions ---------------------------------------------------------------------------------------------------
def _unit_of_office(w):
    return w.office.memberships.first().unit


def test_catalog_is_published_only_with_the_party_committees_consent(world):
    cat = catalog(world)
    decision(world, cat)
    with pytest.raises(ParticipationError, match="党委同意"):
        services.publish_catalog(cat, actor=world.office, approved_on=None, approval_document="")
    services.publish_catalog(
        cat,
        actor=world.office,
        approved_on=date(2026, 3, 1),
        approval_document="县委常委会会议纪要〔2026〕3号",
    )
    # afterwards an addition is an adjustment with a reason, shown with the catalogue
    with pytest.raises(ParticipationError, match="理由"):
        decision(world, cat, title="新增事项")
    decision(world, cat, title="新增事项", reason="县政府常务会议决定增加")
    assert cat.adjustments.count() == 1


def test_stages_go_in_order_and_only_the_hearing_may_be_skipped(world):
    cat = catalog(world)
    d = decision(world, cat)
    with pytest.raises(ParticipationError, match="下一阶段"):
        services.advance(d, actor=world.dept_editor, to="legality")
    d = services.advance(d, actor=world.dept_editor, to="consultation")
    assert services.stage_problems(d, "legality") == []  # 听证 is optional
    services.advance(d, actor=world.dept_editor, to="legality")
    assert d.steps.count() == 3


def test_hearing_materials_at_least_7_days_before(world):
    d = decision(world, catalog(world))
    services.advance(d, actor=world.dept_editor, to="consultation")
    services.update_record(
        d,
        actor=world.dept_editor,
        hearing_on=date(2026, 5, 20),
        participants_published_on=date(2026, 5, 8),
        materials_sent_on=date(2026, 5, 14),
    )
    with pytest.raises(ParticipationError, match="前6日送达"):
        services.advance(d, actor=world.dept_editor, to="hearing")
    services.update_record(d, actor=world.dept_editor, materials_sent_on=date(2026, 5, 13))
    services.advance(d, actor=world.dept_editor, to="hearing")


def test_legality_review_at_least_7_working_days_on_the_calendar(world):
    d = decision(world, catalog(world))
    services.advance(d, actor=world.dept_editor, to="consultation")
    services.advance(d, actor=world.dept_editor, to="legality")
    # sent Wednesday 30 September 2026; 1–8 October is the National Day holiday: 9 October is the 2nd working day
    # (Saturday 10 October is a make-up working day in the 2026 arrangement, or not: the calendar decides).
    services.update_record(
        d,
        actor=world.dept_editor,
        legality_sent_on=date(2026, 9, 30),
        legality_opinion_on=date(2026, 10, 12),
        legality_lawful=True,
    )
    from gongkai.calendar import services as calendar

    days = calendar.count_working_days(date(2026, 9, 30), date(2026, 10, 12)).count
    assert days < 7  # twelve calendar days, but fewer than seven working days
    with pytest.raises(ParticipationError, match=f"合法性审查时间为{days}个工作日"):
        services.advance(d, actor=world.dept_editor, to="decided")
    services.update_record(d, actor=world.dept_editor, legality_opinion_on=date(2026, 10, 20))
    assert calendar.count_working_days(date(2026, 9, 30), date(2026, 10, 20)).count >= 7
    assert services.advance(d, actor=world.dept_editor, to="decided").stage == "decided"


def test_unlawful_draft_does_not_reach_the_decision(world):
    d = decision(world, catalog(world))
    for stage in ("consultation", "legality"):
        services.advance(d, actor=world.dept_editor, to=stage)
    services.update_record(
        d,
        actor=world.dept_editor,
        legality_sent_on=date(2026, 3, 2),
        legality_opinion_on=date(2026, 3, 20),
        legality_lawful=False,
    )
    with pytest.raises(ParticipationError, match="不合法"):
        services.advance(d, actor=world.dept_editor, to="decided")


def test_mandatory_category_cannot_reach_the_decision_without_a_completed_consultation(world, settings):
    settings.GONGKAI_PARTICIPATION_MANDATORY = ("construction",)
    cat = catalog(world)
    with pytest.raises(ParticipationError, match="征求意见"):
        decision(world, cat, category="construction", methods=["legality"])
    d = decision(world, cat, category="construction", unit=world.town)
    for stage in ("consultation", "legality"):
        services.advance(d, actor=world.editor, to=stage)
    services.update_record(
        d,
        actor=world.editor,
        legality_sent_on=date(2026, 3, 2),
        legality_opinion_on=date(2026, 3, 20),
        legality_lawful=True,
    )
    with pytest.raises(ParticipationError, match="须完成公众参与"):
        services.advance(d, actor=world.editor, to="decided")
    c = closed(world, decision=d)
    op = services.submit_opinion(consultation(world, title="别的征集"), body="无关")
    assert op.pk
    d.refresh_from_db()
    assert services.stage_problems(d, "decided")  # closed but no feedback yet: still blocked
    services.publish_feedback(c, actor=world.editor)  # no opinions: nothing undecided
    services.advance(d, actor=world.editor, to="decided")
    # the same category is free when the county's setting does not list it
    settings.GONGKAI_PARTICIPATION_MANDATORY = ()
    other = decision(world, cat, category="construction", methods=["legality"], title="另一项目")
    assert other.pk


def test_post_decision_evaluation_not_by_the_pre_decision_assessor(world):
    d = decision(world, catalog(world), pre_assessment_unit=world.dept)
    d.stage = "implementing"
    d.save()
    services.update_record(
        d, actor=world.dept_editor, evaluation_unit=world.dept, evaluation_summary="效果良好"
    )
    with pytest.raises(ParticipationError, match="决策前评估"):
        services.advance(d, actor=world.dept_editor, to="evaluated")
    services.update_record(d, actor=world.dept_editor, evaluation_unit=world.town)
    services.advance(d, actor=world.dept_editor, to="evaluated")


def test_another_unit_cannot_move_a_decision(world):
    d = decision(world, catalog(world), unit=world.town)
    with pytest.raises(ParticipationError):
        services.advance(d, actor=world.dept_editor, to="consultation")
    d.refresh_from_db()
    assert d.stage == "drafting"


# --- open days ---------------------------------------------------------------------------------------------------
def _session(w, capacity=2):
    plan = services.save_plan(
        w.town, actor=w.editor, year=2026, months="4月、8月", themes=["走进政务服务中心"]
    )
    now = timezone.now()
    return services.add_session(
        plan,
        actor=w.editor,
        title="走进政务服务中心",
        starts_at=now + timedelta(days=10),
        place="县政务服务中心",
        capacity=capacity,
        signup_deadline=now + timedelta(days=5),
    )


def _sign(session, n, **kw):
    return services.sign_up(
        session, name=f"市民{n}", phone=f"1380000{n:04d}", participant_type="citizen", adult=True, **kw
    )


def test_capacity_waiting_list_and_promotion(world):
    session = _session(world, capacity=2)
    a, b, c, d = (_sign(session, n) for n in range(4))
    assert [x.state for x in (a, b, c, d)] == ["confirmed", "confirmed", "waiting", "waiting"]
    cancelled = services.cancel_signup(a, by_code=a.code.lower())
    assert [p.pk for p in cancelled.promoted] == [c.pk]
    assert SignUp.objects.get(pk=c.pk).state == "confirmed" and SignUp.objects.get(pk=d.pk).state == "waiting"
    with pytest.raises(ParticipationError, match="确认码"):
        services.cancel_signup(b, by_code="KF-WRONG")


def test_no_double_booking_and_adults_only(world):
    session = _session(world)
    _sign(session, 1)
    with pytest.raises(ParticipationError, match="重复报名"):
        _sign(session, 1)
    with pytest.raises(ParticipationError, match="18周岁"):
        services.sign_up(session, name="小明", phone="13900000000", participant_type="citizen", adult=False)
    with pytest.raises(ParticipationError, match="截止"):
        _sign(session, 2, now=session.signup_deadline + timedelta(minutes=1))


def _sign_with_retry(session_pk, n, results, errors):
    session = OpenDaySession.objects.get(pk=session_pk)
    for _attempt in range(2000):
        try:
            results.append(_sign(session, n).state)
            return
        except (
            OperationalError
        ) as exc:  # in-memory SQLite: "table is locked" instead of waiting (see audit tests)
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.002)
        except ParticipationError as exc:
            errors.append(str(exc))
            return


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity_nor_double_book():
    from gongkai.calendar import services as calendar
    from gongkai.publishing.tests.conftest import build_world

    calendar.seed_from_package(years=[2026])
    w = build_world()
    session = _session(w, capacity=3)
    results, errors, failures = [], [], []
    start = threading.Barrier(8)

    def worker(n):
        try:
            start.wait()
            # workers 0–5 are six different people; 6 and 7 are person 0 and 1 again (double booking attempts)
            _sign_with_retry(session.pk, n % 6, results, errors)
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not failures, failures
    active = SignUp.objects.filter(session=session, state__in=["confirmed", "waiting"])
    assert active.filter(state="confirmed").count() == 3
    assert active.count() == 6  # six people, each once
    assert len(errors) == 2 and all("重复报名" in e for e in errors)
    with transaction.atomic():
        assert sorted(results).count("confirmed") == 3


def test_result_page_needs_every_suggestion_answered(world):
    session = _session(world)
    s = services.add_suggestion(session, actor=world.editor, body="希望增加周末办事窗口", author="市民王某")
    after = session.starts_at + timedelta(hours=3)
    with pytest.raises(ParticipationError, match="未记录采纳"):
        services.publish_session_result(session, actor=world.editor, summary="共30人参加", now=after)
    services.decide_suggestion(s, actor=world.editor, adoption="adopted", response="自5月起开设周六窗口")
    with pytest.raises(ParticipationError, match="活动结束后"):
        services.publish_session_result(session, actor=world.editor, summary="共30人参加")
    services.publish_session_result(session, actor=world.editor, summary="共30人参加", now=after)


# --- meetings ----------------------------------------------------------------------------------------------------
def test_meeting_needs_at_least_two_public_representatives(world, settings):
    settings.GONGKAI_PARTICIPATION_MIN_SEATS = 2
    held = timezone.localdate() + timedelta(days=10)
    m = services.create_meeting(
        world.town,
        actor=world.editor,
        title="镇政府常务会议",
        held_on=held,
        topics=["农贸市场改造", "停车难"],
    )
    option = m.options.get(label="停车难")
    services.vote(option)
    services.close_poll(m, actor=world.editor, chosen=option)
    m.refresh_from_db()
    assert m.topic == "停车难"
    s1 = services.apply_seat(m, name="赵一", phone="13700000001", participant_type="citizen", adult=True)
    s2 = services.apply_seat(m, name="钱二", phone="13700000002", participant_type="enterprise", adult=True)
    with pytest.raises(ParticipationError, match="至少"):
        services.select_seats(m, actor=world.editor, seats=[s1])
    services.select_seats(m, actor=world.editor, seats=[s1, s2])
    for seat in (s1, s2):
        item = services.record_seat_opinion(seat, actor=world.editor, body="建议增设停车位")
        services.decide_suggestion(item, actor=world.editor, adoption="partly", response="列入明年计划")
    with pytest.raises(ParticipationError, match="会议召开后"):
        services.publish_meeting(m, actor=world.editor, summary="两名代表列席")
    later = timezone.now() + timedelta(days=11)
    services.publish_meeting(m, actor=world.editor, summary="两名代表列席", now=later)
    with pytest.raises(ParticipationError):
        services.select_seats(m, actor=world.dept_editor, seats=[s1, s2])


# --- reminders and figures ---------------------------------------------------------------------------------------
def test_reminders_once_per_day_for_closing_and_overdue_feedback(world, settings):
    from gongkai.participation.models import Reminder

    settings.GONGKAI_PARTICIPATION_FEEDBACK_WORKDAYS = 1
    consultation(world, start=timezone.localdate() - timedelta(days=28), title="即将截止")
    old = closed(world, title="反馈逾期")
    Consultation.objects.filter(pk=old.pk).update(feedback_due=timezone.localdate() - timedelta(days=2))
    first = services.remind()
    assert first == 2 and services.remind() == 0
    texts = sorted(Reminder.objects.values_list("text", flat=True))
    assert any("将于" in t for t in texts) and any("已逾期" in t for t in texts)


def test_figures_per_unit_through_the_registry(world):
    from gongkai.common import figures

    c = closed(world)
    for i in range(3):
        Opinion.objects.create(consultation=c, tracking_code=f"YJ-FIG-{i}", body=f"意见{i}")
    ops = list(c.opinions.all())
    services.decide_opinion(ops[0], actor=world.editor, adoption="adopted", reason="采纳")
    services.decide_opinion(ops[1], actor=world.editor, adoption="rejected", reason="不采纳")
    services.hide_opinion(ops[2], actor=world.editor, reason="广告")
    year = (date(timezone.localdate().year, 1, 1), date(timezone.localdate().year, 12, 31))
    fig = figures.compute("participation.adoption_rate", unit=world.town, start=year[0], end=year[1])
    assert (fig.numerator, fig.denominator, fig.value) == (1, 2, 0.5)
    assert figures.compute("participation.opinions", unit=world.town, start=year[0], end=year[1]).value == 2
    assert (
        figures.compute("participation.consultations", unit=world.dept, start=year[0], end=year[1]).value == 0
    )
