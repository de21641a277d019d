"""Browser: a visitor on a unit's page clicks 我为政府网站找错 in the footer → the form opens with the page filled in
→ the report reaches the unit owning the page → the unit takes it up and answers 已修正 → the office re-checks and
closes it → the public monthly summary counts it as received and closed, on time."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.errata.models import ErrorReport
from gongkai.errata.vocab import State

PASSWORD = "Testpass2026x"
SHOTS = "/tmp"


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_footer_report_reaches_owner_unit_fixed_closed_counted(page, live_server, tmp_path, settings):
    from gongkai.calendar import services as calendar
    from gongkai.publishing.tests.conftest import build_world

    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    calendar.seed_from_package()
    w = build_world()
    base = live_server.url

    # A visitor on the 城关镇 机构职能 page follows the footer link.
    page.goto(f"{base}/xxgk/jgzn/{w.town.pk}/")
    page.locator("footer a", has_text="我为政府网站找错").click()
    expect(page.locator("input[name=page]")).to_have_value(f"/xxgk/jgzn/{w.town.pk}/")
    page.select_option("select[name=error_type]", "typo")
    page.fill("textarea[name=description]", "主要职能第二条“统筹按排”应为“统筹安排”。")
    page.fill("input[name=contact]", "13912345678")
    shot = tmp_path / "shot.png"
    page.screenshot(path=str(shot))  # a real PNG as the reporter's screenshot
    page.set_input_files("input[name=screenshot]", str(shot))
    page.check("input[name=agree]")
    page.screenshot(path=f"{SHOTS}/errata_form.png", full_page=True)
    page.click("#errata-form button[type=submit]")
    code = page.locator("#tracking-code").inner_text()
    verification = page.locator("#verification-code").inner_text()
    assert code.startswith("ZC-")
    expect(page.locator("a", has_text="返回出错页面")).to_have_attribute("href", f"/xxgk/jgzn/{w.town.pk}/")
    page.screenshot(path=f"{SHOTS}/errata_receipt.png", full_page=True)
    report = ErrorReport.objects.get(tracking_code=code)
    assert report.unit == w.town and report.screenshot

    # The other unit does not see it.
    _login(page, base, w.dept_editor)
    resp = page.goto(f"{base}/work/errata/{report.pk}/")
    assert resp.status == 404

    # The owning unit: it is on its dashboard list, it takes it up and answers 已修正.
    _login(page, base, w.editor)
    page.goto(f"{base}/work/errata/")
    page.locator("a", has_text=code).first.click()
    expect(page.locator("#report-unit")).to_contain_text("城关镇")
    expect(page.locator("img.errata-shot")).to_be_visible()
    page.click("#take-up-form button[type=submit]")
    expect(page.locator("#report-state")).to_contain_text("处理中")
    page.check("#answer-form input[name=outcome][value=fixed]")
    page.fill("#answer-form textarea[name=text]", "已将“统筹按排”改为“统筹安排”，感谢您的纠错。")
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#report-state")).to_contain_text("已修正")
    page.screenshot(path=f"{SHOTS}/errata_unit.png", full_page=True)

    # The office re-checks and closes.
    _login(page, base, w.office)
    page.goto(f"{base}/work/errata/?state=recheck")
    page.screenshot(path=f"{SHOTS}/errata_office_list.png", full_page=True)
    page.locator("a", has_text=code).first.click()
    page.check("#recheck-form input[name=accept][value='1']")
    page.fill("#recheck-form textarea[name=note]", "已核对页面，错别字已改正。")
    page.click("#recheck-form button[type=submit]")
    expect(page.locator("#report-state")).to_contain_text("办结")
    report.refresh_from_db()
    assert report.state == State.CLOSED

    # The reporter reads the result; the public summary counts it.
    page.context.clear_cookies()
    page.goto(f"{base}/hdjl/zhaocuo/chaxun/")
    page.fill("input[name=tracking_code]", code)
    page.fill("input[name=verification_code]", verification)
    page.click("#track-form button[type=submit]")
    expect(page.locator("#track-result")).to_contain_text("已办结（已修正）")
    page.screenshot(path=f"{SHOTS}/errata_track.png", full_page=True)
    page.locator("nav.column-nav a", has_text="找错情况统计").click()
    today = timezone.localdate()
    row = page.locator("#summary-table tbody tr", has_text=f"{today.year}年{today.month}月").first
    expect(row.locator("td").nth(0)).to_have_text("1")  # 收到
    expect(row.locator("td").nth(1)).to_have_text("1")  # 已办结
    expect(row.locator("td").nth(4)).to_have_text("100.0%")  # 按期率
    expect(page.locator("body")).not_to_contain_text("13912345678")
    page.screenshot(path=f"{SHOTS}/errata_summary.png", full_page=True)
