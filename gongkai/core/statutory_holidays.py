"""The statutory holidays of any year (法定节假日), from 《全国年节及纪念日放假办法》 — the law as data.

The State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) only *arranges* the holidays: it adds
bridging days and the weekend days worked in exchange (调休). Which days are holidays at all is fixed by the
办法, and the lunar festivals and the 清明 solar term can be computed years ahead. So a year whose notice has not
been published yet still has known days off; only its 调休 arrangement is unknown (and any result stays 暂定).

The rule table below is data: each version of the 办法 with the decree that made it, the year it applies from,
and each festival's days. The lunar dates and the solar term come from ``lunar-python`` (6tail's ``lunar``
library, pure Python, maintained; chosen over ``sxtwl`` — a C++ extension that needs a build — and ``borax``,
whose solar terms cover fewer years). The tests check every festival day of 2004–2026 against the tables of the
``chinesecalendar`` package (compiled from the real notices).

Framework-free: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, Solar

LAW = "《全国年节及纪念日放假办法》"

# How a festival's first day is found: a fixed (month, day) of the solar year, a lunar (month, day), the day
# before the lunar new year (除夕), or a solar term.
SOLAR, LUNAR, NEW_YEARS_EVE, SOLAR_TERM = "solar", "lunar", "new_years_eve", "solar_term"


@dataclass(frozen=True)
class Festival:
    """One festival of a version of the 办法: its name, where it starts and how many days off in all."""

    name: str  # the notice's name: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节
    anchor: str  # SOLAR, LUNAR, NEW_YEARS_EVE or SOLAR_TERM
    days: int
    month: int = 0
    day: int = 0
    term: str = ""  # the solar term's name for SOLAR_TERM (清明)
    rule: str = ""  # the article's wording, for people


@dataclass(frozen=True)
class Version:
    """A version of the 办法: the decree, the first year it governs, its festivals (第二条, 全体公民放假的节日)."""

    source: str
    from_year: int
    festivals: tuple[Festival, ...]


def _new_year() -> Festival:
    return Festival("元旦", SOLAR, 1, 1, 1, rule="新年，放假1天（1月1日）")


def _national_day() -> Festival:
    return Festival("国庆节", SOLAR, 3, 10, 1, rule="放假3天（10月1日、2日、3日）")


# Each version, newest last. A year is governed by the last version whose ``from_year`` is not after it.
VERSIONS: tuple[Version, ...] = (
    Version(
        f"{LAW}（1999年9月18日国务院令第270号修订）第二条",
        2000,
        (
            _new_year(),
            Festival("春节", LUNAR, 3, 1, 1, rule="放假3天（农历正月初一、初二、初三）"),
            Festival("劳动节", SOLAR, 3, 5, 1, rule="放假3天（5月1日、2日、3日）"),
            _national_day(),
        ),
    ),
    Version(
        f"{LAW}（2007年12月14日国务院令第513号修订）第二条",
        2008,
        (
            _new_year(),
            Festival("春节", NEW_YEARS_EVE, 3, rule="放假3天（农历除夕、正月初一、初二）"),
            Festival("清明节", SOLAR_TERM, 1, term="清明", rule="放假1天（农历清明当日）"),
            Festival("劳动节", SOLAR, 1, 5, 1, rule="放假1天（5月1日）"),
            Festival("端午节", LUNAR, 1, 5, 5, rule="放假1天（农历端午当日）"),
            Festival("中秋节", LUNAR, 1, 8, 15, rule="放假1天（农历中秋当日）"),
            _national_day(),
        ),
    ),
    Version(
        f"{LAW}（2013年12月11日国务院令第644号修订）第二条",
        2014,
        (
            _new_year(),
            Festival("春节", LUNAR, 3, 1, 1, rule="放假3天（农历正月初一、初二、初三）"),
            Festival("清明节", SOLAR_TERM, 1, term="清明", rule="放假1天（农历清明当日）"),
            Festival("劳动节", SOLAR, 1, 5, 1, rule="放假1天（5月1日）"),
            Festival("端午节", LUNAR, 1, 5, 5, rule="放假1天（农历端午当日）"),
            Festival("中秋节", LUNAR, 1, 8, 15, rule="放假1天（农历中秋当日）"),
            _national_day(),
        ),
    ),
    Version(
        f"{LAW}（2024年11月10日国务院令第795号修订）第二条",
        2025,
        (
            _new_year(),
            Festival("春节", NEW_YEARS_EVE, 4, rule="放假4天（农历除夕、正月初一至初三）"),
            Festival("清明节", SOLAR_TERM, 1, term="清明", rule="放假1天（农历清明当日）"),
            Festival("劳动节", SOLAR, 2, 5, 1, rule="放假2天（5月1日、2日）"),
            Festival("端午节", LUNAR, 1, 5, 5, rule="放假1天（农历端午当日）"),
            Festival("中秋节", LUNAR, 1, 8, 15, rule="放假1天（农历中秋当日）"),
            _national_day(),
        ),
    ),
)
FIRST_YEAR = VERSIONS[0].from_year
LAST_YEAR = 2099  # the lunar library's tables are exact far beyond; the platform never needs more


def version_for(year: int) -> Version | None:
    """The version of the 办法 governing ``year`` (None before 2000: the platform has no rule for it)."""
    found = None
    for version in VERSIONS:
        if version.from_year <= year:
            found = version
    return found if year <= LAST_YEAR else None


def _first_day(festival: Festival, year: int) -> date:
    if festival.anchor == SOLAR:
        return date(year, festival.month, festival.day)
    if festival.anchor == LUNAR:
        solar = Lunar.fromYmd(year, festival.month, festival.day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    if festival.anchor == NEW_YEARS_EVE:
        solar = Lunar.fromYmd(year, 1, 1).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay()) - timedelta(days=1)
    if festival.anchor == SOLAR_TERM:
        # The solar term table of the lunar year around April holds this solar year's 清明.
        solar = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()[festival.term]
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    raise ValueError(f"未知的节日定位方式：{festival.anchor}")


@lru_cache(maxsize=256)
def festival_days(year: int) -> dict[str, tuple[date, ...]]:
    """Each festival's statutory days off in ``year`` (empty when no version of the 办法 governs it)."""
    version = version_for(year)
    if version is None:
        return {}
    out = {}
    for festival in version.festivals:
        first = _first_day(festival, year)
        out[festival.name] = tuple(first + timedelta(days=i) for i in range(festival.days))
    return out


def off_days(year: int) -> dict[date, str]:
    """The statutory days off of ``year`` with the festival's name. Two festivals on one day (中秋 on 10月1日,
    as in 2020) give one day off: the 办法 adds nothing for it, the year's notice arranges the rest."""
    out: dict[date, str] = {}
    for name, days in festival_days(year).items():
        for day in days:
            out[day] = f"{out[day]}、{name}" if day in out else name
    return out


def festival_names(year: int) -> list[str]:
    """The festivals a notice for ``year`` must arrange, in the order of the 办法."""
    version = version_for(year)
    return [festival.name for festival in version.festivals] if version else []


def festival_rule(year: int, name: str) -> Festival | None:
    version = version_for(year)
    if version is None:
        return None
    return next((festival for festival in version.festivals if festival.name == name), None)


# Short forms a notice item may use for a festival (「劳动节」, 「五一」 …).
ALIASES = {
    "元旦": ("元旦",),
    "春节": ("春节",),
    "清明节": ("清明",),
    "劳动节": ("劳动节", "五一"),
    "端午节": ("端午",),
    "中秋节": ("中秋",),
    "国庆节": ("国庆",),
}


def festivals_in(item_name: str) -> list[str]:
    """The festivals an item of a notice is about: 「国庆节、中秋节」 → [国庆节, 中秋节]."""
    return [name for name, words in ALIASES.items() if any(word in item_name for word in words)]


def _cn(day: date) -> str:
    return f"{day.month}月{day.day}日"


def check_arrangement(year: int, items: list[tuple[str, set[date]]]) -> list[str]:
    """The problems of a year's arrangement against the 办法: ``items`` are (item name, days off) as a notice
    lists them. A festival must be arranged, and its days off must include every statutory day (the notice may
    add bridging days, never drop one). Empty when the arrangement fits the law."""
    version = version_for(year)
    if version is None:
        return []
    statutory = festival_days(year)
    problems = []
    for festival in version.festivals:
        arranged = [days for name, days in items if festival.name in festivals_in(name)]
        if not arranged:
            problems.append(
                f"缺少{festival.name}的安排（含日期）：法定{festival.rule}，请粘贴包含该节日一项的通知全文"
            )
            continue
        offered = set().union(*arranged)
        missing = [day for day in statutory[festival.name] if day not in offered]
        if missing:
            problems.append(
                f"{festival.name}的放假日期与法定天数不符：法定{festival.rule}，{year}年应为"
                f"{'、'.join(_cn(day) for day in statutory[festival.name])}，"
                f"通知中未包含{'、'.join(_cn(day) for day in missing)}，请核对"
            )
    return problems
