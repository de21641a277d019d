"""Due-matrix figures: ``selectors.due_matrix`` for --units units × --nodes catalogue items with rules.

    .venv/bin/python bench/sitecheck.py [--units 500] [--nodes 60] [--repeats 20]

Uses a scratch SQLite database under ``GONGKAI_VAR_DIR`` (default /tmp/gongkai-sitecheck-bench; DATABASE_URL for
PostgreSQL), migrated and filled here: units and template items bulk-inserted, a rule per item (a mix of kinds),
one disclosure event per unit on each event item. No publications are inserted yet (the grouped query over the
filing table is then cheap): the figure measures the arithmetic and the other queries. Baseline: reading the units
and rules once. Target p95 < 500 ms. Prints only.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-sitecheck-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.orgs.models import Unit  # noqa: E402
from gongkai.publishing.models import CatalogNode  # noqa: E402
from gongkai.sitecheck import selectors  # noqa: E402
from gongkai.sitecheck.models import DisclosureEvent, NodeRule  # noqa: E402

KINDS = [
    {"kind": "event", "n_days": 20},
    {"kind": "monthly", "day": 15},
    {"kind": "quarterly", "month": 1, "day": 20},
    {"kind": "yearly", "month": 1, "day": 31},
    {"kind": "dynamic"},
]


def fill(n_units: int, n_nodes: int) -> None:
    NodeRule.objects.all().delete()
    DisclosureEvent.objects.all().delete()
    CatalogNode.objects.filter(code__startswith="bench-").delete()
    Unit.objects.filter(name__startswith="基准单位").delete()
    Unit.objects.bulk_create(
        [
            Unit(name=f"基准单位{i:04d}", kind="township" if i % 5 == 0 else "department")
            for i in range(n_units)
        ]
    )
    CatalogNode.objects.bulk_create(
        [CatalogNode(code=f"bench-{i:03d}", name=f"基准事项{i:03d}", sort_order=i) for i in range(n_nodes)]
    )
    nodes = list(CatalogNode.objects.filter(code__startswith="bench-"))
    NodeRule.objects.bulk_create(
        [NodeRule(node=n, statutory=True, **KINDS[i % len(KINDS)]) for i, n in enumerate(nodes)]
    )
    units = list(Unit.objects.filter(name__startswith="基准单位"))
    today = date.today()
    DisclosureEvent.objects.bulk_create(
        [
            DisclosureEvent(unit=u, node=n, occurred_on=today - timedelta(days=(u.pk + i) % 60))
            for u in units
            for i, n in enumerate(nodes)
            if i % len(KINDS) == 0
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--nodes", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    fill(args.units, args.nodes)
    print(
        f"data: {args.units} units × {args.nodes} items ({time.perf_counter() - t0:.1f} s), {connection.vendor}"
    )
    ids = list(Unit.objects.filter(name__startswith="基准单位").values_list("pk", flat=True))
    times, base = [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        list(Unit.objects.filter(pk__in=ids))
        list(NodeRule.objects.select_related("node"))
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        matrix = selectors.due_matrix(None, unit_ids=ids)
        times.append(time.perf_counter() - t)
    cells = len(matrix.cells)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"due matrix: {cells} cells, {len(matrix.overdue)} overdue; median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms (target < 500 ms); baseline (units + rules read) "
        f"{statistics.median(base) * 1000:.1f} ms, ratio {statistics.median(times) / statistics.median(base):.0f}×"
    )


if __name__ == "__main__":
    main()
