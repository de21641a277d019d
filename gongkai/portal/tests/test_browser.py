"""The public site and the staff login in a real headless Chromium (Playwright + the live server).

Screenshots go to var/screenshots/ (git-ignored) so a person can look at what the visitor sees.
"""

from pathlib import Path

import pytest
from django.conf import settings

from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PASSWORD = "Portal2026check"

FONT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
PARAGRAPH_SIZE = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def unit(transactional_db):
    return Unit.objects.create(
        name="测试县人民政府",
        kind=UnitKind.GOVERNMENT,
        address="测试县城关镇人民路1号",
        office_hours="工作日 8:30—12:00，14:30—17:30",
        phone="0570-1234567",
        email="zwgk@example.gov.cn",
    )


@pytest.fixture
def staff(unit):
    user = User.objects.create_user("portal_editor", password=PASSWORD, full_name="张编辑")
    Membership.objects.create(user=user, unit=unit, role=Role.EDITOR)
    return user


def test_elderly_mode_enlarges_the_type_and_persists_across_pages(page, live_server, unit):
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.className") == ""
    normal_root = page.evaluate(FONT_SIZE)
    normal_text = page.evaluate(PARAGRAPH_SIZE)
    normal_button = page.locator(".a11y-toggle button").bounding_box()["height"]
    shoot(page, "home-desktop")

    page.get_by_role("button", name="适老化模式").click()
    page.wait_for_url(live_server.url + "/")
    assert page.evaluate("document.documentElement.className") == "elderly"
    assert page.evaluate(FONT_SIZE) >= 20 > normal_root
    assert page.evaluate(PARAGRAPH_SIZE) > normal_text
    assert page.locator(".a11y-toggle button").bounding_box()["height"] > normal_button >= 24
    assert page.get_by_role("button", name="退出适老化模式").get_attribute("aria-pressed") == "true"
    shoot(page, "home-desktop-elderly")

    # Follow links like a visitor: the mode stays on, page after page.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开").click()
    page.wait_for_url(live_server.url + "/xxgk/")
    assert page.evaluate("document.documentElement.className") == "elderly"
    assert page.evaluate(FONT_SIZE) >= 20
    page.get_by_role("navigation", name="政府信息公开栏目").get_by_role("link", name="信息公开指南").click()
    page.wait_for_url(live_server.url + "/xxgk/zhinan/")
    page.get_by_role("link", name="测试县人民政府").click()
    page.wait_for_url(f"{live_server.url}/xxgk/zhinan/{unit.pk}/")
    assert page.evaluate(FONT_SIZE) >= 20
    assert page.get_by_role("heading", level=1).inner_text() == "测试县人民政府政府信息公开指南"
    shoot(page, "guide-desktop-elderly")

    # And it switches off again.
    page.get_by_role("button", name="退出适老化模式").click()
    page.wait_for_url(f"{live_server.url}/xxgk/zhinan/{unit.pk}/")
    assert page.evaluate(FONT_SIZE) == normal_root


def test_keyboard_tab_order_starts_with_the_skip_link(page, live_server):
    page.goto(live_server.url + "/xxgk/fdzdgk/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent")
    assert focused == "skip-link|跳到主要内容"
    # The skip link shows itself when focused, with a visible focus ring.
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    # Then the header in reading order: title, search, elderly toggle, main navigation.
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "(el => el.getAttribute('aria-label') || el.id || el.textContent.trim())(document.activeElement)"
            )
        )
    assert order[0].startswith("示范县") or order[0].startswith(settings.GONGKAI_SITE_NAME)
    assert order[1:6] == ["site-q", "搜索", "适老化模式", "首页", "政府信息公开"]

    # Enter on the skip link jumps past the header into the content.
    page.goto(live_server.url + "/xxgk/fdzdgk/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    assert page.evaluate("document.activeElement.closest('.site-header') === null")


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_phone_width_never_scrolls_sideways(page, live_server, unit, elderly):
    page.set_viewport_size({"width": 375, "height": 812})
    if elderly:
        page.context.add_cookies([{"name": "gk_elderly", "value": "1", "url": live_server.url}])
    mode = "-elderly" if elderly else ""
    for path, name in [
        ("/", "home"),
        ("/xxgk/", "xxgk"),
        ("/xxgk/zhinan/", "zhinan"),
        (f"/xxgk/zhinan/{unit.pk}/", "guide"),
        ("/xxgk/fdzdgk/", "fdzdgk"),
        ("/xxgk/nianbao/", "nianbao"),
        ("/search/?q=" + "很长的查询词" * 10, "search"),
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at 375px{mode}"
        if name in {"home", "guide"}:
            shoot(page, f"{name}-phone{mode}")
        if elderly:
            assert page.evaluate(FONT_SIZE) >= 20


def test_search_from_the_header_shows_an_honest_empty_result(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_label("搜索关键词").first.fill("农机购置补贴")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("heading", level=1).inner_text() == "“农机购置补贴”的搜索结果"
    assert page.get_by_text("未找到与“农机购置补贴”相关的信息。").is_visible()


def test_staff_login_reaches_my_tasks(page, live_server, staff):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="工作人员登录").click()
    page.get_by_label("用户名").fill("portal_editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/work/")
    assert page.get_by_role("heading", level=1).inner_text() == "我的待办"
    assert page.get_by_text("张编辑").is_visible()
    shoot(page, "workspace-dashboard")


def test_five_wrong_passwords_lock_out_even_the_right_one(page, live_server, staff):
    page.goto(live_server.url + "/work/login/")
    for attempt in range(settings.LOGIN_MAX_FAILURES):
        page.get_by_label("用户名").fill("portal_editor")
        page.get_by_label("密码").fill(f"Wrong2026guess{attempt}")
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        assert page.get_by_role("alert").is_visible()
    page.get_by_label("用户名").fill("portal_editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert "/work/login/" in page.url
    alert = page.get_by_role("alert").inner_text()
    assert "登录失败次数过多，账户已锁定" in alert
    shoot(page, "login-locked")
    page.goto(live_server.url + "/work/")
    assert "/work/login/" in page.url  # still not logged in
