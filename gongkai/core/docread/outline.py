"""Outline markers (层次序号) of Chinese official documents: ``一、`` ``（一）`` ``1.`` ``（1）``.

GB/T 9704 prescribes 一、 → （一） → 1. → （1） for the four levels. Real documents mix full- and half-width
brackets (``(二)``), use ``1、`` or ``1．`` for the third level and put a space after the marker; all of that is
accepted here. The canonical form of a number (``"（一）"``, ``"1"``) is what the outline paths carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import NUMERAL_CHARS, chinese_to_int, int_to_chinese

PART, ITEM, SUB, SUBSUB = 1, 2, 3, 4

_CN = f"[{NUMERAL_CHARS}]{{1,3}}"
_PATTERNS = (
    # 一、 (the separator must be 、 or a dot: "一是" and "一年" are not markers)
    (PART, re.compile(rf"^\s*({_CN})\s*[、．.]\s*")),
    # （一） / (一) / 〔一〕 in any bracket width
    (ITEM, re.compile(rf"^\s*[（(〔]\s*({_CN})\s*[）)〕]\s*")),
    # 1. / 1、 / 1． — but not 1.5 or 2024.
    (SUB, re.compile(r"^\s*(\d{1,2})\s*[.．、](?![\d.．])\s*")),
    # （1） / (1)
    (SUBSUB, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]\s*")),
)


@dataclass(frozen=True)
class Marker:
    """A recognised outline marker at the start of a paragraph."""

    level: int  # PART, ITEM, SUB or SUBSUB
    value: int  # 1-based number
    raw: str  # the marker as written, e.g. "(二) "
    rest: str  # the paragraph after the marker

    @property
    def label(self) -> str:
        """Canonical form: 一 / （一） / 1 / （1）."""
        return canonical_label(self.level, self.value)


def canonical_label(level: int, value: int) -> str:
    if level == PART:
        return int_to_chinese(value)
    if level == ITEM:
        return f"（{int_to_chinese(value)}）"
    if level == SUB:
        return str(value)
    return f"（{value}）"


def match_marker(text: str) -> Marker | None:
    """The outline marker the paragraph starts with, or None."""
    for level, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number = m.group(1)
        value = int(number) if number.isdigit() else chinese_to_int(number)
        if not value or value > 60:
            continue
        rest = text[m.end() :]
        if level == PART and (not rest or rest[0] in "年月日个"):
            continue
        return Marker(level, value, m.group(0), rest)
    return None
