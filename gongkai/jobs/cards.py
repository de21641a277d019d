"""Dashboard card (我的待办): jobs whose latest run failed after all its retries, for the office and sysadmins."""

from django.urls import reverse
from django.utils import timezone

from gongkai.workspace.registry import Card

from . import access, selectors


def failed_job_cards(user) -> list[Card]:
    if not getattr(user, "is_authenticated", False) or not access.can_view_jobs(user):
        return []
    failed = selectors.failing()
    if not failed:
        return []
    items = [
        (
            f"{selectors.label_of(run.job)}：{timezone.localtime(run.finished_at):%m-%d %H:%M} {run.error[:60]}",
            run.get_absolute_url(),
        )
        for run in failed
    ]
    return [
        Card(
            "后台作业运行失败",
            len(failed),
            reverse("jobs:index"),
            "重试后仍然失败；请查看错误原因，处理后在作业页面重新运行。",
            "danger",
            items,
        )
    ]
