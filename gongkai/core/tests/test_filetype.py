"""core.filetype: what a file is by content, the one check (size, empty, zip bomb, lying extension, allowed kinds)."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from gongkai.core import filetype
from gongkai.core.filetype import Kind, check, sniff, zip_too_big
from gongkai.core.tests.fixtures import make_pdf
from gongkai.core.tests.legacy_fixtures import build_ofd, docx_of, to_legacy, xlsx_of

MB = 1024 * 1024


def _zip(entries: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


PDF = make_pdf(["测试"])


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, Kind.PDF),
        (codecs.BOM_UTF8 + PDF, Kind.PDF),
        (b"\r\n  " + PDF, Kind.PDF),
        (_zip({"word/document.xml": "<w/>"}), Kind.DOCX),
        (_zip({"xl/workbook.xml": "<w/>"}), Kind.XLSX),
        (_zip({"ppt/presentation.xml": "<p/>"}), Kind.PPTX),
        (_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}), Kind.ODT),
        (_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), Kind.ODS),
        (build_ofd([["一行"]]), Kind.OFD),
        (_zip({"a.txt": "x"}), Kind.ZIP),
        (b"PK\x03\x04broken", Kind.DAMAGED),
        (filetype.OLE_MAGIC + bytes(600), Kind.OLE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", Kind.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", Kind.PNG),
        (b"GIF89a\x01\x00", Kind.GIF),
        (b"BM" + bytes(12) + b"\x28" + bytes(30), Kind.BMP),
        (b"MZ\x90\x00\x03", Kind.EXE),
        (b"\x7fELF\x02\x01", Kind.EXE),
        (b"Rar!\x1a\x07\x00", Kind.ARCHIVE),
        (b"<!DOCTYPE html><html><body>x</body></html>", Kind.HTML),
        (codecs.BOM_UTF8 + "<html><body>公开</body></html>".encode(), Kind.HTML),
        (codecs.BOM_UTF16_LE + "<html><body>公开</body></html>".encode("utf-16-le"), Kind.HTML),
        ("县政府办公室：联系电话13912345678".encode(), Kind.TEXT),
        ("县政府办公室：联系电话13912345678".encode("gb18030"), Kind.TEXT),
        (codecs.BOM_UTF16_BE + "县政府".encode("utf-16-be"), Kind.TEXT),
        ("BMW 是一个品牌".encode(), Kind.TEXT),
        (bytes(range(256)), Kind.BINARY),
        (b"", Kind.EMPTY),
    ],
)
def test_sniff_by_content(data, kind):
    assert sniff(data) is kind


def test_a_text_cut_in_the_middle_of_a_character_is_still_text():
    data = ("公开" * 3000).encode()  # the 4096-byte head ends inside a 3-byte character
    assert sniff(data) is Kind.TEXT
    assert sniff(("公开" * 3000).encode("gb18030")[:4097]) is Kind.TEXT


def test_real_legacy_office_files_are_told_apart_by_their_streams():
    doc = to_legacy(docx_of(["测试文档"]), "doc")
    xls = to_legacy(xlsx_of([["姓名"], ["王建国"]]), "xls")
    assert sniff(doc) is Kind.DOC and "WordDocument" in filetype.ole_streams(doc)
    assert sniff(xls) is Kind.XLS and "Workbook" in filetype.ole_streams(xls)


class _Info:
    def __init__(self, size: int) -> None:
        self.file_size = size


def test_the_zip_bomb_rule_is_relative_and_absolute():
    # Relative: over 100 times the file once over 16 MB unpacked.
    assert zip_too_big([_Info(40 * MB)], 40 * 1024)
    assert not zip_too_big([_Info(15 * MB)], 10 * 1024)  # a small file may compress well
    assert not zip_too_big([_Info(40 * MB)], 4 * MB)  # a big ordinary workbook: ratio 10
    # Absolute: over 1 GB unpacked whatever the file's size.
    assert zip_too_big([_Info(600 * MB), _Info(600 * MB)], 200 * MB)
    assert not zip_too_big([_Info(900 * MB)], 200 * MB)


@pytest.mark.parametrize("inner", ["word/document.xml", "xl/workbook.xml", "ppt/presentation.xml", "OFD.xml"])
def test_every_zip_format_gets_the_bomb_check(inner):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(inner, "<x/>")
        archive.writestr("pad.bin", bytes(20 * MB))
    assert sniff(out.getvalue()) is Kind.ZIP_BOMB


def test_a_real_workbook_of_20000_rows_is_no_bomb():
    rows = [["序号", "姓名", "金额"]] + [[i, f"姓名{i % 97}", 1200] for i in range(20000)]
    data = xlsx_of(rows)
    assert sniff(data) is Kind.XLSX


class _Unreadable(io.BytesIO):
    """An upload that must not be read: its size alone refuses it."""

    name = "大文件.pdf"
    size = 500 * MB

    def read(self, *args, **kwargs):
        raise AssertionError("read() called on a file over the limit")


def test_the_size_is_checked_before_anything_is_read():
    with pytest.raises(filetype.FileTypeError) as caught:
        check(_Unreadable(), [Kind.PDF], 10 * MB)
    assert caught.value.code == "too_large" and "超过 10 MB" in str(caught.value)


def test_at_most_the_limit_is_read_from_a_file_without_a_size():
    class Stream(io.RawIOBase):
        name = "流.pdf"
        served = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            n = len(buffer)
            buffer[:n] = b"%" * n
            Stream.served += n
            return n

        def seekable(self):
            return False

    with pytest.raises(filetype.FileTypeError, match="超过"):
        check(io.BufferedReader(Stream()), [Kind.PDF], 1 * MB)
    assert Stream.served <= 1 * MB + 64 * 1024


@pytest.mark.parametrize(
    ("data", "name", "allowed", "verdict"),
    [
        (PDF, "通知.pdf", [Kind.PDF], "pdf"),
        (codecs.BOM_UTF8 + PDF, "通知.pdf", [Kind.PDF], "pdf"),
        (docx_of(["x"]), "通知.doc", [Kind.DOCX, Kind.DOC], "docx"),  # same sort: the content decides
        (docx_of(["x"]), "通知.txt", [Kind.DOCX], "docx"),  # a plain-text name claims nothing binary
        (docx_of(["x"]), "通知", [Kind.DOCX], "docx"),
        (xlsx_of([["x"]]), "名单.docx", [Kind.DOCX, Kind.XLSX], "mismatch"),
        (b"<html><body>x</body></html>", "通知.pdf", [Kind.PDF, Kind.HTML], "mismatch"),
        (b"MZ\x90\x00" + bytes(200), "名单.xlsx", [Kind.XLSX], "mismatch"),
        (b"MZ\x90\x00" + bytes(200), "setup.exe", [Kind.PDF], "not_allowed"),
        (b"<div>x</div>", "页面.html", [Kind.HTML], "html"),  # a fragment named .html is HTML
        (filetype.OLE_MAGIC + bytes(600), "旧.doc", [Kind.DOC], "not_allowed"),
        (b"", "空.pdf", [Kind.PDF], "empty"),
        (b"PK\x03\x04broken", "坏.docx", [Kind.DOCX], "damaged"),
    ],
)
def test_the_one_check(data, name, allowed, verdict):
    try:
        result = check(data, allowed, 20 * MB, name=name).kind.value
    except filetype.FileTypeError as exc:
        assert name in str(exc)
        result = exc.code
    assert result == verdict


def test_messages_name_the_file_the_problem_and_the_fix():
    with pytest.raises(filetype.FileTypeError) as caught:
        check(b"<html></html>", [Kind.PDF], MB, name="../../伪装.pdf")
    text = str(caught.value)
    assert text.startswith("文件“伪装.pdf”的扩展名是 .pdf，但内容不是 PDF 文件（实际是网页）")
    assert "另存为" in text
    with pytest.raises(filetype.FileTypeError) as caught:
        check(b"MZ" + bytes(100), [Kind.PDF, Kind.JPEG], MB, name="a.bin")
    assert "只接受 PDF 文件、JPEG 图片" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "data", "stored"),
    [
        ("通知", PDF, "通知.pdf"),
        ("x.php", PDF, "x.php.pdf"),
        ("附件.txt", docx_of(["x"]), "附件.docx"),
        ("名单.et", to_legacy(xlsx_of([["x"]]), "xls"), "名单.et"),
        ("../通知.PDF", PDF, "通知.PDF"),
    ],
)
def test_a_checked_file_gets_a_name_that_says_what_it_is(name, data, stored):
    kinds = [Kind.PDF, Kind.DOCX, Kind.XLS]
    assert check(data, kinds, 20 * MB, name=name).name == stored
