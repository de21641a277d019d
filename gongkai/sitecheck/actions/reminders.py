"""Reminders (提醒) written by the scheduled job ``sitecheck.remind``, to the unit responsible: an item of the due
matrix due soon or overdue, a live new-media account two weeks without an update (the 19号 veto), a 僵尸号 decision
past the campaign's deadline. The same mechanism as messages' reminders: one row per key, so a second run writes
nothing; the key names the deadline (or the silence), so a unit is reminded once per deadline, not every day."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.core.sitecheck import due, newmedia

from .. import selectors
from ..models import Reminder, ZombieItem
from ..vocab import LIVE_STATES, CampaignState


def _remind(unit, key: str, text: str, url: str, known: set[str] | None = None) -> bool:
    key = key[:120]
    if known is not None and key in known:
        return False
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(unit=unit, key=key, text=text[:300], url=url)
            audit.record(
                actor=None,
                action="sitecheck.reminded",
                obj=reminder,
                unit=unit,
                after={"text": reminder.text},
            )
    except IntegrityError:
        return False
    return True


def remind(today: date | None = None) -> int:
    """Write today's reminders; returns how many were new (a second run the same day writes none)."""
    from django.conf import settings

    from ..models import NewMediaAccount

    today = today or timezone.localdate()
    soon_limit = calendar.add_working_days(today, settings.GONGKAI_SITECHECK_DUE_SOON_WORKDAYS).date
    matrix_url = reverse("sitecheck:matrix")
    # The keys written lately, read once: a second run skips them without trying (and failing) an insert each. An
    # older key not in this set still cannot be written twice: the unique key refuses it.
    recent_from = timezone.now() - timedelta(days=400)
    known = set(Reminder.objects.filter(created_at__gte=recent_from).values_list("key", flat=True))
    count = 0
    for cell in selectors.due_matrix(None, today=today).cells:
        unit, node = cell.unit, cell.rule.node
        if cell.status.overdue:
            count += _remind(
                unit,
                f"overdue-{unit.pk}-{node.pk}-{cell.status.overdue_since}",
                f"“{node.name}”应于{cell.status.overdue_since:%Y年%m月%d日}前公开，至今未发布，请尽快公开"
                f"（{cell.rule.rule.describe()}）。",
                f"{matrix_url}?only=overdue",
                known,
            )
        elif due.is_due_soon(
            cell.rule.rule,
            cell.status,
            last_published=cell.last_published,
            today=today,
            soon_limit=soon_limit,
        ):
            count += _remind(
                unit,
                f"soon-{unit.pk}-{node.pk}-{cell.status.next_due}",
                f"“{node.name}”应于{cell.status.next_due:%Y年%m月%d日}前公开（{cell.rule.rule.describe()}）。",
                matrix_url,
                known,
            )
    live = NewMediaAccount.objects.filter(state__in=LIVE_STATES).select_related("unit")
    for account in live:
        if newmedia.is_stale(account.last_update, today):
            since = f"{account.last_update:%Y年%m月%d日}" if account.last_update else "登记以来"
            count += _remind(
                account.unit,
                f"stale-{account.pk}-{account.last_update or 'never'}",
                f"政务新媒体“{account.name}”自{since}未更新，已超过2周（单项否决项），请更新或申请关停、注销。",
                reverse("sitecheck:account", args=[account.pk]),
                known,
            )
    late = ZombieItem.objects.filter(
        campaign__state=CampaignState.OPEN, campaign__deadline__lt=today, decision=""
    ).select_related("campaign", "account", "unit")
    for item in late:
        count += _remind(
            item.unit,
            f"zombie-{item.pk}-{today}",
            f"僵尸号清理“{item.campaign.title}”：账号“{item.account.name}”逾期未提出处置意见"
            f"（期限{item.campaign.deadline:%m月%d日}）。",
            reverse("sitecheck:campaign", args=[item.campaign_id]),
            known,
        )
    return count
