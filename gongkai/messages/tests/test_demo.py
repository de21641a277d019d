"""The demo shows messages in every state the issue lists, through the services, and a second run adds nothing."""

import io

import pytest
from django.utils import timezone

from gongkai.messages import demo, selectors
from gongkai.messages.models import Extension, HotlineImport, Message, WorkOrder
from gongkai.messages.vocab import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())


def test_demo_every_state_and_runs_twice(county):
    demo.load(io.StringIO())
    today = timezone.localdate()
    assert Message.objects.filter(work_order__isnull=True).count() == 80
    states = set(Message.objects.values_list("state", flat=True))
    assert states == set(State.values)
    all_msgs = Message.objects.filter(work_order__isnull=True)
    assert selectors.unanswered_too_long(all_msgs, today).count() == 1
    assert all_msgs.filter(state__in=["dispatched"], due_on__lt=today).exists()  # overdue
    assert (
        Extension.objects.filter(state="approved").exists()
        and Extension.objects.filter(state="pending").exists()
    )
    assert all_msgs.filter(wants_private=True, state=State.REPLIED).exists()
    assert not selectors.public_messages().filter(wants_private=True).exists()
    assert selectors.public_messages().count() >= 20
    _hotline_shown()
    assert all_msgs.exclude(rating="").values("rating").distinct().count() == 3
    assert all_msgs.exclude(follow_up="").exists()
    assert all_msgs.exclude(adoption="").values("adoption").distinct().count() == 3
    published = selectors.public_messages().defer(None)
    assert not any("13800" in m.public_body for m in published)
    figures = selectors.figures()
    assert figures["on_time_rate"] is not None and 0 < figures["on_time_rate"] < 100
    demo.load(io.StringIO())
    assert Message.objects.count() == 280 and WorkOrder.objects.count() == 200
    assert HotlineImport.objects.count() == 2


def _hotline_shown():
    first, again = HotlineImport.objects.order_by("id")
    assert (first.created, first.updated, first.unchanged, first.refused) == (200, 0, 0, 0)
    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 20, 180, 0)
    assert WorkOrder.objects.count() == 200
    orders = WorkOrder.objects.select_related("message")
    assert {o.message.channel.code for o in orders} == {"hotline"}
    assert orders.filter(message__unit__isnull=True).exists()  # 县城市管理局: left for dispatch
    assert orders.filter(message__unit__short_name="县教科体局").exists()  # alias 县教体局
    assert orders.filter(message__state=State.REPLIED).exclude(message__rating="").exists()
