"""Working-day calendar figures: seeding 23 years into a fresh database, and 100k add_working_days(…, 20) calls.

    .venv/bin/python bench/workdays.py

Uses a throwaway SQLite database under a temporary directory (or DATABASE_URL if set).
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from gongkai.calendar import services  # noqa: E402
from gongkai.calendar.models import HolidayCalendar  # noqa: E402

call_command("migrate", verbosity=0)
HolidayCalendar.objects.all().delete()

t0 = time.perf_counter()
created = services.seed_from_package()
seed_s = time.perf_counter() - t0
print(f"seed_from_package: {len(created)} years in {seed_s * 1000:.0f} ms")

t0 = time.perf_counter()
services.get_calendar()
print(
    f"first get_calendar() (build from DB, statutory holidays of 10 uncovered years computed): "
    f"{(time.perf_counter() - t0) * 1000:.1f} ms"
)
services._new_version()
t0 = time.perf_counter()
services.get_calendar()
print(
    f"get_calendar() after a change (lunar dates cached in the process): {(time.perf_counter() - t0) * 1000:.1f} ms"
)

rng = random.Random(2026)
starts = [date(2004, 1, 1) + timedelta(days=rng.randrange(0, 8400)) for _ in range(100_000)]

cal = services.get_calendar()
t0 = time.perf_counter()
for s in starts:
    cal.add_working_days(s, 20)
core_s = time.perf_counter() - t0
print(f"100k WorkCalendar.add_working_days(d, 20): {core_s:.3f} s ({core_s * 10:.2f} µs/call)")

t0 = time.perf_counter()
for s in starts:
    services.add_working_days(s, 20)
svc_s = time.perf_counter() - t0
print(
    f"100k services.add_working_days(d, 20) incl. get_calendar() cache check: {svc_s:.3f} s ({svc_s * 10:.2f} µs/call)"
)

t0 = time.perf_counter()
for s in starts[:10_000]:
    cal.deadline(s, 20, excluded=[(s + timedelta(days=5), s + timedelta(days=9))])
print(f"10k deadline(d, 20, one pause) with trace: {time.perf_counter() - t0:.3f} s")
