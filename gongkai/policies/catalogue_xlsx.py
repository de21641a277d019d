"""现行有效规范性文件目录 as .xlsx: the same rows as the portal page, computed at request time."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date

HEADERS = (
    "序号",
    "文件名称",
    "文号",
    "制发机关",
    "成文日期",
    "施行日期",
    "有效期至",
    "有效性",
    "登记号",
    "链接",
)
WIDTHS = (6, 48, 22, 30, 12, 12, 12, 8, 16, 40)
TITLE = "现行有效规范性文件目录"


def _safe(value):
    # A cell starting with = + - @ would be a formula in a spreadsheet (injection): quote it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def issuers(doc) -> str:
    names = [doc.publication.unit.name] + [u.name for u in doc.co_issuers.all()]
    return "、".join(dict.fromkeys(names))


def row_values(n: int, doc, link: str) -> list:
    pub = doc.publication
    return [
        n,
        pub.title,
        doc.doc_number,
        issuers(doc),
        pub.formed_date,
        doc.starts_on,
        doc.expires_on,
        getattr(doc, "live_status", ""),
        doc.registration_number,
        link,
    ]


def build(rows: Iterable, today: date, link_for: Callable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = TITLE
    ws.append(list(HEADERS))
    for col, width in enumerate(WIDTHS, start=1):
        ws.cell(1, col).font = Font(bold=True)
        ws.cell(1, col).alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    for n, doc in enumerate(rows, start=1):
        ws.append([_safe(v) for v in row_values(n, doc, link_for(doc))])
        for col in (5, 6, 7):
            ws.cell(n + 1, col).number_format = "yyyy-mm-dd"
        ws.cell(n + 1, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(ws.max_row, 1)}"
    ws.oddFooter.center.text = f"{TITLE}（更新日期：{today.isoformat()}）"
    wb.properties.title = f"{TITLE}（{today.isoformat()}）"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
