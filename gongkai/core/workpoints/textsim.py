"""Character-bigram similarity of short Chinese texts (headings, table cells, sentences)."""

from __future__ import annotations

import re

from gongkai.core.docread import unify_brackets


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s，。、；：,.;:“”‘’《》（）()〔〕\[\]【】]", "", unify_brackets(text))
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams (robust to a few changed words)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s bigrams found in ``whole``."""
    x = _bigrams(part)
    if not x:
        return 0.0
    return len(x & _bigrams(whole)) / len(x)
