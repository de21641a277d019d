"""Rich text cleaning (Word paste), plain-text derivation, masking in HTML text nodes, upload sniffing."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.common.richtext import clean_html, html_to_text, replace_in_text_nodes
from gongkai.core import filetype, textscan
from gongkai.publishing import files
from gongkai.publishing.catalog import template_rows

from .factories import Upload, docx_bytes, id_number

WORD_PASTE = """<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
<h1 class=MsoTitle>关于印发方案的通知</h1>
<p class=MsoNormal style='font-family:仿宋'><span lang=EN-US>各村（社区）：</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>明确责任</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.</span>加强督查</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>·</span>要点</p>
<table class=MsoTableGrid border=1><tr><td colspan=2 style='width:100pt'><p>姓名</p></td><td onclick="x()">金额</td></tr></table>
<a href="javascript:alert(1)">坏链接</a><a href="https://www.gov.cn/">国务院</a><img src=x onerror=alert(1)>"""


def test_word_paste_keeps_structure_and_drops_the_rest():
    out = clean_html(WORD_PASTE).replace("\n", "")
    assert "<h2>关于印发方案的通知</h2>" in out
    assert "<ol><li>明确责任</li>" in out and "<li>加强督查</li></ol>" in out
    assert "<ul><li>要点</li></ul>" in out
    assert '<td colspan="2">' in out and "onclick" not in out and "style" not in out and "class" not in out
    assert "javascript" not in out and "<img" not in out and "mso" not in out.lower() and "<o:p" not in out
    assert 'href="https://www.gov.cn/"' in out and 'rel="noopener noreferrer"' in out


def test_text_has_one_line_per_table_row():
    text = html_to_text(
        "<p>名单如下：</p><table><tr><td>张三</td><td>110101199003074514</td></tr><tr><td>李四</td><td>x</td></tr></table>"
    )
    assert text.splitlines() == ["名单如下：", "张三\t110101199003074514", "李四\tx"]


def test_replacement_only_touches_text_not_markup():
    html = '<p><a href="https://x.cn/13800001111">电话13800001111</a></p>'
    out, count = replace_in_text_nodes(html, {"13800001111": "138****1111"})
    assert count == 1 and 'href="https://x.cn/13800001111"' in out and "电话138****1111" in out


PLACES = st.sampled_from(
    [
        "<p>{}</p>",
        "<table><tr><td>王五</td><td>{}</td></tr></table>",
        "<ul><li>号码{}</li></ul>",
        "<p><strong>{}</strong>，备注</p>",
    ]
)
IDS = st.builds(
    lambda region, y, m, d, seq: id_number(region, f"{y:04d}{m:02d}{d:02d}", f"{seq:03d}"),
    st.sampled_from(["110101", "350102", "440305", "369901"]),
    st.integers(1940, 2005),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 999),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(PLACES, IDS), min_size=1, max_size=5))
def test_body_masking_never_leaves_a_valid_id(parts):
    """Whatever the structure, masking the body's findings leaves no ID number the scanner still sees."""
    html = clean_html("".join(place.format(value) for place, value in parts))
    findings = [f for f in textscan.scan_text(html_to_text(html)) if f.kind == "id_number"]
    assert {f.text for f in findings} == {value for _, value in parts}
    masked, _ = replace_in_text_nodes(html, {f.text: f.mask for f in findings})
    assert not [f for f in textscan.scan_text(html_to_text(masked)) if f.kind == "id_number"]
    for _, value in parts:
        assert value not in masked


def test_sniff_by_content():
    sniff = filetype.sniff
    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(docx_bytes(["x"])) == "docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    assert sniff(buf.getvalue()) == "zip"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"MZ\x90") == "exe"


def test_check_upload_limits(settings):
    with pytest.raises(files.UploadError, match="超过 1 MB"):
        files.check_upload(Upload(b"%PDF-" + b"0" * (1024 * 1024 + 1), "大.pdf"), max_mb=1)
    checked = files.check_upload(Upload(docx_bytes(["x"]), "../../etc/通知.DOCX"))
    assert checked.name == "通知.DOCX" and checked.kind == "docx"


def test_template_rows_cover_articles_20_and_21():
    rows = template_rows()
    codes = {r["code"] for r in rows}
    assert {f"art20-{i:02d}" for i in range(1, 16)} <= codes
    assert {f"art21-{i:02d}" for i in range(1, 8)} <= codes
    statutory = [
        r for r in rows if r["code"].startswith("art")
    ]  # the 信息公开制度 / 年报 column items cite others
    assert all(r["basis"].startswith("《中华人民共和国政府信息公开条例》第二十") for r in statutory)
    assert {r["code"] for r in rows} - {r["code"] for r in statutory} == {"xxgk-zhidu", "xxgk-nianbao"}
    parents = {r["code"] for r in rows if r["parent_code"] is None}
    assert all(r["parent_code"] in parents for r in rows if r["parent_code"])


def test_import_docx_reads_title_number_date_and_drops_red_head():
    data = docx_bytes(
        ["示范县城关镇人民政府文件", "城政字[2026]15号", "关于做好防汛工作的通知", "各村：", "请做好准备。"],
        date_line="二〇二六年三月二日",
    )
    doc = files.import_docx(data, "通知.docx")
    assert doc.title == "关于做好防汛工作的通知" and doc.doc_number == "城政字〔2026〕15号"
    assert doc.formed_date.isoformat() == "2026-03-02"
    assert "人民政府文件" not in doc.body and "各村" in doc.body
