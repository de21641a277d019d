"""Import and export of the unit list (单位批量导入/导出) as .xlsx or .csv with Chinese headers.

Import is two steps: ``check_upload`` reads and checks every row against the current data without saving and
returns an ``ImportPlan`` (shown as a preview with row-level messages); ``services.import_units`` applies it, all
rows or none. A row updates the existing unit with the same full name, otherwise creates one. A column left out of
the file leaves that field alone; a column present with an empty cell clears it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from gongkai.core import convert, filetype
from gongkai.core.cells import FORMULA_START, escape_row
from gongkai.core.creditcode import credit_code_error
from gongkai.core.filetype import Kind

from .checks import clean_aliases
from .errors import OrgsError, UploadError
from .models import Unit, UnitKind

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_KINDS = (
    Kind.XLSX,
    Kind.XLS,
    Kind.TEXT,
)  # .xlsx, .xls/.et (converted) or .csv, by content (core.filetype)
MAX_ROWS = 5000

HEADERS = [
    "上级单位",
    "单位全称",
    "简称",
    "别名(、分隔)",
    "类型",
    "统一社会信用代码",
    "索引号前缀",
    "办公地址",
    "邮政编码",
    "办公时间",
    "咨询电话",
    "传真",
    "电子邮箱",
    "网站",
]
FIELDS = dict(
    zip(
        HEADERS,
        [
            "parent",
            "name",
            "short_name",
            "aliases",
            "kind",
            "credit_code",
            "index_prefix",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "fax",
            "email",
            "website",
        ],
        strict=True,
    )
)
LABELS = {v: k for k, v in FIELDS.items()}
LABELS["aliases"] = "别名"
# Other header spellings officials use.
HEADER_SYNONYMS = {
    "上级": "上级单位",
    "上级单位全称": "上级单位",
    "全称": "单位全称",
    "单位名称": "单位全称",
    "名称": "单位全称",
    "别名": "别名(、分隔)",
    "单位类型": "类型",
    "信用代码": "统一社会信用代码",
    "社会信用代码": "统一社会信用代码",
    "索引号": "索引号前缀",
    "地址": "办公地址",
    "邮编": "邮政编码",
    "电话": "咨询电话",
    "联系电话": "咨询电话",
    "传真号码": "传真",
    "邮箱": "电子邮箱",
    "网址": "网站",
    "门户网站": "网站",
}
MAX_LENGTHS = {
    "name": 100,
    "short_name": 50,
    "address": 200,
    "office_hours": 200,
    "phone": 50,
    "fax": 50,
    "website": 200,
    "email": 254,
}
KIND_SYNONYMS = {
    "政府": UnitKind.GOVERNMENT,
    "人民政府": UnitKind.GOVERNMENT,
    "政府办": UnitKind.OFFICE,
    "办公室": UnitKind.OFFICE,
    "部门": UnitKind.DEPARTMENT,
    "政府部门": UnitKind.DEPARTMENT,
    "工作部门": UnitKind.DEPARTMENT,
    "乡镇": UnitKind.TOWNSHIP,
    "乡": UnitKind.TOWNSHIP,
    "镇": UnitKind.TOWNSHIP,
    "街道": UnitKind.SUBDISTRICT,
    "开发区": UnitKind.ZONE,
    "管委会": UnitKind.ZONE,
    "园区": UnitKind.ZONE,
    "垂管": UnitKind.VERTICAL,
    "垂直管理": UnitKind.VERTICAL,
    "企业": UnitKind.ENTERPRISE,
    "公共企业": UnitKind.ENTERPRISE,
    "国有企业": UnitKind.ENTERPRISE,
}
_INDEX_PREFIX_RE = re.compile(r"^[0-9A-Za-z._/-]{1,40}$")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()  # a column absent from the file: leave the field alone


def kind_from_text(text: str) -> str | None:
    text = "".join(text.split())
    for value, label in UnitKind.choices:
        if text in (value, label):
            return value
    return KIND_SYNONYMS.get(text)


def kind_choices_text() -> str:
    return "、".join(label for _, label in UnitKind.choices)


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    # Our export guards formula-like cells with a leading apostrophe; take it off again.
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:  # the file-type check (read_upload) has made sure it is a workbook and no zip bomb
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UploadError(
            f"无法读取 Excel 文件（{exc.__class__.__name__}），请用 Excel 或 WPS 另存为 .xlsx 后重试。"
        )
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in row])
            if len(rows) > MAX_ROWS + 10:
                raise UploadError(f"行数过多：一次最多导入 {MAX_ROWS} 个单位。")
        return rows
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = filetype.decode_text(data, lenient=False)
    except UnicodeDecodeError:
        raise UploadError("无法识别 CSV 文件的编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    rows = [[_cell_text(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    if len(rows) > MAX_ROWS + 10:
        raise UploadError(f"行数过多：一次最多导入 {MAX_ROWS} 个单位。")
    return rows


def read_upload(filename: str, data: bytes) -> list[list[str]]:
    """The cells of an uploaded file, judged by its content (an .xlsx is a zip with a workbook; a .csv decodes)."""
    try:
        kind = filetype.verdict(data, filename, UPLOAD_KINDS, MAX_UPLOAD_BYTES)
    except filetype.FileTypeError as exc:
        raise UploadError(str(exc)) from None
    if kind is Kind.XLS:  # .xls/.et: the .xlsx LibreOffice makes of it (core.convert)
        try:
            data, kind = convert.to_ooxml(bytes(data), kind, name=filename), Kind.XLSX
        except convert.ConversionError as exc:
            raise UploadError(str(exc)) from None
    if kind is Kind.XLSX:
        return _read_xlsx(data)
    return _read_csv(data)


def _header_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", "".join(text.split())).replace("（", "(").replace("）", ")")
    if text in FIELDS:
        return text
    if text.startswith("别名"):
        return "别名(、分隔)"
    return HEADER_SYNONYMS.get(text, text)


# ---------------------------------------------------------------------------------------------------------------
# Checking


@dataclass
class RowPlan:
    row: int  # as numbered in the spreadsheet
    name: str
    action: str = "create"  # create / update / unchanged
    values: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)  # column label → (old, new)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.append(f"第{self.row}行【{column}】{message}")

    @property
    def action_label(self) -> str:
        return {"create": "新建", "update": "更新", "unchanged": "无变化"}.get(self.action, self.action)


@dataclass
class ImportPlan:
    filename: str
    header: list[str]
    raw_rows: list[list[str]]
    header_row: int = 1
    rows: list[RowPlan] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [e for r in self.rows for e in r.errors]

    @property
    def warnings(self) -> list[str]:
        return [w for r in self.rows for w in r.warnings]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")

    def ordered_rows(self) -> list[RowPlan]:
        """Rows with parents named in the file before their children."""
        by_name = {r.name: r for r in self.rows}
        done: set[str] = set()
        out: list[RowPlan] = []

        def visit(row: RowPlan, depth: int = 0) -> None:
            if row.name in done or depth > len(self.rows):
                return
            parent = row.values.get("parent")
            if isinstance(parent, str) and parent in by_name:
                visit(by_name[parent], depth + 1)
            done.add(row.name)
            out.append(row)

        for row in self.rows:
            visit(row)
        return out

    def to_session(self) -> dict:
        return {"filename": self.filename, "header": self.header, "raw_rows": self.raw_rows}

    @classmethod
    def from_session(cls, data: dict) -> ImportPlan:
        return check_table(data["header"], data["raw_rows"], filename=data.get("filename", ""))


def check_upload(filename: str, data: bytes) -> ImportPlan:
    """Read and check an uploaded file; nothing is saved."""
    try:
        cells = read_upload(filename, data)
    except UploadError as exc:
        return ImportPlan(filename, [], [], file_errors=[str(exc)])
    header_index = next(
        (i for i, row in enumerate(cells[:10]) if "单位全称" in [_header_key(c) for c in row]),
        None,
    )
    if header_index is None:
        return ImportPlan(
            filename,
            [],
            [],
            file_errors=["找不到表头：第一行应为列名，至少包含“单位全称”。可先导出一份单位表作为模板。"],
        )
    return check_table(
        cells[header_index], cells[header_index + 1 :], filename=filename, header_row=header_index + 1
    )


def _clean_value(row: RowPlan, key: str, text: str, existing: Unit | None):
    """The stored value for one cell, or UNSET after recording an error."""
    label = LABELS[key]
    if key in MAX_LENGTHS and len(text) > MAX_LENGTHS[key]:
        row.error(label, f"过长：不超过{MAX_LENGTHS[key]}字，当前{len(text)}字。")
        return UNSET
    if key == "kind":
        if not text:
            if existing is None:
                row.error(label, f"新单位须填写类型，可选：{kind_choices_text()}。")
            return UNSET
        kind = kind_from_text(text)
        if kind is None:
            row.error(label, f"无法识别“{text}”，可选：{kind_choices_text()}。")
            return UNSET
        return kind
    if key == "credit_code":
        code = "".join(text.split()).upper()
        message = credit_code_error(code)
        if message:
            row.error(label, message.removeprefix("统一社会信用代码"))
            return UNSET
        return code
    if key == "index_prefix":
        if text and not _INDEX_PREFIX_RE.match(text):
            row.error(label, "只能包含字母、数字和 . _ / -，不超过40位，如 014500012。")
            return UNSET
        return text
    if key == "postcode":
        if text and not re.fullmatch(r"\d{6}", text):
            row.error(label, f"应为6位数字（如 369900），当前为“{text}”。")
            return UNSET
        return text
    if key == "email":
        if text:
            try:
                EmailValidator()(text)
            except ValidationError:
                row.error(label, f"“{text}”格式不正确，应如 office@example.gov.cn。")
                return UNSET
        return text
    if key == "website":
        if text:
            try:
                URLValidator(schemes=["http", "https"])(text)
            except ValidationError:
                row.error(
                    label,
                    f"“{text}”不是有效网址：请以 http:// 或 https:// 开头，如 https://www.example.gov.cn/。",
                )
                return UNSET
        return text
    if key == "aliases":
        try:
            return clean_aliases(text)
        except OrgsError as exc:
            row.error(label, str(exc))
            return UNSET
    if key in ("name", "short_name", "parent"):
        return "".join(text.split())
    return text


def _display(value) -> str:
    if isinstance(value, list):
        return "、".join(value)
    return "" if value is None else str(value)


def check_table(
    header: list[str], rows: list[list[str]], *, filename: str = "", header_row: int = 1
) -> ImportPlan:
    """Check rows against each other and the current units. Row numbers count the header as ``header_row``."""
    plan = ImportPlan(filename, list(header), [list(r) for r in rows], header_row=header_row)
    keys = [_header_key(h) for h in header]
    unknown = [h for h, k in zip(header, keys, strict=True) if h.strip() and k not in FIELDS]
    if unknown:
        plan.file_errors.append(
            f"第{header_row}行（表头）有无法识别的列：{'、'.join(unknown)}。可用的列：{'、'.join(HEADERS)}。"
        )
    seen_columns: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in FIELDS:
            if key in seen_columns:
                plan.file_errors.append(f"第{header_row}行（表头）列“{key}”出现了两次。")
            seen_columns[key] = index
    if "单位全称" not in seen_columns:
        plan.file_errors.append(f"第{header_row}行（表头）缺少“单位全称”列。")
    if plan.file_errors:
        return plan

    columns = {FIELDS[k]: i for k, i in seen_columns.items()}
    existing = {u.name: u for u in Unit.objects.select_related("parent")}
    first_row_of: dict[str, int] = {}

    for offset, cells in enumerate(rows):
        number = header_row + 1 + offset
        if not any(c.strip() for c in cells):
            continue
        cell = {key: (cells[i].strip() if i < len(cells) else "") for key, i in columns.items()}
        name = "".join(cell["name"].split())
        row = RowPlan(number, name)
        plan.rows.append(row)
        if not name:
            row.error("单位全称", "不能为空。")
            continue
        if name in first_row_of:
            row.error("单位全称", f"与第{first_row_of[name]}行重复：同一单位只能出现一次。")
            continue
        first_row_of[name] = number
        unit = existing.get(name)
        row.action = "update" if unit else "create"
        for key, text in cell.items():
            value = _clean_value(row, key, text, unit)
            if value is not UNSET:
                row.values[key] = value
        if unit is None and "kind" not in columns:
            row.error("类型", f"表中没有“类型”列，新单位须填写类型，可选：{kind_choices_text()}。")
        if unit is not None and not unit.is_active:
            row.warnings.append(f"第{number}行：单位“{name}”已停用，导入只更新信息，不会自动启用。")
        if len(plan.rows) > MAX_ROWS:
            plan.file_errors.append(f"行数过多：一次最多导入 {MAX_ROWS} 个单位。")
            return plan

    _check_parents(plan, existing)
    _check_unique(plan, existing)
    _compute_changes(plan, existing)
    return plan


def _check_parents(plan: ImportPlan, existing: dict[str, Unit]) -> None:
    in_file = {r.name for r in plan.rows if r.name}
    # The parent each unit will have after the import (names), for the cycle check.
    parent_of = {name: (u.parent.name if u.parent else "") for name, u in existing.items()}
    for row in plan.rows:
        parent = row.values.get("parent")
        if parent is None:
            continue
        if parent and parent not in in_file and parent not in existing:
            hint = Unit.objects.filter(short_name=parent).values_list("name", flat=True).first()
            fix = f"请填写全称“{hint}”。" if hint else "请填写已有单位或本表中单位的全称，顶层单位留空。"
            row.error("上级单位", f"找不到单位“{parent}”：{fix}")
            row.values.pop("parent")
            continue
        if parent == row.name:
            row.error("上级单位", "不能是单位自己。")
            row.values.pop("parent")
            continue
        if parent in existing and parent not in in_file and not existing[parent].is_active:
            row.error("上级单位", f"“{parent}”已停用，请先启用或另选上级单位。")
        parent_of[row.name] = parent
    for row in plan.rows:
        node, steps = parent_of.get(row.name, ""), 0
        while node and steps <= len(parent_of):
            if node == row.name:
                row.error("上级单位", "隶属关系形成了循环（单位成了自己的下级），请检查上级单位。")
                break
            node, steps = parent_of.get(node, ""), steps + 1


def _check_unique(plan: ImportPlan, existing: dict[str, Unit]) -> None:
    """Credit codes, index prefixes and short names must stay unique after the import."""
    rows_by_name = {r.name: r for r in plan.rows if r.name}
    final: dict[str, dict] = {
        name: {
            "credit_code": u.credit_code,
            "index_prefix": u.index_prefix,
            "short_name": u.short_name,
            "active": u.is_active,
        }
        for name, u in existing.items()
    }
    for row in plan.rows:
        if not row.name:
            continue
        state = final.setdefault(
            row.name, {"credit_code": "", "index_prefix": "", "short_name": "", "active": True}
        )
        for key in ("credit_code", "index_prefix", "short_name"):
            if key in row.values:
                state[key] = row.values[key]

    def where(name: str) -> str:
        other = rows_by_name.get(name)
        return f"第{other.row}行的“{name}”" if other else f"已有单位“{name}”"

    for key in ("credit_code", "index_prefix"):
        holders: dict[str, list[str]] = {}
        for name, state in final.items():
            if state[key]:
                holders.setdefault(state[key], []).append(name)
        for value, names in holders.items():
            if len(names) < 2:
                continue
            for name in names:
                row = rows_by_name.get(name)
                if row and key in row.values:
                    others = "、".join(where(n) for n in names if n != name)
                    row.error(LABELS[key], f"“{value}”与{others}重复，请核对。")
    # Short names must not equal another active unit's full name or short name (the resolver needs them apart).
    names_in_use: dict[str, list[str]] = {}
    for name, state in final.items():
        if not state["active"]:
            continue
        names_in_use.setdefault(name, []).append(name)
        if state["short_name"] and state["short_name"] != name:
            names_in_use.setdefault(state["short_name"], []).append(name)
    for row in plan.rows:
        short = row.values.get("short_name")
        if short and len(names_in_use.get(short, [])) > 1:
            others = "、".join(where(n) for n in names_in_use[short] if n != row.name)
            row.error("简称", f"“{short}”已是{others}的名称或简称，请换一个以免混淆。")


def _compute_changes(plan: ImportPlan, existing: dict[str, Unit]) -> None:
    for row in plan.rows:
        unit = existing.get(row.name)
        if unit is None or row.errors:
            continue
        for key, new in row.values.items():
            if key == "name":
                continue
            old = (unit.parent.name if unit.parent else "") if key == "parent" else getattr(unit, key)
            if (old or "") != (new or "") and not (key == "aliases" and list(old or []) == list(new or [])):
                row.changes[LABELS[key]] = (_display(old), _display(new))
        row.action = "update" if row.changes else "unchanged"


# ---------------------------------------------------------------------------------------------------------------
# Export


def tree_order(units) -> list[Unit]:
    """Units parents-first, siblings by sort order (units whose parent is not in the list come first)."""
    units = list(units)
    ids = {unit.pk for unit in units}
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in ids else None, []).append(unit)
    out: list[Unit] = []

    def walk(parent_id, depth):
        for unit in sorted(children.get(parent_id, []), key=lambda child: (child.sort_order, child.pk)):
            unit.depth = depth
            out.append(unit)
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


def export_rows(units) -> list[list[str]]:
    rows = [list(HEADERS)]
    kinds = dict(UnitKind.choices)
    for unit in tree_order(units):
        values = {
            "parent": unit.parent.name if unit.parent else "",
            "name": unit.name,
            "short_name": unit.short_name,
            "aliases": "、".join(unit.aliases or []),
            "kind": kinds.get(unit.kind, unit.kind),
            "credit_code": unit.credit_code,
            "index_prefix": unit.index_prefix,
            "address": unit.address,
            "postcode": unit.postcode,
            "office_hours": unit.office_hours,
            "phone": unit.phone,
            "fax": unit.fax,
            "email": unit.email,
            "website": unit.website,
        }
        rows.append(escape_row(values[FIELDS[h]] or "" for h in HEADERS))
    return rows


def export_csv(units) -> bytes:
    """UTF-8 with BOM so Excel opens it with the right encoding."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(export_rows(units))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(units) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "单位"
    widths = [28, 30, 16, 30, 14, 22, 14, 30, 10, 30, 16, 16, 26, 30]
    for row in export_rows(units):
        sheet.append(escape_row(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula or a number (credit codes, phone numbers)
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
