"""Reading the audit log: the events a user may see (``access.visible_unit_ids``), and the filters of the list,
the export and the CLI."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import access
from .models import AuditEvent


def visible_events(user) -> QuerySet:
    ids = access.visible_unit_ids(user)
    events = AuditEvent.objects.all()
    return events if ids is None else events.filter(unit_id__in=ids)


def visible_units(user) -> QuerySet:
    """The units whose events ``user`` may read (the list's unit filter), in the unit tree's order.

    Reached through the ``AuditEvent.unit`` relation rather than by importing ``orgs.models``: orgs writes audit
    events, so audit must not import orgs (contract ``acyclic``)."""
    ids = access.visible_unit_ids(user)
    unit_model = AuditEvent._meta.get_field("unit").related_model
    units = unit_model._default_manager.order_by("sort_order", "id")
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
        return {
            key: (value.isoformat() if isinstance(value, date) else value)
            for key, value in vars(self).items()
            if value
        }


def filter_events(events: QuerySet, criteria: Criteria) -> QuerySet:
    if criteria.actor:
        events = events.filter(
            Q(actor_name__icontains=criteria.actor)
            | Q(actor__username__icontains=criteria.actor)
            | Q(actor__full_name__icontains=criteria.actor)
        )
    if criteria.unit_id:
        events = events.filter(unit_id=criteria.unit_id)
    if criteria.action:
        events = events.filter(action=criteria.action)
    if criteria.object_type:
        events = events.filter(object_type=criteria.object_type)
    if criteria.object_id:
        events = events.filter(object_id=criteria.object_id)
    start, end = day_bounds(criteria.since, criteria.until)
    if start:
        events = events.filter(time__gte=start)
    if end:
        events = events.filter(time__lt=end)
    if criteria.text:
        events = events.filter(object_repr__icontains=criteria.text)
    return events.order_by("-id")


def export_snapshot(events: QuerySet) -> tuple[QuerySet, int | None]:
    """The events up to the newest one now, and its id: an export's own event is not part of what it exports."""
    last = events.values_list("id", flat=True).first()
    return (events.filter(id__lte=last) if last else events.none()), last


def distinct_values(events: QuerySet, field: str) -> list[str]:
    return list(events.order_by(field).values_list(field, flat=True).distinct())
