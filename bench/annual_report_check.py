"""Annual-report checker figures: 50 reports in mixed layouts, checked as one batch.

    .venv/bin/python bench/annual_report_check.py [--reports 50] [--repeats 3] [--seed 7]

Builds ``--reports`` reports from random consistent numbers (a quarter of the 2025 ones with one planted error),
25 units over two years so the batch pairs each 2025 report with its unit's 2024 one, in the four layouts in turn
(| text, one cell per line, HTML with spans, .docx with merged cells), and writes them to a temporary folder.
Then, median of ``--repeats`` runs:

- baseline: read every file and extract its plain text (decode; lxml ``text_content``; the text nodes of the
  .docx XML) — what any tool must do before looking at a report;
- check: ``annualreport.check_files`` on the same files (read, rebuild the tables, all rules, year pairing).

Prints the times, the ratio check / baseline, per-layout medians and the findings. The target is < 10 s for 50.
No timed assertion anywhere: this only prints.
"""

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.core import annualreport  # noqa: E402
from gongkai.core.docread.readers import decode_text  # noqa: E402
from gongkai.core.tests.factories import annual_report as fx  # noqa: E402


def random_report(rng: random.Random, unit: str, year: int) -> fx.ReportData:
    outcomes = {code: [rng.randint(0, 9) for _ in range(6)] for code in rng.sample(fx.OUTCOME_CODES, 8)}
    sums = [sum(v[i] for v in outcomes.values()) for i in range(6)]
    carried_over = [rng.randint(0, 3) for _ in range(6)]
    carried_in = [rng.randint(0, s + o) for s, o in zip(sums, carried_over, strict=True)]
    docs = {
        code: {"issued": rng.randint(0, 9), "repealed": rng.randint(0, 5), "in_force": rng.randint(10, 90)}
        for code in ("rules", "normative")
    }
    table2 = {
        **docs,
        "licensing": {"decisions": rng.randint(0, 20000)},
        "penalty": {"decisions": rng.randint(0, 500)},
        "coercion": {"decisions": rng.randint(0, 20)},
        "fees": {"amount": Decimal(rng.randint(0, 99999)) / 100},
    }
    table4 = {g: [rng.randint(0, 3) for _ in range(4)] for g in fx.T4_GROUPS}
    return fx.consistent(
        outcomes=outcomes,
        carried_in=carried_in,
        carried_over=carried_over,
        table2=table2,
        table4=table4,
        unit=unit,
        year=year,
    )


def build(count: int, seed: int) -> list[tuple[str, str, fx.ReportData]]:
    """Pairs of reports per unit: a random 2025 one and a consistent 2024 one; a quarter of the 2025 ones with
    one applicant cell of 本年新收 raised (the prose keeps the old figure)."""
    rng = random.Random(seed)
    reports = []
    for index in range(0, count, 2):
        unit = f"示范县第{index // 2 + 1}局"
        later = random_report(rng, unit, 2025)
        earlier = fx.previous_of(later)
        if rng.random() < 0.25:
            later.pin_text()
            later.table3["new"]["natural_person"] += 1
        for offset, data in enumerate((later, earlier)[: count - index]):
            layout = fx.LAYOUTS[(index + offset) % len(fx.LAYOUTS)]
            reports.append((layout, f"{index + offset:02d}_{unit}_{data.year}", data))
    return reports


def plain_text(data: bytes, name: str) -> str:
    """The baseline: the file's text and nothing else (no tables rebuilt, no rule)."""
    if name.endswith(".docx"):
        import lxml.etree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(lxml.etree.fromstring(archive.read("word/document.xml")).itertext())
    if name.endswith(".html"):
        import lxml.html

        return lxml.html.document_fromstring(decode_text(data)).text_content()
    return decode_text(data)


def median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths: list[tuple[str, Path]] = []
        for layout, stem, data in build(args.reports, args.seed):
            content, default = fx.render(data, layout, random.Random(stem).choice(fx.STYLES))
            path = Path(folder) / (stem + Path(default).suffix)
            path.write_bytes(content)
            paths.append((layout, path))

        def files():
            return [(p.name, p.read_bytes()) for _, p in paths]

        baseline = median_seconds(lambda: [plain_text(d, n) for n, d in files()], args.repeats)
        checked = median_seconds(lambda: annualreport.check_files(files()), args.repeats)
        batch = annualreport.check_files(files())

        per_layout: dict[str, list[float]] = {}
        for layout, path in paths:
            data = path.read_bytes()
            seconds = median_seconds(
                lambda d=data, n=path.name: annualreport.check_files([(n, d)]), args.repeats
            )
            per_layout.setdefault(layout, []).append(seconds * 1000)

    print(
        f"{args.reports} reports, {sum(1 for r in batch.results if r.previous)} paired with last year's report"
    )
    print(f"baseline (read files, extract text): {baseline:.2f} s")
    print(
        f"check_files (read, tables, all rules): {checked:.2f} s   ({checked / args.reports * 1000:.0f} ms a report)"
    )
    print(f"ratio check / baseline: {checked / baseline:.1f}×   target for 50 reports: < 10 s")
    for layout, values in per_layout.items():
        print(f"  {layout:<6} median {statistics.median(values):6.1f} ms, max {max(values):6.1f} ms a report")
    rules: dict[str, int] = {}
    for result in batch.results:
        for finding in result.findings:
            rules[finding.rule] = rules.get(finding.rule, 0) + 1
    failing = sum(1 for r in batch.results if not r.ok)
    print(f"reports with errors: {failing}; findings by rule: {dict(sorted(rules.items()))}")


if __name__ == "__main__":
    main()
