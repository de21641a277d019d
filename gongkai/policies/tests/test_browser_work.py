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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leader_approves_an_extension_and_the_office_confirms_a_cleanup(page, live_server, world):
    from gongkai.policies import services

    from .test_current_text import FIRST

    today = timezone.localdate()
    start = today.replace(year=today.year - 5) + timedelta(days=60)
    doc = make_document(world, doc_number="城政〔2021〕6号", formed_date=start, effective_date=start)
    publish_document(world, doc, start)
    doc.refresh_from_db()
    new_end = doc.expires_on.replace(year=doc.expires_on.year + 2)
    services.decide_evaluation(
        doc, actor=world.reviewer, decision="extend", note="实施效果良好，需继续执行", extended_until=new_end
    )
    base = live_server.url

    # The leader approves on the document page.
    login(page, base, "town_leader")
    expect(page.locator(".card", has_text="待审批的延续有效期申请")).to_be_visible()
    page.goto(f"{base}/work/policies/{doc.pk}/#extension")
    panel = page.locator("#extension")
    expect(panel).to_contain_text("待单位负责人审批")
    panel.get_by_label("同意延续").check()
    panel.locator("textarea").fill("同意延续两年。")
    panel.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("请信息编辑起草并发布延续公告")
    expect(page.locator("#extension")).to_contain_text("已批准，待发布公告")
    page.screenshot(path="/tmp/policies_extension.png", full_page=True)
    page.click("button:has-text('退出')")

    # The editor drafts the notice: publishing's page of the new item.
    login(page, base, "town_editor")
    page.goto(f"{base}/work/policies/{doc.pk}/")
    page.click("button:has-text('起草延续有效期公告')")
    expect(page.locator("h1")).to_contain_text("有效期的公告")
    expect(page.locator(".messages")).to_contain_text("公告发布之日起延续生效")
    page.click("button:has-text('退出')")

    # An amended document shows its current text on the portal.
    decision = make_document(
        world, title="关于修改补贴办法的决定", text=FIRST, doc_number="城政〔2025〕5号", formed_date=today
    )
    services.add_relation(doc, actor=world.reviewer, kind="amends", source=decision, effective_date=today)
    publish_document(world, decision)
    page.goto(f"{base}/zcwj/{doc.pk}/")
    expect(page.locator("#text-h")).to_have_text("现行文本")
    expect(page.locator(".zc-current")).to_contain_text("每亩120元")
    expect(page.locator("#amendments")).to_contain_text("已并入")
    page.screenshot(path="/tmp/zc_current_text.png", full_page=True)

    # The office closes a cleanup with an unconfirmed document: listed, then confirmed explicitly.
    campaign = services.start_campaign(
        actor=world.office,
        title="城关镇规范性文件清理",
        deadline=today + timedelta(days=10),
        units=[world.town],
    )
    login(page, base, "office")
    page.goto(f"{base}/work/policies/campaigns/{campaign.pk}/")
    page.click("button:has-text('结束清理并公布结果')")
    expect(page.locator("#h-pending")).to_contain_text("尚有 2 份文件未确认清理意见")
    expect(page.locator("#h-pending + p + table")).to_contain_text("示范县耕地地力保护补贴管理办法")
    page.screenshot(path="/tmp/policies_cleanup_close.png", full_page=True)
    page.click("form.form button[type=submit]")
    expect(page.locator(".error-text")).to_contain_text("请勾选本项")
    page.get_by_label("未确认的文件保持原状态，仍结束清理").check()
    page.click("form.form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("清理结果公告已提交保密审查")
    expect(page.locator("main")).to_contain_text("关于公布城关镇规范性文件清理结果的公告")
