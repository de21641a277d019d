"""Reminders (提醒) written by the scheduled job: consultations closing soon, feedback due or overdue, decisions
stalled in one stage. Idempotent: one reminder per object, kind and day."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .. import access
from ..models import Consultation, Decision, Reminder
from .common import record

CLOSING_SOON_DAYS = 3


def _remind(unit, key: str, text: str, url: str, user=None) -> bool:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(unit=unit, user=user, key=key, text=text[:300], url=url)
            record(
                None,
                "reminded",
                reminder,
                unit=unit,
                after={"text": reminder.text, "user": user.pk if user is not None else None},
            )
    except IntegrityError:
        return False
    return True


def owner(consultation: Consultation):
    """Whom a consultation's reminders go to: the author of its draft while they may still handle it (active, a
    post in the unit), else nobody in particular (the unit's staff see it)."""
    author = consultation.publication.author
    if author is not None and author.is_active and access.can_handle_opinions(author, consultation):
        return author
    return None


def remind(today: date | None = None) -> int:
    """Write today's reminders: consultations closing within ``CLOSING_SOON_DAYS`` days, closed ones whose feedback
    is not published (due, or overdue), decisions stalled in one stage. Once per item and day."""
    today = today or timezone.localdate()
    count = 0
    open_ones = Consultation.objects.filter(
        publication__state="published",
        feedback_published_at__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=CLOSING_SOON_DAYS),
        starts_on__lte=today,
    ).select_related("unit", "publication__author")
    for c in open_ones:
        url = reverse("participation:consultation", args=[c.pk])
        count += _remind(
            c.unit,
            f"closing-{c.pk}-{today}",
            f"意见征集“{c.title}”将于{c.ends_on:%m月%d日}截止，截止后请逐条处理意见并公布采纳情况反馈",
            url,
            owner(c),
        )
    awaiting = Consultation.objects.filter(
        publication__state="published", feedback_published_at__isnull=True, ends_on__lt=today
    ).select_related("unit", "publication__author")
    for c in awaiting:
        url = reverse("participation:consultation", args=[c.pk])
        due = c.feedback_due
        if due and due < today:
            text = f"意见征集“{c.title}”的采纳情况反馈已逾期（应于{due:%m月%d日}前公布）"
        else:
            text = f"意见征集“{c.title}”已截止，请处理意见并于{due:%m月%d日}前公布反馈" if due else ""
        if text:
            count += _remind(c.unit, f"feedback-{c.pk}-{today}", text, url, owner(c))
    for d in stalled(today):
        url = reverse("participation:decision", args=[d.pk])
        count += _remind(
            d.unit,
            f"stalled-{d.pk}-{d.stage}-{today}",
            f"重大行政决策“{d.title}”在“{d.get_stage_display()}”阶段已停留超过"
            f"{settings.GONGKAI_PARTICIPATION_STALLED_DAYS}日",
            url,
        )
    return count


def stalled(today: date | None = None):
    """Decisions sitting in one stage (before 公布) longer than GONGKAI_PARTICIPATION_STALLED_DAYS."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=settings.GONGKAI_PARTICIPATION_STALLED_DAYS)
    return Decision.objects.filter(
        stage__in=["drafting", "consultation", "hearing", "legality"],
        stage_changed_on__lt=limit,
        withdrawn_reason="",
    ).select_related("unit", "catalog")
