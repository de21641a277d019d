"""Browser: a citizen writes → the office dispatches → the unit replies → the leader approves → the office publishes
with the phone number masked → the citizen reads the reply and rates it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.messages.models import Message

PASSWORD = "Testpass2026x"


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_write_dispatch_reply_publish_rate(page, live_server):
    from gongkai.calendar import services as calendar

    from .factories import build_world

    calendar.seed_from_package(years=[2025, 2026])
    w = build_world()
    base = live_server.url

    page.goto(f"{base}/hdjl/liuyan/xie/")
    page.select_option("select[name=channel]", str(w.consult.pk))
    page.fill("input[name=subject]", "人民路路灯不亮")
    page.fill("textarea[name=body]", "人民路北段路灯连续一周不亮，夜间出行危险。我的电话13912345678。")
    page.fill("input[name=writer_name]", "欧阳明珠")
    page.fill("input[name=writer_contact]", "13912345678")
    page.check("input[name=agree]")
    page.click("#write-form button[type=submit]")
    code = page.locator("#tracking-code").inner_text()
    verification = page.locator("#verification-code").inner_text()
    assert code.startswith("LY-")
    page.screenshot(path="/tmp/messages_write.png", full_page=True)
    msg = Message.objects.get(tracking_code=code)

    _login(page, base, w.office)
    page.goto(f"{base}/work/messages/{msg.pk}/")
    page.select_option("#dispatch-form select[name=unit]", str(w.town.pk))
    page.click("#dispatch-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("已分办至")

    _login(page, base, w.editor)
    page.goto(f"{base}/work/messages/{msg.pk}/")
    page.fill("#reply-form textarea[name=reply]", "您好！人民路北段路灯线路故障已于今日修复，感谢您的监督。")
    page.click("#reply-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("答复已提交单位负责人审核")

    _login(page, base, w.leader)
    page.goto(f"{base}/work/messages/{msg.pk}/")
    page.click("#approve-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("答复已审核通过")
    page.click("#publish-link")
    expect(page.locator("#publish-form")).to_contain_text("13912345678")
    page.screenshot(path="/tmp/messages_publish.png", full_page=True)
    page.click("#publish-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("已公开")
    page.goto(f"{base}/work/messages/")
    page.screenshot(path="/tmp/messages_staff_list.png", full_page=True)

    page.context.clear_cookies()
    page.goto(f"{base}/hdjl/liuyan/")
    page.get_by_role("link", name="人民路路灯不亮").click()
    expect(page.locator("article")).to_contain_text("路灯线路故障已于今日修复")
    expect(page.locator("article")).not_to_contain_text("13912345678")
    expect(page.locator("body")).not_to_contain_text("欧阳明珠")
    page.screenshot(path="/tmp/messages_public.png", full_page=True)

    page.goto(f"{base}/hdjl/liuyan/chaxun/")
    page.fill("input[name=tracking_code]", code)
    page.fill("input[name=verification_code]", verification)
    page.click("#track-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("路灯线路故障已于今日修复")
    page.check("#rate-form input[value=satisfied]")
    page.click("#rate-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("您的评价：满意")
    msg.refresh_from_db()
    assert msg.rating == "satisfied" and msg.published_at is not None

    # The public list: the breadcrumb names 网上留言 once (as the current page) and the table is the portal's.
    page.goto(f"{base}/hdjl/liuyan/")
    crumbs = page.locator("nav.breadcrumb li").all_inner_texts()
    assert [c.strip() for c in crumbs] == ["首页", "互动交流", "网上留言"]
    assert page.locator("table.msg-list").evaluate("t => getComputedStyle(t).borderCollapse") == "collapse"
    page.screenshot(path="/tmp/messages_public_list.png", full_page=True)
