"""The scanner's data: findings (扫描发现), their locations, severities and wording terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# The nine kinds, and nothing else: callers (reviews, the CLI, reports) switch on these strings.
KINDS = (
    "id_number",
    "mobile",
    "landline",
    "bank_card",
    "email",
    "address",
    "passport",
    "secrecy_marking",
    "term",
)
# Kinds that are a person's data and get masked; markings and wording are fixed by hand.
PERSONAL_KINDS = frozenset({"id_number", "mobile", "landline", "bank_card", "email", "address", "passport"})

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITIES = (HIGH, MEDIUM, LOW)

KIND_LABELS = {
    "id_number": "身份证号",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "address": "详细住址",
    "passport": "护照/通行证号",
    "secrecy_marking": "密级/内部标识",
    "term": "不规范表述",
}
SEVERITY_LABELS = {HIGH: "高", MEDIUM: "中", LOW: "低"}


def words(text: str) -> list[str]:
    """A word list written as one space-separated string (long Chinese lists stay readable)."""
    return text.split()


def raised(severity: str) -> str:
    """One step up: a name next to the value makes it identify a person (数据汇聚)."""
    return {LOW: MEDIUM, MEDIUM: HIGH}.get(severity, severity)


@dataclass(frozen=True)
class Location:
    """Where a finding sits, structured; ``label()`` is the human form (第3段, 表格1 第2行第3列, Sheet1!C5, 第2页)."""

    source: str = "text"  # text | docx | xlsx | pdf | ofd | html
    part: str = ""  # docx: 页眉/页脚/脚注/尾注/批注/文本框; empty for the body
    line: int | None = None
    paragraph: int | None = None
    table: tuple[int, ...] | None = None  # (1,) or (1, 2) for a table nested in table 1
    row: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None

    @classmethod
    def at(cls, **fields: Any) -> Location:
        """Build without the frozen-dataclass __init__ (a scan builds one per finding)."""
        new = object.__new__(cls)
        new.__dict__.update(_LOCATION_DEFAULTS)
        new.__dict__.update(fields)
        return new

    def label(self) -> str:
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}"
        bits = [self.part] if self.part else []
        if self.page is not None:
            bits.append(f"第{self.page}页")
        if self.table is not None:
            bits.append(f"表格{'-'.join(str(t) for t in self.table)} 第{self.row}行第{self.column}列")
        if self.paragraph is not None:
            bits.append(f"第{self.paragraph}段")
        if self.line is not None and self.table is None and self.paragraph is None:
            bits.append(f"第{self.line}行")
        return " ".join(bits) or "正文"

    def as_dict(self) -> dict[str, Any]:
        # The fields are plain values (no nested dataclasses): read them directly, asdict's deep copy is slow.
        return {
            k: (list(v) if isinstance(v, tuple) else v)
            for k, v in self.__dict__.items()
            if k in _LOCATION_FIELDS and v is not None and v != ""
        }


_LOCATION_DEFAULTS = {f: getattr(Location(), f) for f in Location.__dataclass_fields__}
_LOCATION_FIELDS = frozenset(_LOCATION_DEFAULTS)


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer must look at before publication (扫描发现).

    ``text`` is exactly the characters found; ``start``/``end`` index it in the scanned block (the whole text for
    ``scan_text``, one paragraph / cell / page for files). ``mask`` is the suggested replacement (None when the
    scanner offers none, e.g. a secrecy marking: the item must not be published at all).
    """

    kind: str
    severity: str
    text: str
    start: int
    end: int
    mask: str | None
    where: Location = field(default_factory=Location)
    replacement: str | None = None  # terms: the correct wording
    note: str = ""
    aggregated: bool = False  # a person's name is in the same row / line
    can_mask: bool = True
    context: str = ""  # files: the characters around the value (a table row's cells joined by " | ")

    @property
    def location(self) -> str:
        return self.where.label()

    @classmethod
    def make(
        cls, kind: str, severity: str, text: str, start: int, end: int, mask: str | None, **extra: Any
    ) -> Finding:
        """Build without the frozen-dataclass __init__ (hot path of the detectors)."""
        new = object.__new__(cls)
        new.__dict__.update(_FINDING_DEFAULTS)
        new.__dict__.update(kind=kind, severity=severity, text=text, start=start, end=end, mask=mask, **extra)
        return new

    def _update(self, changes: dict[str, Any]) -> Finding:
        """In-place change, only for findings the scanner has just built and not yet handed out."""
        self.__dict__.update(changes)
        return self

    def moved(self, **changes: Any) -> Finding:
        """A copy with some fields changed (dataclasses.replace without re-running __init__: scans make many)."""
        new = object.__new__(Finding)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "text": self.text,
            "location": self.location,
            "mask": self.mask,
        }

    def as_full_dict(self) -> dict[str, Any]:
        return {
            **self.as_dict(),
            "where": self.where.as_dict(),
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
            "note": self.note,
            "aggregated": self.aggregated,
            "can_mask": self.can_mask,
        }


_FINDING_DEFAULTS = {
    "where": Location(),
    "replacement": None,
    "note": "",
    "aggregated": False,
    "can_mask": True,
    "context": "",
}


@dataclass(frozen=True)
class Term:
    """A wording to flag (不规范表述): the wrong form, the correct one, why."""

    wrong: str
    correct: str
    note: str = ""
    severity: str = MEDIUM

    @classmethod
    def of(cls, entry: Term | Sequence[str]) -> Term:
        if isinstance(entry, Term):
            return entry
        return cls(*entry)


class ScanError(ValueError):
    """A file the scanner cannot read; the message is Chinese and names the fix."""
