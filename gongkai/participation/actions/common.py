"""What participation's actions share: the audit record, refusals, locking, tracking codes."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import NoReturn

from gongkai.audit import services as audit

from .. import access
from ..errors import ParticipationError

EDITOR_POSTS = "信息编辑"
MANAGER_POSTS = "信息编辑、保密审查员、单位负责人"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I/L/O/U to misread
_CONFUSABLE = str.maketrans("OILU", "011V")


def refuse(actor, unit, posts: str = MANAGER_POSTS) -> NoReturn:
    raise ParticipationError(access.refusal(actor, unit, posts), code="forbidden")


def _json(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def record(actor, action: str, obj, unit=None, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"participation.{action}",
        obj=obj,
        unit=unit,
        before={k: _json(v) for k, v in before.items()} if before else None,
        after={k: _json(v) for k, v in after.items()} if after else None,
        reason=reason,
    )


def new_code(prefix: str, length: int = 10) -> str:
    """A random public code (查询码 / 确认码): ``prefix`` + base32 characters (50 bits for 10), not guessable."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return f"{prefix}-{raw[:4]}-{raw[4:8]}-{raw[8:]}" if length == 10 else f"{prefix}-{raw}"


def normalize_code(code: str) -> str:
    text = "".join((code or "").split()).upper().replace("－", "-").replace("—", "-")
    return text.translate(_CONFUSABLE)


def required_text(value: str, message: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ParticipationError(message, field=field)
    return value
