"""The huey instance behind the jobs (one per process), built from the ``GONGKAI_JOBS_*`` settings.

- ``sqlite`` (default): a SQLite file of its own (``VAR_DIR/jobs.sqlite3``): no extra service, and the queue never
  takes the application database's write lock;
- ``redis``: ``GONGKAI_JOBS_URL`` or ``REDIS_URL``; ``postgres``: ``GONGKAI_JOBS_URL`` or ``DATABASE_URL`` (huey's
  own tables, LISTEN/NOTIFY): for workers on several machines.

Every registered job becomes a huey task named after it; every entry of ``schedule.SCHEDULE`` becomes a periodic
task. Both run through ``runner.execute``, which records the ``JobRun``. In immediate mode
(``GONGKAI_JOBS_IMMEDIATE``, the test suite) huey runs a task at enqueue, in-process, on in-memory storage.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from huey import Huey
from huey.api import TaskWrapper
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage

from . import registry, schedule

BACKENDS = ("sqlite", "redis", "postgres")


class JobsHuey(Huey):
    """huey with one addition: a periodic task carries the minute it was scheduled for (``slot``), so that two
    schedulers enqueueing the same minute produce one run (the runner drops the second, see ``JobRun.slot``)."""

    def read_periodic(self, timestamp):
        if timestamp is None:
            timestamp = self._get_timestamp()
        tasks = super().read_periodic(timestamp)
        slot = schedule.slot_of(timestamp)
        for task in tasks:
            task.kwargs = {"slot": slot}
        return tasks


def storage_options(backend: str | None = None) -> tuple[type, dict]:
    """The huey storage class and its arguments for a backend name (the setting when not given)."""
    backend = backend or settings.GONGKAI_JOBS_BACKEND
    if backend == "sqlite":
        path = Path(settings.GONGKAI_JOBS_SQLITE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteStorage, {"filename": str(path)}
    if backend == "redis":
        if not settings.GONGKAI_JOBS_URL:
            raise ImproperlyConfigured(
                "GONGKAI_JOBS_BACKEND=redis 需要 GONGKAI_JOBS_URL 或 REDIS_URL（如 redis://127.0.0.1:6379/2）。"
            )
        return RedisStorage, {"url": settings.GONGKAI_JOBS_URL}
    if backend == "postgres":
        if not settings.GONGKAI_JOBS_URL:
            raise ImproperlyConfigured(
                "GONGKAI_JOBS_BACKEND=postgres 需要 GONGKAI_JOBS_URL 或 PostgreSQL 的 DATABASE_URL。"
            )
        return PostgresStorage, {"dsn": settings.GONGKAI_JOBS_URL, "table_prefix": "gongkai_jobs"}
    raise ImproperlyConfigured(f"GONGKAI_JOBS_BACKEND 只能是 {'、'.join(BACKENDS)}（收到：{backend!r}）。")


def build(backend: str | None = None, *, immediate: bool = False, name: str | None = None, **storage) -> Huey:
    """A huey instance with every registered job and every scheduled entry bound to it."""
    if immediate:
        # huey runs tasks at enqueue on in-memory storage: nothing is created on disk or on a server.
        storage_class, options = MemoryStorage, {}
    else:
        storage_class, options = storage_options(backend)
    options.update(storage)
    huey = JobsHuey(
        name or settings.GONGKAI_JOBS_QUEUE,
        results=False,  # the JobRun row is the result
        utc=True,
        immediate=immediate,
        storage_class=storage_class,
        **options,
    )
    # Each worker thread has its own database connections: close them when it stops (a test database can then be
    # dropped, a PostgreSQL server sees no idle connection left behind).
    huey.on_shutdown("gongkai_close_db")(connections.close_all)
    # The same for the queue's own connections (PostgreSQL: the thread's LISTEN connection).
    huey.on_shutdown("gongkai_close_queue")(huey.storage.close)
    bind(huey)
    return huey


def _runner(job_name: str, huey: Huey):
    def run(run_id: int | None = None, slot: str = "", task=None):
        from . import runner

        return runner.execute(job_name, run_id=run_id, slot=slot, task=task, in_worker=not huey.immediate)

    run.__name__ = job_name.replace(".", "__")
    run.__qualname__ = run.__name__
    return run


def _bound(huey: Huey) -> dict[str, TaskWrapper]:
    if not hasattr(huey, "gongkai_tasks"):
        huey.gongkai_tasks = {}
    return huey.gongkai_tasks


def bind(huey: Huey) -> None:
    """Register every job (and every schedule entry) on ``huey``; safe to call again after new declarations."""
    bound = _bound(huey)
    for declared in registry.all_jobs():
        if declared.name not in bound:
            bound[declared.name] = huey.task(
                name=declared.name,
                context=True,
                retries=declared.retries,
                retry_delay=declared.retry_delay,
                retry_backoff=declared.retry_backoff,
                timeout=declared.timeout,
            )(_runner(declared.name, huey))
    for entry in schedule.SCHEDULE:
        key = f"{entry.job}@schedule"
        if key in bound:
            continue
        if not registry.exists(entry.job):
            raise ImproperlyConfigured(
                f"定时作业表（gongkai/jobs/schedule.py）列出的 {entry.job} 没有在任何 jobs.py 中声明。"
            )
        declared = registry.get(entry.job)
        bound[key] = huey.periodic_task(
            lambda ts, entry=entry: schedule.is_due(entry, ts),
            name=key,
            context=True,
            retries=declared.retries,
            retry_delay=declared.retry_delay,
            retry_backoff=declared.retry_backoff,
            timeout=declared.timeout,
        )(_runner(entry.job, huey))


def task_for(huey: Huey, job_name: str) -> TaskWrapper:
    bound = _bound(huey)
    if job_name not in bound:
        bind(huey)
    return bound[job_name]


_current: Huey | None = None
_lock = threading.Lock()


def get_huey() -> Huey:
    """This process's huey (built on first use; rebuilt when ``GONGKAI_JOBS_IMMEDIATE`` changes, as in tests)."""
    global _current
    with _lock:
        immediate = settings.GONGKAI_JOBS_IMMEDIATE
        if _current is None or _current.immediate != immediate:
            _current = build(immediate=immediate)
        return _current


def install(huey: Huey | None) -> Huey | None:
    """Make ``huey`` this process's instance (tests run a consumer on a temporary SQLite file); returns the old one."""
    global _current
    with _lock:
        previous, _current = _current, huey
    if huey is not None:
        bind(huey)
    return previous
