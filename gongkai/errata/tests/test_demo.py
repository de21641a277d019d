"""The demo shows 10 找错 reports in every state, through the services, and a second run adds nothing."""

import io

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.errata import demo, selectors
from gongkai.errata.models import ErrorReport
from gongkai.errata.vocab import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())


def test_demo_every_state_and_runs_twice(county):
    demo.load(io.StringIO())
    assert ErrorReport.objects.count() == 10
    assert set(ErrorReport.objects.values_list("state", flat=True)) == set(State.values)
    assert ErrorReport.objects.filter(unit__isnull=False).count() >= 5  # routed to the units owning the pages
    assert selectors.dashboard(None)["overdue"] >= 2
    returned = AuditEvent.objects.filter(action="errata.returned").count()
    assert returned == 1
    events = AuditEvent.objects.count()
    demo.load(io.StringIO())
    assert ErrorReport.objects.count() == 10 and AuditEvent.objects.count() == events
