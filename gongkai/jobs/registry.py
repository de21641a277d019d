"""The job registry (作业登记): each app declares its background jobs in its own ``jobs.py``.

    from gongkai.jobs.registry import JobResult, job

    @job("publishing.publish_due", label="定时发布", description="发布到达定时发布时间的已审查通过信息。",
         retries=3, retry_delay=30, timeout=300)
    def publish_due(ctx):
        done, refused = services.publish_due()
        return JobResult(f"发布 {len(done)} 条，拦截 {len(refused)} 条。")

A job receives a :class:`JobContext` (who started it, its parameters, ``ctx.progress(done, total, message)``) and
returns a :class:`JobResult`, a summary string, or ``None``. It changes state only through the app's services (which
audit) and must be idempotent: running it twice changes nothing more than running it once.

``gongkai.jobs`` finds the ``jobs.py`` modules itself (``AppConfig.ready``) and never imports a feature app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.roles import permissions

NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class JobResult:
    """What a run produced: a one-paragraph summary in Chinese and, optionally, the page that shows the detail."""

    summary: str = ""
    url: str = ""


def _sys_admin_only(user) -> bool:
    return permissions.is_sys_admin(user)


@dataclass(frozen=True)
class Job:
    """A declared job. ``retry_delay`` is in seconds, multiplied by ``retry_backoff`` after each failed attempt."""

    name: str
    label: str
    description: str
    func: Callable = field(repr=False)
    retries: int = 0
    retry_delay: float = 60
    retry_backoff: float = 2.0
    timeout: float | None = None
    reports_progress: bool = False
    access: Callable = field(default=_sys_admin_only, repr=False)
    working_days_only: bool = False

    def may_start(self, user) -> bool:
        """Who may start it by hand (``user=None`` is the system: commands, the scheduler)."""
        return user is None or bool(self.access(user))

    @property
    def app(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def anchor(self) -> str:
        """An HTML id for the job's row (``job-foi-remind``)."""
        return "job-" + self.name.replace(".", "-")


_jobs: dict[str, Job] = {}


def job(
    name: str,
    *,
    label: str,
    description: str,
    retries: int = 0,
    retry_delay: float = 60,
    retry_backoff: float = 2.0,
    timeout: float | None = None,
    progress: bool = False,
    access: Callable | None = None,
    working_days_only: bool = False,
) -> Callable:
    """Declare ``func(ctx)`` as the job ``name`` (``<app>.<verb>``). See the module docstring."""

    def decorator(func: Callable) -> Callable:
        register(
            Job(
                name=name,
                label=label,
                description=description,
                func=func,
                retries=retries,
                retry_delay=retry_delay,
                retry_backoff=retry_backoff,
                timeout=timeout,
                reports_progress=progress,
                access=access or _sys_admin_only,
                working_days_only=working_days_only,
            )
        )
        return func

    return decorator


def register(declared: Job) -> Job:
    if not NAME.match(declared.name):
        raise ValueError(f"作业名称“{declared.name}”应为“应用.动作”，如 publishing.publish_due。")
    if declared.retries < 0 or declared.retry_delay < 0 or declared.retry_backoff < 1:
        raise ValueError(f"作业 {declared.name} 的重试设置无效：次数和间隔不能为负，退避倍数不小于 1。")
    existing = _jobs.get(declared.name)
    if existing is not None and existing.func is not declared.func:
        raise ValueError(f"作业名称 {declared.name} 已被 {existing.func.__module__} 使用。")
    _jobs[declared.name] = declared
    return declared


def unregister(name: str) -> None:
    """Tests only: forget a job declared by the test module."""
    _jobs.pop(name, None)


def get(name: str) -> Job:
    try:
        return _jobs[name]
    except KeyError:
        raise LookupError(f"没有名为 {name} 的后台作业。") from None


def exists(name: str) -> bool:
    return name in _jobs


def all_jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: j.name)
