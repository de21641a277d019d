"""现行有效规范性文件目录 as .xlsx: the same rows as the portal page, computed at request time."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from gongkai.core.cells import escape_row

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


def records(qs, link: str) -> list[list]:
    """One list of values per row of ``qs`` (the catalogue, ordered), read with ``values()``: no model objects.

    ``link`` is the document URL with ``{}`` for the primary key.
    """
    from .models import PolicyDocument

    through = PolicyDocument.co_issuers.through
    co: dict[int, list[str]] = {}
    pairs = through.objects.filter(policydocument_id__in=qs.values("pk")).order_by(
        "unit__sort_order", "unit_id"
    )
    for doc_id, name in pairs.values_list("policydocument_id", "unit__name"):
        co.setdefault(doc_id, []).append(name)
    out = []
    rows = qs.values_list(
        "pk",
        "publication__title",
        "doc_number",
        "publication__unit__name",
        "publication__formed_date",
        "starts_on",
        "expires_on",
        "live_status",
        "registration_number",
    )
    for n, (pk, title, number, unit, formed, starts, expires, status, reg) in enumerate(rows, start=1):
        issuers = "、".join(dict.fromkeys([unit, *co.get(pk, [])]))
        out.append([n, title, number, issuers, formed, starts, expires, status, reg, link.format(pk)])
    return out


def build(rows: Iterable[list], today: date) -> bytes:
    """Write-only mode: tens of thousands of rows stream out without a cell object per value."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(TITLE)
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center")
    header = []
    for name in HEADERS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.alignment = bold, centre
        header.append(cell)
    ws.append(escape_row(header))
    rows = list(rows)
    for values in rows:
        ws.append(escape_row(values))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(rows) + 1}"
    wb.properties.title = f"{TITLE}（更新日期：{today.isoformat()}）"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
