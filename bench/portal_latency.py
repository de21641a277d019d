"""The portal under 200 concurrent clients (门户并发), page cache off and on, against a bare ``/healthz``.

    .venv/bin/python bench/portal_latency.py [--clients 200] [--seconds 20] [--workers 4]
                                             [--postgres URL | --sqlite] [--no-redis] [--no-demo]

What it does, all on this machine (issue 11, Load):
  1. a throwaway database — a new PostgreSQL database on the server of ``--postgres`` (default
     postgres://postgres@127.0.0.1:5432/postgres; dropped at the end), or SQLite under a temporary
     GONGKAI_VAR_DIR with ``--sqlite`` or when that server does not answer — migrated, static files collected and
     the demo county loaded (``gongkai demo``);
  2. its own ``redis-server`` on a free loopback port (REDIS_URL: the cache and the page cache live there, as in
     production), unless ``--no-redis`` or no redis-server is installed;
  3. gunicorn with the production profile (DEBUG off, WhiteNoise) and ``--workers`` sync workers on 127.0.0.1;
  4. a mixed set of portal pages found by following the demo site's own links (home, columns, lists, detail pages of
     information, policy documents, interactions, search), then for each of two servers — page cache off
     (GONGKAI_PORTAL_CACHE_SECONDS=0, "before") and on ("after") — ``--clients`` concurrent clients (one asyncio
     loop, one new connection per request as gunicorn's sync workers close them) cycling through that set for
     ``--seconds``, then the same clients on ``/healthz`` (a bare Django view answering "ok") for as long;
  5. p50, p95, p99, requests per second and errors of each run, and the ratio of portal to /healthz throughput
     on the same server (target ≥ 0.6 with the cache on, with p95 < 500 ms and no error).
Servers, Redis and the database are stopped/dropped and the temporary directory removed at the end, even on
failure or Ctrl-C. The load generator shares the 2 cores with the server: absolute figures are pessimistic.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
# Where the crawl for the page mix starts, and how many pages it keeps.
SEEDS = ("/", "/xxgk/", "/xxgk/info/", "/zcwj/", "/hdjl/", "/ysqgk/", "/xxgk/jgzn/", "/search/?q=补贴")
MAX_PAGES = 40
SKIP = re.compile(
    r"^/(work|sysadmin|static|media|a11y|healthz)|\.(pdf|docx|xlsx|xml|zip|ofd)$|/files/|/print/"
)


@dataclass
class Result:
    label: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    hits: int = 0

    def percentile(self, q: float) -> float:
        data = sorted(self.latencies_ms)
        if not data:
            return float("nan")
        index = min(len(data) - 1, max(0, round(q / 100 * len(data) + 0.5) - 1))  # nearest-rank
        return data[index]

    @property
    def median(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_seconds if self.wall_seconds else 0.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def quoted(path: str) -> str:
    """The path as it goes on the wire: non-ASCII (a Chinese search word) percent-encoded as UTF-8."""
    return quote(path, safe="/?=&%:+;,@-._~")


def fetch(port: int, path: str, timeout: float = 30.0) -> tuple[int, str]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", quoted(path), headers={"Host": HOST, "User-Agent": "gongkai-bench"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


async def _get(port: int, request: bytes, timeout: float) -> tuple[int, str]:
    """One GET over a new connection; returns the status and the page-cache header's value."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    try:
        writer.write(request)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(-1), timeout)  # Connection: close — read to the end
    finally:
        writer.close()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    status = int(head.split(" ", 2)[1]) if head.startswith("HTTP/") else 0
    match = re.search(r"(?im)^x-gongkai-cache:\s*(\w+)", head)
    return status, match.group(1) if match else ""


async def _load(port: int, paths: list[str], clients: int, seconds: float, label: str) -> Result:
    result = Result(label)
    requests = [
        f"GET {quoted(path)} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: gongkai-bench\r\nConnection: close\r\n\r\n".encode()
        for path in paths
    ]
    stop_at = time.monotonic() + seconds

    async def client(number: int) -> None:
        index = number  # each client walks the mix from its own offset
        while time.monotonic() < stop_at:
            request = requests[index % len(requests)]
            index += 1
            start = time.perf_counter()
            try:
                status, cache = await _get(port, request, timeout=30)
                ok, detail = status == 200, f"HTTP {status}"
            except (OSError, TimeoutError, ValueError, IndexError) as exc:
                ok, cache, detail = False, "", f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - start) * 1000
            if ok:
                result.latencies_ms.append(elapsed)
                result.hits += cache == "hit"
            else:
                result.errors += 1
                if len(result.error_samples) < 3:
                    result.error_samples.append(detail)

    began = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    result.wall_seconds = time.perf_counter() - began
    return result


def run_load(port: int, paths: list[str], clients: int, seconds: float, label: str) -> Result:
    return asyncio.run(_load(port, paths, clients, seconds, label))


def crawl(port: int) -> list[str]:
    """The page mix: the seeds, then the portal pages they link to, in order of discovery."""
    found: list[str] = []
    queue = list(SEEDS)
    while queue and len(found) < MAX_PAGES:
        path = queue.pop(0)
        if path in found:
            continue
        try:
            status, body = fetch(port, path)
        except OSError:
            continue
        if status != 200:
            continue
        found.append(path)
        for href in re.findall(r'href="([^"#]+)"', body):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link not in found and link not in queue:
                queue.append(link)
    return found


def gongkai(env: dict, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "gongkai.cli", *args]
    return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800)


def prepare(env: dict, load_demo: bool) -> str:
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        done = gongkai(env, *args)
        if done.returncode:
            sys.exit(f"gongkai {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    if not load_demo:
        return "not loaded (--no-demo)"
    done = gongkai(env, "demo")
    if done.returncode:
        return f"not loaded (gongkai demo failed: {done.stderr.strip().splitlines()[-1:]})"
    return "loaded"


def wait_ready(port: int, proc: subprocess.Popen, path: str = "/healthz", timeout: float = 60.0) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if proc.poll() is not None:
            sys.exit(f"server exited early with code {proc.returncode}")
        try:
            if fetch(port, path, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"server did not answer on {HOST}:{port} within {timeout:.0f} s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # gunicorn / redis: graceful shutdown
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def start_redis(var_dir: Path) -> tuple[subprocess.Popen, str] | None:
    binary = shutil.which("redis-server")
    if not binary:
        return None
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--bind",
            HOST,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(var_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    until = time.monotonic() + 10
    while time.monotonic() < until:
        try:
            with socket.create_connection((HOST, port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc, f"redis://{HOST}:{port}/0"
        except OSError:
            time.sleep(0.1)
    stop(proc)
    return None


def create_postgres(url: str) -> tuple[str, str] | None:
    """A new database on the server of ``url``; returns (its URL, its name), or None when the server is out of
    reach."""
    try:
        import psycopg
    except ImportError:
        return None
    name = f"gongkai_bench_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl(), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(result: Result) -> None:
    hits = f"  cache hits {result.hits / len(result.latencies_ms):5.1%}" if result.latencies_ms else ""
    print(
        f"  {result.label:<22} n={len(result.latencies_ms):<6} errors={result.errors:<4} "
        f"p50={result.median:8.1f} ms  p95={result.percentile(95):8.1f} ms  p99={result.percentile(99):8.1f} ms  "
        f"{result.throughput:7.1f} req/s{hits}"
    )
    for sample in result.error_samples:
        print(f"    error sample: {sample}")


def serve(env: dict, var_dir: Path, workers: int, cache_seconds: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env={**env, "GONGKAI_PORTAL_CACHE_SECONDS": str(cache_seconds)}, cwd=var_dir)
    wait_ready(port, proc)
    return proc, port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients (default 200)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each run (default 20 s)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help=f"server for the database ({DEFAULT_POSTGRES})"
    )
    parser.add_argument("--sqlite", action="store_true", help="use SQLite instead of PostgreSQL")
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache instead of Redis")
    parser.add_argument("--no-demo", action="store_true", help="skip loading the demo county")
    parser.add_argument("--only-cached", action="store_true", help="skip the run with the page cache off")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not (1 <= args.clients <= 2000 and 1 <= args.seconds <= 600 and 1 <= args.workers <= 16):
        parser.error("clients 1–2000, seconds 1–600, workers 1–16")

    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        GONGKAI_ENV="production",
        GONGKAI_VAR_DIR=str(var_dir),
        GONGKAI_STATIC_ROOT=str(var_dir / "static"),
        GONGKAI_MEDIA_ROOT=str(var_dir / "media"),
        GONGKAI_PRIVATE_MEDIA_ROOT=str(var_dir / "private"),
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(64),
        GONGKAI_ALLOWED_HOSTS=HOST,
        GONGKAI_SSL_REDIRECT="0",  # plain HTTP on loopback
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        PYTHONPATH=str(ROOT),
    )
    redis = database = server = None
    try:
        if not args.sqlite:
            database = create_postgres(args.postgres)
        if database:
            env["DATABASE_URL"] = database[0]
            db_note = f"PostgreSQL, database {database[1]} (dropped at the end)"
        else:
            db_note = f"SQLite under {var_dir}" + ("" if args.sqlite else f" ({args.postgres} out of reach)")
        if not args.no_redis and (started := start_redis(var_dir)):
            redis, env["REDIS_URL"] = started
            cache_note = f"Redis {env['REDIS_URL']} (own server)"
        else:
            cache_note = "local memory per worker" + ("" if args.no_redis else " (no redis-server)")
        demo = prepare(env, load_demo=not args.no_demo)
        print(f"database: {db_note}; demo county {demo}")
        print(f"cache:    {cache_note}")
        print(
            f"server:   gunicorn gongkai.wsgi:application --workers {args.workers} (sync), production profile"
        )
        print(
            f"load:     {args.clients} concurrent clients, {args.seconds:.0f} s per run, one connection per request"
        )

        phases = [("cache on", 300)] if args.only_cached else [("cache off", 0), ("cache on", 300)]
        outcome: dict[str, tuple[Result, Result]] = {}
        pages: list[str] = []
        for name, seconds in phases:
            server, port = serve(env, var_dir, args.workers, seconds)
            if not pages:
                pages = crawl(port)
                print(f"pages:    {len(pages)} — {' '.join(pages)}")
            for path in pages + ["/healthz"]:  # warm-up: each page once per worker, templates compiled
                for _ in range(args.workers):
                    fetch(port, path)
            portal = run_load(port, pages, args.clients, args.seconds, f"portal, {name}")
            health = run_load(port, ["/healthz"], args.clients, args.seconds, f"/healthz, {name}")
            stop(server)
            server = None
            outcome[name] = (portal, health)
            print(f"{name}:")
            report(portal)
            report(health)
            print(
                f"  ratio portal/healthz throughput: {portal.throughput / health.throughput:.2f} (target ≥ 0.6)"
            )
        if "cache off" in outcome:
            before, after = outcome["cache off"][0], outcome["cache on"][0]
            print(
                f"after/before: throughput {after.throughput / before.throughput:.1f}×, "
                f"p95 {before.percentile(95):.0f} → {after.percentile(95):.0f} ms, "
                f"p50 {before.median:.0f} → {after.median:.0f} ms"
            )
        portal, health = outcome["cache on"]
        met = (
            portal.errors == 0
            and portal.percentile(95) < 500
            and portal.throughput / health.throughput >= 0.6
        )
        print(f"target (cache on: 0 errors, p95 < 500 ms, ratio ≥ 0.6): {'met' if met else 'NOT met'}")
        return 0 if met else 1
    finally:
        stop(server)
        stop(redis)
        if database:
            try:
                drop_postgres(args.postgres, database[1])
            except Exception as exc:  # noqa: BLE001 — report and go on cleaning up
                print(f"could not drop {database[1]}: {exc}")
        if args.keep:
            print(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
