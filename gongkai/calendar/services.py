"""The holiday table's business actions, and the cached ``WorkCalendar`` every deadline is computed with.

Later modules (applications, publishing deadlines, sentiment replies) call the wrappers at the bottom —
``add_working_days``, ``count_working_days``, ``deadline``, ``is_workday`` — never the models directly.

Caching: ``get_calendar()`` keeps the built calendar in process memory keyed by a version token held in the
Django cache (shared between app servers when REDIS_URL is set). Any change writes a new token at once (so the
same request sees its own change) and again on commit (so other processes rebuild only from committed rows).
A call therefore costs one cache read, not a database query.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import statutory_holidays, workdays
from gongkai.core.holiday_notice import NoticeParseError, ParsedNotice, package_name, parse_notice
from gongkai.core.workdays import CalendarNotCovered, WorkCalendar, WorkdayResult  # noqa: F401 - re-exported

from . import access, recompute
from .errors import CalendarImportError, NoticeHasProblems, YearAlreadyCovered  # noqa: F401 - re-exported
from .models import HolidayCalendar, HolidayDay

# chinesecalendar 1.11.0 knows these years; later years come from the State Council notice.
PACKAGE_YEARS = range(2004, 2027)
VERSION_KEY = "gongkai:calendar:version"
KIND_LABELS = dict(HolidayDay.Kind.choices)

_memo: tuple[str, WorkCalendar] | None = None
_memo_lock = threading.Lock()


# --- the cached calendar -------------------------------------------------------------------------------------
def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _changed() -> None:
    _new_version()
    transaction.on_commit(_new_version)


# Years after the last covered one (and after this year) whose statutory holidays are estimated.
ESTIMATE_YEARS_AHEAD = 10


def statutory_estimates(covered: set[int], this_year: int | None = None) -> dict[date, str]:
    """The statutory days off (《全国年节及纪念日放假办法》) of the uncovered years around the table: a year
    without its notice still has its festivals off; only its 调休 stays unknown (results remain 暂定)."""
    this_year = this_year or timezone.localdate().year
    known = set(covered) | {this_year}
    first = max(min(known), statutory_holidays.FIRST_YEAR)
    out: dict[date, str] = {}
    for year in range(first, max(known) + ESTIMATE_YEARS_AHEAD + 1):
        if year not in covered:
            out.update(statutory_holidays.off_days(year))
    return out


def _build() -> WorkCalendar:
    years = set(HolidayCalendar.objects.values_list("year", flat=True))
    off: list[date] = []
    makeup: list[date] = []
    names: dict[date, str] = {}
    for day, kind, name in HolidayDay.objects.values_list("date", "kind", "name"):
        (makeup if kind == HolidayDay.Kind.MAKEUP_WORKDAY else off).append(day)
        if name:
            names[day] = name
    return WorkCalendar(years, off, makeup, names, estimated=statutory_estimates(years))


def get_calendar() -> WorkCalendar:
    """The calendar built from the database; rebuilt only after a change (one cache read per call)."""
    global _memo
    version = cache.get(VERSION_KEY)
    if version is None:  # cache cleared or evicted: start a new epoch and rebuild once
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    memo = _memo
    if memo is not None and memo[0] == version:
        return memo[1]
    with _memo_lock:
        calendar = _build()
        _memo = (version, calendar)
    return calendar


# --- seeding from the package --------------------------------------------------------------------------------
def _require_importer(actor) -> None:
    if not access.can_import_notices(actor):
        raise CalendarImportError("只有政务公开办管理员或系统管理员可以导入节假日安排。", code="forbidden")


def seed_from_package(years=PACKAGE_YEARS, *, actor=None) -> list[int]:
    """Create the years the chinesecalendar package knows and the table lacks; return the years created.

    Idempotent: existing years are left alone (an imported notice is never overwritten by the package).
    Dates already declared by a neighbouring year's notice (e.g. 2018-12-29 from the 2019 notice) are kept.
    """
    import chinese_calendar

    _require_importer(actor)
    years = sorted(set(years))
    outside = [year for year in years if year not in PACKAGE_YEARS]
    if outside:
        raise CalendarImportError(
            f"chinesecalendar 数据包只包含{PACKAGE_YEARS[0]}–{PACKAGE_YEARS[-1]}年的安排，"
            f"{'、'.join(map(str, outside))}年请导入国务院办公厅节假日安排通知"
        )
    version = metadata.version("chinesecalendar")
    with transaction.atomic():
        existing = set(HolidayCalendar.objects.filter(year__in=years).values_list("year", flat=True))
        todo = [year for year in years if year not in existing]
        if not todo:
            return []
        HolidayCalendar.objects.bulk_create(
            HolidayCalendar(
                year=year,
                source=HolidayCalendar.Source.PACKAGE,
                notice_title=f"国务院办公厅关于{year}年部分节假日安排的通知",
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            for year in todo
        )
        calendars = {calendar.year: calendar for calendar in HolidayCalendar.objects.filter(year__in=todo)}
        taken = set(HolidayDay.objects.filter(date__year__in=todo).values_list("date", flat=True))
        days = []
        for source, kind in (
            (chinese_calendar.holidays, HolidayDay.Kind.OFF),
            (chinese_calendar.workdays, HolidayDay.Kind.MAKEUP_WORKDAY),
        ):
            for day, holiday in sorted(source.items()):
                if day.year in calendars and day not in taken:
                    days.append(
                        HolidayDay(
                            calendar=calendars[day.year], date=day, kind=kind, name=package_name(holiday)
                        )
                    )
        HolidayDay.objects.bulk_create(days, batch_size=500)
        per_year: dict[int, list[int]] = {year: [0, 0] for year in todo}
        for day in days:
            per_year[day.date.year][day.kind == HolidayDay.Kind.MAKEUP_WORKDAY] += 1
        for year in todo:
            audit.record(
                actor=actor,
                action="calendar.seed",
                obj=calendars[year],
                after={
                    "year": year,
                    "source": f"chinesecalendar {version}",
                    "off": per_year[year][0],
                    "makeup": per_year[year][1],
                },
            )
        _changed()
    return todo


# --- importing a notice ----------------------------------------------------------------------------------------
@dataclass
class DayChange:
    """One date whose entry in the table differs between now and after the import."""

    date: date
    before: tuple[str, str] | None  # (kind, name)
    after: tuple[str, str] | None

    @property
    def action(self) -> str:
        if self.before is None:
            return "新增"
        return "删除" if self.after is None else "变更"

    @staticmethod
    def describe(entry: tuple[str, str] | None) -> str:
        if entry is None:
            return "（无）"
        kind, name = entry
        return f"{KIND_LABELS.get(kind, kind)}{('·' + name) if name else ''}"

    @property
    def describe_before(self) -> str:
        return self.describe(self.before)

    @property
    def describe_after(self) -> str:
        return self.describe(self.after)

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.action}：{self.describe(self.before)} → {self.describe(self.after)}"


@dataclass
class ImportPreview:
    """What an import would do; read-only (the UI shows it before the official confirms)."""

    notice: ParsedNotice
    existing: HolidayCalendar | None
    changes: list[DayChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what forbids saving (ParsedNotice.problems)
    recomputed: list[recompute.Recomputed] = field(default_factory=list)  # after a saved import

    @property
    def year(self) -> int:
        return self.notice.year

    @property
    def days(self) -> list[tuple[date, str, str, str]]:
        """(date, kind, kind label, holiday name) for the preview table."""
        return [(day, kind, KIND_LABELS[kind], name) for day, kind, name in self.notice.days()]


def _planned(notice: ParsedNotice) -> dict[date, tuple[str, str]]:
    return {day: (kind, name[:20]) for day, kind, name in notice.days()}


def _diff(notice: ParsedNotice) -> tuple[HolidayCalendar | None, list[DayChange]]:
    planned = _planned(notice)
    existing = HolidayCalendar.objects.filter(year=notice.year).first()
    rows = HolidayDay.objects.filter(date__in=list(planned))
    if existing is not None:
        rows = rows | HolidayDay.objects.filter(calendar=existing)
    current = {row.date: (row.kind, row.name, row.calendar_id) for row in rows}
    changes = []
    for day in sorted(set(planned) | set(current)):
        before = current[day][:2] if day in current else None
        if day in planned:
            after = planned[day]
        elif existing is not None and current[day][2] == existing.pk:
            after = None  # the year's own entry, no longer in its notice
        else:
            after = before
        if before != after:
            changes.append(DayChange(day, before, after))
    return existing, changes


def preview_notice(text: str, *, year: int | None = None) -> ImportPreview:
    """Parse and compare with the table (read-only). Unusable text raises ``CalendarImportError`` on ``text``."""
    try:
        notice = parse_notice(text, year)
    except NoticeParseError as exc:
        raise CalendarImportError(str(exc), field="text") from exc
    existing, changes = _diff(notice)
    return ImportPreview(notice, existing, changes, notice.problems())


def _snapshot(calendar: HolidayCalendar) -> dict[str, Any]:
    days = list(calendar.days.order_by("date").values_list("date", "kind"))
    return {
        "year": calendar.year,
        "source": calendar.source,
        "notice_number": calendar.notice_number,
        "off": [day.isoformat() for day, kind in days if kind == HolidayDay.Kind.OFF],
        "makeup": [day.isoformat() for day, kind in days if kind == HolidayDay.Kind.MAKEUP_WORKDAY],
    }


def import_notice(
    text: str, *, actor, replace: bool = False, year: int | None = None, override_reason: str = ""
) -> ImportPreview:
    """Store a State Council notice as the year's arrangement (parsed again here: never trust a preview form).

    Refuses a notice with problems (``ParsedNotice.problems``: an invalid date, a festival missing or without
    all its statutory days) — listing each — unless a system administrator overrides with a reason (audited).
    Refuses to touch a year already in the table unless ``replace=True``; the refusal carries the diff.
    Dates of a neighbouring year that the notice declares (跨年安排) replace what the table had for them.
    """
    _require_importer(actor)
    text = (text or "").strip()
    override_reason = (override_reason or "").strip()
    if not text:
        raise CalendarImportError("通知文本为空：请粘贴国务院办公厅节假日安排通知的全文", field="text")
    with transaction.atomic():
        preview = preview_notice(text, year=year)
        notice, existing = preview.notice, preview.existing
        problems = preview.problems
        if problems and not override_reason:
            raise NoticeHasProblems(notice.year, problems)
        if problems and not access.can_override_notice_problems(actor):
            raise CalendarImportError(
                "只有系统管理员可以在说明理由后强制保存有问题的通知。",
                field="override_reason",
                code="forbidden",
            )
        if existing is not None:
            existing = HolidayCalendar.objects.select_for_update().get(pk=existing.pk)
            if not replace:
                raise YearAlreadyCovered(notice.year, existing.get_source_display(), preview.changes)
        before = _snapshot(existing) if existing is not None else None
        planned = _planned(notice)
        if existing is not None:
            existing.days.all().delete()
        HolidayDay.objects.filter(date__in=list(planned)).delete()
        calendar = existing or HolidayCalendar(year=notice.year)
        calendar.source = HolidayCalendar.Source.NOTICE
        calendar.notice_title = notice.title or f"国务院办公厅关于{notice.year}年部分节假日安排的通知"
        calendar.notice_number = notice.number
        calendar.notice_text = text
        if calendar.pk is None and getattr(actor, "pk", None):
            calendar.created_by = actor
        calendar.save()
        HolidayDay.objects.bulk_create(
            HolidayDay(calendar=calendar, date=day, kind=kind, name=name)
            for day, (kind, name) in planned.items()
        )
        after = _snapshot(calendar)
        after["changes"] = [str(c) for c in preview.changes]
        after["warnings"] = notice.warnings
        if problems:
            after["problems_overridden"] = problems
            audit.record(
                actor=actor,
                action="calendar.notice_override",
                obj=calendar,
                after={"year": notice.year, "problems": problems},
                reason=override_reason,
            )
        audit.record(
            actor=actor,
            action="calendar.replace_notice" if existing is not None else "calendar.import_notice",
            obj=calendar,
            before=before,
            after=after,
            reason=notice.number,
        )
        _changed()
    preview.existing = calendar
    # Stored deadlines of every app (registered hooks) follow the new table, after the import has committed.
    years = {notice.year} | {day.year for day, _, _ in notice.days()}
    preview.recomputed = recompute.run(years, actor=actor)
    return preview


def recompute_summary(results: list[recompute.Recomputed]) -> str:
    """「已重新计算受影响的期限：依申请公开2件、主动公开时限0件。」 for messages and the command."""
    if not results:
        return ""
    parts = "、".join(f"{r.label}{r.changed}件" for r in results if not r.error)
    return f"已重新计算受影响的期限：{parts or '无'}。"


def recompute_stored(years, *, actor=None) -> list[recompute.Recomputed]:
    """Run every app's recompute hook again (``gongkai calendar recompute``), e.g. after a hook failed."""
    _require_importer(actor)
    return recompute.run(years, actor=actor)


# --- what later modules call ----------------------------------------------------------------------------------
def is_workday(day: date, *, strict: bool = False) -> bool:
    return get_calendar().is_workday(day, strict=strict)


def add_working_days(start: date, days: int, *, strict: bool = False) -> WorkdayResult:
    """The ``days``-th working day after ``start`` (start not counted), flagged provisional past the table."""
    return get_calendar().add_working_days(start, days, strict=strict)


def count_working_days(start: date, end: date, *, strict: bool = False) -> workdays.CountResult:
    """Working days ``day`` with start < day <= end."""
    return get_calendar().count_working_days(start, end, strict=strict)


def deadline(start: date, days: int, *, excluded=(), strict: bool = False) -> WorkdayResult:
    """Like ``add_working_days`` but skipping pause periods, with a trace for the file."""
    return get_calendar().deadline(start, days, excluded=excluded, strict=strict)


def covers(year: int) -> bool:
    return get_calendar().covers(year)
