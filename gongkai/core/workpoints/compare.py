"""回头看 (looking back): pairing this year's work items with last year's.

Each item is a (heading, text) pair as imported (the text may start with the heading and end with the unit
annotation). Two items are compared on their **task text** first and their headings second: headings of one
theme share most of their words (提升政策解读质量 · 提升政策集中发布质效 · 持续加大政策解读力度), and the unit
annotation (责任单位：…) says who, not what, so it is left out. Framework-free (jieba for the words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .units import find_annotation

_STOP = {
    "的",
    "和",
    "与",
    "及",
    "等",
    "在",
    "对",
    "为",
    "把",
    "将",
    "了",
    "是",
    "年",
    "要",
    "各",
    "全",
    "县",
    "市",
    "区",
    "加强",
    "推进",
    "进一步",
    "工作",
    "持续",
    "深入",
    "做好",
    "全面",
    "切实",
    "着力",
}
_PUNCT = re.compile(r"[\s\W\d_]+", re.UNICODE)

HEADING_WEIGHT = 0.35  # the rest is the task text's
MATCH_MIN = 0.18  # below this two items are unrelated
SAME_MIN = 0.6  # at or above this the item continues unchanged in substance


def tokens(text: str) -> set[str]:
    """Content words (jieba) of a heading or text, without function words and numbers."""
    import jieba

    jieba.setLogLevel(60)
    return {w for w in jieba.lcut(_PUNCT.sub(" ", text or "")) if w.strip() and w not in _STOP and len(w) > 1}


def _bigrams(text: str) -> set[str]:
    text = _PUNCT.sub("", text or "")
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def body_text(heading: str, text: str) -> str:
    """The item's task text: without the heading it starts with and the unit annotation it ends with."""
    text = (text or "").strip()
    annotation = find_annotation(text)
    if annotation is not None:
        text = text[: annotation.start].rstrip()
    heading = (heading or "").strip()
    if heading and text.startswith(heading):
        text = text[len(heading) :].lstrip("。：:，, ")
    return text


@dataclass(frozen=True)
class _Features:
    heading_tokens: frozenset[str]
    heading_bigrams: frozenset[str]
    text_tokens: frozenset[str]
    text_bigrams: frozenset[str]


def _features(heading: str, text: str) -> _Features:
    body = body_text(heading, text)
    return _Features(
        frozenset(tokens(heading)),
        frozenset(_bigrams(heading)),
        frozenset(tokens(body)),
        frozenset(_bigrams(body)),
    )


def _score(a: _Features, b: _Features) -> float:
    heading = 0.5 * _dice(a.heading_tokens, b.heading_tokens) + 0.5 * _dice(
        a.heading_bigrams, b.heading_bigrams
    )
    if not (a.text_bigrams and b.text_bigrams):
        return round(heading, 3)  # an item without text: only its heading can say
    text = 0.5 * _dice(a.text_tokens, b.text_tokens) + 0.5 * _dice(a.text_bigrams, b.text_bigrams)
    return round(HEADING_WEIGHT * heading + (1 - HEADING_WEIGHT) * text, 3)


def similarity(a_heading: str, a_text: str, b_heading: str, b_text: str) -> float:
    """0..1: the task texts' word and bigram Dice (65 %) blended with the headings' (35 %)."""
    return _score(_features(a_heading, a_text), _features(b_heading, b_text))


@dataclass
class Pair:
    status: str  # new / continued / changed / dropped
    new: int | None  # index in the new list
    old: int | None
    score: float = 0.0


def compare(
    old: list[tuple[str, str]],
    new: list[tuple[str, str]],
    match_min: float = MATCH_MIN,
    same_min: float = SAME_MIN,
) -> list[Pair]:
    """Match (heading, text) items of last year (``old``) to this year's (``new``), greedily by best score.

    Each new item is ``continued`` (score ≥ same_min), ``changed`` (a weaker match) or ``new``; old items left
    over are ``dropped``. The result lists new items in their order, then the dropped ones.
    """
    old_f = [_features(h, t) for h, t in old]
    new_f = [_features(h, t) for h, t in new]
    scores = sorted(
        ((_score(new_f[i], old_f[j]), i, j) for i in range(len(new)) for j in range(len(old))),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    by_new: dict[int, tuple[int, float]] = {}
    used_old: set[int] = set()
    for s, i, j in scores:
        if s < match_min:
            break
        if i in by_new or j in used_old:
            continue
        by_new[i] = (j, s)
        used_old.add(j)
    pairs = []
    for i in range(len(new)):
        if i in by_new:
            j, s = by_new[i]
            pairs.append(Pair("continued" if s >= same_min else "changed", i, j, s))
        else:
            pairs.append(Pair("new", i, None, 0.0))
    pairs.extend(Pair("dropped", None, j, 0.0) for j in range(len(old)) if j not in used_old)
    return pairs


COMPARE_LABELS = {"new": "新增", "continued": "延续", "changed": "调整", "dropped": "不再列入"}
