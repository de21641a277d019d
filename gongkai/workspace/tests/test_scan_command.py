"""``gongkai scan``: JSON shape, the readable table, wording lists, masked copies and unreadable files."""

import io
import json
import random

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.tests.factories.textscan import random_id, random_mobile
from gongkai.core.textscan import KINDS, scan_file


@pytest.fixture
def files(tmp_path):
    rng = random.Random(7)
    number, phone = random_id(rng), random_mobile(rng)
    text = tmp_path / "公示.txt"
    text.write_text(f"户主：张三，身份证号{number}\n机密★1年\n截止目前已发放。\n", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph(f"联系电话：{phone}")
    word = tmp_path / "通知.docx"
    d.save(word)
    clean = tmp_path / "干净.txt"
    clean.write_text("兴国县人民政府办公室关于做好政务公开工作的通知", encoding="utf-8")
    return {"text": text, "word": word, "clean": clean, "number": number, "phone": phone}


def run(*args):
    out = io.StringIO()
    call_command("scan", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_shape(files):
    result = json.loads(run(files["text"], files["word"], files["clean"], "--json"))
    assert [entry["file"] for entry in result] == [
        str(files["text"]),
        str(files["word"]),
        str(files["clean"]),
    ]
    for entry in result:
        for finding in entry["findings"]:
            assert set(finding) == {"kind", "severity", "text", "location", "mask"}
            assert finding["kind"] in KINDS and finding["severity"] in ("high", "medium", "low")
    first = result[0]["findings"]
    assert [(f["kind"], f["location"]) for f in first] == [
        ("id_number", "第1行"),
        ("secrecy_marking", "第2行"),
        ("term", "第3行"),
    ]
    assert first[0]["text"] == files["number"] and first[0]["mask"].count("*") == 13
    assert first[2]["mask"] == "截至目前"
    assert result[1]["findings"] == [
        {
            "kind": "mobile",
            "severity": "medium",
            "text": files["phone"],
            "location": "第1段",
            "mask": files["phone"][:3] + "****" + files["phone"][-4:],
        }
    ]
    assert result[2]["findings"] == []


def test_json_is_not_ascii_escaped(files):
    assert "机密★1年" in run(files["text"], "--json")


def test_readable_table_in_chinese(files):
    output = run(files["text"], files["clean"])
    assert "发现 3 处" in output and "身份证号" in output and "密级/内部标识" in output
    assert "删除或不予公开" in output
    assert "未发现个人信息" in output


def test_no_default_terms_and_own_terms(files, tmp_path):
    terms = tmp_path / "用语.csv"
    terms.write_text("# 错误,正确,说明\n已发放,已经发放,示例,low\n", encoding="utf-8")
    result = json.loads(run(files["text"], "--json", "--no-default-terms", "--terms", terms))
    assert [(f["text"], f["mask"], f["severity"]) for f in result[0]["findings"] if f["kind"] == "term"] == [
        ("已发放", "已经发放", "low")
    ]


def test_bad_terms_file(tmp_path, files):
    terms = tmp_path / "坏.csv"
    terms.write_text("只有一列\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第1行"):
        run(files["text"], "--terms", terms)


def test_mask_dir_writes_masked_copies(files, tmp_path):
    target = tmp_path / "脱敏"
    result = json.loads(run(files["word"], files["text"], "--json", "--mask-dir", target))
    assert result[0]["masked"] == 1
    assert scan_file(target / "通知.docx") == []
    assert files["number"] not in (target / "公示.txt").read_text(encoding="utf-8")


def test_unreadable_file_is_reported_and_fails(tmp_path, files):
    fake = tmp_path / "伪装.docx"
    fake.write_text("不是 Word", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 个文件无法扫描"):
        call_command("scan", str(fake), str(files["clean"]), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert "不是 Word 文档" in result[0]["error"] and result[1]["findings"] == []
