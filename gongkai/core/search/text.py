"""Normalisation and the two token streams of the search index.

``normalize``: NFKC (full-width digits and letters become ASCII) and lower case, one input character at a time so
offsets can be mapped back (:func:`normalize_with_map`).

``grams``: the text is cut into *runs* — maximal stretches of CJK characters, or of other letters and digits;
everything else (spaces, punctuation) separates runs. A CJK run of length L ≥ 2 gives its L−1 overlapping
bigrams followed by its last character; a run of length 1 gives that character. A letter/digit run gives itself.
So every substring of a run is a sequence of adjacent grams, which is what makes two-character queries exact
(the trap of trigram tokenizers, which see nothing in a query shorter than three characters).

``words``: jieba's search-mode segmentation (``cut_for_search``: long words also give their sub-words), single CJK
characters dropped; used for ranking (a query word that is a real word of the text scores higher).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

CJK_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A CJK run, or a run of other letters/digits (``[^\W_…]`` = word characters except ``_`` and CJK).
RUN_RE = re.compile(f"(?P<cjk>[{CJK_RANGES}]+)|(?P<alnum>[^\\W_{CJK_RANGES}]+)")

_jieba_lock = threading.Lock()
_jieba = None


def _tokenizer() -> Any:  # jieba.Tokenizer; jieba ships no type information
    """jieba, loaded once (about a second the first time; its dictionary cache lives in the temp dir)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _jieba = tokenizer
    return _jieba


@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalize(text: str) -> str:
    """NFKC + lower case. ``２０２３年ＡＢＣ`` → ``2023年abc``. Length may change (``㎡`` → ``m2``)."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    return "".join(_norm_char(ch) for ch in text)


_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The normalized text and, for each of its characters, the offset of the source character it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    whole = unicodedata.normalize("NFKC", text).lower()
    if len(whole) == len(text) and not _COMBINING_RE.search(text):
        # One character for one (full-width forms, CJK): offsets are unchanged. Fast path for snippets.
        return whole, list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = _norm_char(ch)
        out.append(n)
        origin.extend([i] * len(n))
    return "".join(out), origin


def runs(norm: str) -> list[tuple[str, str]]:
    """``[("cjk", "农机补贴"), ("alnum", "2023"), …]`` from normalized text."""
    return [
        ("cjk", m.group("cjk")) if m.group("cjk") else ("alnum", m.group("alnum"))
        for m in RUN_RE.finditer(norm)
    ]


def run_grams(kind: str, run: str) -> list[str]:
    if kind == "alnum" or len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def grams(text: str) -> list[str]:
    """Gram tokens of ``text`` (normalized here), in order."""
    out: list[str] = []
    for kind, run in runs(normalize(text)):
        out.extend(run_grams(kind, run))
    return out


def words(text: str) -> list[str]:
    """jieba search-mode words of ``text`` (normalized here); single CJK characters are left to the grams."""
    norm = normalize(text)
    if not norm.strip():
        return []
    out: list[str] = []
    for token in _tokenizer().cut_for_search(norm):
        for kind, run in runs(token):
            if kind == "cjk" and len(run) < 2:
                continue
            out.append(run)
    return out


def query_words(text: str) -> list[str]:
    """jieba's plain segmentation of a query term (no sub-words): ``农机补贴`` → ``["农机", "补贴"]``."""
    norm = normalize(text)
    out: list[str] = []
    for token in _tokenizer().lcut(norm):
        out.extend(run for _, run in runs(token))
    return out


def index_tokens(title: str, body: str) -> dict[str, str]:
    """The four space-joined token columns of one index row."""
    return {
        "title_words": " ".join(words(title)),
        "title_grams": " ".join(grams(title)),
        "body_words": " ".join(words(body)),
        "body_grams": " ".join(grams(body)),
    }
