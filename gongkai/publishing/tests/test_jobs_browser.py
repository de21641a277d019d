"""Browser: the office starts the full re-scan from its page and watches the run page fill to 100 % (HTMX polling
under the strict CSP), then opens the report — with the real huey consumer running the job."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.jobs.tests.fixtures import running_worker

from .test_jobs import published

PASSWORD = "Testpass2026x"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_starts_a_rescan_and_watches_its_progress(page, live_server, world, settings, tmp_path):
    for n in range(6):
        published(world, f"城关镇2026年第{n + 1}批补贴发放公示")
    base = live_server.url
    with running_worker(settings, tmp_path, live_server=True):
        page.goto(f"{base}/work/login/")
        page.fill("input[name=username]", "office")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_contain_text("我的待办")

        page.goto(f"{base}/work/publishing/rescan/")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("button:has-text('开始全面复查')")
        page.wait_for_url(re.compile(r"/work/jobs/runs/\d+/$"))
        expect(page.locator("h1")).to_contain_text("已发布信息全面复查")
        page.screenshot(path="/tmp/gongkai-jobs-rescan-started.png", full_page=True)

        status = page.locator("#run-status")
        expect(status).to_contain_text("100%", timeout=60_000)
        expect(status).to_contain_text("成功")
        expect(status).to_contain_text("扫描 6 条已发布信息")
        expect(page.locator("#run-progress")).to_have_attribute("value", "100")
        expect(status).to_contain_text("6 / 6 条已发布信息已扫描")
        page.screenshot(path="/tmp/gongkai-jobs-rescan-done.png", full_page=True)

        page.click("text=查看详细结果")
        expect(page.locator("h1")).to_contain_text("全面复查报告")
        expect(page.locator("main")).to_contain_text("扫描已发布信息 6 条")

        page.goto(f"{base}/work/jobs/")
        row = page.locator("#job-publishing-rescan_published")
        expect(row).to_contain_text("成功")
        expect(row).to_contain_text("扫描 6 条已发布信息")
        expect(page.locator("#job-foi-remind")).to_contain_text("每个工作日 08:30")
        page.screenshot(path="/tmp/gongkai-jobs-index.png", full_page=True)
