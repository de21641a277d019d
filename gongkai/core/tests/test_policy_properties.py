"""Properties of the clause parser and the diff over arbitrary and shuffled texts (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.policy.clauses import join_clauses, parse_clauses
from gongkai.core.policy.diff import DELETE, INSERT, UNCHANGED, diff_documents, word_segments

# Text made of the pieces a clause parser cares about, glued at random.
PIECES = [
    "第一条　",
    "第十二条",
    "第1条 ",
    "第二章　总则",
    "第三节",
    "一、",
    "（二）",
    "(3)",
    "1.",
    "2、",
    "\n",
    "\n\n",
    "补贴标准为每亩100元。",
    "依照第五条规定",
    "　",
    "十",
    "条",
    "章",
    "第",
    "“",
    "”",
    "，",
    "2024年",
    "\r\n",
]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_parse_join_round_trip(text):
    parsed = parse_clauses(text)
    assert join_clauses(parsed) == text
    for clause in parsed.clauses:
        assert text[clause.start : clause.end] == clause.text
        assert clause.path[-1] == clause.label


@settings(max_examples=150, deadline=None)
@given(texts)
def test_diff_with_itself_is_unchanged(text):
    diff = diff_documents(text, text)
    assert all(change.op == UNCHANGED for change in diff.changes)
    assert len(diff.changes) == len(parse_clauses(text).clauses)
    assert diff.identical


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_diff_never_crashes_and_accounts_for_every_clause(old, new):
    diff = diff_documents(old, new)
    olds = [c.old for c in diff.changes if c.old is not None]
    news = [c.new for c in diff.changes if c.new is not None]
    assert sorted(c.start for c in olds) == [c.start for c in parse_clauses(old).clauses]
    assert [c.start for c in news] == [c.start for c in parse_clauses(new).clauses]
    assert all(isinstance(line, str) and line for line in diff.summary())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_word_segments_rebuild_both_sides(old, new):
    segments = word_segments(old, new)
    assert "".join(t for op, t in segments if op != INSERT) == old
    assert "".join(t for op, t in segments if op != DELETE) == new
