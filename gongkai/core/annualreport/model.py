"""What the checker reads and says: ``Report``, ``Finding``, ``TextFigure``, ``ReportError``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

ERROR = "error"
WARNING = "warning"

# The rules a finding can name, in the order findings are listed.
RULES = (
    "format",
    "column_total",
    "outcome_total",
    "balance",
    "table4_total",
    "text_mismatch",
    "carryover",
    "stock",
)
RULE_LABELS = {
    "format": "格式",
    "column_total": "行合计",
    "outcome_total": "办理结果合计",
    "balance": "勾稽关系",
    "table4_total": "表四合计",
    "text_mismatch": "正文与表格不符",
    "carryover": "上年结转",
    "stock": "现行有效件数",
}

Number = int | Decimal
# A table read-only: row code → column code → cell. Mapping is covariant, so tables 三/四 (int cells) are one too.
TableCells = Mapping[str, Mapping[str, Number | None]]


class ReportError(ValueError):
    """The file cannot be read as a report at all (empty, binary, unsupported, not a report). Chinese message."""


@dataclass(frozen=True)
class Finding:
    """One problem. ``where`` names table, row and column for a person; ``table``/``row``/``column`` are codes."""

    rule: str
    severity: str  # "error" | "warning"
    message: str
    where: str
    table: str = ""  # "二", "三", "四", "正文", "标题" or ""
    row: str = ""
    column: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "where": self.where,
            "table": self.table,
            "row": self.row,
            "column": self.column,
        }


@dataclass(frozen=True)
class TextFigure:
    """A figure the prose states (共收到申请12件), the table cell it must equal, and where it was read."""

    table: str  # "二", "三", "四"
    row: str  # a row code; "group:<code>" = the sum of an outcome group, "litigation" = both lawsuit kinds
    column: str
    value: Number
    phrase: str  # the words it was read from, for the message
    section: str  # 一 … 六, "" before section 一


@dataclass
class Report:
    """A report as read. Cells that could not be read are ``None`` (and a ``format`` problem says why);
    rows that are missing are absent."""

    filename: str = ""
    layout: str = ""  # "txt-rows" (| or tab), "txt-cells" (one cell per line), "html", "docx"
    title: str = ""
    unit: str = ""
    year: int | None = None
    format: str = "2021"  # or "2019" (国办公开办函〔2019〕60号)
    table2: dict[str, dict[str, Number | None]] = field(default_factory=dict)
    table3: dict[str, dict[str, int | None]] = field(default_factory=dict)
    table4: dict[str, dict[str, int | None]] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # 一 … 六 → the prose of the section
    figures: list[TextFigure] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # ``format`` findings found while reading

    def cell(self, table: str, row: str, column: str) -> Number | None:
        tables: dict[str, TableCells] = {"二": self.table2, "三": self.table3, "四": self.table4}
        return tables[table].get(row, {}).get(column)

    def tables(self) -> dict[str, dict[str, dict[str, int | float | None]]]:
        """The three tables as plain data (codes as keys; money as float) for JSON."""

        def plain(rows: TableCells) -> dict[str, dict[str, int | float | None]]:
            return {
                row: {col: (float(v) if isinstance(v, Decimal) else v) for col, v in cells.items()}
                for row, cells in rows.items()
            }

        return {"table2": plain(self.table2), "table3": plain(self.table3), "table4": plain(self.table4)}
