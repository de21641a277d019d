"""Browser: publish a document and its illustrated interpretation, see them linked, see the document expire and
leave the valid catalogue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.policies import services
from gongkai.policies.tests.factories import (
    ALL_PASS,
    add_leaders,
    make_document,
    make_interpretation,
    publish_document,
)
from gongkai.publishing import services as publishing


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_document_and_graphic_interpretation_linked_then_expired(page, live_server):
    from gongkai.publishing.tests.conftest import build_world

    w = add_leaders(build_world())
    today = timezone.localdate()
    doc = make_document(
        w,
        title="示范县城关镇耕地地力保护补贴管理办法",
        doc_number="城政〔2025〕6号",
        formed_date=today - timedelta(days=200),
    )
    publish_document(w, doc)
    interp = make_interpretation(w, [doc], form="graphic", title="一图读懂：耕地地力保护补贴管理办法")
    publishing.submit(interp.publication, actor=w.editor)
    publishing.decide_review(interp.publication, actor=w.reviewer, checks=ALL_PASS, verdict="approved")
    publishing.publish(interp.publication, actor=w.reviewer)
    base = live_server.url

    # The document page links to its illustrated interpretation, and the interpretation back to the document.
    page.goto(f"{base}/zcwj/{doc.pk}/")
    expect(page.locator("h1#doc-title")).to_have_text("示范县城关镇耕地地力保护补贴管理办法")
    expect(page.locator(".zc-validity .zc-status")).to_have_text("有效")
    interp_link = page.locator("#interp-h + ul a", has_text="一图读懂")
    expect(page.locator("#interp-h + ul")).to_contain_text("图解")
    interp_link.click()
    expect(page.locator("h1#pub-title")).to_have_text("一图读懂：耕地地力保护补贴管理办法")
    back = page.locator(".policy-links a", has_text="示范县城关镇耕地地力保护补贴管理办法")
    expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(f"{base}/zcwj/{doc.pk}/")

    # It is in the valid catalogue…
    page.goto(f"{base}/zcwj/xxml/")
    expect(page.locator("table.zc-table")).to_contain_text("示范县城关镇耕地地力保护补贴管理办法")

    # …until the cleanup declares it expired today: gone from the catalogue, 失效 on its page.
    services.add_relation(
        doc, actor=w.reviewer, kind="declares_expired", effective_date=today, basis="城关镇规范性文件清理结果"
    )
    page.reload()
    expect(page.locator("#main")).not_to_contain_text("示范县城关镇耕地地力保护补贴管理办法")
    expect(page.locator("#main")).to_contain_text("暂无现行有效的规范性文件")
    page.goto(f"{base}/zcwj/{doc.pk}/")
    expect(page.locator(".zc-validity .zc-status")).to_have_text("失效")
    expect(page.locator(".zc-timeline")).to_contain_text("宣布失效")
    page.screenshot(path="/tmp/zc_document.png", full_page=True)
    # Phones: no sideways scrolling at 375 px.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path="/tmp/zc_document_375.png", full_page=True)
