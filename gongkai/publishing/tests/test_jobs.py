"""Publishing's jobs (gongkai.jobs): scheduled publication through the real worker, the rescan started from its page.

Service call sites here follow publishing's service signatures; the helpers come from test_workflow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.jobs import services as jobs
from gongkai.jobs.models import JobRun
from gongkai.jobs.tests.fixtures import running_worker, wait_finished
from gongkai.jobs.vocab import Status, Trigger
from gongkai.publishing import services
from gongkai.publishing.models import Publication, ScanRun
from gongkai.publishing.vocab import State

from .test_workflow import approve, draft


def published(w, title):
    pub = draft(w, title=title)
    approve(w, pub)
    return services.publish(pub, actor=w.editor)


@pytest.mark.django_db(transaction=True)
def test_the_worker_publishes_items_whose_time_has_come_and_a_second_run_changes_nothing(
    settings, tmp_path, world
):
    pub = draft(world)
    approve(world, pub)
    # Scheduled for a minute ago (as after the server was down at the scheduled time).
    Publication.objects.filter(pk=pub.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    with running_worker(settings, tmp_path):
        first = wait_finished(jobs.start("publishing.publish_due", actor=None, trigger=Trigger.MANUAL).pk)
        second = wait_finished(jobs.start("publishing.publish_due", actor=None, trigger=Trigger.MANUAL).pk)

    assert first.status == Status.SUCCEEDED and first.result == "发布 1 条，拦截 0 条。"
    pub.refresh_from_db()
    assert pub.state == State.PUBLISHED and pub.scheduled_at is None
    event = AuditEvent.objects.get(action="publishing.publish", object_id=str(pub.pk))
    assert event.actor is None and event.channel == "job"
    assert second.status == Status.SUCCEEDED and second.result == "发布 0 条，拦截 0 条。"
    assert AuditEvent.objects.filter(action="publishing.publish").count() == 1


@pytest.mark.django_db
def test_the_rescan_page_starts_a_job_that_reports_progress_and_links_its_report(
    client, world, django_capture_on_commit_callbacks
):
    for n in range(3):
        published(world, f"城关镇2026年第{n + 1}批补贴发放公示")
    client.force_login(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:rescan"))
    run = JobRun.objects.get(job="publishing.rescan_published")
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert run.trigger == Trigger.ACTION and run.started_by == world.office
    run.refresh_from_db()
    scan = ScanRun.objects.get(trigger="rescan_all")
    assert run.status == Status.SUCCEEDED
    assert (run.progress_done, run.progress_total) == (3, 3)
    assert run.result == f"扫描 3 条已发布信息，新增发现 {scan.new_findings} 处。"
    assert run.result_url == reverse("publishing:rescan_report", args=[scan.pk])
    page = client.get(run.get_absolute_url()).content.decode()
    assert "已发布信息全面复查" in page and "100%" in page and run.result_url in page
    assert client.get(run.result_url).status_code == 200
    # The rescan is audited as the office's action, from the job.
    assert AuditEvent.objects.get(action="publishing.rescan_published").actor == world.office
    # A unit editor may neither start it nor read the office's run.
    client.force_login(world.editor)
    assert client.post(reverse("publishing:rescan")).status_code == 403
    assert client.get(run.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_reindex_is_a_job_with_progress(world, django_capture_on_commit_callbacks):
    published(world, "城关镇低保名单公示")
    run = jobs.run_inline("publishing.reindex", actor=None)
    assert run.status == Status.SUCCEEDED and run.result == "已重建检索索引：1 条已发布信息。"
    assert (run.progress_done, run.progress_total, run.progress_message) == (1, 1, "条已发布信息已编入索引")
