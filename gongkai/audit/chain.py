"""Hash-chain arithmetic for audit events (no database access here)."""

import hashlib
import json

GENESIS = "0" * 64


def canonical(fields: dict) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_fields(event) -> dict:
    """The content the hash covers: everything except the hashes themselves and the surrogate keys of FKs."""
    return {
        "time": event.time.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "unit_id": event.unit_id,
        "unit_name": event.unit_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "client_ip": event.client_ip,
        "channel": event.channel,
    }


def link_hash(prev_hash: str, fields: dict) -> str:
    return hashlib.sha256((prev_hash + "|" + canonical(fields)).encode()).hexdigest()
