"""The rules of 找错 reports: the page is this site's, routed to its owner, the due date on the statutory calendar,
the states and who may move them (unit B's staff can do nothing on unit A's report, and nothing is saved), the
screenshot checks, the reminders, the monthly summary and the calendar recompute."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.errata import routing, selectors, services
from gongkai.errata.errors import ErrataError
from gongkai.errata.models import ErrorReport, Reminder
from gongkai.errata.vocab import OFFICE_BASIS, Outcome, State
from gongkai.publishing.tests.fixtures import published

from .factories import png_bytes, report

pytestmark = pytest.mark.django_db


# --- the page ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "https://evil.example.com/xxgk/",
        "//evil.example.com/xxgk/",
        "javascript:alert(1)",
        "xxgk/info/1/",
        "/work/publishing/",
        "/sysadmin/",
        "/xxgk/\nSet-Cookie: a=b",
        "/xxgk/\\evil",
        "/" + "a" * 600,
        "",
    ],
)
def test_page_must_be_a_portal_path_of_this_site(world, value):
    with pytest.raises(ErrataError) as err:
        report(value)
    assert err.value.field == "page"
    assert ErrorReport.objects.count() == 0


def test_full_address_only_with_our_host(world):
    assert routing.clean_page("https://gk.example.gov.cn/xxgk/?a=1", host="gk.example.gov.cn") == "/xxgk/?a=1"
    with pytest.raises(ErrataError):
        routing.clean_page("https://gk.example.gov.cn.evil.cn/xxgk/", host="gk.example.gov.cn")


def test_a_page_that_does_not_exist_goes_to_the_office(world):
    r = report("/no/such/page/", error_type="unreachable", description="点击首页链接后显示页面不存在。")
    assert r.unit is None and r.routing_basis == OFFICE_BASIS


# --- routing ---------------------------------------------------------------------------------------------------------
def test_publication_page_goes_to_the_publishing_unit(world):
    pub = published(world, "关于城关镇2026年老旧小区改造的公告", unit=world.dept)
    for page in (f"/xxgk/info/{pub.pk}/", f"/xxgk/info/{pub.pk}/print/"):
        r = report(page)
        assert r.unit == world.dept
        assert r.routing_basis == "信息发布单位"


def test_unpublished_publication_is_nobodys_page(world):
    from gongkai.publishing import services as publishing

    draft = publishing.create_draft(world.town, actor=world.editor, title="未发布草稿", body="<p>草稿</p>")
    r = report(f"/xxgk/info/{draft.pk}/")
    assert r.unit is None  # the page answers 404 to the public: the office handles it, no owner leaked


def test_published_message_page_goes_to_the_answering_unit(world):
    from gongkai.messages import services as messages
    from gongkai.messages.models import Channel

    def replied(unit, publish):
        messages.ensure_channels()
        msg = messages.submit(
            Channel.objects.get(code="consult"),
            subject="路灯不亮",
            body="人民路北段路灯一周不亮。",
            writer_name="张三",
            writer_contact="13800000001",
            unit=unit,
        ).message
        msg = messages.draft_reply(msg, actor=None, reply="已修复人民路北段路灯线路。")
        msg = messages.approve_reply(msg, actor=None)
        return messages.publish(msg, actor=None) if publish else msg

    shown = replied(world.town, True)
    assert report(f"/hdjl/liuyan/{shown.pk}/").unit == world.town
    hidden = replied(world.dept, False)  # not published: its page is a 404 — no owner, nothing revealed
    assert report(f"/hdjl/liuyan/{hidden.pk}/").unit is None


def test_participation_meeting_page_goes_to_its_unit(world):
    from gongkai.participation import services as participation

    meeting = participation.create_meeting(
        world.dept, actor=world.dept_editor, title="县政府常务会议（公众列席）", held_on=date(2026, 12, 30)
    )
    r = report(f"/hdjl/lxhy/{meeting.pk}/")
    assert r.unit == world.dept and r.routing_basis == "会议单位"
    assert report("/hdjl/lxhy/999999/").unit is None


def test_unit_pages_and_lists_go_to_the_unit(world):
    assert report(f"/xxgk/jgzn/{world.town.pk}/").unit == world.town
    assert report(f"/xxgk/zhinan/{world.dept.pk}/").unit == world.dept
    assert report(f"/xxgk/ml/{world.dept.pk}/").unit == world.dept
    assert report(f"/xxgk/info/?unit={world.town.pk}&page=2").unit == world.town


def test_catalogue_item_of_a_unit_and_template_item(world):
    from gongkai.publishing.models import CatalogNode

    template = CatalogNode.objects.filter(unit__isnull=True).first()
    own = CatalogNode.objects.create(unit=world.town, name="城关镇自设事项")
    assert report(f"/xxgk/info/?node={own.pk}").unit == world.town
    assert report(f"/xxgk/info/?node={template.pk}").unit is None


def test_hostile_query_and_inactive_unit_route_to_office(world):
    assert report("/xxgk/info/?node=abc&unit=1e9").unit is None
    world.town.is_active = False
    world.town.save()
    assert report(f"/xxgk/jgzn/{world.town.pk}/").unit is None


def test_home_page_goes_to_the_office(world):
    r = report("/")
    assert r.unit is None


# --- the due date --------------------------------------------------------------------------------------------------
def test_due_date_counts_working_days_over_national_day(world):
    # 2026: 10月1日–7日 放假, 10月10日(星期六) 上班 — three working days after 9月30日 are 8, 9 and 10 October.
    r = report("/", received_on=date(2026, 9, 30))
    assert r.due_on == date(2026, 10, 10)
    # Over the Spring Festival (2月15日–23日 放假, 2月14日 上班).
    assert report("/", received_on=date(2026, 2, 13)).due_on == date(2026, 2, 25)


def test_reply_days_is_a_setting(world, settings):
    settings.GONGKAI_ERRATA_REPLY_DAYS = 5
    assert report("/", received_on=date(2026, 3, 2)).due_on == date(2026, 3, 9)


def test_recompute_after_calendar_change(world, settings):
    r = report("/", received_on=date(2026, 3, 2))
    assert r.due_on == date(2026, 3, 5)
    settings.GONGKAI_ERRATA_REPLY_DAYS = 5  # stands in for a changed holiday table: the due date is recounted
    lines = services.recompute_after_calendar_change({2026})
    r.refresh_from_db()
    assert r.due_on == date(2026, 3, 9) and len(lines) == 1
    assert AuditEvent.objects.filter(action="errata.deadline_recomputed").count() == 1
    assert services.recompute_after_calendar_change({2026}) == []


# --- input -------------------------------------------------------------------------------------------------------------
def test_description_and_type_are_checked(world):
    with pytest.raises(ErrataError) as err:
        report("/", description="错")
    assert err.value.field == "description"
    with pytest.raises(ErrataError):
        report("/", error_type="bogus")
    with pytest.raises(ErrataError):
        report("/", description="很长" * 1500)
    assert ErrorReport.objects.count() == 0


def test_screenshot_stored_privately_with_its_hash(world):
    import hashlib

    data = png_bytes()
    r = report("/", screenshot=SimpleUploadedFile("屏幕截图.png", data, content_type="image/png"))
    assert r.screenshot.name.endswith(".png") and r.tracking_code in r.screenshot.name
    assert r.screenshot_sha256 == hashlib.sha256(data).hexdigest()
    with r.screenshot.open("rb") as fh:
        assert fh.read() == data
    assert "/media/" not in r.screenshot.path


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("shot.png", b"<html><script>alert(1)</script></html>", "mismatch"),
        ("shot.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "mismatch"),
        ("shot.gif", b"", "empty"),
        ("shot.exe", b"MZ\x90\x00" + b"\x00" * 200, "not_allowed"),
    ],
)
def test_screenshot_refused_by_content(world, name, data, code):
    with pytest.raises(ErrataError) as err:
        report("/", screenshot=SimpleUploadedFile(name, data))
    assert err.value.field == "screenshot"
    assert err.value.code == code
    assert ErrorReport.objects.count() == 0


def test_big_screenshot_refused_before_reading(world, settings, tmp_path):
    settings.GONGKAI_ERRATA_SCREENSHOT_MAX_MB = 1
    data = png_bytes() + b"\x00" * (1024 * 1024)
    with pytest.raises(ErrataError) as err:
        report("/", screenshot=SimpleUploadedFile("big.png", data))
    assert err.value.code == "too_large"
    assert ErrorReport.objects.count() == 0
    root = tmp_path / "private"
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_codes_hashed_and_looked_up(world):
    intake = services.submit(page="/", error_type="typo", description="首页标题有错别字，请核对。")
    r = intake.report
    assert r.tracking_code.startswith("ZC-") and intake.verification_code not in r.verification_hash
    assert selectors.lookup(r.tracking_code.lower().replace("-", " "), intake.verification_code) == r
    assert selectors.lookup(r.tracking_code, "WRONG123") is None
    assert selectors.lookup("LY-0000-0000-00", intake.verification_code) is None


# --- states and who may ------------------------------------------------------------------------------------------------
def test_full_flow_unit_fixes_office_closes(world):
    r = report(f"/xxgk/jgzn/{world.town.pk}/")
    assert r.state == State.PENDING
    r = services.take_up(r, actor=world.editor)
    assert r.state == State.HANDLING
    r = services.answer(r, actor=world.editor, outcome=Outcome.FIXED, text="已将“按排”改为“安排”。")
    assert r.state == State.FIXED and r.on_time is True
    r = services.recheck(r, actor=world.office, accept=True, note="已核实页面已修正。")
    assert r.state == State.CLOSED and r.closed_on is not None and r.outcome == Outcome.FIXED
    actions = list(
        AuditEvent.objects.filter(object_type="errata.errorreport")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["errata.received", "errata.taken_up", "errata.answered", "errata.closed"]


def test_other_unit_can_neither_handle_nor_answer(world):
    r = report(f"/xxgk/jgzn/{world.town.pk}/")
    for call in (
        lambda: services.take_up(r, actor=world.dept_editor),
        lambda: services.answer(
            r, actor=world.dept_editor, outcome=Outcome.FIXED, text="乙单位擅自答复内容。"
        ),
        lambda: services.reroute(r, actor=world.dept_editor, unit=world.dept, reason="抢过来"),
    ):
        with pytest.raises(ErrataError) as err:
            call()
        assert err.value.code == "forbidden"
    r.refresh_from_db()
    assert r.state == State.PENDING and r.unit == world.town and r.answer == ""
    assert not AuditEvent.objects.filter(
        action__in=["errata.taken_up", "errata.answered", "errata.rerouted"]
    ).exists()


def test_unit_cannot_close_its_own_answer(world):
    r = report(f"/xxgk/jgzn/{world.town.pk}/")
    r = services.answer(r, actor=world.editor, outcome=Outcome.REJECTED, text="原表述符合规范，不作修改。")
    with pytest.raises(ErrataError) as err:
        services.recheck(r, actor=world.editor, accept=True)
    assert err.value.code == "forbidden"
    r.refresh_from_db()
    assert r.state == State.REJECTED


def test_recheck_return_needs_a_note_and_reopens(world):
    r = report(f"/xxgk/jgzn/{world.town.pk}/")
    r = services.answer(r, actor=world.editor, outcome=Outcome.FIXED, text="已修正页面中的错别字。")
    with pytest.raises(ErrataError) as err:
        services.recheck(r, actor=world.office, accept=False)
    assert err.value.field == "note"
    r = services.recheck(r, actor=world.office, accept=False, note="页面仍显示“按排”，请修正后再答复。")
    assert r.state == State.HANDLING and r.answered_on is None and r.outcome == ""
    r = services.answer(r, actor=world.editor, outcome=Outcome.FIXED, text="已再次核对并修正。")
    assert r.state == State.FIXED


def test_answer_needs_text_and_an_open_report(world):
    r = report(f"/xxgk/jgzn/{world.town.pk}/")
    with pytest.raises(ErrataError) as err:
        services.answer(r, actor=world.editor, outcome=Outcome.REJECTED, text="不")
    assert err.value.field == "text"
    r = services.answer(r, actor=world.editor, outcome=Outcome.REJECTED, text="原表述符合规范，不作修改。")
    with pytest.raises(ErrataError):
        services.answer(r, actor=world.editor, outcome=Outcome.FIXED, text="再答复一次试试看。")
    with pytest.raises(ErrataError):
        services.take_up(r, actor=world.editor)


def test_office_reroutes_keeping_the_due_date(world):
    r = report("/", received_on=date(2026, 3, 2))
    due = r.due_on
    with pytest.raises(ErrataError):
        services.reroute(r, actor=world.office, unit=world.town, reason="")
    r = services.reroute(r, actor=world.office, unit=world.town, reason="首页“乡镇动态”栏目由城关镇维护。")
    assert r.unit == world.town and r.due_on == due and r.state == State.PENDING
    event = AuditEvent.objects.get(action="errata.rerouted")
    assert event.reason.startswith("首页") and event.before == {"unit": "政务公开办"}


def test_office_handles_reports_without_unit(world):
    r = report("/")
    with pytest.raises(ErrataError):
        services.take_up(r, actor=world.editor)
    r = services.answer(r, actor=world.office, outcome=Outcome.FIXED, text="已修复首页栏目链接。")
    assert r.state == State.FIXED


# --- reminders and the summary ----------------------------------------------------------------------------------------
def test_reminders_once_a_day(world):
    today = date(2026, 3, 16)
    late = report(f"/xxgk/jgzn/{world.town.pk}/", received_on=date(2026, 3, 2))
    soon = report(f"/xxgk/jgzn/{world.dept.pk}/", received_on=date(2026, 3, 12))
    done = report(f"/xxgk/jgzn/{world.dept.pk}/", received_on=date(2026, 3, 2))
    services.answer(
        done, actor=world.dept_editor, outcome=Outcome.FIXED, text="已修正页面内容。", on=date(2026, 3, 3)
    )
    assert services.remind(today) == 2
    assert services.remind(today) == 0
    texts = dict(Reminder.objects.values_list("unit_id", "text"))
    assert "已逾期" in texts[late.unit_id] and "到期" in texts[soon.unit_id]
    assert not Reminder.objects.filter(key__contains=f"-{done.pk}-").exists()
    # Shown on the list page of the unit concerned only (created today by the job).
    assert [r.unit_id for r in selectors.reminders_for(world.editor)] == [world.town.pk]
    assert len(selectors.reminders_for(world.office)) == 2


def test_monthly_summary_counts(world):
    jan = [report(f"/xxgk/jgzn/{world.town.pk}/", received_on=date(2026, 1, 5)) for _ in range(3)]
    report("/", received_on=date(2026, 2, 2))
    # one answered on time and closed in 3 days, one answered late and closed after more than a month, one open
    services.answer(
        jan[0], actor=world.editor, outcome=Outcome.FIXED, text="已修正页面内容。", on=date(2026, 1, 6)
    )
    services.recheck(jan[0], actor=world.office, accept=True, on=date(2026, 1, 8))
    services.answer(
        jan[1], actor=world.editor, outcome=Outcome.FIXED, text="已修正页面内容。", on=date(2026, 1, 20)
    )
    services.recheck(jan[1], actor=world.office, accept=True, on=date(2026, 2, 10))
    rows = selectors.monthly_summary(2026, today=date(2026, 3, 1))
    assert [r.month for r in rows] == [1, 2, 3]
    january, february, march = rows
    assert (january.received, january.closed, january.open, january.late_closed) == (3, 2, 1, 1)
    assert (january.answered, january.on_time, january.on_time_rate) == (2, 1, 50.0)
    assert (february.received, february.on_time_rate) == (1, None)
    assert march.received == 0
    total = selectors.summary_total(rows)
    assert (total.received, total.closed) == (4, 2)
    assert selectors.monthly_summary(2027, today=date(2026, 3, 1)) == []


def test_overdue_filter_and_dashboard(world):
    today = date.today()
    old = report(f"/xxgk/jgzn/{world.town.pk}/", received_on=today - timedelta(days=30))
    report(f"/xxgk/jgzn/{world.dept.pk}/", received_on=today - timedelta(days=30))
    qs = selectors.filtered(selectors.for_staff(world.editor), due="overdue")
    assert list(qs) == [old]
    assert selectors.dashboard(world.editor)["overdue"] == 1
    assert selectors.dashboard(world.office)["overdue"] == 2
