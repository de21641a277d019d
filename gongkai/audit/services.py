"""Writing and verifying the audit log. ``record`` is called by every service that changes state; the log's own
actions (an export, a chain check from the web) are recorded here too."""

import ipaddress
import json
import math
from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from gongkai.common import pagecache

from . import access, chain, guard
from .context import current
from .errors import AuditError
from .models import AuditChainHead, AuditEvent


def _portable_float(value: float):
    # PostgreSQL's jsonb keeps numbers as numeric: 1e+16 comes back as the int 10000000000000000 and -0.0 as 0.0,
    # so store such floats in the form every backend returns. NaN and infinities are not JSON at all.
    if not math.isfinite(value):
        raise AuditError(f"审计记录中的数值 {value!r} 不是有限数，无法保存。")
    if value == 0:
        return 0.0
    if value.is_integer() and abs(value) >= 1e16:
        return int(value)
    return value


def _portable(value):
    if isinstance(value, float):
        return _portable_float(value)
    if isinstance(value, dict):
        return {key: _portable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_portable(item) for item in value]
    return value


def _json_safe(value):
    # Round-trip through JSON so what is hashed is exactly what the database gives back.
    return None if value is None else _portable(json.loads(chain.canonical(value)))


def _clean_ip(ip: str | None) -> str | None:
    # Only a valid address is stored: PostgreSQL's inet column would reject anything else (a proxy header saying
    # "unknown") and abort the business transaction; IPv6 in the compressed form both backends return.
    try:
        address = ipaddress.ip_address((ip or "").strip().split("%")[0])
    except ValueError:
        return None
    if address.version == 6:
        # Django's form ("::ffff:1.2.3.4" unpacked to "1.2.3.4"), not the one of this Python version.
        return clean_ipv6_address(str(address), unpack_ipv4=True)
    return str(address)


def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    unit=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event. Must run inside the caller's transaction so the change and its event commit together."""
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    ctx = current()
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            # Stored at microsecond precision in UTC on every backend, so the hash input is stable.
            time=timezone.now().astimezone(UTC),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=(getattr(actor, "display_name", "") or str(actor or "系统"))[:150],
            unit=unit,
            unit_name=(unit.name if unit else "")[:100],
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:300],
            before=_json_safe(before),
            after=_json_safe(after),
            reason=reason,
            client_ip=_clean_ip(ctx.client_ip),
            channel=ctx.channel,
            prev_hash=head.last_hash,
        )
        event.hash = chain.link_hash(head.last_hash, chain.event_fields(event))
        event.save()
        head.last_hash = event.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    # Every state change passes here: the one place the portal page cache learns that a page may have changed.
    pagecache.note_action(action)
    return event


def diff(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys that changed, for compact before → after records."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after.get(key) for key in keys}


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    problem: str = ""


def verify(batch: int = 2000) -> VerifyResult:
    """Walk the chain in id order; name the first event whose content or link does not match."""
    prev = chain.GENESIS
    checked = 0
    last_id = 0
    while True:
        events = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not events:
            break
        for event in events:
            if event.prev_hash != prev:
                return VerifyResult(
                    False, checked, event.id, "与前一事件的链接不符（前面的事件被删除或改动）"
                )
            expected = chain.link_hash(prev, chain.event_fields(event))
            if expected != event.hash:
                return VerifyResult(False, checked, event.id, "事件内容与其哈希不符（内容被改动）")
            prev = event.hash
            checked += 1
            last_id = event.id
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        return VerifyResult(False, checked, None, "链头记录缺失（链头被删除，最新的事件可能随之被删除）")
    if head and (head.last_hash != prev or head.count != checked):
        return VerifyResult(False, checked, None, "链尾与记录不符（最新的事件被删除）")
    return VerifyResult(True, checked)


@transaction.atomic
def record_export(*, actor, fmt: str, count: int, up_to_id: int | None, filters: dict) -> AuditEvent:
    """Record an export of the log (导出审计日志): who exported how many events, up to which one, with what filters."""
    if not access.can_export(actor):
        raise AuditError("审计日志仅供政务公开办管理员、系统管理员和单位负责人导出。", code="forbidden")
    return record(
        actor=actor,
        action="audit.export",
        object_type="audit.auditevent",
        object_repr=f"导出 {count} 条审计事件（{fmt.upper()}）",
        after={"format": fmt, "count": count, "up_to_id": up_to_id, "filters": filters},
    )


@dataclass
class ChainCheck:
    """The chain check run from the web: the walk's result and the protective triggers found missing."""

    result: VerifyResult
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.missing


def check_chain(*, actor) -> ChainCheck:
    """Walk the chain and look for the database triggers (校验哈希链), and record that the check was run."""
    if not access.can_verify(actor):
        raise AuditError("只有系统管理员可以校验哈希链。", code="forbidden")
    check = ChainCheck(verify(), sorted(guard.missing_triggers(connection)))
    with transaction.atomic():
        record(
            actor=actor,
            action="audit.verify",
            object_type="audit.auditevent",
            object_repr="哈希链校验通过" if check.ok else "哈希链校验发现问题",
            after={
                "ok": check.result.ok,
                "checked": check.result.checked,
                "first_broken_id": check.result.first_broken_id,
                "problem": check.result.problem,
                "missing_triggers": check.missing,
            },
        )
    return check
