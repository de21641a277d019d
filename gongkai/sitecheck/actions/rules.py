"""Structured 公开时限 on catalogue items and the events that start an 'N working days' clock."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core.sitecheck import due
from gongkai.orgs.models import Unit, UnitKind
from gongkai.publishing.models import CatalogNode

from .. import access
from ..errors import SitecheckError
from ..models import DisclosureEvent, NodeRule


def _rule_dict(rule: NodeRule | None) -> dict:
    if rule is None:
        return {}
    return {
        "kind": rule.kind,
        "n_days": rule.n_days,
        "month": rule.month,
        "day": rule.day,
        "unit_kinds": list(rule.unit_kinds),
        "statutory": rule.statutory,
    }


@transaction.atomic
def set_rule(
    node: CatalogNode,
    *,
    actor,
    kind: str,
    n_days: int = 0,
    month: int = 0,
    day: int = 0,
    unit_kinds: list[str] | None = None,
    statutory: bool = False,
    basis: str = "",
) -> NodeRule:
    """Give a catalogue item its structured 公开时限 (or change it)."""
    if not access.can_set_rules(actor):
        raise SitecheckError("只有政务公开办可以设置公开目录的公开时限规则。", code="forbidden")
    try:
        due.DueRule(kind, n_days, month, day).check()
    except due.RuleError as exc:
        raise SitecheckError(str(exc), field="kind") from exc
    kinds = list(dict.fromkeys(unit_kinds or []))
    unknown = [k for k in kinds if k not in UnitKind.values]
    if unknown:
        raise SitecheckError(f"未知的单位类型：{'、'.join(unknown)}。", field="unit_kinds")
    current = NodeRule.objects.select_for_update().filter(node=node).first()
    before = _rule_dict(current)
    rule = current or NodeRule(node=node)
    rule.kind, rule.n_days, rule.month, rule.day = kind, n_days, month, day
    rule.unit_kinds, rule.statutory, rule.basis = kinds, statutory, basis.strip()
    rule.save()
    after = _rule_dict(rule)
    if before != after:
        audit.record(actor=actor, action="sitecheck.rule_set", obj=node, before=before, after=after)
    return rule


@transaction.atomic
def record_event(
    unit: Unit, node: CatalogNode, *, actor, occurred_on: date, note: str = ""
) -> DisclosureEvent:
    """Record that information under an 'N working days' item was formed or changed on ``occurred_on``."""
    if not access.can_record_event(actor, unit):
        raise SitecheckError("只有本单位的信息编辑可以登记公开事件。", code="forbidden")
    rule = NodeRule.objects.filter(node=node).first()
    if rule is None or rule.kind != due.EVENT:
        raise SitecheckError("该公开事项不是“事件发生后N个工作日内”类时限，无需登记事件。", field="node")
    if not node.applies_to_unit(unit):
        raise SitecheckError("该公开事项不属于本单位的公开目录。", field="node")
    if occurred_on > timezone.localdate():
        raise SitecheckError("形成或变更日期不能晚于今天。", field="occurred_on")
    event = DisclosureEvent.objects.create(
        unit=unit, node=node, occurred_on=occurred_on, note=note.strip()[:200], created_by=actor
    )
    audit.record(
        actor=actor,
        action="sitecheck.event_recorded",
        obj=event,
        unit=unit,
        after={"node": node.name, "occurred_on": occurred_on.isoformat()},
    )
    return event
