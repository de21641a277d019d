"""An office admin imports the 2027 notice in a real browser: paste → preview → confirm → 2027 covered."""

import pytest

from gongkai.calendar import services
from gongkai.calendar.models import HolidayCalendar
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role

from .fixtures import NOTICE_2027

PASSWORD = "Calendar2026horse"


@pytest.mark.browser
def test_office_admin_imports_2027_and_uses_the_calculator(page, live_server, transactional_db):
    services.seed_from_package()
    unit = Unit.objects.create(name="示范县人民政府办公室")
    admin = User.objects.create_user("gkb_admin", password=PASSWORD, full_name="王丽")
    Membership.objects.create(user=admin, unit=unit, role=Role.OFFICE_ADMIN)

    page.goto(f"{live_server.url}/work/login/")
    page.fill("#id_username", "gkb_admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/work/")

    # Before the import, a deadline running into 2027 is provisional.
    page.goto(f"{live_server.url}/work/calendar/calculator/")
    page.fill("#id_start", "2026-12-20")
    page.fill("#id_days", "20")
    page.fill("#id_pause_start_1", "2026-12-28")
    page.fill("#id_pause_end_1", "2026-12-30")
    page.click("text=计算期限")
    assert page.locator(".badge.provisional.big").inner_text() == "暂定"
    assert "2027年节假日安排尚未录入" in page.locator(".provisional-note").inner_text()
    page.screenshot(path="/tmp/gongkai-calendar-calculator.png", full_page=True)

    page.goto(f"{live_server.url}/work/calendar/import/")
    page.fill("#id_text", NOTICE_2027)
    page.click("button[value=preview]")
    preview = page.locator("section.preview")
    assert "预览：2027年节假日安排" in preview.inner_text()
    assert "2027-02-05 至 2027-02-13" in preview.inner_text()
    assert "未发现问题" in preview.inner_text()
    page.screenshot(path="/tmp/gongkai-calendar-preview.png", full_page=True)
    assert not HolidayCalendar.objects.filter(year=2027).exists()

    page.click("text=确认保存2027年安排")
    page.wait_for_url(f"{live_server.url}/work/calendar/2027/")
    assert "已导入2027年节假日安排" in page.locator(".messages").inner_text()
    assert "已录入" in page.inner_text("main")
    page.screenshot(path="/tmp/gongkai-calendar-2027.png", full_page=True)
    page.goto(f"{live_server.url}/work/calendar/")
    assert "国办发明电〔2026〕9号" in page.inner_text("main")

    page.goto(f"{live_server.url}/work/calendar/calculator/?start=2026-12-20&days=20")
    assert page.locator(".badge.provisional").count() == 0
    assert "2027年1月18日" in page.locator(".result-date").inner_text()


@pytest.mark.browser
def test_a_malformed_notice_is_refused_in_the_browser(page, live_server, transactional_db):
    from .fixtures import MALFORMED_2027

    services.seed_from_package()
    unit = Unit.objects.create(name="示范县人民政府办公室")
    admin = User.objects.create_user("gkb_admin2", password=PASSWORD, full_name="王丽")
    Membership.objects.create(user=admin, unit=unit, role=Role.OFFICE_ADMIN)
    page.goto(f"{live_server.url}/work/login/")
    page.fill("#id_username", "gkb_admin2")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/work/")

    page.goto(f"{live_server.url}/work/calendar/import/")
    page.fill("#id_text", MALFORMED_2027)
    page.click("button[value=preview]")
    problems = page.locator("[data-problems]")
    assert "不能保存：7处问题" in problems.inner_text()
    items = problems.locator("li")
    assert items.count() == 7
    assert "2027年2月30日" in items.nth(0).inner_text()
    assert "缺少劳动节的安排" in problems.inner_text()
    assert page.locator("text=确认保存2027年安排").count() == 0
    assert "请更正后重新预览" in page.locator("[data-no-save]").inner_text()
    page.screenshot(path="/tmp/gongkai-calendar-refused.png", full_page=True)
    assert not HolidayCalendar.objects.filter(year=2027).exists()
