"""居民身份证号码 (GB 11643-1999): check character, region and birth-date plausibility.

18 digits: 6 region + 8 birth date (YYYYMMDD) + 3 sequence + 1 check character. The check character is
``1 0 X 9 8 7 6 5 4 3 2`` indexed by sum(digit × weight) mod 11. Old (first-generation) numbers have 15 digits:
6 region + YYMMDD (19YY) + 3 sequence, and no check character.
"""

from __future__ import annotations

import datetime
import functools
import operator

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Province-level codes (GB/T 2260 first two digits): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65; 71 台湾, 81 香港,
# 82 澳门. Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证) use the same format with
# region 810000 / 820000 / 830000, so those whole codes count too.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54}
    | {61, 62, 63, 64, 65, 71, 81, 82}
)
PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), WEIGHTS)) % 11]


def plausible_region(digits: str) -> bool:
    """A real province and not a bare province code (110000), except the residence-permit codes."""
    return digits[:6] in PERMIT_REGIONS or (int(digits[:2]) in PROVINCES and digits[2:6] != "0000")


@functools.lru_cache(maxsize=65536)
def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _real_date(year: int, month: int, day: int, today: datetime.date) -> bool:
    if year < 1900:
        return False
    born = _date(year, month, day)
    return born is not None and born <= today


def id18_shaped(number: str, today: datetime.date | None = None) -> bool:
    """Region and birth date are plausible (the check character is not looked at)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    today = today or datetime.date.today()
    return plausible_region(number) and _real_date(
        int(number[6:10]), int(number[10:12]), int(number[12:14]), today
    )


def birth_date_ok(number: str, today: datetime.date | None = None) -> bool:
    """Characters 7–14 of an 18-digit number are a real birth date."""
    return _real_date(
        int(number[6:10]), int(number[10:12]), int(number[12:14]), today or datetime.date.today()
    )


def is_valid_id18(number: str, today: datetime.date | None = None) -> bool:
    number = number.upper()
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[17] in CHECK_CHARS
        and check_char(number[:17]) == number[17]
        and id18_shaped(number, today)
    )


def is_valid_id15(number: str, today: datetime.date | None = None) -> bool:
    if len(number) != 15 or not number.isdigit():
        return False
    today = today or datetime.date.today()
    return plausible_region(number) and _real_date(
        1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today
    )


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_ok(digits: str) -> bool:
    values = list(map(int, digits))
    return (sum(values[-1::-2]) + sum(_DOUBLED[d] for d in values[-2::-2])) % 10 == 0


def make_id18(first17: str) -> str:
    """Complete 17 digits with their check character (for tests, benchmarks and demo data)."""
    return first17 + check_char(first17)
