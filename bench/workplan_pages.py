"""Import time per sample (read + extract + resolve units + save the draft plan) and what a reviewer must fix.

Run: GONGKAI_VAR_DIR=/tmp/bench-var .venv/bin/gongkai migrate && GONGKAI_VAR_DIR=/tmp/bench-var \
     .venv/bin/python bench/workplan_pages.py
Needs the demo county (the script loads the units and staff of ``gongkai.orgs.demo`` if missing).
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from django.db import transaction  # noqa: E402

from gongkai.orgs import demo  # noqa: E402
from gongkai.orgs.models import User  # noqa: E402
from gongkai.workplan import services  # noqa: E402
from gongkai.workplan.models import Task  # noqa: E402

SAMPLES = Path(os.environ.get("GONGKAI_SAMPLES", "/work/shared/samples/workpoints"))
RUNS = int(os.environ.get("RUNS", "5"))


class Rollback(Exception):
    pass


def to_docx(text):
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(text):
    from html import escape

    body = "".join(f"<p>{escape(x.strip())}</p>" for x in text.splitlines() if x.strip())
    return f"<html><body><nav>首页 政务公开</nav><div class='article'>{body}</div><footer>版权所有</footer></body></html>".encode()


def measure(office, data, name):
    times, figures = [], None
    for _ in range(RUNS):
        try:
            with transaction.atomic():
                t0 = time.perf_counter()
                plan = services.import_document(actor=office, data=data, filename=name)
                times.append(time.perf_counter() - t0)
                tasks = list(Task.objects.filter(plan=plan).prefetch_related("task_units"))
                unmatched = {c["text"] for t in tasks for c in t.unit_names if not c.get("matched")}
                no_annotation = plan.items.filter(annotation="").count()
                figures = (
                    plan.items.count(),
                    len(tasks),
                    sum(1 for t in tasks if not t.task_units.all()),
                    len(unmatched),
                    no_annotation,
                )
                raise Rollback
        except Rollback:
            pass
    return statistics.median(times), figures


def main():
    if not User.objects.filter(username="office").exists():
        demo.load(io.StringIO())
    office = User.objects.get(username="office")
    print(
        f"{'sample':34} {'fmt':5} {'median':>8}  items tasks no-unit-tasks unmatched-names items-without-annotation"
    )
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for fmt, data in (("txt", path.read_bytes()), ("docx", to_docx(text)), ("html", to_html(text))):
            median, (items, tasks, orphans, unmatched, bare) = measure(office, data, path.name)
            print(
                f"{path.name:34} {fmt:5} {median * 1000:7.0f}ms  {items:5} {tasks:5} {orphans:13} {unmatched:15} {bare:5}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
