"""Policy library pages with 50,000 published documents on PostgreSQL (median / p95 per page, ratio to a baseline).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_policy_bench \
        .venv/bin/python bench/policy_pages.py [--count 50000] [--requests 50] [--reuse]

Builds its own data set in the (throwaway) database: the publishing and policy tables are emptied and refilled
unless ``--reuse`` finds --count documents. Documents are bulk-created over 15 years, 40 issuing units and the
publishing topics, as published publications with article-style texts; 3 % are replaced by a revised version, 2 %
amended by a 修改决定 (``将第二条修改为：“…”``), 2 % repealed by a later document, 1 % extended, 1 % declared
expired, some not yet in force, 5 % joint documents, 30 % with an interpretation (all revised versions have one).
The derived columns come from ``services.refresh_all()`` (its time is printed: it is the daily cron job).

Requests go through Django's test client in-process (no network), so the figures are the application's own time:
routing, queries, rendering. Baseline: the publishing public list page (``info:list``) on the same data.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai_policy_bench")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")
import policy_diff  # noqa: E402 - clause generator (no Django)
import search_bench  # noqa: E402, F401 - creates the database if missing and sets up Django on it
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

SUBJECTS = [
    ("耕地地力保护补贴", "农业、林业、水利"),
    ("农机购置补贴", "农业、林业、水利"),
    ("城乡最低生活保障", "民政、扶贫、救灾"),
    ("养老服务补贴", "民政、扶贫、救灾"),
    ("义务教育招生入学", "科技、教育"),
    ("学生资助", "科技、教育"),
    ("建设工程规划许可", "城乡建设、环境保护"),
    ("农村村民住房建设", "国土资源、能源"),
    ("创业担保贷款", "劳动、人事、监察"),
    ("企业开办", "市场监管、安全生产监管"),
    ("政府投资项目", "国民经济管理、国有资产监管"),
    ("财政专项资金", "财政、金融、审计"),
    ("医疗救助", "卫生、体育"),
    ("公共租赁住房", "城乡建设、环境保护"),
    ("安全生产监督", "市场监管、安全生产监管"),
]
KINDS = ["管理办法", "实施办法", "实施细则", "若干措施", "管理规定", "暂行办法", "试行办法"]
FORMS = ["text", "text", "text", "graphic", "video", "qa", "press", "expert", "h5", "audio", "live"]


def pct(values, p):
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def body(rng: random.Random, n: int, extra: str = "") -> tuple[str, str]:
    lines = [f"第{policy_diff.cn_number(k)}条　{policy_diff.clause(rng)}" for k in range(1, n + 1)]
    if extra:
        lines.append(f"第{policy_diff.cn_number(n + 1)}条　{extra}")
    text = "\n".join(lines)
    return "".join(f"<p>{line}</p>" for line in lines), text


def revise(rng: random.Random, text: str) -> str:
    """A revised version: one article added, one removed, a few reworded (numbering follows)."""
    bodies = [line.split("　", 1)[1] for line in text.splitlines()]
    del bodies[rng.randrange(len(bodies))]
    bodies.insert(rng.randrange(len(bodies)), policy_diff.clause(rng) + "本条为新增规定。")
    for k in rng.sample(range(len(bodies)), 2):
        bodies[k] = (
            bodies[k].replace("个工作日", "个工作日（不含公示时间）", 1).rstrip("。") + "，并向社会公布。"
        )
    return "\n".join(f"第{policy_diff.cn_number(i)}条　{b}" for i, b in enumerate(bodies, 1))


def aware(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, hour))


def fill(count: int, seed: int = 20261123) -> None:
    from gongkai.orgs.models import Unit, User
    from gongkai.policies import services
    from gongkai.policies.models import Interpretation, PolicyDocument, PolicyRelation
    from gongkai.publishing.models import Publication

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE publishing_searchentry, publishing_publication_nodes, publishing_finding, publishing_scanrun,"
            " publishing_review, publishing_attachment, publishing_publication RESTART IDENTITY CASCADE"
        )
    units = []
    for k in range(40):
        unit, _ = Unit.objects.get_or_create(
            name=f"示范县政策基准单位{k:02d}",
            defaults={"short_name": f"基准单位{k:02d}", "kind": "department", "index_prefix": f"P{k:05d}"},
        )
        units.append(unit)
    author, _ = User.objects.get_or_create(username="bench_author", defaults={"full_name": "基准测试"})
    rng = random.Random(seed)
    today = timezone.localdate()
    first_day = date(today.year - 14, 1, 1)
    span = (today - first_day).days
    seqs: dict[tuple[int, int], int] = {}
    specs = []
    t0 = time.perf_counter()
    for i in range(count):
        subject, topic = rng.choice(SUBJECTS)
        kind_word = rng.choice(KINDS)
        unit = units[(i // 2) % len(units)]  # pairs (old, revised) share the unit
        formed = first_day + timedelta(days=rng.randrange(span - 10))
        role = i % 100
        prev = specs[-1] if specs else None
        title = f"示范县{subject}{kind_word}（第{i}号基准）"
        html, text = body(rng, rng.randint(6, 14))
        relation = None
        if prev is not None and role in (1, 11, 21, 31, 51, 61, 81):
            # A later document acting on the previous one (same unit): revised version, amendment, repeal.
            formed = min(prev["formed"] + timedelta(days=rng.randint(200, 1500)), today - timedelta(days=8))
            formed = max(formed, prev["formed"] + timedelta(days=1))
            if role in (1, 31, 61):
                title = prev["title"].replace("暂行", "").replace("试行", "") + "（修订）"
                text = revise(rng, prev["text"])
                html = "".join(f"<p>{line}</p>" for line in text.splitlines())
                relation = "replaces"
            elif role in (11, 51):
                title = f"关于修改《{prev['title']}》的决定"
                text = (
                    f"决定对《{prev['title']}》作如下修改：\n"
                    f"一、将第二条修改为：“{policy_diff.clause(rng)}”\n本决定自印发之日起施行。"
                )
                html = "".join(f"<p>{line}</p>" for line in text.splitlines())
                relation = "amends"
            else:
                html, text = body(rng, 8, f"《{prev['title']}》同时废止。")
                relation = "repeals"
        published = min(formed + timedelta(days=rng.randint(2, 12)), today)
        effective = published
        if published > today - timedelta(days=30) and rng.random() < 0.3:
            effective = today + timedelta(days=rng.randint(10, 60))  # 尚未生效
        key = (unit.pk, formed.year)
        seqs[key] = seqs.get(key, 0) + 1
        specs.append(
            {
                "unit": unit,
                "title": title,
                "html": html,
                "text": text,
                "topic": topic,
                "formed": formed,
                "published": published,
                "effective": effective,
                "number": (f"示基{unit.pk}规", formed.year, seqs[key]),
                "relation": relation,
                "kind": "policy" if rng.random() < 0.15 else "normative",
                "interpreted": relation == "replaces" or rng.random() < 0.3,
            }
        )
    batch = 2000
    docs = []
    for first in range(0, count, batch):
        chunk = specs[first : first + batch]
        pubs = Publication.objects.bulk_create(
            [
                Publication(
                    unit=s["unit"],
                    author=author,
                    state="published",
                    title=s["title"],
                    body=s["html"],
                    body_text=s["text"],
                    publisher=s["unit"].name,
                    topic=s["topic"],
                    formed_date=s["formed"],
                    published_at=aware(s["published"]),
                    approved_at=aware(s["published"]),
                    doc_number=f"{s['number'][0]}〔{s['number'][1]}〕{s['number'][2]}号",
                    index_number=f"{s['unit'].index_prefix}/{s['published'].year}-{first + j:06d}",
                    validity="valid",
                )
                for j, s in enumerate(chunk)
            ]
        )
        docs += PolicyDocument.objects.bulk_create(
            [
                PolicyDocument(
                    publication=pub,
                    kind=s["kind"],
                    doc_number=pub.doc_number,
                    issuer_code=s["number"][0],
                    doc_year=s["number"][1],
                    doc_seq=s["number"][2],
                    effective_date=s["effective"],
                    is_major=s["kind"] == "normative" and rng.random() < 0.1,
                )
                for pub, s in zip(pubs, chunk, strict=True)
            ]
        )
    print(f"  {count} documents created ({time.perf_counter() - t0:.0f} s)", flush=True)

    relations, co = [], []
    through = PolicyDocument.co_issuers.through
    for k, (doc, s) in enumerate(zip(docs, specs, strict=True)):
        if s["relation"]:
            relations.append(
                PolicyRelation(
                    source=doc,
                    target=docs[k - 1],
                    kind=s["relation"],
                    effective_date=s["effective"],
                    clauses=["第二条"] if s["relation"] == "amends" else [],
                )
            )
        elif k % 100 == 41:
            relations.append(
                PolicyRelation(
                    target=doc,
                    kind="extends",
                    effective_date=min(s["formed"] + timedelta(days=4 * 365), today),
                    extended_until=s["formed"] + timedelta(days=7 * 365),
                    basis="到期评估",
                )
            )
        elif k % 100 == 71:
            relations.append(
                PolicyRelation(
                    target=doc,
                    kind="declares_expired",
                    effective_date=min(s["formed"] + timedelta(days=900), today),
                    basis="规范性文件清理结果",
                )
            )
        if k % 20 == 7:
            co += [
                through(policydocument_id=doc.pk, unit_id=units[(k + d) % len(units)].pk)
                for d in (3, 11)
                if units[(k + d) % len(units)].pk != s["unit"].pk
            ]
    PolicyRelation.objects.bulk_create(relations, batch_size=2000)
    through.objects.bulk_create(co, batch_size=5000)

    interp_specs = [(doc, s) for doc, s in zip(docs, specs, strict=True) if s["interpreted"]]
    for first in range(0, len(interp_specs), batch):
        chunk = interp_specs[first : first + batch]
        pubs = Publication.objects.bulk_create(
            [
                Publication(
                    unit=s["unit"],
                    author=author,
                    state="published",
                    title=f"《{s['title']}》政策解读",
                    body="<p>一、出台背景</p><p>二、主要内容</p><p>三、适用范围和办理流程</p>",
                    body_text="一、出台背景\n二、主要内容\n三、适用范围和办理流程",
                    publisher=s["unit"].name,
                    topic=s["topic"],
                    formed_date=s["formed"],
                    published_at=aware(s["published"] + timedelta(days=rng.choice([0, 0, 0, 1, 9])), 11),
                    approved_at=aware(s["published"]),
                    index_number=f"{s['unit'].index_prefix}/J{s['published'].year}-{first + j:06d}",
                )
                for j, (_doc, s) in enumerate(chunk)
            ]
        )
        interps = Interpretation.objects.bulk_create(
            [
                Interpretation(
                    publication=pub,
                    form=rng.choice(FORMS),
                    media_url="https://www.example.gov.cn/media/jd.mp4",
                    interpreter_unit=s["unit"],
                    interpreter_name="基准测试",
                    elements={},
                )
                for pub, (_doc, s) in zip(pubs, chunk, strict=True)
            ]
        )
        Interpretation.documents.through.objects.bulk_create(
            [
                Interpretation.documents.through(interpretation_id=i.pk, policydocument_id=doc.pk)
                for i, (doc, _s) in zip(interps, chunk, strict=True)
            ]
        )
    print(f"  {len(relations)} relations, {len(interp_specs)} interpretations", flush=True)
    t = time.perf_counter()
    n = services.refresh_all()
    print(f"  services.refresh_all() over {n} documents: {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    services.sync_validity()
    print(f"  services.sync_validity() (the daily job): {time.perf_counter() - t:.2f} s", flush=True)
    with connection.cursor() as cursor:
        for table in (
            "publishing_publication",
            "policies_policydocument",
            "policies_policyrelation",
            "policies_interpretation",
            "policies_interpretation_documents",
            "policies_policydocument_co_issuers",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def measure(client, urls, label, baseline=None, expect="text/html"):
    times = []
    for url in urls:
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        assert expect in response["Content-Type"], (url, response["Content-Type"])
    p95 = pct(times, 95)
    ratio = f"{p95 / baseline:7.1f}×" if baseline else "   (base)"
    print(f"{label:<52}{statistics.median(times):>9.1f} ms{p95:>9.1f} ms {ratio}   ({len(urls)} requests)")
    return p95


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the data when it holds --count documents")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "this benchmark needs PostgreSQL (DATABASE_URL)"
    from gongkai.policies import selectors
    from gongkai.policies.models import PolicyDocument, PolicyRelation
    from gongkai.publishing.models import Publication

    call_command("migrate", verbosity=0)
    if not (args.reuse and PolicyDocument.objects.count() == args.count):
        print(f"Generating {args.count} policy documents …", flush=True)
        fill(args.count)
    n = args.requests
    rng = random.Random(7)
    today = timezone.localdate()
    statuses = dict(
        selectors.with_status(selectors.public_documents())
        .values("live_status")
        .annotate(n=Count("id"))
        .values_list("live_status", "n")
    )
    catalog = selectors.valid_catalog().count()
    print(
        f"PostgreSQL {connection.pg_version // 10000}: {PolicyDocument.objects.count()} documents, "
        f"{Publication.objects.filter(state='published').count()} published publications; statuses {statuses}; "
        f"{catalog} in the 现行有效目录\n"
    )
    units = list(PolicyDocument.objects.order_by().values_list("publication__unit_id", flat=True).distinct())
    topics = [t for _, t in SUBJECTS]
    pages = max(2, PolicyDocument.objects.count() // 20)
    revised = list(
        PolicyRelation.objects.filter(kind="replaces", source__interpretations__isnull=False)
        .values_list("source_id", flat=True)
        .distinct()[: 2 * n]
    )
    library = reverse("zc:library")
    client = Client()
    client.get(reverse("info:list"))
    client.get(library)  # warm-up (templates, jieba for the diff)
    client.get(reverse("zc:document", args=[revised[-1]]))
    print(f"{'page':<52}{'median':>12}{'p95':>12} {'p95 ratio':>8}")
    base = measure(client, [reverse("info:list")] * n, "baseline: publishing list /xxgk/info/ (page 1)")
    measure(client, [library] * n, "library /zcwj/ page 1", base)
    measure(
        client,
        [f"{library}?status={list(statuses)[k % len(statuses)]}" for k in range(n)],
        "  by status",
        base,
    )
    measure(client, [f"{library}?unit={rng.choice(units)}" for _ in range(n)], "  by issuer", base)
    measure(
        client,
        [f"{library}?year={rng.randint(today.year - 14, today.year)}" for _ in range(n)],
        "  by year",
        base,
    )
    measure(client, [f"{library}?topic={rng.choice(topics)}" for _ in range(n)], "  by topic", base)
    measure(
        client,
        [
            f"{library}?q={w}"
            for w in ["补贴", "低保 办法", "修订", "示基12规", "创业担保贷款"] * (n // 5 + 1)
        ][:n],
        "  by keyword (title / 文号)",
        base,
    )
    measure(
        client,
        [
            f"{library}?status=有效&topic={rng.choice(topics)}&year={rng.randint(today.year - 6, today.year)}"
            for _ in range(n)
        ],
        "  status + topic + year",
        base,
    )
    measure(
        client, [f"{library}?page={rng.randint(pages // 2, pages)}" for _ in range(n)], "  deep page", base
    )
    cache.clear()
    docs = revised[:n]
    measure(
        client,
        [reverse("zc:document", args=[pk]) for pk in docs],
        "document (relations, interpretation, diff) first hit",
        base,
    )
    measure(client, [reverse("zc:document", args=[pk]) for pk in docs], "document, diff cached", base)
    plain = list(
        PolicyDocument.objects.filter(relations_in__isnull=True, relations_out__isnull=True).values_list(
            "pk", flat=True
        )[:n]
    )
    measure(client, [reverse("zc:document", args=[pk]) for pk in plain], "document without relations", base)
    per_unit = catalog // max(1, len(units))
    measure(client, [reverse("zc:catalog")] * n, f"现行有效目录 /zcwj/xxml/ ({catalog} rows)", base)
    measure(
        client,
        [f"{reverse('zc:catalog')}?unit={rng.choice(units)}" for _ in range(n)],
        f"  one issuer's part (~{per_unit} rows)",
        base,
    )
    measure(
        client,
        [reverse("zc:catalog_xlsx")] * n,
        f"现行有效目录 .xlsx ({catalog} rows)",
        base,
        expect="spreadsheetml",
    )


if __name__ == "__main__":
    main()
