"""Browser: the office uploads a sample, fixes a unit, publishes; a unit reports progress; the office sees it."""

import io
import re

import pytest
from playwright.sync_api import expect

from gongkai.orgs.demo import DEMO_PASSWORD

from .conftest import XINGGUO


def login(page, base, username):
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")


def logout(page):
    page.click("button:has-text('退出')")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_upload_fix_publish_report_and_office_sees_it(page, live_server):
    from gongkai.calendar import services as cal
    from gongkai.orgs import demo

    cal.seed_from_package()
    demo.load(io.StringIO())
    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/work/plans/import/")
    page.set_input_files("input[name=file]", str(XINGGUO))
    page.click("button:has-text('导入并提取')")
    expect(page.locator("h1")).to_have_text("2024年兴国县政务公开工作要点")
    expect(page.locator(".wp-fix")).to_contain_text("县政府有关部门")
    expect(page.locator(".chip.problem").first).to_be_visible()
    page.screenshot(path="/tmp/workplan_1_review.png", full_page=False)
    # Fix 县政府有关部门 → 县财政局 for the whole plan.
    form = page.locator(".wp-fix form", has_text="县政府有关部门")
    # The unit list is a search picker (static/js/picker.js): type, choose with Enter, see the chip.
    picker = form.get_by_role("combobox")
    picker.type("示范县财政局")
    picker.press("Enter")
    expect(form.locator(".picker-chip")).to_have_text(["示范县财政局×"])
    form.locator("button:has-text('指定')").click()
    expect(page.locator(".messages")).to_contain_text("涉及")
    expect(page.locator(".wp-fix form", has_text="县政府有关部门")).to_have_count(0)
    page.screenshot(path="/tmp/workplan_2_fixed.png", full_page=False)
    page.click("button:has-text('发布任务分工表')")
    expect(page.locator("h1")).to_contain_text("落实情况")
    logout(page)
    # The 发改委 editor reports progress on its first task.
    login(page, base, "fgw_editor")
    page.goto(f"{base}/work/plans/mine/")
    expect(page.locator("h1")).to_contain_text("我的任务")
    page.locator("table.data tbody tr th a").first.click()
    page.fill("textarea[name=text]", "已在县政府门户网站开设产业链政策专栏，发布政策12件。")
    page.fill("input[name=percent]", "60")
    page.fill("input[name=evidence_link]", "https://www.shifan.gov.cn/zl/cyl/")
    page.screenshot(path="/tmp/workplan_3_report.png", full_page=True)
    page.click("button:has-text('报送')")
    expect(page.locator(".messages")).to_contain_text("进展已报送")
    task_url = page.url
    logout(page)
    # The office sees the report on the task and the unit on the dashboard.
    login(page, base, "office")
    page.goto(task_url)
    expect(page.locator("table.data")).to_contain_text("已在县政府门户网站开设产业链政策专栏")
    page.goto(f"{base}/work/plans/")
    page.click("a:has-text('落实情况')")
    row = page.locator("table.wp-roll tr", has_text="示范县发展和改革委员会")
    expect(row).to_be_visible()
    expect(row.locator("td").nth(2)).to_have_text("1")  # 进行中: the task just reported on
    expect(page.locator("#main")).to_contain_text(re.compile(r"加权总体进度 \d"))
    page.screenshot(path="/tmp/workplan_4_dashboard.png", full_page=False)
