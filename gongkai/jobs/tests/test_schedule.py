"""The schedule table is complete and correct: every periodic command is scheduled, every entry names a registered
job, the times are Beijing time, and working-days-only jobs skip the statutory holidays of the real 2026 calendar."""

from datetime import datetime
from importlib import import_module

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.jobs import queue, registry, schedule
from gongkai.jobs.models import JobRun
from gongkai.jobs.vocab import Status, Trigger

# The commands README told operators to put in a crontab before the job system existed.
FORMERLY_CRON = {"publish_due", "foi remind", "foi purge-files", "policies refresh", "policies alerts"}


def _gongkai_commands():
    for name, app in get_commands().items():
        if app.startswith("gongkai."):
            yield name, load_command_class(app, name)


def _subcommands(name, command) -> set[str]:
    parser = command.create_parser("gongkai", name)
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            return {f"{name} {sub}" for sub in action.choices}
    return {name}


def test_every_periodic_command_names_a_scheduled_registered_job():
    marked = {}
    for name, command in _gongkai_commands():
        periodic = getattr(command, "periodic_jobs", None)
        if periodic is None:
            continue
        for invocation, job_name in periodic.items():
            assert invocation in _subcommands(name, command), f"{invocation} 不是 gongkai {name} 的子命令"
            marked[invocation] = job_name
    assert set(marked) >= FORMERLY_CRON, f"未标明定时作业的周期命令：{FORMERLY_CRON - set(marked)}"
    scheduled = {entry.job for entry in schedule.SCHEDULE}
    for invocation, job_name in marked.items():
        assert registry.exists(job_name), f"gongkai {invocation} 标明的作业 {job_name} 没有登记"
        assert job_name in scheduled, (
            f"gongkai {invocation}（{job_name}）不在 gongkai/jobs/schedule.py 的定时表中"
        )


def test_every_scheduled_entry_is_a_registered_job_once():
    names = [entry.job for entry in schedule.SCHEDULE]
    assert len(names) == len(set(names)), "定时表中有重复的作业"
    for entry in schedule.SCHEDULE:
        assert registry.exists(entry.job), entry.job
        assert entry.description
        entry.cron(datetime(2026, 1, 1))  # a valid crontab (strict)


def test_each_declared_job_lives_in_its_apps_jobs_module():
    for job in registry.all_jobs():
        if job.name.startswith("jobs_test."):
            continue
        module = import_module(f"gongkai.{job.app}.jobs")
        assert job.func.__module__ == module.__name__, job.name


def test_schedule_in_words():
    words = {e.job: schedule.in_words(e, registry.get(e.job).working_days_only) for e in schedule.SCHEDULE}
    assert words["publishing.publish_due"] == "每 5 分钟"
    assert words["foi.remind"] == "每个工作日 08:30（周末和法定节假日跳过）"
    assert words["foi.purge_files"] == "每天 02:30"
    assert words["policies.refresh"] == "每天 00:20"
    assert words["policies.alerts"] == "每个工作日 08:40（周末和法定节假日跳过）"


def test_periodic_tasks_fire_at_beijing_time_with_their_slot():
    huey = queue.build(immediate=True)
    # huey hands the scheduler naive UTC times; 00:30 UTC is 08:30 in Beijing.
    due = {t.name: t.kwargs for t in huey.read_periodic(datetime(2026, 9, 30, 0, 30))}
    assert due == {
        "foi.remind@schedule": {"slot": "2026-09-30T08:30"},
        "publishing.publish_due@schedule": {"slot": "2026-09-30T08:30"},
        "sitecheck.probe@schedule": {"slot": "2026-09-30T08:30"},  # every half hour
    }
    assert {t.name for t in huey.read_periodic(datetime(2026, 9, 29, 18, 30))} == {
        "foi.purge_files@schedule",  # 02:30 Beijing
        "publishing.publish_due@schedule",
        "sitecheck.probe@schedule",
    }
    assert {t.name for t in huey.read_periodic(datetime(2026, 9, 30, 0, 31))} == set()


@pytest.fixture
def calendar_2026(db):
    calendar.seed_from_package(years=[2026])


def test_next_run_skips_the_national_day_holiday(calendar_2026):
    tz = timezone.get_default_timezone()
    remind = schedule.entry_for("foi.remind")
    after = timezone.make_aware(datetime(2026, 9, 30, 9, 0), tz)
    assert schedule.next_run(remind, after, is_workday=calendar.is_workday) == timezone.make_aware(
        datetime(2026, 10, 8, 8, 30), tz
    )
    # Without the working-day rule it is simply tomorrow morning.
    assert schedule.next_run(remind, after) == timezone.make_aware(datetime(2026, 10, 1, 8, 30), tz)
    publish = schedule.entry_for("publishing.publish_due")
    assert schedule.next_run(publish, timezone.make_aware(datetime(2026, 10, 1, 12, 3, 20), tz)) == (
        timezone.make_aware(datetime(2026, 10, 1, 12, 5), tz)
    )


def test_a_working_days_only_job_is_skipped_on_a_holiday(calendar_2026, samples):
    huey = queue.get_huey()  # immediate mode: the scheduler's task runs at enqueue

    def scheduled(utc: datetime):
        """What the scheduler enqueues for a job due at ``utc`` (naive UTC, as huey passes it)."""
        slot = schedule.slot_of(utc)
        huey.enqueue(queue.task_for(huey, "jobs_test.weekday").s(slot=slot))
        return JobRun.objects.get(slot=slot, job="jobs_test.weekday")

    holiday = scheduled(datetime(2026, 10, 1, 0, 30))  # 2026-10-01 08:30 Beijing: 国庆节
    assert holiday.status == Status.SKIPPED and holiday.trigger == Trigger.SCHEDULE
    assert holiday.result == "2026-10-01 不是工作日（国庆节），按规定跳过，下一个工作日再运行。"
    assert samples.calls == {}

    makeup = scheduled(datetime(2026, 10, 10, 0, 30))  # Saturday 2026-10-10: a make-up working day
    assert makeup.status == Status.SUCCEEDED and makeup.result == "工作日样例已运行。"
    assert samples.calls == {"weekday": 1}

    weekend = scheduled(datetime(2026, 10, 11, 0, 30))  # an ordinary Sunday
    assert weekend.status == Status.SKIPPED and "（周末）" in weekend.result
