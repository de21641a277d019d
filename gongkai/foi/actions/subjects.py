"""事项领域 (subjects): the county list the openness office keeps, and the subject of each application."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.audit import services as audit

from ..errors import FoiError
from ..models import Subject
from .common import EventKind, event, lock, record, require_handle, require_manage, today


def set_subject(case, *, actor, subject: Subject | None):
    """Class the application under a subject of the county list (or clear it)."""
    if subject is not None and not subject.is_active:
        raise FoiError(f"事项领域“{subject.name}”已停用，请选择其他领域。", field="subject")
    with transaction.atomic():
        case = lock(case)
        require_handle(actor, case)
        before = case.subject.name if case.subject_id else ""
        after = subject.name if subject else ""
        if before == after:
            return case
        case.subject = subject
        case.save(update_fields=["subject", "updated"])
        event(case, EventKind.NOTE, today(), actor, f"事项领域：{before or '未分类'} → {after or '未分类'}")
        record(actor, "subject_set", case, before={"subject": before}, after={"subject": after})
    return case


def save_subject(subject: Subject | None, *, actor, name: str, sort_order: int = 100, is_active: bool = True):
    """Add (``subject=None``) or change an entry of the county list; the office's."""
    require_manage(actor)
    name = (name or "").strip()
    if not name:
        raise FoiError("请填写事项领域的名称，如“征地拆迁”。", field="name")
    with transaction.atomic():
        before = None
        if subject is None:
            subject = Subject(name=name, sort_order=sort_order, is_active=is_active)
        else:
            subject = Subject.objects.select_for_update().get(pk=subject.pk)
            before = {"name": subject.name, "sort_order": subject.sort_order, "is_active": subject.is_active}
            subject.name, subject.sort_order, subject.is_active = name, sort_order, is_active
        try:
            with transaction.atomic():
                subject.save()
        except IntegrityError as exc:
            raise FoiError(f"已有名为“{name}”的事项领域。", field="name") from exc
        audit.record(
            actor=actor,
            action="foi.subject_saved",
            obj=subject,
            before=before,
            after={"name": subject.name, "sort_order": subject.sort_order, "is_active": subject.is_active},
        )
    return subject
