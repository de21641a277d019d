"""Messages (留言办理) at county scale on PostgreSQL: 200,000 messages, the office list with filters, the public reply
list and search, and a 10,000-row 12345 work-order import.

    .venv/bin/python bench/messages.py [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--count 200000]
        [--requests 40] [--import-rows 10000] [--keep]

A scratch database is created on the server (and dropped at the end unless ``--keep``), migrated and filled with
bulk inserts (this measures reads and the import, not intake): six channels, 50 units, received dates over two
years, every state, 60 % published (10 % of all private), replies rated.

- office list (``/work/messages/`` as the openness office: the dashboard figures and a filtered page of 50), with
  filters open / overdue / channel / unit / title search / a deep page; and a unit officer's scoped list.
  Target p95 < 200 ms.
- public reply list (``/hdjl/liuyan/``, anonymous; the portal page cache is off so every request renders), by
  channel, a deep page, and the keyword search. Target p95 < 150 ms.
- 12345 import of ``--import-rows`` rows (.xlsx): upload, the check job's work and the import job's work through the
  services, with the progress calls counted. Target < 30 s.

Baselines measured in the same run: a bare request (``/work/messages/channels/``, a tiny page through the same
middleware and login) for the pages, and reading the same .xlsx with openpyxl alone for the import. Prints figures
and ratios; no timed assertion.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def create_database(server: str) -> tuple[str, str]:
    import psycopg

    name = f"gongkai_msgbench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(server)._replace(path=f"/{name}").geturl(), name


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=DEFAULT_SERVER, help=f"server (default {DEFAULT_SERVER})")
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="do not drop the scratch database")
    args = parser.parse_args()
    url, name = create_database(args.postgres)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_VAR_DIR", "/tmp/gongkai-messages-bench")
    os.environ["GONGKAI_PORTAL_CACHE_SECONDS"] = "0"  # measure rendering, not the page cache
    os.environ["GONGKAI_JOBS_IMMEDIATE"] = "1"
    print(f"scratch database {name}", flush=True)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept {url}")
        else:
            drop_database(args.postgres, name)
            print(f"dropped {name}")
    return 0


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.calendar import services as calendar

    call_command("migrate", verbosity=0)
    calendar.seed_from_package()
    office, officer, units = setup_org()
    t0 = time.perf_counter()
    fill(args.count, units)
    print(f"filled {args.count} messages in {time.perf_counter() - t0:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE gkmessages_message")  # what autovacuum does to a settled table
    pages(args.requests, office, officer, units)
    import_figures(args.import_rows, office, units)


def setup_org():
    from gongkai.messages import services
    from gongkai.orgs.models import Membership, Unit, UnitKind, User
    from gongkai.roles import Role

    services.ensure_channels()
    office_unit = Unit.objects.create(
        name="压测县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE
    )
    units = [
        Unit.objects.create(
            name=f"压测县第{i:02d}局", short_name=f"县第{i:02d}局", kind=UnitKind.DEPARTMENT, sort_order=i + 1
        )
        for i in range(50)
    ]
    office = User.objects.create_user("bench_office", password="Bench2026pass!", full_name="压测管理员")
    Membership.objects.create(user=office, unit=office_unit, role=Role.OFFICE_ADMIN)
    officer = User.objects.create_user("bench_officer", password="Bench2026pass!", full_name="压测承办人")
    Membership.objects.create(user=officer, unit=units[3], role=Role.EDITOR)
    return office, officer, units


WORDS = ("路灯", "停水", "噪音", "学校", "医保", "道路", "垃圾", "停车", "拆迁", "社保", "物业", "公交")


def fill(count: int, units) -> None:
    from django.utils import timezone

    from gongkai.messages import codes
    from gongkai.messages.models import Channel, Message
    from gongkai.messages.vocab import State

    rng = random.Random(2026)
    channels = list(Channel.objects.all())
    today = timezone.localdate()
    states = [State.REPLIED] * 70 + [State.DISPATCHED] * 15 + [State.RECEIVED] * 5 + [State.DRAFTED] * 5
    states += [State.MERGED] * 3 + [State.INVALID] * 2
    vhash = codes.hash_verification("BENCH")
    batch = []
    for i in range(count):
        received = today - timedelta(days=rng.randrange(730))
        state = rng.choice(states)
        word, other = rng.choice(WORDS), rng.choice(WORDS)
        replied = state == State.REPLIED
        replied_on = received + timedelta(days=rng.randrange(1, 20)) if replied else None
        public = replied and rng.random() < 0.86
        private = rng.random() < 0.1
        subject = f"关于{word}问题的咨询{i}"
        body = f"反映{word}和{other}的情况，请相关部门尽快处理。编号{i}。"
        reply = f"您好，关于{word}的问题已安排处理，感谢监督。" if replied else ""
        batch.append(
            Message(
                channel=rng.choice(channels),
                tracking_code=f"LY-{i:04X}-{i * 7 % 65536:04X}-{i % 1024:02X}"[:24],
                verification_hash=vhash,
                subject=subject,
                body=body,
                writer_name="压测",
                writer_contact="13800000000",
                wants_private=private,
                state=state,
                unit=None if state == State.RECEIVED else rng.choice(units),
                received_on=received,
                due_on=received + timedelta(days=14),
                reply=reply,
                replied_on=replied_on,
                replied_at=timezone.make_aware(datetime.combine(replied_on, datetime.min.time()))
                if replied_on
                else None,
                rating=rng.choice(["", "satisfied", "fairly", "unsatisfied"]) if replied else "",
                published_at=timezone.now() - timedelta(days=rng.randrange(700)) if public else None,
                public_subject=subject if public else "",
                public_body=body if public else "",
                public_reply=reply if public else "",
            )
        )
        if len(batch) == 5000:
            Message.objects.bulk_create(batch)
            batch = []
    Message.objects.bulk_create(batch)


def measure(client, urls, label, base=None) -> float:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    p95 = percentile(times, 95)
    ratio = f"{p95 / base:6.1f}×" if base else "  (base)"
    print(f"{label:<48}{statistics.median(times):>9.1f} ms{p95:>9.1f} ms {ratio}", flush=True)
    return p95


def pages(n: int, office, officer, units) -> None:
    from django.test import Client

    from gongkai.messages.models import Channel

    rng = random.Random(7)
    channels = list(Channel.objects.values_list("pk", flat=True))
    staff = Client()
    staff.force_login(office)
    unit_client = Client()
    unit_client.force_login(officer)
    public = Client()
    for client, url in (
        (staff, "/work/messages/"),
        (unit_client, "/work/messages/"),
        (public, "/hdjl/liuyan/"),
    ):
        client.get(url)  # warm-up
    print(f"\n{'page':<48}{'median':>12}{'p95':>12} {'p95/base':>8}")
    base = measure(staff, ["/work/messages/channels/"] * n, "baseline: bare page /work/messages/channels/")
    results = {}
    results["office"] = [
        measure(staff, ["/work/messages/"] * n, "office list, page 1 (with dashboard)", base),
        measure(staff, ["/work/messages/?state=open"] * n, "  state=open", base),
        measure(staff, ["/work/messages/?due=overdue"] * n, "  due=overdue", base),
        measure(
            staff, [f"/work/messages/?channel={rng.choice(channels)}" for _ in range(n)], "  by channel", base
        ),
        measure(staff, [f"/work/messages/?unit={rng.choice(units).pk}" for _ in range(n)], "  by unit", base),
        measure(staff, [f"/work/messages/?q={rng.choice(WORDS)}" for _ in range(n)], "  title search", base),
        measure(
            staff,
            [f"/work/messages/?state=replied&channel={rng.choice(channels)}&page=40" for _ in range(n)],
            "  replied + channel, page 40",
            base,
        ),
        measure(unit_client, ["/work/messages/?state=open"] * n, "unit officer's list (scoped), open", base),
    ]
    results["public"] = [
        measure(public, ["/hdjl/liuyan/"] * n, "public reply list, page 1", base),
        measure(
            public, [f"/hdjl/liuyan/?channel={rng.choice(channels)}" for _ in range(n)], "  by channel", base
        ),
        measure(
            public, [f"/hdjl/liuyan/?page={rng.randint(100, 1500)}" for _ in range(n)], "  deep page", base
        ),
        measure(public, [f"/hdjl/liuyan/?q={rng.choice(WORDS)}" for _ in range(n)], "  keyword search", base),
        measure(
            public,
            [f"/hdjl/liuyan/?q=编号{rng.randint(0, 199_999)}" for _ in range(n)],
            "  search, rare term",
            base,
        ),
    ]
    office_p95 = max(results["office"])
    public_p95 = max(results["public"])
    print(
        f"\nworst office p95 {office_p95:.1f} ms (target < 200 ms): {'met' if office_p95 < 200 else 'MISSED'}"
    )
    print(
        f"worst public p95 {public_p95:.1f} ms (target < 150 ms): {'met' if public_p95 < 150 else 'MISSED'}"
    )


def import_figures(rows: int, office, units) -> None:
    import io

    from openpyxl import load_workbook

    from gongkai.messages import hotline_samples as samples
    from gongkai.messages import services
    from gongkai.messages.models import HotlineImport, WorkOrder

    names = [u.short_name for u in units[:45]] + ["县城管局", "各乡镇"]
    data = samples.to_xlsx(
        samples.HEADER, samples.rows(rows, units=names, start=date.today() - timedelta(days=90), days=80)
    )
    start = time.perf_counter()
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    read = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    baseline = time.perf_counter() - start
    print(f"\n12345 import of {rows} rows ({len(data) / 1e6:.1f} MB .xlsx)")
    print(f"  baseline: openpyxl reads the file ({read} rows)      {baseline:6.2f} s")
    calls = []

    def progress(done, total=None, message=""):
        calls.append((time.perf_counter(), done, total))

    start = time.perf_counter()
    imp = services.upload(data, actor=office, name="压测工单.xlsx")
    t_upload = time.perf_counter() - start
    imp = services.set_mapping(imp, actor=office, mapping=imp.mapping)
    HotlineImport.objects.filter(pk=imp.pk).update(status=HotlineImport.Status.CHECKING)
    start = time.perf_counter()
    summary = services.check_hotline(imp, actor=office, progress=progress)
    t_check = time.perf_counter() - start
    imp.refresh_from_db()
    choices = {p["text"]: None for p in summary["unresolved"]}
    HotlineImport.objects.filter(pk=imp.pk).update(
        status=HotlineImport.Status.IMPORTING, unit_choices=choices
    )
    imp.refresh_from_db()
    check_calls = len(calls)
    start = time.perf_counter()
    outcome = services.run_import(imp, actor=office, progress=progress)
    t_import = time.perf_counter() - start
    total = t_upload + t_check + t_import
    print(f"  upload (type check, header, mapping guess)    {t_upload:6.2f} s  {t_upload / baseline:5.1f}×")
    print(
        f"  check job work (all rows, units resolved)     {t_check:6.2f} s  {t_check / baseline:5.1f}×"
        f"   progress calls {check_calls}"
    )
    print(
        f"  import job work (read again + one transaction) {t_import:5.2f} s  {t_import / baseline:5.1f}×"
        f"   progress calls {len(calls) - check_calls}"
    )
    print(
        f"  total {total:.2f} s (target < 30 s: {'met' if total < 30 else 'MISSED'}); created {outcome.created}, "
        f"refused {outcome.refused}, left for dispatch {len(choices)} phrases; work orders {WorkOrder.objects.count()}"
    )
    HotlineImport.objects.filter(pk=imp.pk).update(status=HotlineImport.Status.IMPORTING)
    imp = services.upload(data, actor=office, name="压测工单-再次.xlsx")
    HotlineImport.objects.filter(pk=imp.pk).update(
        status=HotlineImport.Status.IMPORTING, unit_choices=choices
    )
    imp.refresh_from_db()
    start = time.perf_counter()
    again = services.run_import(imp, actor=office)
    print(
        f"  re-import of the same file: {time.perf_counter() - start:.2f} s, created {again.created}, "
        f"updated {again.updated}, unchanged {again.unchanged}"
    )


if __name__ == "__main__":
    sys.exit(main())
