"""Importing a holiday notice recomputes the stored 公开时限 of published items (the calendar's recompute hook)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar_services
from gongkai.calendar.tests.fixtures import NOTICE_2027
from gongkai.publishing import services
from gongkai.publishing.models import Publication

from .test_workflow import approve, draft


@pytest.mark.django_db
def test_a_provisional_publish_deadline_is_recomputed_after_the_import(world):
    calendar_services.seed_from_package()
    pub = draft(world, formed_date=date(2026, 12, 4))
    approve(world, pub)
    services.publish(pub, actor=world.editor, now=datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    pub = Publication.objects.get(pk=pub.pk)
    # 12月4日 + 20 working days: 元旦 2027 counted off before the notice → 2027-01-04, provisional.
    assert (pub.publish_deadline, pub.deadline_provisional) == (date(2027, 1, 4), True)

    preview = calendar_services.import_notice(NOTICE_2027, actor=None)

    pub.refresh_from_db()
    assert (pub.publish_deadline, pub.deadline_provisional) == (date(2027, 1, 4), False)
    event = AuditEvent.objects.get(action="publishing.timeliness_recomputed")
    assert event.before["deadline_provisional"] is True and event.after["deadline_provisional"] is False
    assert next(r for r in preview.recomputed if r.app == "publishing").changed == 1
