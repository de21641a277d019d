"""Every caller that takes a file gives the same verdict on the same corpus (issue 13, part 4).

The corpus: a PDF with a UTF-8 BOM, a zip bomb renamed .docx, an HTML page renamed .pdf, an executable renamed
.xlsx, an empty file, and a file over 200 MB (sparse on disk, never read into memory: callers that take an upload
see its size, callers that take bytes get a memory map whose pages are never touched).

Each caller's verdict is compared with ``core.filetype.check`` under that caller's own accepted kinds and size
limit: the same refusal message, or acceptance. The expected verdicts are also spelled out, so a change to
``filetype`` that made every caller wrong in the same way would still fail.
"""

from __future__ import annotations

import codecs
import io
import mmap
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import UploadedFile

from gongkai.core import docread, filetype, textscan
from gongkai.core.docread import readers
from gongkai.core.tests.fixtures import make_pdf
from gongkai.core.textscan import formats
from gongkai.foi import uploads as foi_uploads
from gongkai.orgs import unit_io
from gongkai.publishing import catalog_io
from gongkai.publishing import files as publishing_files
from gongkai.workplan import services as workplan
from gongkai.workplan.actions import importing as workplan_importing
from gongkai.workplan.actions import progress as workplan_progress

MB = 1024 * 1024
BIG = 201 * MB  # over the 200 MB the scanner and the readers take, and over every upload limit


def _bomb() -> bytes:
    """A Word-shaped zip whose parts unpack to over 1,000 times its size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/image1.png", bytes(40 * MB))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = {
        "带BOM.pdf": codecs.BOM_UTF8 + make_pdf(["联系电话13912345678"]),
        "压缩炸弹.docx": _bomb(),
        "网页.pdf": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "程序.xlsx": b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 8,
        "空文件.pdf": b"",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    big = folder / "超大.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(BIG)  # sparse: no 200 MB on disk, none in memory
    paths["超大.pdf"] = big
    return paths


def _upload(path: Path, name: str) -> UploadedFile:
    fh = path.open("rb")
    return UploadedFile(fh, name=name, size=path.stat().st_size)


def _bytes(path: Path):
    """The file's bytes, or for the big one a read-only memory map (nothing is loaded until a page is touched)."""
    if path.stat().st_size > 10 * MB:
        with path.open("rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return path.read_bytes()


def _textscan(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        textscan.scan_file(fh, name)


def _docread(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        docread.read(fh, filename=name)


def _publishing(path: Path, name: str) -> None:
    publishing_files.check_upload(_upload(path, name))


def _catalog(path: Path, name: str) -> None:
    catalog_io.read_catalog_xlsx(_bytes(path), name)


def _foi(path: Path, name: str) -> None:
    foi_uploads.check(_upload(path, name))


def _units(path: Path, name: str) -> None:
    unit_io.read_upload(name, _bytes(path))


def _evidence(path: Path, name: str) -> None:
    workplan.check_evidence(_upload(path, name))


def _plan_import(path: Path, name: str) -> None:
    workplan.read_source(_bytes(path), filename=name)


# caller → (what it does with the file, the kinds it accepts, its size limit)
CALLERS: dict[str, tuple[Callable[[Path, str], None], tuple[filetype.Kind, ...], int]] = {
    "textscan.scan_file": (_textscan, formats.SCANNABLE, formats.MAX_FILE_BYTES),
    "docread.read": (_docread, readers.KINDS, readers.MAX_BYTES),
    "publishing 附件": (_publishing, publishing_files.ALLOWED_KINDS, 20 * MB),
    "publishing 目录导入": (_catalog, (filetype.Kind.XLSX,), 20 * MB),
    "foi 申请附件": (_foi, tuple(foi_uploads.KINDS), 10 * MB),
    "orgs 单位导入": (_units, unit_io.UPLOAD_KINDS, unit_io.MAX_UPLOAD_BYTES),
    "workplan 佐证材料": (_evidence, workplan_progress.EVIDENCE_KINDS, workplan_progress.EVIDENCE_MAX_BYTES),
    "workplan 要点导入": (_plan_import, readers.KINDS, workplan_importing.MAX_UPLOAD_BYTES),
}

# file → the verdict every caller gives (for the BOM PDF: accepted as PDF wherever a PDF may be given)
EXPECTED = {
    "带BOM.pdf": "pdf",
    "压缩炸弹.docx": "zip_bomb",
    "网页.pdf": "mismatch",
    "程序.xlsx": "mismatch",
    "空文件.pdf": "empty",
    "超大.pdf": "too_large",
}


def _verdict(run: Callable[[Path, str], None], path: Path, name: str) -> str:
    try:
        run(path, name)
    except ValueError as exc:  # every caller's error (ScanError, DocumentError, ServiceError …) is one
        return str(exc)
    return "accepted"


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(CALLERS))
@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_caller_gives_the_one_verdict(settings, corpus, caller, name):
    settings.GONGKAI_ATTACHMENT_MAX_MB = 20
    settings.GONGKAI_FOI_UPLOAD_MAX_MB = 10
    run, allowed, limit = CALLERS[caller]
    path = corpus[name]
    try:
        checked = filetype.check(_upload(path, name), allowed, limit)
        expected, code = "accepted", checked.kind.value
    except filetype.FileTypeError as exc:
        expected, code = str(exc), exc.code
    # The corpus verdicts themselves (a PDF is refused only where PDFs are not taken at all).
    if EXPECTED[name] == "pdf":
        assert code == "pdf" or (code == "not_allowed" and filetype.Kind.PDF not in allowed), (
            caller,
            expected,
        )
    else:
        assert code == EXPECTED[name], (caller, expected)
    actual = _verdict(run, path, name)
    if expected == "accepted":
        assert actual == "accepted", f"{caller} refused {name}: {actual}"
    else:
        assert expected in actual, f"{caller} on {name}: {actual!r} instead of {expected!r}"


def test_the_bom_pdf_is_a_pdf_to_everyone_who_reads_it(corpus):
    path = corpus["带BOM.pdf"]
    assert filetype.sniff(path.read_bytes()) is filetype.Kind.PDF
    assert publishing_files.check_upload(_upload(path, "带BOM.pdf")).kind == "pdf"
    assert foi_uploads.check(_upload(path, "带BOM.pdf")).content_type == "application/pdf"
    found = textscan.scan_file(path)
    assert [(f.kind, f.where.source) for f in found] == [("mobile", "pdf")]
    assert "13912345678" in docread.blocks_to_text(docread.read(path))


def test_the_200_mb_file_is_refused_without_being_read_into_memory(settings, corpus):
    settings.GONGKAI_ATTACHMENT_MAX_MB = 20
    settings.GONGKAI_FOI_UPLOAD_MAX_MB = 10
    path = corpus["超大.pdf"]
    tracemalloc.start()
    try:
        for caller, (run, _allowed, _limit) in CALLERS.items():
            if caller == "publishing 目录导入":
                continue  # needs the database only for its settings; covered above
            assert "超过" in _verdict(run, path, "超大.pdf"), caller
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"peak {peak / MB:.2f} MB allocated while 7 callers refused a {BIG // MB} MB file")
    assert peak < 20 * MB, f"{peak / MB:.0f} MB allocated while refusing a {BIG // MB} MB file"
