"""Browser: the portal pages issue 12 asked for — 机构职能, 领导信息, an item with 上一篇/下一篇 and its print view —
rendered in Chromium; screenshots in var/screenshots/ for a person to look at."""

from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_unit_pages_and_item_tools(page, live_server):
    from gongkai.orgs import services
    from gongkai.publishing.tests.conftest import build_world
    from gongkai.publishing.tests.helpers import published

    w = build_world()
    services.update_unit(
        w.town,
        actor=None,
        functions="执行本级人民代表大会的决议。\n管理本镇的经济、教育、民政等行政工作。",
        address="示范县城关镇府前路1号",
        phone="0799-6200001",
        office_hours="工作日上午8:00—12:00，下午14:30—17:30",
    )
    services.save_leaders(
        w.town,
        actor=None,
        leaders=[
            {"post": "镇长", "name": "萧德胜", "duties": "主持镇政府全面工作。"},
            {"post": "副镇长", "name": "张晓梅", "duties": "分管民政、社会保障和政务公开工作。"},
        ],
    )
    when = lambda d: timezone.make_aware(datetime(2026, 3, d, 10))  # noqa: E731
    first = published(w, "城关镇第一季度高龄补贴发放公示", when=when(2))
    second = published(
        w, "城关镇第二季度高龄补贴发放公示", body="<p>现将第二季度发放情况公示如下。</p>", when=when(9)
    )
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{base}/xxgk/")
    page.locator(".column-nav a", has_text="机构职能").click()
    page.get_by_role("link", name=w.town.name).click()
    expect(page.locator("h1")).to_have_text(w.town.name)
    expect(page.locator("ol.functions li")).to_have_count(2)
    expect(page.locator("table.leaders tbody tr")).to_have_count(2)
    expect(page.locator(".contact")).to_contain_text("（法定节假日除外）")
    page.screenshot(path=str(SHOTS / "portal-jgzn-unit.png"), full_page=True)

    page.goto(f"{base}/xxgk/ldxx/")
    expect(page.locator("table.leaders")).to_contain_text("分管民政、社会保障和政务公开工作。")
    page.screenshot(path=str(SHOTS / "portal-ldxx.png"), full_page=True)

    page.goto(f"{base}/xxgk/info/{second.pk}/")
    nav = page.get_by_role("navigation", name="上一篇和下一篇")
    expect(nav).to_contain_text("上一篇：没有了")
    nav.get_by_role("link", name=first.title).click()
    expect(page.locator("h1#pub-title")).to_have_text(first.title)
    page.get_by_role("navigation", name="上一篇和下一篇").get_by_role("link", name=second.title).click()
    page.screenshot(path=str(SHOTS / "portal-detail-prev-next.png"), full_page=True)
    page.get_by_role("link", name="打印本页").click()
    expect(page.locator("h1")).to_have_text(second.title)
    expect(page.get_by_role("button", name="打印")).to_be_visible()  # shown by the script
    expect(page.locator("header.site-header")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "portal-print.png"), full_page=True)
