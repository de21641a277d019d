"""Jobs through the real huey consumer: worker threads on a SQLite queue file, the test database (SQLite or
PostgreSQL) underneath — enqueue, wait for the run, check its effect, its retries, its progress."""

from datetime import timedelta

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.jobs import services
from gongkai.jobs.models import JobRun
from gongkai.jobs.vocab import Status, Trigger

from .fixtures import running_worker, wait_finished, wait_for


@pytest.mark.django_db(transaction=True)
def test_a_started_job_runs_in_the_worker_and_records_its_effect(settings, tmp_path, samples, people):
    with running_worker(settings, tmp_path):
        run = services.start(
            "jobs_test.record", actor=people.editor, params={"note": "季度检查"}, unit=people.unit
        )
        assert run.status == Status.QUEUED and run.task_id
        run = wait_finished(run.pk)

    assert run.status == Status.SUCCEEDED, run.error
    assert run.attempts == 1 and run.max_attempts == 1
    assert run.result == "已记录：季度检查" and run.result_url == "/work/audit/"
    assert run.started_at >= run.queued_at and run.finished_at >= run.started_at
    assert run.duration == run.finished_at - run.started_at
    assert run.trigger == Trigger.MANUAL and run.started_by == people.editor and run.unit == people.unit
    # The job's own state change, audited in the job's channel with the starter as actor.
    event = AuditEvent.objects.get(action="jobs_test.recorded")
    assert event.object_id == str(run.pk) and event.actor == people.editor and event.channel == "job"
    assert event.after == {"note": "季度检查"}
    # Starting it was audited too (who started what, from where).
    assert AuditEvent.objects.filter(action="jobs.started", object_id=str(run.pk)).count() == 1
    assert samples.calls == {"record": 1}


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_retried_with_backoff_then_shown_as_failed(
    settings, tmp_path, samples, people, client
):
    with running_worker(settings, tmp_path):
        run = services.start("jobs_test.always_fails", actor=None)
        run = wait_finished(run.pk)

    assert run.status == Status.FAILED
    assert run.attempts == 3 and run.max_attempts == 3  # one try and two retries, on the same run
    assert samples.attempts_seen == [1, 2, 3]
    # Exponential backoff: 0.5 s, then ×2 after each failed attempt (huey's retry_delay × retry_backoff).
    assert samples.delays == [0.5, 1.0, 2.0]
    assert run.error == "ValueError: 样例数据源不可用（连接被拒绝）"
    assert "Traceback" in run.traceback and "always_fails" in run.traceback
    assert run.finished_at is not None and run.next_retry_at is None

    client.force_login(people.office)
    page = client.get(reverse("jobs:index")).content.decode()
    assert "样例：总是失败" in page and "样例数据源不可用（连接被拒绝）" in page
    detail = client.get(run.get_absolute_url()).content.decode()
    assert "失败" in detail and "样例数据源不可用" in detail and "错误堆栈" in detail
    card = client.get(reverse("workspace:dashboard")).content.decode()
    assert "后台作业运行失败" in card and "样例：总是失败" in card and run.get_absolute_url() in card


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_waits_for_its_retry_as_retrying(settings, tmp_path, samples, people):
    with running_worker(settings, tmp_path):
        run = services.start("jobs_test.fails_then_waits", actor=None)
        run = wait_for(
            lambda: JobRun.objects.filter(pk=run.pk, status=Status.RETRYING).first(), "第一次失败后进入重试中"
        )
    assert run.attempts == 1 and run.max_attempts == 2
    assert run.error == "RuntimeError: 第一次尝试失败"
    assert run.finished_at is None
    # The retry is scheduled retry_delay (600 s) after the failure.
    assert timedelta(seconds=590) < run.next_retry_at - run.started_at < timedelta(seconds=700)
    assert samples.calls == {"fails_then_waits": 1}


@pytest.mark.django_db(transaction=True)
def test_progress_shows_on_the_run_page_while_the_job_runs(settings, tmp_path, samples, people, client):
    client.force_login(people.office)
    with running_worker(settings, tmp_path):
        run = services.start("jobs_test.waits", actor=people.office)
        wait_for(lambda: JobRun.objects.filter(pk=run.pk, progress_done=3).exists(), "进度 3/10 写入")

        page = client.get(run.get_absolute_url()).content.decode()
        assert "运行中" in page and 'value="30"' in page and "30%" in page and "3 / 10 条样例已处理" in page
        status = client.get(reverse("jobs:run_status", args=[run.pk])).content.decode()
        assert 'hx-trigger="every 1s"' in status  # the page keeps polling while the job runs

        samples.release.set()
        run = wait_finished(run.pk)

    assert run.status == Status.SUCCEEDED
    status = client.get(reverse("jobs:run_status", args=[run.pk])).content.decode()
    assert "100%" in status and "10 / 10" in status and "样例处理完成：10 条。" in status
    assert "hx-trigger" not in status  # finished: polling stops


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_drops_a_second_run_of_the_same_minute(settings, tmp_path, samples, people):
    """Two schedulers (two machines both running the periodic scheduler) enqueue the same minute: one run."""
    from datetime import datetime

    with running_worker(settings, tmp_path) as huey:
        # What the scheduler does each minute, twice, for 2026-09-30 08:30 Beijing time (00:30 UTC).
        moment = datetime(2026, 9, 30, 0, 30)
        first = [t for t in huey.read_periodic(moment) if t.name == "foi.remind@schedule"]
        second = [t for t in huey.read_periodic(moment) if t.name == "foi.remind@schedule"]
        assert first and second and first[0].id != second[0].id
        assert first[0].kwargs == {"slot": "2026-09-30T08:30"}
        huey.enqueue(first[0])
        huey.enqueue(second[0])
        wait_for(
            lambda: JobRun.objects.filter(job="foi.remind", status__in=["succeeded", "skipped"]).exists(),
            "定时运行结束",
        )
        # The second task has been taken by a worker too (the queue is empty and nothing runs any more).
        wait_for(lambda: huey.pending_count() == 0, "队列清空")

    runs = JobRun.objects.filter(job="foi.remind")
    assert runs.count() == 1
    assert runs.get().slot == "2026-09-30T08:30" and runs.get().trigger == Trigger.SCHEDULE
