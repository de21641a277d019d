"""Snippets with highlighted matches (摘要高亮).

``highlight(text, needles)`` finds the needles (normalized substrings, see ``query.Query.needles``) in ``text``
compared after normalization, picks the window of about ``width`` characters that holds the most distinct
needles (the earliest on a tie), and returns HTML: the text escaped, matches wrapped in ``<mark>``, ``…`` where the
window cuts the text. Without any match it returns the start of the text. The caller marks the result safe.
"""

from __future__ import annotations

import html
import re

from .text import normalize_with_map

_SPACE_RE = re.compile(r"\s+")


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _spans(norm: str, needles: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping match spans in the normalized text, longest needles first."""
    taken = [False] * len(norm)
    spans = []
    for needle in sorted({n for n in needles if n}, key=len, reverse=True):
        start = norm.find(needle)
        while start >= 0:
            end = start + len(needle)
            if not any(taken[start:end]):
                spans.append((start, end, needle))
                for i in range(start, end):
                    taken[i] = True
            start = norm.find(needle, start + 1)
    spans.sort()
    return spans


def _best_window(spans: list[tuple[int, int, str]], width: int) -> tuple[int, int]:
    """The stretch of at most ``width`` characters that holds the most distinct needles (``spans`` not empty)."""
    best = (spans[0][0], spans[0][1])
    best_score = 0
    j = 0
    for i, (start, _end, _n) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - start <= width:
            j += 1
        score = len({n for _, _, n in spans[i : j + 1]})
        if score > best_score:
            best, best_score = (start, spans[j][1]), score
    return best


def highlight(text: str, needles: list[str], width: int = 120) -> str:
    text = _SPACE_RE.sub(" ", text or "").strip()
    if not text:
        return ""
    norm, origin = normalize_with_map(text)
    spans = _spans(norm, needles)
    if not spans:
        cut = text[:width]
        return html.escape(cut) + ("…" if len(text) > width else "")
    first, last = _best_window(spans, width)
    # Centre the matched stretch in the window, in source offsets.
    src_first = origin[first]
    src_last = origin[last - 1] + 1
    slack = max(0, width - (src_last - src_first))
    start = max(0, src_first - slack // 3)
    # Do not cut a number or a Latin word in half ("…026年"): step back to its start (at most 12 characters).
    floor = max(0, start - 12)
    while start > floor and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    end = min(len(text), max(src_last, start + width))
    marks = [
        (origin[s], origin[e - 1] + 1) for s, e, _ in spans if origin[s] >= start and origin[e - 1] < end
    ]
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in marks:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
