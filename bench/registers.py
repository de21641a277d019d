"""Registers figures: the seven ``registers.*`` figures the assessment reads, for every unit over a year — 50 units and
500 units — and the staff pages (overview of all units, the trainings list, its .xlsx export) as the office, p50/p95.
Baseline, measured in the same run: the bare ``COUNT(*)`` per unit and register the figures stand on.

    .venv/bin/python bench/registers.py [--units 50,500] [--requests 20]

Uses a throwaway SQLite database under a temporary directory (or DATABASE_URL if set: use a scratch database).
Rows are bulk-inserted (this measures reads): per unit 6 trainings (2 attendances each), 2 hearings, 2 evaluations,
4 submissions (half adopted), 1 case and 3 supervision records (one open, overdue), spread over two years.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from gongkai.common import figures  # noqa: E402
from gongkai.orgs.models import Membership, Unit, User  # noqa: E402
from gongkai.registers.models import (  # noqa: E402
    Case,
    Evaluation,
    Hearing,
    Submission,
    SupervisionRecord,
    Training,
    TrainingAttendance,
)
from gongkai.roles import Role  # noqa: E402

KEYS = [s.key for s in figures.available() if s.key.startswith("registers.")]
START, END = date(2026, 1, 1), date(2026, 12, 31)


def build(n_units: int) -> list[Unit]:
    have = list(Unit.objects.filter(name__startswith="基准单位").order_by("id"))
    units = have + [
        Unit(name=f"基准单位{i:04d}", short_name=f"基准{i:04d}", kind="department" if i % 3 else "township")
        for i in range(len(have), n_units)
    ]
    Unit.objects.bulk_create([u for u in units if u.pk is None])
    units = list(Unit.objects.filter(name__startswith="基准单位").order_by("id"))[:n_units]
    done = set(Training.objects.values_list("unit_id", flat=True))
    todo = [u for u in units if u.pk not in done]
    base = date(2025, 1, 10)
    trainings = []
    for k, unit in enumerate(todo):
        for j in range(6):
            trainings.append(
                Training(
                    unit=unit,
                    held_on=base + timedelta(days=(k * 7 + j * 61) % 690),
                    topic=f"培训{j}",
                    form="special",
                )
            )
        Hearing.objects.bulk_create(
            Hearing(
                unit=unit,
                kind="report",
                meeting="常务会",
                held_on=base + timedelta(days=100 * j + k % 90),
                leaders="领导",
                topics="议题",
            )
            for j in range(2)
        )
        Evaluation.objects.bulk_create(
            Evaluation(
                unit=unit,
                subject_title="文件",
                done_on=base + timedelta(days=200 * j + k % 300),
                methods=["data"],
                findings="继续",
                conclusion="continue",
            )
            for j in range(2)
        )
        Submission.objects.bulk_create(
            Submission(
                unit=unit,
                kind="info",
                title=f"信息{j}",
                outlet="刊物",
                submitted_on=base + timedelta(days=150 * j),
                adopted=j % 2 == 0,
                adopted_on=base + timedelta(days=150 * j + 5) if j % 2 == 0 else None,
            )
            for j in range(4)
        )
        Case.objects.create(
            unit=unit, title="案例", level="county", issuer="县", recognised_on=date(2026, 6, 1)
        )
        SupervisionRecord.objects.bulk_create(
            SupervisionRecord(
                unit=unit,
                kind="inspection",
                issued_on=date(2026, 3 + 3 * j, 2),
                issuer="县",
                findings="问题",
                rectify_workdays=10,
                due_on=date(2026, 3 + 3 * j, 16),
                completed_on=None if j == 2 else date(2026, 3 + 3 * j, 12),
            )
            for j in range(3)
        )
    Training.objects.bulk_create(trainings)
    TrainingAttendance.objects.bulk_create(
        TrainingAttendance(training=t, unit_id=t.unit_id, count=10)
        for t in Training.objects.filter(attendances=None)
    )
    return units


def figures_for(units) -> float:
    started = time.perf_counter()
    for unit in units:
        for key in KEYS:
            figures.compute(key, unit=unit, start=START, end=END)
    return time.perf_counter() - started


def baseline_for(units) -> float:
    models = [
        (Training, "held_on"),
        (Evaluation, "done_on"),
        (Hearing, "held_on"),
        (Submission, "adopted_on"),
        (Case, "recognised_on"),
        (SupervisionRecord, "issued_on"),
        (SupervisionRecord, "due_on"),
    ]
    started = time.perf_counter()
    for unit in units:
        for model, field in models:
            model.objects.filter(unit_id=unit.pk, **{f"{field}__range": (START, END)}).count()
    return time.perf_counter() - started


def pages(client, url, n) -> tuple[float, float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", default="50,500")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    office_unit, _ = Unit.objects.get_or_create(name="基准县政府办公室", defaults={"kind": "office"})
    office, made = User.objects.get_or_create(username="bench_office", defaults={"full_name": "基准"})
    if made:
        office.set_password("Bench2026pass!")
        office.save()
        Membership.objects.create(user=office, unit=office_unit, role=Role.OFFICE_ADMIN)
    client = Client()
    client.force_login(office)
    print(f"database: {django.db.connection.vendor}; figure keys: {len(KEYS)}")
    for n in [int(x) for x in args.units.split(",")]:
        units = build(n)
        figures_for(units[:5])  # warm up
        base = min(baseline_for(units) for _ in range(2))
        took = min(figures_for(units) for _ in range(2))
        print(
            f"{n} units: all {len(KEYS)} figures {took:.2f} s ({took / n * 1000:.1f} ms/unit); "
            f"bare counts {base:.2f} s; ratio {took / base:.2f}"
        )
        for label, url in (
            ("overview (all units)", "/work/registers/"),
            ("trainings list", "/work/registers/trainings/"),
            ("trainings .xlsx", "/work/registers/trainings/export.xlsx"),
        ):
            p50, p95 = pages(client, url, max(3, args.requests // (4 if "overview" in label else 1)))
            print(f"  {label}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")


if __name__ == "__main__":
    main()
