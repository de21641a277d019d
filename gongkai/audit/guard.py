"""Database-level protection of the audit log (the triggers installed by migration 0003).

The triggers refuse UPDATE and DELETE of ``audit_auditevent`` rows, DELETE of the chain head and any head update
that does not advance it by exactly one linked event. They stop application bugs, ORM bulk calls and casual
tampering; a database superuser can still drop them, which the hash chain then reveals (see docs/audit.md).

SQLite has no TRUNCATE: Django's ``flush`` (run by TransactionTestCase and ``live_server`` tests after each test,
and by ``gongkai flush``) empties tables with ``DELETE FROM``. The SQLite delete triggers therefore ask the
per-connection function ``gongkai_audit_flushing()``, which answers 1 only while our ``flush`` command runs. A
connection that never registered the function (the ``sqlite3`` shell) gets "no such function" and the DELETE fails
too. PostgreSQL's flush uses TRUNCATE, which fires no row triggers, so it needs nothing of this.
"""

import threading
from contextlib import contextmanager

FLUSH_FUNCTION = "gongkai_audit_flushing"

# Trigger names per backend, for ``missing_triggers``; keep in step with migration 0003.
TRIGGERS = {
    "sqlite": {
        "audit_event_no_update",
        "audit_event_no_delete",
        "audit_head_no_delete",
        "audit_head_advance",
    },
    "postgresql": {"audit_event_append_only", "audit_head_no_delete", "audit_head_advance"},
}

_lock = threading.Lock()
_flushing = 0


@contextmanager
def flushing():
    """Let the SQLite delete triggers through while the whole database is being emptied."""
    global _flushing
    with _lock:
        _flushing += 1
    try:
        yield
    finally:
        with _lock:
            _flushing -= 1


def _flag() -> int:
    return 1 if _flushing else 0


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give each SQLite connection the function the triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FLUSH_FUNCTION, 0, _flag)


def installed_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
                "('audit_auditevent'::regclass, 'audit_auditchainhead'::regclass)"
            )
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


def missing_triggers(connection) -> set[str]:
    """Names of protective triggers absent from the database (empty when all are in place)."""
    expected = TRIGGERS.get(connection.vendor, set())
    return expected - installed_triggers(connection) if expected else set()
