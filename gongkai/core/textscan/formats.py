"""Files: what kind a file really is, its text with cell-level locations, and masked copies.

Readers turn a file into blocks (one per paragraph, table cell, sheet cell, PDF page or text file) that are
scanned together in large batches, joined by newlines (no detector crosses a newline, so this equals scanning
each block alone, only faster). Table rows keep their cells together so a name in the row can raise the
severity of the row's findings (数据汇聚).

Word and Excel files are read and rewritten at the XML level: everything the scanner does not touch (images,
charts, styles, comments) is copied byte for byte into the masked copy.
"""

from __future__ import annotations

import datetime
import functools
import io
import math
import posixpath
import re
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import IO, Any, TypeVar

from lxml import etree

from gongkai.core import convert, filetype, ofd
from gongkai.core.filetype import Kind, decode_text

from . import headers, idnumber, masking, names
from .detectors import detect, mask_text, normalize
from .model import HIGH, PERSONAL_KINDS, Finding, Location, ScanError, Term, raised
from .model import words as _words

MAX_FILE_BYTES = 200 * 1024 * 1024
_CHUNK_CHARS = 1 << 20

_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# A file to scan: a path, its bytes, or a binary file object; where a masked copy goes: a path or a binary file.
Source = str | PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
Target = str | PathLike[str] | IO[bytes]
Terms = Iterable[Term | Sequence[str]]
Element = etree._Element
# (start, end, holder) of the characters of a text that one XML node holds; ``setter(holder, new)`` rewrites them.
Segment = tuple[int, int, Element]
_Item = TypeVar("_Item")


# ---------------------------------------------------------------- blocks and the batch scanner


@dataclass(slots=True)
class Block:
    """A piece of text with its place; ``table``/``row``/``column`` group table cells into rows."""

    text: str
    where: Location | None = None
    sheet: str | None = None
    cell: str | None = None
    table: object = None
    row: int | None = None
    column: int | None = None
    lossy_number: str | None = None  # an Excel number that lost digits (3.60732E+17)
    note: str = ""
    numbered_lines: bool = False

    def location(self, line: int | None = None) -> Location:
        if self.where is None:
            self.where = Location.at(source="xlsx", sheet=self.sheet, cell=self.cell)
        if line is not None and self.numbered_lines:
            return replace(self.where, line=line)
        return self.where


def detect_many(
    texts: list[str], *, line_numbers: bool = False, terms: Terms = (), is_consultation: bool = False
) -> list[list[Finding]]:
    """Findings per text, offsets relative to that text; one detector pass per ~1 MB batch. With
    ``line_numbers`` each finding's ``where.line`` counts lines within its own text."""
    result: list[list[Finding]] = [[] for _ in texts]
    i = 0
    while i < len(texts):
        j, size = i, 0
        while j < len(texts) and (size < _CHUNK_CHARS or j == i):
            size += len(texts[j]) + 1
            j += 1
        starts, pos = [], 0
        for t in texts[i:j]:
            starts.append(pos)
            pos += len(t) + 1
        breaks: dict[int, list[int]] = {}
        for f in detect("\n".join(texts[i:j]), located=False, terms=terms, is_consultation=is_consultation):
            k = bisect_right(starts, f.start) - 1
            base = starts[k]
            start = f.start - base
            changes: dict[str, Any] = {"start": start, "end": f.end - base}
            if line_numbers:
                if k not in breaks:
                    breaks[k] = [m.start() for m in re.finditer("\n", texts[i + k])]
                changes["where"] = Location.at(line=bisect_right(breaks[k], start - 1) + 1)
            result[i + k].append(f._update(changes))
        i = j
    return result


def context_of(text: str, start: int, end: int, width: int = 24) -> str:
    """The characters around ``text[start:end]`` on its line, at most ``width`` on each side (constant work
    per finding: the line ends are only looked for inside the window)."""
    a, b = max(0, start - width), min(len(text), end + width)
    cut = text.rfind("\n", a, start)
    a = cut + 1 if cut >= 0 else a
    cut = text.find("\n", end, b)
    b = cut if cut >= 0 else b
    head = "…" if a > 0 and text[a - 1] != "\n" else ""
    tail = "…" if b < len(text) and text[b] != "\n" else ""
    return head + text[a:b].replace("\t", " | ") + tail


def _lossy_findings(block: Block) -> list[Finding]:
    """An ID or card number Excel stored as a number keeps only 15 significant digits: no check is possible,
    but region + birth date (or the card prefix) still show what it was."""
    digits = block.lossy_number or ""
    note = "以数值形式存储，第15位以后的数字已丢失；请将该列设为文本格式"
    if len(digits) == 18 and int(digits[:2]) in idnumber.PROVINCES:
        # Rounding to 15 digits can carry into the day, so only region, year and month are checked.
        year, month = int(digits[6:10]), int(digits[10:12])
        if (
            idnumber.plausible_region(digits)
            and 1900 <= year <= datetime.date.today().year
            and 1 <= month <= 12
        ):
            return [Finding("id_number", HIGH, digits, 0, len(digits), masking.mask_id(digits), note=note)]
        return []
    if 16 <= len(digits) <= 19 and digits[0] in "3456":
        return [Finding("bank_card", HIGH, digits, 0, len(digits), masking.mask_bank_card(digits), note=note)]
    return []


def _row_key(block: Block, index: int) -> tuple[object, object]:
    return (block.table, block.row) if block.table is not None else ("block", index)


def _batches(blocks: Iterable[Block]) -> Iterator[list[Block]]:
    """Batches of ~1 MB that never split a table row."""
    batch: list[Block] = []
    size = 0
    last = None
    for i, b in enumerate(blocks):
        key = _row_key(b, i)
        if size >= _CHUNK_CHARS and key != last:
            yield batch
            batch, size = [], 0
        batch.append(b)
        size += len(b.text) + 1
        last = key
    if batch:
        yield batch


def scan_blocks(
    blocks: Iterable[Block], *, terms: Terms = (), is_consultation: bool = False
) -> list[Finding]:
    findings: list[Finding] = []
    name_columns: dict[object, set[int | None]] = {}
    column_kinds: dict[object, dict[int | None, tuple[str, str]]] = {}
    for batch in _batches(blocks):
        per_block = detect_many(
            [b.text for b in batch],
            line_numbers=any(b.numbered_lines for b in batch),
            terms=terms,
            is_consultation=is_consultation,
        )
        row: list[tuple[Block, list[Finding]]] = []
        for i, (block, found) in enumerate(zip(batch, per_block, strict=True)):
            if block.lossy_number:
                found = _lossy_findings(block)
            row.append((block, found))
            nxt = batch[i + 1] if i + 1 < len(batch) else None
            if nxt is None or _row_key(nxt, i + 1) != _row_key(block, i):
                findings += _finish_row(row, name_columns, column_kinds)
                row = []
    return findings


def _finish_row(
    row: list[tuple[Block, list[Finding]]],
    name_columns: dict[object, set[int | None]],
    column_kinds: dict[object, dict[int | None, tuple[str, str]]],
) -> list[Finding]:
    first = row[0][0]
    if first.table is not None:
        # Header context: a header row (银行账号, 身份证号码, 合同编号 …) says what the cells below it hold. A row
        # holding personal data is no header row.
        found_columns = (
            {} if any(fs for _, fs in row) else headers.table_columns((b.column, b.text) for b, _ in row)
        )
        if found_columns:
            column_kinds[first.table] = found_columns
        elif first.table in column_kinds:
            kinds = column_kinds[first.table]
            row = [
                (b, headers.apply_column(*kinds[b.column], normalize(b.text), b.text, 0, len(b.text), fs))
                if b.column in kinds
                else (b, fs)
                for b, fs in row
            ]
    labels = column_kinds.get(first.table, {}) if first.table is not None else {}
    personal = any(f.kind in PERSONAL_KINDS for _, fs in row for f in fs)
    has_name = False
    if first.table is not None and not personal:
        # A header row (no personal data) may announce the name columns of the rows below.
        name_headers = {b.column for b, _ in row if names.is_name_header(b.text)}
        if name_headers:
            name_columns[first.table] = name_headers
    elif first.table is not None:
        columns = name_columns.get(first.table, set())
        has_name = any(
            (b.column in columns and names.is_person_name(b.text)) or names.looks_like_name(b.text)
            for b, _ in row
        )
    out = []
    row_text = ""
    for block, found in row:
        for f in found:
            changes: dict[str, Any] = {
                "where": block.location(f.where.line if block.numbered_lines else None)
            }
            if first.table is not None:
                row_text = row_text or " | ".join(b.text.replace("\n", " ") for b, _ in row)
                changes["context"] = row_text[:200]
            else:
                changes["context"] = context_of(block.text, f.start, f.end)
            label = labels.get(block.column)
            note = f.note
            if label is not None and "表头「" not in note:
                note = "；".join(x for x in (f"表头「{label[1]}」所在列", note) if x)
            if block.note:
                note = "；".join(x for x in (note, block.note) if x)
            if note != f.note:
                changes["note"] = note
            if has_name and f.kind in PERSONAL_KINDS and not f.aggregated:
                changes["severity"], changes["aggregated"] = raised(f.severity), True
            out.append(f._update(changes))
    return out


# ---------------------------------------------------------------- what a file is


def read_source(source: Source, filename: str | None = None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif not isinstance(source, (str, PathLike)):
        filename = filename or Path(getattr(source, "name", "") or "").name
        size = filetype.size_of(source)
        if size is not None and size > MAX_FILE_BYTES:  # before reading it
            raise ScanError(
                filetype.message("too_large", filename, limit=filetype.limit_text(MAX_FILE_BYTES))
            )
        data = source.read(MAX_FILE_BYTES + 1)  # never more than the limit in memory
    else:
        path = Path(source)
        if not path.is_file():
            raise ScanError(f"找不到文件“{path}”，请检查路径。")
        filename = filename or path.name
        if path.stat().st_size > MAX_FILE_BYTES:  # before reading it
            raise ScanError(
                filetype.message("too_large", filename, limit=filetype.limit_text(MAX_FILE_BYTES))
            )
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ScanError(
            filetype.message("too_large", filename or "", limit=filetype.limit_text(MAX_FILE_BYTES))
        )
    return data, filename or "未命名文件"


def _open_zip(data: bytes, filename: str) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ScanError(f"文件“{filename}”已损坏（zip 结构无法读取），请用 Office 打开后重新保存。")
    if filetype.zip_too_big(z.infolist(), len(data)):
        raise ScanError(filetype.message("zip_bomb", filename))
    return z


# What the scanner reads (``core.filetype`` decides what a file is, the same way for every caller).
SCANNABLE = (Kind.DOCX, Kind.XLSX, Kind.PDF, Kind.HTML, Kind.TEXT, Kind.DOC, Kind.XLS, Kind.OFD)


def file_kind(data: bytes, filename: str) -> str:
    """docx | xlsx | pdf | html | text, decided by the content (``core.filetype``); a name that names another
    sort of document than the content, a zip bomb, an empty file or a kind the scanner cannot read is a
    ``ScanError`` with the one message of that verdict."""
    try:
        return filetype.verdict(data, filename, SCANNABLE, MAX_FILE_BYTES).value
    except filetype.FileTypeError as exc:
        hint = _HINTS.get(exc.kind, "") if exc.kind and exc.code == "not_allowed" else ""
        raise ScanError(str(exc) + hint) from None


_HINTS = {
    **dict.fromkeys(filetype.IMAGES, "图片中的文字无法自动识别，请人工核对图片内容。"),
    Kind.OLE: "只能扫描 Word、Excel、WPS、PDF、OFD、网页和文本文件，请人工核对。",
    Kind.ZIP: "请解压后逐个扫描其中的文件。",
    Kind.ARCHIVE: "请解压后逐个扫描其中的文件。",
}


def _decode(data: bytes, filename: str) -> str:
    """A text file's content (``core.filetype``), strictly: a masked copy must not lose characters."""
    try:
        return decode_text(data, lenient=False)
    except UnicodeDecodeError:
        raise ScanError(
            f"文件“{filename}”既不是 UTF-8、UTF-16 也不是 GB18030 编码的文本，请另存为 UTF-8 后再扫描。"
        ) from None


# ---------------------------------------------------------------- Word (.docx)


class _Word:
    """Paragraph text of WordprocessingML with the w:t elements that hold each character."""

    def __init__(self, ns: str) -> None:
        self.w = "{%s}" % ns
        w = self.w
        self.skip = {
            w + "p",
            w + "txbxContent",
            w + "pPr",
            w + "rPr",
            w + "delText",
            w + "instrText",
            _MC_FALLBACK,
        }
        self.fixed = {
            w + "tab": "\t",
            w + "ptab": "\t",
            w + "br": "\n",
            w + "cr": "\n",
            w + "noBreakHyphen": "-",
        }

    def paragraph(self, p: Element) -> tuple[str, list[Segment]]:
        parts: list[str] = []
        segments: list[Segment] = []
        pos = 0
        stack = list(reversed(p))
        t_tag = self.w + "t"
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == t_tag:
                text = el.text or ""
                segments.append((pos, pos + len(text), el))
                parts.append(text)
                pos += len(text)
            elif tag in self.fixed:
                parts.append(self.fixed[tag])
                pos += 1
            elif tag not in self.skip:
                stack.extend(reversed(el))
        return "".join(parts), segments

    def walk(
        self,
        container: Element,
        on_paragraph: Callable[[Element], object],
        on_table: Callable[[Element], object],
    ) -> None:
        w = self.w
        for el in container:
            tag = el.tag
            if tag == w + "p":
                on_paragraph(el)
            elif tag == w + "tbl":
                on_table(el)
            elif isinstance(tag, str) and tag not in (w + "sectPr", w + "tblPr", w + "pPr", w + "rPr"):
                self.walk(el, on_paragraph, on_table)

    def rows(self, tbl: Element) -> Iterator[Element]:
        w = self.w
        for el in tbl:
            if el.tag == w + "tr":
                yield el
            elif el.tag in (w + "sdt", w + "sdtContent", w + "customXml"):
                yield from self.rows(el)

    def cells(self, tr: Element) -> Iterator[Element]:
        w = self.w
        for el in tr:
            if el.tag == w + "tc":
                yield el
            elif el.tag in (w + "sdt", w + "sdtContent", w + "customXml"):
                yield from self.cells(el)

    def int_val(self, el: Element, path: str, default: int) -> int:
        found = el.find(path.replace("w:", self.w))
        value = found.get(self.w + "val") if found is not None else None
        try:
            return int(value) if value is not None else default
        except ValueError:
            return default


def _docx_parts(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(zip name, human part label) for the parts holding text, body first."""
    names_ = z.namelist()

    def numbered(prefix: str) -> list[str]:
        found = [n for n in names_ if re.fullmatch(rf"word/{prefix}[0-9]*\.xml", n)]
        return sorted(found, key=lambda n: int(re.sub(r"\D", "", n) or 0))

    parts = [("word/document.xml", "")]
    parts += [(n, "页眉") for n in numbered("header")]
    parts += [(n, "页脚") for n in numbered("footer")]
    for name, label in (
        ("word/footnotes.xml", "脚注"),
        ("word/endnotes.xml", "尾注"),
        ("word/comments.xml", "批注"),
    ):
        if name in names_:
            parts.append((name, label))
    return parts


def _parse(data: bytes, what: str) -> Element:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        raise ScanError(f"{what}内容已损坏（XML 无法解析），请用 Office 打开后重新保存。")


def _namespace(root: Element) -> str:
    tag = root.tag  # a str once parsed (lxml types it wider: a tag can be set to bytes or a QName)
    if not isinstance(tag, str):
        return ""
    return tag[1:].split("}")[0] if tag.startswith("{") else ""


def docx_blocks(data: bytes, filename: str = "document.docx") -> Iterator[Block]:
    z = _open_zip(data, filename)
    counters: dict[str, list[int]] = {}
    for name, part in _docx_parts(z):
        root = _parse(z.read(name), f"文件“{filename}”的{part or '正文'}")
        word = _Word(_namespace(root))
        count = counters.setdefault(part, [0, 0])  # paragraphs, tables
        blocks: list[Block] = []

        def on_paragraph(
            p: Element,
            part: str = part,
            count: list[int] = count,
            word: _Word = word,
            blocks: list[Block] = blocks,
        ) -> None:
            text, _ = word.paragraph(p)
            if text.strip():
                count[0] += 1
                blocks.append(Block(text, Location(source="docx", part=part, paragraph=count[0])))

        def on_table(
            tbl: Element,
            path: tuple[int, ...] | None = None,
            part: str = part,
            count: list[int] = count,
            word: _Word = word,
            blocks: list[Block] = blocks,
        ) -> None:
            if path is None:
                count[1] += 1
                path = (count[1],)
            nested_count = 0
            key = (part, path)  # one object per table: callers may group rows by identity
            for r, tr in enumerate(word.rows(tbl), 1):
                trpr = tr.find(word.w + "trPr")
                column = 1 + (word.int_val(trpr, "w:gridBefore", 0) if trpr is not None else 0)
                for tc in word.cells(tr):
                    texts: list[str] = []
                    nested: list[Element] = []

                    def add_text(p: Element, texts: list[str] = texts, word: _Word = word) -> None:
                        texts.append(word.paragraph(p)[0])

                    word.walk(tc, add_text, nested.append)
                    where = Location(source="docx", part=part, table=path, row=r, column=column)
                    blocks.append(Block("\n".join(texts), where, table=key, row=r, column=column))
                    for sub in nested:
                        nested_count += 1
                        on_table(sub, path + (nested_count,))
                    tcpr = tc.find(word.w + "tcPr")
                    column += word.int_val(tcpr, "w:gridSpan", 1) if tcpr is not None else 1

        word.walk(root, on_paragraph, on_table)
        boxes = [
            tx
            for tx in root.iter(word.w + "txbxContent")
            if not any(a.tag == _MC_FALLBACK for a in tx.iterancestors())
        ]
        for tx in boxes:
            box_count = counters.setdefault("文本框", [0, 0])

            def on_box_paragraph(
                p: Element, word: _Word = word, box_count: list[int] = box_count, blocks: list[Block] = blocks
            ) -> None:
                text, _ = word.paragraph(p)
                if text.strip():
                    box_count[0] += 1
                    blocks.append(Block(text, Location(source="docx", part="文本框", paragraph=box_count[0])))

            word.walk(tx, on_box_paragraph, lambda tbl: None)
        yield from blocks


# A value of the chosen set inside a text the detectors do not recognise on their own (a passbook account under
# 银行账号): digit runs, grouped or not, are looked up in the set; so is a whole cell (an address under 住址).
_CANDIDATE_RE = re.compile(r"(?<![0-9*])[0-9](?:[0-9]|[ -](?=[0-9]))*[0-9Xx]?(?![0-9*])")
Values = dict[str, str]


def _chosen(text: str, found: list[Finding], values: Values | None) -> list[Finding]:
    """What to mask in ``text``: every maskable finding (``values`` None), or only the chosen values (the
    findings a reviewer ticked, as text → mask), wherever they occur in it."""
    if values is None:
        return masking.maskable(found)
    chosen = [f.moved(mask=values[f.text]) for f in found if f.text in values and f.kind in PERSONAL_KINDS]
    for m in _CANDIDATE_RE.finditer(text) if any(c.isdigit() for c in text) else ():
        if m.group() in values:
            chosen.append(Finding.make("bank_card", HIGH, m.group(), m.start(), m.end(), values[m.group()]))
    stripped = text.strip()
    if stripped and stripped in values:
        a = text.index(stripped)
        chosen.append(Finding.make("address", HIGH, stripped, a, a + len(stripped), values[stripped]))
    return masking.non_overlapping(chosen)


def _rewrite(
    text: str, segments: list[Segment], chosen: list[Finding], setter: Callable[[Element, str], None]
) -> int:
    if not chosen:
        return 0
    pieces = masking.char_plan(text, ((f.start, f.end, f.mask) for f in chosen if f.mask is not None))
    for start, end, el in segments:
        new = "".join(pieces[start:end])
        if new != text[start:end]:
            setter(el, new)
    return len(chosen)


def _mask_items(
    items: list[_Item],
    read: Callable[[_Item], tuple[str, list[Segment]]],
    setter: Callable[[Element, str], None],
    values: Values | None = None,
    *,
    only: bool = False,
) -> int:
    """Mask every item (a paragraph, a string, a cell): ``read(item)`` gives (text, segments). A changed item
    is read and scanned again until nothing is left (values glued together can hide one another). ``values``:
    the chosen values (text → mask) masked wherever they occur; ``only``: nothing else is masked (the
    reviewer's selection), otherwise what the detectors find is masked too."""
    texts = [read(item) for item in items]
    total = 0
    pending = list(range(len(items)))
    found = detect_many([texts[i][0] for i in pending])
    for _ in range(masking.MAX_ROUNDS):
        changed: list[int] = []
        for i, fs in zip(pending, found, strict=True):
            text = texts[i][0]
            if not text:
                continue
            chosen = _chosen(text, fs, values)
            if not only:
                chosen = masking.non_overlapping(chosen + masking.maskable(fs))
            count = _rewrite(*texts[i], chosen, setter)
            if count:
                total += count
                changed.append(i)
        if not changed:
            break
        pending = changed
        for i in pending:
            texts[i] = read(items[i])
        found = detect_many([texts[i][0] for i in pending])
    return total


def chosen_values(findings: Iterable[Finding]) -> Values:
    """text → mask of the maskable findings: what a masked copy replaces."""
    return {
        f.text: f.mask for f in findings if f.kind in PERSONAL_KINDS and f.can_mask and f.mask is not None
    }


def _set_wt(el: Element, value: str) -> None:
    el.text = value
    el.set(_XML_SPACE, "preserve")


def _write_zip(z: zipfile.ZipFile, replaced: dict[str, bytes], out: Target) -> None:
    target = open(out, "wb") if isinstance(out, (str, PathLike)) else out  # noqa: SIM115
    try:
        with zipfile.ZipFile(target, "w") as zout:
            for info in z.infolist():
                zout.writestr(info, replaced.get(info.filename) or z.read(info.filename))
    finally:
        if target is not out:
            target.close()


def _serialize(root: Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mask_docx(
    source: Source, out: Target, filename: str | None = None, *, values: Values | None = None
) -> int:
    """Write a masked copy of a .docx to ``out`` (path or binary file); returns the number of values masked.

    Every paragraph of the body, tables, text boxes, headers, footers, notes and comments is rewritten; a value
    split over several runs keeps each run's formatting character by character. ``values`` (text → mask):
    mask only these (the findings a reviewer chose); by default everything the scan finds, header context
    included."""
    data, filename = read_source(source, filename)
    if file_kind(data, filename) != "docx":
        raise ScanError(f"文件“{filename}”不是 Word（.docx）文档。")
    only = values is not None
    if values is None:
        values = chosen_values(scan_blocks(docx_blocks(data, filename)))
    z = _open_zip(data, filename)
    replaced: dict[str, bytes] = {}
    total = 0
    for name, part in _docx_parts(z):
        root = _parse(z.read(name), f"文件“{filename}”的{part or '正文'}")
        word = _Word(_namespace(root))
        count = _mask_items(list(root.iter(word.w + "p")), word.paragraph, _set_wt, values, only=only)
        if count:
            replaced[name] = _serialize(root)
            total += count
    _write_zip(z, replaced, out)
    return total


# ---------------------------------------------------------------- Excel (.xlsx)


def number_text(raw: str) -> tuple[str | None, bool]:
    """The digits an Excel number cell shows (as with format "0"), and whether digits were lost."""
    raw = raw.strip()
    if re.fullmatch(r"-?[0-9]+", raw):
        return raw, False
    try:
        value = float(raw)
    except ValueError:
        return None, False
    if not math.isfinite(value) or not value.is_integer() or value < 0:
        return None, False
    if value < 2**53:
        return str(int(value)), False
    # Excel keeps 15 significant digits; show what it shows.
    return str(int(Decimal("%.15g" % value))), True


def _rel_target(base_dir: str, target: str) -> str:
    return (
        target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base_dir, target))
    )


def _xlsx_layout(z: zipfile.ZipFile, filename: str) -> tuple[list[tuple[str, str, bool]], str | None]:
    """[(sheet name, zip path, hidden)], shared strings path."""
    workbook = _parse(z.read("xl/workbook.xml"), f"文件“{filename}”的工作簿")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = _parse(z.read(rels_name), f"文件“{filename}”的关系表") if rels_name in z.namelist() else None
    targets: dict[str | None, str] = {}
    shared: str | None = None
    for rel in rels.iter("{*}Relationship") if rels is not None else ():
        path = _rel_target("xl", rel.get("Target", ""))
        targets[rel.get("Id")] = path
        if rel.get("Type", "").endswith("/sharedStrings"):
            shared = path
    if shared is None and "xl/sharedStrings.xml" in z.namelist():
        shared = "xl/sharedStrings.xml"
    sheets: list[tuple[str, str, bool]] = []
    for sheet in workbook.iter("{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        sheet_path = targets.get(rid)
        if sheet_path and sheet_path in z.namelist() and "/worksheets/" in sheet_path:
            sheets.append((sheet.get("name", ""), sheet_path, sheet.get("state", "visible") != "visible"))
    return sheets, shared


def _ns_of(el: Element) -> str:
    """ "{namespace}" of an element (or "" without one), to build child tags for fast C-level lookups."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _string_item(si: Element) -> tuple[str, list[Segment]]:
    """Text of a shared / inline string: a plain <t> or rich runs <r><t>; phonetic guides (rPh) are left out."""
    ns = _ns_of(si)
    t_tag, r_tag = ns + "t", ns + "r"
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for child in si:
        t = child if child.tag == t_tag else child.find(t_tag) if child.tag == r_tag else None
        if t is None:
            continue
        text = t.text or ""
        segments.append((pos, pos + len(text), t))
        parts.append(text)
        pos += len(text)
    return "".join(parts), segments


@functools.lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def _column_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_blocks(data: bytes, filename: str = "book.xlsx") -> Iterator[Block]:
    z = _open_zip(data, filename)
    sheets, shared_path = _xlsx_layout(z, filename)
    shared: list[str] = []
    if shared_path and shared_path in z.namelist():
        with z.open(shared_path) as fh:
            for _, si in etree.iterparse(fh, tag="{*}si", resolve_entities=False, huge_tree=True):
                shared.append(_string_item(si)[0])
                si.clear()
    for sheet_name, path, hidden in sheets:
        note = "位于隐藏工作表" if hidden else ""
        with z.open(path) as fh:
            yield from _sheet_blocks(fh, sheet_name, shared, note)


def _sheet_blocks(fh: IO[bytes], sheet_name: str, shared: list[str], note: str) -> Iterator[Block]:
    """The cells of one worksheet, streamed (rows are dropped once read). The hot loop of a large workbook:
    kept flat on purpose."""
    row_number = 0
    tags = None
    for _, row in etree.iterparse(fh, tag="{*}row", resolve_entities=False, huge_tree=True):
        if tags is None:
            ns = _ns_of(row)
            tags = (ns + "c", ns + "v", ns + "is", ns + "t")
        c_tag, v_tag, is_tag, t_tag = tags
        r = row.get("r")
        row_number = int(r) if r else row_number + 1
        column = 0
        for c in row:
            if c.tag != c_tag:
                continue
            ref = c.get("r")
            column = _column_index(ref.rstrip("0123456789")) if ref else column + 1
            kind = c.get("t", "n")
            v = is_ = None
            for child in c:
                if child.tag == v_tag:
                    v = child
                elif child.tag == is_tag:
                    is_ = child
            lossy: str | None = None
            if kind == "s":
                if v is None or v.text is None:
                    continue
                try:
                    text = shared[int(v.text)]
                except (ValueError, IndexError):
                    continue
            elif kind == "inlineStr":
                if is_ is None:
                    continue
                first = is_[0] if len(is_) == 1 else None
                text = (
                    (first.text or "") if first is not None and first.tag == t_tag else _string_item(is_)[0]
                )
            elif kind == "str":
                if v is None:
                    continue
                text = v.text or ""
            elif kind == "n" and v is not None and v.text:
                digits, was_lossy = number_text(v.text)
                if digits is None:
                    continue
                text = digits
                if was_lossy:
                    text, lossy = "", digits
            else:
                continue
            yield Block(
                text,
                None,
                sheet_name,
                ref or f"{_column_letters(column)}{row_number}",
                sheet_name,
                row_number,
                column,
                lossy,
                note,
            )
        row.clear()
        parent = row.getparent()
        while parent is not None and row.getprevious() is not None:
            del parent[0]


def _set_text(el: Element, value: str) -> None:
    el.text = value
    if value != value.strip():
        el.set(_XML_SPACE, "preserve")


def mask_xlsx(
    source: Source, out: Target, filename: str | None = None, *, values: Values | None = None
) -> int:
    """Write a masked copy of an .xlsx (every sheet, every cell) to ``out``; returns the number of values masked.

    Text cells are masked in place (rich-text runs keep their fonts). ID and card numbers stored as numbers
    become text cells holding the mask. Cached formula results are masked too. ``values`` as in
    ``mask_docx``."""
    data, filename = read_source(source, filename)
    if file_kind(data, filename) != "xlsx":
        raise ScanError(f"文件“{filename}”不是 Excel（.xlsx）工作簿。")
    only = values is not None
    if values is None:
        values = chosen_values(scan_blocks(xlsx_blocks(data, filename)))
    z = _open_zip(data, filename)
    sheets, shared_path = _xlsx_layout(z, filename)
    replaced: dict[str, bytes] = {}
    total = 0
    if shared_path and shared_path in z.namelist():
        root = _parse(z.read(shared_path), f"文件“{filename}”的共享字符串")
        items = [si for si in root if isinstance(si.tag, str) and etree.QName(si).localname == "si"]
        count = _mask_items(items, _string_item, _set_text, values, only=only)
        if count:
            replaced[shared_path] = _serialize(root)
            total += count
    for sheet_name, path, _hidden in sheets:
        root = _parse(z.read(path), f"文件“{filename}”的工作表“{sheet_name}”")
        count = _mask_sheet(root, values, only)
        if count:
            replaced[path] = _serialize(root)
            total += count
    _write_zip(z, replaced, out)
    return total


def _cached_value(v: Element) -> tuple[str, list[Segment]]:
    return v.text or "", [(0, len(v.text or ""), v)]


def _mask_sheet(root: Element, values: Values | None = None, only: bool = False) -> int:
    strings: list[Element] = []  # inline strings
    cached: list[Element] = []  # cached formula text
    numbers: list[tuple[Element, Element, str, bool]] = []  # number cells: (c, v, digits, lossy)
    ns = _ns_of(root)
    v_tag, is_tag = ns + "v", ns + "is"
    for c in root.iter(ns + "c"):
        kind = c.get("t", "n")
        if kind == "s":
            continue  # shared strings are masked once, in the shared-string table
        v = is_ = None
        for child in c:
            if child.tag == v_tag:
                v = child
            elif child.tag == is_tag:
                is_ = child
        if kind == "inlineStr" and is_ is not None:
            strings.append(is_)
        elif kind == "str" and v is not None and v.text:
            cached.append(v)
        elif kind == "n" and v is not None and v.text:
            digits, lossy = number_text(v.text)
            if digits and len(digits) >= 7:
                numbers.append((c, v, digits, lossy))
    total = _mask_items(strings, _string_item, _set_text, values, only=only)
    total += _mask_items(cached, _cached_value, _set_text, values, only=only)
    plain = [n for n in numbers if not n[3]]
    plain_found = iter(detect_many([n[2] for n in plain]))
    for c, v, digits, lossy in numbers:
        found = _lossy_findings(Block("", lossy_number=digits)) if lossy else next(plain_found)
        chosen = _chosen(digits, found, values)
        if not only:
            chosen = masking.non_overlapping(chosen + masking.maskable(found))
        if not chosen:
            continue
        masked = masking.apply(digits, chosen)
        total += len(chosen)
        if c.find(ns + "f") is not None:
            c.set("t", "str")  # a formula: its cached result becomes the masked text
            v.text = masked
            continue
        c.remove(v)
        c.set("t", "inlineStr")
        is_ = etree.SubElement(c, ns + "is")
        etree.SubElement(is_, ns + "t").text = masked
    return total


# ---------------------------------------------------------------- PDF, HTML, text


def pdf_blocks(data: bytes, filename: str = "document.pdf") -> Iterator[Block]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:  # pdfminer raises many kinds for a broken file
        raise ScanError(f"文件“{filename}”无法作为 PDF 打开，可能已损坏或加密。")
    any_text = False
    with pdf:
        for number, page in enumerate(pdf.pages, 1):
            text = page.extract_text() or ""
            any_text = any_text or bool(text.strip())
            yield Block(text, Location(source="pdf", page=number), numbered_lines=True)
            page.close()
    if not any_text:
        raise ScanError(filetype.no_text_message(filename))


def ofd_blocks(data: bytes, filename: str = "document.ofd") -> Iterator[Block]:
    """One block per OFD page (``core.ofd``)."""
    try:
        pages = ofd.read_pages(data)
    except ofd.OfdError as exc:
        raise ScanError(f"文件“{filename}”：{exc}") from None
    if not any(page.strip() for page in pages):
        raise ScanError(filetype.no_text_message(filename, Kind.OFD))
    for number, text in enumerate(pages, 1):
        yield Block(text, Location(source="ofd", page=number), numbered_lines=True)


def converted(data: bytes, kind: str, filename: str) -> tuple[bytes, str]:
    """A .doc/.wps or .xls/.et as the .docx/.xlsx LibreOffice makes of it (``core.convert``); other kinds as
    they are. A converter that is missing, times out or fails is a ``ScanError`` (the original is untouched)."""
    legacy = Kind(kind)
    if legacy not in filetype.LEGACY:
        return data, kind
    try:
        return convert.to_ooxml(data, legacy, name=filename), filetype.LEGACY[legacy].value
    except convert.ConversionError as exc:
        raise ScanError(str(exc)) from None


def doc_blocks(data: bytes, filename: str = "document.doc") -> Iterator[Block]:
    yield from docx_blocks(converted(data, "doc", filename)[0], filename)


def xls_blocks(data: bytes, filename: str = "book.xls") -> Iterator[Block]:
    yield from xlsx_blocks(converted(data, "xls", filename)[0], filename)


_HTML_BLOCKS = _words(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article header footer aside blockquote pre dt dd caption"
    " table ul ol hr title"
)


def html_blocks(data: bytes, filename: str = "page.html") -> Iterator[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    for el in soup(["script", "style", "noscript", "template"]):
        el.decompose()
    tables = soup.find_all("table")
    table_blocks: list[list[Block]] = [[] for _ in tables]
    for index in range(len(tables) - 1, -1, -1):  # innermost first, then cut out of its parent
        table = tables[index]
        for r, tr in enumerate(table.find_all("tr"), 1):
            column = 1
            for cell in tr.find_all(["td", "th"], recursive=False):
                text = cell.get_text(" ", strip=True)
                where = Location(source="html", table=(index + 1,), row=r, column=column)
                table_blocks[index].append(Block(text, where, table=index, row=r, column=column))
                try:
                    column += max(1, int(str(cell.get("colspan") or 1)))
                except ValueError:
                    column += 1
        table.extract()
    for el in soup.find_all(_HTML_BLOCKS):
        el.append("\n")
    paragraph = 0
    for line in soup.get_text("").split("\n"):
        if line.strip():
            paragraph += 1
            yield Block(line, Location(source="html", paragraph=paragraph))
    for blocks in table_blocks:
        yield from blocks


def text_blocks(data: bytes, filename: str = "text.txt") -> Iterator[Block]:
    yield Block(_decode(data, filename), Location(source="text"), numbered_lines=True)


READERS = {
    "docx": docx_blocks,
    "xlsx": xlsx_blocks,
    "pdf": pdf_blocks,
    "ofd": ofd_blocks,
    "doc": doc_blocks,
    "xls": xls_blocks,
    "html": html_blocks,
    "text": text_blocks,
}


def scan_file(
    source: Source, filename: str | None = None, *, terms: Terms = (), is_consultation: bool = False
) -> list[Finding]:
    """Findings in a file given as a path, bytes or a binary file object. The type is decided by the content
    (magic bytes); ``filename`` names the file in messages. PDF, OFD and HTML findings have ``can_mask=False``;
    a .doc/.wps/.xls/.et is scanned as the .docx/.xlsx LibreOffice makes of it."""
    data, filename = read_source(source, filename)
    data, kind = converted(data, file_kind(data, filename), filename)
    findings = scan_blocks(READERS[kind](data, filename), terms=terms, is_consultation=is_consultation)
    if kind in ("pdf", "ofd", "html"):
        findings = [f._update({"can_mask": False}) for f in findings]
    return findings


def mask_file(
    source: Source, out: Target, filename: str | None = None, *, values: Values | None = None
) -> int:
    """Masked copy of a .docx, .xlsx or text file; PDF, OFD and HTML can only be flagged (fix the source
    document). A .doc/.wps (.xls/.et) gets a masked .docx (.xlsx) made from the LibreOffice conversion.
    ``values`` (text → mask): mask only these chosen values; by default everything found."""
    data, filename = read_source(source, filename)
    data, kind = converted(data, file_kind(data, filename), filename)
    if kind == "docx":
        return mask_docx(data, out, filename, values=values)
    if kind == "xlsx":
        return mask_xlsx(data, out, filename, values=values)
    if kind == "text":
        text = _decode(data, filename)
        found = detect(text)
        if values is None:
            masked_text, count = mask_text(text, found), len(masking.maskable(found))
        else:
            chosen = _chosen(text, found, values)
            masked_text, count = masking.apply(text, chosen), len(chosen)
        masked = masked_text.encode("utf-8")
        if isinstance(out, (str, PathLike)):
            Path(out).write_bytes(masked)
        else:
            out.write(masked)
        return count
    raise ScanError(
        f"文件“{filename}”是 {kind.upper()}，只能标出问题、不能自动脱敏；请修改原始文档后重新生成。"
    )
