"""Latency of the public home page (门户首页) under gunicorn, against a static file served by the same server.

    .venv/bin/python bench/portal_latency.py [--requests 2000] [--concurrency 8] [--workers 2]

What it does, all on this machine:
  1. a throwaway SQLite database under a temporary GONGKAI_VAR_DIR (never your var/), migrated, static files
     collected, and the demo county loaded (``gongkai demo``) when it loads;
  2. gunicorn with the production profile (DEBUG off, WhiteNoise for static files) on 127.0.0.1 at a free port;
  3. a warm-up, then N GETs of ``/`` and N GETs of ``/static/css/site.css`` from a few client threads, one new
     connection per request (gunicorn's sync workers close them anyway), bounded in count and in time;
  4. median, p95, p99, throughput and errors for each, and the ratio home / static file — the static file is the
     floor this server and client reach on this machine, so the ratio is what Django and the template cost.
The server is stopped and the temporary directory removed at the end, even on failure or Ctrl-C.
The client threads share the 2 cores with the server: absolute figures are pessimistic, the ratio is the point.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only


@dataclass
class Result:
    path: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0

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


def fetch(port: int, path: str, timeout: float = 10.0) -> tuple[int, int]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": HOST, "User-Agent": "gongkai-bench"})
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def run_load(port: int, path: str, total: int, concurrency: int, deadline_s: float) -> Result:
    """Send ``total`` GETs of ``path`` from ``concurrency`` threads, stopping early at the deadline."""
    result = Result(path)
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + deadline_s

    def worker():
        while time.monotonic() < stop_at:
            with lock:
                if next(counter, None) is None:
                    return
            start = time.perf_counter()
            try:
                status, _ = fetch(port, path)
                ok = status == 200
                detail = f"HTTP {status}"
            except OSError as exc:
                ok, detail = False, f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    if len(result.error_samples) < 3:
                        result.error_samples.append(detail)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.wall_seconds = time.perf_counter() - began
    return result


def gongkai(env: dict, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "gongkai.cli", *args]
    return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)


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


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 30.0) -> None:
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited early with code {server.returncode}")
        try:
            if fetch(port, "/", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer on {HOST}:{port} within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of the master and its workers
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def report(result: Result) -> None:
    print(
        f"  {result.path:<24} n={len(result.latencies_ms):<5} errors={result.errors:<3} "
        f"median={result.median:7.2f} ms  p95={result.percentile(95):7.2f} ms  p99={result.percentile(99):7.2f} ms  "
        f"throughput={result.throughput:7.1f} req/s"
    )
    for sample in result.error_samples:
        print(f"    error sample: {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per URL (default 2000)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--warmup", type=int, default=100, help="warm-up requests per URL (default 100)")
    parser.add_argument("--max-seconds", type=float, default=120, help="time cap per URL (default 120 s)")
    parser.add_argument("--no-demo", action="store_true", help="skip loading the demo county")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 64 and 1 <= args.workers <= 16):
        parser.error("requests 1–100000, concurrency 1–64, workers 1–16")

    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        GONGKAI_ENV="production",
        GONGKAI_VAR_DIR=str(var_dir),
        GONGKAI_STATIC_ROOT=str(var_dir / "static"),
        GONGKAI_MEDIA_ROOT=str(var_dir / "media"),
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(64),
        GONGKAI_ALLOWED_HOSTS=HOST,
        GONGKAI_SSL_REDIRECT="0",  # plain HTTP on loopback
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        PYTHONPATH=str(ROOT),
    )
    server = None
    try:
        demo = prepare(env, load_demo=not args.no_demo)
        port = free_port()
        server_cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ]
        print("server: ", shlex.join(["gunicorn", *server_cmd[3:]]))
        print(f"database: SQLite under {var_dir} (demo county {demo})")
        server = subprocess.Popen(server_cmd, env=env, cwd=var_dir)
        wait_ready(port, server)
        paths = ["/", "/static/css/site.css"]
        for path in paths:
            run_load(port, path, args.warmup, args.concurrency, args.max_seconds)
        print(
            f"load: {args.requests} GETs per URL, {args.concurrency} client threads, {args.workers} workers"
        )
        results = {
            path: run_load(port, path, args.requests, args.concurrency, args.max_seconds) for path in paths
        }
        for result in results.values():
            report(result)
        home, static = results["/"], results["/static/css/site.css"]
        print(
            f"ratio home/static: median {home.median / static.median:.2f}x, "
            f"p95 {home.percentile(95) / static.percentile(95):.2f}x, "
            f"throughput {static.throughput / home.throughput:.2f}x fewer req/s"
        )
        incomplete = [r.path for r in results.values() if len(r.latencies_ms) + r.errors < args.requests]
        if incomplete:
            print(f"note: time cap of {args.max_seconds:.0f} s reached for {', '.join(incomplete)}")
        return 1 if any(r.errors for r in results.values()) else 0
    finally:
        if server is not None:
            stop(server)
        if args.keep:
            print(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
