"""CSV and Excel exports of audit events (the staff page and ``gongkai audit export`` share them).

CSV starts with a UTF-8 BOM so Excel opens the Chinese text correctly. Text that a spreadsheet would run as a
formula (a login attempt with the username ``=HYPERLINK(…)``) is written as text: prefixed with an apostrophe by
``gongkai.core.cells.escape_cell``, in CSV and .xlsx alike.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone

from gongkai.core.cells import escape_cell, escape_row

from . import presentation
from .errors import AuditError

BOM = "\ufeff"
HEADER = [
    "编号",
    "时间（北京时间）",
    "操作人",
    "单位",
    "操作",
    "操作代码",
    "对象类型",
    "对象编号",
    "对象",
    "变更（字段: 变更前 → 变更后）",
    "说明",
    "客户端地址",
    "渠道",
    "前一哈希",
    "哈希",
]
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header row
XLSX_MAX_CELL = 32_767


def local_time(event) -> str:
    return timezone.localtime(event.time).strftime("%Y-%m-%d %H:%M:%S")


def row(event) -> list:
    return [
        event.id,
        local_time(event),
        event.actor_name,
        event.unit_name,
        presentation.action_label(event.action),
        event.action,
        presentation.object_type_label(event.object_type),
        event.object_id,
        event.object_repr,
        presentation.changes_text(event),
        event.reason,
        event.client_ip or "",
        event.channel,
        event.prev_hash,
        event.hash,
    ]


class _Echo:
    def write(self, value):
        return value


def csv_chunks(events: Iterable) -> Iterator[str]:
    """The CSV file as text chunks (BOM, header, one line per event), for streaming responses."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(HEADER)
    for event in events:
        yield writer.writerow(escape_row(row(event)))


def write_csv(events: Iterable, stream) -> int:
    """Write the CSV to a text stream; return the number of events written."""
    chunks = csv_chunks(events)
    stream.write(next(chunks))
    count = 0
    for chunk in chunks:
        stream.write(chunk)
        count += 1
    return count


def xlsx_bytes(events: Iterable) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    for letter, width in zip(
        "ABCDEFGHIJKLMNO", (8, 20, 12, 20, 14, 18, 12, 10, 30, 60, 24, 16, 8, 20, 20), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in HEADER:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(escape_row(header))
    count = 0
    for event in events:
        if count >= XLSX_MAX_ROWS:
            raise AuditError(f"Excel 工作表最多 {XLSX_MAX_ROWS} 行，请缩小日期范围后分批导出，或改用 CSV。")
        cells = []
        for value in row(event):
            if isinstance(value, str):
                value = escape_cell(value)[:XLSX_MAX_CELL]
            cells.append(value)
        sheet.append(escape_row(cells))
        count += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), count
