"""Document reader: encodings, clean-up, .docx/.html/.pdf/.xlsx structure, 文号 parsing."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core import docread
from gongkai.core.docread import (
    DocumentError,
    blocks_to_text,
    clean_line,
    join_lines,
    match_marker,
    parse_doc_number,
    read,
    read_text,
)
from gongkai.core.docread.numerals import chinese_to_int, int_to_chinese
from gongkai.core.tests.fixtures import make_pdf, sample_text, to_docx, to_html, wrap_for_pdf

# -- text clean-up ---------------------------------------------------------------------------------------------


def test_odd_spaces_inside_chinese_text_are_removed():
    assert clean_line("                                2024年5月 22 日") == "2024年5月22日"
    assert clean_line("通  知") == "通知"
    assert clean_line("丰城市人民政府办公室关于印发 《2023年丰城市政务公开工作要点》的通知").endswith(
        "关于印发《2023年丰城市政务公开工作要点》的通知"
    )
    assert clean_line("(二) 紧扣重点民生领域深化公开。") == "(二)紧扣重点民生领域深化公开。"
    # NBSP, ideographic space and zero-width characters
    assert clean_line("\u3000\u3000一、深化\u00a0重点\u200b领域") == "一、深化重点领域"


def test_spaces_between_latin_words_are_kept():
    assert clean_line("使用 Office  Word 编辑") == "使用Office Word编辑"


def test_full_width_digits_and_letters_become_half_width_but_chinese_punctuation_stays():
    assert clean_line("２０２３年７月底前，ＡＰＰ达到１００％。") == "2023年7月底前，APP达到100%。"
    assert clean_line("（一）加强“三同步”：解读；") == "（一）加强“三同步”：解读；"


def test_markdown_and_word_artefacts_are_dropped():
    assert clean_line("[bookmark: _GoBack]（二）积极回应社会关切。") == "（二）积极回应社会关切。"
    assert clean_line("**（责任单位：市司法局牵头负责）**") == "（责任单位：市司法局牵头负责）"
    assert clean_line("# 2024年兴国县政务公开工作要点") == "2024年兴国县政务公开工作要点"
    assert clean_line("## 一、提升信息公开质量") == "一、提升信息公开质量"


def test_lines_broken_inside_a_sentence_are_rejoined_across_blank_lines():
    lines = [
        "（一）紧扣重点工作深化公开。推进被审计单位依法公开审计机关对",
        "",
        "外公告或披露问题的整改结果。(责任单位：市审计局)",
        "(十一) 强化综合考核和组织保障。政府主要负责同志",
        "",
        "年内至少听取一次政务公开工作汇报。",
    ]
    assert join_lines(lines) == [
        "（一）紧扣重点工作深化公开。推进被审计单位依法公开审计机关对外公告或披露问题的整改结果。(责任单位：市审计局)",
        "(十一)强化综合考核和组织保障。政府主要负责同志年内至少听取一次政务公开工作汇报。",
    ]


def test_titles_headings_and_dates_keep_their_own_lines():
    lines = [
        "兴国县人民政府办公室",
        "关于印发高唐县2024年政务公开工作要点的",
        "通  知",
        "各乡镇人民政府，县政府各部门：",
        "经县政府同意，现印发给你们。",
        "2024年5月 22 日",
        "（此件主动公开）",
        "2024年兴国县政务公开工作要点",
        "一、提升信息公开质量，助推重点工作落实",
        "（一）聚焦高质量发展推动信息公开",
        "及时公开制造业政策。",
    ]
    assert join_lines(lines) == [
        "兴国县人民政府办公室",
        "关于印发高唐县2024年政务公开工作要点的通知",
        "各乡镇人民政府，县政府各部门：",
        "经县政府同意，现印发给你们。",
        "2024年5月22日",
        "（此件主动公开）",
        "2024年兴国县政务公开工作要点",
        "一、提升信息公开质量，助推重点工作落实",
        "（一）聚焦高质量发展推动信息公开",
        "及时公开制造业政策。",
    ]


def test_unify_brackets_keeps_offsets():
    text = "（县教体局〔牵头〕）【注】［1］"
    unified = docread.unify_brackets(text)
    assert unified == "(县教体局[牵头])[注][1]"
    assert len(unified) == len(text)


# -- outline markers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level", "label", "rest"),
    [
        ("一、提升信息公开质量", docread.PART, "一", "提升信息公开质量"),
        ("十二、其他", docread.PART, "十二", "其他"),
        ("（十四）强化培训", docread.ITEM, "（十四）", "强化培训"),
        ("(二) 紧扣重点", docread.ITEM, "（二）", "紧扣重点"),
        ("1.加强培训", docread.SUB, "1", "加强培训"),
        ("2、加强培训", docread.SUB, "2", "加强培训"),
        ("3．加强培训", docread.SUB, "3", "加强培训"),
        ("（1）细化", docread.SUBSUB, "（1）", "细化"),
    ],
)
def test_outline_markers(text, level, label, rest):
    marker = match_marker(text)
    assert marker is not None
    assert (marker.level, marker.label, marker.rest) == (level, label, rest)


@pytest.mark.parametrize(
    "text",
    ["2019年，全县政务公开", "1.5亿元资金", "一是加强培训", "（此件主动公开）", "一年一次", "2024.5.22"],
)
def test_not_outline_markers(text):
    assert match_marker(text) is None


def test_chinese_numerals():
    assert [
        chinese_to_int(t) for t in ("一", "十", "十四", "二十", "二十三", "两", "二〇二四", "一百零五")
    ] == [
        1,
        10,
        14,
        20,
        23,
        2,
        2024,
        105,
    ]
    assert chinese_to_int("第一") is None
    assert [int_to_chinese(n) for n in (1, 10, 14, 20, 23)] == ["一", "十", "十四", "二十", "二十三"]


# -- 文号 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "丰府办字〔2023〕26号",
        "丰府办字[2023]26号",
        "丰府办字（2023）26号",
        "丰府办字(2023)26号",
        "丰府办字【2023】26号",
        "丰府办字［2023］026号",
        "丰府办字〔2023〕第26号",
        "丰府办字 〔２０２３〕 ２６ 号",
        "  丰府办字﹝2023﹞0026号 ",
    ],
)
def test_doc_number_variants_give_the_standard_form(written):
    number = parse_doc_number(written)
    assert number is not None
    assert (number.issuer_code, number.year, number.number) == ("丰府办字", 2023, 26)
    assert number.standard == "丰府办字〔2023〕26号"
    assert number.as_dict()["standard"] == "丰府办字〔2023〕26号"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "丰府办字2023年26号",
        "丰府办字〔23〕26号",
        "丰府办字〔2023〕号",
        "〔2023〕26号",
        "丰府办字〔2023〕0号",
    ],
)
def test_not_doc_numbers(text):
    assert parse_doc_number(text) is None


def test_doc_numbers_found_in_running_text():
    found = docread.find_doc_numbers("根据《通知》（国办发〔2024〕5号）和赣府厅字[2023]12号的要求")
    assert [n.standard for n in found] == ["国办发〔2024〕5号", "赣府厅字〔2023〕12号"]


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_doc_number_parser_never_crashes(text):
    parse_doc_number(text)
    docread.find_doc_numbers(text)
    clean_line(text)


# -- encodings and .txt ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_txt_encodings_are_detected(encoding):
    text = "2024年兴国县政务公开工作要点\n一、提升信息公开质量\n（一）聚焦高质量发展。及时公开“6313”行动计划。〔责任单位：县发改委〕"
    blocks = read(text.encode(encoding), filename="要点.txt")
    assert [b.text for b in blocks] == text.split("\n")


def test_text_tables_become_table_blocks():
    text = "附件\n| 序号 | 目标任务 | 责任单位 |\n|---|---|---|\n| 1 | 聚焦高质量发展 | 县发改委 |\n结尾。"
    blocks = read_text(text)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    assert blocks[1].rows == [["序号", "目标任务", "责任单位"], ["1", "聚焦高质量发展", "县发改委"]]


def test_the_format_is_sniffed_from_content_not_name():
    docx_bytes = to_docx("（一）加强培训。")
    assert [b.text for b in read(docx_bytes, filename="要点.txt")] == ["（一）加强培训。"]
    with pytest.raises(DocumentError, match="无法识别的旧版 Office 文件"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, filename="要点.doc")
    with pytest.raises(DocumentError, match="Word"):
        read(b"PK\x03\x04broken", filename="要点.docx", kind="docx")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DocumentError, match="无法打开文件"):
        read(tmp_path / "没有.docx")


# -- .docx -------------------------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_come_in_document_order():
    data = to_docx(
        "2024年要点\n（一）加强培训。\n附件",
        tables=[[["序号", "目标任务", "责任单位"], ["一、提升质量"], ["1", "加强培训", "县政府办"]]],
    )
    blocks = read(io.BytesIO(data), filename="x.docx")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph", "table"]
    # the merged part-title row is one cell, not three copies
    assert blocks[3].rows == [
        ["序号", "目标任务", "责任单位"],
        ["一、提升质量"],
        ["1", "加强培训", "县政府办"],
    ]


def test_docx_of_a_sample_reads_like_its_text():
    text = sample_text("001")
    assert blocks_to_text(read(to_docx(text), filename="x.docx")) == blocks_to_text(read_text(text))


# -- .html -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("br", [False, True])
def test_html_main_content_without_page_chrome(br):
    text = sample_text("000")
    blocks = read(to_html(text, br=br), filename="x.html")
    got = blocks_to_text(blocks)
    assert got == blocks_to_text(read_text(text))
    for chrome in (
        "首页",
        "当前位置",
        "分享到",
        "打印本页",
        "关闭窗口",
        "网站标识码",
        "ICP备",
        "统计代码",
        "政府信息公开指南",
        "浏览次数",
    ):
        assert chrome not in got


def test_html_in_gb2312_with_a_meta_charset():
    text = sample_text("004")
    blocks = read(to_html(text, encoding="gb2312"), filename="x.htm")
    assert blocks_to_text(blocks) == blocks_to_text(read_text(text))


def test_html_title_outside_the_content_box_is_kept():
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a></div><h1>关于做好2024年政务公开工作的通知</h1>"
        "<div class='content'><p>各乡镇人民政府，县政府各部门：</p><p>现将有关事项通知如下，请认真贯彻落实，"
        "确保各项任务按时完成。</p><p>一、加强组织领导，明确工作责任，抓好各项任务落实。</p></div></body></html>"
    )
    texts = [b.text for b in read(page.encode(), filename="x.html")]
    assert texts[0] == "关于做好2024年政务公开工作的通知"
    assert "首页" not in texts


def test_html_tables_become_table_blocks():
    page = (
        "<html><body><div class='content'><p>附件：任务分工表，请各单位对照落实，按时报送进展情况。</p>"
        "<table><tr><th>序号</th><th>任务内容</th><th>责任单位</th></tr>"
        "<tr><td>1</td><td>加强培训。</td><td>县政府办</td></tr></table></div></body></html>"
    )
    blocks = read(page.encode(), filename="x.html")
    tables = [b for b in blocks if b.is_table]
    assert tables and tables[0].rows == [["序号", "任务内容", "责任单位"], ["1", "加强培训。", "县政府办"]]


# -- .pdf --------------------------------------------------------------------------------------------------------


def test_pdf_text_layer_with_wrapped_lines_and_page_numbers():
    text = sample_text("001")
    blocks = read(make_pdf(wrap_for_pdf(text)), filename="x.pdf")
    expected = read_text(text)
    # Same characters; a line ending exactly on 。 may also end the paragraph (a PDF cannot tell), so only
    # the paragraphs that start a title, a part or an item must start where the text's do.
    assert "".join(b.text for b in blocks) == "".join(b.text for b in expected)
    starts = [b.text[:12] for b in blocks if match_marker(b.text) or "要点" in b.text[:20]]
    assert starts == [b.text[:12] for b in expected if match_marker(b.text) or "要点" in b.text[:20]]
    assert not any(b.text.startswith("- ") for b in blocks)


def test_pdf_without_text_is_reported():
    with pytest.raises(DocumentError, match="扫描件"):
        read(make_pdf([]), filename="x.pdf")


# -- .xlsx -------------------------------------------------------------------------------------------------------


def test_xlsx_sheets_become_tables_with_merged_cells_filled_down():
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "分工表"
    sheet.append(["序号", "目标任务", "任务内容", "责任单位", "工作时限"])
    sheet.append(["一、提升信息公开质量"])
    sheet.merge_cells("A2:E2")
    sheet.append([1, "聚焦高质量发展", "及时公开政策。", "县发改委", "持续推进"])
    sheet.append([2, None, "加强信用信息公开。", "县市场监管局", "６月底前"])
    sheet.merge_cells("B3:B4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    (block,) = read(buffer.getvalue(), filename="分工表.xlsx")
    assert block.sheet == "分工表"
    assert block.rows == [
        ["序号", "目标任务", "任务内容", "责任单位", "工作时限"],
        ["一、提升信息公开质量"],
        ["1", "聚焦高质量发展", "及时公开政策。", "县发改委", "持续推进"],
        ["2", "聚焦高质量发展", "加强信用信息公开。", "县市场监管局", "6月底前"],
    ]


def test_html_laid_out_with_tables_keeps_its_paragraphs():
    text = sample_text("002")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    page = (
        "<html><body><table width='100%'><tr><td colspan='2'><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a></td></tr>"
        "<tr><td width='200'><a href='/a'>机构职能</a><br><a href='/b'>政策文件</a></td>"
        f"<td><table><tr><td class='bt'>政务公开工作要点</td></tr><tr><td class='nr'>{paragraphs}</td></tr></table></td></tr>"
        "<tr><td colspan='2'>版权所有：铅山县人民政府</td></tr></table></body></html>"
    )
    blocks = read(page.encode(), filename="x.html")
    assert not any(b.is_table for b in blocks)
    assert blocks_to_text(blocks) == blocks_to_text(read_text(text))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("联系电话：138****1234", "联系电话：138****1234"),
        ("身份证号35*************123", "身份证号35*************123"),
        ("**提升政务公开质量**", "提升政务公开质量"),
        ("全年共**3**项", "全年共3项"),
    ],
)
def test_markdown_bold_is_dropped_but_masked_values_keep_their_stars(raw, expected):
    from gongkai.core.docread.normalize import clean_line

    assert clean_line(raw) == expected
