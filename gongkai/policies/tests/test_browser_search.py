"""Browser: a visitor searches "高龄 补贴" and "养老补贴" on the site and in the policy library (issue 12)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.policies import services
from gongkai.policies.tests.factories import add_leaders, make_document, publish_document

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def published(w, title, *, text, when, **fields):
    return publish_document(w, make_document(w, title=title, text=text, **fields), when)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_lists_every_word_first_and_repealed_last(page, live_server):
    from gongkai.calendar import services as calendar
    from gongkai.publishing.tests.conftest import build_world

    calendar.seed_from_package()
    w = add_leaders(build_world())
    today = timezone.localdate()
    published(
        w,
        "城关镇高龄津贴发放办法",
        text="城关镇高龄津贴发放办法\n第一条　八十周岁以上老人按月领取高龄老人生活补贴。",
        doc_number="城政〔2025〕21号",
        when=today - timedelta(days=20),
    )
    for crop in ["耕地", "农机", "种粮", "创业", "就业"]:
        q = services.save_question(
            w.town,
            actor=w.editor,
            question=f"{crop}补贴什么时候发放？",
            answer=f"<p>{crop}补贴按季度发放。</p>",
        )
        services.set_question_state(q, actor=w.reviewer, state="published")
    repealed = published(
        w,
        "养老补贴办法",
        text="养老补贴办法\n第一条　发放养老补贴。",
        doc_number="城政〔2025〕3号",
        when=today,
    )
    services.add_relation(repealed, actor=w.reviewer, kind="repeals", effective_date=today, basis="清理决定")
    published(
        w,
        "城关镇困难老年人居家养老补贴发放管理实施办法",
        text="城关镇困难老年人居家养老补贴发放管理实施办法\n第一条　为规范补贴发放，制定本办法。",
        doc_number="示政办发〔2026〕19号",
        when=today - timedelta(days=30),
    )
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Site search from the header box: the item holding both words comes before the five answers with one.
    page.goto(f"{base}/")
    page.fill("#site-q", "高龄 补贴")
    page.press("#site-q", "Enter")
    results = page.locator("ol.results > li h2 a")
    expect(results).to_have_count(6)
    expect(results.first).to_have_text("城关镇高龄津贴发放办法")
    page.screenshot(path=str(SHOTS / "search-every-word-first.png"), full_page=True)

    # The repealed document is marked and listed after the one in force.
    page.fill("#search-q", "养老补贴")
    page.click(".search-form button[type=submit]")
    documents = page.locator("ol.results > li h2", has=page.locator("a[href^='/xxgk/info/']"))
    expect(documents).to_have_count(2)
    expect(documents.nth(0)).to_contain_text("城关镇困难老年人居家养老补贴发放管理实施办法")
    expect(documents.nth(0).locator(".hit-status")).to_have_count(0)
    expect(documents.nth(1)).to_contain_text("养老补贴办法")
    expect(documents.nth(1).locator(".hit-status")).to_have_text("已废止")
    page.screenshot(path=str(SHOTS / "search-repealed-last.png"), full_page=True)

    # The policy library's keyword box reads the full text and any form of the 文号.
    for query in ("示政办发[2026]19号", "（2026）", "规范补贴发放"):
        page.goto(f"{base}/zcwj/")
        page.fill("#zc-q", query)
        page.press("#zc-q", "Enter")
        expect(page.locator("th.zc-title a")).to_have_text(["城关镇困难老年人居家养老补贴发放管理实施办法"])
