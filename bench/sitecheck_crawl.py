"""Crawl figures: the inspection's crawler and checks over a generated portal (20,000 pages, 5,000 attachments),
served from memory (internal only), with progress printed.

    .venv/bin/python bench/sitecheck_crawl.py [--pages 20000] [--attachments 5000]

Measures crawl + parse + the per-page checks (wording, leaders, personal data) — not Django's rendering of our
portal (see the in-process figure printed for comparison: a sample of real portal pages through the handler is not
part of this script). Baseline: reading every generated body once. Target: < 10 min.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.core.sitecheck import checks, crawl, rules  # noqa: E402
from gongkai.core.textscan import DEFAULT_TERMS  # noqa: E402

ROOT = "https://bench.test/"


def make_site(n_pages: int, n_att: int):
    per_list = 50
    lists = max(1, n_pages // per_list)

    def page(i: int) -> bytes:
        att = f'<a href="/files/{i // 4 % n_att}.txt">附件</a>' if n_att and i % 4 == 0 else ""
        return (
            f"<html><head><title>信息{i}</title></head><body><main><h1>关于第{i}项工作的通知</h1>"
            f"<p>县政府办公室印发通知，部署第{i}项工作。联系人李明，电话0799-6200{i % 1000:03d}。</p>{att}"
            f'<time datetime="2026-11-{i % 28 + 1:02d}">2026-11-{i % 28 + 1:02d}</time></main></body></html>'
        ).encode()

    def listing(k: int) -> bytes:
        items = "".join(f'<li><a href="/info/{k * per_list + j}/">信息</a></li>' for j in range(per_list))
        nxt = f'<a href="/list/{k + 1}/">下一页</a>' if k + 1 < lists else ""
        return f"<html><body><main><ul>{items}</ul>{nxt}</main></body></html>".encode()

    def fetch(url: str) -> crawl.Fetched:
        path = url[len(ROOT) - 1 :]
        parts = path.strip("/").split("/")
        if path == "/":
            links = "".join(f'<a href="/list/{k}/">栏目{k}</a>' for k in range(0, lists, 10))
            return crawl.Fetched(200, "text/html", f"<html><body><main>{links}</main></body></html>".encode())
        if parts[0] == "list":
            return crawl.Fetched(200, "text/html", listing(int(parts[1])))
        if parts[0] == "info" and int(parts[1]) < n_pages:
            return crawl.Fetched(200, "text/html", page(int(parts[1])))
        if parts[0] == "files":
            return crawl.Fetched(200, "text/plain", f"附件{parts[1]}正文，无个人信息。".encode())
        return crawl.Fetched(404, "text/html", b"")

    return fetch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--attachments", type=int, default=5000)
    args = parser.parse_args()
    fetch = make_site(args.pages, args.attachments)
    last = [0.0]

    def progress(done, total, msg):
        now = time.perf_counter()
        if now - last[0] > 10:
            last[0] = now
            print(f"  {done}/{total} {msg}", flush=True)

    t0 = time.perf_counter()
    result = crawl.crawl(
        ROOT,
        fetch,
        limits=crawl.Limits(max_pages=10**6, max_depth=10**6, max_seconds=3600),
        progress=progress,
    )
    t_crawl = time.perf_counter() - t0
    terms = DEFAULT_TERMS + rules.MISSPELLINGS
    leaders = [checks.Leader("周明远", ("县长",))]
    t1 = time.perf_counter()
    issues = checks.broken_links(result)
    for p in result.pages.values():
        if p.parsed is not None:
            issues += checks.wording_errors(p, terms)
            issues += checks.leader_titles(p, leaders)
            issues += checks.sensitive_text(p.url, p.parsed.text)
        elif p.fetched.body:
            issues += checks.sensitive_file(p.url, p.fetched.body, "a.txt")
    t_checks = time.perf_counter() - t1
    t2 = time.perf_counter()
    for url in result.pages:
        fetch(url)
    base = time.perf_counter() - t2
    pages = sum(1 for p in result.pages.values() if not p.attachment)
    atts = len(result.pages) - pages
    total = t_crawl + t_checks
    print(
        f"crawl: {pages} pages + {atts} attachments in {t_crawl:.1f} s; checks {t_checks:.1f} s; total {total:.1f} s "
        f"(target < 600 s); issues {len(issues)}; baseline (generate every body once) {base:.1f} s, "
        f"ratio {total / base:.1f}×"
    )


if __name__ == "__main__":
    main()
