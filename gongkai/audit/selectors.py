"""Reading the audit log: who may see which events, and the filters of the list, the export and the CLI."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.orgs import permissions
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role

from .models import AuditEvent


def visible_unit_ids(user) -> set[int] | None:
    """The units whose events ``user`` may read; None means all events.

    The openness office and system administrators read everything (logins included); a unit leader
    (单位负责人) reads the events of the units they lead; nobody else reads the audit log.
    """
    return permissions.unit_ids_with_role(user, Role.LEADER)


def can_browse(user) -> bool:
    ids = visible_unit_ids(user)
    return ids is None or bool(ids)


def visible_events(user) -> QuerySet:
    ids = visible_unit_ids(user)
    events = AuditEvent.objects.all()
    return events if ids is None else events.filter(unit_id__in=ids)


def visible_units(user) -> QuerySet:
    ids = visible_unit_ids(user)
    units = Unit.objects.order_by("sort_order", "id")
    return units if ids is None else units.filter(pk__in=ids)


def day_bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole days in the site's time zone (Asia/Shanghai): [since 00:00, until+1 00:00)."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, time.min), tz) if since else None
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min), tz) if until else None
    return start, end


def date_range_error(since: date | None, until: date | None) -> str | None:
    if since and until and since > until:
        return f"起始日期（{since:%Y-%m-%d}）晚于截止日期（{until:%Y-%m-%d}），请调换或改正日期。"
    return None


@dataclass
class Criteria:
    actor: str = ""
    unit_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""

    def as_dict(self) -> dict:
        """The criteria actually set, for the export's own audit event."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in vars(self).items() if v}


def filter_events(events: QuerySet, c: Criteria) -> QuerySet:
    if c.actor:
        events = events.filter(
            Q(actor_name__icontains=c.actor)
            | Q(actor__username__icontains=c.actor)
            | Q(actor__full_name__icontains=c.actor)
        )
    if c.unit_id:
        events = events.filter(unit_id=c.unit_id)
    if c.action:
        events = events.filter(action=c.action)
    if c.object_type:
        events = events.filter(object_type=c.object_type)
    if c.object_id:
        events = events.filter(object_id=c.object_id)
    start, end = day_bounds(c.since, c.until)
    if start:
        events = events.filter(time__gte=start)
    if end:
        events = events.filter(time__lt=end)
    if c.text:
        events = events.filter(object_repr__icontains=c.text)
    return events.order_by("-id")


def distinct_values(events: QuerySet, field: str) -> list[str]:
    return list(events.order_by(field).values_list(field, flat=True).distinct())
