"""Dashboard cards (我的待办) for applications: my open cases, due soon, overdue, awaiting countersign,
extensions awaiting approval, unread notifications."""

from django.urls import reverse

from gongkai.workspace.registry import Card

from . import access, deadlines
from .models import Extension, InfoRequest, Notification, Reply


def foi_cards(user) -> list[Card]:
    if not access.has_foi_work(user):
        return []
    base = reverse("foi:list")
    open_qs = access.scope(user, InfoRequest.objects.filter(state__in=InfoRequest.OPEN_STATES))
    today = deadlines.today()
    cards = []
    if access.handles_cases(user):
        mine = open_qs.filter(officer=user)
        cards.append(Card("我经办的申请", mine.count(), f"{base}?mine=1", hint="未答复的政府信息公开申请"))
        new = open_qs.filter(state=InfoRequest.State.NEW).count()
        if new:
            cards.append(Card("待分办的申请", new, f"{base}?state=new", tone="warn"))
        running = open_qs.filter(clock_running=True, due_date__isnull=False)
        soon = running.filter(due_date__gte=today, due_date__lte=deadlines.soon_cutoff(today)).count()
        overdue = running.filter(due_date__lt=today).count()
        cards.append(Card("临近答复期限", soon, f"{base}?due=due_soon", tone="warn" if soon else "normal"))
        cards.append(
            Card("已超过答复期限", overdue, f"{base}?due=overdue", tone="danger" if overdue else "normal")
        )
    units = access.countersign_unit_ids(user)
    if units:
        waiting = Reply.objects.filter(status=Reply.Status.COUNTERSIGN, request__unit__in=units).count()
        cards.append(
            Card(
                "待法律审核的答复", waiting, f"{base}?state=countersign", tone="warn" if waiting else "normal"
            )
        )
    if access.approves_extensions(user):
        # Only requests of open cases wait for a decision; each one links to its case (where it is decided).
        pending = access.scope(
            user,
            Extension.objects.filter(
                status=Extension.Status.REQUESTED, request__state__in=InfoRequest.OPEN_STATES
            ),
            "request__unit",
        ).select_related("request")
        requested = pending.count()
        if requested:
            cards.append(
                Card(
                    "待审批的延期申请",
                    requested,
                    f"{base}?extension=requested",
                    tone="warn",
                    items=[
                        (
                            f"{extension.request.serial} 延期{extension.days}个工作日",
                            reverse("foi:case", args=[extension.request_id]) + "#rec-h",
                        )
                        for extension in pending.order_by("requested_on", "pk")[:5]
                    ],
                )
            )
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if unread:
        cards.append(Card("依申请公开提醒", unread, reverse("foi:notifications"), tone="warn"))
    return cards
