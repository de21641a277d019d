"""Assessment figures: scoring every indicator of the demo scheme for 50 and for 500 units, and the score pages.

    .venv/bin/python bench/assessment.py [--units 500] [--per-unit 10] [--repeats 30]

Uses a scratch SQLite database under ``GONGKAI_VAR_DIR`` (default /tmp/gongkai-assessment-bench; DATABASE_URL for
PostgreSQL), migrated and filled here: --units units (4 in 5 departments, 1 in 5 townships), --per-unit published
items per unit in the first quarter (1 in 7 late) and 2 answered applications per unit (1 in 3 late), the 2026 demo
scheme (every indicator whose figure source is installed) and one confirmed manual entry per unit.

Measured:
- ``services._compute`` (every figure for every unit, plus the lines and totals) for 50 and for --units units —
  targets 50 units < 5 s, 500 units < 60 s;
- baseline in the same run: the same figures asked unit by unit (``figures.compute`` per unit, no bulk path), for
  50 units — the ratio shows what ``compute_many`` buys;
- ``compute_period`` end to end (compute + store + audit) for all units;
- the unit's score page and the period page (ranking of all units) through the test client, p95 — target < 300 ms.
Prints only.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-assessment-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gongkai.assessment import demo, services  # noqa: E402
from gongkai.assessment.models import Entry, Scheme  # noqa: E402
from gongkai.common import figures  # noqa: E402
from gongkai.foi.models import InfoRequest  # noqa: E402
from gongkai.orgs.models import Membership, Unit, User  # noqa: E402
from gongkai.publishing.models import Publication  # noqa: E402
from gongkai.roles import Role  # noqa: E402

PREFIX = "基准考核单位"


def fill(n_units: int, per_unit: int) -> None:
    Entry.objects.all().delete()
    Scheme.objects.filter(year=2026).delete()
    InfoRequest.objects.filter(serial__startswith="BENCH").delete()
    Publication.objects.filter(title__startswith="基准信息").delete()
    Unit.objects.filter(is_active=True).exclude(name__startswith=PREFIX).update(is_active=False)
    Unit.objects.filter(name__startswith=PREFIX).delete()
    Unit.objects.bulk_create(
        [
            Unit(name=f"{PREFIX}{i:04d}", kind="township" if i % 5 == 0 else "department", sort_order=i)
            for i in range(n_units)
        ]
    )
    units = list(Unit.objects.filter(name__startswith=PREFIX))
    author, _ = User.objects.get_or_create(username="bench_author", defaults={"full_name": "基准作者"})
    pubs = []
    for u in units:
        for i in range(per_unit):
            day = date(2026, 1 + i % 3, 1 + (u.pk + i) % 27)
            pubs.append(
                Publication(
                    unit=u,
                    author=author,
                    title=f"基准信息{u.pk}-{i}",
                    state="published",
                    published_at=datetime(day.year, day.month, day.day, 2, tzinfo=UTC),
                    formed_date=day,
                    publish_deadline=day,
                    is_late=(i % 7 == 0),
                )
            )
    Publication.objects.bulk_create(pubs, batch_size=2000)
    cases = []
    for u in units:
        for i in range(2):
            n = u.pk * 10 + i
            cases.append(
                InfoRequest(
                    serial=f"BENCH{n:07d}",
                    tracking_code=f"BENCHTRACK{n:07d}",
                    verification_hash="x",
                    unit=u,
                    channel="online",
                    submitted_on=date(2026, 1, 5),
                    receipt_date=date(2026, 1, 5),
                    applicant_type="natural",
                    applicant_name="张三",
                    id_type="id_card",
                    id_number="x",
                    phone="1",
                    applicant_key=f"b{n}",
                    due_date=date(2026, 2, 2),
                    replied_on=date(2026, 2, 20) if (u.pk + i) % 3 == 0 else date(2026, 1, 20),
                    outcome="grant",
                    state="replied",
                )
            )
    InfoRequest.objects.bulk_create(cases, batch_size=2000)


def scheme_with_entries():
    office_unit, _ = Unit.objects.get_or_create(name="基准县政府办公室", defaults={"kind": "office"})
    office, _ = User.objects.get_or_create(username="bench_office", defaults={"full_name": "基准"})
    office2, _ = User.objects.get_or_create(username="bench_office2", defaults={"full_name": "基准二"})
    for user in (office, office2):
        Membership.objects.get_or_create(user=user, unit=office_unit, role=Role.OFFICE_ADMIN)
    scheme = services.create_scheme(2026, actor=None, weight=5, bonus_cap=5)
    offered = {s.key for s in figures.available()}
    for order, (group, name, kind, points, source, method, rule) in enumerate(demo.INDICATORS, start=1):
        if kind == "auto" and source not in offered:
            continue
        services.add_indicator(
            scheme,
            actor=None,
            group=group,
            name=name,
            kind=kind,
            points=points,
            source_key=source,
            method=method,
            order=order,
            **rule,
        )
    manual = scheme.indicators.get(name="政府网站信息公开专栏规范")
    period = scheme.periods.get(kind="quarter", number=1)
    for u in Unit.objects.filter(name__startswith=PREFIX):
        Entry.objects.create(
            period=period,
            unit=u,
            indicator=manual,
            points=5,
            reason="基准",
            evidence_link="https://example.gov.cn/",
            entered_by=office,
            confirmed_by=office2,
            confirmed_at=datetime(2026, 4, 1, tzinfo=UTC),
        )
    return scheme, period, office


def only_first(n: int) -> None:
    ids = list(
        Unit.objects.filter(name__startswith=PREFIX).order_by("sort_order").values_list("pk", flat=True)
    )
    Unit.objects.filter(pk__in=ids[:n]).update(is_active=True)
    Unit.objects.filter(pk__in=ids[n:]).update(is_active=False)


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--per-unit", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    fill(args.units, args.per_unit)
    scheme, period, office = scheme_with_entries()
    autos = list(scheme.indicators.filter(kind="auto"))
    bulk = sum(1 for i in autos if figures.source(i.source_key).compute_many is not None)
    print(
        f"data: {args.units} units, {args.units * args.per_unit} publications, {args.units * 2} applications; "
        f"{scheme.indicators.count()} indicators ({len(autos)} automatic, {bulk} with a bulk path) "
        f"({time.perf_counter() - t0:.1f} s), {connection.vendor}"
    )

    only_first(50)
    units50 = list(services.assessed_units())

    def per_unit_baseline():
        for ind in autos:
            for u in units50:
                figures.compute(ind.source_key, unit=u, start=period.start, end=period.end)

    base, _ = timed(per_unit_baseline)
    t50, scores = timed(lambda: services._compute(period, None))
    print(
        f"score 50 units: {t50:.2f} s ({len(scores)} scores; target < 5 s); baseline unit-by-unit figures "
        f"for 50 units {base:.2f} s, ratio {t50 / base:.2f}×"
    )
    only_first(args.units)
    tall, scores = timed(lambda: services._compute(period, None))
    print(f"score {len(scores)} units: {tall:.2f} s (target < 60 s for 500)")
    tstore, _ = timed(lambda: services.compute_period(period, actor=office))
    print(f"compute_period end to end (compute + store + audit), {len(scores)} units: {tstore:.2f} s")

    client = Client()
    client.force_login(office)
    unit = services.assessed_units().first()
    for name, url in (
        ("unit score page", f"/work/assessment/periods/{period.pk}/units/{unit.pk}/"),
        (f"period page ({len(scores)} units ranked)", f"/work/assessment/periods/{period.pk}/"),
    ):
        times = []
        for _ in range(args.repeats):
            t, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, response.status_code
            times.append(t)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{name}: median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (target < 300 ms)"
        )


if __name__ == "__main__":
    main()
