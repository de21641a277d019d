"""The queue backends of GONGKAI_JOBS_BACKEND: the settings pick the storage, and a job round-trips through the real
consumer on Redis and on PostgreSQL (huey's own tables, LISTEN/NOTIFY) as it does on the SQLite file."""

import socket

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from huey.storage import PostgresStorage, RedisStorage, SqliteStorage

from gongkai.jobs import queue, services
from gongkai.jobs.vocab import Status

from .fixtures import running_worker, wait_finished

REDIS = ("127.0.0.1", 6379)
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def test_the_settings_choose_the_storage(settings, tmp_path):
    settings.GONGKAI_JOBS_SQLITE_PATH = tmp_path / "queue" / "jobs.sqlite3"
    assert queue.storage_options("sqlite") == (
        SqliteStorage,
        {"filename": str(tmp_path / "queue" / "jobs.sqlite3")},
    )
    assert (tmp_path / "queue").is_dir()
    settings.GONGKAI_JOBS_URL = "redis://127.0.0.1:6379/3"
    assert queue.storage_options("redis") == (RedisStorage, {"url": "redis://127.0.0.1:6379/3"})
    settings.GONGKAI_JOBS_URL = "postgres://gongkai@db.internal:5432/gongkai"
    storage, options = queue.storage_options("postgres")
    assert storage is PostgresStorage and options["dsn"] == "postgres://gongkai@db.internal:5432/gongkai"
    settings.GONGKAI_JOBS_URL = ""
    with pytest.raises(
        ImproperlyConfigured, match="GONGKAI_JOBS_BACKEND=redis 需要 GONGKAI_JOBS_URL 或 REDIS_URL"
    ):
        queue.storage_options("redis")
    with pytest.raises(ImproperlyConfigured, match="只能是 sqlite、redis、postgres（收到：'kafka'）"):
        queue.storage_options("kafka")


def _postgres_url() -> str:
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return f"postgresql://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("redis", marks=pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")),
        *(["postgres"] if ON_POSTGRES else []),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_job_round_trips_on_a_server_backend(backend, settings, tmp_path, samples, people):
    settings.GONGKAI_JOBS_URL = "redis://127.0.0.1:6379/15" if backend == "redis" else _postgres_url()
    with running_worker(settings, tmp_path, backend=backend) as huey:
        run = wait_finished(
            services.start("jobs_test.record", actor=people.office, params={"note": backend}).pk
        )
        assert huey.pending_count() == 0
    assert run.status == Status.SUCCEEDED and run.result == f"已记录：{backend}"
