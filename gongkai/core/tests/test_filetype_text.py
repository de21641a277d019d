"""The one plain-text decoder (core.filetype) and the two readers that use it."""

import codecs

import pytest

from gongkai.core import docread
from gongkai.core.filetype import decode_text
from gongkai.core.textscan import ScanError, mask_file, scan_file

TEXT = "县发改委：联系电话13912345678。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk"],
)
def test_every_supported_encoding_decodes_to_the_same_text(data):
    assert decode_text(data) == TEXT
    assert decode_text(data, lenient=False) == TEXT


def test_undecodable_bytes_are_replaced_when_lenient_and_refused_when_strict():
    data = "第一行".encode() + b"\xff\xff\x80"  # neither UTF-8 nor GB18030
    assert decode_text(data).startswith("第一行")
    assert "\ufffd" in decode_text(data)
    with pytest.raises(UnicodeDecodeError):
        decode_text(data, lenient=False)


def test_docread_and_textscan_read_a_utf16_file_alike():
    data = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")
    assert docread.blocks_to_text(docread.read(data, filename="a.txt")) == TEXT
    findings = scan_file(data, "a.txt")
    assert [f.kind for f in findings] == ["mobile"]
    assert findings[0].text == "13912345678"


def test_textscan_refuses_an_undecodable_text_file_with_a_chinese_message(tmp_path):
    data = "姓名".encode() + b"\xff\xff\x80"
    with pytest.raises(ScanError, match="另存为 UTF-8"):
        scan_file(data, "bad.txt")
    with pytest.raises(ScanError, match="bad.txt"):
        mask_file(data, tmp_path / "out.txt", "bad.txt")
    assert not (tmp_path / "out.txt").exists()
