"""The hard rules of messages: limits on the calendar, codes, leader approvals, private never public, masking,
rating and the one follow-up, cross-unit refusals, the three-month veto."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar
from gongkai.messages import codes, selectors, services
from gongkai.messages.errors import MessageError
from gongkai.messages.models import Message
from gongkai.messages.vocab import ExtensionState, State, unanswered_cutoff

from .factories import message, replied

pytestmark = pytest.mark.django_db


def test_due_date_counts_working_days_over_the_national_day_break(world):
    msg = message(world, channel=world.consult, received_on=date(2026, 9, 30))
    assert world.consult.reply_days == 5
    assert msg.due_on > date(2026, 10, 7)  # the 国庆 break is not counted
    assert calendar.count_working_days(msg.received_on, msg.due_on).count == 5
    assert calendar.is_workday(msg.due_on)


def test_due_date_on_ordinary_weeks_skips_the_weekend(world):
    msg = message(world, channel=world.consult, received_on=date(2026, 6, 5))  # a Friday
    assert msg.due_on == date(2026, 6, 12)


def test_channel_limit_changed_by_office_applies_to_new_messages(world):
    channel = services.update_channel(
        world.consult,
        actor=world.office,
        reply_days=3,
        rule_source="县政府办〔2026〕5号 第4条",
        public_by_default=True,
        categories=["政策咨询"],
    )
    msg = message(world, channel=channel, received_on=date(2026, 6, 5), category="政策咨询")
    assert msg.due_on == date(2026, 6, 10)
    with pytest.raises(MessageError):
        services.update_channel(
            world.consult,
            actor=world.editor,
            reply_days=3,
            rule_source="x",
            public_by_default=True,
            categories=[],
        )
    with pytest.raises(MessageError) as exc:
        services.update_channel(
            world.consult,
            actor=world.office,
            reply_days=3,
            rule_source=" ",
            public_by_default=True,
            categories=[],
        )
    assert exc.value.field == "rule_source"


def test_tracking_and_verification_code(world):
    intake = services.submit(
        world.consult,
        subject="咨询",
        body="请问社保卡在哪里补办？",
        writer_name="李四",
        writer_contact="13900001111",
    )
    msg = intake.message
    assert msg.tracking_code.startswith("LY-")
    assert intake.verification_code not in msg.verification_hash
    assert len(msg.verification_hash) == 64
    assert selectors.lookup(msg.tracking_code.lower(), intake.verification_code).pk == msg.pk
    assert selectors.lookup(msg.tracking_code, "WRONG123") is None
    assert selectors.lookup("LY-0000-0000-00", intake.verification_code) is None
    assert codes.normalize(" ly 0000 0000 0o ") == "LY-0000-0000-00"


def test_bad_input_saves_nothing(world):
    with pytest.raises(MessageError) as exc:
        services.submit(world.consult, subject="", body="内容内容内容", writer_name="甲", writer_contact="1")
    assert exc.value.field == "subject"
    with pytest.raises(MessageError):
        services.submit(
            world.consult,
            subject="标题",
            body="内容内容内容",
            writer_name="甲",
            writer_contact="1",
            category="不存在的分类",
        )
    assert Message.objects.count() == 0


def test_full_handling_with_leader_approval(world):
    msg = message(world)
    assert msg.state == State.RECEIVED
    msg = services.dispatch(msg, actor=world.office, unit=world.town)
    with pytest.raises(MessageError):  # a unit's staff cannot approve without the leader post
        services.draft_reply(msg, actor=world.editor, reply="短")
    msg = services.draft_reply(msg, actor=world.editor, reply="您好，改造计划于2026年5月开工。")
    assert msg.state == State.DRAFTED
    with pytest.raises(MessageError):
        services.approve_reply(msg, actor=world.editor)
    msg = services.approve_reply(msg, actor=world.leader, approve=False, note="请写明开工日期的依据")
    assert msg.state == State.DISPATCHED
    msg = services.draft_reply(msg, actor=world.editor, reply="您好，依据县住建局计划，改造于2026年5月开工。")
    msg = services.approve_reply(msg, actor=world.leader)
    assert msg.state == State.REPLIED and msg.replied_on == timezone.localdate()
    assert msg.reply_approved_by == world.leader
    actions = list(AuditEvent.objects.filter(object_id=str(msg.pk)).values_list("action", flat=True))
    assert "messages.reply_approved" in actions and "messages.reply_returned" in actions


def test_other_unit_can_neither_see_nor_change(world):
    msg = services.dispatch(message(world), actor=world.office, unit=world.town)
    assert not selectors.for_staff(world.dept_editor).filter(pk=msg.pk).exists()
    assert selectors.for_staff(world.editor).filter(pk=msg.pk).exists()
    for act in (
        lambda: services.draft_reply(msg, actor=world.dept_editor, reply="乙单位试图答复这条留言的内容。"),
        lambda: services.transfer(msg, actor=world.dept_editor, to_unit=world.dept, reason="试图抢办"),
        lambda: services.request_extension(msg, actor=world.dept_editor, days=2, reason="x"),
        lambda: services.dispatch(msg, actor=world.dept_leader, unit=world.dept),
    ):
        with pytest.raises(MessageError):
            act()
    msg.refresh_from_db()
    assert msg.unit == world.town and msg.state == State.DISPATCHED and not msg.reply


def test_transfer_keeps_the_due_date_and_records_reason(world):
    msg = services.dispatch(message(world), actor=world.office, unit=world.town)
    due = msg.due_on
    with pytest.raises(MessageError) as exc:
        services.transfer(msg, actor=world.editor, to_unit=world.dept, reason="")
    assert exc.value.field == "reason"
    msg = services.transfer(msg, actor=world.editor, to_unit=world.dept, reason="属住建局职责")
    assert msg.unit == world.dept and msg.due_on == due
    assert msg.transfers.get().reason == "属住建局职责"
    assert selectors.for_staff(world.dept_editor).filter(pk=msg.pk).exists()


def test_extension_needs_the_leader_and_moves_due_on_working_days(world):
    msg = services.dispatch(
        message(world, received_on=date(2026, 9, 24)), actor=world.office, unit=world.town
    )
    ext = services.request_extension(msg, actor=world.editor, days=3, reason="需现场核实")
    with pytest.raises(MessageError):
        services.decide_extension(ext, actor=world.editor, approve=True)
    with pytest.raises(MessageError):
        services.decide_extension(ext, actor=world.dept_leader, approve=True)
    ext = services.decide_extension(ext, actor=world.leader, approve=True)
    msg.refresh_from_db()
    assert ext.state == ExtensionState.APPROVED
    assert calendar.count_working_days(ext.old_due_on, msg.due_on).count == 3
    with pytest.raises(MessageError):
        services.request_extension(msg, actor=world.editor, days=1, reason="再次延期")


def test_merge_and_invalid_are_office_only_and_not_valid(world):
    first, dup, spam = message(world), message(world), message(world, subject="广告")
    with pytest.raises(MessageError):
        services.merge(dup, actor=world.editor, into=first)
    services.merge(dup, actor=world.office, into=first)
    services.declare_invalid(spam, actor=world.office, reason="广告信息")
    dash = selectors.dashboard(world.office)
    assert dash["open"] == 1


def test_private_message_is_never_public(world):
    msg = replied(world, private=True)
    with pytest.raises(MessageError):
        services.publish(msg, actor=world.office)
    # even a row forced to published stays out of the portal's list and detail
    Message.objects.filter(pk=msg.pk).update(published_at=timezone.now(), public_subject="x")
    assert not selectors.public_messages().filter(pk=msg.pk).exists()
    assert selectors.public_get(msg.pk) is None


def test_publish_masks_only_the_selected_findings(world):
    body = "我住城关镇幸福路88号3栋201室，电话13812345678，邮箱zhang@example.com，小区路灯坏了。"
    msg = replied(world, body=body)
    found = services.scan(msg)
    phone = [c for c in found if "13812345678" in c.text]
    email = [c for c in found if "zhang@example.com" in c.text]
    assert phone and email
    msg = services.publish(msg, actor=world.office, mask=[phone[0].key])
    assert "13812345678" not in msg.public_body
    assert "zhang@example.com" in msg.public_body  # not selected: left as it was
    assert msg.body == body  # the original is kept for the file
    assert "张三" not in msg.public_body + msg.public_subject + msg.public_reply
    with pytest.raises(MessageError) as exc:
        services.publish(msg, actor=world.office, mask=["body:0:3"])
    assert exc.value.field == "mask"
    assert selectors.public_messages().filter(pk=msg.pk).exists()
    assert selectors.public_messages(q="路灯").filter(pk=msg.pk).exists()
    assert not selectors.public_messages(q="13812345678").exists()


def test_publish_requires_reply_and_a_publisher(world):
    msg = services.dispatch(message(world), actor=world.office, unit=world.town)
    with pytest.raises(MessageError):
        services.publish(msg, actor=world.office)
    msg = replied(world)
    with pytest.raises(MessageError):
        services.publish(msg, actor=world.editor)
    with pytest.raises(MessageError):
        services.publish(msg, actor=world.dept_leader)
    assert services.publish(msg, actor=world.leader).published_at


def test_rating_once_and_follow_up_once_within_the_time(world, settings):
    msg = message(world)
    with pytest.raises(MessageError):
        services.rate(msg, rating="satisfied")
    msg = replied(world)
    msg = services.rate(msg, rating="fairly")
    with pytest.raises(MessageError):
        services.rate(msg, rating="satisfied")
    msg = services.follow_up(msg, text="请问开工前是否会征求居民意见？")
    with pytest.raises(MessageError):
        services.follow_up(msg, text="再追问一次可以吗？")
    services.answer_follow_up(msg, actor=world.editor, text="开工前将召开居民议事会。")
    late = replied(world)
    Message.objects.filter(pk=late.pk).update(
        replied_at=timezone.now() - timedelta(days=settings.GONGKAI_MESSAGES_FOLLOW_UP_DAYS + 1)
    )
    late.refresh_from_db()
    with pytest.raises(MessageError):
        services.follow_up(late, text="过期的追问内容")


def test_unanswered_over_three_months(world):
    today = date(2026, 12, 7)
    assert unanswered_cutoff(today) == date(2026, 9, 7)
    assert unanswered_cutoff(date(2026, 5, 31)) == date(2026, 2, 28)
    old = message(world, received_on=date(2026, 9, 4))
    edge = message(world, received_on=date(2026, 9, 7))
    answered = replied(world, received_on=date(2026, 8, 1))
    invalid = services.declare_invalid(
        message(world, received_on=date(2026, 8, 1)), actor=world.office, reason="灌水"
    )
    stale = selectors.unanswered_too_long(Message.objects.all(), today)
    assert set(stale.values_list("pk", flat=True)) == {old.pk}
    assert old.unanswered_too_long(today) and not edge.unanswered_too_long(today)
    assert not answered.unanswered_too_long(today) and not invalid.unanswered_too_long(today)


def test_figures_on_time_rate_and_satisfaction(world):
    on_time = replied(world)
    late = replied(world, received_on=date(2026, 1, 5))
    services.rate(on_time, rating="satisfied")
    services.rate(late, rating="unsatisfied")
    got = selectors.figures()
    assert got["replied"] == 2 and got["on_time"] == 1 and got["on_time_rate"] == 50.0
    assert got["satisfaction"] == 50.0
    assert got["avg_days"] is not None and got["avg_days"] > 0


def test_reminders_once_a_day_for_stale_overdue_and_due_soon(world):
    today = timezone.localdate()
    stale = services.dispatch(
        message(world, received_on=today - timedelta(days=120)), actor=world.office, unit=world.town
    )
    overdue = services.dispatch(
        message(world, received_on=today - timedelta(days=30)), actor=world.office, unit=world.dept
    )
    fresh = message(world, received_on=today)
    replied(world, received_on=today - timedelta(days=200))
    assert services.remind(today) == 2
    assert services.remind(today) == 0
    from gongkai.messages.models import Reminder

    texts = {r.unit_id: r.text for r in Reminder.objects.all()}
    assert "超过3个月未答复" in texts[stale.unit_id] and "已逾期" in texts[overdue.unit_id]
    assert not Reminder.objects.filter(url__endswith=f"/{fresh.pk}/").exists()


def test_average_reply_time_is_computed_in_the_database(world):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.messages import selectors
    from gongkai.messages.models import Message

    day = timezone.localdate() - timedelta(days=30)
    first = replied(world, received_on=day)
    second = replied(world, received_on=day)
    Message.objects.filter(pk=first.pk).update(replied_on=day + timedelta(days=3))
    Message.objects.filter(pk=second.pk).update(replied_on=day + timedelta(days=6))
    assert selectors.figures()["avg_days"] == 4.5


def test_dashboard_figures_are_kept_per_scope(world, settings):
    from django.core.cache import cache

    from gongkai.messages import selectors

    settings.GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS = 60
    cache.clear()
    replied(world)
    office = selectors.dashboard(world.office)
    town = selectors.dashboard(world.editor)
    assert office["replied"] == 1 and town["replied"] == 1
    replied(world, unit=world.dept)
    assert selectors.dashboard(world.office)["replied"] == 1  # kept for the minute
    assert selectors.dashboard(world.dept_editor)["replied"] == 1  # another scope: computed now
    assert selectors.dashboard(world.office)["open"] == 0  # the counts are always live
    cache.clear()
    assert selectors.dashboard(world.office)["replied"] == 2
