"""The text of an OFD file (版式文档, GB/T 33190-2016), page by page.

An OFD is a zip of XML: ``OFD.xml`` names each document's root (``DocBody/DocRoot``, e.g. ``Doc_0/Document.xml``);
the document lists its pages (``Pages/Page/@BaseLoc``, e.g. ``Pages/Page_0/Content.xml``); a page's content holds
``TextObject`` elements whose ``TextCode`` children carry the characters and their position (``X``/``Y`` inside the
object's ``Boundary``). Lines are rebuilt from the positions: text objects on the same baseline (within a fraction
of the font size) are joined left to right, lines run top to bottom. Fonts, images and signatures are ignored.

Bad input raises :class:`OfdError` (Chinese). The zip has passed ``core.filetype`` (no zip bomb) before it gets
here. Framework-free.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class OfdError(ValueError):
    """An OFD that cannot be read; the message is for the official."""


@dataclass(frozen=True, slots=True)
class _Piece:
    x: float
    y: float
    size: float
    text: str


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in el.iter() if _local(child.tag) == name]


def _numbers(text: str | None) -> list[float]:
    out: list[float] = []
    for part in (text or "").replace(",", " ").split():
        try:
            out.append(float(part))
        except ValueError:
            out.append(0.0)
    return out


def _resolve(base_dir: str, location: str) -> str:
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, location))


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name), _XML)
    except KeyError:
        raise OfdError(
            f"OFD 文件缺少“{name}”，文件可能不完整；请重新导出 OFD 或改传 PDF/Word 版本。"
        ) from None
    except etree.XMLSyntaxError:
        raise OfdError(
            f"OFD 文件中的“{name}”无法解析，文件可能已损坏；请重新导出或改传 PDF/Word 版本。"
        ) from None


def _page_pieces(root: etree._Element) -> list[_Piece]:
    pieces: list[_Piece] = []
    for obj in _children(root, "TextObject"):
        box = _numbers(obj.get("Boundary"))
        left, top = (box + [0.0, 0.0])[:2]
        size = (_numbers(obj.get("Size")) or [3.5])[0] or 3.5
        # A text object may hold several TextCode runs (each with its own X/Y); X/Y may be absent on the later
        # ones (they continue where the previous left off).
        last_x, last_y = 0.0, 0.0
        for code in _children(obj, "TextCode"):
            x = _numbers(code.get("X"))
            y = _numbers(code.get("Y"))
            last_x = x[0] if x else last_x
            last_y = y[0] if y else last_y
            text = "".join(code.itertext())
            if text:
                pieces.append(_Piece(left + last_x, top + last_y, size, text))
    return pieces


def _lines(pieces: list[_Piece]) -> list[str]:
    lines: list[tuple[float, float, list[_Piece]]] = []  # (baseline, size, pieces)
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if lines and abs(piece.y - lines[-1][0]) <= 0.4 * max(piece.size, lines[-1][1]):
            lines[-1][2].append(piece)
        else:
            lines.append((piece.y, piece.size, [piece]))
    return ["".join(p.text for p in sorted(group, key=lambda p: p.x)) for _, _, group in lines]


def read_pages(data: bytes) -> list[str]:
    """The text of each page of each document in the OFD, lines joined with newlines."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OfdError("OFD 文件已损坏（zip 结构无法读取）；请重新导出或改传 PDF/Word 版本。") from None
    names = set(archive.namelist())
    entry = "OFD.xml" if "OFD.xml" in names else "ofd.xml"
    root = _parse(archive, entry)
    pages: list[str] = []
    doc_roots = [el.text or "" for el in _children(root, "DocRoot")]
    if not doc_roots:
        raise OfdError("OFD 文件中没有文档（缺少 DocRoot）；请重新导出或改传 PDF/Word 版本。")
    for doc_root in doc_roots:
        document_name = _resolve("", doc_root)
        document = _parse(archive, document_name)
        base = posixpath.dirname(document_name)
        for page in _children(document, "Page"):
            location = page.get("BaseLoc")
            if not location:
                continue
            content = _parse(archive, _resolve(base, location))
            pages.append("\n".join(_lines(_page_pieces(content))))
    return pages
