"""Publication and after (发布与发布后管理): scheduling, publishing with the 索引号 and the timeliness figures,
withdrawal, archiving, review-by and expiry dates, 有效性."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.core.errors import ServiceError
from gongkai.orgs.models import Unit

from .. import access, extensions, search, selectors
from ..errors import PublishBlocked, PublishingError
from ..models import IndexCounter, Publication
from ..vocab import DisclosureMode, ScanTrigger, State, Validity
from .common import jsonable, lock, record, refuse, transition
from .scanning import require_scan_done, run_scan

# After publication an item comes up for review (定期清理过时、失效内容) after this many days unless set.
DEFAULT_REVIEW_DAYS = 365


def unit_index_prefix(unit: Unit) -> str:
    """The unit code of its 索引号: the configured prefix, else the organisation code in the credit code."""
    if unit.index_prefix:
        return unit.index_prefix
    if unit.credit_code and len(unit.credit_code) == 18:
        return unit.credit_code[8:17]
    return f"{unit.pk:06d}"


def _assign_index_number(pub: Publication, when: datetime) -> None:
    """索引号 ``<unit code>/<year>-<00001>``: assigned once; the counter only grows, so none is ever reused."""
    if pub.index_number:
        return
    year = timezone.localtime(when).year
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(unit=pub.unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    pub.index_year, pub.index_seq = year, counter.last
    pub.index_number = f"{unit_index_prefix(pub.unit)}/{year}-{counter.last:05d}"


def timeliness(start: date | None, published: date) -> dict:
    """The 20-working-day rule (条例第二十六条) for an item formed/changed on ``start`` and published on
    ``published``; the deadline is :func:`gongkai.publishing.selectors.publish_deadline`."""
    due = selectors.publish_deadline(start)
    if start is None or due is None:  # no date, no deadline
        return {
            "publish_deadline": None,
            "deadline_provisional": False,
            "working_days_taken": None,
            "is_late": False,
        }
    taken = calendar.count_working_days(start, published)
    return {
        "publish_deadline": due.date,
        "deadline_provisional": due.provisional or taken.provisional,
        "working_days_taken": max(taken.count, 0),
        "is_late": published > due.date,
    }


def schedule(publication: Publication, *, actor, when: datetime | None) -> Publication:
    """Set (or clear) the time an approved item goes public by itself (定时发布)."""
    if not access.can_publish(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员")
    if when is not None and when <= timezone.now():
        raise PublishingError("定时发布时间须晚于现在；如需立即发布请点击“发布”。", field="scheduled_at")
    with transaction.atomic():
        pub = lock(publication)
        if pub.state in (State.PUBLISHED, State.WITHDRAWN, State.ARCHIVED):
            raise PublishingError("只有尚未发布的信息才能设置定时发布。")
        before = {"scheduled_at": pub.scheduled_at}
        pub.scheduled_at = when
        pub.save(update_fields=["scheduled_at", "updated_at"])
        record(actor, "schedule", pub, before, {"scheduled_at": when})
    return pub


def publish(publication: Publication, *, actor, now: datetime | None = None) -> Publication:
    """Publish an approved item: scan again, refuse on an unresolved high finding, assign the 索引号, compute
    timeliness, put it on the portal and in the search index."""
    if not access.can_publish(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员")
    at = now or timezone.now()
    pub = Publication.objects.select_related("unit").get(pk=publication.pk)
    if pub.state != State.APPROVED:
        raise PublishingError(f"只有审查通过的信息才能发布（当前状态：{pub.get_state_display()}）。")
    if pub.disclosure_mode != DisclosureMode.ACTIVE:
        raise PublishingError(
            f"该信息的公开属性为“{pub.get_disclosure_mode_display()}”，不在网站主动公开；如属认定有误，请退回修改公开属性。"
        )
    # The scan is kept even when publication is refused: the findings must be visible to fix them.
    # The refusal is audited too, so it is recorded before raising.
    require_scan_done(pub, "发布")
    with transaction.atomic():
        locked = lock(pub)
        run_scan(locked, actor=actor, trigger=ScanTrigger.PUBLISH)
        blocking = list(locked.blocking_findings())
        if blocking:
            record(
                actor,
                "publish_blocked",
                locked,
                after={"findings": [f"{f.kind} {f.location}" for f in blocking]},
            )
    if blocking:
        raise PublishBlocked(blocking)
    with transaction.atomic():
        pub = lock(pub)
        if pub.state != State.APPROVED:
            raise PublishingError("该信息状态已变化，请刷新后重试。")
        blocking = list(pub.blocking_findings())
        if blocking:
            raise PublishBlocked(blocking)
        _assign_index_number(pub, at)
        fields = timeliness(pub.start_date, timezone.localdate(at))
        review_by = pub.review_by or (timezone.localdate(at) + timedelta(days=DEFAULT_REVIEW_DAYS))
        if not pub.validity and pub.doc_number:
            pub.validity = Validity.VALID
        transition(
            actor,
            pub,
            "publish",
            State.PUBLISHED,
            published_at=at,
            scheduled_at=None,
            review_by=review_by,
            index_number=pub.index_number,
            **fields,
        )
        search.index_publication(pub)
        selectors.public_changed()
    return pub


def publish_due(*, now: datetime | None = None) -> tuple[list[Publication], list[tuple[Publication, str]]]:
    """Publish approved items whose scheduled time has come (``gongkai publish_due``, run by a timer)."""
    at = now or timezone.now()
    done, refused = [], []
    for pub in Publication.objects.filter(state=State.APPROVED, scheduled_at__lte=at).select_related("unit"):
        try:
            done.append(publish(pub, actor=None, now=at))
        except ServiceError as exc:  # a refusal of an app built on publishing counts too
            refused.append((pub, str(exc)))
    return done, refused


def withdraw(publication: Publication, *, actor, reason: str) -> Publication:
    """Take a published item off the site (撤回). The record, its 索引号 and its history stay."""
    if not access.can_withdraw(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员、单位负责人")
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError("请填写撤回原因。", field="reason")
    with transaction.atomic():
        pub = lock(publication)
        if pub.state not in (State.PUBLISHED, State.APPROVED):
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能撤回。")
        transition(
            actor,
            pub,
            "withdraw",
            State.WITHDRAWN,
            reason,
            withdrawn_at=timezone.now(),
            withdraw_reason=reason,
        )
        search.remove_publication(pub)
        selectors.public_changed()
    return pub


def archive(publication: Publication, *, actor, reason: str = "") -> Publication:
    """Move an outdated published item out of the current columns (定期清理): off the portal, kept on file."""
    if not access.can_archive(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员、单位负责人")
    with transaction.atomic():
        pub = lock(publication)
        if pub.state != State.PUBLISHED:
            raise PublishingError("只有已发布的信息才能归档。")
        transition(actor, pub, "archive", State.ARCHIVED, reason, archived_at=timezone.now())
        search.remove_publication(pub)
        selectors.public_changed()
    return pub


def update_lifecycle(
    publication: Publication,
    *,
    actor,
    review_by: date | None,
    expires_on: date | None,
    validity: str,
    reason: str = "",
) -> Publication:
    """Post-publication management: review-by date, expiry date and 有效性."""
    if not access.can_manage_lifecycle(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员、单位负责人")
    if validity and validity not in Validity.values:
        raise PublishingError("有效性取值不正确。", field="validity")
    with transaction.atomic():
        pub = lock(publication)
        owner = extensions.validity_owner(pub)
        if owner and validity != pub.validity:
            raise PublishingError(owner, field="validity")
        before = {"review_by": pub.review_by, "expires_on": pub.expires_on, "validity": pub.validity}
        pub.review_by, pub.expires_on, pub.validity = review_by, expires_on, validity
        pub.save(update_fields=["review_by", "expires_on", "validity", "updated_at"])
        b, a = audit.diff(
            jsonable(before),
            jsonable({"review_by": review_by, "expires_on": expires_on, "validity": validity}),
        )
        if a:
            record(actor, "lifecycle", pub, b, a, reason)
    return pub


def confirm_current(publication: Publication, *, actor, next_review: date | None = None) -> Publication:
    """Cleanup queue: the item was checked and is still current; it comes back on ``next_review``."""
    next_review = next_review or (timezone.localdate() + timedelta(days=DEFAULT_REVIEW_DAYS))
    return update_lifecycle(
        publication,
        actor=actor,
        review_by=next_review,
        expires_on=publication.expires_on,
        validity=publication.validity,
        reason="复核确认仍然有效",
    )


def recompute_timeliness(years: set[int], *, actor=None) -> list[str]:
    """The "recompute after calendar change" hook (``gongkai.calendar.recompute``): the stored 公开时限 of
    published items whose 20 working days touch ``years`` follow the new holiday table; one audit event per
    item that changed (``publishing.timeliness_recomputed``)."""
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    candidates = Publication.objects.filter(publish_deadline__isnull=False).filter(
        Q(deadline_provisional=True)
        | Q(publish_deadline__gte=first, publish_deadline__lte=last + timedelta(days=62))
    )
    lines = []
    for pk in candidates.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            pub = lock(Publication(pk=pk))
            if pub.published_at is None or pub.start_date is None:
                continue
            fields = timeliness(pub.start_date, timezone.localdate(pub.published_at))
            before = {name: getattr(pub, name) for name in fields}
            if before == fields:
                continue
            Publication.objects.filter(pk=pk).update(**fields)
            record(
                actor,
                "timeliness_recomputed",
                pub,
                before=before,
                after=fields,
                reason="节假日安排变更后重新计算",
            )
        lines.append(f"{pub.title}：公开时限{before['publish_deadline']}→{fields['publish_deadline']}")
    return lines
