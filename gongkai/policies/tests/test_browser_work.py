"""Browser: a unit editor registers a replacement from the suggestion, sees the diff; the office reads the rates."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .factories import SUBSIDY_V2, aware, make_document, make_interpretation, publish_document

PASSWORD = "Testpass2026x"


def login(page, base, username):
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_relation_diff_and_rates(page, live_server, world):
    from gongkai.publishing import services as publishing

    from .factories import approve

    year = timezone.localdate().year
    jan = date(year, 1, 5)
    old = make_document(world, doc_number=f"城府发〔{year - 1}〕1号", formed_date=date(year - 1, 1, 2))
    publish_document(world, old, when=date(year - 1, 1, 3))
    text = (
        SUBSIDY_V2
        + f"\n第八条　本办法由原《示范县耕地地力保护补贴管理办法》（城府发〔{year - 1}〕1号）修订而成。"
    )
    new = make_document(
        world,
        title="示范县耕地地力保护补贴管理办法（修订）",
        text=text,
        doc_number=f"城府发〔{year}〕3号",
        formed_date=jan,
    )
    publish_document(world, new, when=jan)
    other = make_document(
        world, title="乡村公益岗位管理办法", doc_number=f"城府发〔{year}〕4号", formed_date=jan
    )
    publish_document(world, other, when=jan)
    interp = make_interpretation(world, [new], form="graphic", formed_date=jan)
    reviewer = approve(world, interp.publication)
    publishing.publish(interp.publication, actor=reviewer, now=aware(jan + timedelta(days=1)))

    base = live_server.url
    login(page, base, "town_reviewer")
    page.goto(f"{base}/work/policies/{new.pk}/")
    suggestion = page.locator(".pol-suggest form").first
    expect(suggestion).to_contain_text(f"城府发〔{year - 1}〕1号")
    suggestion.locator("button").click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    expect(page.locator("h2", has_text="新旧政策差异")).to_be_visible()
    expect(page.locator(".diff-table")).to_contain_text("每亩120元")
    page.screenshot(path="/tmp/policies_detail.png", full_page=True)
    # The replaced document is now 已废止 on its own page.
    page.goto(f"{base}/work/policies/{old.pk}/")
    expect(page.locator(".pub-head .status").first).to_have_text("已废止")

    page.click("button:has-text('退出')")
    login(page, base, "office")
    page.click("nav.ws-nav a:has-text('政策文件')")
    expect(page.locator("h1")).to_have_text("政策文件")
    page.click("a:has-text('解读统计')")
    expect(page.locator("h1")).to_contain_text("政策解读统计")
    county = page.locator("tr.county")
    expect(county).to_contain_text("全县")
    expect(county.locator(".rate-below").first).to_be_visible()
    expect(page.locator("#h-late + table")).to_contain_text("乡村公益岗位管理办法")
    page.screenshot(path="/tmp/policies_rates.png", full_page=True)
