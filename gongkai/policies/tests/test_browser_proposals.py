"""Browser: another unit's proposal shows on the owners' dashboard and document page; the leader accepts it."""

import os

import pytest
from playwright.sync_api import expect

from gongkai.policies import services

from .factories import make_document, publish_document
from .test_browser_work import login

SHOTS = os.environ.get("GONGKAI_SCREENSHOTS", "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_owner_accepts_a_proposed_repeal(page, live_server, world):
    w = world
    target = publish_document(w, make_document(w, doc_number="城政〔2024〕7号"))
    source = publish_document(
        w,
        make_document(w, title="县发改委关于废止部分文件的决定", unit=w.dept, doc_number="示发改〔2024〕3号"),
    )
    services.propose_relation(target, actor=w.dept_editor, kind="repeals", source=source, basis="清理结果")
    base = live_server.url
    login(page, base, "town_leader")
    card = page.locator(".card", has_text="其他单位提议的文件关系")
    expect(card).to_contain_text("县发改委")
    page.goto(f"{base}/work/policies/{target.pk}/#relations")
    table = page.locator("#proposals-in")
    expect(table).to_contain_text("县发改委关于废止部分文件的决定")
    expect(table).to_contain_text("待对方单位确认")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/proposal_pending.png", full_page=True)
    table.get_by_role("button", name="接受").click()
    expect(page.locator(".messages")).to_contain_text("已接受该提议")
    expect(page.locator("#proposals-in")).to_contain_text("已接受")
    page.goto(f"{base}/zcwj/{target.pk}/")
    expect(page.locator("main")).to_contain_text("已废止")
