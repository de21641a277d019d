"""工作要点 extraction figures: time per document and items found, for the four samples in four formats.

    .venv/bin/python bench/workpoints_extract.py [--repeats 15]

For each sample (shared/samples/workpoints) and each format (.txt as published; .docx, .html with portal chrome
and .pdf with a text layer, all built from the same text the way the tests build them) it prints:

- read: median time of ``docread.read`` (bytes → blocks), extract: median time of ``workpoints.extract``
  (blocks → result), over ``--repeats`` runs, in milliseconds;
- items found by the extractor against a baseline counted independently in the raw text with one regex
  (lines starting with （一）/(一)), parts, tasks, items carrying units, warnings.

No timed assertion anywhere: this only prints.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.core import docread, workpoints  # noqa: E402
from gongkai.core.tests.fixtures import (  # noqa: E402
    SAMPLE_FILES,
    SAMPLES,
    make_pdf,
    to_docx,
    to_html,
    wrap_for_pdf,
)

BASELINE = re.compile(
    r"^\s*(?:\*\*)?(?:\[bookmark:[^\]]*\])?\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]", re.M
)


def builders(text: str) -> dict[str, tuple[bytes, str]]:
    return {
        "txt": (text.encode("utf-8"), "要点.txt"),
        "docx": (to_docx(text), "要点.docx"),
        "html": (to_html(text), "要点.html"),
        "pdf": (make_pdf(wrap_for_pdf(text)), "要点.pdf"),
    }


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    header = (
        f"{'sample':<7}{'format':<7}{'KiB':>6}{'read ms':>9}{'extract ms':>11}"
        f"{'items':>7}{'baseline':>9}{'parts':>6}{'tasks':>6}{'w/units':>8}{'warnings':>9}"
    )
    print(header)
    print("-" * len(header))
    totals: dict[str, list[float]] = {}
    for key, name in SAMPLE_FILES.items():
        text = (SAMPLES / name).read_text(encoding="utf-8")
        baseline = len(BASELINE.findall(text))
        for fmt, (data, filename) in builders(text).items():
            blocks = docread.read(data, filename=filename)
            result = workpoints.extract(blocks)
            read_ms = median_ms(
                lambda data=data, filename=filename: docread.read(data, filename=filename), args.repeats
            )
            extract_ms = median_ms(lambda blocks=blocks: workpoints.extract(blocks), args.repeats)
            totals.setdefault(fmt, []).append(read_ms + extract_ms)
            stats = result["stats"]
            print(
                f"{key:<7}{fmt:<7}{len(data) / 1024:>6.1f}{read_ms:>9.1f}{extract_ms:>11.1f}"
                f"{stats['items']:>7}{baseline:>9}{stats['parts']:>6}{stats['tasks']:>6}"
                f"{stats['items'] - stats['items_without_units']:>8}{len(result['warnings']):>9}"
            )
    print()
    for fmt, values in totals.items():
        print(
            f"{fmt:<5} read+extract per document: median {statistics.median(values):.1f} ms, max {max(values):.1f} ms"
        )


if __name__ == "__main__":
    main()
