"""Clause-aligned diff (新旧政策差异) between an old and a new version of a policy document.

Alignment, in three passes:

1. clauses whose text is identical are anchored by a longest-common-subsequence over the clause sequence
   (``difflib`` on whole clause bodies): same label → unchanged, other label → moved (renumbered);
2. between two anchors, the leftover clauses are paired by text similarity (character-bigram Dice,
   ≥ ``MIN_SIMILARITY``), and what is still left is paired by number when the numbering there is stable (same
   count, same labels: a clause rewritten in place);
3. clauses still unpaired anywhere are paired across the document when identical or very similar (a clause moved
   to another chapter); the rest are added / removed.

Changed clauses carry word-level segments (jieba tokens; characters when jieba is unavailable) and a Chinese
summary line for the interpretation's 新旧政策差异 element. Framework-free.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .clauses import Clause, ParsedDocument, parse_clauses

ADDED, REMOVED, CHANGED, UNCHANGED, MOVED = "added", "removed", "changed", "unchanged", "moved"
EQUAL, INSERT, DELETE = "equal", "insert", "delete"
OP_NAMES = {ADDED: "新增", REMOVED: "删除", CHANGED: "修改", UNCHANGED: "未变", MOVED: "序号调整"}

MIN_SIMILARITY = 0.5  # pairing two different clauses in the same place as "changed"
MIN_SIMILARITY_ELSEWHERE = 0.8  # pairing across the document (a clause moved far away)
PAIR_BAND = 25  # clauses compared on either side of the proportional position within a gap

_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。；;！!？?\n"
_PHRASE_BREAK = "，,、；;。：:（）()“”\n"
# Where a value phrase starts after its subject: 补贴标准为每亩100元, 期限是, 按照, 达到, 不超过.
_SUBJECT_VERB = re.compile(
    r"(?:调整为|提高到|提高至|降低到|降低至|为|是|按|按照|达到|不超过|不低于|不少于|不高于)$"
)


def normalize_body(text: str) -> str:
    """Clause text compared without whitespace (line breaks and indentation are layout, not content)."""
    return _SPACE.sub("", text)


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter(text)


def similarity(a: str, b: str) -> float:
    """0..1: Dice coefficient of character bigrams (fast and order-tolerant)."""
    if a == b:
        return 1.0
    return _dice(_grams(a), _grams(b))


def _grams(text: str) -> tuple[Counter[str], int]:
    grams = _bigrams(text)
    return grams, sum(grams.values())


def _dice(a: tuple[Counter[str], int], b: tuple[Counter[str], int]) -> float:
    total = a[1] + b[1]
    if not total:
        return 0.0
    # Upper bound first: two texts of very different length cannot be similar.
    if 2 * min(a[1], b[1]) / total < MIN_SIMILARITY:
        return 0.0
    return 2 * sum((a[0] & b[0]).values()) / total


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency; characters are the fallback
        return list
    jieba.setLogLevel(60)
    lcut: Callable[[str], list[str]] = jieba.lcut  # jieba ships no type information
    return lcut


def tokens(text: str) -> list[str]:
    """jieba words (numbers with their unit stay apart from the words around them)."""
    return [t for t in _tokenizer()(text) if t]


def word_segments(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op equal / delete / insert, merged so that neighbours never share an op."""
    a, b = tokens(old), tokens(new)
    segments: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(a[i1:i2]))
        else:
            add(DELETE, "".join(a[i1:i2]))
            add(INSERT, "".join(b[j1:j2]))
    return segments


@dataclass(frozen=True)
class ClauseChange:
    """One line of the diff: an old clause, a new clause or both."""

    op: str  # ADDED, REMOVED, CHANGED, UNCHANGED, MOVED
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0
    segments: tuple[tuple[str, str], ...] = field(default=())  # for CHANGED

    @property
    def label(self) -> str:
        clause = self.new or self.old
        if clause is None:
            raise ValueError("a clause change names no clause")
        return clause.label

    def pair(self) -> tuple[Clause, Clause]:
        """(old, new) of a clause found in both documents (changed, moved or unchanged)."""
        if self.old is None or self.new is None:
            raise ValueError(f"{self.op}: the clause is not in both documents")
        return self.old, self.new

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label

    @property
    def summary(self) -> str:
        return summarize(self)


@dataclass(frozen=True)
class PolicyDiff:
    """The clause-aligned comparison of two versions."""

    old: ParsedDocument
    new: ParsedDocument
    changes: tuple[ClauseChange, ...]
    preamble_changed: bool

    def by_op(self, op: str) -> list[ClauseChange]:
        return [c for c in self.changes if c.op == op]

    @property
    def identical(self) -> bool:
        return not self.preamble_changed and all(c.op == UNCHANGED for c in self.changes)

    def counts(self) -> dict[str, int]:
        counted = Counter(c.op for c in self.changes)
        return {op: counted.get(op, 0) for op in (ADDED, REMOVED, CHANGED, MOVED, UNCHANGED)}

    def summary(self) -> list[str]:
        """Chinese sentences, a starting point for the 新旧政策差异 element of the interpretation."""
        return summary_lines(self)


def _pair_gap(olds: list[Clause], news: list[Clause], out: dict[int, tuple[Clause, Clause]]) -> None:
    """Pair the unanchored clauses between two anchors (see the module docstring, pass 2)."""
    if not olds or not news:
        return
    candidates = []
    old_grams = [_grams(normalize_body(o.body)) for o in olds]
    new_grams = [_grams(normalize_body(n.body)) for n in news]
    scale = len(news) / len(olds)
    for i, o in enumerate(olds):
        # Only compare within a band around the proportional position: a long gap stays near-linear.
        centre = int(i * scale)
        for j in range(max(0, centre - PAIR_BAND), min(len(news), centre + PAIR_BAND + 1)):
            n = news[j]
            if o.kind != n.kind:
                continue
            score = _dice(old_grams[i], new_grams[j])
            # Same number breaks ties; order preserved by preferring nearby positions.
            candidates.append((score + (0.05 if o.key == n.key else 0.0), -abs(i - j), i, j, score))
    candidates.sort(reverse=True)
    used_o, used_n = set(), set()
    for _, _, i, j, score in candidates:
        if score < MIN_SIMILARITY or i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        out[id(olds[i])] = (olds[i], news[j])
    # Rewritten beyond recognition but in the same numbered place (numbering stable there): still "changed".
    rest_o = [o for i, o in enumerate(olds) if i not in used_o]
    rest_n = [n for j, n in enumerate(news) if j not in used_n]
    if len(rest_o) == len(rest_n) and all(o.key == n.key for o, n in zip(rest_o, rest_n, strict=True)):
        for o, n in zip(rest_o, rest_n, strict=True):
            out[id(o)] = (o, n)


def _change(old: Clause, new: Clause) -> ClauseChange:
    ob, nb = normalize_body(old.body), normalize_body(new.body)
    if ob == nb:
        return ClauseChange(MOVED if old.label != new.label else UNCHANGED, old, new)
    return ClauseChange(CHANGED, old, new, similarity(ob, nb), tuple(word_segments(old.body, new.body)))


def diff_documents(old_text: str, new_text: str) -> PolicyDiff:
    """Compare two full texts clause by clause."""
    old, new = parse_clauses(old_text), parse_clauses(new_text)
    return diff_parsed(old, new)


def diff_parsed(old: ParsedDocument, new: ParsedDocument) -> PolicyDiff:
    a, b = list(old.clauses), list(new.clauses)
    a_bodies = [(c.kind, normalize_body(c.body)) for c in a]
    b_bodies = [(c.kind, normalize_body(c.body)) for c in b]
    pairs: dict[int, tuple[Clause, Clause]] = {}  # id(old clause) → (old, new)
    matcher = difflib.SequenceMatcher(None, a_bodies, b_bodies, autojunk=False)
    prev_i = prev_j = 0
    for i, j, size in matcher.get_matching_blocks():
        _pair_gap(a[prev_i:i], b[prev_j:j], pairs)
        for k in range(size):
            pairs[id(a[i + k])] = (a[i + k], b[j + k])
        prev_i, prev_j = i + size, j + size

    # Pass 3: clauses moved far away.
    paired_new = {id(n) for _, n in pairs.values()}
    left_old = [c for c in a if id(c) not in pairs]
    left_new = [c for c in b if id(c) not in paired_new]
    new_grams = {id(n): _grams(normalize_body(n.body)) for n in left_new}
    for o in left_old:
        og = _grams(normalize_body(o.body))
        best, best_score = None, MIN_SIMILARITY_ELSEWHERE
        for n in left_new:
            if n.kind != o.kind:
                continue
            score = _dice(og, new_grams[id(n)])
            if score >= best_score:
                best, best_score = n, score
        if best is not None:
            pairs[id(o)] = (o, best)
            left_new.remove(best)

    new_to_old = {id(n): o for o, n in pairs.values()}
    changes: list[ClauseChange] = []
    # Walk the new document in order; removed old clauses go where their old neighbour went.
    emitted_old: set[int] = set()
    old_index = {id(c): k for k, c in enumerate(a)}
    pending_removed = [c for c in a if id(c) not in pairs]

    def flush_removed(before_old_index: int) -> None:
        while pending_removed and old_index[id(pending_removed[0])] < before_old_index:
            c = pending_removed.pop(0)
            changes.append(ClauseChange(REMOVED, c, None, 0.0))

    for n in b:
        paired_old = new_to_old.get(id(n))
        if paired_old is None:
            changes.append(ClauseChange(ADDED, None, n, 0.0))
            continue
        flush_removed(old_index[id(paired_old)])
        changes.append(_change(paired_old, n))
        emitted_old.add(id(paired_old))
    flush_removed(len(a) + 1)
    preamble_changed = normalize_body(old.preamble) != normalize_body(new.preamble)
    return PolicyDiff(old, new, tuple(changes), preamble_changed)


# --- Summaries ---


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
    rights = [p for p in (text.find(ch, end) for ch in _SENTENCE_END) if p != -1]
    return left, min(rights) if rights else len(text)


def _value_change(old_body: str, new_body: str) -> tuple[str, str, str] | None:
    """(subject, old value, new value) when one phrase of one sentence changed, e.g. 补贴标准 / 每亩100元 / 每亩120元."""
    a, b = tokens(old_body), tokens(new_body)
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return None
    # Character offsets of the changed span in both texts.
    a_start = len("".join(a[: ops[0][1]]))
    a_end = len("".join(a[: ops[-1][2]]))
    b_start = len("".join(b[: ops[0][3]]))
    b_end = len("".join(b[: ops[-1][4]]))
    changed_old, changed_new = old_body[a_start:a_end], new_body[b_start:b_end]
    if any(ch in _PHRASE_BREAK for ch in changed_old + changed_new):
        return None
    # Widen to the phrase around the change: back to the subject verb or punctuation, on to punctuation.
    left = a_start
    while left > 0 and old_body[left - 1] not in _PHRASE_BREAK and not _SUBJECT_VERB.search(old_body[:left]):
        left -= 1
    prefix = old_body[left:a_start]
    if not new_body[:b_start].endswith(prefix):
        return None
    right_a = a_end
    while right_a < len(old_body) and old_body[right_a] not in _PHRASE_BREAK:
        right_a += 1
    suffix = old_body[a_end:right_a]
    if not new_body[b_end:].startswith(suffix):
        return None
    if left > 0 and _SUBJECT_VERB.search(old_body[:left]):
        # 补贴标准为|每亩100元: the words after the verb belong to the value.
        old_value, new_value = prefix + changed_old + suffix, prefix + changed_new + suffix
    else:
        # 新建日光温室|1000座: no verb, the unchanged words before the change are the subject.
        old_value, new_value = changed_old + suffix, changed_new + suffix
        left = a_start
    if not old_value or not new_value or len(old_value) > 40 or len(new_value) > 40:
        return None
    sentence_start, _ = _sentence_bounds(old_body, left, left)
    head = old_body[sentence_start:left]
    head = head[max((head.rfind(ch) for ch in _PHRASE_BREAK), default=-1) + 1 :]
    m = _SUBJECT_VERB.search(head)
    subject = head[: m.start()] if m else head
    return subject.strip(), old_value, new_value


def summarize(change: ClauseChange) -> str:
    """One Chinese line for a clause change, e.g. ``第五条：补贴标准由每亩100元调整为每亩120元``."""
    old, new = change.old and change.old.display, change.new and change.new.display
    if change.op == ADDED:
        return f"新增{new}"
    if change.op == REMOVED:
        return f"删除原{old}"
    if change.op == UNCHANGED:
        return f"{new}未作修改"
    if change.op == MOVED:
        return f"原{old}调整为{new}，内容未变"
    where = f"原{old}（现{new}）" if change.renumbered else new
    old_clause, new_clause = change.pair()
    found = _value_change(old_clause.body, new_clause.body)
    if found:
        subject, old_value, new_value = found
        return f"{where}：{subject}由{old_value}调整为{new_value}"
    return f"{where}有修改"


def summary_lines(diff: PolicyDiff) -> list[str]:
    """The differences worth telling the public, in the order of the new document; renumbering in one line."""
    lines: list[str] = []
    moved: list[str] = []
    for change in diff.changes:
        if change.op in (ADDED, REMOVED, CHANGED):
            lines.append(summarize(change))
        elif change.op == MOVED:
            old_clause, new_clause = change.pair()
            moved.append(f"原{old_clause.display}改为{new_clause.display}")
    if moved:
        lines.append("条文序号相应调整：" + "、".join(moved))
    if diff.preamble_changed:
        lines.append("标题或前言部分有修改")
    if not lines:
        lines.append("新旧文件内容一致")
    return lines


__all__ = [
    "ADDED",
    "CHANGED",
    "DELETE",
    "EQUAL",
    "INSERT",
    "MOVED",
    "OP_NAMES",
    "REMOVED",
    "UNCHANGED",
    "ClauseChange",
    "PolicyDiff",
    "diff_documents",
    "diff_parsed",
    "normalize_body",
    "similarity",
    "summarize",
    "summary_lines",
    "tokens",
    "word_segments",
]
