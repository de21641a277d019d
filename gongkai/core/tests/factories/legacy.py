"""Test files in the formats officials still send, made in the test run itself.

- :func:`to_legacy` turns a .docx/.xlsx made with python-docx/openpyxl into a real .doc/.xls with the installed
  LibreOffice (the same converter the platform uses, run the other way). The suite needs LibreOffice: without it
  these tests **fail** (never skip) with a message saying how to install it.
- :func:`build_ofd` writes an OFD (GB/T 33190) with the pages and lines given.
- :func:`fake_soffice` writes a stand-in converter script (slow, crashing or recording) for the failure tests.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from html import escape
from pathlib import Path

import pytest

_MADE: dict[str, bytes] = {}
_FILTERS = {"doc": "doc:MS Word 97", "xls": "xls:MS Excel 97"}


def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed, so the .doc/.wps/.xls/.et tests cannot run. Run "
            "scripts/bootstrap.sh as root (it installs libreoffice-core-nogui, libreoffice-writer-nogui and "
            "libreoffice-calc-nogui), or apt-get install them.",
            pytrace=False,
        )
    return path


def to_legacy(data: bytes, target: str) -> bytes:
    """``data`` (.docx or .xlsx) saved as ``target`` ("doc" or "xls") by LibreOffice; cached per test run."""
    key = hashlib.sha256(data).hexdigest() + target
    if key in _MADE:
        return _MADE[key]
    source_suffix = ".docx" if target == "doc" else ".xlsx"
    with tempfile.TemporaryDirectory(prefix="gk-legacy-") as folder:
        work = Path(folder)
        source = work / f"in{source_suffix}"
        source.write_bytes(data)
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                _FILTERS[target],
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made = (work / f"in.{target}").read_bytes()
    _MADE[key] = made
    return made


def docx_of(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.rows[r].cells[c].text = value
        document.add_paragraph("")  # Word always ends a body with a paragraph; a table last is lost in a .doc
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_of(rows: list[list[object]], title: str = "名单") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_NS = "http://www.ofdspec.org/2016"


def build_ofd(pages: list[list[str | tuple[str, ...]]], *, doc_root: str = "Doc_0/Document.xml") -> bytes:
    """An OFD whose pages hold the given lines, top to bottom. A line given as a tuple is written as several text
    objects on the same baseline, left to right, and in reverse order in the XML (the reader must sort)."""
    base = doc_root.strip("/").rsplit("/", 1)[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
            f"<ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        archive.writestr(
            doc_root.lstrip("/"),
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_NS}"><ofd:CommonData>'
            "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        for number, lines in enumerate(pages):
            objects = []
            ident = 100
            for row, line in enumerate(lines):
                top = 20 + 8 * row
                parts = [line] if isinstance(line, str) else list(line)
                left = 25.0
                placed = []
                for part in parts:
                    ident += 1
                    width = 4.2 * len(part)
                    placed.append(
                        f'<ofd:TextObject ID="{ident}" Boundary="{left:.2f} {top} {width:.2f} 6" Font="3" Size="4.2">'
                        f'<ofd:TextCode X="0" Y="4.5" DeltaX="g {len(part) - 1} 4.2">{escape(part)}</ofd:TextCode>'
                        "</ofd:TextObject>"
                    )
                    left += width
                objects.extend(reversed(placed))
            archive.writestr(
                f"{base}/Pages/Page_{number}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_NS}"><ofd:Content>'
                f'<ofd:Layer ID="{number + 1}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return out.getvalue()


def fake_soffice(folder: Path, body: str) -> str:
    """An executable stand-in for soffice: a Python script with ``body`` (``out``: the --outdir, ``source``: the
    input path, ``argv``: the arguments are defined)."""
    import sys

    script = folder / "fake-soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, time, pathlib\n"
        "argv = sys.argv[1:]\n"
        "out = pathlib.Path(argv[argv.index('--outdir') + 1])\n"
        "source = pathlib.Path(argv[-1])\n" + body,
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)
