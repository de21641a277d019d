"""Running the real huey consumer inside a test: worker threads on a SQLite queue file in a temporary directory,
against the test database (use with ``transactional_db`` so the workers see committed rows).

On PostgreSQL the workers open their own connections to the test database, as a worker process would. An in-memory
SQLite test database cannot be opened twice without table-lock errors, so there the workers use the test thread's
connection, exactly as Django's ``live_server`` does for the same reason, and a single worker thread (two
threads' transactions cannot share one connection).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import connections

from gongkai.jobs import queue
from gongkai.jobs.models import JobRun

WAIT_LIMIT = 90  # seconds: a run that takes longer has hung (the test then fails with the run's state)


@contextmanager
def running_worker(
    settings,
    tmp_path,
    *,
    workers: int = 2,
    periodic: bool = False,
    live_server: bool = False,
    backend: str = "sqlite",
):
    """``live_server=True``: on in-memory SQLite, requests of the live server wait while a task runs (and the
    reverse), since both use the one shared connection; on PostgreSQL nothing is serialised.
    ``backend``: the queue's storage (``redis`` and ``postgres`` use ``settings.GONGKAI_JOBS_URL``)."""
    settings.GONGKAI_JOBS_IMMEDIATE = False
    name = f"test-{uuid.uuid4().hex[:8]}"
    if backend == "sqlite":
        huey = queue.build("sqlite", filename=str(tmp_path / "jobs.sqlite3"), name=name)
    else:
        huey = queue.build(backend, name=name)
    main = connections["default"]  # this thread's wrapper itself (``django.db.connection`` is only a proxy)
    shared = main if main.vendor == "sqlite" and main.is_in_memory_db() else None
    if shared is not None:
        # One connection cannot carry two workers' transactions at once: one worker thread on in-memory SQLite.
        workers = 1
        shared.inc_thread_sharing()
        huey.on_startup("test_share_in_memory_db")(lambda: connections.__setitem__("default", shared))
        if live_server:
            lock = threading.Lock()
            huey.pre_execute("test_serialise")(lambda task: lock.acquire())
            huey.post_execute("test_serialise")(lambda task, value, exc: lock.release())
            request_started.connect(_acquire(lock), weak=False, dispatch_uid="test_jobs_serialise_start")
            request_finished.connect(_release(lock), weak=False, dispatch_uid="test_jobs_serialise_finish")
    previous = queue.install(huey)
    consumer = huey.create_consumer(
        workers=workers,
        periodic=periodic,
        initial_delay=0.05,
        max_delay=0.2,
        check_worker_health=False,
    )
    consumer._set_signal_handlers = lambda: None  # pytest keeps its own SIGINT handling
    consumer.start()
    try:
        yield huey
    finally:
        consumer.stop(graceful=True)
        huey.storage.close()
        queue.install(previous)
        if shared is not None:
            shared.dec_thread_sharing()
            request_started.disconnect(dispatch_uid="test_jobs_serialise_start")
            request_finished.disconnect(dispatch_uid="test_jobs_serialise_finish")


def _acquire(lock):
    return lambda **kwargs: lock.acquire()


def _release(lock):
    return lambda **kwargs: lock.release()


def wait_for(predicate: Callable[[], object], what: str, limit: float = WAIT_LIMIT):
    """Poll until ``predicate()`` is truthy; fail (not a timing assertion: a hang guard) after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"等待超时：{what}")
        time.sleep(0.05)


def wait_finished(run_id: int, limit: float = WAIT_LIMIT) -> JobRun:
    def finished():
        run = JobRun.objects.get(pk=run_id)
        return run if run.is_finished else None

    try:
        return wait_for(finished, f"作业运行 #{run_id} 结束", limit)
    except AssertionError:
        run = JobRun.objects.get(pk=run_id)
        raise AssertionError(f"作业运行 #{run_id} 未结束：{run.status} {run.error}") from None
