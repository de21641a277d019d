"""The scanner on real file formats: .docx (paragraphs, tables, headers), .xlsx (all sheets, numeric IDs),
PDF, HTML and text; masked copies; content-type detection. Files are built in the tests."""

import io
import random
import re
import zipfile

import docx
import openpyxl
import pytest
from openpyxl.styles import Font

from gongkai.core.tests.factories.textscan import random_card, random_id, random_mobile, tiny_pdf
from gongkai.core.textscan import PERSONAL_KINDS, ScanError, mask_docx, mask_file, mask_xlsx, scan_file
from gongkai.core.textscan.formats import number_text


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def xlsx_bytes(workbook) -> bytes:
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def personal(findings):
    return [f for f in findings if f.kind in PERSONAL_KINDS]


@pytest.fixture
def rng():
    return random.Random(20260)


# ------------------------------------------------------------------ Word


def recipient_docx(rng, rows=3):
    d = docx.Document()
    d.add_paragraph("兴国县2026年临时救助对象名单公示")
    d.add_paragraph("机密★1年")
    table = d.add_table(rows=1, cols=4)
    for cell, header in zip(table.rows[0].cells, ["序号", "户主姓名", "身份证号", "联系电话"], strict=True):
        cell.text = header
    people = []
    for i in range(rows):
        person = (f"{i + 1}", f"张{'一二三四五'[i]}明", random_id(rng), random_mobile(rng))
        for cell, value in zip(table.add_row().cells, person, strict=True):
            cell.text = value
        people.append(person)
    d.sections[0].footer.paragraphs[0].text = "内部资料 注意保密"
    return d, people


def test_docx_paragraphs_tables_and_footer(rng):
    d, people = recipient_docx(rng)
    found = scan_file(docx_bytes(d), "名单.docx")
    ids = [f for f in found if f.kind == "id_number"]
    assert [f.text for f in ids] == [p[2] for p in people]
    assert [f.location for f in ids] == [f"表格1 第{r}行第3列" for r in (2, 3, 4)]
    assert ids[0].where.table == (1,) and (ids[0].where.row, ids[0].where.column) == (2, 3)
    mobiles = [f for f in found if f.kind == "mobile"]
    assert all(f.severity == "high" and f.aggregated for f in mobiles)  # name column in the same row
    markings = {(f.text, f.location) for f in found if f.kind == "secrecy_marking"}
    assert markings == {("机密★1年", "第2段"), ("内部资料 注意保密", "页脚 第1段")}


def test_docx_table_without_names_keeps_medium(rng):
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "单位"
    table.rows[0].cells[1].text = "值班电话"
    table.rows[1].cells[0].text = "县政府办"
    table.rows[1].cells[1].text = random_mobile(rng)
    (f,) = scan_file(docx_bytes(d), "值班表.docx")
    assert (f.kind, f.severity, f.aggregated) == ("mobile", "medium", False)


def test_docx_nested_table_location(rng):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    inner = outer.rows[0].cells[0].add_table(rows=2, cols=2)
    number = random_id(rng)
    inner.rows[1].cells[1].text = number
    (f,) = scan_file(docx_bytes(d), "嵌套.docx")
    assert (f.text, f.location) == (number, "表格1-1 第2行第2列")


def test_mask_docx_value_split_across_runs_keeps_formatting(rng):
    number, phone = random_id(rng), random_mobile(rng)
    d = docx.Document()
    p = d.add_paragraph("申请人身份证号：")
    p.add_run(number[:5])
    bold = p.add_run(number[5:12])
    bold.bold = True
    p.add_run(number[12:] + "，电话")
    p.add_run(phone[:3]).italic = True
    p.add_run(phone[3:] + "。")
    out = io.BytesIO()
    assert mask_docx(docx_bytes(d), out) == 2
    masked = docx.Document(io.BytesIO(out.getvalue()))
    para = masked.paragraphs[0]
    assert (
        para.text == f"申请人身份证号：{number[:2]}{'*' * 13}{number[-3:]}，电话{phone[:3]}****{phone[-4:]}。"
    )
    runs = para.runs
    assert runs[2].bold and runs[2].text == "*" * 7  # the bold run still holds its 7 characters
    assert runs[4].italic and runs[4].text == phone[:3]
    assert personal(scan_file(out.getvalue(), "x.docx")) == []


def test_mask_docx_round_trip_everywhere(rng):
    d, people = recipient_docx(rng)
    d.add_paragraph("住址：兴国县潋江镇红旗大道88号3栋2单元501室，邮箱 zhangsan@example.com")
    d.sections[0].header.paragraphs[0].text = f"联系人手机 {people[0][3]}"
    original = docx_bytes(d)
    out = io.BytesIO()
    count = mask_docx(original, out)
    assert count == len(people) * 2 + 3
    after = scan_file(out.getvalue(), "x.docx")
    assert personal(after) == []
    assert {f.kind for f in after} == {"secrecy_marking"}  # markings are for a human to remove
    masked = docx.Document(io.BytesIO(out.getvalue()))
    assert masked.paragraphs[2].text == "住址：兴国县潋江镇***，邮箱 z***@example.com"
    assert masked.tables[0].rows[1].cells[1].text == people[0][1]  # names stay
    # Parts the masker did not need to touch are copied byte for byte.
    zin, zout = zipfile.ZipFile(io.BytesIO(original)), zipfile.ZipFile(out)
    assert zin.read("word/styles.xml") == zout.read("word/styles.xml")


# ------------------------------------------------------------------ Excel


def recipient_xlsx(rng):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "补贴名单"
    ws.append(["序号", "姓名", "身份证号", "手机", "住址", "金额（元）"])
    people = []
    for i in range(4):
        row = [
            i + 1,
            f"李{'甲乙丙丁'[i]}",
            random_id(rng),
            random_mobile(rng),
            "兴国县潋江镇红旗大道88号3栋",
            1200,
        ]
        ws.append(row)
        people.append(row)
    ws["B2"].font = Font(bold=True, color="FF0000")
    other = wb.create_sheet("备注")
    other["C5"] = f"收款卡号：{random_card(rng)}"
    return wb, people


def test_xlsx_every_sheet_and_cell(rng):
    wb, people = recipient_xlsx(rng)
    found = scan_file(xlsx_bytes(wb), "名单.xlsx")
    ids = [f for f in found if f.kind == "id_number"]
    assert [(f.text, f.location) for f in ids] == [(p[2], f"补贴名单!C{r}") for r, p in enumerate(people, 2)]
    assert ids[0].where.sheet == "补贴名单" and ids[0].where.cell == "C2"
    assert all(f.aggregated and f.severity == "high" for f in found if f.kind in ("mobile", "address"))
    (card,) = [f for f in found if f.kind == "bank_card"]
    assert card.location == "备注!C5"


def test_xlsx_ids_stored_as_numbers(rng):
    wb = openpyxl.Workbook()
    ws = wb.active
    number = random_id(rng, region="360732")
    while not number.isdigit():
        number = random_id(rng, region="360732")
    ws["A1"] = int(number)  # Excel keeps 15 significant digits: 3.60732…e+17
    ws["A2"] = int(random_mobile(rng))
    ws["A3"] = 123456789012345678.0  # not ID-shaped: region 12 ok but date 3456-78-90 is not
    found = scan_file(xlsx_bytes(wb), "数值.xlsx")
    assert [f.kind for f in found] == ["id_number", "mobile"]
    assert found[0].text[:14] == number[:14] and "15位" in found[0].note  # region + birth date survive
    out = io.BytesIO()
    assert mask_xlsx(xlsx_bytes(wb), out) == 2
    ws2 = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert ws2["A1"].value == number[:2] + "*" * 13 + found[0].text[-3:]
    assert isinstance(ws2["A2"].value, str) and "****" in ws2["A2"].value
    original = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(wb))).active
    assert ws2["A3"].value == original["A3"].value  # untouched
    assert personal(scan_file(out.getvalue(), "x.xlsx")) == []


def test_xlsx_exact_integer_ids_are_checked(rng):
    """Some tools write all 18 digits into the XML; then the check character decides."""
    number = random_id(rng, region="360732")
    while not number.isdigit():
        number = random_id(rng, region="360732")
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1.5
    wb.active["A2"] = 2.5
    data = xlsx_bytes(wb)
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                bad = number[:-1] + str((int(number[-1]) + 1) % 10)
                content = content.replace(b"<v>1.5</v>", f"<v>{number}</v>".encode())
                content = content.replace(b"<v>2.5</v>", f"<v>{bad}</v>".encode())
            zout.writestr(info, content)
    found = scan_file(buf.getvalue(), "整数.xlsx")
    assert [(f.kind, f.text, f.location) for f in found] == [("id_number", number, "Sheet!A1")]
    assert number_text(number) == (number, False)
    assert number_text("3.6073219900101101E+17") == ("360732199001011000", True)


def test_mask_xlsx_round_trip_keeps_formatting(rng):
    wb, people = recipient_xlsx(rng)
    out = io.BytesIO()
    assert mask_xlsx(xlsx_bytes(wb), out) == 4 * 3 + 1
    assert personal(scan_file(out.getvalue(), "x.xlsx")) == []
    masked = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    ws = masked["补贴名单"]
    assert (
        ws["B2"].value == people[0][1] and ws["B2"].font.bold and ws["B2"].font.color.rgb.endswith("FF0000")
    )
    assert ws["C2"].value == people[0][2][:2] + "*" * 13 + people[0][2][-3:]
    assert ws["E2"].value == "兴国县潋江镇***"
    assert ws["F2"].value == 1200
    assert re.fullmatch(r"收款卡号：6222\*+[0-9]{4}", masked["备注"]["C5"].value)


def test_xlsx_hidden_sheet_is_scanned_and_said(rng):
    wb = openpyxl.Workbook()
    hidden = wb.create_sheet("底稿")
    hidden.sheet_state = "hidden"
    hidden["A1"] = random_id(rng)
    (f,) = scan_file(xlsx_bytes(wb), "h.xlsx")
    assert f.location == "底稿!A1" and "隐藏" in f.note


# ------------------------------------------------------------------ PDF, HTML, text


def test_pdf_by_page_and_cannot_mask(rng):
    number = random_id(rng)
    data = tiny_pdf([["Notice"], ["Contact 13812345678", f"ID {number}"]])
    found = scan_file(data, "公示.pdf")
    assert [(f.kind, f.location, f.can_mask) for f in found] == [
        ("mobile", "第2页 第1行", False),
        ("id_number", "第2页 第2行", False),
    ]
    with pytest.raises(ScanError, match="不能自动脱敏"):
        mask_file(data, io.BytesIO(), "公示.pdf")


def test_html_text_and_table_rows(rng):
    number = random_id(rng)
    html = f"""<html><head><style>.x{{}}</style><script>var t="13900000000";</script></head><body>
    <p>联系电话：<span>138</span>12345678</p>
    <table><tr><th>姓名</th><th>身份证号</th></tr><tr><td>王五</td><td>{number}</td></tr></table>
    </body></html>"""
    found = scan_file(html.encode(), "page.html")
    assert [(f.kind, f.location, f.aggregated) for f in found] == [
        ("mobile", "第1段", False),
        ("id_number", "表格1 第2行第2列", True),
    ]


def test_text_in_gb18030_and_utf8(rng):
    number = random_id(rng)
    text = f"第一行\n户主：赵六，身份证{number}\n"
    for encoding in ("gb18030", "utf-8"):
        (f,) = scan_file(text.encode(encoding), "名单.txt")
        assert (f.text, f.location, f.severity) == (number, "第2行", "high")
    out = io.BytesIO()
    assert mask_file(text.encode("gb18030"), out, "名单.txt") == 1
    assert number not in out.getvalue().decode("utf-8")


def test_scan_file_from_path(tmp_path, rng):
    d, people = recipient_docx(rng, rows=1)
    path = tmp_path / "名单.docx"
    d.save(path)
    assert [f.text for f in scan_file(path) if f.kind == "id_number"] == [people[0][2]]
    assert [f.text for f in scan_file(str(path)) if f.kind == "id_number"] == [people[0][2]]


# ------------------------------------------------------------------ what a file really is


def test_docx_that_is_not_a_zip_is_rejected_in_chinese():
    with pytest.raises(ScanError, match=r"扩展名是 \.docx，但内容不是 Word 文档"):
        scan_file("身份证号 11010519491231002X".encode(), "伪装.docx")


def test_content_wins_over_extension(rng):
    d, people = recipient_docx(rng, rows=1)
    found = scan_file(docx_bytes(d), "附件.txt")  # a Word file uploaded under a wrong name
    assert people[0][2] in [f.text for f in found]
    wb, _ = recipient_xlsx(rng)
    assert scan_file(xlsx_bytes(wb), "名单.xls")  # within a sort (spreadsheets) the content decides
    # A name of another sort is refused, as by every upload (core.filetype).
    with pytest.raises(ScanError, match=r"扩展名是 \.docx，但内容不是 Word 文档（实际是 Excel 工作簿）"):
        scan_file(xlsx_bytes(wb), "名单.docx")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04broken", "坏.docx", "已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧.doc", "旧版 Office"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "图.png", "图片"),
        (b"hello", "x.pdf", "不是 PDF"),
    ],
)
def test_unreadable_files(data, name, message):
    with pytest.raises(ScanError, match=message):
        scan_file(data, name)


def test_zip_that_is_not_office():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "13812345678")
    with pytest.raises(ScanError, match="不是 Word 文档（实际是压缩包）"):
        scan_file(buf.getvalue(), "假.docx")
    with pytest.raises(ScanError, match="解压"):
        scan_file(buf.getvalue(), "材料.zip")


def test_markings_in_table_cells_and_sheets_have_their_location():
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.rows[1].cells[1].text = "机密★5年"
    (f,) = scan_file(docx_bytes(d), "t.docx")
    assert (f.kind, f.location) == ("secrecy_marking", "表格1 第2行第2列")
    wb = openpyxl.Workbook()
    wb.active["B3"] = "内部资料 注意保密"
    (f,) = scan_file(xlsx_bytes(wb), "t.xlsx")
    assert (f.kind, f.location) == ("secrecy_marking", "Sheet!B3")
