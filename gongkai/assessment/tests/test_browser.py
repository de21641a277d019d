"""In a real browser: the office sets up the 2026 scheme (a refused 3 % weight first), adds an automatic and a
manual indicator, a unit self-assesses with evidence, a second office member confirms, the period is computed and
closed by the job, and the 通报 is downloaded as .docx. Screenshots in var/screenshots/."""

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from gongkai.assessment.models import Entry, Period, Score

from .fixtures import PDF, build, publish_on

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def _login(page, base, username):
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Testpass2026x")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


@pytest.mark.browser
def test_from_scheme_to_the_notice(page, live_server, transactional_db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    SHOTS.mkdir(parents=True, exist_ok=True)
    w = build()
    publish_on(w, date(2026, 2, 1), w.town)
    base = live_server.url

    _login(page, base, "office")
    page.goto(f"{base}/work/assessment/")
    page.fill("#id_year", "2026")
    page.fill("#id_weight", "3")
    page.click("#scheme-form button[type=submit]")
    expect(page.locator("#scheme-form")).to_contain_text("不得低于4%")
    page.fill("#id_weight", "5")
    page.click("#scheme-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("2026年度政务公开工作考核方案")

    form = page.locator("#indicator-form")
    form.locator("#id_group").select_option("active")
    form.locator("#id_name").fill("主动公开信息发布数量")
    form.locator("#id_kind").select_option("auto")
    form.locator("#id_points").fill("10")
    form.locator("#id_source_key").select_option("publishing.published")
    form.locator("#id_method").select_option("threshold")
    form.locator("#id_target").fill("2")
    form.locator("#id_partial").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("#indicators")).to_contain_text("publishing.published")
    form = page.locator("#indicator-form")
    form.locator("#id_group").select_option("platform")
    form.locator("#id_name").fill("政府网站信息公开专栏规范")
    form.locator("#id_kind").select_option("manual")
    form.locator("#id_points").fill("6")
    form.locator("button[type=submit]").click()
    expect(page.locator("#indicators")).to_contain_text("政府网站信息公开专栏规范")
    page.screenshot(path=str(SHOTS / "assessment_scheme.png"), full_page=True)
    q1 = Period.objects.get(scheme__year=2026, kind="quarter", number=1)

    # The town's editor self-assesses with an evidence file.
    page.click("button:has-text('退出')")
    _login(page, base, "town_editor")
    page.goto(f"{base}/work/assessment/periods/{q1.pk}/units/{w.town.pk}/")
    page.select_option("#entry-form #id_indicator", label="平台建设·政府网站信息公开专栏规范（人工评分）")
    page.fill("#entry-form #id_points", "5")
    page.fill("#entry-form #id_reason", "专栏按标准目录设置，季度自查无空栏目。")
    page.set_input_files(
        "#entry-form #id_evidence",
        files=[{"name": "自查表.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#entry-form button[type=submit]")
    expect(page.locator("#entries")).to_contain_text("待确认")

    # A second office member confirms; the office computes and closes the quarter.
    page.click("button:has-text('退出')")
    _login(page, base, "office2")
    page.goto(f"{base}/work/assessment/periods/{q1.pk}/units/{w.town.pk}/")
    page.click("#entries button:has-text('确认')")
    expect(page.locator("#entries")).to_contain_text("韩振宇")
    assert Entry.objects.get().confirmed_by == w.office2
    page.goto(f"{base}/work/assessment/periods/{q1.pk}/")
    page.click("#run-form button[value=close]")
    page.wait_for_url("**/work/jobs/runs/**")
    expect(page.locator("body")).to_contain_text("已冻结")
    page.goto(f"{base}/work/assessment/periods/{q1.pk}/")
    expect(page.locator("table.scores").nth(1)).to_contain_text(w.town.name)
    assert float(Score.objects.get(period=q1, unit=w.town).total) == 10  # 5 (1 of 2 items) + 5 confirmed
    page.screenshot(path=str(SHOTS / "assessment_period.png"), full_page=True)
    page.goto(f"{base}/work/assessment/periods/{q1.pk}/units/{w.town.pk}/")
    expect(page.locator("#lines")).to_contain_text("主动公开信息发布数量")
    page.screenshot(path=str(SHOTS / "assessment_unit.png"), full_page=True)

    page.goto(f"{base}/work/assessment/periods/{q1.pk}/")
    with page.expect_download() as dl:
        page.click("#notice-docx")
    doc = Document(io.BytesIO(open(dl.value.path(), "rb").read()))  # noqa: SIM115
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于2026年第1季度平时考核结果的通报" in text and "权重为5%" in text
    assert w.town.name in [c.text for t in doc.tables for row in t.rows for c in row.cells]
