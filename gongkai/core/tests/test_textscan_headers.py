"""Header context (issue 13 part 2): the column header or the label decides what a value is."""

import csv
import io
import random

import docx
import openpyxl
import pytest

from gongkai.core.tests.test_textscan_support import luhn_complete, random_card, random_id, random_mobile
from gongkai.core.textscan import mask_docx, mask_file, mask_xlsx, scan_file, scan_text
from gongkai.core.textscan.formats import chosen_values
from gongkai.core.textscan.headers import header_kind
from gongkai.core.textscan.idnumber import luhn_ok

ACCOUNT_HEADERS = ["银行卡号", "银行账号", "账号", "卡号", "存折账号", "一卡通账号", "社保卡号", "惠农卡号"]
SERIAL_HEADERS = ["审批编号", "合同编号", "订单号", "流水号", "档案号", "证书编号"]


@pytest.fixture
def rng():
    return random.Random(1313)


def passbook(rng: random.Random) -> str:
    """A 16–19-digit account that fails Luhn (passbook accounts do)."""
    while True:
        n = str(rng.choice("3456")) + "".join(str(rng.randrange(10)) for _ in range(rng.randrange(15, 19)))
        if not luhn_ok(n):
            return n


def province_account(rng: random.Random) -> str:
    """18 digits starting with a province code, not an ID: never a card for the detectors alone."""
    return "36" + "".join(str(rng.randrange(10)) for _ in range(16))


def lucky_serial(rng: random.Random) -> str:
    """A random 19-digit serial number that happens to pass Luhn and starts like a card."""
    return luhn_complete("6" + "".join(str(rng.randrange(10)) for _ in range(17)))


def xlsx_list(header: list[str], rows: list[list[str]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["某镇2026年惠农补贴发放名单"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_list(header: list[str], rows: list[list[str]]) -> bytes:
    d = docx.Document()
    d.add_paragraph("补贴发放名单")
    table = d.add_table(rows=1 + len(rows), cols=len(header))
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def csv_list(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def html_list(header: list[str], rows: list[list[str]]) -> bytes:
    cells = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    return f"<html><body><p>名单</p><table><tr>{cells}</tr>{body}</table></body></html>".encode()


BUILDERS = {"xlsx": xlsx_list, "docx": docx_list, "csv": csv_list, "html": html_list}


def test_header_kinds():
    for h in ACCOUNT_HEADERS + ["户主银行账号", "收款人银行卡号（必填）", "*存折账号"]:
        assert header_kind(h) == "bank_card", h
    for h in SERIAL_HEADERS:
        assert header_kind(h) == "serial", h
    assert header_kind("身份证号码") == "id_number"
    assert header_kind("申请人身份证号") == "id_number"
    assert header_kind("联系电话") == "phone"
    assert header_kind("家庭住址") == "address"
    # the unit's own public details and non-bank accounts are not sensitive columns
    for h in ("办公电话", "单位地址", "咨询电话", "微信账号", "QQ号", "姓名", "金额（元）", "备注"):
        assert header_kind(h) is None, h


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("header", ACCOUNT_HEADERS)
def test_account_column_values_are_findings_whatever_the_checksum(fmt, header, rng):
    values = [passbook(rng) for _ in range(5)] + [province_account(rng) for _ in range(5)]
    rows = [[str(i), f"张{'一二三四五六七八九十'[i]}", v, "1200"] for i, v in enumerate(values)]
    data = BUILDERS[fmt](["序号", "姓名", header, "金额"], rows)
    found = {f.text: f for f in scan_file(data, f"名单.{fmt}") if f.kind == "bank_card"}
    assert set(found) == set(values)
    assert all(f.severity == "high" for f in found.values())
    assert all(f"「{header}」" in f.note for f in found.values())


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("header", SERIAL_HEADERS)
def test_serial_column_suppresses_checksum_luck(fmt, header, rng):
    lucky = [lucky_serial(rng) for _ in range(6)]
    real_id = random_id(rng)
    rows = [[str(i), v, "已办结"] for i, v in enumerate(lucky)] + [["7", real_id, "已办结"]]
    data = BUILDERS[fmt](["序号", header, "状态"], rows)
    kinds = [(f.kind, f.text) for f in scan_file(data, f"list.{fmt}")]
    assert kinds == [("id_number", real_id)]  # a valid ID (check, region, birth date) still counts
    # the same numbers without the header are (false) bank-card findings: the header is what decides
    bare = BUILDERS[fmt](["序号", "数值", "状态"], rows)
    assert sum(f.kind == "bank_card" for f in scan_file(bare, f"list.{fmt}")) == len(lucky)


def test_id_phone_and_address_columns(rng):
    bad_id = random_id(rng)[:17] + "Z"  # not a valid ID character: the detector alone cannot see it
    bad_id = bad_id[:17] + ("0" if bad_id[16] != "0" else "1")
    rows = [["1", "张三", bad_id, "0797 632 1234", "潋江镇红旗村3组"]]
    data = xlsx_list(["序号", "姓名", "身份证号码", "联系电话", "家庭住址"], rows)
    found = {f.kind: f for f in scan_file(data, "x.xlsx")}
    assert found["id_number"].text == bad_id
    assert found["landline"].text == "0797 632 1234"
    assert found["address"].text == "潋江镇红旗村3组"
    # a township-level value under 住址 identifies nobody
    data = xlsx_list(["姓名", "住址"], [["张三", "兴国县潋江镇"]])
    assert [f.kind for f in scan_file(data, "x.xlsx")] == []


def test_label_value_in_running_text(rng):
    account = passbook(rng)
    text = f"户主张三，存折账号：{account}，补贴1200元。"
    assert [(f.kind, f.text) for f in scan_text(text)] == [("bank_card", account)]
    serial = lucky_serial(rng)
    assert scan_text(f"审批编号：{serial}") == []
    assert [f.kind for f in scan_text(f"编号 {serial}")] == ["bank_card"]  # no colon: no label
    assert (
        scan_text("咨询电话：0797-6321234")[0].severity == "low"
    )  # unit's phone: the detector's own verdict


def test_flattened_table_in_text_tab_and_spaces(rng):
    accounts = [passbook(rng) for _ in range(3)]
    lines = ["序号\t姓名\t银行账号"] + [f"{i}\t李{i}\t{a}" for i, a in enumerate(accounts)]
    assert {f.text for f in scan_text("\n".join(lines))} == set(accounts)
    lines = ["序号    姓名    惠农卡号"] + [f"{i}    李{i}    {a}" for i, a in enumerate(accounts)]
    assert {f.text for f in scan_text("\n".join(lines))} == set(accounts)


@pytest.mark.parametrize(
    "text",
    [
        "此件涉密，请妥善保管。",
        "本材料系内部资料，仅供参考。",
        "内部资料，不得翻印。",
        "本通知注意保密。\n注意保密，用后收回",
    ],
)
def test_secrecy_markings_in_running_text(text):
    assert any(f.kind == "secrecy_marking" for f in scan_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "工作人员要注意保密，不泄露个人信息。",
        "依据《内部资料性出版物管理办法》，规范内部资料。",
        "商业秘密应当保护。",
    ],
)
def test_no_marking_in_ordinary_sentences(text):
    assert not any(f.kind == "secrecy_marking" for f in scan_text(text))


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_masked_copy_covers_header_context_values(fmt, rng):
    values = [passbook(rng) for _ in range(5)] + [province_account(rng) for _ in range(5)]
    rows = [[str(i), f"王{i}", v] for i, v in enumerate(values)]
    data = BUILDERS[fmt](["序号", "姓名", "存折账号"], rows)
    out = io.BytesIO()
    masker = mask_xlsx if fmt == "xlsx" else mask_docx
    assert masker(data, out) == len(values)
    after = [f for f in scan_file(out.getvalue(), f"x.{fmt}") if f.kind == "bank_card"]
    assert after == []  # the leak of issue 13: 8 of 10 stayed readable


def test_masking_honours_the_selection(rng):
    ids = [random_id(rng) for _ in range(3)]
    phones = [random_mobile(rng) for _ in range(3)]
    rows = [[f"赵{i}", ids[i], phones[i]] for i in range(3)]
    for fmt, masker in (("xlsx", mask_xlsx), ("docx", mask_docx)):
        data = BUILDERS[fmt](["姓名", "身份证号码", "联系电话"], rows)
        findings = scan_file(data, f"x.{fmt}")
        chosen = chosen_values(f for f in findings if f.kind == "id_number")  # phones left unticked
        out = io.BytesIO()
        assert masker(data, out, values=chosen) == 3
        left = {(f.kind, f.text) for f in scan_file(out.getvalue(), f"x.{fmt}")}
        assert left == {("mobile", p) for p in phones}
    text = f"身份证号：{ids[0]}，电话 {phones[0]}".encode()
    out = io.BytesIO()
    assert mask_file(text, out, "a.txt", values={phones[0]: "1**********"}) == 1
    assert ids[0] in out.getvalue().decode() and phones[0] not in out.getvalue().decode()


def test_card_luck_outside_serial_columns_still_found(rng):
    card = random_card(rng)
    data = xlsx_list(["序号", "姓名", "备注"], [["1", "张三", card]])
    assert [f.kind for f in scan_file(data, "x.xlsx")] == ["bank_card"]


def test_zip_whose_parts_unpack_far_beyond_the_file_is_refused():
    """Issue 11: a 723 KB .docx whose document.xml is 190 MB used 1.7 GB; the scanner's reader refuses a zip
    that unpacks to far more than the file (the one check of ``core.filetype``)."""
    import zipfile

    from gongkai.core import filetype
    from gongkai.core.textscan import ScanError

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (80 * 1024 * 1024) + "</w:document>")
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    assert filetype.zip_too_big(zipfile.ZipFile(io.BytesIO(data)).infolist(), len(data))
    with pytest.raises(ScanError, match=filetype.message("zip_bomb", "bomb.docx")[:8]):
        scan_file(data, "bomb.docx")
