"""Public page latency with 200,000 publications: detail page and list pages (median / p95).

    .venv/bin/python bench/publishing_pages.py [--count 200000] [--requests 200]

Uses the database filled by ``bench/search_bench.py`` (same DATABASE_URL default; fills it if it does not hold
--count publications). Requests go through Django's test client in-process (no network, no static files), so the
figures are the application's own time: URL routing, queries, template rendering.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_bench  # noqa: E402 - sets up Django on the benchmark database
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def measure(client, urls, label):
    client.get(urls[0])
    times = []
    for url in urls:
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{label:<44}{statistics.median(times):>8.1f} ms{p95:>9.1f} ms   ({len(urls)} requests)")


TOPIC_NODES = {
    "农业、林业、水利": "art20-11-01",
    "民政、扶贫、救灾": "art20-11-04",
    "科技、教育": "art20-11-02",
    "市场监管、安全生产监管": "art20-13",
    "国土资源、能源": "art21-04",
    "城乡建设、环境保护": "art21-05",
    "财政、金融、审计": "art20-07-01",
    "卫生、体育": "art20-11-03",
    "国民经济管理、国有资产监管": "art20-10",
    "劳动、人事、监察": "art20-14-01",
}


def link_nodes():
    """File the generated items under catalogue nodes by subject (once)."""
    from gongkai.publishing.models import CatalogNode

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM publishing_publication_nodes")
        if cursor.fetchone()[0]:
            return
        for topic, code in TOPIC_NODES.items():
            node = CatalogNode.objects.filter(code=code).first()
            if node is not None:
                cursor.execute(
                    "INSERT INTO publishing_publication_nodes (publication_id, catalognode_id)"
                    " SELECT id, %s FROM publishing_publication WHERE topic = %s",
                    [node.pk, topic],
                )
        cursor.execute("ANALYZE publishing_publication_nodes")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    from gongkai.publishing.models import CatalogNode, Publication

    if Publication.objects.filter(state="published").count() != args.count:
        search_bench.fill(args.count)
    link_nodes()
    os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")
    rng = random.Random(7)
    ids = list(Publication.objects.values_list("id", flat=True)[: args.count])
    units = list(Publication.objects.values_list("unit_id", flat=True).distinct())
    node = CatalogNode.objects.filter(code="art20-11").first()
    client = Client()
    n = args.requests
    print(f"PostgreSQL {connection.pg_version // 10000}, {len(ids)} published items\n")
    print(f"{'page':<44}{'median':>11}{'p95':>12}")
    measure(client, [f"/xxgk/info/{rng.choice(ids)}/" for _ in range(n)], "detail /xxgk/info/<id>/")
    measure(
        client,
        ["/xxgk/info/"] * (n // 4) + [f"/xxgk/info/?page={rng.randint(2, 500)}" for _ in range(n // 4)],
        "list /xxgk/info/ (first and deep pages)",
    )
    measure(
        client,
        [
            f"/xxgk/info/?unit={rng.choice(units)}&year={rng.choice([2022, 2023, 2024, 2025])}"
            for _ in range(n // 2)
        ],
        "list filtered by unit and year",
    )
    if node is not None:
        measure(client, [f"/xxgk/info/?node={node.pk}"] * (n // 4), "list filtered by catalogue category")
    measure(
        client, [f"/xxgk/ml/{rng.choice(units)}/" for _ in range(n // 4)], "unit catalogue /xxgk/ml/<unit>/"
    )
    measure(
        client,
        ["/xxgk/info/search/?q=补贴", "/xxgk/info/search/?q=高龄+补贴", "/search/?q=土地征收"] * (n // 12),
        "search pages",
    )


if __name__ == "__main__":
    main()
