"""工作要点 extraction figures: time per document and items found, for the four samples in four formats.

    .venv/bin/python bench/workpoints_extract.py [--repeats 15]

For each sample (shared/samples/workpoints) and each format (.txt as published; .docx, .html with portal chrome
and .pdf with a text layer, all built from the same text the way the tests build them) it prints:

- read: median time of ``docread.read`` (bytes → blocks), extract: median time of ``workpoints.extract``
  (blocks → result), over ``--repeats`` runs, in milliseconds;
- items found by the extractor against a baseline counted independently in the raw text with one regex
  (lines starting with （一）/(一)), parts, tasks, items carrying units, warnings.

Then a plan with a flattened annex 任务分工表 of 60 rows (5 parts × 4 items × 3 rows, built with the tests' fixture
generator) in four layouts: one cell per line (as copied off a web page), tab-separated rows, an HTML table with
rowspans, a Word table. For each: read and extract times, rows read, rows linked, tasks whose 工作时限 is their
own row's, warnings.

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
from gongkai.core.tests.factories import annex as layouts  # noqa: E402
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


_TOPICS = [
    "财政预决算",
    "重大建设项目",
    "社会救助",
    "义务教育",
    "医疗卫生",
    "生态环境",
    "安全生产",
    "市场监管",
    "乡村振兴",
    "就业创业",
    "住房保障",
    "食品药品",
    "交通运输",
    "养老服务",
    "文化旅游",
    "营商环境",
    "应急管理",
    "城市管理",
    "农业农村",
    "政务服务",
]
_VERBS = [
    "及时公开{}相关信息，接受社会监督。",
    "建立{}信息公开清单，每季度更新。",
    "做好{}政策解读，回应群众关切。",
]
_UNITS = [
    "县财政局",
    "县发改委、县直各单位",
    "县政府办牵头，县直各单位",
    "各乡镇人民政府",
    "县教体局、县卫健委",
]
_DEADLINES = ["6月底前", "8月底前，持续推进", "12月底前", "持续推进,及时更新", "每季度", "9月30日前"]


def big_annex() -> layouts.Annex:
    parts = []
    for p in range(5):
        rows = []
        for i in range(4):
            topic = _TOPICS[p * 4 + i]
            for r in range(3):
                n = p * 12 + i * 3 + r
                rows.append(
                    layouts.Row(
                        f"加强{topic}领域信息公开", _VERBS[r].format(topic), _UNITS[n % 5], _DEADLINES[n % 6]
                    )
                )
        parts.append(layouts.Part(f"第{p + 1}方面重点工作", rows))
    return layouts.Annex(parts)


def annex_documents(annex: layouts.Annex) -> dict[str, tuple[bytes, str]]:
    body = layouts.plan_text(annex)
    grid = [list(layouts.HEADER)]
    part = None
    for title, seq, row, _ in annex.numbered():
        if title != part:
            grid.append([title])
            part = title
        grid.append([str(seq), row.target, row.content, row.units, row.deadline])
    return {
        "flat": ((body + "\n" + layouts.flattened(annex)).encode(), "要点.txt"),
        "tabs": ((body + "\n" + layouts.separated(annex)).encode(), "要点.txt"),
        "html": (layouts.plan_html(annex), "要点.html"),
        "docx": (to_docx(body, tables=[grid]), "要点.docx"),
    }


def annex_figures(repeats: int) -> None:
    annex = big_annex()
    rows = layouts.expected(annex)
    print()
    header = (
        f"{'annex':<7}{'KiB':>6}{'read ms':>9}{'extract ms':>11}{'rows':>6}{'linked':>7}"
        f"{'own time':>9}{'warnings':>9}"
    )
    print(f"flattened-annex plan: {len(rows)} rows")
    print(header)
    print("-" * len(header))
    for fmt, (data, filename) in annex_documents(annex).items():
        blocks = docread.read(data, filename=filename)
        result = workpoints.extract(blocks)
        read_ms = median_ms(
            lambda data=data, filename=filename: docread.read(data, filename=filename), repeats
        )
        extract_ms = median_ms(lambda blocks=blocks: workpoints.extract(blocks), repeats)
        wanted = {(r[2], r[3].rstrip("。")): r[5] for r in rows}
        own = sum(
            1
            for item in result["items"]
            for t in item["tasks"]
            if wanted.get((item["heading"], t["text"].rstrip("。"))) == t["deadline_text"]
        )
        info = result["annex"] or {}
        print(
            f"{fmt:<7}{len(data) / 1024:>6.1f}{read_ms:>9.1f}{extract_ms:>11.1f}{info.get('rows', 0):>6}"
            f"{info.get('linked', 0):>7}{own:>9}{len(result['warnings']):>9}"
        )


if __name__ == "__main__":
    main()
    annex_figures(int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 15)
