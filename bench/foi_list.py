"""Case list and dashboard latency (p50/p95) with many generated applications.

Usage (use a scratch database: it is migrated and filled):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_foi_bench .venv/bin/python bench/foi_list.py \
        [--cases 100000] [--requests 30]

Cases are bulk-inserted (not through the services: this measures reads) with realistic spreads of units,
states, outcomes, applicant types and receipt dates over 2024–2026; due dates come from the statutory calendar.
Each page is requested through Django's test client as the openness office (county-wide) and as one unit's officer.
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
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-foi-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gongkai.calendar import services as calendar_services  # noqa: E402
from gongkai.core import foi_rules as fr  # noqa: E402
from gongkai.foi.models import InfoRequest  # noqa: E402
from gongkai.orgs.models import Membership, Unit, UnitKind, User  # noqa: E402
from gongkai.roles import Role  # noqa: E402

WORDS = (
    "土地征收补偿标准",
    "低保审批结果",
    "财政预算",
    "招生划片范围",
    "环评批复",
    "项目立项批复",
    "拆迁安置方案",
    "行政处罚决定书",
)


def setup_org():
    units = []
    for i in range(50):
        u, _ = Unit.objects.get_or_create(
            name=f"压测县第{i:02d}单位",
            defaults={"short_name": f"单位{i:02d}", "kind": UnitKind.DEPARTMENT, "sort_order": i},
        )
        units.append(u)
    admin, created = User.objects.get_or_create(username="bench_office", defaults={"full_name": "压测管理员"})
    if created:
        Membership.objects.create(user=admin, unit=units[0], role=Role.OFFICE_ADMIN)
    officer, created = User.objects.get_or_create(
        username="bench_officer", defaults={"full_name": "压测经办人"}
    )
    if created:
        Membership.objects.create(user=officer, unit=units[7], role=Role.FOI_OFFICER)
    return units, admin, officer


def fill(units, target: int):
    have = InfoRequest.objects.count()
    if have >= target:
        return have
    cal = calendar_services.get_calendar()
    rng = random.Random(4)
    outcomes = [o.code for o in fr.OUTCOMES]
    types = [t.code for t in fr.APPLICANT_TYPES]
    start = date(2024, 1, 2)
    today = date.today()
    span = (today - start).days
    batch = []
    for n in range(have, target):
        received = start + timedelta(days=rng.randrange(span))
        due = cal.add_working_days(received, 20).date
        done = (today - received).days > 45 or rng.random() < 0.6
        state = rng.choice(["replied", "closed"]) if done else rng.choice(list(InfoRequest.OPEN_STATES))
        replied = received + timedelta(days=rng.randrange(5, 40)) if done else None
        batch.append(
            InfoRequest(
                serial=f"B{n:08d}",
                tracking_code=f"YSQ-B{n:09d}",
                verification_hash="x",
                unit=units[rng.randrange(len(units))],
                state=state,
                channel="online",
                submitted_on=received,
                receipt_date=received,
                applicant_type=rng.choice(types),
                applicant_name=f"申请人{n}",
                id_type="passport",
                id_number=f"P{n:08d}",
                phone="13900000000",
                applicant_key=f"k{n % 20000}",
                description=f"请公开{received.year}年{rng.choice(WORDS)}（第{n}号）",
                due_date=due,
                clock_running=state not in ("awaiting_correction", "consulting", "awaiting_fee"),
                outcome=rng.choice(outcomes) if done else "",
                replied_on=replied,
                closed_on=replied if state == "closed" else None,
                handling_days=cal.count_working_days(received, replied).count if replied else None,
                on_time=(replied <= due) if replied else None,
            )
        )
        if len(batch) == 5000:
            InfoRequest.objects.bulk_create(batch)
            batch = []
            print(f"  {n + 1} cases", flush=True)
    if batch:
        InfoRequest.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE foi_inforequest")
    return InfoRequest.objects.count()


def timed(client, url, n):
    client.get(url)  # warm
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=30)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    calendar_services.seed_from_package()
    units, admin, officer = setup_org()
    total = fill(units, args.cases)
    print(f"database: {connection.vendor}; applications: {total:,}")
    pages = [
        ("case list, page 1", "/work/foi/"),
        ("case list, open only", "/work/foi/?state=open"),
        ("case list, overdue", "/work/foi/?due=overdue"),
        ("case list, keyword", "/work/foi/?q=%E8%B4%A2%E6%94%BF%E9%A2%84%E7%AE%97"),
        ("case list, page 50", "/work/foi/?page=50"),
        ("dashboard (统计)", "/work/foi/stats/"),
        ("dashboard, one year", "/work/foi/stats/?year=2025"),
        ("workspace home (cards)", "/work/"),
    ]
    for who, user in (("openness office (county-wide)", admin), ("unit officer", officer)):
        client = Client()
        client.force_login(user)
        print(f"-- as {who}")
        for label, url in pages:
            p50, p95 = timed(client, url, args.requests)
            print(f"{label:28s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
