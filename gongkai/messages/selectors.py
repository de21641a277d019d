"""Reads of messages: the staff lists scoped to the user's units, the dashboard counts, the public reply list and
the writer's look-up. Public selectors (``public_*``, ``figures``) are what other apps may call."""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.roles import permissions

from . import access, codes
from .models import Channel, Message
from .vocab import OPEN_STATES, VALID_EXCLUDED, State, unanswered_cutoff


def channels(active_only: bool = True) -> QuerySet[Channel]:
    qs = Channel.objects.all()
    return qs.filter(active=True) if active_only else qs


def for_staff(user) -> QuerySet[Message]:
    """Messages the user may see: all for the office, the units' own otherwise (never unit B's for unit A)."""
    qs = Message.objects.select_related("channel", "unit")
    if access.is_office(user):
        return qs
    return permissions.scope(user, qs)


def get_for_staff(user, pk: int) -> Message:
    """One message the user may see; 404 otherwise (no existence leak)."""
    return permissions.get_scoped_or_404(user, for_staff(user), pk=pk)


def filtered(
    qs: QuerySet[Message],
    *,
    state: str = "",
    channel: Channel | None = None,
    unit=None,
    due: str = "",
    q: str = "",
    today: date | None = None,
) -> QuerySet[Message]:
    today = today or timezone.localdate()
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if channel is not None:
        qs = qs.filter(channel=channel)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if due == "overdue":
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=today)
    elif due == "soon":
        qs = qs.filter(state__in=OPEN_STATES, due_on__gte=today, due_on__lte=due_soon_limit(today))
    elif due == "stale":
        qs = qs.filter(state__in=OPEN_STATES, received_on__lt=unanswered_cutoff(today))
    if q:
        qs = qs.filter(Q(**{f"subject__{_contains(q)}": q}) | Q(tracking_code=q.strip().upper()))
    return qs


def _contains(q: str) -> str:
    """``icontains`` when the words have letters with a case, else ``contains`` (Chinese has no case: the plain
    LIKE skips an UPPER() of every row scanned)."""
    return "icontains" if any(ch.lower() != ch.upper() for ch in q) else "contains"


def due_soon_limit(today: date) -> date:
    from django.conf import settings

    return calendar.add_working_days(today, settings.GONGKAI_MESSAGES_DUE_SOON_WORKDAYS).date


def unanswered_too_long(qs: QuerySet[Message], today: date | None = None) -> QuerySet[Message]:
    """Valid messages unanswered for more than three months (国办秘函〔2019〕19号 单项否决)."""
    today = today or timezone.localdate()
    return qs.filter(state__in=OPEN_STATES, received_on__lt=unanswered_cutoff(today))


def dashboard(user, today: date | None = None) -> dict:
    """The counts of the office home and the messages page: open by unit, due soon, overdue, over three months,
    on-time rate, average reply time, satisfaction. One pass over the open messages for the counts."""
    today = today or timezone.localdate()
    qs = for_staff(user)
    open_qs = qs.filter(state__in=OPEN_STATES).order_by()
    # One pass over the open messages: the counts per unit, summed for the totals.
    names = ("open", "undispatched", "awaiting_approval", "overdue", "due_soon", "stale")
    by_unit = list(
        open_qs.values("unit_id", "unit__name")
        .annotate(
            n=Count("id"),
            undispatched=Count("id", filter=Q(state=State.RECEIVED)),
            awaiting_approval=Count("id", filter=Q(state=State.DRAFTED)),
            overdue=Count("id", filter=Q(due_on__lt=today)),
            due_soon=Count("id", filter=Q(due_on__gte=today, due_on__lte=due_soon_limit(today))),
            stale=Count("id", filter=Q(received_on__lt=unanswered_cutoff(today))),
        )
        .order_by("-n", "unit__name")
    )
    counts = {name: sum(row["n" if name == "open" else name] for row in by_unit) for name in names}
    return {**counts, "by_unit": by_unit, **_cached_figures(user, qs, today)}


def _cached_figures(user, qs: QuerySet[Message], today: date) -> dict:
    """The history figures of the dashboard, kept ``GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS`` per scope of units
    (the office's whole county, or a unit user's own units)."""
    from django.conf import settings
    from django.core.cache import cache

    seconds = settings.GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return figures(qs=qs)
    ids = None if access.is_office(user) else permissions.unit_ids(user)
    scope = "all" if ids is None else ",".join(map(str, sorted(ids)))
    key = f"messages:figures:{today}:{scope}"
    found = cache.get(key)
    if found is None:
        found = figures(qs=qs)
        cache.set(key, found, seconds)
    return found


def figures(
    *, qs: QuerySet[Message] | None = None, unit=None, start: date | None = None, end: date | None = None
) -> dict:
    """Valid messages received in the period, and of those replied in the period: how many, how many on time, the
    average reply time in days, satisfaction. One aggregate query."""
    qs = Message.objects.all() if qs is None else qs
    if unit is not None:
        qs = qs.filter(unit=unit)
    qs = qs.exclude(state__in=VALID_EXCLUDED).order_by()
    received = Q()
    if start:
        received &= Q(received_on__gte=start)
    if end:
        received &= Q(received_on__lte=end)
    replied = Q(state=State.REPLIED)
    if start:
        replied &= Q(replied_on__gte=start)
    if end:
        replied &= Q(replied_on__lte=end)
    span = ExpressionWrapper(F("replied_on") - F("received_on"), output_field=DurationField())
    agg = qs.aggregate(
        received=Count("id", filter=received) if received else Count("id"),
        n=Count("id", filter=replied),
        on_time=Count("id", filter=replied & Q(replied_on__lte=F("due_on"))),
        rated=Count("id", filter=replied & ~Q(rating="")),
        satisfied=Count("id", filter=replied & Q(rating__in=["satisfied", "fairly"])),
        # The average in the database (one row back, not every replied message).
        avg=Avg(span, filter=replied),
    )
    avg_days = round(agg["avg"].total_seconds() / 86400, 1) if agg["avg"] is not None else None
    return {
        "received": agg["received"],
        "replied": agg["n"],
        "on_time": agg["on_time"],
        "on_time_rate": round(100 * agg["on_time"] / agg["n"], 1) if agg["n"] else None,
        "avg_days": avg_days,
        "rated": agg["rated"],
        "satisfaction": round(100 * agg["satisfied"] / agg["rated"], 1) if agg["rated"] else None,
    }


# --- public ---------------------------------------------------------------------------------------------------
def public_messages(*, channel: Channel | None = None, q: str = "") -> QuerySet[Message]:
    """The portal's reply list: published, never a private one (the writer's request wins over any other flag)."""
    qs = Message.objects.filter(published_at__isnull=False, wants_private=False).select_related(
        "channel", "unit"
    )
    if channel is not None:
        qs = qs.filter(channel=channel)
    if q:
        lookup = _contains(q)
        qs = qs.filter(
            Q(**{f"public_subject__{lookup}": q})
            | Q(**{f"public_body__{lookup}": q})
            | Q(**{f"public_reply__{lookup}": q})
        )
    return qs.order_by("-published_at", "-id").only(
        "id", "channel__name", "unit__name", "public_subject", "received_on", "replied_on", "published_at"
    )


def public_page(qs: QuerySet[Message], number, per_page: int = 20):
    """A page of the portal's list: the page's ids first (the partial index alone, cheap even deep in the list),
    then those rows with their channel and unit."""
    from django.core.paginator import Paginator

    page = Paginator(qs.values_list("id", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = {m.pk: m for m in qs.model.objects.filter(pk__in=ids).select_related("channel", "unit")}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


def public_get(pk: int) -> Message | None:
    return public_messages().defer(None).filter(pk=pk).first()


def lookup(tracking_code: str, verification_code: str) -> Message | None:
    """The writer's own message, by tracking code and verification code (both needed)."""
    code = codes.normalize(tracking_code)
    if not code:
        return None
    message = Message.objects.select_related("channel", "unit").filter(tracking_code=code).first()
    if message is None or not codes.check_verification(verification_code, message.verification_hash):
        return None
    return message


def by_tracking_code(user, code: str) -> Message | None:
    """A message the user may see, by its tracking code (the office's merge form)."""
    norm = codes.normalize(code)
    return for_staff(user).filter(tracking_code=norm).first() if norm else None


def adoption_counts(*, unit=None, start: date | None = None, end: date | None = None) -> dict:
    """Suggestions (建言献策 and any message marked with an adoption) replied in the period, by adoption:
    采纳 / 部分采纳 / 未采纳, and the adoption rate (采纳 + 部分采纳) / marked. Feeds the participation and annual-report
    figures through ``gongkai.common.figures``."""
    from .vocab import Adoption

    qs = Message.objects.filter(state=State.REPLIED).exclude(adoption="")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if start:
        qs = qs.filter(replied_on__gte=start)
    if end:
        qs = qs.filter(replied_on__lte=end)
    agg = qs.aggregate(
        adopted=Count("id", filter=Q(adoption=Adoption.ADOPTED)),
        partly=Count("id", filter=Q(adoption=Adoption.PARTLY)),
        not_adopted=Count("id", filter=Q(adoption=Adoption.NOT_ADOPTED)),
    )
    marked = agg["adopted"] + agg["partly"] + agg["not_adopted"]
    taken = agg["adopted"] + agg["partly"]
    return {**agg, "marked": marked, "rate": round(100 * taken / marked, 1) if marked else None}
