"""Sentiment-ledger figures: the scoped case list, the dashboard counts and the .xlsx ledger over --cases cases.

    .venv/bin/python bench/sentiment.py [--cases 20000] [--units 60] [--repeats 20]

Uses a scratch SQLite database under ``GONGKAI_VAR_DIR`` (default /tmp/gongkai-sentiment-bench; DATABASE_URL for
PostgreSQL), migrated and filled here: cases, responses and two commitments per case bulk-inserted (this measures
the reads, not registration), spread over --units units as 主管, 属地 and commitment owners.

- list: the first page (30) and the count of the list a unit's staff member sees (主管 or 属地 or a commitment's
  owner: an EXISTS over commitments), and the office's; baseline: the same page and count of all cases unscoped.
- dashboard: ``selectors.dashboard`` for the unit member (the counts of the page and the cards).
- ledger: ``exports.ledger_xlsx`` for the unit member's cases and for the office (every case); baseline: reading
  the rows the ledger writes (cases, responses, commitments) without building the workbook.

Prints p50/p95 and each ratio to its baseline. No timed assertion anywhere: this only prints.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-sentiment-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.calendar import services as calendar  # noqa: E402
from gongkai.orgs.models import Membership, Unit, UnitKind, User  # noqa: E402
from gongkai.roles import Role  # noqa: E402
from gongkai.sentiment import exports, selectors  # noqa: E402
from gongkai.sentiment.models import Case, Commitment, Response  # noqa: E402

LEVELS = ["general", "general", "larger", "major", "especially_major"]
SOURCES = ["network", "media", "hotline", "petition", "meeting", "superior"]


def fill(n_cases: int, n_units: int):
    office_unit, _ = Unit.objects.get_or_create(
        name="压测县人民政府办公室", defaults={"kind": UnitKind.OFFICE}
    )
    units = list(Unit.objects.filter(name__startswith="压测县第"))
    if len(units) < n_units:
        Unit.objects.bulk_create(
            Unit(name=f"压测县第{i:03d}单位", short_name=f"单位{i:03d}", kind=UnitKind.DEPARTMENT)
            for i in range(len(units), n_units)
        )
        units = list(Unit.objects.filter(name__startswith="压测县第").order_by("id"))
    office, made = User.objects.get_or_create(username="bench_office", defaults={"full_name": "办公室"})
    if made:
        Membership.objects.create(user=office, unit=office_unit, role=Role.OFFICE_ADMIN)
    member, made = User.objects.get_or_create(username="bench_member", defaults={"full_name": "单位"})
    if made:
        Membership.objects.create(user=member, unit=units[0], role=Role.EDITOR)
    have = Case.objects.count()
    now = timezone.now()
    batch = []
    for i in range(have, n_cases):
        seen = now - timedelta(hours=(i * 7) % (24 * 365))
        batch.append(
            Case(
                topic=f"压测舆情{i:06d}",
                source=SOURCES[i % len(SOURCES)],
                first_seen_at=seen,
                summary="网民反映问题，跟帖较多。" * 5,
                level=LEVELS[i % len(LEVELS)],
                owner_unit=units[i % n_units],
                local_unit=units[(i * 7 + 3) % n_units] if i % 3 else None,
                rule="national",
                next_due_at=seen + timedelta(hours=48) if i % 4 == 0 else None,
                state=["registered", "assessing", "responding", "responded", "closed"][i % 5],
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    if Commitment.objects.count() < 2 * n_cases:
        Commitment.objects.all().delete()
        Response.objects.all().delete()
        today = timezone.localdate()
        rows, answers = [], []
        for case in Case.objects.only("id", "first_seen_at", "owner_unit_id").iterator(chunk_size=5000):
            answers.append(
                Response(
                    case_id=case.id,
                    kind="online",
                    unit_id=case.owner_unit_id,
                    responded_at=case.first_seen_at + timedelta(hours=30),
                    summary="已回复",
                )
            )
            for j in range(2):
                rows.append(
                    Commitment(
                        case_id=case.id,
                        content=f"承诺事项{j}",
                        owner_unit=units[(case.id * 13 + j) % n_units],
                        due_on=today + timedelta(days=(case.id % 60) - 30),
                        state="kept" if case.id % 3 == 0 else "open",
                    )
                )
            if len(rows) >= 10000:
                Commitment.objects.bulk_create(rows)
                Response.objects.bulk_create(answers)
                rows, answers = [], []
        Commitment.objects.bulk_create(rows)
        Response.objects.bulk_create(answers)
    return office, User.objects.get(username="bench_member")


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def show(label: str, times: list[float], base: list[float] | None = None) -> None:
    p50 = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    ratio = f"  ×{p50 / statistics.median(base):.1f} baseline" if base else ""
    print(f"{label:<44} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms{ratio}")


def page(qs):
    list(qs.order_by("-first_seen_at", "-id")[:30])
    return qs.count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    calendar.seed_from_package()
    office, member = fill(args.cases, args.units)
    print(f"{Case.objects.count()} cases, {Commitment.objects.count()} commitments, {args.units} units")
    base = timed(lambda: page(Case.objects.all()), args.repeats)
    show("baseline: first page + count, unscoped", base)
    show(
        "list: unit member (主管/属地/承诺责任单位)",
        timed(lambda: page(selectors.for_staff(member)), args.repeats),
        base,
    )
    show("list: office", timed(lambda: page(selectors.for_staff(office)), args.repeats), base)
    show("dashboard: unit member", timed(lambda: selectors.dashboard(member), args.repeats), base)
    mine = selectors.for_staff(member)
    print(f"unit member sees {mine.count()} cases")

    def read_rows(qs):
        list(qs.values_list("id", "topic", "summary"))
        list(Response.objects.filter(case__in=qs.values("pk")).values_list("id", "summary"))
        list(Commitment.objects.filter(case__in=qs.values("pk")).values_list("id", "content"))

    reps = max(3, args.repeats // 5)
    rbase = timed(lambda: read_rows(mine), reps)
    show("baseline: read the member's ledger rows", rbase)
    show("ledger .xlsx: unit member", timed(lambda: exports.ledger_xlsx(mine), reps), rbase)
    abase = timed(lambda: read_rows(Case.objects.all()), 2)
    show("baseline: read every ledger row", abase)
    show(
        "ledger .xlsx: office (every case)",
        timed(lambda: exports.ledger_xlsx(selectors.for_staff(office)), 2),
        abase,
    )


if __name__ == "__main__":
    main()
