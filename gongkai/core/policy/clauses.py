"""Clause structure (条款结构) of a normative document's full text.

Two numbering styles occur in 行政规范性文件:

* articles (条文式): ``第一章 总则`` / ``第一节`` / ``第一条　为了……`` (also ``第1条``); items (（一）1.) inside
  an article belong to the article's text;
* outline (层次式, GB/T 9704): ``一、`` → ``（一）`` → ``1.`` → ``（1）`` as in 实施意见 and 通知.

A document with at least one article heading is read in article style, otherwise in outline style. Every clause
covers the text from its heading to the next heading of any level, so ``preamble + clause texts`` is the original
text again (:func:`join_clauses`). Framework-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.core.docread.numerals import NUMERAL_CHARS, chinese_to_int, int_to_chinese
from gongkai.core.docread.outline import ITEM, PART, SUB, SUBSUB, match_marker

CHAPTER, SECTION, ARTICLE, OUTLINE = "chapter", "section", "article", "outline"
ARTICLE_STYLE, OUTLINE_STYLE = "article", "outline"

_NUM = rf"[{NUMERAL_CHARS}\d０-９]{{1,6}}"
# 第二章 总则 / 第一节 / 第五条　…; the article must not be a reference ("第五条规定的", "第五条之一" stays in).
_HEADING = re.compile(
    rf"^[ \t\u3000]*第[ \t\u3000]*(?P<num>{_NUM})[ \t\u3000]*(?P<kind>[章节条])(?![款项规的中所之])[ \t\u3000:：]*"
)
_KINDS = {"章": CHAPTER, "节": SECTION, "条": ARTICLE}
_LEVEL = {CHAPTER: 0, SECTION: 1, ARTICLE: 2}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_label(kind_char: str, number: int) -> str:
    """第五条 / 第二十三条 / 第二章: the canonical label of a numbered heading."""
    return f"第{int_to_chinese(number)}{kind_char}"


def outline_label(level: int, number: int) -> str:
    """一 / （二） / 3. / （4）: the canonical outline label (the 1. level keeps its dot)."""
    if level == PART:
        return int_to_chinese(number)
    if level == ITEM:
        return f"（{int_to_chinese(number)}）"
    if level == SUB:
        return f"{number}."
    return f"（{number}）"


@dataclass(frozen=True)
class Clause:
    """One numbered part of the text (条款): a chapter, section, article or outline item."""

    kind: str  # CHAPTER, SECTION, ARTICLE or OUTLINE
    label: str  # canonical: 第五条 / 第二章 / 一 / （二） / 3.
    number: int
    level: int  # 0 chapter, 1 section, 2 article; 1–4 for outline levels
    path: tuple[str, ...]  # e.g. ("第二章", "第五条") or ("一", "（二）", "3.")
    text: str  # text[start:end] of the document: heading marker, body and trailing line breaks
    start: int
    end: int
    marker: str  # the heading marker as written, e.g. "第５条　" or "(二) "

    @property
    def body(self) -> str:
        """The clause without its marker and surrounding whitespace."""
        return self.text[len(self.marker) :].strip()

    @property
    def display(self) -> str:
        """How a summary names it: 第五条, or the outline path 一（二）3. (（二） alone is ambiguous)."""
        return "".join(self.path) if self.kind == OUTLINE else self.label

    @property
    def key(self) -> tuple[str, tuple[str, ...] | int]:
        """Alignment key: articles are numbered through the whole document, outline items by their path."""
        if self.kind == OUTLINE:
            return (OUTLINE, self.path)
        return (self.kind, self.number)


@dataclass(frozen=True)
class ParsedDocument:
    """A text cut into its preamble (title, 文号, addressees …) and clauses, in order."""

    text: str
    style: str  # ARTICLE_STYLE or OUTLINE_STYLE
    preamble: str
    clauses: tuple[Clause, ...] = field(default=())

    def articles(self) -> list[Clause]:
        """The clauses that carry the content: articles (article style) or outline items."""
        wanted = ARTICLE if self.style == ARTICLE_STYLE else OUTLINE
        return [c for c in self.clauses if c.kind == wanted]

    def find(self, label: str) -> Clause | None:
        """The first clause with this label (第五条, 第1条 and 第５条 are the same)."""
        wanted = normalize_label(label)
        return next((c for c in self.clauses if c.label == wanted), None)


def normalize_label(label: str) -> str:
    """``第5条`` / ``第 五 条`` → ``第五条``; outline labels → canonical; anything else unchanged."""
    m = _HEADING.match(label.strip())
    if m:
        number = _number(m.group("num"))
        if number:
            return cn_label(m.group("kind"), number)
    marker = match_marker(label.strip())
    if marker is not None and not marker.rest.strip():
        return outline_label(marker.level, marker.value)
    return label.strip()


def _number(raw: str) -> int | None:
    raw = raw.translate(_FULLWIDTH_DIGITS)
    return chinese_to_int(raw)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line with its line break) for every line."""
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line))
        offset += len(line)
    return out


def _heading(line: str) -> tuple[str, int, str] | None:
    m = _HEADING.match(line)
    if not m:
        return None
    number = _number(m.group("num"))
    if not number:
        return None
    return _KINDS[m.group("kind")], number, m.group(0)


def detect_style(text: str) -> str:
    """Article style when any line starts with 第…条, otherwise outline style."""
    for _, line in _lines(text):
        found = _heading(line)
        if found and found[0] == ARTICLE:
            return ARTICLE_STYLE
    return OUTLINE_STYLE


def parse_clauses(text: str) -> ParsedDocument:
    """Cut ``text`` into clauses. Never fails: a text without any heading is all preamble."""
    style = detect_style(text)
    starts: list[tuple[int, str, int, int, str]] = []  # offset, kind, number, level, marker
    for offset, line in _lines(text):
        found = _heading(line)
        if found:
            kind, number, marker = found
            starts.append((offset, kind, number, _LEVEL[kind], marker))
            continue
        if style == OUTLINE_STYLE:
            m = match_marker(line)
            if m is not None:
                # match_marker strips leading spaces itself; keep the marker as written in the line.
                marker = line[: len(line) - len(m.rest)]
                starts.append((offset, OUTLINE, m.value, m.level, marker))

    clauses: list[Clause] = []
    stack: list[tuple[int, str]] = []  # (level, label) of the open headings
    for i, (offset, kind, number, level, marker) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if kind == OUTLINE:
            label = outline_label(level, number)
            depth = level
        else:
            label = cn_label({CHAPTER: "章", SECTION: "节", ARTICLE: "条"}[kind], number)
            depth = level - 10  # chapters/sections/articles sit above any outline item
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack.append((depth, label))
        clauses.append(
            Clause(
                kind=kind,
                label=label,
                number=number,
                level=level,
                path=tuple(lab for _, lab in stack),
                text=text[offset:end],
                start=offset,
                end=end,
                marker=marker,
            )
        )
    preamble_end = starts[0][0] if starts else len(text)
    return ParsedDocument(text=text, style=style, preamble=text[:preamble_end], clauses=tuple(clauses))


def join_clauses(parsed: ParsedDocument) -> str:
    """The text again: preamble followed by every clause."""
    return parsed.preamble + "".join(c.text for c in parsed.clauses)


__all__ = [
    "ARTICLE",
    "ARTICLE_STYLE",
    "CHAPTER",
    "ITEM",
    "OUTLINE",
    "OUTLINE_STYLE",
    "PART",
    "SECTION",
    "SUB",
    "SUBSUB",
    "Clause",
    "ParsedDocument",
    "cn_label",
    "detect_style",
    "join_clauses",
    "normalize_label",
    "outline_label",
    "parse_clauses",
]
