"""Layouts → one stream of tokens (cells and paragraphs in reading order).

Every layout is reduced to what a person reading the page sees in order: paragraphs, and table cells in source
order, a cell spanning several rows or columns appearing once (where it starts). That is exactly what copying a
web page gives, so the parser rebuilds rows the same way for all four layouts — from the known row labels and
column counts of the format — and never depends on how a site drew its grid.

- text with ``|`` (or tab) separated cells: one table row per line (``txt-rows``);
- text with one cell per line, cells separated by blank lines (``txt-cells``): a run of extra blank lines is an
  empty cell (with one blank line as separator, three blank lines = one empty cell);
- HTML: ``<td>``/``<th>`` in source order (rowspan/colspan need no expansion); a cell holding a table or several
  paragraphs is a layout box and is read as content;
- .docx: ``w:tc`` in order, vertically merged continuation cells (``w:vMerge`` without ``restart``) skipped.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import convert
from ..docread.htmlmain import decode_html
from ..filetype import Kind, decode_text, sniff
from .model import ReportError

if TYPE_CHECKING:  # lxml and python-docx themselves are imported when a file is read
    from lxml.etree import _Element
    from lxml.html import HtmlElement


@dataclass(frozen=True)
class Token:
    text: str
    cell: bool = False  # a table cell (False: a paragraph, or a line of one-cell-per-line text)


TXT_ROWS = "txt-rows"
TXT_CELLS = "txt-cells"
HTML = "html"
DOCX = "docx"
LAYOUT_LABELS = {
    TXT_ROWS: "文本（| 分隔的表格行）",
    TXT_CELLS: "文本（每行一个单元格）",
    HTML: "网页（HTML）",
    DOCX: "Word 文档（.docx）",
}

_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
SUPPORTED = "请提供网页（.html）、Word 文档（.docx）或文本文件（.txt）"


def read_tokens(data: bytes, filename: str = "") -> tuple[str, list[Token]]:
    """``(layout, tokens)`` of a file's bytes; :class:`ReportError` (Chinese, one line) when it cannot be read."""
    if not data or not data.strip():
        raise ReportError(f"文件是空的，没有可检查的内容。{SUPPORTED}。")
    kind = sniff(data)
    if kind is Kind.PDF:
        raise ReportError(f"暂不支持 PDF 文件（表格在 PDF 中无法可靠还原）。{SUPPORTED}。")
    if kind is Kind.DOC:  # .doc/.wps: read as the .docx LibreOffice makes of it (core.convert)
        try:
            return DOCX, docx_tokens(convert.to_ooxml(data, kind, name=filename or "报告.doc"))
        except convert.ConversionError as exc:
            raise ReportError(str(exc)) from None
    if kind in (Kind.PPT, Kind.OLE):
        raise ReportError("无法识别的旧版 Office 文件（不是 .doc/.wps）；请用 Word 另存为 .docx 后再检查。")
    if kind in (Kind.XLSX, Kind.XLS):
        raise ReportError(f"这是 Excel 表格，不是年度报告全文。{SUPPORTED}。")
    if kind not in (Kind.DOCX, Kind.HTML, Kind.TEXT):
        raise ReportError(
            f"文件不是文本、网页或 Word 文档（可能是图片、压缩包或其他二进制文件）。{SUPPORTED}。"
        )
    suffix = _SUFFIX.get(Path(filename).suffix.lower(), "")
    if kind is Kind.DOCX:
        return DOCX, docx_tokens(data)
    if kind is Kind.HTML or (suffix == "html" and kind is Kind.TEXT):
        return HTML, html_tokens(decode_html(data))
    text = decode_text(data)
    if _binary(data, text):
        raise ReportError(f"文件不是文本、网页或 Word 文档（内容是二进制数据）。{SUPPORTED}。")
    return text_tokens(text)


def _binary(data: bytes, text: str) -> bool:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = text[:8000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n\f"))
    return bad > max(3, len(sample) // 50)


# -- text -----------------------------------------------------------------------------------------------------

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _row_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if "|" in stripped or "｜" in stripped:
        parts = re.split(r"[|｜]", stripped)
        if stripped[0] in "|｜":
            parts = parts[1:]
        if stripped[-1] in "|｜" and parts:
            parts = parts[:-1]
        if len(parts) >= 2:
            return [p.strip() for p in parts]
    if "\t" in stripped:
        parts = [p.strip() for p in stripped.split("\t")]
        if sum(1 for p in parts if p) >= 2:
            return parts
    return None


def text_tokens(text: str) -> tuple[str, list[Token]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(_row_cells(line) for line in lines if not _MD_SEPARATOR.match(line)):
        tokens: list[Token] = []
        for line in lines:
            if not line.strip() or _MD_SEPARATOR.match(line):
                continue
            cells = _row_cells(line)
            if cells is None:
                tokens.append(Token(line.strip()))
            else:
                tokens.extend(Token(cell, cell=True) for cell in cells)
        return TXT_ROWS, tokens
    # One cell per line: the usual gap between two lines is the separator; longer gaps hold empty cells.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    gaps = [b - a - 1 for a, b in zip(filled, filled[1:], strict=False)]
    separator = Counter(gaps).most_common(1)[0][0] if gaps else 0
    tokens = []
    for position, index in enumerate(filled):
        if position:
            gap = gaps[position - 1]
            if gap > separator:
                tokens.extend(Token("") for _ in range((gap - separator) // (separator + 1)))
        tokens.append(Token(lines[index].strip()))
    return TXT_CELLS, tokens


# -- HTML -----------------------------------------------------------------------------------------------------

_SKIP = {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button"}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "body",
    "caption",
    "tr",
}


def _tag(element: HtmlElement) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def html_tokens(html: str) -> list[Token]:
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises several types for hopeless input
        raise ReportError(f"网页内容无法解析（{type(exc).__name__}）。{SUPPORTED}。") from exc
    body = root.find("body")
    out: list[Token] = []
    buffer: list[str] = []
    _walk(body if body is not None else root, out, buffer)
    _flush(out, buffer)
    return out


def _flush(out: list[Token], buffer: list[str]) -> None:
    text = _squash("".join(buffer))
    buffer.clear()
    if text:
        out.append(Token(text))


def _walk(element: HtmlElement, out: list[Token], buffer: list[str]) -> None:
    tag = _tag(element)
    if tag in _SKIP or not tag:
        return
    if tag == "table":
        _flush(out, buffer)
        _table(element, out)
        return
    block = tag in _BLOCKS
    if block or tag == "br":
        _flush(out, buffer)
    if element.text:
        buffer.append(element.text)
    for child in element:
        _walk(child, out, buffer)
        if child.tail:
            buffer.append(child.tail)
    if block:
        _flush(out, buffer)


def _table(table: HtmlElement, out: list[Token]) -> None:
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            boxes = cell.xpath(".//table | .//p | .//div | .//br")
            if cell.xpath(".//table") or len(boxes) >= 3 and len(_squash("".join(cell.itertext()))) > 60:
                # A layout box (the whole article inside a cell): read it as content.
                buffer: list[str] = []
                _walk_children(cell, out, buffer)
                _flush(out, buffer)
                continue
            out.append(Token(_squash("".join(cell.itertext())), cell=True))


def _walk_children(element: HtmlElement, out: list[Token], buffer: list[str]) -> None:
    if element.text:
        buffer.append(element.text)
    for child in element:
        _walk(child, out, buffer)
        if child.tail:
            buffer.append(child.tail)


# -- docx -----------------------------------------------------------------------------------------------------


def docx_tokens(data: bytes) -> list[Token]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a damaged package
        raise ReportError(
            "无法打开该 Word 文件（.docx），文件可能已损坏；请用 Word 打开后另存为 .docx。"
        ) from exc
    out: list[Token] = []
    _docx_block(document.element.body, out)
    return out


def _local(element: _Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _docx_text(element: _Element) -> str:
    """The visible text of a paragraph or cell: w:t runs (not deleted text or field codes), tabs as spaces."""
    parts: list[str] = []
    for node in element.iter():
        name = _local(node)
        if name == "t":
            parts.append(node.text or "")
        elif name in ("tab", "br", "cr"):
            parts.append(" ")
        elif name == "p" and parts:
            parts.append("")
    return _squash("".join(parts))


def _docx_block(container: _Element, out: list[Token]) -> None:
    for element in container:
        name = _local(element)
        if name == "p":
            text = _docx_text(element)
            if text:
                out.append(Token(text))
        elif name == "tbl":
            _docx_table(element, out)
        elif name in ("sdt", "sdtContent", "customXml"):
            _docx_block(element, out)


def _docx_table(tbl: _Element, out: list[Token]) -> None:
    for tr in (child for child in tbl if _local(child) == "tr"):
        for cell in (child for child in tr if _local(child) in ("tc", "sdt")):
            # A content control (w:sdt) around a cell: the w:tc is inside it.
            tc = cell if _local(cell) == "tc" else next((c for c in cell.iter() if _local(c) == "tc"), None)
            if tc is None:
                continue
            if getattr(tc, "vMerge", None) == "continue":
                continue
            if any(_local(child) == "tbl" for child in tc):
                _docx_block(tc, out)
                continue
            paragraphs = [_docx_text(p) for p in tc if _local(p) == "p"]
            out.append(Token("".join(paragraphs), cell=True))
