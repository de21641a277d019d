"""The one file-type check (文件类型检查): what a file really is, whether it may be taken, and its text.

Every upload and every reader asks this module, so a file gets the same verdict wherever it arrives:

- :func:`sniff` — the kind of a file from its bytes (magic bytes; the parts inside a zip; the streams inside an
  OLE compound file; a UTF-8 BOM or leading blanks do not hide a PDF or a web page).
- :func:`check` — the size limit (checked before the file is read), the empty file, the zip bomb, the extension
  that lies about the content, and the kinds the caller accepts; each refusal is one :class:`FileTypeError` with a
  ``code`` and one Chinese message naming the file, the problem and the fix.
- :func:`decode_text` — UTF-8 (BOM or not), UTF-16 (with BOM) or GB18030, in one place.
- the file name is cleaned by :func:`gongkai.core.filenames.safe_filename` (the only cleaner).

The extension rule: the name must name the same *sort* of document as the content (a text document, a spreadsheet,
a PDF, an image …); within a sort the content decides the exact format (a .doc that is really a .docx is read as
.docx). A name that claims a plain text file (.txt, .md, no extension) lets the content decide. So an HTML page
called .pdf, an executable called .xlsx or a workbook called .docx is refused everywhere.

Framework-free: no Django, no app.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import Protocol

from gongkai.core.filenames import safe_filename

MB = 1024 * 1024
# A zip (docx/xlsx/pptx/ofd/odt …) is refused when its parts unpack to more than this in total …
MAX_UNZIPPED_BYTES = 1024 * MB
# … or to more than this many times the file's own size (real Office files stay far below 30; a bomb is ~1000),
# once the unpacked size is large enough to matter.
MAX_ZIP_RATIO = 100
RATIO_FLOOR_BYTES = 16 * MB

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Kind(StrEnum):
    """What a file is, by content."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"
    OFD = "ofd"
    DOC = "doc"  # Word 97–2003 binary; WPS 文字 .wps files are the same format
    XLS = "xls"  # Excel 97–2003 binary; WPS 表格 .et files are the same format
    PPT = "ppt"
    OLE = "ole"  # another (or unreadable) OLE compound file
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    BMP = "bmp"
    TIFF = "tiff"
    WEBP = "webp"
    HTML = "html"
    TEXT = "text"
    ZIP = "zip"  # a zip that is no document format
    ARCHIVE = "archive"  # rar, 7z, gzip
    EXE = "exe"
    BINARY = "binary"  # bytes that are none of the above
    EMPTY = "empty"
    DAMAGED = "damaged"  # starts like a zip but cannot be read
    ZIP_BOMB = "zip_bomb"


LABELS: dict[Kind, str] = {
    Kind.PDF: "PDF 文件",
    Kind.DOCX: "Word 文档",
    Kind.XLSX: "Excel 工作簿",
    Kind.PPTX: "PowerPoint 演示文稿",
    Kind.ODT: "ODF 文字文档",
    Kind.ODS: "ODF 电子表格",
    Kind.ODP: "ODF 演示文稿",
    Kind.OFD: "OFD 版式文件",
    Kind.DOC: "旧版 Word/WPS 文字文档（.doc/.wps）",
    Kind.XLS: "旧版 Excel/WPS 表格（.xls/.et）",
    Kind.PPT: "旧版 PowerPoint 演示文稿",
    Kind.OLE: "无法识别的旧版 Office 文件",
    Kind.JPEG: "JPEG 图片",
    Kind.PNG: "PNG 图片",
    Kind.GIF: "GIF 图片",
    Kind.BMP: "BMP 图片",
    Kind.TIFF: "TIFF 图片",
    Kind.WEBP: "WebP 图片",
    Kind.HTML: "网页",
    Kind.TEXT: "文本文件",
    Kind.ZIP: "压缩包",
    Kind.ARCHIVE: "压缩包",
    Kind.EXE: "可执行程序",
    Kind.BINARY: "无法识别的二进制文件",
    Kind.EMPTY: "空文件",
    Kind.DAMAGED: "已损坏的文件",
    Kind.ZIP_BOMB: "异常压缩文件",
}

# The sort of document each kind is; the extension must name the same sort.
_SORTS: dict[Kind, str] = {
    Kind.PDF: "pdf",
    Kind.DOCX: "word",
    Kind.DOC: "word",
    Kind.ODT: "word",
    Kind.XLSX: "sheet",
    Kind.XLS: "sheet",
    Kind.ODS: "sheet",
    Kind.PPTX: "slides",
    Kind.PPT: "slides",
    Kind.ODP: "slides",
    Kind.OFD: "ofd",
    Kind.JPEG: "image",
    Kind.PNG: "image",
    Kind.GIF: "image",
    Kind.BMP: "image",
    Kind.TIFF: "image",
    Kind.WEBP: "image",
    Kind.HTML: "text",
    Kind.TEXT: "text",
    Kind.ZIP: "archive",
    Kind.ARCHIVE: "archive",
    Kind.EXE: "program",
}

# extension → the kind it claims (the first kind of its sort for messages)
EXTENSIONS: dict[str, Kind] = {
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".docm": Kind.DOCX,
    ".doc": Kind.DOC,
    ".wps": Kind.DOC,
    ".odt": Kind.ODT,
    ".xlsx": Kind.XLSX,
    ".xlsm": Kind.XLSX,
    ".xls": Kind.XLS,
    ".et": Kind.XLS,
    ".ods": Kind.ODS,
    ".pptx": Kind.PPTX,
    ".ppt": Kind.PPT,
    ".dps": Kind.PPT,
    ".odp": Kind.ODP,
    ".ofd": Kind.OFD,
    ".jpg": Kind.JPEG,
    ".jpeg": Kind.JPEG,
    ".png": Kind.PNG,
    ".gif": Kind.GIF,
    ".bmp": Kind.BMP,
    ".tif": Kind.TIFF,
    ".tiff": Kind.TIFF,
    ".webp": Kind.WEBP,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".shtml": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".csv": Kind.TEXT,
    ".zip": Kind.ZIP,
    ".rar": Kind.ARCHIVE,
    ".7z": Kind.ARCHIVE,
    ".gz": Kind.ARCHIVE,
    ".exe": Kind.EXE,
    ".dll": Kind.EXE,
    ".com": Kind.EXE,
    ".bat": Kind.EXE,
    ".msi": Kind.EXE,
    ".scr": Kind.EXE,
}
# Names that claim nothing binary: the content decides.
_WEAK_SORTS = {"text"}

# What the readers can turn into text (legacy formats through the converter, see ``core.convert``).
READABLE = frozenset({Kind.DOCX, Kind.XLSX, Kind.PDF, Kind.HTML, Kind.TEXT, Kind.DOC, Kind.XLS, Kind.OFD})
# Formats the LibreOffice converter turns into their Office Open XML equivalent.
LEGACY = {Kind.DOC: Kind.DOCX, Kind.XLS: Kind.XLSX}
IMAGES = frozenset({Kind.JPEG, Kind.PNG, Kind.GIF, Kind.BMP, Kind.TIFF, Kind.WEBP})


class FileTypeError(ValueError):
    """A file refused. ``code`` is the verdict (``too_large``, ``empty``, ``zip_bomb``, ``damaged``,
    ``mismatch``, ``not_allowed``); ``str(exc)`` the Chinese message; ``kind`` what the content is."""

    def __init__(self, message: str, *, code: str, kind: Kind | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind


class Upload(Protocol):
    """What :func:`check` reads: a Django ``UploadedFile`` or any binary file object with a name."""

    name: str | None

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Checked:
    """A file that passed :func:`check`: its cleaned name, its kind by content and its bytes."""

    name: str
    kind: Kind
    data: bytes

    @property
    def label(self) -> str:
        return LABELS[self.kind]


# ---------------------------------------------------------------- sniffing


def sniff(data: bytes) -> Kind:
    """The kind of ``data`` by content. Never raises; a zip bomb or a broken zip is a kind of its own."""
    if not data:
        return Kind.EMPTY
    head = bytes(data[:4096])
    bare = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    if bare.lstrip(b" \t\r\n\x00\x0c").startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(data)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Kind.WEBP
    if (
        head.startswith(b"BM")
        and len(head) > 26
        and head[14] in (12, 40, 56, 108, 124)
        and head[15:18] == bytes(3)
    ):
        return Kind.BMP  # the DIB header size follows the 14-byte file header
    text = _text_head(head)
    if text is None:
        return Kind.BINARY
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or any(
        tag in lowered[:1024] for tag in ("<html", "<body", "<head>", "<head ")
    ):
        return Kind.HTML
    return Kind.TEXT


_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"GIF87a", Kind.GIF),
    (b"GIF89a", Kind.GIF),
    (b"II*\x00", Kind.TIFF),
    (b"MM\x00*", Kind.TIFF),
    (b"MZ", Kind.EXE),
    (b"\x7fELF", Kind.EXE),
    (b"\xca\xfe\xba\xbe", Kind.EXE),
    (b"Rar!\x1a\x07", Kind.ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", Kind.ARCHIVE),
    (b"\x1f\x8b", Kind.ARCHIVE),
)


def _text_head(head: bytes) -> str | None:
    """The start of a text file, or None when the bytes are not text in any encoding we read."""
    if head.startswith(UTF16_BOMS):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        # A multi-byte character may be cut at the end of the head: allow up to 3 bytes to be dropped.
        for cut in range(4):
            try:
                return head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
    return None


def zip_too_big(infos: Iterable[zipfile.ZipInfo], size: int) -> bool:
    """The zip-bomb rule for every zip-based format (docx, xlsx, pptx, ofd, odt …): the parts unpack to more than
    ``MAX_UNZIPPED_BYTES``, or to more than ``MAX_ZIP_RATIO`` times the file's size once that is over
    ``RATIO_FLOOR_BYTES``. The sizes are those the zip declares; ``zipfile`` never unpacks more than declared."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        return True
    return total > RATIO_FLOOR_BYTES and total > MAX_ZIP_RATIO * max(size, 1)


def _sniff_zip(data: bytes) -> Kind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Kind.DAMAGED
    if zip_too_big(infos, len(data)):
        return Kind.ZIP_BOMB
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "ppt/presentation.xml" in names:
        return Kind.PPTX
    if "OFD.xml" in names or "ofd.xml" in names:
        return Kind.OFD
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return Kind.DAMAGED
        for suffix, kind in ((b".text", Kind.ODT), (b".spreadsheet", Kind.ODS), (b".presentation", Kind.ODP)):
            if mimetype.startswith(b"application/vnd.oasis.opendocument") and mimetype.endswith(suffix):
                return kind
    return Kind.ZIP


def ole_streams(data: bytes) -> set[str]:
    """Names of the entries of an OLE compound file (the container of .doc/.xls/.wps/.et), read from its
    directory; an empty set when the file is not one or is damaged."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return set()
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return set()
    sector = 1 << shift

    def offset(number: int) -> int:
        return (number + 1) * sector

    fat_sectors = [
        int.from_bytes(data[76 + 4 * i : 80 + 4 * i], "little") for i in range(109)
    ]  # the header's part of the DIFAT: enough to reach the directory of any ordinary document
    fat: list[int] = []
    for number in fat_sectors:
        if number >= 0xFFFFFFFA or offset(number) + sector > len(data):
            break
        chunk = data[offset(number) : offset(number) + sector]
        fat.extend(int.from_bytes(chunk[i : i + 4], "little") for i in range(0, sector, 4))
    names: set[str] = set()
    current = int.from_bytes(data[48:52], "little")
    seen: set[int] = set()
    while current < 0xFFFFFFFA and current not in seen and offset(current) + sector <= len(data):
        seen.add(current)
        chunk = data[offset(current) : offset(current) + sector]
        for start in range(0, sector, 128):
            entry = chunk[start : start + 128]
            length = int.from_bytes(entry[64:66], "little")
            if entry[66] in (1, 2, 5) and 2 <= length <= 64:
                names.add(entry[: length - 2].decode("utf-16-le", errors="replace"))
        current = fat[current] if current < len(fat) else 0xFFFFFFFE
    return names


def _sniff_ole(data: bytes) -> Kind:
    streams = ole_streams(data)
    if "WordDocument" in streams:
        return Kind.DOC
    if streams & {"Workbook", "Book"}:
        return Kind.XLS
    if "PowerPoint Document" in streams:
        return Kind.PPT
    return Kind.OLE


# ---------------------------------------------------------------- the check


def _spaced(label: str) -> str:
    """A label after a Chinese character: a space before a Latin start (“是 PDF 文件”, “是网页”)."""
    return " " + label if label[:1].isascii() else label


def message(code: str, name: str, *, kind: Kind | None = None, **extra: str) -> str:
    """The one Chinese message of each verdict."""
    label = _spaced(LABELS[kind]) if kind else ""
    if code == "too_large":
        return f"文件“{name}”超过 {extra['limit']}：请压缩或拆分后再上传。"
    if code == "empty":
        return f"文件“{name}”是空文件：请检查后重新选择。"
    if code == "zip_bomb":
        return (
            f"文件“{name}”解压后过大（疑似压缩炸弹），已拒绝处理：请确认文件来源，或用原软件打开后重新保存。"
        )
    if code == "damaged":
        return f"文件“{name}”已损坏（zip 结构无法读取）：请用原软件打开后重新保存再上传。"
    if code == "mismatch":
        return (
            f"文件“{name}”的扩展名是 {extra['suffix']}，但内容不是{_spaced(extra['claimed'])}（实际是{label}）：可能已损坏"
            "或只是改了扩展名；请用原软件打开后另存为正确的格式再上传。"
        )
    if code == "not_allowed":
        return f"文件“{name}”是{label}，此处不能使用：只接受{_spaced(extra['allowed'])}。"
    raise ValueError(code)


def no_text_message(name: str, kind: Kind = Kind.PDF) -> str:
    """A PDF/OFD without a text layer (a scan): said plainly, never scanned as if it were clean."""
    return (
        f"文件“{name}”没有文字层（可能是扫描件或图片），无法自动识别其中的文字（暂不支持 OCR）：请审查员逐页人工核对，"
        f"或改传 Word 或文字版 {'PDF' if kind is Kind.PDF else 'OFD'}。"
    )


def limit_text(max_bytes: int) -> str:
    if max_bytes >= MB and max_bytes % MB == 0:
        return f"{max_bytes // MB} MB"
    return f"{max_bytes / MB:.1f} MB" if max_bytes >= MB else f"{max_bytes // 1024} KB"


def allowed_text(allowed: Iterable[Kind | str]) -> str:
    labels: list[str] = []
    for kind in allowed:
        label = LABELS[Kind(kind)]
        if label not in labels:
            labels.append(label)
    return "、".join(labels)


def size_of(upload: object) -> int | None:
    """The bytes left to read in a file object (its ``size``, or by seeking), None when unknown."""
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    seek, tell = getattr(upload, "seek", None), getattr(upload, "tell", None)
    if seek is None or tell is None:
        return None
    try:
        here = tell()
        seek(0, io.SEEK_END)
        end = tell()
        seek(here)
    except (OSError, ValueError):
        return None
    return int(end - here)


def verdict(data: bytes, name: str, allowed: Iterable[Kind | str], max_bytes: int) -> Kind:
    """The checks of :func:`check` on bytes already in hand (the size first, so nothing is parsed of a file
    over the limit). ``name`` is cleaned for the messages. Returns the kind; raises :class:`FileTypeError`."""
    name = safe_filename(name)
    if len(data) > max_bytes:
        raise FileTypeError(message("too_large", name, limit=limit_text(max_bytes)), code="too_large")
    kind = sniff(data)
    if kind in (Kind.EMPTY, Kind.ZIP_BOMB, Kind.DAMAGED):
        raise FileTypeError(message(kind.value, name), code=kind.value, kind=kind)
    suffix = PurePath(name).suffix.lower()
    claimed = EXTENSIONS.get(suffix)
    if claimed is Kind.HTML and kind is Kind.TEXT:
        kind = Kind.HTML  # a page fragment (<div>…) called .html: the name sharpens text to HTML
    if (
        claimed is not None
        and _SORTS[claimed] not in _WEAK_SORTS
        and _SORTS.get(kind) != _SORTS[claimed]
        and not (kind is Kind.OLE and claimed in (Kind.DOC, Kind.XLS, Kind.PPT))
    ):
        raise FileTypeError(
            message("mismatch", name, kind=kind, suffix=suffix, claimed=LABELS[claimed]),
            code="mismatch",
            kind=kind,
        )
    allowed_kinds = [Kind(a) for a in allowed]
    if kind not in allowed_kinds:
        raise FileTypeError(
            message("not_allowed", name, kind=kind, allowed=allowed_text(allowed_kinds)),
            code="not_allowed",
            kind=kind,
        )
    return kind


def check(
    upload: Upload | bytes,
    allowed: Iterable[Kind | str],
    max_bytes: int,
    *,
    name: str | None = None,
) -> Checked:
    """Check an upload (or bytes with ``name``) and return its cleaned name, kind and bytes.

    The size is checked before the file is read (from ``upload.size`` or by seeking), and at most
    ``max_bytes + 1`` bytes are ever read; then the empty file, the zip bomb, the extension that does not name the
    content's sort, and the kinds in ``allowed``. Raises :class:`FileTypeError`."""
    if isinstance(upload, (bytes, bytearray, memoryview)):
        clean = safe_filename(name or "")
        kind = verdict(bytes(upload), clean, allowed, max_bytes)
        return Checked(honest_name(clean, kind), kind, bytes(upload))
    clean = safe_filename(name or getattr(upload, "name", "") or "")
    size = size_of(upload)
    if size is not None and size > max_bytes:
        raise FileTypeError(message("too_large", clean, limit=limit_text(max_bytes)), code="too_large")
    data = upload.read(max_bytes + 1)
    kind = verdict(data, clean, allowed, max_bytes)
    return Checked(honest_name(clean, kind), kind, data)


# The extension a stored file gets when its own says nothing about its kind.
CANONICAL_SUFFIX: dict[Kind, str] = {
    kind: suffix for suffix, kind in reversed(list(EXTENSIONS.items())) if _SORTS.get(kind) != "program"
}
CANONICAL_SUFFIX.update({Kind.JPEG: ".jpg", Kind.DOC: ".doc", Kind.XLS: ".xls", Kind.TEXT: ".txt"})


def honest_name(name: str, kind: Kind) -> str:
    """``name`` with an extension that says what the file is, for storing and serving it: an unknown extension
    (``通知``, ``x.php``) gets the kind's (``通知.pdf``, ``x.php.pdf``); a plain-text one on a document
    (``附件.txt`` holding Word) is replaced (``附件.docx``). A name that already agrees is kept."""
    suffix = PurePath(name).suffix.lower()
    claimed = EXTENSIONS.get(suffix)
    wanted = CANONICAL_SUFFIX.get(kind)
    if wanted is None or (claimed is not None and _SORTS.get(claimed) == _SORTS.get(kind)):
        return name
    if claimed is not None:
        return safe_filename(name[: -len(suffix)] + wanted)
    return safe_filename(name + wanted)


# ---------------------------------------------------------------- text


def decode_text(data: bytes, *, lenient: bool = True) -> str:
    """``data`` as text: UTF-8 (a BOM is dropped), UTF-16 when it starts with a BOM, otherwise GB18030 (a superset
    of GBK and GB2312, the older Windows default).

    ``lenient`` (the default) never fails: bytes that fit no encoding become U+FFFD, for readers that would rather
    show a damaged character than refuse a document. ``lenient=False`` raises ``UnicodeDecodeError`` instead, for
    callers that must not change a file they cannot read faithfully (the scanner writes masked copies back).
    """
    errors = "replace" if lenient else "strict"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors=errors)
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors=errors)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        if not lenient:
            raise
        return data.decode("utf-8", errors="replace")
