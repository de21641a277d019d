"""文号 (document number, 发文字号): ``丰府办字〔2023〕26号``.

GB/T 9704-2012 §7.2.4: 发文机关代字 + 年份 + 发文顺序号; the year in 六角括号 〔〕, the number without leading
zeros and without 第. Documents as found write ``[2023]``, ``（2023）``, ``(2023)``, ``【2023】``, ``第26号``,
``026号``, full-width digits and stray spaces; :func:`parse_doc_number` accepts all of them and gives the
standard form back.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from .normalize import normalize_width

_OPEN = "〔[（(【［﹝「"
_CLOSE = "〕]）)】］﹞」"
_PATTERN = re.compile(
    rf"(?P<code>[\u4e00-\u9fffA-Za-z]{{1,10}}?)\s*[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*第?\s*(?P<number>\d{{1,6}})\s*号"
)
# Words that precede a 文号 in running text but are not part of the issuer code.
_LEADING_NOISE = re.compile(r"^(?:关于印发|印发|根据|依据|按照|见|经|和|及|与|的|文号|发文字号|文件)+")


@dataclass(frozen=True)
class DocNumber:
    """A parsed 文号."""

    issuer_code: str  # 发文机关代字, e.g. 丰府办字
    year: int
    number: int
    raw: str  # as written

    @property
    def standard(self) -> str:
        """The GB/T 9704 form: 丰府办字〔2023〕26号."""
        return f"{self.issuer_code}〔{self.year}〕{self.number}号"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "standard": self.standard}

    def __str__(self) -> str:
        return self.standard


def _build(match: re.Match[str], raw: str) -> DocNumber | None:
    code = _LEADING_NOISE.sub("", match.group("code"))
    number = int(match.group("number"))
    if not code or number == 0:
        return None
    return DocNumber(code, int(match.group("year")), number, raw)


def parse_doc_number(text: str) -> DocNumber | None:
    """The 文号 in ``text`` (the whole string should be one 文号, surrounding spaces allowed), or None."""
    if not text:
        return None
    cleaned = normalize_width(text).strip()
    m = _PATTERN.fullmatch(re.sub(r"\s+", " ", cleaned))
    if not m:
        return None
    return _build(m, text.strip())


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 written in running text, in order."""
    found = []
    cleaned = normalize_width(text)
    for m in _PATTERN.finditer(cleaned):
        number = _build(m, m.group(0))
        if number is not None:
            found.append(number)
    return found
