"""Chinese numerals (中文数字) as they appear in outlines, dates and counts: 一、十四、二十、两、〇、零.

Only what official documents use: 0–9999, with 十/百/千 and the 两 variant. Framework-free.
"""

from __future__ import annotations

DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_TO_CHINESE = "〇一二三四五六七八九"


def chinese_to_int(text: str) -> int | None:
    """``"十四"`` → 14, ``"二十"`` → 20, ``"两"`` → 2, ``"二〇二四"`` → 2024; None when not a numeral."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if not any(ch in UNITS for ch in text):
        # Digit-by-digit form used in dates: 二〇二四.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def int_to_chinese(value: int) -> str:
    """14 → ``"十四"``, 20 → ``"二十"``, 3 → ``"三"`` (outline numbers, 1–99)."""
    if value < 10:
        return _TO_CHINESE[value]
    if value < 20:
        return "十" + (_TO_CHINESE[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TO_CHINESE[tens] + "十" + (_TO_CHINESE[ones] if ones else "")
    return str(value)


def parse_number(text: str) -> int | None:
    """Arabic or Chinese numeral → int (``"2"``, ``"２"`` after normalization, ``"两"``, ``"十"``)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    return chinese_to_int(text)
