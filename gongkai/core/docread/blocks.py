"""Text blocks (文本块): what every reader returns, in document order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .normalize import clean_line, join_lines_with_sources

PARAGRAPH = "paragraph"
TABLE = "table"

# What a reader hands to ``build_blocks``: raw paragraph text, or a table as rows of raw cell values.
RawTable = Sequence[Sequence[object]]
RawPart = str | RawTable


@dataclass
class Block:
    """A paragraph, or a table as rows of cell texts.

    ``page`` is the PDF page (1-based) or the spreadsheet's sheet index (1-based) the block came from.
    ``lines`` are the raw lines a paragraph was joined from (tabs and runs of spaces kept), for readers that
    need the layout the clean-up removes; not compared and not serialised.
    """

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    page: int | None = None
    sheet: str | None = None
    lines: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def is_table(self) -> bool:
        return self.kind == TABLE

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.is_table:
            data["rows"] = self.rows
        else:
            data["text"] = self.text
        if self.page is not None:
            data["page"] = self.page
        if self.sheet is not None:
            data["sheet"] = self.sheet
        return data


def table_block(rows: RawTable, **extra: Any) -> Block | None:
    """A table block from raw cell values; empty rows and trailing empty cells are dropped."""
    cleaned: list[list[str]] = []
    for row in rows:
        cells = [clean_line(" ".join(str(v).split("\n"))) if v is not None else "" for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            cleaned.append(cells)
    if not cleaned:
        return None
    text = "\n".join("\t".join(row) for row in cleaned)
    return Block(TABLE, text=text, rows=cleaned, **extra)


def build_blocks(parts: Sequence[RawPart], **extra: Any) -> list[Block]:
    """Raw paragraphs (strings, may contain line breaks) and tables (lists of rows) → clean blocks.

    Consecutive text is cleaned and re-joined across line and paragraph breaks (see ``join_lines``); a table
    stops the joining.
    """
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        for paragraph, raw_lines in join_lines_with_sources(pending):
            blocks.append(Block(PARAGRAPH, text=paragraph, lines=raw_lines, **extra))
        pending.clear()

    for part in parts:
        if isinstance(part, str):
            pending.extend(part.split("\n"))
        else:
            flush()
            table = table_block(part, **extra)
            if table is not None:
                blocks.append(table)
    flush()
    return blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain text: one paragraph per line, table rows as tab-separated lines."""
    return "\n".join(block.text for block in blocks)
