"""The inspection's crawl of the platform's *real* portal, in-process (what the job does), per page.

    .venv/bin/python bench/sitecheck_portal.py [--pages 3000] [--keep]

``bench/sitecheck_crawl.py`` measures the crawler and the checks on a generated site served from memory; this one
measures what they cost on our own Django pages. It builds a scratch SQLite install under a temporary
GONGKAI_VAR_DIR (migrate + ``gongkai demo``), then crawls the portal from ``/`` through ``crawler.inprocess_fetch``
up to --pages pages, twice (the page cache cold, then warm), and prints pages, seconds, ms per page, the ratio to a
bare in-process request (``/healthz``, the same fetcher) and the time 25,000 pages (issue 18: 20,000 pages + 5,000
attachments, target < 10 min) would take at that rate. The demo portal has fewer distinct pages than a county's;
list pages and their query variants make up the rest of the walk, so this is a per-page figure, not a site size.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="gongkai-portalcrawl-")
    env = {**os.environ, "GONGKAI_VAR_DIR": var}
    env.pop("DATABASE_URL", None)
    try:
        t = time.perf_counter()
        gongkai = str(Path(sys.executable).parent / "gongkai")
        subprocess.run([gongkai, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([gongkai, "demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"scratch install with the demo county in {time.perf_counter() - t:.0f} s ({var})")
        os.environ.update(GONGKAI_VAR_DIR=var, DJANGO_SETTINGS_MODULE="gongkai.settings")
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        import logging

        import django

        django.setup()
        logging.disable(logging.WARNING)  # the planted broken link's "Not Found" lines
        from django.core.cache import caches

        from gongkai.core.sitecheck import crawl
        from gongkai.sitecheck import crawler

        fetch = crawler.inprocess_fetch()
        fetch(crawler.INTERNAL_ROOT + "healthz")
        t = time.perf_counter()
        for _ in range(200):
            fetch(crawler.INTERNAL_ROOT + "healthz")
        base_ms = (time.perf_counter() - t) / 200 * 1000
        print(f"baseline: bare in-process request /healthz {base_ms:.2f} ms")
        for name in ("portal", "default"):
            caches[name].clear()
        for label in ("page cache cold", "page cache warm"):
            t = time.perf_counter()
            result = crawl.crawl(
                crawler.INTERNAL_ROOT,
                crawler.inprocess_fetch(),
                limits=crawl.Limits(max_pages=args.pages, max_depth=10, max_seconds=1800),
            )
            seconds = time.perf_counter() - t
            pages = result.internal()
            attachments = sum(1 for p in pages if crawl.is_attachment(p.url))
            per = seconds / max(1, len(pages)) * 1000
            print(
                f"{label}: {len(pages)} pages ({attachments} attachments) in {seconds:.1f} s = {per:.1f} ms/page "
                f"({per / base_ms:.1f}× the bare request); 25,000 pages at this rate ≈ {25000 * per / 60000:.1f} min "
                f"(target < 10 min: {'met' if 25000 * per / 60000 < 10 else 'NOT met'})"
                + (f"; stopped: {result.truncated}" if result.truncated else "")
            )
    finally:
        if not args.keep:
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
