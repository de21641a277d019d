"""The jobs pages: who sees what, "立即运行", the run page, the dashboard card, the stale-queue warning."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.jobs import registry, services
from gongkai.jobs.models import JobRun
from gongkai.jobs.vocab import Status, Trigger


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_office_sees_every_job_with_its_schedule_but_no_run_button(client, people):
    client.force_login(people.office)
    page = _page(client, reverse("jobs:index"))
    for job in registry.all_jobs():
        assert job.label in page and job.name in page
    assert "每 5 分钟" in page and "每个工作日 08:30（周末和法定节假日跳过）" in page and "每天 02:30" in page
    assert "不定时：由页面操作或“立即运行”发起" in page  # the rescan and the reindex
    assert "尚未运行" in page
    assert "立即运行</button>" not in page
    assert 'href="/work/jobs/"' in page  # the workspace navigation offers the page


def test_a_sysadmin_runs_a_job_now_and_lands_on_its_run(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.sysadmin)
    page = _page(client, reverse("jobs:index"))
    assert page.count("立即运行</button>") == len(
        [j for j in registry.all_jobs() if j.may_start(people.sysadmin)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:start", args=["publishing.publish_due"]))
    run = JobRun.objects.get(job="publishing.publish_due")
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert (
        run.status == Status.SUCCEEDED and run.trigger == Trigger.MANUAL and run.started_by == people.sysadmin
    )
    assert run.result == "发布 0 条，拦截 0 条。"
    page = _page(client, run.get_absolute_url())
    assert "定时发布" in page and "成功" in page and "发布 0 条，拦截 0 条。" in page
    assert "hx-trigger" not in page
    index = _page(client, reverse("jobs:index"))
    assert "发布 0 条，拦截 0 条。" in index


def test_the_office_may_not_run_jobs_now_and_unit_staff_may_not_see_them(client, people):
    client.force_login(people.office)
    assert client.post(reverse("jobs:start", args=["publishing.publish_due"])).status_code == 403
    client.force_login(people.editor)
    assert client.get(reverse("jobs:index")).status_code == 403
    assert client.post(reverse("jobs:start", args=["publishing.publish_due"])).status_code == 403
    client.force_login(people.sysadmin)
    assert client.post(reverse("jobs:start", args=["no.such_job"])).status_code == 404
    assert client.get(reverse("jobs:start", args=["publishing.publish_due"])).status_code == 405
    assert not JobRun.objects.exists()


def test_a_run_is_visible_to_its_starter_and_the_office_only(
    client, people, samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start(
            "jobs_test.record", actor=people.editor, params={"note": "本单位"}, unit=people.unit
        )
    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED
    client.force_login(people.editor)
    page = _page(client, run.get_absolute_url())
    assert "样例：记录一条审计事件" in page and "已记录：本单位" in page and "查看详细结果" in page
    assert "错误堆栈" not in page
    other = services.start("jobs_test.record", actor=people.office)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("jobs:run_status", args=[other.pk])).status_code == 404
    client.force_login(people.office)
    assert _page(client, run.get_absolute_url())


def test_a_queued_run_polls_and_a_stale_queue_is_flagged(client, people):
    run = JobRun.objects.create(job="publishing.reindex", trigger=Trigger.MANUAL, started_by=people.sysadmin)
    client.force_login(people.sysadmin)
    status = _page(client, reverse("jobs:run_status", args=[run.pk]))
    assert "排队中" in status and 'hx-trigger="every 1s"' in status and "等待后台任务进程开始处理" in status
    assert "排队已超过" not in _page(client, reverse("jobs:index"))
    JobRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - timedelta(minutes=11))
    assert "有 1 个作业排队已超过 10 分钟仍未开始" in _page(client, reverse("jobs:index"))


def test_the_dashboard_card_lists_jobs_whose_latest_run_failed(client, people):
    now = timezone.now()
    failed = JobRun.objects.create(
        job="foi.remind",
        trigger=Trigger.SCHEDULE,
        status=Status.FAILED,
        attempts=4,
        max_attempts=4,
        error="OperationalError: database is locked",
        finished_at=now - timedelta(hours=1),
    )
    client.force_login(people.editor)
    assert "后台作业运行失败" not in _page(client, reverse("workspace:dashboard"))
    client.force_login(people.office)
    card = _page(client, reverse("workspace:dashboard"))
    assert "后台作业运行失败" in card and "答复期限提醒" in card and "database is locked" in card
    assert failed.get_absolute_url() in card
    # A later success of the same job clears it; a skipped run (holiday) does not.
    JobRun.objects.create(job="foi.remind", trigger=Trigger.SCHEDULE, status=Status.SKIPPED, finished_at=now)
    assert "后台作业运行失败" in _page(client, reverse("workspace:dashboard"))
    JobRun.objects.create(
        job="foi.remind", trigger=Trigger.SCHEDULE, status=Status.SUCCEEDED, finished_at=now
    )
    assert "后台作业运行失败" not in _page(client, reverse("workspace:dashboard"))


@pytest.mark.parametrize(("seconds", "text"), [(3.24, "3.2 秒"), (125, "2 分 5 秒"), (3725, "1 小时 2 分")])
def test_duration_in_words(seconds, text):
    assert JobRun(duration=timedelta(seconds=seconds)).duration_text == text
