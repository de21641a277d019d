"""In a real browser: the office sees the due matrix with overdue cells and the new-media registry with its veto
flag; screenshots in var/screenshots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.publishing.tests.conftest import build_world
from gongkai.sitecheck import services

from .fixtures import rule

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.mark.browser
def test_office_sees_matrix_and_stale_account(page, live_server, transactional_db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    SHOTS.mkdir(parents=True, exist_ok=True)
    w = build_world()
    rule("art20-11", kind="monthly", day=15, statutory=True)
    rule("art20-01", kind="yearly", month=1, day=31, statutory=True)
    acc = services.apply_account(
        w.town, actor=w.editor, platform="wechat", name="城关发布", account_id="gh_b1"
    )
    services.move_account(acc, actor=w.editor, to="reviewing")
    services.move_account(acc, actor=w.office, to="filed", filing_number="县备-01")
    services.record_update(acc, actor=w.editor, last_update=timezone.localdate() - timedelta(days=20))
    base = live_server.url
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "Testpass2026x")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")
    expect(page.locator("body")).to_contain_text("应公开未公开（逾期）")
    page.goto(f"{base}/work/sitecheck/")
    expect(page.locator("#due-matrix")).to_contain_text(w.dept.name)
    expect(page.locator("#due-matrix .badge.danger").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "sitecheck_matrix.png"), full_page=True)
    page.goto(f"{base}/work/sitecheck/media/")
    expect(page.locator("#accounts")).to_contain_text("2周未更新")
    page.screenshot(path=str(SHOTS / "sitecheck_media.png"), full_page=True)
