"""Reads of site inspection: the due matrix (应公开矩阵) unit × catalogue item, the new-media registry lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.core.sitecheck import due, newmedia
from gongkai.orgs.models import Unit
from gongkai.publishing import selectors as publishing
from gongkai.roles import permissions

from .models import DisclosureEvent, NewMediaAccount, NodeRule
from .vocab import LIVE_STATES


@dataclass
class Cell:
    unit: Unit
    rule: NodeRule
    last_published: date | None
    status: due.DueStatus

    @property
    def empty(self) -> bool:
        """A 法定主动公开 item with nothing ever published by this unit."""
        return self.rule.statutory and self.last_published is None

    @property
    def css(self) -> str:
        if self.status.overdue:
            return "danger"
        if self.empty:
            return "warn"
        return "ok"


@dataclass
class Matrix:
    today: date
    rules: list[NodeRule]
    rows: list[tuple[Unit, list[Cell | None]]] = field(default_factory=list)

    @property
    def cells(self) -> list[Cell]:
        return [c for _, cells in self.rows for c in cells if c is not None]

    @property
    def overdue(self) -> list[Cell]:
        return [c for c in self.cells if c.status.overdue]

    @property
    def empty(self) -> list[Cell]:
        return [c for c in self.cells if c.empty]


def _units(user, unit_ids=None):
    qs = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    if unit_ids is not None:
        qs = qs.filter(pk__in=list(unit_ids))
    if user is not None:
        qs = permissions.scope(user, qs, unit_field="pk")
    return list(qs)


def rules():
    return list(
        NodeRule.objects.select_related("node")
        .filter(node__is_active=True)
        .order_by("node__sort_order", "node_id")
    )


def due_matrix(user, today: date | None = None, unit_ids=None) -> Matrix:
    """Every (unit, item with a rule) the unit must publish under: last publication, next due, overdue, empty.

    Queries: units, rules, one grouped query for the last publications (publishing's public selector), one for the
    latest events; the rest is arithmetic (``gongkai.core.sitecheck.due``)."""
    today = today or timezone.localdate()
    units = _units(user, unit_ids)
    node_rules = rules()
    matrix = Matrix(today, node_rules)
    if not units or not node_rules:
        return matrix
    unit_pks = [u.pk for u in units]
    node_pks = [r.node_id for r in node_rules]
    last = publishing.last_published_by_unit_node(unit_pks, node_pks)
    events = {
        (row["unit_id"], row["node_id"]): row["last"]
        for row in DisclosureEvent.objects.filter(unit_id__in=unit_pks, node_id__in=node_pks)
        .values("unit_id", "node_id")
        .annotate(last=Max("occurred_on"))
    }
    cal = calendar.get_calendar()

    def add_working_days(start: date, n: int) -> tuple[date, bool]:
        result = cal.add_working_days(start, n)
        return result.date, result.provisional

    marks = {r.pk: due.deadlines_around(r.rule, today) for r in node_rules}
    for unit in units:
        cells: list[Cell | None] = []
        for r in node_rules:
            if not (r.node.applies_to_unit(unit) and r.applies_to(unit)):
                cells.append(None)
                continue
            published = last.get((unit.pk, r.node_id))
            st = due.status(
                r.rule,
                last_published=published,
                today=today,
                event_date=events.get((unit.pk, r.node_id)),
                add_working_days=add_working_days,
                marks=marks[r.pk],
            )
            cells.append(Cell(unit, r, published, st))
        matrix.rows.append((unit, cells))
    return matrix


def accounts(user, state: str = "", unit_id: int | None = None):
    qs = NewMediaAccount.objects.select_related("unit")
    if user is not None:
        qs = permissions.scope(user, qs)
    if state:
        qs = qs.filter(state=state)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


def stale_accounts(user, today: date | None = None) -> list[NewMediaAccount]:
    """Live accounts with no update in the last 2 weeks (the 19号 veto)."""
    today = today or timezone.localdate()
    return [
        a for a in accounts(user).filter(state__in=LIVE_STATES) if newmedia.is_stale(a.last_update, today)
    ]


# ---------------------------------------------------------------- inspection (网站巡检)


def inspection_runs(site=None, limit: int = 30):
    from .models import InspectionRun

    return list(
        InspectionRun.objects.filter(site=site).select_related("site").order_by("-started_at", "-id")[:limit]
    )


def latest_done_run(site=None):
    from .models import InspectionRun

    return (
        InspectionRun.objects.filter(site=site, state=InspectionRun.State.DONE)
        .order_by("-started_at", "-id")
        .first()
    )


def trend_svg(site=None, limit: int = 20) -> str:
    from gongkai.core.sitecheck.chart import Point, trend_svg

    from .models import InspectionRun

    runs = list(
        InspectionRun.objects.filter(site=site, state=InspectionRun.State.DONE).order_by(
            "-started_at", "-id"
        )[:limit]
    )
    runs.reverse()
    points = [
        Point(
            timezone.localtime(r.started_at).strftime("%m-%d"), r.score or 0, r.finding_count, bool(r.passed)
        )
        for r in runs
    ]
    return trend_svg(points)


def run_findings(user, run):
    """A run's findings the user may see: every one for the office, their units' ones for other staff."""
    from . import access
    from .models import InspectionFinding

    qs = InspectionFinding.objects.filter(run=run).select_related("unit", "ticket")
    if access.is_office(user):
        return qs
    return permissions.scope(user, qs)


def tickets_for(user, *, state: str = "open", unit_id: int | None = None):
    from . import access
    from .models import Ticket

    qs = Ticket.objects.select_related("unit", "site")
    if state:
        qs = qs.filter(state=state)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if not access.is_office(user):
        qs = permissions.scope(user, qs)
    return qs.order_by("deadline", "id")


def open_tickets_by_unit(user) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for t in tickets_for(user):
        groups.setdefault(t.unit_label, []).append(t)
    return sorted(groups.items())


def reminders_for(user):
    """The reminders of the units the user may see (the office: every unit's), newest first."""
    from .models import Reminder

    qs = Reminder.objects.select_related("unit")
    return qs if user is None else permissions.scope(user, qs)


def campaigns():
    from .models import ZombieCampaign

    return ZombieCampaign.objects.all()


def campaign_items(user, campaign):
    """A campaign's listed accounts the user may see (a unit's staff: their own units')."""
    qs = campaign.items.select_related("account", "unit", "merge_into", "decided_by")
    if user is not None:
        qs = permissions.scope(user, qs)
    return qs.order_by("unit__sort_order", "unit_id", "account__platform", "account__name")


@dataclass
class UnitProgress:
    """One unit's row of a campaign's progress: listed, decided (by decision), undecided, overdue."""

    unit: Unit
    listed: int = 0
    decided: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def undecided(self) -> int:
        return self.listed - self.decided

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.listed) if self.listed else 100


def campaign_progress(items, today: date | None = None) -> tuple[list[UnitProgress], UnitProgress]:
    """Per-unit progress of the items given (already scoped), and the total."""
    today = today or timezone.localdate()
    rows: dict[int, UnitProgress] = {}
    total = UnitProgress(unit=None)  # type: ignore[arg-type]
    for item in items:
        for row in (rows.setdefault(item.unit_id, UnitProgress(item.unit)), total):
            row.listed += 1
            if item.decision:
                row.decided += 1
                row.by_decision[item.decision] = row.by_decision.get(item.decision, 0) + 1
            elif item.overdue(today):
                row.overdue += 1
    return list(rows.values()), total


def pending_zombie_items(user):
    """Accounts of open campaigns still without a decision, in the units the user may see."""
    from .models import ZombieItem
    from .vocab import CampaignState

    qs = ZombieItem.objects.filter(campaign__state=CampaignState.OPEN, decision="").select_related(
        "campaign", "account"
    )
    if user is not None:
        qs = permissions.scope(user, qs)
    return qs.order_by("campaign__deadline", "pk")
