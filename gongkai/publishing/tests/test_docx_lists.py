"""Word import keeps a numbered list numbered and a bulleted one bulleted (issue 12)."""

import copy
import io

import docx
from docx.oxml.ns import qn

from gongkai.publishing import files


def _import(document) -> str:
    out = io.BytesIO()
    document.save(out)
    return files.import_docx(out.getvalue(), "通知.docx").body


def _base():
    document = docx.Document()
    document.add_paragraph("关于做好2026年春耕生产工作的通知", style="Title")
    document.add_paragraph("各村（社区）：")
    return document


def test_numbered_and_bulleted_list_styles():
    document = _base()
    for text in ("备好种子", "整理田地", "按时播种"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("注意事项：")
    for text in ("严防火灾", "注意防汛"):
        document.add_paragraph(text, style="List Bullet")
    body = _import(document)
    assert "<ol><li>备好种子</li><li>整理田地</li><li>按时播种</li></ol>" in body
    assert "<ul><li>严防火灾</li><li>注意防汛</li></ul>" in body


def _numbering_of(document, style_name):
    """The w:numPr a list style carries, to put it on a plain paragraph (direct numbering, as Word often writes)."""
    style = document.styles[style_name]
    return style.element.find(qn("w:pPr")).find(qn("w:numPr"))


def test_direct_numbering_reads_the_level_format():
    document = _base()
    numbered, bulleted = _numbering_of(document, "List Number"), _numbering_of(document, "List Bullet")
    for text, numpr in (("一项", numbered), ("二项", numbered), ("圆点甲", bulleted), ("圆点乙", bulleted)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(copy.deepcopy(numpr))
    body = _import(document)
    assert "<ol><li>一项</li><li>二项</li></ol><ul><li>圆点甲</li><li>圆点乙</li></ul>" in body


def test_numbering_switched_off_is_a_plain_paragraph():
    document = _base()
    paragraph = document.add_paragraph("不编号的段落", style="List Number")
    numpr = paragraph._p.get_or_add_pPr()._add_numPr()
    numpr._add_numId().val = 0
    body = _import(document)
    assert "<p>不编号的段落</p>" in body and "<ol>" not in body
