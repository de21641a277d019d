"""In a real headless Chromium: the Chinese 404 pages (portal and workspace look), the login protection page and
the password change page. Screenshots go to var/screenshots/ (git-ignored) for a person to look at."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from gongkai.orgs.models import LoginFailure, Membership, Unit, UnitKind, User
from gongkai.roles import Role

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PASSWORD = "Browser2026check"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def office(transactional_db):
    gov = Unit.objects.create(name="测试县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT)
    office_unit = Unit.objects.create(name="测试县人民政府办公室", short_name="县政府办", parent=gov)
    user = User.objects.create_user("office_admin", password=PASSWORD, full_name="周主任")
    Membership.objects.create(user=user, unit=office_unit, role=Role.OFFICE_ADMIN)
    return user


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/work/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/work/")


def test_the_404_pages_in_chinese(page, live_server, office):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.locator("header.site-header").count() == 1
    shoot(page, "error-404-portal")
    _log_in(page, live_server, "office_admin")
    response = page.goto(live_server.url + "/work/no-such-page/")
    assert response.status == 404
    assert page.locator("header.ws-header").count() == 1 and page.locator("h1").inner_text() == "页面不存在"
    page.get_by_role("link", name="返回工作台").click()
    page.wait_for_url(live_server.url + "/work/")
    shoot_page = page.goto(live_server.url + "/work/no-such-page/")
    assert shoot_page.status == 404
    shoot(page, "error-404-workspace")


def test_the_office_unlocks_from_the_login_protection_page(page, live_server, office):
    now = timezone.now()
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="fgw_editor", client_ip="203.0.113.66") for _ in range(5)]
    )
    LoginFailure.objects.create(username="czj_editor", client_ip="198.51.100.7")
    LoginFailure.objects.filter(username="czj_editor").update(time=now - timedelta(minutes=2))
    _log_in(page, live_server, "office_admin")
    page.get_by_role("link", name="登录保护").click()
    page.wait_for_url(live_server.url + "/work/orgs/logins/")
    assert "已暂停" in page.locator("table").first.inner_text()
    shoot(page, "login-protection")
    page.locator("tr", has_text="fgw_editor").get_by_role("button", name="解锁账号").click()
    page.wait_for_url(live_server.url + "/work/orgs/logins/")
    assert "已解除账号 fgw_editor的登录锁定" in page.locator(".messages").inner_text()
    assert not LoginFailure.objects.filter(username="fgw_editor").exists()


def test_changing_ones_password(page, live_server, office):
    _log_in(page, live_server, "office_admin")
    page.get_by_role("link", name="更改密码").click()
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", "short1")
    page.fill("input[name=new_password2]", "short1")
    page.click("main button[type=submit]")
    assert "太短" in page.locator("main").inner_text()
    shoot(page, "password-change-refused")
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", "Renewed2026secret")
    page.fill("input[name=new_password2]", "Renewed2026secret")
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + "/work/")
    assert "密码已修改" in page.locator(".messages").inner_text()


def test_the_owner_waits_seconds_then_is_told(page, live_server, office, settings):
    settings.GONGKAI_LOGIN_DELAY_SECONDS = 30  # long enough for a slow machine to reach the form in time
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="office_admin", client_ip="203.0.113.66") for _ in range(5)]
    )
    page.goto(live_server.url + "/work/login/")
    page.fill("input[name=username]", "office_admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert "秒后再试" in page.locator("main").inner_text()
    shoot(page, "login-delayed")
    LoginFailure.objects.update(time=timezone.now() - timedelta(seconds=31))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/work/")
    notice = page.locator(".messages").inner_text()
    assert "您的账号有 5 次登录失败" in notice and "203.0.113.66" in notice
    shoot(page, "login-notice")
