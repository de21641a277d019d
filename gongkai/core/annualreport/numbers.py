"""Cell values (单元格数字) as reports write them.

Accepted: ``12``, full-width ``１２``, ``1,234`` / ``1，234``, ``3.0``; zero written as ``0``, ``—``, ``——``,
``-``, ``–``, ``/``, ``无`` or an **empty cell** (decision: the national format has no "not filled" value and
reviewers read a blank cell as nothing counted, so empty = 0). Money (万元) may carry decimals.
Refused, with the reason: ``约20``, ``20余``, ``2.5`` for a count, negative values.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal, overload

ZERO_MARKS = {"", "-", "--", "—", "——", "–", "−", "/", "无", "0"}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw or "").strip()
    return re.sub(r"\s+", "", text).replace("−", "-")


@overload
def parse_value(raw: str, *, money: Literal[False] = False) -> tuple[int | None, str]: ...
@overload
def parse_value(raw: str, *, money: bool) -> tuple[int | Decimal | None, str]: ...


def parse_value(raw: str, *, money: bool = False) -> tuple[int | Decimal | None, str]:
    """``(value, problem)``: the value, or None and a Chinese reason (``不是数字``, ``不能为负数`` …).

    A count (``money=False``) is always an ``int``; only money may be a ``Decimal`` (the overloads say so)."""
    text = clean(raw)
    if text in ZERO_MARKS or text == "−":
        return (Decimal(0) if money else 0), ""
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        return None, f"“{raw.strip()}”不是数字，表中只能填写阿拉伯数字（没有的填 0）"
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None, f"“{raw.strip()}”不是数字"
    if number < 0:
        return None, f"“{raw.strip()}”是负数，数量和金额不能为负数"
    if money:
        return number, ""
    if number != number.to_integral_value():
        return None, f"“{raw.strip()}”不是整数，件数只能是整数"
    return int(number), ""


def looks_like_value(raw: str) -> bool:
    """A cell that is meant as a figure (even a bad one like ``约20``), not as a label or a sentence."""
    text = clean(raw)
    if text in ZERO_MARKS or _GROUPED.match(text) or _PLAIN.match(text):
        return True
    words = re.sub(r"[\d.,+\-—–/%]", "", text)
    return bool(re.search(r"\d", text)) and len(words) <= 3
