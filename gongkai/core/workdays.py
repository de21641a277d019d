"""Statutory working-day arithmetic (法定工作日计算) over a holiday table.

A day is a working day when it is Monday–Friday and not a listed day off, or when it is a listed make-up workday
(调休上班, usually a Saturday or Sunday). The table comes from the State Council's yearly notice
(国务院办公厅关于YYYY年部分节假日安排的通知); a year without a notice is *not covered*: arithmetic that touches it
counts weekends and the statutory holidays the caller passes as ``estimated`` (``core.statutory_holidays``) and is
flagged provisional (暂定) because the 调休 is unknown, or refuses with ``CalendarNotCovered`` when
``strict=True``. The law's deadlines are counted in working days (e.g. 条例第26条: 20 个工作日), so a silent
weekend-only guess would be a wrong legal date.

Conventions (used by every module that computes a deadline):
- ``add_working_days(start, n)``: the start day itself is not counted; the result is the n-th working day after
  ``start`` (for n = 0, ``start`` itself).
- ``count_working_days(start, end)``: the number of working days d with start < d <= end (negative when
  end < start). Hence ``count_working_days(s, add_working_days(s, n).date) == n`` for every n >= 0.
- Pause periods (中止/不计算在期限内, e.g. 征求第三方意见) are inclusive date ranges whose working days do not count.

No Django here: the calendar app builds a ``WorkCalendar`` from the database and caches it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .holiday_notice import package_name

ONE_DAY = timedelta(days=1)
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def fmt(d: date) -> str:
    """2026年10月30日（周五）: the form officials read in letters and traces."""
    return f"{d.year}年{d.month}月{d.day}日（{WEEKDAY_NAMES[d.weekday()]}）"


def not_covered_reason(year: int, estimated: bool = False) -> str:
    """Why a result touching ``year`` is provisional; ``estimated`` when its statutory holidays were counted."""
    if estimated:
        return (
            f"{year}年节假日安排尚未录入，已按《全国年节及纪念日放假办法》计入法定节假日，"
            "调休安排未知，结果为暂定"
        )
    return f"{year}年节假日安排尚未录入，按正常周末推算，结果为暂定"


class CalendarNotCovered(ValueError):  # noqa: N818 - the name says what happened
    """A strict computation touched a year whose holiday arrangement has not been entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年节假日安排尚未录入，无法精确计算工作日：请在【工作日历】中导入{year}年国务院办公厅节假日安排通知"
        )


@dataclass
class WorkdayResult:
    """The answer to a working-day question, with whether it is provisional and why."""

    date: date
    provisional: bool = False
    reasons: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.date.isoformat() + (" (provisional)" if self.provisional else "")


@dataclass
class CountResult:
    count: int
    provisional: bool = False
    reasons: list[str] = field(default_factory=list)

    def __int__(self) -> int:
        return self.count


class WorkCalendar:
    """An immutable working-day calendar: covered years, days off and make-up workdays.

    Days listed outside the covered years are still honoured (a notice may announce next year's 元旦), but
    arithmetic touching an uncovered year is provisional. Lookups are O(1); ``add_working_days`` is O(log n)
    through a prefix count of working days over the years around the table.
    """

    def __init__(
        self,
        covered_years: Iterable[int] = (),
        off_dates: Iterable[date] = (),
        makeup_workdays: Iterable[date] = (),
        names: Mapping[date, str] | None = None,
        estimated: Mapping[date, str] | None = None,
    ):
        self.covered_years = frozenset(covered_years)
        self.off_dates = frozenset(off_dates)
        self.makeup_workdays = frozenset(makeup_workdays)
        both = self.off_dates & self.makeup_workdays
        if both:
            raise ValueError("同一日期不能既是放假日又是调休上班日：" + "、".join(sorted(map(str, both))))
        self.names = dict(names or {})
        # Statutory days off of uncovered years (法定节假日, computed from the 办法): off, but the year stays
        # provisional because its 调休 is unknown. A listed day (a neighbouring notice) always wins.
        listed = self.off_dates | self.makeup_workdays
        self.estimated_off = frozenset(
            d for d in (estimated or {}) if d.year not in self.covered_years and d not in listed
        )
        self._estimated_years = frozenset(d.year for d in self.estimated_off)
        for d in self.estimated_off:
            self.names.setdefault(d, (estimated or {})[d])
        years = set(self.covered_years) | {d.year for d in self.off_dates | self.makeup_workdays}
        lo, hi = (min(years), max(years)) if years else (2000, 2030)
        # Prefix counts over a window with slack on both sides; outside it the slow walk still answers.
        self._base = date(lo - 1, 1, 1).toordinal()
        end = date(hi + 10, 12, 31).toordinal()
        cum, running = [], 0
        for ordinal in range(self._base, end + 1):
            if self._is_workday_raw(date.fromordinal(ordinal)):
                running += 1
            cum.append(running)
        self._cum = cum

    # -- construction helpers -------------------------------------------------------------------------------
    @classmethod
    def from_chinesecalendar(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """The calendar known to the ``chinesecalendar`` package (2004–2026 in 1.11.0)."""
        import chinese_calendar

        wanted = set(years) if years is not None else {d.year for d in chinese_calendar.holidays}
        off = {d: package_name(h) for d, h in chinese_calendar.holidays.items() if d.year in wanted}
        work = {d: package_name(h) for d, h in chinese_calendar.workdays.items() if d.year in wanted}
        return cls(wanted, off, work, {**off, **work})

    def is_estimated(self, d: date) -> bool:
        """A statutory day off of a year without its notice (counted off, provisional)."""
        return d in self.estimated_off

    def __repr__(self) -> str:
        years = sorted(self.covered_years)
        span = f"{years[0]}–{years[-1]}" if years else "无"
        return f"<WorkCalendar covered={span} off={len(self.off_dates)} makeup={len(self.makeup_workdays)}>"

    # -- single days -------------------------------------------------------------------------------------------
    def _is_workday_raw(self, d: date) -> bool:
        if d in self.makeup_workdays:
            return True
        if d in self.off_dates or d in self.estimated_off:
            return False
        return d.weekday() < 5

    def covers(self, year: int) -> bool:
        return year in self.covered_years

    def uncovered_years(self, start: date, end: date) -> list[int]:
        lo, hi = min(start, end), max(start, end)
        return [y for y in range(lo.year, hi.year + 1) if y not in self.covered_years]

    def _check(self, start: date, end: date, strict: bool) -> list[str]:
        missing = self.uncovered_years(start, end)
        if missing and strict:
            raise CalendarNotCovered(missing[0])
        return [not_covered_reason(y, y in self._estimated_years) for y in missing]

    def is_workday(self, d: date, strict: bool = False) -> bool:
        if strict:
            self._check(d, d, strict=True)
        return self._is_workday_raw(d)

    def day_kind(self, d: date) -> str:
        """``makeup_workday`` / ``off`` / ``weekend`` / ``workday`` — for month grids."""
        if d in self.makeup_workdays:
            return "makeup_workday"
        if d in self.off_dates or d in self.estimated_off:
            return "off"
        return "weekend" if d.weekday() >= 5 else "workday"

    # -- arithmetic ------------------------------------------------------------------------------------------
    def _index(self, d: date) -> int | None:
        i = d.toordinal() - self._base
        return i if 0 <= i < len(self._cum) else None

    def _nth_after(self, start: date, n: int) -> date:
        if n == 0:
            return start
        i = self._index(start)
        if i is not None:
            j = bisect_left(self._cum, self._cum[i] + n, lo=i + 1)
            if j < len(self._cum):
                return date.fromordinal(self._base + j)
        d, remaining = start, n
        while remaining:
            d += ONE_DAY
            if self._is_workday_raw(d):
                remaining -= 1
        return d

    def add_working_days(self, start: date, n: int, strict: bool = False) -> WorkdayResult:
        """The n-th working day after ``start`` (start not counted)."""
        _check_n(n)
        result = self._nth_after(start, n)
        reasons = self._check(start, result, strict)
        return WorkdayResult(result, bool(reasons), reasons)

    def count_working_days(self, start: date, end: date, strict: bool = False) -> CountResult:
        """Working days d with start < d <= end; negative when end < start."""
        reasons = self._check(start, end, strict)
        if end < start:
            inner = self.count_working_days(end, start)
            return CountResult(-inner.count, bool(reasons), reasons)
        i, j = self._index(start), self._index(end)
        if i is not None and j is not None:
            count = self._cum[j] - self._cum[i]
        else:
            count, d = 0, start
            while d < end:
                d += ONE_DAY
                count += self._is_workday_raw(d)
        return CountResult(count, bool(reasons), reasons)

    def deadline(
        self,
        start: date,
        n: int,
        excluded: Iterable[tuple[date, date]] = (),
        strict: bool = False,
    ) -> WorkdayResult:
        """The n-th counted working day after ``start``, skipping working days inside ``excluded`` periods.

        Returns the date with a trace (in Chinese) an official can check by hand: the start, each holiday,
        make-up workday and pause met on the way, and the day the period ends.
        """
        _check_n(n)
        pauses = _normalize_pauses(excluded)
        trace = [f"起算日：{fmt(start)}，当日不计入，自次日起计算{n}个工作日"]
        for a, b in pauses:
            trace.append(f"中止期间：{fmt(a)}至{fmt(b)}，其间的工作日不计入期限")
        counted, d = 0, start
        events: list[list[Any]] = []  # [kind, first, last, name, extra] runs, merged for a readable trace
        paused_days = dict.fromkeys(pauses, 0)
        weekend_days = 0
        while counted < n:
            d += ONE_DAY
            pause = next((p for p in pauses if p[0] <= d <= p[1]), None)
            workday = self._is_workday_raw(d)
            if pause is not None:
                paused_days[pause] += workday
                continue
            if workday:
                counted += 1
                if d in self.makeup_workdays:
                    name = self.names.get(d, "")
                    events.append(["makeup", d, d, name, counted])
            elif d in self.off_dates or d in self.estimated_off:
                name = self.names.get(d, "")
                if d in self.estimated_off:
                    name = f"{name}（法定节假日，调休安排未知）"
                last = events[-1] if events else None
                if last and last[0] == "off" and last[3] == name and last[2] + ONE_DAY == d:
                    last[2] = d
                else:
                    events.append(["off", d, d, name, 0])
            else:
                weekend_days += 1
        for kind, first, last, name, extra in events:
            label = f"{name}" if name else "节假日"
            if kind == "off":
                span = fmt(first) if first == last else f"{fmt(first)}至{fmt(last)}"
                trace.append(f"{span}：{label}放假，不计入")
            else:
                trace.append(f"{fmt(first)}：{label}调休上班，计为第{extra}个工作日")
        if weekend_days:
            trace.append(f"其间周六、周日共{weekend_days}天不计入")
        for (a, b), days in paused_days.items():
            if a <= d and b > start:
                trace.append(f"中止期间{fmt(a)}至{fmt(b)}内有{days}个工作日未计入")
        if n == 0:
            trace.append(f"工作日数为0，期限即起算日：{fmt(start)}")
        else:
            trace.append(f"第{n}个工作日：{fmt(d)}，即期限届满日")
        reasons = self._check(start, d, strict)
        trace.extend(f"注意：{r}" for r in reasons)
        return WorkdayResult(d, bool(reasons), reasons, trace)


def _check_n(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"工作日数应为不小于0的整数（收到：{n!r}）")


def _normalize_pauses(excluded: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted, merged, validated pause periods (inclusive)."""
    periods = []
    for a, b in excluded:
        if b < a:
            raise ValueError(f"中止期间的结束日期{b.isoformat()}早于开始日期{a.isoformat()}，请交换或更正")
        periods.append((a, b))
    periods.sort()
    merged: list[tuple[date, date]] = []
    for a, b in periods:
        if merged and a <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
