"""The disclosure catalogue as a spreadsheet (公开目录 .xlsx) in the standard column layout.

Columns: 序号 | 公开事项（一级事项） | 公开事项（二级事项） | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 |
公开渠道和载体 | 公开对象 | 公开方式 | 公开层级. Export and import use the same layout, so an official can export,
edit in Excel and import again.
"""

from __future__ import annotations

import io

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gongkai.core import filetype
from gongkai.core.cells import escape_row
from gongkai.core.filetype import Kind

from .vocab import CATALOG_COLUMNS

HEADERS = ["序号"] + [label for _, label in CATALOG_COLUMNS]
_ALIASES = {
    "公开事项（一级事项）": "matter_l1",
    "一级事项": "matter_l1",
    "公开事项一级": "matter_l1",
    "公开事项（二级事项）": "matter_l2",
    "二级事项": "matter_l2",
    "公开事项二级": "matter_l2",
    "公开内容（要素）": "elements",
    "公开内容": "elements",
    "公开依据": "basis",
    "公开时限": "time_limit",
    "公开主体": "subject",
    "公开渠道和载体": "channels",
    "公开渠道": "channels",
    "公开对象": "audience",
    "公开方式": "mode",
    "公开层级": "level",
}


class CatalogFileError(ValueError):
    """The spreadsheet cannot be imported; the message names the problem and the fix."""


def _norm(value) -> str:
    return "".join(str(value or "").split()).replace("(", "（").replace(")", "）")


def node_rows(nodes) -> list[dict]:
    """One row per node, parents before children, with the 一级/二级 names from the tree."""
    by_parent: dict = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)
    ids = {n.pk for n in nodes}
    rows: list[dict] = []

    def walk(node, l1, trail):
        l2 = "／".join(trail)
        rows.append(
            {
                "matter_l1": l1,
                "matter_l2": l2,
                **{
                    key: getattr(node, key)
                    for key, _ in CATALOG_COLUMNS
                    if key not in ("matter_l1", "matter_l2")
                },
            }
        )
        for child in by_parent.get(node.pk, []):
            walk(child, l1, [*trail, child.name])

    for root in [n for n in nodes if n.parent_id is None or n.parent_id not in ids]:
        walk(root, root.name, [])
    return rows


def write_catalog_xlsx(title: str, nodes) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "公开目录"
    ws.append(escape_row([title]))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADERS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(node_rows(nodes), start=1):
        ws.append(escape_row([i] + [row[key] for key, _ in CATALOG_COLUMNS]))
    widths = [6, 24, 24, 36, 30, 24, 14, 20, 10, 10, 12]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "B3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_catalog_xlsx(data: bytes, filename: str = "目录.xlsx") -> list[dict]:
    """Rows of the first sheet whose header row names the standard columns (the header may be on rows 1–5)."""
    try:  # the one file-type check first: a workbook by content, no zip bomb, under the attachment limit
        filetype.verdict(data, filename, (Kind.XLSX,), settings.GONGKAI_ATTACHMENT_MAX_MB * 1024 * 1024)
    except filetype.FileTypeError as exc:
        raise CatalogFileError(str(exc)) from None
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise CatalogFileError(f"无法读取“{filename}”：请上传 Excel（.xlsx）文件，可先导出目录作为模板。")
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header_at, columns = None, {}
    for i, row in enumerate(rows[:5]):
        found = {}
        for j, value in enumerate(row):
            key = _ALIASES.get(_norm(value))
            if key and key not in found:
                found[key] = j
        if "matter_l1" in found:
            header_at, columns = i, found
            break
    if header_at is None:
        raise CatalogFileError(
            f"“{filename}”中没有找到“公开事项（一级事项）”列：请使用导出的目录表格式（前五行内须有表头）。"
        )
    out = []
    last_l1 = ""
    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {
            key: str(row[j]).strip() if j < len(row) and row[j] is not None else ""
            for key, j in columns.items()
        }
        if not any(values.values()):
            continue
        # Merged 一级 cells arrive empty below their first row: carry the last one down.
        if not values.get("matter_l1"):
            if not last_l1:
                raise CatalogFileError(f"“{filename}”第{n}行缺少“公开事项（一级事项）”。")
            values["matter_l1"] = last_l1
        last_l1 = values["matter_l1"]
        values.setdefault("matter_l2", "")
        if len(values["matter_l1"]) > 200 or len(values["matter_l2"]) > 200:
            raise CatalogFileError(f"“{filename}”第{n}行的事项名称超过200字。")
        out.append(values)
    if not out:
        raise CatalogFileError(f"“{filename}”没有数据行。")
    return out
