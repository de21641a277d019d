"""Browser: a citizen comments on 第三条 of an open draft → staff decide → the feedback is published → the citizen
sees the decision with the tracking code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.participation.models import Consultation

from .factories import consultation

PASSWORD = "Testpass2026x"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_comment_decide_feedback_track(page, live_server):
    from gongkai.calendar import services as calendar
    from gongkai.publishing.tests.conftest import build_world

    calendar.seed_from_package(years=[2026])
    w = build_world()
    c = consultation(w)
    base = live_server.url

    # The citizen finds the open consultation from the home page's 互动交流 block and comments on 第三条.
    page.goto(f"{base}/")
    page.get_by_role("link", name=f"【意见征集】{c.title}").click()
    expect(page.locator("h1")).to_have_text(c.title)
    expect(page.locator(".meta")).to_contain_text("征集中")
    page.select_option("select[name=clause]", "第三条")
    page.fill("textarea[name=body]", "改厕补助800元偏低，建议提高到1000元。")
    page.fill("input[name=name]", "欧阳明珠")
    page.fill("input[name=contact]", "13912345678")
    page.check("input[name=agree]")
    page.click("#opinion-form button[type=submit]")
    code = page.locator("#tracking-code").inner_text()
    assert code.startswith("YJ-")
    page.screenshot(path="/tmp/participation_comment.png", full_page=True)

    # Before the feedback the tracking page says it is being handled.
    page.goto(f"{base}/hdjl/yjzj/chaxun/")
    page.fill("input[name=code]", code)
    page.click("#track-form button[type=submit]")
    expect(page.locator("#track-state")).to_contain_text("正在研究处理")

    # The period ends; staff decide the opinion and publish the feedback.
    Consultation.objects.filter(pk=c.pk).update(
        starts_on=c.starts_on - timedelta(days=40), ends_on=timezone.localdate() - timedelta(days=1)
    )
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", w.editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")
    expect(page.locator("main")).to_contain_text("意见征集待反馈")
    page.goto(f"{base}/work/participation/consultations/{c.pk}/")
    expect(page.locator("#opinions")).to_contain_text("欧阳明珠")
    page.click("#publish-feedback")
    expect(page.locator("body")).to_contain_text("还有1条意见未处理")
    row = page.locator("#opinions tbody tr", has_text=code)
    row.locator("select[name=adoption]").select_option("partly")
    row.locator("form.decide input[name=reason]").fill("部分采纳：补助提高到每户900元。")
    row.locator("form.decide button").click()
    expect(page.locator("#pending")).to_have_text("0")
    page.fill("textarea[name=final_text]", c.publication.body_text.replace("800元", "900元"))
    page.click("form[action$='/final/'] button")
    page.click("#publish-feedback")
    expect(page.locator("#status")).to_have_text("已反馈")
    page.screenshot(path="/tmp/participation_staff.png", full_page=True)

    # The citizen sees the decision with the tracking code, and the public feedback with the clause diff.
    page.context.clear_cookies()
    page.goto(f"{base}/hdjl/yjzj/chaxun/")
    page.fill("input[name=code]", code.lower())
    page.click("#track-form button[type=submit]")
    expect(page.locator("#track-state")).to_contain_text("部分采纳")
    expect(page.locator("#track-state")).to_contain_text("900元")
    page.get_by_role("link", name="查看全部意见采纳情况反馈").click()
    expect(page.locator("#feedback-table")).to_contain_text("欧**")
    expect(page.locator("main")).not_to_contain_text("欧阳明珠")
    expect(page.locator("main")).not_to_contain_text("13912345678")
    expect(page.locator("main")).to_contain_text("第三条")
    page.screenshot(path="/tmp/participation_feedback.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path="/tmp/participation_feedback_375.png", full_page=True)
