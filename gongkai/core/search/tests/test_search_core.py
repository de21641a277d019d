"""Framework-free tests of segmentation, query compilation and snippets (no database server; SQLite in memory)."""

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.search import grams, highlight, index_tokens, normalize, parse_query, words
from gongkai.core.search.text import normalize_with_map

DOCS = [
    ("城关镇2024年农机购置补贴发放名单公示", "各村（社区）：现将2024年农机购置补贴名单公示如下。"),
    ("东山镇城乡低保对象公示", "低保对象名单，含农机补贴和临时救助。"),
    ("县发改委关于印发节能工作要点的通知", "发改〔2023〕26号文件。请各单位认真贯彻落实。"),
    ("关于开展安全生产检查的通知", "各乡镇、各部门：为做好安全生产工作……"),
]


def _fts(docs=DOCS):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(title_words, title_grams, body_words, body_grams)")
    for title, body in docs:
        t = index_tokens(title, body)
        db.execute(
            "INSERT INTO f VALUES (?,?,?,?)",
            (t["title_words"], t["title_grams"], t["body_words"], t["body_grams"]),
        )
    return db


def _hits(db, text):
    q = parse_query(text)
    return {r[0] for r in db.execute("SELECT rowid FROM f WHERE f MATCH ?", (q.fts5(),))}


def test_normalize_full_width_and_case():
    assert normalize("２０２３年ＡＢＣ") == "2023年abc"
    norm, origin = normalize_with_map("Ａ㎡b")
    assert norm == "am2b" and origin == [0, 1, 1, 2]


def test_grams_are_bigrams_plus_run_end():
    assert grams("农机补贴，2023年") == ["农机", "机补", "补贴", "贴", "2023", "年"]
    assert "农机" in words("农机购置补贴") and all(len(w) >= 2 for w in words("补贴的发放"))


def test_two_character_query_finds_substring_inside_words():
    db = _fts()
    assert _hits(db, "补贴") == {1, 2}
    assert _hits(db, "低保") == {2}
    assert _hits(db, "关镇") == {1}  # not a jieba word, still a substring


def test_one_character_query_uses_prefix_path():
    db = _fts()
    assert _hits(db, "贴") == {1, 2}  # run-final character
    assert _hits(db, "检") == {4}


def test_multi_word_chinese_query_is_and_of_terms():
    db = _fts()
    assert _hits(db, "低保 名单") == {2}
    assert _hits(db, "补贴 城关镇") == {1}
    # Unspaced multi-word query: jieba splits it, the exact phrase still ranks first.
    assert _hits(db, "农机补贴") == {1, 2}
    assert _hits(db, '"农机补贴"') == {2}


def test_doc_number_variants_match():
    db = _fts()
    for q in ("〔2023〕26号", "[2023]26号", "（2023）26号", "26号"):
        assert _hits(db, q) == {3}, q
    assert _hits(db, "27号") == set()


def test_non_matching_and_empty_queries():
    db = _fts()
    assert _hits(db, "教育") == set()
    assert not parse_query("  ，。 ")
    assert not parse_query("")


def test_tsquery_and_conditions():
    q = parse_query("农机补贴 补 〔2023〕")
    assert q.tsquery() == "(('农机' & '机补' & '补贴') | ('农机' & '补贴')) & (('补':*)) & (('2023':*))"
    assert q.tsquery("A").startswith("(('农机':A & '机补':A")
    # Single-gram phrases need no re-check; the three-character phrase does.
    assert q.conditions() == [[["农机补贴"], ["农机", "补贴"]]]
    assert "'农机'" in q.rank_tsquery()


def test_highlight_escapes_and_marks():
    out = highlight("<b>示范县</b>发放２０２４年补贴", parse_query("2024 补贴").needles())
    assert "&lt;b&gt;" in out and "<mark>２０２４</mark>" in out and "<mark>补贴</mark>" in out
    long = "甲" * 300 + "补贴名单" + "乙" * 300
    out = highlight(long, ["补贴"], width=60)
    assert out.startswith("…") and out.endswith("…") and "<mark>补贴</mark>" in out and len(out) < 100
    assert highlight("没有匹配的文字", ["补贴"]) == "没有匹配的文字"


CJK = st.sampled_from(list("补贴农机城关镇低保名单公示县发改委通知安全生产检查"))
CHUNK = st.one_of(
    st.text(CJK, min_size=1, max_size=8), st.sampled_from(["2023", "26", "，", " ", "〔", "号", "ab"])
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CHUNK, min_size=1, max_size=12), st.data())
def test_any_substring_is_found(chunks, data):
    """Recall 1 against substring matching: every substring of a word run of the body finds the document."""
    body = "".join(chunks)
    norm = normalize(body)
    import re

    runs = re.findall(r"[^\W_]+", norm)
    run = data.draw(st.sampled_from(runs)) if runs else ""
    if not run:
        return
    i = data.draw(st.integers(0, len(run) - 1))
    j = data.draw(st.integers(i + 1, len(run)))
    needle = run[i:j]
    if i > 0 and needle[0].isascii() and run[i - 1].isascii() and run[i - 1].isalnum():
        return  # letters/digits match from a token start only (documented)
    db = _fts([("无关标题", body)])
    assert _hits(db, needle) == {1}, (body, needle)
