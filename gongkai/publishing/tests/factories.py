"""Test data: valid ID numbers and phones (fake, checksum-valid), Word and Excel files built in memory."""

import io
from datetime import date

from gongkai.core.textscan.idnumber import check_char


def id_number(region="350102", birth="19850312", seq="123") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_bytes(paragraphs=(), table=None, title=None, doc_number=None, date_line=None) -> bytes:
    import docx

    d = docx.Document()
    if doc_number:
        d.add_paragraph(doc_number)
    if title:
        d.add_heading(title, level=0)
    for p in paragraphs:
        if p.startswith("# "):
            d.add_heading(p[2:], level=1)
        elif p.startswith("- "):
            d.add_paragraph(p[2:], style="List Bullet")
        else:
            d.add_paragraph(p)
    if table:
        t = d.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = t.add_row().cells
            for c, v in zip(cells, row, strict=True):
                c.text = str(v)
    if date_line:
        d.add_paragraph(date_line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


class Upload(io.BytesIO):
    """A stand-in for Django's UploadedFile."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def subsidy_rows(n=3):
    names = ["王建国", "李秀英", "张伟", "刘洋", "陈静"]
    rows = [["序号", "姓名", "身份证号码", "联系电话", "补贴金额（元）"]]
    for i in range(n):
        rows.append([i + 1, names[i % 5], id_number(seq=f"{101 + i:03d}"), f"1380799{1000 + i:04d}", 1200])
    return rows


FORMED = date(2026, 3, 2)
