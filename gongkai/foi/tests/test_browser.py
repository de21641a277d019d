"""In a real browser: a citizen applies online and tracks by code; the officer handles the case to a reply letter,
downloads it as .docx and PDF, and the texts are checked; the applicant then sees the outcome."""

import io
import re

import pdfplumber
import pytest
from docx import Document

from gongkai.foi.models import InfoRequest

from .conftest import PASSWORD, person


@pytest.mark.browser
def test_apply_track_handle_reply_letter(page, live_server, transactional_db, county, tmp_path):
    base = live_server.url
    applicant = person(description="示范县东山镇2026年农村危房改造补助对象名单及补助标准")

    # 1. The citizen applies online.
    page.goto(f"{base}/ysqgk/new/")
    page.check("input[name=applicant_type][value=natural_person]")
    assert page.locator(".org-only").is_hidden()  # organisation-only fields hidden for a person
    page.fill("#id_applicant_name", applicant["applicant_name"])
    page.select_option("#id_id_type", "id_card")
    page.fill("#id_id_number", applicant["id_number"])
    page.fill("#id_phone", applicant["phone"])
    page.fill("#id_email", applicant["email"])
    page.fill("#id_address", applicant["address"])
    page.select_option("#id_unit", str(county.zrzy.pk))
    page.fill("#id_description", applicant["description"])
    page.check("input[name=delivery][value=email]")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/ysqgk/done/")
    tracking = page.locator("[data-tracking]").inner_text().strip()
    verification = page.locator("[data-verification]").inner_text().strip()
    assert re.fullmatch(r"YSQ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", tracking)
    assert "答复期限为" in page.content()
    assert tracking not in page.url and verification not in page.url

    # 2. …and tracks it by code (POST; the URL stays clean; nothing personal shown).
    page.goto(f"{base}/ysqgk/track/")
    page.fill("#id_tracking_code", tracking.lower())
    page.fill("#id_verification_code", verification)
    page.click("button[type=submit].primary")
    page.wait_for_selector(".status-card")
    body = page.content()
    assert "示范县自然资源局" in body and "收到您的申请" in body
    assert applicant["applicant_name"] not in body and applicant["phone"] not in body
    assert page.url == f"{base}/ysqgk/track/"

    # 3. The officer handles it to a reply.
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", county.officer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")
    page.goto(f"{base}/work/foi/")
    case = InfoRequest.objects.get()
    page.click(f"text={case.serial}")
    page.wait_for_selector("text=剩余工作日")
    page.click("button:has-text('由我经办')")
    page.click("summary:has-text('拟定答复')")
    page.select_option("#reply select[name=outcome]", "grant")
    page.fill(
        "#reply textarea[name=content]",
        "现向您提供2026年农村危房改造补助对象名单（已隐去身份证号码等个人信息）及补助标准。",
    )
    page.click("#reply button[type=submit]")
    page.wait_for_selector("#send")
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=已于")
    case.refresh_from_db()
    assert case.state == "replied" and case.outcome == "grant" and case.on_time

    # 4. The reply letter, downloaded as .docx and PDF.
    page.click("summary:has-text('生成文书')")
    page.select_option("#letter select[name=kind]", "reply_grant")
    page.click("#letter button[type=submit]")
    page.wait_for_selector(".letter-sheet")
    assert "政府信息公开申请答复书" in page.content()
    with page.expect_download() as dl:
        page.click("text=下载 Word（.docx）")
    docx_path = tmp_path / "reply.docx"
    dl.value.save_as(docx_path)
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    for expected in (
        applicant["applicant_name"],
        "第三十六条",
        "60日内",
        "6个月内",
        "农村危房改造补助对象名单",
        "示范县自然资源局",
    ):
        assert expected in text, expected
    with page.expect_download() as dl:
        page.click("text=下载 PDF")
    pdf_bytes = open(dl.value.path(), "rb").read()  # noqa: SIM115
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf_text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "").replace("\n", "")
    for expected in ("政府信息公开申请答复书", applicant["applicant_name"], "行政复议", "第三十六条"):
        assert expected in pdf_text, expected

    # 5. The applicant sees the outcome.
    page.goto(f"{base}/work/")
    page.click("button:has-text('退出')")
    page.goto(f"{base}/ysqgk/track/")
    page.fill("#id_tracking_code", tracking)
    page.fill("#id_verification_code", verification)
    page.click("button[type=submit].primary")
    page.wait_for_selector(".status-card")
    assert "予以公开" in page.content()
