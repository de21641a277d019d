"""Who may see and start background jobs (后台作业) — one function per rule; ``user=None`` is the system.

- the jobs page and every run: the openness office (政务公开办) and system administrators;
- one run: also whoever started it (a rescan started from publishing's page, say);
- starting a job by hand: what the job declares (``access=`` in its ``jobs.py``, system administrators by default);
  the "立即运行" buttons of the jobs page are for system administrators only.
"""

from gongkai.roles import permissions

from .models import JobRun
from .registry import Job


def can_view_jobs(user) -> bool:
    return user is None or permissions.is_office_admin(user)


def can_start(user, job: Job) -> bool:
    return job.may_start(user)


def can_run_now(user, job: Job) -> bool:
    """The jobs page's "立即运行": a system administrator, and only a job they may start."""
    return user is None or (permissions.is_sys_admin(user) and job.may_start(user))


def can_view_run(user, run: JobRun) -> bool:
    if can_view_jobs(user):
        return True
    return run.started_by_id is not None and run.started_by_id == getattr(user, "pk", None)
