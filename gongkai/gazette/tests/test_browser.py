"""In a real browser: the office composes an issue from published documents, reorders, publishes, logs a
distribution; the portal lists the issue and its contents; its PDF carries the contents in order (pdftotext)."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai.gazette.models import Issue

from .factories import published_document
from .test_pdf import pdf_pages

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "Testpass2026x"


def login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


@pytest.mark.browser
def test_compose_publish_portal_pdf(page, live_server, transactional_db, world):
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    first = published_document(
        world,
        "城关镇农村宅基地审批管理办法",
        "第一条　为规范宅基地审批，制定本办法。",
        doc_number="城政规〔2026〕1号",
    )
    second = published_document(
        world,
        "城关镇农村人居环境整治办法",
        "第一条　为改善人居环境，制定本办法。",
        doc_number="城政规〔2026〕2号",
    )

    login(page, base, world.office)
    page.goto(f"{base}/work/gazette/")
    page.fill("#id_year", "2026")
    page.fill("#id_issued_on", "2026-03-01")
    page.get_by_role("button", name="新建").click()
    expect(page.locator("h1")).to_have_text("政府公报 2026年第1期（总第1期）")
    for doc in (first, second):
        page.get_by_label(doc.publication.title, exact=False).check()
    page.get_by_role("button", name="加入本期").click()
    contents = page.locator("ol.gazette-contents li")
    expect(contents).to_have_count(2)
    titles = (first.publication.title, second.publication.title)
    top = next(t for t in titles if t in contents.first.inner_text())
    other = next(t for t in titles if t != top)
    page.get_by_role("button", name=f"下移《{top}》").click()
    expect(contents.first).to_contain_text(other)
    expect(contents.nth(1)).to_contain_text(top)
    page.screenshot(path=str(SHOTS / "gazette_compose.png"), full_page=True)
    page.get_by_role("button", name="出版本期").click()
    expect(page.locator("#issue-state")).to_have_text("已出版")
    page.fill("#id_recipient", "示范县图书馆")
    page.select_option("#id_kind", "library")
    page.fill("#id_copies", "20")
    page.fill("#id_sent_on", date.today().isoformat())
    page.get_by_role("button", name="登记赠阅").click()
    expect(page.locator("#distributions")).to_contain_text("示范县图书馆")
    page.screenshot(path=str(SHOTS / "gazette_published.png"), full_page=True)

    # The portal: the column lists the issue with its contents; the issue page links the documents.
    issue = Issue.objects.get()
    page.context.clear_cookies()
    page.goto(f"{base}/xxgk/zfgb/")
    expect(page.locator("nav.column-nav a[aria-current]")).to_have_text("政府公报")
    expect(page.locator(".gazette-issue")).to_contain_text(top)
    page.screenshot(path=str(SHOTS / "gazette_portal.png"), full_page=True)
    page.get_by_role("link", name=issue.title).click()
    expect(page.locator("h1")).to_have_text(f"政府公报 {issue.title}")
    link = page.get_by_role("link", name="城关镇农村宅基地审批管理办法")
    expect(link).to_have_attribute("href", f"/xxgk/info/{first.publication.pk}/")
    page.screenshot(path=str(SHOTS / "gazette_issue.png"), full_page=True)
    href = page.get_by_role("link", name="下载本期 PDF").get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pages = pdf_pages(response.body())
    toc = pages[1]
    assert toc.index(other) < toc.index(top)  # the order set on the staff page
    assert other in pages[2] and top in pages[3]
