"""Deadline computations per second (依申请公开答复期限), on the real 2004–2026 calendar, no database.

Prints figures for: a plain 20-working-day period; a full ledger (correction restart, extension, two pauses);
and the WorkCalendar build itself. Usage: .venv/bin/python bench/foi_deadlines.py [seconds-per-case]
"""

import random
import sys
import time
from datetime import date, timedelta

from gongkai.core import foi_rules as fr
from gongkai.core.workdays import WorkCalendar


def rate(fn, seconds: float) -> tuple[float, int]:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(200):
            fn()
        n += 200
    return n / (time.perf_counter() - start), n


def main(seconds: float = 2.0) -> None:
    t0 = time.perf_counter()
    cal = WorkCalendar.from_chinesecalendar()
    build_ms = (time.perf_counter() - t0) * 1000
    rng = random.Random(2026)
    days = [date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1000)) for _ in range(5000)]
    plain = [fr.ledger_for(d) for d in days]
    full = [
        fr.ledger_for(
            d,
            correction_requested=d + timedelta(days=3),
            correction_received=d + timedelta(days=10),
            extension=10,
            pauses=[
                (d + timedelta(days=14), d + timedelta(days=30)),
                (d + timedelta(days=40), d + timedelta(days=45)),
            ],
        )
        for d in days
    ]
    it = iter(range(10**12))

    def one_plain():
        fr.compute_due(plain[next(it) % 5000], cal)

    def one_full():
        fr.compute_due(full[next(it) % 5000], cal)

    def one_full_fast():
        fr.compute_due(full[next(it) % 5000], cal, trace=False)

    def one_add():
        cal.add_working_days(days[next(it) % 5000], 20)

    print(f"WorkCalendar build (2004–2026): {build_ms:.0f} ms")
    for label, fn in (
        ("add_working_days(20) only", one_add),
        ("compute_due, receipt only (with trace)", one_plain),
        ("compute_due, correction + extension + 2 pauses", one_full),
        ("compute_due, same ledger, trace=False (lists, caches)", one_full_fast),
    ):
        per_s, n = rate(fn, seconds)
        print(f"{label}: {per_s:,.0f} per second ({n:,} computations, {1e6 / per_s:.1f} µs each)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
