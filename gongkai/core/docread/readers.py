"""Readers for .txt, .docx, .pdf, .xlsx and .ofd (HTML lives in ``htmlmain``; .doc/.wps/.xls/.et are read as the
.docx/.xlsx ``core.convert`` makes of them): file → list of :class:`Block`.

Every reader hands its raw paragraphs and tables to ``build_blocks`` so the clean-up is the same whatever the
format. Bad input raises :class:`DocumentError` with a Chinese message naming the problem and the fix.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.core import convert, filetype, ofd
from gongkai.core.filetype import Kind, decode_text

from .blocks import Block, RawPart, build_blocks
from .htmlmain import read_html
from .normalize import TERMINAL, clean_line
from .outline import match_marker

if TYPE_CHECKING:
    from docx.table import Table


class DocumentError(ValueError):
    """A document that cannot be read; the message is for the official (Chinese)."""


Source = str | Path | bytes | io.IOBase

# -- text ---------------------------------------------------------------------------------------------------


_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _table_cells(line: str, in_table: bool) -> list[str] | None:
    """Cells of a text-table line (Markdown ``| a | b |`` or tab-separated), else None.

    A tab line needs two filled cells to start a table (a paragraph indented with tabs is not one); inside a
    table, a part-title row with one filled cell and trailing tabs continues it.
    """
    stripped = line.strip(" \r\n")
    if stripped.count("|") >= 2:
        inner = stripped.strip().strip("|")
        return [cell.strip() for cell in inner.split("|")]
    if stripped.count("\t") >= 2:
        cells = [cell.strip() for cell in stripped.split("\t")]
        if sum(1 for c in cells if c) >= 2 or (in_table and any(cells)):
            while cells and not cells[0] and not in_table:
                cells.pop(0)
            return cells
    return None


def text_parts(text: str) -> list[RawPart]:
    """Plain text → paragraphs and text tables (runs of at least two table lines)."""
    parts: list[RawPart] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    buffer: list[str] = []
    rows: list[list[str]] = []

    def flush_rows() -> None:
        if len(rows) >= 2:
            parts.append(list(rows))
        elif rows:
            buffer.extend("\t".join(str(c) for c in row) for row in rows)
        rows.clear()

    for line in lines:
        if _MD_SEPARATOR.match(line) and "-" in line:
            continue
        cells = _table_cells(line, bool(rows))
        if cells is not None:
            if buffer:
                parts.append("\n".join(buffer))
                buffer.clear()
            rows.append(cells)
            continue
        flush_rows()
        buffer.append(line)
    flush_rows()
    if buffer:
        parts.append("\n".join(buffer))
    return parts


def read_text(text: str) -> list[Block]:
    """A string (pasted text, a decoded .txt) → blocks."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return build_blocks(text_parts(text))


def read_txt(data: bytes) -> list[Block]:
    return read_text(decode_text(data))


# -- docx ---------------------------------------------------------------------------------------------------


def _docx_rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A horizontally merged cell is returned once per grid column: keep it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(cells)
    return rows


def read_docx(data: bytes) -> list[Block]:
    """Paragraphs and tables in document order (python-docx ``iter_inner_content``)."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(
            "无法读取该 Word 文件（.docx），文件可能已损坏；请用 Word 打开后另存为 .docx 再导入。"
        ) from exc
    parts: list[RawPart] = []
    for element in document.iter_inner_content():
        if isinstance(element, Table):
            parts.append(_docx_rows(element))
        else:
            parts.append(element.text)
    return build_blocks(parts)


# -- pdf ----------------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[-—－–\s]*\d{1,4}[-—－–\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$"
)


def join_pdf_lines(lines: list[tuple[str, float, float]]) -> list[str]:
    """Re-join lines that the PDF wrapped at the right margin, from their positions.

    ``lines`` are (text, x0, x1) of every text line, pages concatenated. A line that reaches the right margin
    and does not end a sentence was wrapped, unless the next line is indented (首行缩进: a new paragraph) or
    starts an outline marker. Centred titles and short last lines keep their break. ``build_blocks`` then
    applies the general mid-sentence rule on top.
    """
    kept = [(clean_line(text), x0, x1) for text, x0, x1 in lines]
    kept = [(text, x0, x1) for text, x0, x1 in kept if text and not _PAGE_NUMBER.match(text)]
    if not kept:
        return []
    widths = sorted((x1 - x0) / len(text) for text, x0, x1 in kept if len(text) >= 4) or [10.0]
    char = widths[len(widths) // 2]
    left = min(x0 for _, x0, _ in kept)
    right = max(x1 for _, _, x1 in kept)
    out: list[str] = []
    previous_x0: float | None = None
    previous_x1: float | None = None
    for text, x0, x1 in kept:
        if out and previous_x0 is not None and previous_x1 is not None:
            wrapped = right - previous_x1 < 1.5 * char
            indented = x0 - left > 1.0 * char
            # A long centred title continued on a second centred line.
            centred_pair = (
                previous_x0 - left > 2 * char
                and abs((previous_x0 - left) - (right - previous_x1)) < 2 * char
                and abs((x0 - left) - (right - x1)) < 2 * char
                and previous_x1 - previous_x0 > 0.6 * (right - left)
            )
            continued = (wrapped and not indented) or centred_pair
            # Only a sentence end stops a wrapped line: "…与村（居）" at the margin goes on "务公开…".
            if continued and out[-1][-1] not in TERMINAL and match_marker(text) is None:
                out[-1] += text
                previous_x0, previous_x1 = x0, x1
                continue
        out.append(text)
        previous_x0, previous_x1 = x0, x1
    return out


def read_pdf(data: bytes, filename: str = "文件.pdf") -> list[Block]:
    """The text layer, page by page; scanned PDFs without text are reported, not guessed."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(
            "无法读取该 PDF 文件，文件可能已损坏或加密；请导出为未加密的 PDF 或 Word 后再导入。"
        ) from exc
    lines: list[tuple[str, float, float]] = []
    with pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines(return_chars=False):
                lines.append((line["text"], float(line["x0"]), float(line["x1"])))
    if not "".join(text for text, _, _ in lines).strip():
        raise DocumentError(filetype.no_text_message(filename))
    return build_blocks(["\n".join(join_pdf_lines(lines))])


# -- ofd ----------------------------------------------------------------------------------------------------


def read_ofd(data: bytes, filename: str = "文件.ofd") -> list[Block]:
    """The pages of an OFD (``core.ofd``), lines as laid out; a file without text is reported, not guessed."""
    try:
        pages = ofd.read_pages(data)
    except ofd.OfdError as exc:
        raise DocumentError(str(exc)) from None
    if not any(page.strip() for page in pages):
        raise DocumentError(filetype.no_text_message(filename, Kind.OFD))
    return build_blocks(["\n".join(page for page in pages if page.strip())])


# -- xlsx ---------------------------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> list[Block]:
    """One table block per non-empty sheet. Vertically merged cells (目标任务 spanning rows) are filled down."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise DocumentError(
            "无法读取该 Excel 文件（.xlsx），文件可能已损坏；请用 Excel 打开后另存为 .xlsx 再导入。"
        ) from exc
    blocks: list[Block] = []
    for index, sheet in enumerate(workbook.worksheets, start=1):
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            if merged.min_col != merged.max_col:
                continue
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(grid) else None
            for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                grid[r - 1][merged.min_col - 1] = value
        blocks.extend(build_blocks([grid], page=index, sheet=sheet.title))
    return blocks


# -- dispatch -----------------------------------------------------------------------------------------------

# What the readers take (``core.filetype`` decides what a file is, the same way for every caller).
KINDS = (Kind.TEXT, Kind.HTML, Kind.DOCX, Kind.PDF, Kind.XLSX, Kind.DOC, Kind.XLS, Kind.OFD)
MAX_BYTES = 200 * 1024 * 1024


def read(source: Source, *, filename: str | None = None, kind: str | None = None) -> list[Block]:
    """Any supported document → blocks. ``source`` is a path, bytes or a binary file object."""
    if isinstance(source, str | Path):
        path = Path(source)
        filename = filename or path.name
        try:
            size: int | None = path.stat().st_size
            data = path.read_bytes() if size is not None and size <= MAX_BYTES else b""
        except OSError as exc:
            raise DocumentError(f"无法打开文件 {path}：{exc.strerror or exc}") from exc
    elif isinstance(source, bytes):
        size, data = len(source), source
    else:
        filename = filename or Path(str(getattr(source, "name", "") or "")).name
        size = filetype.size_of(source)
        data = source.read(MAX_BYTES + 1) if size is None or size <= MAX_BYTES else b""
    if size is not None and size > MAX_BYTES:  # refused before the file is read
        limit = filetype.limit_text(MAX_BYTES)
        raise DocumentError(filetype.message("too_large", filename or "", limit=limit))
    if kind is None:
        try:
            kind = filetype.verdict(data, filename or "", KINDS, MAX_BYTES).value
        except filetype.FileTypeError as exc:
            raise DocumentError(str(exc)) from None
    if kind in ("doc", "xls"):  # .doc/.wps and .xls/.et: read as the .docx/.xlsx LibreOffice makes of them
        try:
            data = convert.to_ooxml(data, Kind(kind), name=filename or "文件")
        except convert.ConversionError as exc:
            raise DocumentError(str(exc)) from None
        kind = filetype.LEGACY[Kind(kind)].value
    if kind in ("txt", "text"):
        return read_txt(data)
    if kind == "ofd":
        return read_ofd(data, filename or "文件.ofd")
    if kind == "docx":
        return read_docx(data)
    if kind == "pdf":
        return read_pdf(data, filename or "文件.pdf")
    if kind == "xlsx":
        return read_xlsx(data)
    if kind == "html":
        return read_html(data)
    raise DocumentError("无法识别的文件格式；支持 .txt、.docx、.pdf、.html、.xlsx。")
