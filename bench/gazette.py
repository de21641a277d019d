"""Figures of issue 18's gazette and reminders (helper n18d).

    .venv/bin/python bench/gazette.py [--docs 40] [--issues 24] [--units 500]

Uses a scratch SQLite database under ``GONGKAI_VAR_DIR`` (default /tmp/gongkai-gazette-bench; DATABASE_URL for
PostgreSQL), migrated and filled here. Published documents are bulk-inserted (this measures the gazette, not
publishing's workflow), each ~3,000 characters of clauses.

- gazette PDF: ``document.to_pdf`` of an issue of ``--docs`` documents (cover, contents with page numbers, pages);
  baseline: the PDF of a one-document issue, same run. Also compose (add all, publish) through the services.
- portal: ``/xxgk/zfgb/`` with ``--issues`` published issues of ``--docs`` documents each (median of 10 requests,
  page cache off); baseline: ``/xxgk/zhidu/`` (a plain column page), same run.
- reminders: ``sitecheck.services.remind`` over ``--units`` units × every template item with a monthly rule and
  nothing published (every cell overdue: one reminder each, with its audit event), then the second run (idempotent,
  writes nothing); baseline: ``selectors.due_matrix`` alone.

Prints times and ratios; no timed assertion anywhere.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-gazette-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.calendar import services as calendar  # noqa: E402
from gongkai.gazette import document  # noqa: E402
from gongkai.gazette import services as gazette  # noqa: E402
from gongkai.gazette.models import Issue  # noqa: E402
from gongkai.orgs.models import Unit  # noqa: E402
from gongkai.policies.models import PolicyDocument  # noqa: E402
from gongkai.publishing import services as publishing  # noqa: E402
from gongkai.publishing.models import CatalogNode, Publication  # noqa: E402
from gongkai.sitecheck import selectors as sitecheck_selectors  # noqa: E402
from gongkai.sitecheck import services as sitecheck  # noqa: E402
from gongkai.sitecheck.models import NodeRule, Reminder  # noqa: E402

CLAUSE = (
    "为规范本县相关工作，维护公民、法人和其他组织的合法权益，根据有关法律法规，结合本县实际，制定本办法。"
)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def build_documents(n: int, unit: Unit, author) -> list[Publication]:
    now = timezone.now()
    start = Publication.objects.count()
    body = "".join(f"<p>第{i}条　{CLAUSE}</p>" for i in range(1, 60))
    pubs = Publication.objects.bulk_create(
        Publication(
            unit=unit,
            author=author,
            state="published",
            title=f"示范县第{start + i}号管理办法",
            body=body,
            doc_number=f"示政规〔2026〕{start + i}号",
            formed_date=date(2026, 1, 5),
            published_at=now,
        )
        for i in range(1, n + 1)
    )
    pubs = list(Publication.objects.filter(title__in=[p.title for p in pubs]))
    PolicyDocument.objects.bulk_create(PolicyDocument(publication=p, kind="normative") for p in pubs)
    return pubs


def issue_of(pubs, number: int) -> Issue:
    issue = gazette.create_issue(actor=None, year=2026, issued_on=date(2026, 3, 1), number=number)
    gazette.add_entries(issue, actor=None, publications=pubs)
    return gazette.publish_issue(issue, actor=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--issues", type=int, default=24)
    parser.add_argument("--units", type=int, default=500)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    calendar.seed_from_package(years=[2026])
    publishing.ensure_template()
    for model in (Reminder, Issue, NodeRule):
        model.objects.all().delete()
    from gongkai.orgs.models import User

    author = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", password="x" * 12
    )
    office = Unit.objects.get_or_create(name="示范县人民政府办公室", defaults={"kind": "office"})[0]
    Unit.objects.get_or_create(name="示范县人民政府", defaults={"kind": "government"})
    dept = Unit.objects.get_or_create(name="示范县司法局", defaults={"kind": "department"})[0]

    # Gazette PDF and composition.
    pubs = build_documents(args.docs, dept, author)
    one = build_documents(1, office, author)
    t_compose, big = timed(issue_of, pubs, 1)
    small = issue_of(one, 2)
    t_small, small_pdf = timed(document.to_pdf, small)
    t_big, big_pdf = timed(document.to_pdf, big)
    print(f"gazette: compose + publish {args.docs} documents {t_compose:.2f} s")
    print(
        f"gazette PDF: {args.docs} documents {t_big:.2f} s ({len(big_pdf) // 1024} KB); "
        f"baseline 1 document {t_small:.2f} s; ratio {t_big / t_small:.1f}× for {args.docs}× the documents"
    )

    # Portal list with many issues.
    for k in range(3, args.issues + 1):
        issue_of(build_documents(args.docs, dept, author), k)
    client = Client()
    with override_settings(GONGKAI_PORTAL_CACHE_SECONDS=0):
        samples = {"/xxgk/zfgb/": [], "/xxgk/zhidu/": []}
        for url, times in samples.items():
            client.get(url)
            for _ in range(10):
                t, response = timed(client.get, url)
                assert response.status_code == 200
                times.append(t)
    gb, zd = (statistics.median(v) * 1000 for v in samples.values())
    print(
        f"portal /xxgk/zfgb/ ({args.issues} issues × {args.docs} documents, 12 shown): median {gb:.0f} ms; "
        f"baseline /xxgk/zhidu/ {zd:.0f} ms; ratio {gb / zd:.1f}×"
    )

    # Reminders over units × items.
    existing = Unit.objects.filter(name__startswith="基准单位").count()
    Unit.objects.bulk_create(
        Unit(name=f"基准单位{i:04d}", kind="department", sort_order=i) for i in range(existing, args.units)
    )
    for node in CatalogNode.objects.filter(unit__isnull=True, is_active=True):
        sitecheck.set_rule(node, actor=None, kind="monthly", day=15, statutory=True)
    today = date(2026, 12, 10)
    t_matrix, matrix = timed(sitecheck_selectors.due_matrix, None, today)
    cells = len(matrix.cells)
    t_first, written = timed(sitecheck.remind, today)
    t_second, again = timed(sitecheck.remind, today)
    print(f"due matrix (baseline): {Unit.objects.count()} units, {cells} cells in {t_matrix:.2f} s")
    print(
        f"reminders first run: {written} written in {t_first:.1f} s ({t_first / max(written, 1) * 1000:.1f} ms each,"
        f" ratio {t_first / t_matrix:.0f}× the matrix); second run: {again} written in {t_second:.2f} s"
        f" (ratio {t_second / t_matrix:.1f}× the matrix)"
    )


if __name__ == "__main__":
    main()
