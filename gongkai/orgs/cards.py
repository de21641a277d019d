"""Dashboard card (我的待办) for a unit leader: the roles granted in the unit lately, by whom.

Every grant is an audit event (``membership.add``); the leader of the grantee's unit sees each one here for
``GRANT_CARD_DAYS`` days, so a role given without the unit's knowledge (a legal adviser who countersigns, an editor
who publishes) does not go unnoticed.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.roles import Role
from gongkai.workspace.registry import Card

from .access import SYS_ADMIN_GRANTED_ROLES

GRANT_CARD_DAYS = 30
ROLE_LABELS = dict(Role.choices)


def granted_roles_cards(user, now=None) -> list[Card]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    led = list(user.memberships.filter(role=Role.LEADER).values_list("unit_id", flat=True))
    if not led:
        return []
    since = (now or timezone.now()) - timedelta(days=GRANT_CARD_DAYS)
    events = list(
        AuditEvent.objects.filter(action="membership.add", unit_id__in=led, time__gte=since).order_by(
            "-time"
        )[:50]
    )
    if not events:
        return []
    items, sensitive = [], False
    for event in events:
        after = event.after or {}
        role = after.get("role", "")
        sensitive = sensitive or role in SYS_ADMIN_GRANTED_ROLES
        when = timezone.localtime(event.time).strftime("%m-%d %H:%M")
        label = (
            f"{when} {event.actor_name or '系统'} 为 {after.get('user', '')} 分配"
            f"“{ROLE_LABELS.get(role, role)}”岗位（{event.unit_name}）"
        )
        url = reverse("orgs:unit_staff", args=[event.unit_id]) if event.unit_id else ""
        items.append((label, url))
    return [
        Card(
            title=f"本单位近{GRANT_CARD_DAYS}天分配的岗位",
            count=len(events),
            url=items[0][1],
            hint="每次分配岗位都记入审计日志；如有您不知情的分配，请联系政务公开办或系统管理员。",
            tone="warn" if sensitive else "normal",
            items=items[:10],
        )
    ]
