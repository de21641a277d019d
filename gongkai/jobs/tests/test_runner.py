"""The runner in-process (immediate mode): results, failures, progress throttling, the inline command path."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.jobs import runner, services
from gongkai.jobs.models import JobRun
from gongkai.jobs.registry import Job
from gongkai.jobs.runner import JobContext
from gongkai.jobs.vocab import Status


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_is_written_at_most_every_half_second_never_per_item(db):
    run = JobRun.objects.create(job="publishing.reindex", trigger="manual")
    clock = FakeClock()
    ctx = JobContext(run=run, job=Job("x.y", "样例", "", func=lambda ctx: None), clock=clock)
    with CaptureQueriesContext(connection) as queries:
        for done in range(1, 101):  # 100 items, 0.125 s apart: 12.4 s in all
            ctx.progress(done, 100, "条")
            clock.now += 0.125
    # The first report, then one every 0.5 s (4 items): 25 writes for 100 items.
    assert ctx.writes == 25
    assert len([q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]) == 25
    run.refresh_from_db()
    assert (run.progress_done, run.progress_total, run.progress_message) == (97, 100, "条")
    clock.now = 12.0 + 0.125  # item 97 was stored at 12.0 s
    ctx.progress(100, 100)  # 0.125 s after the last write: not stored …
    run.refresh_from_db()
    assert run.progress_done == 97
    runner._finish(run, Status.SUCCEEDED, result="完成", ctx=ctx)  # … until the run finishes
    run.refresh_from_db()
    assert (run.progress_done, run.percent) == (100, 100)


def test_a_failure_in_immediate_mode_is_final_and_recorded(
    samples, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start("jobs_test.always_fails", actor=people.sysadmin)
    run.refresh_from_db()
    assert run.status == Status.FAILED and run.attempts == 1 and run.max_attempts == 1
    assert run.error == "ValueError: 样例数据源不可用（连接被拒绝）"


def test_a_run_is_not_repeated_once_finished(samples, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start("jobs_test.record", actor=people.office)
    assert runner.execute("jobs_test.record", run_id=run.pk) is None  # a duplicate delivery does nothing
    assert samples.calls == {"record": 1}


def test_starting_an_unknown_or_forbidden_job_is_refused(people):
    from gongkai.jobs.errors import JobError

    with pytest.raises(JobError, match="没有名为 no.such_job 的后台作业"):
        services.start("no.such_job", actor=people.sysadmin)
    with pytest.raises(JobError, match="您没有发起“重建全文检索索引”的权限"):
        services.start("publishing.reindex", actor=people.office)
    assert not JobRun.objects.exists()


def test_the_command_lists_and_runs_jobs(people, capsys):
    call_command("jobs", "list")
    out = capsys.readouterr().out
    assert (
        "policies.refresh　更新政策文件有效性" in out
        and "运行时间：每天 00:20" in out
        and "最近：尚未运行" in out
    )
    call_command("jobs", "run", "policies.refresh")
    out = capsys.readouterr().out
    run = JobRun.objects.get(job="policies.refresh")
    assert out.startswith(f"成功（运行记录 #{run.pk}") and "份发生变化" in out
    assert run.started_by is None and run.trigger == "manual"
    with pytest.raises(CommandError, match="没有名为 no.such 的作业"):
        call_command("jobs", "run", "no.such")
    with pytest.raises(CommandError, match="GONGKAI_JOBS_IMMEDIATE 已开启"):
        call_command("jobs", "worker")


def test_a_failing_job_run_from_the_command_reports_its_error(samples, db):
    with pytest.raises(CommandError, match="作业失败（运行记录 #\\d+）：ValueError: 样例数据源不可用"):
        call_command("jobs", "run", "jobs_test.always_fails")


def test_a_queued_run_of_a_job_no_longer_declared_fails_with_a_reason(db):
    run = JobRun.objects.create(job="old.removed_job", trigger="manual")
    with pytest.raises(LookupError):
        runner.execute("old.removed_job", run_id=run.pk)
    run.refresh_from_db()
    assert (
        run.status == Status.FAILED and run.error == "没有名为 old.removed_job 的后台作业。（作业已不存在）"
    )
