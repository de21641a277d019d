"""Full-text search figures on PostgreSQL with 200,000 generated publications.

    .venv/bin/python bench/search_bench.py [--count 200000] [--repeat 5] [--reuse]

Uses DATABASE_URL if set, else ``postgres://postgres@127.0.0.1:5432/gongkai_bench`` (created if missing; its
publishing tables are emptied and refilled unless ``--reuse`` finds them already filled). Prints, for 20 typical
queries: the median and p95 latency of ``publishing.search.search`` (count + top 20 with snippets), the same for a
plain ``ILIKE '%…%'`` scan of the normalised text (count + newest 20), their ratio, and the recall (and precision)
of the index against exact substring matching (every term a substring of title + public text).
"""

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

QUERIES = [
    "补贴",
    "低保",
    "城关镇",
    "招生",
    "规划",
    "森林防火",
    "农机购置补贴",
    "土地征收",
    "预算",
    "安全生产",
    "公示 名单",
    "高龄 补贴",
    "教育",
    "防汛",
    "征收 补偿",
    "医疗保障",
    "乡村振兴",
    "政府采购",
    "2024",
    "发改字",
]

# Realistic building blocks of county notices (generated text, no real data).
PLACES = [
    "城关镇",
    "东山镇",
    "西河镇",
    "南岭镇",
    "石桥镇",
    "清溪乡",
    "白云乡",
    "枫林乡",
    "城东街道",
    "城西街道",
]
SUBJECTS = [
    ("耕地地力保护补贴", "农业、林业、水利"),
    ("农机购置补贴", "农业、林业、水利"),
    ("城乡最低生活保障", "民政、扶贫、救灾"),
    ("高龄老人生活补贴", "民政、扶贫、救灾"),
    ("义务教育招生", "科技、教育"),
    ("学生资助", "科技、教育"),
    ("森林防火", "市场监管、安全生产监管"),
    ("防汛抗旱", "农业、林业、水利"),
    ("安全生产检查", "市场监管、安全生产监管"),
    ("土地征收", "国土资源、能源"),
    ("房屋征收补偿", "城乡建设、环境保护"),
    ("政府采购", "财政、金融、审计"),
    ("部门预算", "财政、金融、审计"),
    ("医疗保障", "卫生、体育"),
    ("乡村振兴", "农业、林业、水利"),
    ("国土空间规划", "国土资源、能源"),
    ("重点建设项目", "国民经济管理、国有资产监管"),
    ("环境保护督察", "城乡建设、环境保护"),
    ("食品安全抽检", "市场监管、安全生产监管"),
    ("公务员招录", "劳动、人事、监察"),
]
KINDS = ["通知", "公告", "公示", "通报", "实施方案", "工作要点", "情况说明", "办法"]
SENTENCES = [
    "根据上级有关文件精神，结合我{place}实际，现就{subject}有关事项{kind}如下。",
    "各村（社区）要高度重视{subject}工作，明确责任分工，确保各项任务落到实处。",
    "经个人申请、村级评议、{place}审核，{subject}对象名单予以公示，公示期为7天。",
    "{year}年全县{subject}资金共计{money}万元，已全部通过“一卡通”发放到户。",
    "如有异议，请在公示期内向{place}社会事务办反映，监督电话见本单位信息公开指南。",
    "各有关单位要加强协调配合，及时报送{subject}工作进展情况。",
    "本{kind}自印发之日起施行，有效期五年。",
    "严禁弄虚作假、优亲厚友，对违规行为依法依纪严肃处理。",
    "坚持公开、公平、公正原则，主动接受社会监督。",
    "现将{year}年度{subject}执行情况报告如下：全年完成计划的{pct}%。",
]
DEPTS = ["示发改字", "示财字", "示教科体字", "示自然资字", "示民字", "示农字", "示应急字", "示府办字"]


def generate(rng: random.Random, i: int) -> dict:
    place = rng.choice(PLACES)
    subject, topic = rng.choice(SUBJECTS)
    kind = rng.choice(KINDS)
    year = rng.choice([2021, 2022, 2023, 2024, 2025, 2026])
    title = f"{place}关于{year}年{subject}的{kind}"
    sentences = rng.sample(SENTENCES, k=rng.randint(4, 7))
    body = "\n".join(
        s.format(
            place=place,
            subject=subject,
            kind=kind,
            year=year,
            money=rng.randint(12, 980),
            pct=rng.randint(80, 120),
        )
        for s in sentences
    )
    doc = f"{rng.choice(DEPTS)}〔{year}〕{rng.randint(1, 150)}号" if rng.random() < 0.4 else ""
    return {"title": title, "body": body, "topic": topic, "year": year, "doc": doc}


def _tokens(pair):
    from gongkai.core.search import index_tokens
    from gongkai.publishing.search import vec_literal

    tokens = index_tokens(*pair)
    tokens["vec"] = vec_literal(tokens)
    return tokens


def fill(count: int, seed: int = 20260301) -> None:
    from gongkai.core.search import normalize
    from gongkai.orgs.models import Unit, User
    from gongkai.publishing.models import Publication, SearchEntry
    from gongkai.publishing.search import title_lexemes

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE publishing_searchentry, publishing_publication_nodes, publishing_finding, publishing_scanrun, "
            "publishing_review, publishing_attachment, publishing_publication RESTART IDENTITY CASCADE"
        )
    units = []
    for k, place in enumerate(PLACES + [f"示范县局{k}" for k in range(40)]):
        unit, _ = Unit.objects.get_or_create(
            name=f"示范县{place}人民政府" if k < len(PLACES) else place,
            defaults={
                "short_name": place,
                "kind": "township" if k < len(PLACES) else "department",
                "index_prefix": f"B{k:05d}",
            },
        )
        units.append(unit)
    author, _ = User.objects.get_or_create(username="bench_author", defaults={"full_name": "基准测试"})
    rng = random.Random(seed)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    pool = multiprocessing.get_context("fork").Pool(os.cpu_count() or 2)
    # Bulk load first, index after (as one would for an import); the same indexes as migration 0002.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS publishing_searchentry_vec")
        cursor.execute("DROP INDEX IF EXISTS publishing_searchentry_title_trgm")
        cursor.execute("DROP INDEX IF EXISTS publishing_searchentry_title_vec")
    batch = 2000
    t0 = time.perf_counter()
    for first in range(0, count, batch):
        pubs, rows = [], []
        for i in range(first, min(first + batch, count)):
            g = generate(rng, i)
            unit = units[i % len(units)]
            when = start + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
            pubs.append(
                Publication(
                    unit=unit,
                    author=author,
                    state="published",
                    title=g["title"],
                    body="".join(f"<p>{line}</p>" for line in g["body"].split("\n")),
                    body_text=g["body"],
                    publisher=unit.name,
                    topic=g["topic"],
                    formed_date=(when - timedelta(days=5)).date(),
                    published_at=when,
                    doc_number=g["doc"],
                    index_number=f"{unit.index_prefix}/{when.year}-{i:06d}",
                )
            )
        Publication.objects.bulk_create(pubs)
        texts = [(pub.title, "\n".join(x for x in (pub.doc_number, pub.body_text) if x)) for pub in pubs]
        all_tokens = pool.map(_tokens, texts, chunksize=100)
        for pub, (_title, text), tokens in zip(pubs, texts, all_tokens, strict=True):
            rows.append(
                (
                    pub.pk,
                    pub.unit_id,
                    pub.published_at.date(),
                    pub.title,
                    text,
                    normalize(pub.title),
                    normalize(pub.title + "\n" + text),
                    tokens["title_words"],
                    tokens["title_grams"],
                    tokens["body_words"],
                    tokens["body_grams"],
                    tokens["vec"],
                    title_lexemes(tokens),
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO publishing_searchentry (publication_id, unit_id, published_on, title, text, title_norm,"
                " text_norm, title_words, title_grams, body_words, body_grams, vec, title_vec)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector, array_to_tsvector(%s::text[]))",
                rows,
            )
        done = min(first + batch, count)
        if done % 20000 == 0 or done == count:
            print(f"  generated {done}/{count} ({time.perf_counter() - t0:.0f} s)", flush=True)
    pool.close()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("CREATE INDEX publishing_searchentry_vec ON publishing_searchentry USING gin (vec)")
        cursor.execute(
            "CREATE INDEX publishing_searchentry_title_trgm ON publishing_searchentry USING gin (title_norm gin_trgm_ops)"
        )
        cursor.execute(
            "CREATE INDEX publishing_searchentry_title_vec ON publishing_searchentry USING gin (title_vec)"
        )
        cursor.execute("VACUUM ANALYZE publishing_searchentry")
        cursor.execute("VACUUM ANALYZE publishing_publication")
    assert SearchEntry.objects.count() == count


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def ilike(query: str):
    terms = query.split()
    where = " AND ".join("text_norm ILIKE %s" for _ in terms)
    params = [f"%{t}%" for t in terms]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM publishing_searchentry WHERE {where}", params)  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT publication_id FROM publishing_searchentry WHERE {where} ORDER BY published_on DESC LIMIT 20",  # noqa: S608
            params,
        )
        return total, cursor.fetchall()


def truth(query: str) -> set[int]:
    from gongkai.core.search import normalize

    terms = [normalize(t) for t in query.split()]
    where = " AND ".join("strpos(text_norm, %s) > 0" for _ in terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT publication_id FROM publishing_searchentry WHERE {where}", terms)  # noqa: S608
        return {r[0] for r in cursor.fetchall()}


def found(query: str) -> set[int]:
    from gongkai.core.search import parse_query

    # Every hit, read through the ranked path (the broad path lists the same set in date order).
    from gongkai.publishing import search as search_module
    from gongkai.publishing.search import _postgres

    saved = search_module.BROAD
    search_module.BROAD = 10**9
    try:
        _total, rows, _capped = _postgres(parse_query(query), "", [], 10**7, 0)
    finally:
        search_module.BROAD = saved
    return {r[0] for r in rows}


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data when the table already holds --count rows"
    )
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "this benchmark needs PostgreSQL (DATABASE_URL)"
    from gongkai.publishing import search
    from gongkai.publishing.models import SearchEntry

    call_command("migrate", verbosity=0)
    if not (args.reuse and SearchEntry.objects.count() == args.count):
        print(f"Generating {args.count} publications …", flush=True)
        fill(args.count)
    print(
        f"PostgreSQL {connection.pg_version // 10000}, {SearchEntry.objects.count()} indexed publications\n"
    )
    header = f"{'query':<14}{'hits':>8}{'index med':>11}{'p95':>8}{'ILIKE med':>11}{'p95':>8}{'ratio':>8}{'recall':>8}{'prec.':>7}"
    print(header)
    print("-" * len(header))
    all_idx, all_like, ratios = [], [], []
    recalls, precisions = [], []
    for q in QUERIES:
        idx = timed(lambda q=q: search.search(q), args.repeat)
        like = timed(lambda q=q: ilike(q), args.repeat)
        exact, got = truth(q), found(q)
        recall = len(exact & got) / len(exact) if exact else 1.0
        precision = len(exact & got) / len(got) if got else 1.0
        recalls.append(recall)
        precisions.append(precision)
        all_idx += idx
        all_like += like
        ratio = statistics.median(like) / statistics.median(idx)
        ratios.append(ratio)
        print(
            f"{q:<14}{len(got):>8}{statistics.median(idx):>9.1f}ms{pct(idx, 95):>6.1f}ms"
            f"{statistics.median(like):>9.1f}ms{pct(like, 95):>6.1f}ms{ratio:>7.1f}x{recall:>8.3f}{precision:>7.3f}"
        )
    print("-" * len(header))
    print(
        f"all queries: index median {statistics.median(all_idx):.1f} ms, p95 {pct(all_idx, 95):.1f} ms; "
        f"ILIKE median {statistics.median(all_like):.1f} ms, p95 {pct(all_like, 95):.1f} ms; "
        f"ILIKE/index ratio of medians {statistics.median(all_like) / statistics.median(all_idx):.1f}x "
        f"(per-query ratios {min(ratios):.1f}x–{max(ratios):.1f}x)"
    )
    print(
        f"recall against exact substring: min {min(recalls):.3f}, mean {statistics.mean(recalls):.3f}; "
        f"precision mean {statistics.mean(precisions):.3f} (extra hits come from jieba splitting unspaced words)"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('publishing_searchentry'))")
        print(f"index table size (with GIN and trigram indexes): {cursor.fetchone()[0]}")


if __name__ == "__main__":
    main()
