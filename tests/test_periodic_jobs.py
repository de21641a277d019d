"""Every scheduled job runs end to end through the job runner, and running it twice changes nothing more."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.calendar import services as calendar
from gongkai.jobs import schedule, services
from gongkai.jobs.vocab import Status


@pytest.mark.django_db
@pytest.mark.parametrize("name", [entry.job for entry in schedule.SCHEDULE])
def test_each_scheduled_job_runs_and_a_second_run_changes_nothing(name):
    calendar.seed_from_package(years=[2026])
    first = services.run_inline(name, actor=None)
    assert first.status == Status.SUCCEEDED, first.error
    assert first.result
    events = set(AuditEvent.objects.exclude(action="jobs.started").values_list("pk", flat=True))
    second = services.run_inline(name, actor=None)
    assert second.status == Status.SUCCEEDED, second.error
    assert set(AuditEvent.objects.exclude(action="jobs.started").values_list("pk", flat=True)) == events
