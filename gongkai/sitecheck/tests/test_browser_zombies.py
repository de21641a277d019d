"""In a real browser: the office opens a 僵尸号 cleanup campaign, the unit's editor decides on its account (the
other unit's account is not shown), the progress and the reminders show; screenshots in var/screenshots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.publishing.tests.conftest import build_world
from gongkai.sitecheck import services

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Testpass2026x")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


def _live(w, unit, name, account_id, days):
    acc = services.apply_account(unit, actor=None, platform="wechat", name=name, account_id=account_id)
    services.move_account(acc, actor=None, to="reviewing")
    services.move_account(acc, actor=None, to="filed", filing_number=f"县备-{account_id}")
    return services.record_update(acc, actor=None, last_update=timezone.localdate() - timedelta(days=days))


@pytest.mark.browser
def test_campaign_open_decide_progress(page, live_server, transactional_db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    SHOTS.mkdir(parents=True, exist_ok=True)
    w = build_world()
    _live(w, w.town, "城关旧号", "gh_old", 40)
    _live(w, w.town, "城关发布", "gh_main", 1)
    _live(w, w.dept, "发改旧号", "gh_dept", 90)
    base = live_server.url

    _login(page, base, "office")
    page.goto(f"{base}/work/sitecheck/campaigns/")
    page.fill("#id_title", "2026年僵尸号清理")
    page.fill("#id_stale_days", "30")
    page.fill("#id_deadline", (timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="开展清理").click()
    expect(page.locator("#campaign-total")).to_contain_text("共列入 2 个账号")
    page.screenshot(path=str(SHOTS / "sitecheck_campaign_office.png"), full_page=True)

    _login(page, base, w.editor.username)
    page.goto(page.url if "/campaigns/" in page.url else f"{base}/work/sitecheck/campaigns/")
    page.get_by_role("link", name="2026年僵尸号清理").click()
    items = page.locator("#campaign-items")
    expect(items).to_contain_text("城关旧号")
    expect(items).not_to_contain_text("发改旧号")
    row = items.locator("tr", has_text="城关旧号")
    row.locator("select[name$='-decision']").select_option("merge")
    row.locator("select[name$='-merge_into']").select_option(label="微信公众号·城关发布")
    row.locator("input[name$='-note']").fill("内容并入“城关发布”")
    row.get_by_role("button", name="提交").click()
    expect(page.locator("#campaign-items")).to_contain_text("并入“城关发布”")
    expect(page.locator("#campaign-total")).to_contain_text("已提出处置意见 1 个（100%）")
    page.screenshot(path=str(SHOTS / "sitecheck_campaign_unit.png"), full_page=True)

    services.remind()
    page.goto(f"{base}/work/sitecheck/")
    expect(page.locator("#sitecheck-reminders")).to_contain_text("城关旧号")
    expect(page.locator("#sitecheck-reminders")).not_to_contain_text("发改旧号")
    page.screenshot(path=str(SHOTS / "sitecheck_reminders.png"), full_page=True)
