"""Clause-aligned diff of two versions of a county regulation, and partial amendment documents."""

import pytest

from gongkai.core.policy.amendments import (
    DELETE,
    INSERT,
    REPLACE,
    REPLACE_WORDS,
    AmendmentError,
    apply_amendments,
    extract_amendments,
)
from gongkai.core.policy.diff import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    diff_documents,
    similarity,
    word_segments,
)
from gongkai.core.policy.diff import (
    DELETE as SEG_DELETE,
)
from gongkai.core.policy.diff import (
    INSERT as SEG_INSERT,
)

ARTICLES_OLD = [
    "为了规范农业补贴资金管理，提高资金使用效益，根据有关规定，结合本县实际，制定本办法。",
    "本办法适用于本县行政区域内农业补贴资金的申请、审核、发放和监督管理。",
    "县农业农村局负责农业补贴工作的组织实施。县财政局负责补贴资金的筹集和拨付。",
    "补贴对象为在本县行政区域内实际从事粮食生产的农户和新型农业经营主体。",
    "耕地地力保护补贴标准为每亩100元，按照确权面积计算。",
    "农机购置补贴按照省定补贴额一览表执行。",
    "种粮大户补贴面积不超过500亩。",
    "补贴资金可以用于购买农业保险。",
    "申请人应当于每年3月31日前向所在乡镇人民政府提出申请。",
    "乡镇人民政府应当在收到申请之日起15个工作日内完成审核，并在村务公开栏公示7日。",
    "补贴资金通过“一卡通”直接发放到户。",
    "本办法自2024年1月1日起施行，有效期5年。",
]
CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def regulation(articles: list[str], chapters: dict[int, str]) -> str:
    lines = ["某县农业补贴管理办法", ""]
    for k, body in enumerate(articles, start=1):
        if k in chapters:
            lines.append(chapters[k])
        lines.append(f"第{cn(k)}条　{body}")
    return "\n".join(lines) + "\n"


OLD = regulation(ARTICLES_OLD, {1: "第一章　总则", 4: "第二章　补贴对象和标准", 9: "第三章　申请和发放"})
NEW_ARTICLES = list(ARTICLES_OLD)
NEW_ARTICLES[4] = "耕地地力保护补贴标准为每亩120元，按照确权面积计算。"  # 第五条 changed
del NEW_ARTICLES[7]  # 第八条 removed
NEW_ARTICLES.insert(3, "乡镇人民政府负责本辖区补贴面积的核实和公示。")  # new 第四条
NEW = regulation(NEW_ARTICLES, {1: "第一章　总则", 5: "第二章　补贴对象和标准", 9: "第三章　申请和发放"})


def article_ops(diff):
    return [
        (c.op, c.old and c.old.label, c.new and c.new.label)
        for c in diff.changes
        if (c.old or c.new).kind == "article"
    ]


def test_revised_regulation():
    diff = diff_documents(OLD, NEW)
    ops = article_ops(diff)
    assert (ADDED, None, "第四条") in ops
    assert (REMOVED, "第八条", None) in ops
    assert (CHANGED, "第五条", "第六条") in ops
    assert (MOVED, "第四条", "第五条") in ops
    assert (MOVED, "第六条", "第七条") in ops
    assert (UNCHANGED, "第九条", "第九条") in ops
    assert diff.counts() == {ADDED: 1, REMOVED: 1, CHANGED: 1, MOVED: 3, UNCHANGED: 10}
    changed = diff.by_op(CHANGED)[0]
    assert (SEG_DELETE, "100") in changed.segments and (SEG_INSERT, "120") in changed.segments
    summary = diff.summary()
    assert "原第五条（现第六条）：耕地地力保护补贴标准由每亩100元调整为每亩120元" in summary
    assert "新增第四条" in summary and "删除原第八条" in summary
    assert any(line.startswith("条文序号相应调整：原第四条改为第五条") for line in summary)


def test_stable_numbering_pairs_rewritten_clauses_by_number():
    new_articles = list(ARTICLES_OLD)
    new_articles[7] = (
        "各乡镇应当建立补贴档案，档案保存期限不少于十年。"  # nothing in common with the old text
    )
    diff = diff_documents(
        OLD,
        regulation(new_articles, {1: "第一章　总则", 4: "第二章　补贴对象和标准", 9: "第三章　申请和发放"}),
    )
    assert (CHANGED, "第八条", "第八条") in article_ops(diff)
    assert diff.summary() == ["第八条有修改"]


def test_identical_texts():
    diff = diff_documents(OLD, OLD)
    assert diff.identical
    assert diff.summary() == ["新旧文件内容一致"]


def test_layout_is_not_a_change():
    diff = diff_documents(OLD, OLD.replace("　", " ").replace("\n", "\n\n"))
    assert diff.identical


def test_outline_documents():
    old = "一、总体要求\n（一）主要目标。新建日光温室1000座。\n（二）基本原则。\n二、保障措施\n"
    new = "一、总体要求\n（一）主要目标。新建日光温室1500座。\n（二）基本原则。\n（三）实施范围。全县各乡镇。\n二、保障措施\n"
    diff = diff_documents(old, new)
    assert [c.op for c in diff.changes] == [UNCHANGED, CHANGED, UNCHANGED, ADDED, UNCHANGED]
    assert diff.summary() == ["一（一）：新建日光温室由1000座调整为1500座", "新增一（三）"]


def test_word_segments_rebuild_both_texts():
    old, new = "补贴标准为每亩100元。", "补贴标准调整为每亩150元，按季度发放。"
    segments = word_segments(old, new)
    assert "".join(t for op, t in segments if op != SEG_INSERT) == old
    assert "".join(t for op, t in segments if op != SEG_DELETE) == new


def test_similarity():
    assert similarity("每亩100元", "每亩100元") == 1.0
    assert similarity("农业补贴", "档案期限") == 0.0
    assert 0 < similarity("补贴标准为每亩100元", "补贴标准为每亩120元") < 1


AMENDMENT = """某县人民政府关于修改《某县农业补贴管理办法》的决定

县人民政府决定对《某县农业补贴管理办法》作如下修改：
一、增加一条，作为第四条：“乡镇人民政府负责本辖区补贴面积的核实和公示。”
二、将第五条中的“每亩100元”修改为“每亩120元”。
三、删除第八条。
此外，对条文顺序作相应调整。
"""


def test_extract_amendments():
    ops = extract_amendments(AMENDMENT)
    assert [(a.op, a.target) for a in ops] == [
        (INSERT, "第四条"),
        (REPLACE_WORDS, "第五条"),
        (DELETE, "第八条"),
    ]
    assert ops[0].text == "乡镇人民政府负责本辖区补贴面积的核实和公示。"
    assert (ops[1].old_words, ops[1].new_words) == ("每亩100元", "每亩120元")


def test_extract_replace_and_variants():
    text = "一、将第十二条修改为：“本办法自2025年1月1日起施行，有效期5年。”\n二、第7条删除。\n"
    ops = extract_amendments(text)
    assert [(a.op, a.target) for a in ops] == [(REPLACE, "第十二条"), (DELETE, "第七条")]
    assert ops[0].text == "本办法自2025年1月1日起施行，有效期5年。"


def test_apply_amendments_gives_the_revised_text():
    assert apply_amendments(OLD, extract_amendments(AMENDMENT)) == NEW


def test_apply_replace_whole_article():
    ops = extract_amendments("将第十二条修改为：“本办法自2025年1月1日起施行。”")
    result = apply_amendments(OLD, ops)
    assert "第十二条　本办法自2025年1月1日起施行。\n" in result
    assert "有效期5年" not in result


def test_apply_rejects_unknown_clause():
    with pytest.raises(AmendmentError, match="第二十条"):
        apply_amendments(OLD, extract_amendments("删除第二十条。"))
    with pytest.raises(AmendmentError, match="每亩300元"):
        apply_amendments(OLD, extract_amendments("将第五条中的“每亩300元”修改为“每亩120元”。"))


def test_insert_after_delete_words_and_renumbering():
    text = (
        "一、在第八条后增加一条，作为第九条：“补贴资金实行专账管理。”\n"
        "二、将第三条中的“县财政局负责补贴资金的筹集和拨付。”删除。\n"
    )
    ops = extract_amendments(text)
    assert [(a.op, a.target) for a in ops] == [(INSERT, "第九条"), (REPLACE_WORDS, "第三条")]
    result = apply_amendments(OLD, ops)
    assert "第九条　补贴资金实行专账管理。\n第三章　申请和发放\n第十条　申请人" in result
    assert "第十三条　本办法自2024年1月1日起施行" in result
    assert "县财政局负责" not in result
    diff = diff_documents(OLD, result)
    assert diff.counts()[ADDED] == 1 and diff.counts()[CHANGED] == 1


def test_unrelated_clause_in_a_renumbered_gap_is_added_not_changed():
    new_articles = list(ARTICLES_OLD)
    del new_articles[6]  # 第七条 removed
    new_articles[6] = "补贴资金可以用于购买农业保险和农业社会化服务。"  # old 第八条, now 第七条, changed
    new_articles.insert(7, "各乡镇应当建立补贴档案，档案保存期限不少于十年。")  # unrelated new 第八条
    new = regulation(new_articles, {1: "第一章　总则", 4: "第二章　补贴对象和标准", 9: "第三章　申请和发放"})
    ops = article_ops(diff_documents(OLD, new))
    assert (REMOVED, "第七条", None) in ops
    assert (CHANGED, "第八条", "第七条") in ops
    assert (ADDED, None, "第八条") in ops


def test_apply_nothing_keeps_the_text():
    assert apply_amendments(OLD, []) == OLD
    assert extract_amendments("县人民政府决定对本办法作如下修改：\n此外，对条文顺序作相应调整。") == []
