"""Audit log figures: the cost of ``record`` per event, ``verify`` over a large log, and a CSV export.

    .venv/bin/python bench/audit_chain.py [--record 10000] [--total 100000]

Uses a throwaway SQLite database under a temporary directory, or DATABASE_URL if set (the database is FLUSHED:
point it at a scratch database). ``record`` is timed one event per transaction, as services call it; the rest of
the log is then filled by computing the same chain in bulk (verify cannot tell the difference), and ``verify`` walks
all of it.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from datetime import UTC, datetime, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from gongkai.audit import chain, exports, services  # noqa: E402
from gongkai.audit.models import AuditChainHead, AuditEvent  # noqa: E402
from gongkai.orgs.models import Unit, User  # noqa: E402


def payload(i: int) -> tuple[dict, dict]:
    # A typical update: a few fields of a publication, one of them changed.
    before = {"title": f"关于做好第{i}项工作的通知", "status": "draft", "catalog": "fdzdgk/zcwj", "pages": 3}
    after = dict(before, status="published")
    return before, after


def bulk_fill(total: int, unit, actor) -> None:
    head = AuditChainHead.objects.get(pk=1)
    prev, count = head.last_hash, head.count
    start = datetime.now(UTC)
    for first in range(count, total, 2000):
        batch = []
        for i in range(first, min(first + 2000, total)):
            before, after = payload(i)
            event = AuditEvent(
                time=start + timedelta(microseconds=i * 1000),
                actor_id=actor.pk,
                actor_name=actor.display_name,
                unit_id=unit.pk,
                unit_name=unit.name,
                action="publishing.publish",
                object_type="publishing.publication",
                object_id=str(i),
                object_repr=before["title"],
                before=services._json_safe(before),
                after=services._json_safe(after),
                reason="",
                client_ip="10.1.2.3",
                channel="web",
                prev_hash=prev,
            )
            event.hash = chain.link_hash(prev, chain.event_fields(event))
            prev = event.hash
            batch.append(event)
        # One transaction per batch: the head may only advance one linked event at a time (trigger), and many
        # updates of one row inside a single PostgreSQL transaction get slower and slower.
        with transaction.atomic(), connection.cursor() as cursor:
            AuditEvent.objects.bulk_create(batch)
            cursor.executemany(
                "UPDATE audit_auditchainhead SET last_hash = %s, count = count + 1 WHERE id = 1",
                [(e.hash,) for e in batch],
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", type=int, default=10_000)
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("flush", verbosity=0, interactive=False)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    unit = Unit.objects.create(name="基准测试县发展和改革委员会")
    actor = User.objects.create_user("bench", full_name="基准测试")

    t0 = time.perf_counter()
    for i in range(args.record):
        before, after = payload(i)
        with transaction.atomic():
            services.record(
                actor=actor,
                action="publishing.publish",
                unit=unit,
                object_type="publishing.publication",
                object_id=str(i),
                object_repr=before["title"],
                before=before,
                after=after,
            )
    rec_s = time.perf_counter() - t0
    print(
        f"record: {args.record} events in {rec_s:.1f} s = {rec_s / args.record * 1000:.2f} ms/event "
        f"({args.record / rec_s:.0f} events/s); {args.total} would take ~{rec_s / args.record * args.total:.0f} s"
    )

    t0 = time.perf_counter()
    bulk_fill(args.total, unit, actor)
    print(f"bulk fill to {args.total} events: {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    result = services.verify()
    verify_s = time.perf_counter() - t0
    assert result.ok, result
    print(f"verify: {result.checked} events in {verify_s:.1f} s ({result.checked / verify_s:.0f} events/s)")

    t0 = time.perf_counter()
    sink = io.StringIO()
    n = exports.write_csv(AuditEvent.objects.order_by("-id").iterator(chunk_size=2000), sink)
    print(
        f"CSV export: {n} events, {len(sink.getvalue().encode()) / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
