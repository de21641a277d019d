"""Clause structure of normative documents: 第X条 with chapters, and the 一、（一）1.（1） outline."""

from gongkai.core.policy.clauses import (
    ARTICLE,
    ARTICLE_STYLE,
    CHAPTER,
    OUTLINE_STYLE,
    join_clauses,
    normalize_label,
    parse_clauses,
)

RULES = """某县农业补贴管理办法

第一章　总则
第一条　为了规范农业补贴资金管理，制定本办法。
第二条　本办法适用于本县行政区域。
第二章　补贴标准
第3条 耕地地力保护补贴标准为每亩100元。
第二十三条　依照第三条规定的标准发放。
第五条规定的情形除外。
"""

OPINION = """关于加快发展设施农业的实施意见

各乡镇人民政府：
一、总体要求
（一）指导思想。坚持以人民为中心。
（二）主要目标。到2025年，设施农业面积达到5万亩。
1.新建日光温室1000座。
（1）每座补助2万元。
2、改造老旧大棚500座。
二、保障措施
(一) 加强组织领导。
"""


def test_articles_with_chapters():
    parsed = parse_clauses(RULES)
    assert parsed.style == ARTICLE_STYLE
    labels = [c.label for c in parsed.clauses]
    assert labels == ["第一章", "第一条", "第二条", "第二章", "第三条", "第二十三条"]
    art = parsed.find("第二十三条")
    assert art.number == 23 and art.kind == ARTICLE
    assert art.path == ("第二章", "第二十三条")
    # "第五条规定的情形除外" is a reference, not a heading: it stays in the previous article.
    assert "第五条规定的情形除外" in art.text
    assert parsed.find("第3条").path == ("第二章", "第三条")
    assert parsed.find("第二章").kind == CHAPTER
    assert parsed.find("第一条").body == "为了规范农业补贴资金管理，制定本办法。"
    assert [c.label for c in parsed.articles()] == ["第一条", "第二条", "第三条", "第二十三条"]


def test_offsets_point_into_the_text():
    parsed = parse_clauses(RULES)
    for clause in parsed.clauses:
        assert RULES[clause.start : clause.end] == clause.text
    assert parsed.preamble == "某县农业补贴管理办法\n\n"
    assert join_clauses(parsed) == RULES


def test_outline_paths():
    parsed = parse_clauses(OPINION)
    assert parsed.style == OUTLINE_STYLE
    paths = [c.path for c in parsed.clauses]
    assert paths == [
        ("一",),
        ("一", "（一）"),
        ("一", "（二）"),
        ("一", "（二）", "1."),
        ("一", "（二）", "1.", "（1）"),
        ("一", "（二）", "2."),
        ("二",),
        ("二", "（一）"),
    ]
    assert parsed.clauses[2].body.startswith("主要目标。到2025年")
    assert join_clauses(parsed) == OPINION


def test_items_inside_articles_belong_to_the_article():
    text = "第一条　补贴对象包括：\n（一）农户；\n（二）合作社。\n第二条　附则。\n"
    parsed = parse_clauses(text)
    assert [c.label for c in parsed.clauses] == ["第一条", "第二条"]
    assert "（二）合作社" in parsed.clauses[0].text


def test_text_without_headings_is_preamble():
    parsed = parse_clauses("没有条款的通知正文。")
    assert parsed.clauses == ()
    assert parsed.preamble == "没有条款的通知正文。"


def test_normalize_label():
    assert normalize_label("第5条") == "第五条"
    assert normalize_label("第 十二 条") == "第十二条"
    assert normalize_label("第１２条") == "第十二条"
    assert normalize_label("(二)") == "（二）"
