"""Resolver speed on the unit annotations of the four sample work-point documents (framework-free, no database).

Run: .venv/bin/python bench/unitphrase_bench.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.core.unitphrase import UnitDirectory, UnitEntry, find_annotations  # noqa: E402
from gongkai.orgs.demo import DEMO_UNITS, PLACE_NAMES  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "workpoints"
if not SAMPLES.exists():
    SAMPLES = Path("/work/shared/samples/workpoints")

entries = [UnitEntry(i + 1, u.name, u.short_name, u.aliases, u.kind) for i, u in enumerate(DEMO_UNITS)]
t0 = time.perf_counter()
directory = UnitDirectory(entries, local_prefixes=("县", "市", "区"), place_names=PLACE_NAMES)
build_ms = (time.perf_counter() - t0) * 1000

phrases = []
for path in sorted(SAMPLES.glob("*.txt")):
    phrases += [t for _, _, t in find_annotations(path.read_text(encoding="utf-8"))]
phrases += [
    "各镇政府、街道办事处，县政府有关部门，有关垂直管理部门，有关企事业单位：",
    "各镇街、县政府有关部门",
]

matches = sum(len(directory.resolve(p)) for p in phrases)
rounds = 50
times = []
for _ in range(rounds):
    for phrase in phrases:
        t = time.perf_counter()
        directory.resolve(phrase)
        times.append((time.perf_counter() - t) * 1000)
times.sort()
unmatched = ["县外事侨务办", "县自然资原局", "县农业农业局", "县发展局"]
fuzzy_times = []
for _ in range(rounds):
    for phrase in unmatched:
        t = time.perf_counter()
        directory.resolve(phrase)
        fuzzy_times.append((time.perf_counter() - t) * 1000)
fuzzy_times.sort()
print(f"directory: {len(entries)} units, built in {build_ms:.2f} ms")
print(
    f"phrases: {len(phrases)} annotations from {len(list(SAMPLES.glob('*.txt')))} samples, {matches} matches"
)
print(
    f"resolve per phrase: median {statistics.median(times):.3f} ms, p95 {times[int(len(times) * 0.95)]:.3f} ms, "
    f"max {times[-1]:.3f} ms ({rounds} rounds)"
)
print(
    f"unknown name (fuzzy candidates): median {statistics.median(fuzzy_times):.3f} ms, "
    f"p95 {fuzzy_times[int(len(fuzzy_times) * 0.95)]:.3f} ms"
)
