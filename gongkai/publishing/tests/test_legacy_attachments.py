"""Attachments in .doc/.wps/.xls/.et, OFD and scanned PDF (issue 13, part 3): scanned, masked and served like
.docx/.xlsx; a converter that fails loses nothing."""

import openpyxl
import pytest

from gongkai.core import convert
from gongkai.core.tests.factories.legacy import build_ofd, docx_of, to_legacy, xlsx_of
from gongkai.core.tests.fixtures import make_pdf
from gongkai.publishing import services
from gongkai.publishing.vocab import FindingStatus

from .factories import Upload, id_number, subsidy_rows
from .test_workflow import draft


@pytest.fixture
def converter_settings():
    before = convert.settings()
    yield
    convert.configure(soffice=before.soffice, timeout=before.timeout, lock_file=before.lock_file)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["补贴名单.xls", "补贴名单.et"])
def test_an_xls_attachment_is_scanned_masked_and_served_as_xlsx(world, client, name):
    w = world
    pub = draft(w)
    rows = subsidy_rows(3)
    data = to_legacy(xlsx_of(rows), "xls")
    att = services.add_attachment(pub, actor=w.editor, uploaded=Upload(data, name))
    assert att.kind == "xls" and not att.text_error and rows[1][2] in att.text
    found = pub.findings.filter(attachment=att)
    assert (
        found.filter(kind="id_number").count() == 3
        and found.filter(kind="id_number", can_mask=True).count() == 3
    )
    services.mask_publication(pub, actor=w.editor)
    att.refresh_from_db()
    assert att.masked_file.name.endswith(".xlsx") and rows[1][2] not in att.masked_text
    with att.file.open("rb") as fh:
        assert fh.read(4) == b"\xd0\xcf\x11\xe0"  # the original is kept as uploaded
    assert not pub.findings.filter(status=FindingStatus.OPEN, severity="high").exists()
    client.force_login(w.editor)
    response = client.get(f"/work/publishing/{pub.pk}/attachments/{att.pk}/?copy=masked")
    assert response.status_code == 200
    assert "xlsx" in response["Content-Disposition"] and "spreadsheetml" in response["Content-Type"]
    masked = b"".join(response.streaming_content)
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(masked)).active
    assert sheet["C2"].value != rows[1][2] and sheet["B2"].value == rows[1][1]


@pytest.mark.django_db
def test_a_doc_attachment_is_scanned_like_a_docx(world):
    w = world
    pub = draft(w)
    pid = id_number(seq="321")
    data = to_legacy(docx_of([f"申请人王建国，身份证号{pid}。"]), "doc")
    att = services.add_attachment(pub, actor=w.editor, uploaded=Upload(data, "申请.wps"))
    assert att.kind == "doc" and pid in att.text
    assert pub.findings.get(attachment=att, kind="id_number").can_mask


@pytest.mark.django_db
def test_a_word_import_takes_a_doc(world):
    w = world
    data = to_legacy(
        docx_of(["关于做好2026年政务公开工作的通知", "各乡镇：现就有关事项通知如下。", "2026年3月5日"]), "doc"
    )
    pub, warnings = services.import_docx(w.town, actor=w.editor, uploaded=Upload(data, "通知.doc"))
    assert pub.title == "关于做好2026年政务公开工作的通知" and str(pub.formed_date) == "2026-03-05"


@pytest.mark.django_db
def test_a_failing_converter_keeps_the_upload_and_says_why(world, converter_settings):
    w = world
    pub = draft(w)
    convert.configure(soffice="no-such-soffice-here")
    data = to_legacy(xlsx_of([["姓名"], ["李四"], ["一个从未转换过的文件"]]), "xls")
    att = services.add_attachment(pub, actor=w.editor, uploaded=Upload(data, "名单.xls"))
    att.refresh_from_db()
    assert att.pk and att.size == len(data) and "未安装格式转换程序 LibreOffice" in att.text_error
    with att.file.open("rb") as fh:
        assert fh.read() == data  # nothing lost


@pytest.mark.django_db
def test_ofd_and_scanned_pdf_attachments(world):
    w = world
    pub = draft(w)
    pid = id_number(seq="322")
    ofd = services.add_attachment(
        pub, actor=w.editor, uploaded=Upload(build_ofd([[f"身份证号{pid}"]]), "公示.ofd")
    )
    finding = pub.findings.get(attachment=ofd, kind="id_number")
    assert not finding.can_mask and "第1页" in finding.location
    scan = services.add_attachment(pub, actor=w.editor, uploaded=Upload(make_pdf([]), "扫描件.pdf"))
    scan.refresh_from_db()
    assert "没有文字层" in scan.text_error and "人工核对" in scan.text_error
