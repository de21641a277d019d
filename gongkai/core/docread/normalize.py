"""Text clean-up shared by every reader: width, whitespace noise, Word/Markdown artefacts, broken lines.

Documents reach us copied off web pages, exported from Word or extracted from PDF. The same text then carries
full-width digits (``２０２３``), NBSPs and ideographic spaces, spaces between Chinese characters
(``2024年5月 22 日``, ``通  知``), Markdown bold marks (``**``), Word bookmarks (``[bookmark: _GoBack]``) and
lines broken in the middle of a sentence (page breaks, fixed-width wrapping). This module turns all of that into
clean paragraphs while keeping the Chinese punctuation as the author wrote it.

Bracket variants (（）() 〔〕 [] 【】) are left alone in the displayed text; parsers call :func:`unify_brackets`
on a copy (same length, so offsets stay valid).
"""

from __future__ import annotations

import re

from .outline import PART, match_marker

# Full-width ASCII digits and letters → half-width; % as well, because indicators are written both ways.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})
_WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})
_WIDTH_TABLE[ord("％")] = ord("%")

# Every space-like character becomes a plain space first; zero-width ones vanish.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")

# Word and Markdown leftovers.
_ARTEFACTS = (
    re.compile(r"\[bookmark:[^\]\n]*\]", re.I),  # pandoc/Word bookmarks: [bookmark: _GoBack]
    # Markdown bold, but not the stars of a masked value (138****1234, 35*************123).
    re.compile(r"(?<![0-9A-Za-z*])\*\*+|\*\*+(?![0-9A-Za-z*])"),
    re.compile(r"(?<![\w*])__(?=\S)|(?<=\S)__(?![\w*])"),  # Markdown bold with underscores
    re.compile(r"\{\.(?:underline|mark|smallcaps)\}"),  # pandoc spans
)
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_BULLET_MARK = re.compile(r"^\s*[*+]\s+")

# Characters around which a space is noise: CJK ideographs, CJK and full-width punctuation, quotes, dashes.
_WIDE = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\u2010-\u2027\u2030-\u205e"
)
_SPACE_NEAR_WIDE = re.compile(rf"(?<=[{_WIDE}]) +| +(?=[{_WIDE}])")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) +| +(?=[)\]])")
_MULTI_SPACE = re.compile(r" {2,}")

_OPEN_TO_ASCII = str.maketrans("（〔【［﹝「『", "([[[[[[")
_CLOSE_TO_ASCII = str.maketrans("）〕】］﹞」』", ")]]]]]]")

# Where a sentence or a line may legitimately end.
TERMINAL = "。！？；!?;…"
CLOSERS = "）)〕]】］﹞」』"
# A line ending in one of these is cut in mid-phrase ("……工作要点的" / "通知").
_DANGLING = "的和及与对在于为将把从向以并或、，,"
_PROSE = re.compile(r"[，,、。；“”]")


def unclosed(text: str) -> bool:
    """More opening than closing brackets (any family): the text stops inside a parenthesis."""
    unified = unify_brackets(text)
    return unified.count("(") + unified.count("[") > unified.count(")") + unified.count("]")


def normalize_width(text: str) -> str:
    """Full-width digits, letters and ％ → half-width; Chinese punctuation untouched."""
    return text.translate(_WIDTH_TABLE)


def unify_brackets(text: str) -> str:
    """All bracket variants → ASCII ``(`` ``)`` ``[`` ``]``, one character for one (offsets preserved).

    For parsing only: the displayed text keeps the brackets the author chose.
    """
    return text.translate(_OPEN_TO_ASCII).translate(_CLOSE_TO_ASCII)


def clean_line(text: str) -> str:
    """One line of text without width, whitespace and artefact noise."""
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = normalize_width(text)
    for pattern in _ARTEFACTS:
        text = pattern.sub("", text)
    text = _HEADING_MARK.sub("", text)
    text = _BULLET_MARK.sub("", text)
    text = _SPACE_NEAR_WIDE.sub("", text)
    text = _SPACE_AFTER_OPEN.sub("", text)
    text = _MULTI_SPACE.sub(" ", text)
    return text.strip()


def _is_heading_line(line: str) -> bool:
    marker = match_marker(line)
    if marker is None:
        return False
    if marker.level == PART:
        return "。" not in line
    return "。" not in line and len(line) < 40


def should_join(previous: str, following: str) -> bool:
    """Was ``following`` cut off from ``previous`` in mid-sentence (page break, wrapped line)?

    Sentence-final punctuation, closing brackets (annotations, ``（此件主动公开）``) and colons (the addressee
    line) end a line for good; a new outline marker starts a new paragraph; a heading on its own line stays
    on its own. Otherwise a line that reads as prose (has 、，。) or ends on a dangling word is continued.
    """
    if not previous or not following:
        return False
    last = previous[-1]
    if last in CLOSERS and unclosed(previous):
        # "…各乡镇〔街道〕" cut inside an annotation that is still open
        return match_marker(following) is None
    if last in TERMINAL or last in CLOSERS or last in "：:":
        return False
    if match_marker(following) is not None or following.startswith(("附件", "附表")):
        return False
    if _is_heading_line(previous):
        return False
    # An unclosed 《 or “ cannot end a paragraph.
    if previous.count("《") > previous.count("》") or previous.count("“") > previous.count("”"):
        return True
    if _PROSE.search(previous):
        return True
    return last in _DANGLING


def join_lines(lines: list[str]) -> list[str]:
    """Clean lines → paragraphs. Blank lines separate paragraphs unless a sentence runs across them."""
    return [paragraph for paragraph, _ in join_lines_with_sources(lines)]


def join_lines_with_sources(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Like :func:`join_lines`, each paragraph with the raw (uncleaned) lines it was joined from.

    The raw lines keep what cleaning removes (tabs, runs of spaces between table cells), for readers that need
    the layout, such as a task table copied off a web page one cell per line.
    """
    paragraphs: list[tuple[str, list[str]]] = []
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if paragraphs and should_join(paragraphs[-1][0], line):
            paragraphs[-1] = (paragraphs[-1][0] + line, paragraphs[-1][1] + [raw])
        else:
            paragraphs.append((line, [raw]))
    return paragraphs
