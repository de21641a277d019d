"""What every publishing action shares: the clock, the row lock, the audit record, the state transition and the
refusal for a missing post."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import NoReturn

from django.utils import timezone

from gongkai.audit import services as audit

from .. import access, extensions
from ..errors import PublishingError
from ..models import Publication


def now() -> datetime:
    return timezone.now()


def refuse(actor, unit, posts: str) -> NoReturn:
    """Refuse an action the actor's posts do not allow (``access.refusal`` says why)."""
    raise PublishingError(access.refusal(actor, unit, posts), code="forbidden")


def lock(pub: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("unit", "author").get(pk=pub.pk)


def snapshot(pub: Publication) -> dict:
    return {
        "state": pub.state,
        "title": pub.title,
        "doc_number": pub.doc_number,
        "topic": pub.topic,
        "publisher": pub.publisher,
        "formed_date": pub.formed_date,
        "changed_date": pub.changed_date,
        "disclosure_mode": pub.disclosure_mode,
        "withheld_ground": pub.withheld_ground,
        "validity": pub.validity,
        "index_number": pub.index_number,
        "scheduled_at": pub.scheduled_at,
        "published_at": pub.published_at,
        "review_by": pub.review_by,
        "expires_on": pub.expires_on,
        "nodes": sorted(pub.nodes.values_list("id", flat=True)) if pub.pk else [],
        "body_sha256": hashlib.sha256(pub.body.encode()).hexdigest()[:16],
    }


def jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in data.items()}


def record(actor, action: str, pub: Publication, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"publishing.{action}",
        obj=pub,
        unit=pub.unit,
        before=jsonable(before) if before else None,
        after=jsonable(after) if after else None,
        reason=reason,
    )


def transition(
    actor, pub: Publication, action: str, new_state: str, reason: str = "", **fields
) -> Publication:
    before = {"state": pub.state}
    pub.state = new_state
    for key, value in fields.items():
        setattr(pub, key, value)
    pub.save()
    record(actor, action, pub, before, {"state": new_state, **{k: fields[k] for k in fields}}, reason)
    extensions.state_changed(pub, action)
    return pub


def user_or_none(actor):
    """The actor as a stored user (``None`` for the system)."""
    return actor if getattr(actor, "pk", None) else None


def require_files_open(actor, pub: Publication) -> None:
    """Attachments and masking: refused once the item is withdrawn or archived, and to those without the post."""
    if not (pub.is_editable or pub.state in access.FILES_OPEN_STATES):
        raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能再修改附件。")
    if not access.can_change_files(actor, pub):
        refuse(actor, pub.unit, "信息编辑" if pub.is_editable else "信息编辑、保密审查员")
