"""The database itself refuses to change or delete audit events (migration 0003), yet Django's flush still works."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, connections, transaction

from gongkai.audit import guard, services
from gongkai.audit.models import AuditChainHead, AuditEvent

from .conftest import make_events


def _refused(fn):
    with pytest.raises(DatabaseError) as exc, transaction.atomic():
        fn()
    return str(exc.value)


def test_all_triggers_are_installed(db):
    assert guard.missing_triggers(connection) == set()
    assert guard.TRIGGERS[connection.vendor] <= guard.installed_triggers(connection)


def test_queryset_update_is_refused(db):
    make_events(3)
    message = _refused(lambda: AuditEvent.objects.filter(object_id="1").update(object_repr="改过"))
    assert "只能追加" in message
    assert AuditEvent.objects.get(object_id="1").object_repr == "文件1"


def test_queryset_delete_is_refused(db):
    make_events(3)
    message = _refused(lambda: AuditEvent.objects.filter(object_id="1").delete())
    assert "只能追加" in message
    assert AuditEvent.objects.count() == 3


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_and_delete_are_refused(db):
    make_events(2)
    _refused(lambda: _raw("UPDATE audit_auditevent SET reason = 'x'"))
    _refused(lambda: _raw("DELETE FROM audit_auditevent"))
    assert AuditEvent.objects.count() == 2
    assert services.verify().ok


def test_model_save_and_delete_are_refused(db):
    event = make_events(1)[0]
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_chain_head_cannot_be_deleted_or_rewound(db):
    events = make_events(3)
    _refused(lambda: AuditChainHead.objects.all().delete())
    _refused(lambda: AuditChainHead.objects.update(last_hash=events[1].hash, count=2))
    # Advancing by one event whose prev_hash is not the head is refused too.
    _refused(lambda: AuditChainHead.objects.update(last_hash=events[0].hash, count=4))
    head = AuditChainHead.objects.get(pk=1)
    assert (head.count, head.last_hash) == (3, events[2].hash)


def test_delete_guard_opens_only_while_flushing(db):
    """The SQLite triggers ask gongkai_audit_flushing(); it answers 1 only inside guard.flushing()."""
    assert guard._flag() == 0
    with guard.flushing():
        assert guard._flag() == 1
    assert guard._flag() == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gongkai_audit_flushing()")
            assert cursor.fetchone()[0] == 0
            with guard.flushing():
                cursor.execute("SELECT gongkai_audit_flushing()")
                assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_recording_starts_afresh():
    """What TransactionTestCase and live_server tests do after each test: must work on SQLite and PostgreSQL."""
    make_events(3)
    call_command("flush", verbosity=0, interactive=False)
    assert not AuditEvent.objects.exists()
    assert not AuditChainHead.objects.exists()
    assert guard.missing_triggers(connection) == set()
    make_events(2)
    assert services.verify().ok
    _refused(lambda: AuditEvent.objects.all().delete())


def _append_with_retry(writer_number: int, append_number: int) -> None:
    # The in-memory SQLite test database is shared-cache: a second writer gets "database table is locked" at once
    # instead of waiting (busy_timeout applies only to file databases, which production uses). Retrying the whole
    # transaction is what waiting would do; PostgreSQL waits on the head row's lock and never needs it.
    for _attempt in range(2000):
        try:
            with transaction.atomic():
                services.record(
                    actor=None,
                    action="test.concurrent",
                    object_type="t",
                    object_id=f"{writer_number}-{append_number}",
                )
            return
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.002)
    raise AssertionError("writer starved")


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_the_chain_valid():
    """Writers in several threads (each its own connection) extend one chain without forks."""
    threads, per_thread = 4, 8
    errors = []
    start = threading.Barrier(threads)

    def writer(writer_number):
        try:
            start.wait()
            for append_number in range(per_thread):
                _append_with_retry(writer_number, append_number)
        except Exception as exc:  # reported below; a thread's exception would otherwise be lost
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=writer, args=(number,)) for number in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert not errors, errors
    result = services.verify()
    assert result.ok, result
    assert result.checked == threads * per_thread
    # No fork: every event has a different predecessor.
    assert AuditEvent.objects.values("prev_hash").distinct().count() == threads * per_thread
    assert set(AuditEvent.objects.values_list("object_id", flat=True)) == {
        f"{n}-{i}" for n in range(threads) for i in range(per_thread)
    }
