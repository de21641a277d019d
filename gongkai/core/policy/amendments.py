"""Partial amendment documents (修改决定/修正案): extract the clause operations and apply them.

Recognised sentences (one operation each, usually as 一、二、… items):

* ``将第五条修改为：“……”``                      → replace the article;
* ``将第五条中的“每亩100元”修改为“每亩120元”``  → replace words inside the article (also 改为 / 修改为);
* ``将第五条中的“及合作社”删除``              → replace words with nothing;
* ``删除第八条`` / ``第八条删除``                 → delete the article;
* ``增加一条，作为第九条：“……”`` (also ``在第八条后增加一条``) → insert, numbered in the NEW text;
* ``第五条增加一款，作为第二款：“……”``          → extracted (op ``add_paragraph``) but not applied.

Targets of replace/delete refer to the OLD numbering, insert positions to the NEW numbering, and the articles are
renumbered afterwards ("条文顺序作相应调整"), which is how 修改决定 are drafted. Cross-references inside the text
(“依照第八条规定”) are not rewritten. Framework-free.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from gongkai.core.docread.numerals import NUMERAL_CHARS, chinese_to_int

from .clauses import ARTICLE, ARTICLE_STYLE, Clause, cn_label, normalize_label, parse_clauses

REPLACE, REPLACE_WORDS, DELETE, INSERT, ADD_PARAGRAPH = (
    "replace",
    "replace_words",
    "delete",
    "insert",
    "add_paragraph",
)

_N = rf"第[{NUMERAL_CHARS}\d]{{1,6}}条"
_Q = r"[“\"「『](?P<{0}>.*?)[”\"」』]"
_BODY = r"[：:]\s*[“\"「]?(?P<body>.+?)[”\"」]?\s*$"
_PATTERNS = (
    (
        REPLACE_WORDS,
        re.compile(
            rf"将(?P<target>{_N})(?:第[^中]{{1,4}}款)?中的?{_Q.format('old')}(?:修改|改)为{_Q.format('new')}"
        ),
    ),
    (
        REPLACE_WORDS,
        re.compile(rf"将(?P<target>{_N})(?:第[^中]{{1,4}}款)?中的?{_Q.format('old')}(?:删除|删去)"),
    ),
    (REPLACE, re.compile(rf"将(?P<target>{_N})修改为{_BODY}", re.S)),
    (DELETE, re.compile(rf"(?:删除|删去)(?P<target>{_N})")),
    (DELETE, re.compile(rf"(?P<target>{_N})(?:予以)?(?:删除|删去)")),
    (ADD_PARAGRAPH, re.compile(rf"(?P<target>{_N})增加一款[，,]?(?:作为第.{{1,4}}款)?{_BODY}", re.S)),
    (
        INSERT,
        re.compile(
            rf"(?:在(?P<after>{_N})(?:后|之后))?[，,]?增加一条[，,]?作为(?P<target>{_N}){_BODY}", re.S
        ),
    ),
)
_ITEM_MARK = re.compile(rf"^\s*[{NUMERAL_CHARS}\d]{{1,3}}\s*[、．.]\s*", re.M)


@dataclass(frozen=True)
class Amendment:
    """One clause-level operation."""

    op: str
    target: str  # canonical label: 第五条 (old numbering; for INSERT the new number)
    text: str = ""  # the new article text (REPLACE / INSERT / ADD_PARAGRAPH)
    old_words: str = ""
    new_words: str = ""
    source: str = ""  # the sentence it was read from


def extract_amendments(text: str) -> list[Amendment]:
    """Every operation the amendment text states, in order."""
    found: list[Amendment] = []
    for raw in _ITEM_MARK.split(text):
        for sentence in re.split(r"\n+", raw):
            sentence = sentence.strip()
            if not sentence:
                continue
            for op, pattern in _PATTERNS:
                m = pattern.search(sentence)
                if not m:
                    continue
                groups = m.groupdict()
                body = (groups.get("body") or "").strip().rstrip('”"」')
                found.append(
                    Amendment(
                        op=op,
                        target=normalize_label(groups["target"]),
                        text=body,
                        old_words=groups.get("old") or "",
                        new_words=groups.get("new") or "",
                        source=sentence,
                    )
                )
                break
    return found


class AmendmentError(ValueError):
    """The amendment names a clause the document does not have."""


def apply_amendments(old_text: str, amendments: list[Amendment]) -> str:
    """The consolidated text after the operations, articles renumbered. Article-style documents only."""
    parsed = parse_clauses(old_text)
    if parsed.style != ARTICLE_STYLE:
        raise AmendmentError("原文件不是按“第X条”编排的，无法按条修改：请人工整理修改后文本。")
    # (original clause, its current text)
    items: list[tuple[Clause, str]] = [(clause, clause.text) for clause in parsed.clauses]
    labels = {c.label: k for k, (c, _) in enumerate(items) if c.kind == ARTICLE}

    def index_of(label: str) -> int:
        if label not in labels:
            raise AmendmentError(f"原文件没有{label}：请核对修改决定中的条号。")
        return labels[label]

    deleted: set[int] = set()
    for a in amendments:
        if a.op == REPLACE:
            k = index_of(a.target)
            clause = items[k][0]
            items[k] = (clause, clause.marker + _strip_label(a.text) + _line_end(clause.text))
        elif a.op == REPLACE_WORDS:
            k = index_of(a.target)
            clause, current = items[k]
            if a.old_words not in current:
                raise AmendmentError(f"{a.target}中没有“{a.old_words}”：请核对修改决定的原文引用。")
            items[k] = (clause, current.replace(a.old_words, a.new_words))
        elif a.op == DELETE:
            deleted.add(index_of(a.target))
    # (original clause or None when inserted, its current text)
    kept: list[tuple[Clause | None, str]] = [item for k, item in enumerate(items) if k not in deleted]

    # Insertions at their new numbers, in ascending order.
    inserts = sorted((a for a in amendments if a.op == INSERT), key=lambda a: _article_number(a.target))
    for a in inserts:
        wanted = _article_number(a.target)
        # Right after the article now numbered wanted − 1, so it stays in that article's chapter.
        position = len(kept)
        if wanted <= 1:
            position = next((k for k, (c, _) in enumerate(kept) if c is None or c.kind == ARTICLE), len(kept))
        seen = 0
        for k, (original, _) in enumerate(kept):
            if original is None or original.kind == ARTICLE:
                seen += 1
                if seen == wanted - 1:
                    position = k + 1
                    break
        kept.insert(position, (None, f"{a.target}　{_strip_label(a.text)}\n"))

    out: list[str] = []
    number = 0
    for original, current in kept:
        if original is None or original.kind == ARTICLE:
            number += 1
            marker = original.marker if original is not None else current[: current.index("　") + 1]
            body = current[len(marker) :]
            current = f"{cn_label('条', number)}　{body.lstrip()}"
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(current)
    text = parsed.preamble + "".join(out)
    return text if text.endswith("\n") or not old_text.endswith("\n") else text + "\n"


@dataclass(frozen=True)
class Step:
    """What became of one amendment document in :func:`consolidate`."""

    key: Hashable  # the caller's handle (a relation id …)
    applied: bool
    reason: str = ""  # why it was not applied, in Chinese ("" when applied)
    operations: int = 0  # operations read from it


@dataclass(frozen=True)
class Consolidation:
    """The current text (现行文本) of a document after its amendments, and what happened to each one."""

    text: str  # the original when nothing could be applied
    steps: tuple[Step, ...]

    @property
    def applied(self) -> list[Step]:
        return [s for s in self.steps if s.applied]

    @property
    def not_applied(self) -> list[Step]:
        return [s for s in self.steps if not s.applied]


def consolidate(original: str, amendments: Sequence[tuple[Hashable, str]]) -> Consolidation:
    """Apply amendment documents in order (the caller sorts them by effective date) to ``original``.

    Each document is applied whole or not at all: one holding an operation that cannot be applied (a 款 added, an
    article it names that is not there, quoted words not found) leaves the text as it was. A later document is then
    not applied either, because its article numbers refer to the text the skipped one would have produced: the
    result is always a version that really existed, with the steps saying which amendments it contains."""
    text = original
    steps: list[Step] = []
    blocked = False
    for key, decision in amendments:
        ops = extract_amendments(decision)
        if blocked:
            steps.append(Step(key, False, "此前的修改未能自动并入，本修改所指的条号无法确定", len(ops)))
            continue
        reason = ""
        if not ops:
            reason = "未识别出“将第X条修改为……”“删除第X条”等逐条修改的表述"
        elif any(op.op == ADD_PARAGRAPH for op in ops):
            targets = "、".join(dict.fromkeys(op.target for op in ops if op.op == ADD_PARAGRAPH))
            reason = f"{targets}增加一款：按款修改的内容不能自动并入"
        else:
            try:
                new_text = apply_amendments(text, ops)
            except AmendmentError as exc:
                reason = str(exc).split("：")[0]
        if reason:
            steps.append(Step(key, False, reason, len(ops)))
            blocked = True
            continue
        text = new_text
        steps.append(Step(key, True, "", len(ops)))
    return Consolidation(text, tuple(steps))


def _strip_label(text: str) -> str:
    """Quoted new text often repeats its own number (修改为：“第四条　…”): the number is not part of the body."""
    return re.sub(rf"^\s*第[{NUMERAL_CHARS}\d]{{1,6}}条[\s　]*", "", text)


def _line_end(text: str) -> str:
    stripped = text.rstrip("\r\n")
    return text[len(stripped) :] or "\n"


def _article_number(label: str) -> int:
    m = re.fullmatch(rf"第([{NUMERAL_CHARS}\d]{{1,6}})条", label)
    return (chinese_to_int(m.group(1)) if m else None) or 10**6


__all__ = [
    "ADD_PARAGRAPH",
    "DELETE",
    "INSERT",
    "REPLACE",
    "REPLACE_WORDS",
    "Amendment",
    "AmendmentError",
    "Consolidation",
    "Step",
    "apply_amendments",
    "consolidate",
    "extract_amendments",
]
