"""The one HTML → PDF renderer of documents the platform prints (年报, 政府公报): WeasyPrint, with the house's
Chinese fonts (仿宋-like serif body, 黑体-like sans headings, Noto CJK installed by ``scripts/bootstrap.sh``).

Rendering is slow (hundreds of milliseconds to seconds): never call it inside a transaction or with a row locked.
"""

from __future__ import annotations

SERIF = "'Noto Serif CJK SC','FangSong',serif"
SANS = "'Noto Sans CJK SC','SimHei',sans-serif"

# A4 with the margins of GB/T 9704 (official documents), the body serif, headings sans.
BASE_CSS = (
    "@page{size:A4;margin:2.5cm 2cm}"
    f"body{{font-family:{SERIF};font-size:12pt;line-height:1.6}}"
    f"h1,h2,h3{{font-family:{SANS}}}"
)


def render(html: str) -> bytes:
    """The PDF of a standalone HTML page (its CSS in the page)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
