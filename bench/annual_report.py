"""Annual-report generation figures: one unit over 100,000 applications, every unit of a 500-unit province in the
background job, and the office's check of 50 uploaded reports.

    .venv/bin/python bench/annual_report.py [--cases 100000] [--units 500] [--per-unit 40] [--uploads 50]

Uses a scratch SQLite database under ``GONGKAI_VAR_DIR`` (default /tmp/gongkai-report-bench; DATABASE_URL for
PostgreSQL), migrated and filled here: applications are bulk-inserted (this measures the report, not intake) with
spreads of applicant types, outcomes, receipt and reply dates over 2024–2026, some open over a year end.

- one unit: ``services.generate`` (the three tables, the draft of sections 一–六, the checker, the save and audit
  event) for the unit holding ``--cases`` applications; baseline: reading those applications' four counted columns
  once (what any count must touch). Target < 2 s.
- province: ``services.generate_all`` (what the job ``reports.generate_all`` runs) over ``--units`` units;
  baseline: the tables alone (``services.compute``) for every unit. Target < 2 min.
- uploads: ``services.check_batch`` on ``--uploads`` generated reports saved as HTML; baseline: decoding the files'
  text. Target < 10 s.

Prints the times and each ratio to its baseline. No timed assertion anywhere: this only prints.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-report-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.core import foi_rules as fr  # noqa: E402
from gongkai.foi.models import InfoRequest  # noqa: E402
from gongkai.orgs.models import Membership, Unit, UnitKind, User  # noqa: E402
from gongkai.reports import document, services  # noqa: E402
from gongkai.reports.models import AnnualReport, Batch  # noqa: E402
from gongkai.roles import Role  # noqa: E402

YEAR = 2025


def units_and_office(n: int):
    office_unit, _ = Unit.objects.get_or_create(
        name="压测省人民政府办公厅",
        defaults={"short_name": "办公厅", "kind": UnitKind.OFFICE, "sort_order": 0},
    )
    existing = set(Unit.objects.filter(name__startswith="压测省第").values_list("name", flat=True))
    Unit.objects.bulk_create(
        Unit(name=name, short_name=f"单位{i:03d}", kind=UnitKind.DEPARTMENT, sort_order=i + 1)
        for i in range(n - 1)
        if (name := f"压测省第{i:03d}厅局") not in existing
    )
    office, created = User.objects.get_or_create(
        username="bench_office", defaults={"full_name": "压测管理员"}
    )
    if created:
        Membership.objects.create(user=office, unit=office_unit, role=Role.OFFICE_ADMIN)
    return list(Unit.objects.order_by("sort_order", "id")), office


def fill(unit_ids: list[int], per_unit: int, big_unit: int, big: int) -> None:
    want = per_unit * (len(unit_ids) - 1) + big
    if InfoRequest.objects.count() >= want:
        return
    InfoRequest.objects.all().delete()
    rng = random.Random(16)
    outcomes = [o.code for o in fr.OUTCOMES]
    types = [t.code for t in fr.APPLICANT_TYPES]
    start = date(2024, 1, 2)
    batch: list[InfoRequest] = []
    serial = 0

    def add(unit_id: int) -> None:
        nonlocal serial
        serial += 1
        received = start + timedelta(days=rng.randint(0, 900))
        answered = received + timedelta(days=rng.randint(3, 45))
        open_case = rng.random() < 0.05 or answered > date(2026, 11, 30)
        batch.append(
            InfoRequest(
                serial=f"B{serial:08d}",
                tracking_code=f"BENCH{serial:010d}",
                verification_hash="x",
                unit_id=unit_id,
                state="in_progress" if open_case else "replied",
                channel="online",
                submitted_on=received,
                receipt_date=received,
                applicant_type=types[rng.randrange(len(types))],
                applicant_name="压测申请人",
                id_type="id_card",
                id_number="0",
                phone="13800000000",
                applicant_key=f"k{serial % 5000}",
                description="压测申请",
                outcome="" if open_case else outcomes[rng.randrange(len(outcomes))],
                replied_on=None if open_case else answered,
            )
        )
        if len(batch) >= 5000:
            InfoRequest.objects.bulk_create(batch)
            batch.clear()

    for _ in range(big):
        add(big_unit)
    for unit_id in unit_ids:
        if unit_id != big_unit:
            for _ in range(per_unit):
                add(unit_id)
    InfoRequest.objects.bulk_create(batch)


def median(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--per-unit", type=int, default=40)
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    units, office = units_and_office(args.units)
    big = units[1]
    t0 = time.perf_counter()
    fill([u.pk for u in units], args.per_unit, big.pk, args.cases)
    print(
        f"data: {len(units)} units, {InfoRequest.objects.count()} applications ({time.perf_counter() - t0:.1f} s), {connection.vendor}"
    )

    # 1. one unit over --cases applications
    AnnualReport.objects.filter(unit=big, year=YEAR).delete()
    base, _ = median(
        lambda: len(
            list(
                InfoRequest.objects.filter(unit=big).values_list(
                    "applicant_type", "outcome", "receipt_date", "replied_on"
                )
            )
        ),
        args.repeats,
    )
    one, report = median(lambda: services.generate(big, YEAR, actor=office), args.repeats)
    t3 = report.tables["table3"]
    print(
        f"one unit ({InfoRequest.objects.filter(unit=big).count()} applications): generate {one:.2f} s "
        f"(target < 2 s); baseline read {base:.2f} s; ratio {one / base:.1f}× — 新收 {t3['new']['total']}, "
        f"办结 {t3['total']['total']}, 结转 {t3['carried_over']['total']}, findings {len(report.findings)}"
    )

    # 2. every unit in the job's service
    AnnualReport.objects.filter(year=YEAR).delete()
    t0 = time.perf_counter()
    for unit in units:
        services.compute(unit, YEAR)
    tables_only = time.perf_counter() - t0
    done: list[int] = []
    t0 = time.perf_counter()
    result = services.generate_all(YEAR, actor=office, progress=lambda n, total: done.append(n))
    every = time.perf_counter() - t0
    print(
        f"province ({len(units)} units): generate_all {every:.1f} s (target < 120 s), {result}; "
        f"baseline tables only {tables_only:.1f} s; ratio {every / tables_only:.1f}×; progress calls {len(done)}"
    )

    # 3. check --uploads reports as one uploaded batch
    reports = list(AnnualReport.objects.filter(year=YEAR).select_related("unit")[: args.uploads])
    files = [(f"{r.unit.short_name}.html", document.full_html(r).encode("utf-8")) for r in reports]
    base, _ = median(lambda: sum(len(data.decode("utf-8")) for _, data in files), args.repeats)
    Batch.objects.all().delete()
    check, batch = median(lambda: services.check_batch(files, actor=office, title="压测"), args.repeats)
    print(
        f"uploads ({len(files)} reports): check_batch {check:.2f} s (target < 10 s); baseline decode {base * 1000:.1f} ms; "
        f"ratio {check / max(base, 1e-9):.0f}×; findings {batch.findings.count()}"
    )


if __name__ == "__main__":
    main()
