"""The sentiment ledger's rules, on the database: limits (clock hours, working days with holidays), responses
linked to public items, commitments overdue and kept, 核查, scoping, reminders, the calendar hook, figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.common import figures
from gongkai.core.errors import ServiceError
from gongkai.publishing import services as publishing
from gongkai.sentiment import selectors, services
from gongkai.sentiment.models import Case, Commitment, Reminder, Response, Screenshot

from .factories import PDF, PNG, case, release_item

BEIJING = timezone.get_fixed_timezone(8 * 60)


def test_register_sets_the_national_48_hour_deadline(world):
    c = case(world, hours_ago=3)
    assert c.state == "registered" and c.rule == "national"
    assert c.next_due_at == c.first_seen_at + timedelta(hours=48)
    assert AuditEvent.objects.filter(action="sentiment.registered", object_id=str(c.pk)).exists()


def test_major_emergency_answers_to_5_and_24_hours(world):
    c = case(world, hours_ago=6, level="major")
    assert c.next_due_at == c.first_seen_at + timedelta(hours=5)
    assert selectors.filtered(Case.objects.all(), due="overdue").filter(pk=c.pk).exists()
    # A press conference does not stand for the authoritative release: the 5-hour deadline stays unmet.
    services.record_response(
        c,
        actor=world.editor,
        kind="press",
        unit=world.town,
        summary="召开新闻发布会通报情况",
        responded_at=timezone.now() - timedelta(hours=1),
    )
    c.refresh_from_db()
    assert c.state == "responding" and c.next_due_at == c.first_seen_at + timedelta(hours=5)
    pub = release_item(world)
    services.record_response(
        c, actor=world.editor, kind="release", unit=world.town, summary="通报", publication=pub
    )
    c.refresh_from_db()
    assert c.next_due_at is None and c.on_time is False  # the release came after 5 hours


def test_local_rule_counts_working_days_over_the_national_day(world, settings):
    settings.GONGKAI_SENTIMENT_RULE = "local"
    settings.GONGKAI_SENTIMENT_LOCAL_WORKDAYS = 3
    seen = datetime(2026, 9, 30, 16, 0, tzinfo=BEIJING)
    c = case(world, first_seen_at=seen)
    assert c.rule == "local" and c.local_workdays == 3
    # 1–7 October off; 8, 9 and Saturday 10 October (调休) are the three working days.
    assert timezone.localtime(c.next_due_at, BEIJING) == datetime(2026, 10, 10, 23, 59, 59, tzinfo=BEIJING)
    # The setting picked at registration stays with the case.
    settings.GONGKAI_SENTIMENT_RULE = "national"
    services.assess(c, actor=world.office, level="larger", risk_notes="涉及民生，需关注")
    c.refresh_from_db()
    assert c.rule == "local" and timezone.localtime(c.next_due_at, BEIJING).date() == date(2026, 10, 10)


def test_raising_the_level_tightens_the_deadline(world):
    c = case(world, hours_ago=1)
    c = services.assess(c, actor=world.editor, level="especially_major", risk_notes="事件升级，伤亡情况不明")
    assert c.state == "assessing" and c.next_due_at == c.first_seen_at + timedelta(hours=5)


def test_release_must_be_public_and_later_than_first_seen(world):
    early = release_item(world, "旧的供水通知", when=timezone.now() - timedelta(days=10))
    c = case(world, hours_ago=2)
    with pytest.raises(ServiceError, match="早于舆情发现时间"):
        services.record_response(
            c, actor=world.editor, kind="release", unit=world.town, summary="x", publication=early
        )
    draft = publishing.create_draft(world.town, actor=world.editor, title="未发布的通报", body="<p>x</p>")
    with pytest.raises(ServiceError, match="尚未公开"):
        services.record_response(
            c, actor=world.editor, kind="release", unit=world.town, summary="x", publication=draft
        )
    with pytest.raises(ServiceError, match="关联一条已公开的信息"):
        services.record_response(c, actor=world.editor, kind="release", unit=world.town, summary="x")
    assert not Response.objects.exists()
    pub = release_item(world)
    r = services.record_response(
        c, actor=world.editor, kind="release", unit=world.town, summary="通报", publication=pub
    )
    assert r.responded_at == pub.published_at


def test_a_unit_not_named_cannot_see_or_write(world):
    c = case(world, local=world.dept)
    assert set(selectors.for_staff(world.dept_editor)) == {c}  # 属地 sees it
    assert list(selectors.for_staff(world.other_editor)) == []
    with pytest.raises(ServiceError) as exc:
        services.record_response(
            c,
            actor=world.other_editor,
            kind="online",
            unit=world.town,
            summary="冒名回应",
            responded_at=timezone.now(),
        )
    assert exc.value.code == "forbidden"
    with pytest.raises(ServiceError):
        services.assess(c, actor=world.other_editor, level="major", risk_notes="x")
    with pytest.raises(ServiceError):
        services.add_commitment(
            c, actor=world.other_editor, content="x", owner_unit=world.other, due_on=date.today()
        )
    with pytest.raises(ServiceError):
        services.register_case(
            actor=world.other_editor,
            topic="x",
            source="network",
            first_seen_at=timezone.now(),
            summary="x",
            owner_unit=world.town,
        )
    # The 属地 unit may respond in its own name only.
    with pytest.raises(ServiceError, match="本单位名义"):
        services.record_response(
            c,
            actor=world.dept_editor,
            kind="online",
            unit=world.town,
            summary="x",
            responded_at=timezone.now(),
        )
    assert not Response.objects.exists() and not Commitment.objects.exists()


def test_commitment_owner_sees_the_case_and_only_fulfils_its_own(world):
    c = case(world)
    item = services.add_commitment(
        c,
        actor=world.editor,
        content="三日内完成管网冲洗并公布水质检测结果",
        owner_unit=world.other,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    assert list(selectors.for_staff(world.other_editor)) == [c]
    other = services.add_commitment(
        c,
        actor=world.editor,
        content="一周内更换老旧管道",
        owner_unit=world.town,
        due_on=timezone.localdate(),
    )
    with pytest.raises(ServiceError) as exc:
        services.fulfil(other, actor=world.other_editor, evidence="已更换")
    assert exc.value.code == "forbidden"
    pub = release_item(world, "城关镇供水水质检测结果公告")
    kept = services.fulfil(
        item,
        actor=world.other_editor,
        evidence="已冲洗管网，检测合格",
        evidence_file=SimpleUploadedFile("检测报告.pdf", PDF),
        result_publication=pub,
    )
    assert kept.state == "kept" and kept.kept_on == timezone.localdate() and kept.result_publication == pub
    assert kept.evidence_sha256 and kept.evidence_name == "检测报告.pdf"
    with pytest.raises(ServiceError, match="已报送兑现"):
        services.fulfil(item, actor=world.other_editor, evidence="again")


def test_commitments_overdue(world):
    c = case(world, hours_ago=24 * 10)
    today = timezone.localdate()
    late = services.add_commitment(
        c, actor=world.office, content="逾期", owner_unit=world.town, due_on=today - timedelta(days=2)
    )
    due = services.add_commitment(
        c, actor=world.office, content="今日到期", owner_unit=world.town, due_on=today
    )
    assert late.is_overdue() and not due.is_overdue()
    assert list(selectors.overdue_commitments(world.office)) == [late]
    assert list(selectors.overdue_commitments(world.editor)) == [late]
    assert list(selectors.overdue_commitments(world.dept_editor)) == []
    # Kept late is no longer overdue, but not kept on time.
    services.fulfil(late, actor=world.editor, evidence="已完成")
    late.refresh_from_db()
    assert not late.is_overdue() and late.kept_on_time() is False
    assert list(selectors.overdue_commitments(world.office)) == []


def test_hostile_uploads_and_links_are_refused(world):
    exe = SimpleUploadedFile("截图.png", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ServiceError) as exc:
        case(world, screenshots=[exe])
    assert exc.value.field == "screenshots"
    html = SimpleUploadedFile("shot.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ServiceError):
        case(world, screenshots=[html])
    with pytest.raises(ServiceError, match="不是有效的网址"):
        case(world, links="javascript:alert(1)")
    assert not Case.objects.exists() and not Screenshot.objects.exists()
    c = case(
        world, screenshots=[SimpleUploadedFile("帖子截图.png", PNG)], links="https://bbs.example.com/t/1\n"
    )
    assert c.screenshots.get().name == "帖子截图.png" and c.link_list() == ["https://bbs.example.com/t/1"]


def test_big_file_refused_before_reading(world, settings):
    settings.GONGKAI_SENTIMENT_UPLOAD_MAX_MB = 1
    c = case(world)
    item = services.add_commitment(
        c, actor=world.office, content="x", owner_unit=world.town, due_on=timezone.localdate()
    )
    big = SimpleUploadedFile("大文件.pdf", PDF + b"0" * (1024 * 1024 + 10))
    with pytest.raises(ServiceError) as exc:
        services.fulfil(item, actor=world.editor, evidence="x", evidence_file=big)
    assert exc.value.code == "too_large"
    item.refresh_from_db()
    assert item.state == "open"


def test_check_round_verifies_only_kept_and_public(world):
    c = case(world, hours_ago=24 * 5)
    today = timezone.localdate()
    a = services.add_commitment(
        c, actor=world.office, content="公开检测结果", owner_unit=world.town, due_on=today
    )
    b = services.add_commitment(
        c, actor=world.office, content="更换管道", owner_unit=world.town, due_on=today
    )
    later = services.add_commitment(
        c, actor=world.office, content="明年", owner_unit=world.town, due_on=today + timedelta(days=90)
    )
    services.fulfil(a, actor=world.editor, evidence="已公开")
    with pytest.raises(ServiceError) as exc:
        services.start_round(actor=world.editor, title="核查", cutoff=today)
    assert exc.value.code == "forbidden"
    round_ = services.start_round(actor=world.office, title="第四季度核查", cutoff=today)
    checks = {ch.commitment_id: ch for ch in round_.checks.all()}
    assert set(checks) == {a.pk, b.pk} and later.pk not in checks
    with pytest.raises(ServiceError, match="尚未公开"):
        services.mark(checks[a.pk], actor=world.office, result="verified")
    with pytest.raises(ServiceError, match="尚未报送兑现"):
        services.mark(checks[b.pk], actor=world.office, result="verified")
    with pytest.raises(ServiceError, match="核查意见"):
        services.mark(checks[b.pk], actor=world.office, result="not_verified")
    pub = release_item(world, "检测结果公告")
    services.link_result(a, actor=world.editor, publication=pub)
    services.mark(checks[a.pk], actor=world.office, result="verified")
    with pytest.raises(ServiceError, match="未核查"):
        services.close_round(round_, actor=world.office)
    services.mark(checks[b.pk], actor=world.office, result="not_verified", note="尚未更换，督促12月底前完成")
    services.close_round(round_, actor=world.office)
    a.refresh_from_db(), b.refresh_from_db()
    assert a.check_result == "verified" and b.check_result == "not_verified"
    with pytest.raises(ServiceError, match="已结束"):
        services.mark(checks[b.pk], actor=world.office, result="not_verified", note="x")


def test_close_needs_response_finished_and_every_commitment_kept(world):
    c = case(world)
    with pytest.raises(ServiceError, match="尚未登记任何回应"):
        services.finish_response(c, actor=world.editor)
    services.respond(
        c,
        actor=world.editor,
        kind="online",
        unit=world.town,
        summary="已安排排查",
        responded_at=timezone.now(),
        commitment="两日内公布排查结果",
        commitment_due_on=timezone.localdate() + timedelta(days=2),
    )
    item = c.commitments.get()
    assert item.owner_unit == world.town and item.response is not None
    services.finish_response(c, actor=world.editor)
    with pytest.raises(ServiceError, match="尚未兑现"):
        services.close(c, actor=world.office, note="复盘")
    services.fulfil(item, actor=world.editor, evidence="已公布")
    with pytest.raises(ServiceError) as exc:
        services.close(c, actor=world.town_leader, note="复盘")
    assert exc.value.code == "forbidden"
    closed = services.close(c, actor=world.office, note="回应及时，群众认可")
    assert closed.state == "closed" and closed.on_time is True


def test_respond_with_commitment_is_all_or_nothing(world):
    c = case(world)
    with pytest.raises(ServiceError, match="承诺期限"):
        services.respond(
            c,
            actor=world.editor,
            kind="online",
            unit=world.town,
            summary="x",
            responded_at=timezone.now(),
            commitment="没有期限的承诺",
        )
    assert not Response.objects.exists()


def test_reminders_once_per_day_and_deadline(world):
    c = case(world, hours_ago=50)
    today = timezone.localdate()
    services.add_commitment(
        c, actor=world.office, content="逾期承诺", owner_unit=world.dept, due_on=today - timedelta(days=1)
    )
    first = services.remind()
    assert first == 2  # the overdue commitment and the 48-hour deadline passed
    assert services.remind() == 0
    units = set(Reminder.objects.values_list("unit_id", flat=True))
    assert units == {world.dept.pk, world.town.pk}


def test_calendar_change_moves_local_deadlines(world, settings):
    from gongkai.calendar import services as calendar
    from gongkai.calendar.models import HolidayCalendar

    settings.GONGKAI_SENTIMENT_RULE = "local"
    c = case(world, first_seen_at=datetime(2026, 11, 5, 10, 0, tzinfo=BEIJING))
    assert timezone.localtime(c.next_due_at, BEIJING).date() == date(2026, 11, 10)
    # A (made-up) holiday on 9 November: the three working days end a day later.
    cal = HolidayCalendar.objects.get(year=2026)
    cal.days.create(date=date(2026, 11, 9), kind="holiday", name="测试假日")
    calendar._changed()
    lines = services.recompute_after_calendar_change({2026})
    c.refresh_from_db()
    assert timezone.localtime(c.next_due_at, BEIJING).date() == date(2026, 11, 11) and len(lines) == 1
    assert services.recompute_after_calendar_change({2026}) == []


def test_figures_on_time_and_kept(world):
    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate()
    on_time = case(world, hours_ago=10, topic="按时")
    services.record_response(
        on_time, actor=world.editor, kind="online", unit=world.town, summary="x", responded_at=timezone.now()
    )
    late = case(world, hours_ago=24 * 10, topic="超时未回应")
    case(world, hours_ago=1, topic="未到期")
    fig = figures.compute("sentiment.responded_on_time", start=start, end=end)
    assert (fig.numerator, fig.denominator, fig.value) == (1, 2, 50.0)
    today = timezone.localdate()
    items = [
        services.add_commitment(
            late,
            actor=world.office,
            content=f"承诺{i}",
            owner_unit=world.town,
            due_on=today - timedelta(days=i + 1),
        )
        for i in range(3)
    ]
    services.fulfil(items[0], actor=world.editor, evidence="完成")
    kept = figures.compute("sentiment.commitments_kept", start=start, end=end)
    assert (kept.numerator, kept.denominator) == (1, 3)
    assert figures.compute("sentiment.cases", unit=world.dept, start=start, end=end).value == 0


def test_portal_column_lists_only_public_release_items(world, client):
    c = case(world)
    pub = release_item(world, "权威发布：自来水水质情况通报")
    services.record_response(
        c, actor=world.editor, kind="release", unit=world.town, summary="内部口径XYZ", publication=pub
    )
    services.record_response(
        c,
        actor=world.editor,
        kind="online",
        unit=world.town,
        summary="网上回复内部",
        responded_at=timezone.now(),
    )
    body = client.get("/hdjl/hygq/").content.decode()
    assert "权威发布：自来水水质情况通报" in body and f"/xxgk/info/{pub.pk}/" in body
    for secret in (c.topic, "内部口径XYZ", "网上回复内部", c.summary[:10]):
        assert secret not in body
    publishing.withdraw(pub, actor=world.reviewer, reason="内容更新")
    assert "权威发布：自来水水质情况通报" not in client.get("/hdjl/hygq/").content.decode()
