"""Builders for the document-reader tests: the samples as .docx, .html (with page chrome) and .pdf.

No tests here; test_docread*.py and test_workpoints*.py import these.
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

# The four published work-points documents of the team's sample set, kept in the repo under data/ so a clone has them.
SAMPLES = Path(__file__).resolve().parent / "data" / "workpoints"

SAMPLE_FILES = {
    "000": "000_c388c9dfdc12dd8b.txt",
    "001": "001_f2fb83f86f19958b.txt",
    "002": "002_091f97d7362963d8.txt",
    "004": "004_5816410d9c7f22c5.txt",
}


def sample_text(key: str) -> str:
    return (SAMPLES / SAMPLE_FILES[key]).read_text(encoding="utf-8")


def to_docx(
    text: str, tables: list[list[list[str]]] | None = None, merge_first_row_of_table: bool = False
) -> bytes:
    """One Word paragraph per line of ``text`` (blank lines kept as empty paragraphs), then the tables."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    for rows in tables or []:
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            if len(row) == 1 and width > 1:
                merged = table.cell(r, 0).merge(table.cell(r, width - 1))
                merged.text = row[0]
                continue
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_html(text: str, *, br: bool = False, encoding: str = "utf-8") -> bytes:
    """The text inside a county portal page: header, nav, breadcrumbs, share buttons, print/close links, footer."""
    lines = text.split("\n")
    if br:
        content = "<div class='TRS_Editor'>" + "<br/>\n".join(escape(line) for line in lines) + "</div>"
    else:
        content = "\n".join(f"<p style='text-indent:2em'>{escape(line)}</p>" for line in lines)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>政务公开工作要点_示范县人民政府</title>
<style>.nav{{color:red}}</style><script>var _hmt = _hmt || []; document.write("统计代码");</script></head>
<body>
<header class="top"><div class="logo">示范县人民政府</div><div class="search"><input name=q> 搜索</div></header>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进示范</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 工作要点</div>
<div class="container">
 <div class="side"><ul><li><a href="/a">政府信息公开指南</a></li><li><a href="/b">政府信息公开制度</a></li>
 <li><a href="/c">法定主动公开内容</a></li><li><a href="/d">政府信息公开年报</a></li></ul></div>
 <div class="article">
  <div class="info">来源：县政府办 发布时间：2024-05-22 浏览次数：1024 字体：[大 中 小]</div>
  <div class="content">{content}</div>
  <div class="bdsharebuttonbox share">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
  <div class="print">【打印本页】【关闭窗口】</div>
 </div>
</div>
<footer class="footer"><p>主办：示范县人民政府办公室 网站标识码：3607000001</p><p>赣ICP备05001234号 赣公网安备36070002000123号</p></footer>
</body></html>"""
    return page.encode(encoding if encoding != "gb2312" else "gb18030")


def make_pdf(lines: list[str | tuple[float, str]], per_page: int = 40) -> bytes:
    """A minimal PDF whose text layer holds ``lines`` (non-embedded Adobe font STSong-Light, UniGB-UCS2-H).

    pdfminer maps the CIDs back to Unicode through its bundled Adobe-GB1 tables, so this is a real CJK
    text-layer PDF without any font file. A line given as (indent, text) starts ``indent`` characters in.
    """
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objects: list[str] = []

    def add(body: str) -> int:
        objects.append(body)
        return len(objects)

    font = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>"
    )
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for page in pages:
        ops = []
        for number, line in enumerate(page):
            indent, text = line if isinstance(line, tuple) else (0, line)
            hexed = "".join(f"{ord(c):04X}" for c in text if ord(c) < 0x10000)
            ops.append(f"BT /F1 10 Tf 1 0 0 1 {50 + 10 * indent:.1f} {800 - 12 * number} Tm <{hexed}> Tj ET")
        stream = "\n".join(ops)
        content = add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def wrap_for_pdf(text: str, width: int = 38, per_page: int = 39) -> list[tuple[float, str]]:
    """Lines as a PDF lays them out: first lines indented two characters (首行缩进), short punctuation-free
    lines (titles, dates) centred, paragraphs cut at ``width`` characters, a centred page number per page."""
    lines: list[tuple[float, str]] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if not any(p in paragraph for p in "，。；、："):
            # titles and dates: centred, long titles on two centred lines
            for start in range(0, len(paragraph), width - 8):
                chunk = paragraph[start : start + width - 8]
                lines.append(((width - len(chunk)) / 2, chunk))
            continue
        indent = 2 if not paragraph.endswith("：") else 0
        first = width - indent
        lines.append((indent, paragraph[:first]))
        for start in range(first, len(paragraph), width):
            lines.append((0, paragraph[start : start + width]))
    out: list[tuple[float, str]] = []
    for page, start in enumerate(range(0, len(lines), per_page), start=1):
        out.extend(lines[start : start + per_page])
        out.append((width / 2 - 2, f"- {page} -"))
    return out
