"""The tracking page after verification (issue 12): 已逾期 N 个工作日, online 补正, the printable 受理回执 (HTML
and PDF) with both codes, the reply letter downloadable (audited); nothing of it without the codes."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import Attachment, InfoRequest

from .conftest import person
from .test_views import PNG

D = date
SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def submit(county, on):
    return services.submit_online(
        person(), unit=county.zrzy, now=datetime(on.year, on.month, on.day, 9, tzinfo=SH)
    )


def track(client, intake):
    return client.post(
        "/ysqgk/track/",
        {"tracking_code": intake.case.tracking_code, "verification_code": intake.verification_code},
    )


def test_nothing_without_the_codes(client, county):
    for url in (
        "/ysqgk/track/status/",
        "/ysqgk/track/receipt/",
        "/ysqgk/track/receipt.pdf",
        "/ysqgk/track/letters/1.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/ysqgk/track/"
    assert client.post("/ysqgk/track/correction/", {"text": "x"}).status_code == 302


def test_overdue_is_said_in_working_days(client, county, today):
    today(D(2026, 12, 4))
    intake = submit(county, D(2026, 9, 28))  # due 10/30; 11/2 … 12/4 is 25 working days later
    body = track(client, intake).content.decode()
    assert "已逾期 25 个工作日" in body
    client.force_login(county.officer)
    page = client.get(f"/work/foi/{intake.case.pk}/").content.decode()
    assert (
        "已逾期 <strong data-overdue>25</strong> 个工作日" in page
        and "剩余工作日：<strong data-remaining>-" not in page
    )


def test_online_correction_restarts_the_period(client, county, today):
    today(D(2026, 10, 14))
    intake = submit(county, D(2026, 10, 12))
    services.request_correction(intake.case, actor=county.officer, items="请写明年份", on=D(2026, 10, 13))
    body = track(client, intake).content.decode()
    assert "网上补正" in body and "补正事项：请写明年份" in body
    bad = client.post("/ysqgk/track/correction/", {"text": "", "files": [SimpleUploadedFile("x.exe", b"MZ")]})
    assert (
        bad.status_code == 400
        and "请填写补正的内容" in bad.content.decode()
        and "x.exe" in bad.content.decode()
    )
    done = client.post(
        "/ysqgk/track/correction/",
        {"text": "所需信息为2025年度的审批结果", "files": [SimpleUploadedFile("补正.png", PNG)]},
    )
    assert done.status_code == 302 and done["Location"] == "/ysqgk/track/status/"
    case = InfoRequest.objects.get()
    assert case.state == InfoRequest.State.NEW and case.corrections.get().received_on == D(2026, 10, 14)
    assert case.attachments.filter(kind=Attachment.Kind.CORRECTION).count() == 1
    assert (
        "申请人网上补正：所需信息为2025年度的审批结果" in case.events.get(kind="correction_received").summary
    )
    status = client.get("/ysqgk/track/status/").content.decode()
    assert "补正已提交" in status and "网上补正" not in status.split("办理过程")[0]
    assert AuditEvent.objects.filter(action="foi.correction_online").exists()


def test_the_receipt_prints_with_both_codes(client, county, today):
    today(D(2026, 10, 12))
    intake = submit(county, D(2026, 10, 12))
    track(client, intake)
    html = client.get("/ysqgk/track/receipt/").content.decode()
    assert intake.case.tracking_code in html and intake.verification_code in html
    assert "政府信息公开申请受理回执" in html and "2026年11月9日" in html
    assert "<style" not in html  # CSP: the print view links its stylesheet
    pdf = client.get("/ysqgk/track/receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert intake.case.tracking_code in text and intake.verification_code in text
    # A reset code ends the session's access.
    services.reset_verification(intake.case, actor=county.officer)
    assert client.get("/ysqgk/track/receipt/").status_code == 302


def test_the_reply_letter_downloads_after_verification_and_is_audited(client, county, today):
    today(D(2026, 10, 20))
    intake = submit(county, D(2026, 10, 12))
    reply = services.draft_reply(intake.case, actor=county.officer, outcome="grant", on=D(2026, 10, 16))
    letter = services.generate_letter(
        intake.case, actor=county.officer, kind="reply_grant", on=D(2026, 10, 16)
    )
    body = track(client, intake).content.decode()
    assert "data-letters" not in body  # not before the reply is sent
    assert client.get(f"/ysqgk/track/letters/{letter.pk}.pdf").status_code == 404
    services.send_reply(reply, actor=county.officer, on=D(2026, 10, 16))
    body = client.get("/ysqgk/track/status/").content.decode()
    link = re.search(r'href="(/ysqgk/track/letters/\d+\.pdf)"', body).group(1)
    response = client.get(link)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="foi.applicant_download")
    assert letter.number in event.reason
