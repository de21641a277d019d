"""How staff of another unit are treated on every jobs URL (see tests/test_permissions_sweep.py)."""

from tests.access import Rule


def _run(ctx):
    def make():
        from django.utils import timezone

        from gongkai.jobs.models import JobRun

        # Unit B's run, failed with the private marker in its error: neither its page nor the dashboard card
        # may show it to unit A.
        return JobRun.objects.create(
            job="publishing.rescan_published",
            trigger="action",
            status="failed",
            started_by=ctx.user_b,
            unit=ctx.unit_b,
            error=ctx.marker,
            result=ctx.marker,
            finished_at=timezone.now(),
        )

    return ctx.once("jobs_run", make)


def setup(ctx):
    _run(ctx)


RULES = {
    "jobs:index": Rule("office_only"),
    "jobs:run": Rule("other_unit", lambda ctx: {"pk": _run(ctx).pk}),
    "jobs:run_status": Rule("other_unit", lambda ctx: {"pk": _run(ctx).pk}),
    "jobs:start": Rule("sys_admin_only", lambda ctx: {"name": "publishing.publish_due"}),
}
