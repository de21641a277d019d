"""In a real browser: the office generates every unit's draft (background job), the unit leader approves the report,
the portal shows it with the national tables and the downloads."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai.reports import services
from gongkai.reports.models import AnnualReport

from .fixtures import PASSWORD, fill_placeholders, review_and_publish, sample_cases

YEAR = 2025
SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


@pytest.mark.browser
def test_office_generates_leader_approves_portal_shows_tables(
    page, live_server, transactional_db, county, settings, tmp_path
):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    sample_cases(county.zrzy, YEAR)

    # The office starts the generation of every unit's draft and follows the job.
    login(page, base, county.office)
    page.goto(f"{base}/work/reports/board/?year={YEAR}")
    expect(page.locator("#board")).to_contain_text("示范县自然资源局")
    page.get_by_role("button", name="生成全部单位草稿（后台作业）").click()
    expect(page.locator("body")).to_contain_text("成功", timeout=20000)
    page.goto(f"{base}/work/reports/board/?year={YEAR}")
    row = page.locator("#board tr", has_text="示范县自然资源局")
    expect(row).to_contain_text("逾期")  # 31 January 2026 has passed: still a draft, so late
    page.screenshot(path=str(SHOTS / "reports_board.png"), full_page=True)
    report = AnnualReport.objects.get(unit=county.zrzy, year=YEAR)
    assert AnnualReport.objects.filter(year=YEAR).count() == 4

    # The unit writes what the platform cannot know; the leader approves.
    fill_placeholders(report, county.editor)
    login(page, base, county.leader)
    page.goto(f"{base}/work/reports/{report.pk}/")
    expect(page.locator("#check-clean")).to_contain_text("核对通过")
    cell = page.locator("#report-body table").nth(1).locator("a").first
    expect(cell).to_have_attribute(
        "href",
        f"/work/foi/?unit={county.zrzy.pk}&applicant_type=natural_person&received_from={YEAR}-01-01&received_to={YEAR}-12-31",
    )
    page.screenshot(path=str(SHOTS / "reports_detail.png"), full_page=True)
    page.locator("#approve-form button").click()
    expect(page.locator("#report-state")).to_have_text("已审定")

    # The editor sends it to publication; the reviewer approves and publishes it (publishing's review).
    login(page, base, county.editor)
    page.goto(f"{base}/work/reports/{report.pk}/")
    page.get_by_role("button", name="送审发布").click()
    expect(page.locator("#report-state")).to_have_text("发布审查中")
    report.refresh_from_db()
    review_and_publish(report, county.reviewer)

    # The portal: the 年报 column lists it, its page shows the tables in the national layout and the downloads.
    page.context.clear_cookies()
    page.goto(f"{base}/xxgk/nianbao/")
    page.get_by_role("link", name=report.title).click()
    expect(page.locator("h1#pub-title")).to_have_text(report.title)
    table3 = page.locator("table", has_text="三、本年度办理结果")
    expect(table3.locator("th[rowspan='22']")).to_have_text("三、本年度办理结果")
    expect(table3.locator("tr", has_text="（七）总计")).to_contain_text("22")
    expect(page.get_by_role("link", name="Word 文档（.docx）")).to_be_visible()
    page.screenshot(path=str(SHOTS / "reports_portal.png"), full_page=True)
    response = page.request.get(f"{base}/xxgk/nianbao/{report.publication.pk}.pdf")
    assert response.status == 200 and response.body()[:4] == b"%PDF"
    assert services.run_check(AnnualReport.objects.get(pk=report.pk)) == []
