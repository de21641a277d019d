"""The production services the README names, started for real: PostgreSQL connections that survive a server restart
(``CONN_HEALTH_CHECKS``) and a start with ``REDIS_URL`` (shared cache and the job queue on Redis).

Both run in a child process with the production-like environment, against the PostgreSQL and Redis servers on
127.0.0.1 (the development machines and CI have both, see .ci/run)."""

import os
import secrets
import subprocess
import sys
import textwrap
import time

import pytest

POSTGRES = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = "redis://127.0.0.1:6379/14"


def _python(code: str, env_extra: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update({"GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings", **env_extra})
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True, timeout=120
    )


def test_persistent_connections_are_health_checked(tmp_path):
    result = _python(
        """
        import django; django.setup()
        from django.conf import settings
        db = settings.DATABASES["default"]
        print(db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"])
        """,
        {"DATABASE_URL": POSTGRES},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]


def test_a_request_after_the_database_dropped_the_connection_succeeds(tmp_path):
    """A PostgreSQL restart (here: the server ending our session) must not turn the next request into a 500."""
    result = _python(
        """
        import django; django.setup()
        import psycopg
        from django.db import close_old_connections, connection
        from django.test import Client

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with psycopg.connect(%r, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%%s)", [pid])
        # What Django does at the start of every request (request_started):
        close_old_connections()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            print("ok", cursor.fetchone()[0])
        """
        % POSTGRES.replace("postgres://", "postgresql://"),
        {"DATABASE_URL": POSTGRES},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ok", "1"]


@pytest.mark.parametrize("jobs_backend", ["sqlite", "redis"])
def test_a_start_with_redis_url_uses_redis_for_the_cache_and_the_queue(tmp_path, jobs_backend):
    marker = secrets.token_hex(8)
    result = _python(
        f"""
        import django; django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        import io
        call_command("check", stdout=io.StringIO())
        import redis
        cache.set("gk-probe", {marker!r}, 30)
        # Another client of the same server sees what the cache wrote: it really is Redis.
        server = redis.Redis.from_url({REDIS!r})
        keys = [k for k in server.keys("*gk-probe*")]
        print("cache", cache.get("gk-probe"), len(keys))
        from gongkai.jobs import queue
        huey = queue.get_huey()
        print("queue", type(huey.storage).__name__)
        huey.storage.flush_queue()
        huey.storage.enqueue(b"probe-{marker}")
        print("pending", huey.storage.queue_size())
        huey.storage.flush_queue()
        cache.delete("gk-probe")
        """,
        {"REDIS_URL": REDIS, "GONGKAI_JOBS_BACKEND": jobs_backend, "GONGKAI_JOBS_QUEUE": f"gk-test-{marker}"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == f"cache {marker} 1"
    expected_storage = "RedisStorage" if jobs_backend == "redis" else "SqliteStorage"
    assert lines[1:] == [f"queue {expected_storage}", "pending 1"]


def test_a_queued_job_runs_through_redis(tmp_path):
    """The README's production start with REDIS_URL and GONGKAI_JOBS_BACKEND=redis: a job queued by one process is
    run by the worker process through Redis and recorded."""
    queue_name = f"gk-test-{secrets.token_hex(6)}"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        {
            "GONGKAI_VAR_DIR": str(tmp_path),
            "REDIS_URL": REDIS,
            "GONGKAI_JOBS_BACKEND": "redis",
            "GONGKAI_JOBS_QUEUE": queue_name,
        }
    )
    gongkai = [sys.executable, "-m", "gongkai.cli"]

    def run(*args):
        return subprocess.run([*gongkai, *args], env=env, capture_output=True, text=True, timeout=300)

    assert run("migrate", "--noinput").returncode == 0
    queued = run("jobs", "run", "publishing.publish_due", "--queue")
    assert queued.returncode == 0, queued.stderr[-2000:]
    run_id = queued.stdout.split("#")[1].split("（")[0]
    worker = subprocess.Popen(
        [*gongkai, "jobs", "worker", "-n", "-w", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        status = ""
        check = f"import django; django.setup(); from gongkai.jobs.models import JobRun; print(JobRun.objects.get(pk={run_id}).status)"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = subprocess.run(
                [sys.executable, "-c", check],
                env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout.strip()
            if status not in ("queued", "running", "retrying", ""):
                break
            time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert status == "succeeded"
