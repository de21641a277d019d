"""Reads of the annual reports: what a user may see, the office board (看板) of a year, the public list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.orgs.models import Unit, UnitKind
from gongkai.roles import permissions

from .models import AnnualReport, Batch
from .vocab import REMIND_DAYS, ReportState, Scope, due_date

# Units that publish their own report: every active body except public enterprises (公共企事业单位 report under
# their own rules); the county government publishes the 本级政府 report.
REPORTING_KINDS = [k for k in UnitKind.values if k != UnitKind.ENTERPRISE]


def visible(user) -> QuerySet:
    return permissions.scope(user, AnnualReport.objects.select_related("unit"))


def get_for_staff(user, pk: int) -> AnnualReport:
    return permissions.get_scoped_or_404(
        user, AnnualReport.objects.select_related("unit", "publication"), pk=pk
    )


def reporting_units() -> QuerySet:
    return Unit.objects.filter(is_active=True, kind__in=REPORTING_KINDS).order_by("sort_order", "id")


def scope_of(unit) -> str:
    return Scope.GOVERNMENT if unit.kind == UnitKind.GOVERNMENT else Scope.UNIT


@dataclass
class BoardRow:
    unit: Unit
    scope: str
    due: date
    report: AnnualReport | None
    state: str  # 未起草 / 起草中 / 已审定 / 已发布 / 逾期
    late: bool = False  # published after the due date, or not published and past it
    errors: int = 0
    warnings: int = 0
    days_left: int | None = None


@dataclass
class Board:
    year: int
    rows: list[BoardRow]
    counts: dict[str, int] = field(default_factory=dict)


def board_state(report: AnnualReport | None, due: date, today: date) -> tuple[str, bool]:
    """The board's state in words and whether the statutory date is missed."""
    if report is not None and report.state == ReportState.PUBLISHED:
        return "已发布", report.is_late
    if today > due:
        return "逾期", True
    if report is None:
        return "未起草", False
    if report.state == ReportState.DRAFT:
        return "起草中", False
    return "已审定", False


def board(year: int, today: date | None = None, units=None) -> Board:
    today = today or timezone.localdate()
    units = list(units if units is not None else reporting_units())
    reports = {r.unit_id: r for r in AnnualReport.objects.filter(year=year, unit__in=units)}
    rows = []
    counts = dict.fromkeys(("未起草", "起草中", "已审定", "已发布", "逾期"), 0)
    for unit in units:
        scope = scope_of(unit)
        due = due_date(year, scope)
        report = reports.get(unit.pk)
        state, late = board_state(report, due, today)
        counts[state] += 1
        rows.append(
            BoardRow(
                unit,
                scope,
                due,
                report,
                state,
                late,
                errors=len(report.errors) if report else 0,
                warnings=len(report.warnings) if report else 0,
                days_left=(due - today).days if state not in ("已发布",) else None,
            )
        )
    return Board(year, rows, counts)


def due_soon(user, today: date | None = None) -> list[BoardRow]:
    """The user's units whose last year's report is not published and is due within ``REMIND_DAYS`` or overdue."""
    today = today or timezone.localdate()
    ids = permissions.unit_ids(user)
    units = reporting_units()
    if ids is not None:
        units = units.filter(pk__in=ids)
    rows = board(today.year - 1, today, units).rows
    return [r for r in rows if r.state != "已发布" and r.days_left is not None and r.days_left <= REMIND_DAYS]


def public_reports() -> QuerySet:
    return AnnualReport.objects.filter(state=ReportState.PUBLISHED).select_related("unit", "publication")


def public_versions(limit: int = 200) -> list[tuple[str, int, date | None, str]]:
    """(title, publication id, published on, unit) of what each report has on the site: the current version when
    published, else the last version kept by a correction in progress."""
    out = []
    reports = (
        AnnualReport.objects.filter(Q(state=ReportState.PUBLISHED) | Q(versions__isnull=False))
        .distinct()
        .select_related("unit")
        .order_by("-year", "unit__sort_order", "unit_id")[:limit]
    )
    for report in reports:
        if report.state == ReportState.PUBLISHED and report.publication_id:
            suffix = "（更正）" if report.version > 1 else ""
            out.append(
                (report.title + suffix, report.publication_id, report.published_on, report.unit.display_name)
            )
            continue
        kept = report.versions.exclude(publication=None).order_by("-number").first()
        if kept is not None:
            suffix = "（更正）" if kept.number > 1 else ""
            out.append(
                (report.title + suffix, kept.publication_id, kept.published_on, report.unit.display_name)
            )
    return out


def batches() -> QuerySet:
    return Batch.objects.all()
