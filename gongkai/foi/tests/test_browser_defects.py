"""Issue 12 in a real browser: the leader's refused extension approval says why; the applicant sends a 补正 and
later downloads the reply letter from the tracking page."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pdfplumber
import pytest

from gongkai.foi import services
from gongkai.foi.models import Extension, InfoRequest

from .conftest import PASSWORD, person

D = date
SH = ZoneInfo("Asia/Shanghai")


def login(page, base, user):
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


@pytest.mark.browser
def test_the_leader_sees_why_an_extension_cannot_be_approved(
    page, live_server, transactional_db, county, today
):
    base = live_server.url
    today(D(2026, 10, 29))
    case = services.submit_online(person(), unit=county.zrzy, now=datetime(2026, 9, 28, 10, tzinfo=SH)).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    services.request_extension(case, actor=county.officer, days=10, reason="需调取档案", on=D(2026, 10, 29))
    today(D(2026, 11, 3))  # the due date 10/30 has passed

    login(page, base, county.leader)
    card = page.locator(".card", has_text="待审批的延期申请")
    card.locator(f"a:has-text('{case.serial}')").click()
    page.wait_for_selector("text=同意延期")
    page.click("button:has-text('同意延期')")
    alert = page.locator("#action-error")
    assert "“延期审批”未完成" in alert.inner_text()
    assert "原答复期限（2026年10月30日（周五））已届满，不能再批准延期。" in alert.inner_text()
    page.screenshot(path="/tmp/gongkai-foi-extension-refused.png", full_page=True)
    page.fill("input[name=note]", "已超过答复期限，请尽快答复")
    page.click("button:has-text('不同意')")
    page.wait_for_selector("text=已审批延期申请")
    assert Extension.objects.get().status == Extension.Status.REJECTED


@pytest.mark.browser
def test_the_applicant_corrects_online_and_downloads_the_reply(
    page, live_server, transactional_db, county, today
):
    base = live_server.url
    today(D(2026, 10, 14))
    intake = services.submit_online(
        person(description="请公开东山镇农村低保对象审批结果"),
        unit=county.zrzy,
        now=datetime(2026, 10, 12, 10, tzinfo=SH),
    )
    case = intake.case
    services.request_correction(case, actor=county.officer, items="请写明所需信息的年份", on=D(2026, 10, 13))

    def track():
        page.goto(f"{base}/ysqgk/track/")
        page.fill("#id_tracking_code", case.tracking_code)
        page.fill("#id_verification_code", intake.verification_code)
        page.click("button[type=submit].primary")
        page.wait_for_selector(".status-card")

    track()
    assert "补正事项：请写明所需信息的年份" in page.inner_text("#correction")
    page.fill("#correction textarea[name=text]", "所需信息为2025年度的审批结果。")
    page.click("#correction button[type=submit]")
    page.wait_for_url(f"{base}/ysqgk/track/status/")
    assert "补正已提交" in page.inner_text("body")
    assert "收到您的补正申请" in page.inner_text(".timeline")
    page.screenshot(path="/tmp/gongkai-foi-correction.png", full_page=True)
    case.refresh_from_db()
    assert case.state == InfoRequest.State.NEW and case.corrections.get().received_on == D(2026, 10, 14)

    # The receipt prints with both codes.
    page.click("text=打印受理回执")
    assert case.tracking_code in page.inner_text("body") and intake.verification_code in page.inner_text(
        "body"
    )
    page.screenshot(path="/tmp/gongkai-foi-receipt.png", full_page=True)

    today(D(2026, 10, 20))
    reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=D(2026, 10, 19))
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 19))
    services.generate_letter(case, actor=county.officer, kind="reply_grant", on=D(2026, 10, 19))
    track()
    with page.expect_download() as download:
        page.click("[data-letters] a")
    with pdfplumber.open(io.BytesIO(open(download.value.path(), "rb").read())) as pdf:  # noqa: SIM115
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "").replace("\n", "")
    assert "政府信息公开申请答复书" in text and "申请获取“东山镇农村低保对象审批结果”" in text
