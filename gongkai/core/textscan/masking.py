"""Masking (脱敏): the accepted forms, and rewriting text without disturbing what is around a value.

Accepted practice (DOMAIN.md §4): phone ``138****1234``, ID ``35*************123`` (first 2 and last 3 kept),
address only down to 乡镇/街道. Bank cards keep the first 4 and last 4 digits, e-mail ``z***@example.com``.
Masks of numbers keep their length and separators, so a value split over several Word runs keeps each run's
formatting character by character.

Only the primitives live here; ``mask_text`` (scan, mask, re-scan to a fixed point) is in ``detectors`` because it
scans, so this module never imports the detectors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import PERSONAL_KINDS, Finding

STAR = "*"

# A marker followed by a street suffix belongs to a road name (镇南路, 红旗大道), not to a division.
_ROAD_AHEAD = r"(?!大道|路|街|巷|弄)"
_TOWNSHIP_RE = re.compile(rf"(?:街道办事处|街道|镇(?![江平远])|乡(?![村镇])|苏木){_ROAD_AHEAD}")
_COUNTY_RE = re.compile(rf"(?:(?<![社小园城景])区|县|市(?!场)|旗){_ROAD_AHEAD}")


def mask_address(address: str, detail_start: int) -> str:
    """Keep the address down to the township (乡/镇/街道); without one, down to the county; else nothing."""
    head = address[:detail_start]
    cut = None
    for pattern in (_TOWNSHIP_RE, _COUNTY_RE):
        for m in pattern.finditer(head):
            cut = m.end()
        if cut is not None:
            break
    return (address[:cut] if cut else "") + "***"


def mask_id(number: str) -> str:
    return number[:2] + STAR * (len(number) - 5) + number[-3:]


def _star_digits(value: str, keep_head: int, keep_tail: int, last: int | None = None) -> str:
    """Star the digits of ``value`` except the first ``keep_head`` and last ``keep_tail`` of the last ``last``
    digits; separators stay where they are."""
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if last is not None:
        positions = positions[-last:]
    hidden = positions[keep_head : len(positions) - keep_tail]
    chars = list(value)
    for i in hidden:
        chars[i] = STAR
    return "".join(chars)


def mask_mobile(value: str) -> str:
    """``138-1234-5678`` → ``138-****-5678``; a +86 prefix is kept."""
    if len(value) == 11 and value.isascii() and value.isdigit():
        return value[:3] + "****" + value[7:]
    return _star_digits(value, 3, 4, last=11)


def mask_bank_card(value: str) -> str:
    if value.isascii() and value.isdigit():
        return value[:4] + STAR * (len(value) - 8) + value[-4:]
    return _star_digits(value, 4, 4)


def mask_landline(value: str, local_start: int) -> str:
    """Keep the area code and the last 4 digits: ``0797-6321234`` → ``0797-***1234``."""
    return value[:local_start] + _star_digits(value[local_start:], 0, 4)


def mask_passport(value: str) -> str:
    return value[0] + STAR * (len(value) - 4) + value[-3:]


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def char_plan(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """What each original character becomes. Same-length masks map character to character; others put the whole
    mask on the first character and empty the rest."""
    pieces = list(text)
    for start, end, mask in spans:
        if len(mask) == end - start:
            pieces[start:end] = list(mask)
        else:
            pieces[start:end] = [mask] + [""] * (end - start - 1)
    return pieces


def non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Earliest first, the longer of two that start together; later overlapping ones are dropped."""
    chosen: list[Finding] = []
    end = -1
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if f.start >= end:
            chosen.append(f)
            end = f.end
    return chosen


def maskable(findings: Iterable[Finding], kinds: Iterable[str] = PERSONAL_KINDS) -> list[Finding]:
    kinds = frozenset(kinds)
    return non_overlapping(f for f in findings if f.kind in kinds and f.can_mask and f.mask is not None)


def apply(text: str, findings: Iterable[Finding]) -> str:
    spans = []
    for f in findings:
        if text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.text!r} at {f.start} does not belong to this text")
        if f.mask is None:
            raise ValueError(f"finding {f.text!r} at {f.start} has no mask")
        spans.append((f.start, f.end, f.mask))
    return "".join(char_plan(text, spans))


# Re-scan-and-mask rounds before giving up (``detectors.mask_text``, the .docx/.xlsx maskers).
MAX_ROUNDS = 8
