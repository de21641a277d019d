from gongkai.audit.models import AuditEvent
from tests.access import Rule


def _unit_b_event(ctx) -> dict:
    return {"pk": AuditEvent.objects.filter(unit=ctx.unit_b).values_list("pk", flat=True).first()}


RULES = {
    # Unit A's leader reads unit A's events only: the list and the export must not show unit B's marker.
    "audit:list": Rule("any_staff"),
    "audit:export": Rule("any_staff", lambda ctx: {"fmt": "csv"}),
    "audit:detail": Rule("other_unit", _unit_b_event),
    "audit:verify": Rule("sys_admin_only"),
}
