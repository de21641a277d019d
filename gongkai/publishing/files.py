"""Attachment files: checked by content, size and type; their text; masked copies; Word import.

Upload rule: the one file-type check (``core.filetype.check``): the size under the limit, the content one of
``ALLOWED_KINDS`` (magic bytes, and for Office files the part that makes them Word or Excel), the extension naming
the same sort of document. A renamed executable, an HTML page called ``.pdf`` or a zip bomb is refused with a
message naming the file and the fix.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from django.conf import settings

from gongkai.common.richtext import clean_html
from gongkai.core import docread, filetype, textscan
from gongkai.core.filetype import Kind

MAX_ATTACHMENT_MB = settings.GONGKAI_ATTACHMENT_MAX_MB

# The kinds an attachment may be (``core.filetype`` decides by content; .wps/.et are the .doc/.xls formats).
ALLOWED_KINDS = (
    Kind.DOCX,
    Kind.XLSX,
    Kind.PDF,
    Kind.DOC,
    Kind.XLS,
    Kind.OFD,
    Kind.JPEG,
    Kind.PNG,
)
IMPORTABLE_KINDS = (Kind.DOCX, Kind.DOC)  # a new item from a Word (or WPS 文字) document
ACCEPT = ".docx,.xlsx,.pdf,.doc,.xls,.wps,.et,.ofd,.jpg,.jpeg,.png"
# .doc/.wps and .xls/.et are scanned and masked as the .docx/.xlsx LibreOffice makes of them (core.convert): their
# masked copy is a .docx/.xlsx. PDF and OFD are scanned (text layer) but can only be flagged.
SCANNABLE = {"docx", "xlsx", "pdf", "doc", "xls", "ofd"}
MASKABLE = {"docx", "xlsx", "doc", "xls"}
CONVERTED = {legacy.value: modern.value for legacy, modern in filetype.LEGACY.items()}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ole": "application/octet-stream",
    "ofd": "application/ofd",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


class UploadError(ValueError):
    """An upload refused; the message names the file and the fix."""


@dataclass
class CheckedUpload:
    name: str
    kind: str
    data: bytes


def check_upload(uploaded, max_mb: int | None = None) -> CheckedUpload:
    """Read and check an uploaded file (Django ``UploadedFile`` or an object with ``name`` and ``read``) with the
    one file-type check (``core.filetype.check``)."""
    max_mb = max_mb or MAX_ATTACHMENT_MB
    try:
        checked = filetype.check(uploaded, ALLOWED_KINDS, max_mb * 1024 * 1024)
    except filetype.FileTypeError as exc:
        raise UploadError(str(exc)) from None
    return CheckedUpload(checked.name, checked.kind.value, checked.data)


def extract_text(data: bytes, name: str, kind: str) -> tuple[str, str]:
    """(text, reason it could not be read). One line per paragraph / table row (cells tab-separated)."""
    if kind not in SCANNABLE:
        reasons = {
            "ole": "无法识别的旧版 Office 文件无法自动扫描：请另存为 .docx/.xlsx 后上传，或由审查员逐页人工核对",
            "jpeg": "图片无法自动识别文字：请人工核对图片中是否含身份证号、手机号等个人信息",
            "png": "图片无法自动识别文字：请人工核对图片中是否含身份证号、手机号等个人信息",
        }
        return "", reasons.get(kind, "无法自动扫描该文件，请人工核对")
    # The scanner's own readers: the text is exactly what was scanned (docread's clean-up would drop the ``**``
    # of masked values such as 138****1234), table rows stay on one line.
    from gongkai.core.textscan import formats as scan_formats

    try:
        data, kind = _readable(data, name, kind)
        blocks = scan_formats.READERS[kind](data, name)
        lines: list[str] = []
        last = None
        for block in blocks:
            if block.sheet is not None:
                key = ("sheet", block.sheet, block.row)
            elif block.table is not None:
                key = ("table", id(block.table), block.row)
            else:
                key = None
            text = block.text.replace("\n", " ").strip() if key else block.text.strip()
            if key is not None and key == last and lines:
                lines[-1] += "\t" + text
            elif text:
                lines.append(text)
            last = key
        return "\n".join(lines), ""
    except textscan.ScanError as exc:
        return "", str(exc)
    except Exception:  # a reader bug must not lose the upload: fall back to docread
        try:
            return docread.blocks_to_text(docread.read(data, filename=name)), ""
        except docread.DocumentError as exc:
            return "", str(exc)


def scan(data: bytes, name: str, kind: str, *, terms=(), is_consultation=False) -> tuple[list, str]:
    """Scanner findings in a file, or ([], reason) when it cannot be scanned."""
    if kind not in SCANNABLE:
        return [], ""
    try:
        return textscan.scan_file(data, name, terms=terms, is_consultation=is_consultation), ""
    except textscan.ScanError as exc:
        return [], str(exc)


def _readable(data: bytes, name: str, kind: str) -> tuple[bytes, str]:
    """A .doc/.xls attachment as .docx/.xlsx (converted once per process and content, ``core.convert``); its masked
    copy, already .docx/.xlsx, as it is. ``ScanError`` when the converter fails (the original stays stored)."""
    from gongkai.core.textscan import formats as scan_formats

    if kind in CONVERTED:
        actual = filetype.sniff(data).value
        return scan_formats.converted(data, actual, name) if actual in CONVERTED else (data, actual)
    return data, kind


def convert_ahead(checked: CheckedUpload) -> None:
    """Convert a .doc/.xls upload now, outside any transaction (the conversion is cached for the reads that
    follow); a converter failure is left for ``extract_text`` to report, the upload is kept either way."""
    if checked.kind in CONVERTED:
        with contextlib.suppress(textscan.ScanError):
            _readable(checked.data, checked.name, checked.kind)


def masked_copy(data: bytes, name: str, kind: str, values: dict[str, str] | None = None) -> tuple[bytes, int]:
    """A masked copy of a .docx/.xlsx (a .doc/.xls: of its conversion) and the number of values masked;
    ``values`` (text → mask): only these (the findings chosen for masking), else everything the scanner finds."""
    out = io.BytesIO()
    data, kind = _readable(data, name, kind)
    if kind == "docx":
        count = textscan.mask_docx(data, out, name, values=values)
    elif kind == "xlsx":
        count = textscan.mask_xlsx(data, out, name, values=values)
    else:
        raise ValueError(kind)
    return out.getvalue(), count


def masked_name(name: str, kind: str = "", *, mark: bool = True) -> str:
    """The name of a masked copy: ``（已脱敏）`` added (unless ``mark`` is off), and the .docx/.xlsx extension of the
    conversion for a .doc/.wps/.xls/.et."""
    p = PurePath(name)
    suffix = f".{CONVERTED[kind]}" if kind in CONVERTED else p.suffix
    return f"{p.stem}（已脱敏）{suffix}" if mark else f"{p.stem}{suffix}"


def masked_content_type(kind: str) -> str:
    return CONTENT_TYPES.get(CONVERTED.get(kind, kind), "application/octet-stream")


# --- importing a Word document as a new item -----------------------------------------------------------------
_DATE_RE = re.compile(
    r"^\s*((?:19|20)\d{2}|[一二三四五六七八九〇零○Ｏ]{4})\s*年\s*(\S{1,3}?)\s*月\s*(\S{1,3}?)\s*日\s*$"
)
_RED_HEAD_RE = re.compile(r"文\s*件$")
_TITLE_HINT_RE = re.compile(
    r"^关于|(?:通知|公告|通告|公示|方案|意见|办法|规定|细则|决定|报告|要点|规划|计划|批复|函)$"
)


@dataclass
class ImportedDoc:
    title: str
    doc_number: str
    body: str
    formed_date: date | None
    warnings: list[str]


def _cn_number(text: str) -> int | None:
    text = text.translate(str.maketrans("〇零○Ｏ", "0000"))
    if text.isdigit():
        return int(text)
    digits = "一二三四五六七八九"
    if len(text) == 4 and all(c in digits + "0" for c in text):
        return int("".join(str(digits.index(c) + 1) if c in digits else "0" for c in text))
    return docread.chinese_to_int(text)


def parse_cn_date(text: str) -> date | None:
    """``2024年3月5日`` or ``二〇二四年三月五日`` alone on a line (the 成文日期 at the end of a document)."""
    m = _DATE_RE.match(docread.normalize_width(text))
    if not m:
        return None
    year, month, day = (_cn_number(g) for g in m.groups())
    try:
        return date(year, month, day) if year and month and day else None
    except (TypeError, ValueError):
        return None


# Word's number formats that draw a symbol, not a number (w:numFmt); every other format counts (decimal,
# chineseCounting, upperRoman, decimalEnclosedCircle…).
_UNNUMBERED_FORMATS = {"bullet", "none"}


def _numbering_format(paragraph) -> str | None:
    """The w:numFmt of the list level a paragraph belongs to (its own numbering, else its style's); None when
    neither has numbering, "" when the paragraph switches it off."""
    from docx.oxml.ns import qn

    def num_pr(element):
        ppr = element.find(qn("w:pPr")) if element is not None else None
        return ppr.find(qn("w:numPr")) if ppr is not None else None

    numpr = num_pr(paragraph._p)
    style = paragraph.style
    while numpr is None and style is not None:
        numpr = num_pr(style.element)
        style = style.base_style
    if numpr is None:
        return None
    num_id = numpr.find(qn("w:numId"))
    level = numpr.find(qn("w:ilvl"))
    if num_id is None or num_id.get(qn("w:val")) in (None, "0"):
        return ""  # numId 0 switches numbering off (a plain paragraph, whatever the style)
    try:
        numbering = paragraph.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return "decimal"
    ilvl = level.get(qn("w:val")) if level is not None else "0"
    nums = numbering.xpath(f'./w:num[@w:numId="{num_id.get(qn("w:val"))}"]/w:abstractNumId/@w:val')
    if not nums:
        return "decimal"
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{nums[0]}"]/w:lvl[@w:ilvl="{ilvl}"]/w:numFmt/@w:val'
    )
    return formats[0] if formats else "decimal"


def _para_html(paragraph) -> tuple[str, str]:
    """(tag, inner html) of a python-docx paragraph: headings by style, list items by numbering — ``oli`` for an
    item of a numbered list, ``li`` for a bulleted one."""
    import html as html_lib

    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text.strip()
    lowered = style.lower()
    if lowered.startswith("heading") or style.startswith("标题"):
        digits = "".join(c for c in style if c.isdigit())
        level = min(max(int(digits or 1) + 1, 2), 6)
        return f"h{level}", html_lib.escape(text)
    number_format = _numbering_format(paragraph)
    if number_format:
        return ("li" if number_format in _UNNUMBERED_FORMATS else "oli"), html_lib.escape(text)
    if number_format is None and lowered.startswith("list"):
        return ("oli" if "number" in lowered else "li"), html_lib.escape(text)
    parts = []
    for run in paragraph.runs:
        t = html_lib.escape(run.text)
        if not t:
            continue
        if run.bold:
            t = f"<strong>{t}</strong>"
        parts.append(t)
    return "p", "".join(parts) or html_lib.escape(text)


def _table_html(table) -> str:
    import html as html_lib

    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            span = cell._tc.grid_span if hasattr(cell._tc, "grid_span") else 1
            attr = f' colspan="{span}"' if span and span > 1 else ""
            cells.append(f"<td{attr}>{html_lib.escape(cell.text.strip())}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table><tbody>" + "".join(rows) + "</tbody></table>"


def import_docx(data: bytes, name: str) -> ImportedDoc:
    """Title, 文号, body (headings, lists and tables kept) and 成文日期 of a Word document."""
    import docx
    from docx.table import Table

    if filetype.sniff(data) is Kind.DOC:
        try:
            data, _kind = _readable(data, name, "doc")
        except textscan.ScanError as exc:
            raise UploadError(str(exc)) from None
    if filetype.sniff(data) is not Kind.DOCX:
        raise UploadError(f"文件“{name}”不是 Word（.docx）文档：请用 Word 打开后另存为 .docx 再导入。")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise UploadError(
            f"无法读取 Word 文件“{name}”，文件可能已损坏：请用 Word 打开后另存为 .docx 再导入。"
        )
    items: list[tuple[str, str, str]] = []  # (tag, html, plain text)
    for element in document.iter_inner_content():
        if isinstance(element, Table):
            items.append(("table", _table_html(element), ""))
        else:
            if not element.text.strip():
                continue
            tag, inner = _para_html(element)
            style = (element.style.name if element.style is not None else "") or ""
            if style.lower() == "title" or style == "标题":
                tag = "title"
            items.append((tag, inner, element.text.strip()))
    warnings: list[str] = []
    doc_number = ""
    title = ""
    # 文号 and the red-head issuer line sit above the title; the title is the Title style, else the first
    # heading, else the first short paragraph that is neither.
    head = items[:8]
    for i, (_tag, _inner, text) in enumerate(head):
        numbers = docread.find_doc_numbers(text)
        if numbers and len(text) <= len(numbers[0].raw) + 6:
            doc_number = numbers[0].standard
            items[i] = ("skip", "", text)
            break
    for i, (tag, _inner, text) in enumerate(items[:8]):
        if tag == "title" or (tag.startswith("h") and tag != "skip"):
            title = text
            items[i] = ("skip", "", text)
            break
    if not title:
        # A short paragraph that reads like a title (关于…的通知), else the first short one that is no salutation.
        candidates = [
            (i, text)
            for i, (tag, _inner, text) in enumerate(items[:8])
            if tag == "p"
            and text
            and len(text) <= 80
            and not _RED_HEAD_RE.search(text)
            and not text.endswith(("：", ":"))
        ]
        hinted = [c for c in candidates if _TITLE_HINT_RE.search(c[1])]
        if hinted or candidates:
            i, title = (hinted or candidates)[0]
            items[i] = ("skip", "", title)
    if title:
        for i, (tag, _inner, text) in enumerate(items[:8]):
            if tag == "p" and _RED_HEAD_RE.search(text) and len(text) <= 30:
                items[i] = ("skip", "", text)  # 红头 (issuer) line, shown as 发布机构 instead
    formed = None
    for tag, _inner, text in reversed(items[-6:]):
        if tag == "p":
            formed = parse_cn_date(text)
            if formed:
                break
    if not title:
        title = PurePath(name).stem
        warnings.append("未能识别标题，已用文件名代替，请核对。")
    if not doc_number:
        warnings.append("未识别到文号；如有文号请手工填写。")
    if formed is None:
        warnings.append("未识别到成文日期，请手工填写。")
    html_parts: list[str] = []
    open_list = ""  # "ul" or "ol" while a list is open
    for tag, inner, _text in items:
        if tag == "skip":
            continue
        if tag in ("li", "oli"):
            kind = "ol" if tag == "oli" else "ul"
            if open_list != kind:
                if open_list:
                    html_parts.append(f"</{open_list}>")
                html_parts.append(f"<{kind}>")
                open_list = kind
            html_parts.append(f"<li>{inner}</li>")
            continue
        if open_list:
            html_parts.append(f"</{open_list}>")
            open_list = ""
        if tag == "table":
            html_parts.append(inner)
        elif tag == "title":
            html_parts.append(f"<h2>{inner}</h2>")
        else:
            html_parts.append(f"<{tag}>{inner}</{tag}>")
    if open_list:
        html_parts.append(f"</{open_list}>")
    return ImportedDoc(title[:300], doc_number, clean_html("".join(html_parts)), formed, warnings)
