""".doc/.wps/.xls/.et through LibreOffice, OFD through core.ofd, and PDFs without a text layer (issue 13, part 3).

The .doc/.xls files are made in the test from a .docx/.xlsx by the installed LibreOffice; without LibreOffice these
tests fail with a message saying to run scripts/bootstrap.sh.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile

import docx
import openpyxl
import pytest

from gongkai.core import convert, docread, filetype, ofd
from gongkai.core.filetype import Kind
from gongkai.core.tests.factories.legacy import build_ofd, docx_of, fake_soffice, soffice, to_legacy, xlsx_of
from gongkai.core.tests.fixtures import make_pdf
from gongkai.core.textscan import ScanError, mask_file, scan_file

ID = "11010519491231002X"
MOBILE = "13912345678"


@pytest.fixture(scope="module")
def doc_bytes() -> bytes:
    return to_legacy(
        docx_of(
            ["关于发放2026年耕地地力保护补贴的公示", f"联系人：王建国，电话{MOBILE}。"],
            table=[["姓名", "身份证号码"], ["王建国", ID]],
        ),
        "doc",
    )


@pytest.fixture(scope="module")
def xls_bytes() -> bytes:
    return to_legacy(xlsx_of([["姓名", "身份证号码", "金额"], ["王建国", ID, 1200]]), "xls")


@pytest.fixture
def converter_settings():
    before = convert.settings()
    yield
    convert.configure(soffice=before.soffice, timeout=before.timeout, lock_file=before.lock_file)


def test_libreoffice_is_installed():
    assert soffice()  # fails (not skips) with the install hint when it is missing
    assert convert.available()


@pytest.mark.parametrize("name", ["补贴公示.doc", "补贴公示.wps"])
def test_a_doc_or_wps_is_scanned_like_a_docx(doc_bytes, name):
    assert filetype.sniff(doc_bytes) is Kind.DOC
    found = scan_file(doc_bytes, name)
    assert {(f.kind, f.text) for f in found} >= {("id_number", ID), ("mobile", MOBILE)}
    by_text = {f.text: f for f in found}
    assert by_text[ID].where.source == "docx" and by_text[ID].where.table == (1,)
    assert by_text[ID].aggregated  # the name in the same row raised it, as in a .docx


@pytest.mark.parametrize("name", ["名单.xls", "名单.et"])
def test_an_xls_or_et_is_scanned_like_an_xlsx(xls_bytes, name):
    assert filetype.sniff(xls_bytes) is Kind.XLS
    found = [f for f in scan_file(xls_bytes, name) if f.kind == "id_number"]
    assert [(f.text, f.where.sheet, f.where.cell) for f in found] == [(ID, "名单", "B2")]


def test_a_masked_copy_of_a_doc_is_a_docx_without_the_values(doc_bytes, tmp_path):
    target = tmp_path / "公示（已脱敏）.docx"
    assert mask_file(doc_bytes, target, "公示.doc") >= 2
    masked = target.read_bytes()
    assert filetype.sniff(masked) is Kind.DOCX
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(masked)).paragraphs)
    text += "\n".join(
        c.text for t in docx.Document(io.BytesIO(masked)).tables for r in t.rows for c in r.cells
    )
    assert ID not in text and MOBILE not in text and "王建国" in text


def test_a_masked_copy_of_an_xls_is_an_xlsx(xls_bytes, tmp_path):
    target = tmp_path / "名单.xlsx"
    assert mask_file(xls_bytes, target, "名单.xls") == 1
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A2"].value == "王建国" and ID not in str(sheet["B2"].value) and sheet["B2"].value


def test_docread_reads_doc_and_xls(doc_bytes, xls_bytes):
    text = docread.blocks_to_text(docread.read(doc_bytes, filename="公示.doc"))
    assert "关于发放2026年耕地地力保护补贴的公示" in text and ID in text
    blocks = docread.read(xls_bytes, filename="名单.et")
    assert blocks[0].rows[1][:2] == ["王建国", ID]


def test_a_conversion_is_done_once_per_content(doc_bytes, converter_settings, tmp_path):
    scan_file(doc_bytes, "a.doc")
    # A broken converter now would fail any fresh conversion: the cached one is used.
    convert.configure(soffice=fake_soffice(tmp_path, "sys.exit(3)\n"))
    assert scan_file(doc_bytes, "a.doc")


# ---------------------------------------------------------------- the converter failing


def test_a_missing_converter_is_a_clear_error(converter_settings):
    convert.configure(soffice="no-such-soffice-here")
    data = b"\xd0\xcf\x11\xe0" + bytes(10)  # never reaches LibreOffice
    with pytest.raises(convert.ConversionError) as caught:
        convert.to_ooxml(data + b"missing", Kind.DOC, name="旧文件.doc")
    assert caught.value.code == "missing"
    assert "未安装格式转换程序 LibreOffice" in str(caught.value) and "bootstrap.sh" in str(caught.value)


def test_missing_converter_through_the_scanner_and_the_reader(doc_bytes, converter_settings):
    convert.configure(soffice="no-such-soffice-here")
    fresh = doc_bytes + b"\x00"  # other bytes than the cached conversion
    with pytest.raises(ScanError, match="未安装格式转换程序 LibreOffice"):
        scan_file(fresh, "旧文件.doc")
    with pytest.raises(docread.DocumentError, match="未安装格式转换程序 LibreOffice"):
        docread.read(fresh, filename="旧文件.doc")


def test_a_converter_that_hangs_is_killed_at_the_timeout(converter_settings, tmp_path):
    convert.configure(soffice=fake_soffice(tmp_path, "time.sleep(60)\n"), timeout=1)
    started = time.monotonic()
    with pytest.raises(convert.ConversionError) as caught:
        convert.to_ooxml(b"hang" + bytes(8), Kind.DOC, name="慢.doc")
    assert (
        caught.value.code == "timeout" and "超时" in str(caught.value) and "原文件未改动" in str(caught.value)
    )
    assert time.monotonic() - started < 10


def test_a_converter_that_crashes_is_a_clear_error(converter_settings, tmp_path):
    convert.configure(soffice=fake_soffice(tmp_path, "print('segfault in filter'); sys.exit(139)\n"))
    with pytest.raises(convert.ConversionError) as caught:
        convert.to_ooxml(b"crash" + bytes(8), Kind.XLS, name="坏.xls")
    assert caught.value.code == "crashed" and "segfault in filter" in str(caught.value)


def test_the_converter_runs_headless_in_a_private_profile_one_at_a_time(converter_settings, tmp_path):
    log = tmp_path / "log.txt"
    body = (
        f"log = open({str(log)!r}, 'a')\n"
        "log.write(f'start {time.monotonic()} ' + ' '.join(a for a in argv if a.startswith('-')) + '\\n'); log.flush()\n"
        "time.sleep(0.4)\n"
        "out.mkdir(exist_ok=True); (out / (source.stem + '.docx')).write_bytes(b'PK converted')\n"
        "log.write(f'end {time.monotonic()}\\n')\n"
    )
    convert.configure(soffice=fake_soffice(tmp_path, body), lock_file=str(tmp_path / "lock"))
    results = []
    threads = [
        threading.Thread(target=lambda i=i: results.append(convert.to_ooxml(bytes([i]) * 20, Kind.DOC)))
        for i in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"PK converted"] * 3
    events = [line.split(" ", 2) for line in log.read_text().splitlines()]
    assert [e[0] for e in events] == ["start", "end"] * 3  # never two at once
    flags = events[0][2]
    assert "--headless" in flags and "-env:UserInstallation=file:///" in flags and "--norestore" in flags


# ---------------------------------------------------------------- OFD


def test_ofd_text_page_by_page_with_lines_rebuilt():
    data = build_ofd([["关于公开的通知", ("联系人：", "王建国", f"电话{MOBILE}")], [f"身份证号{ID}"]])
    assert filetype.sniff(data) is Kind.OFD
    assert ofd.read_pages(data) == ["关于公开的通知\n联系人：王建国电话" + MOBILE, f"身份证号{ID}"]
    found = scan_file(data, "通知.ofd")
    assert [(f.kind, f.where.source, f.where.page) for f in found] == [
        ("mobile", "ofd", 1),
        ("id_number", "ofd", 2),
    ]
    assert not any(f.can_mask for f in found)  # flagged, fixed in the source document
    assert "联系人：王建国电话" in docread.blocks_to_text(docread.read(data, filename="通知.ofd"))


def test_ofd_with_an_absolute_doc_root():
    data = build_ofd([["第一页"]], doc_root="/Doc_0/Document.xml")
    assert ofd.read_pages(data) == ["第一页"]


def test_ofd_without_text_and_broken_ofd():
    with pytest.raises(ScanError, match="没有文字层"):
        scan_file(build_ofd([[]]), "扫描件.ofd")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "OFD.xml",
            "<ofd:OFD xmlns:ofd='x'><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
    with pytest.raises(ofd.OfdError, match="缺少“Doc_0/Document.xml”"):
        ofd.read_pages(out.getvalue())
    with pytest.raises(docread.DocumentError, match="缺少"):
        docread.read(out.getvalue(), filename="坏.ofd")


# ---------------------------------------------------------------- scanned PDF


def test_a_pdf_without_a_text_layer_gets_a_clear_message():
    scanned = make_pdf([])  # a page with no text: what a scanner produces, minus the image
    with pytest.raises(ScanError, match="没有文字层（可能是扫描件或图片）.*暂不支持 OCR"):
        scan_file(scanned, "扫描件.pdf")
    with pytest.raises(docread.DocumentError, match="没有文字层"):
        docread.read(scanned, filename="扫描件.pdf")
