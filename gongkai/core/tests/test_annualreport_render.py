"""The tables as laid out for publication read back through the checker: same figures, no finding."""

import random

from gongkai.core import annualreport, foi_rules
from gongkai.core.annualreport import render, spec


def tables(seed: int) -> dict:
    rng = random.Random(seed)
    out = render.empty_tables()
    kinds = [t.code for t in foi_rules.APPLICANT_TYPES]
    t3 = out["table3"]
    for kind in kinds:
        done = 0
        for outcome in foi_rules.OUTCOMES:
            t3[outcome.code][kind] = value = rng.randint(0, 4)
            done += value
        carried_over = rng.randint(0, 3)
        carried_in = rng.randint(0, done + carried_over)
        t3["total"][kind], t3["carried_over"][kind] = done, carried_over
        t3["carried_in"][kind], t3["new"][kind] = carried_in, done + carried_over - carried_in
    for row in t3.values():
        row["total"] = sum(row[k] for k in kinds)
    for group in out["table4"].values():
        parts = [rng.randint(0, 2) for _ in range(4)]
        group.update(
            dict(zip(("upheld", "corrected", "other", "pending"), parts, strict=True)), total=sum(parts)
        )
    out["table2"]["normative"].update(
        issued=rng.randint(0, 5), repealed=rng.randint(0, 3), in_force=rng.randint(5, 40)
    )
    out["table2"]["licensing"]["decisions"] = rng.randint(0, 5000)
    out["table2"]["fees"]["amount"] = "12.50"
    return out


def page(data: dict) -> bytes:
    parts = ["<h1>示范县测试局2025年政府信息公开工作年度报告</h1>"]
    for section in spec.SECTIONS:
        parts.append(f"<h2>{section.heading}</h2><p>正文。</p>")
        grid = {"二": render.table2_grid, "三": render.table3_grid, "四": render.table4_grid}.get(
            section.number
        )
        if grid:
            name = {"二": "table2", "三": "table3", "四": "table4"}[section.number]
            parts.append(render.grid_html(grid(data[name])))
    return "".join(parts).encode("utf-8")


def test_rendered_tables_read_back_unchanged():
    for seed in range(20):
        data = tables(seed)
        report = annualreport.read_report(page(data), "r.html")
        assert report.table3 == data["table3"], seed
        assert report.table4 == data["table4"], seed
        assert report.table2["normative"] == data["table2"]["normative"], seed
        assert annualreport.check(report) == [], seed


def test_a_changed_cell_is_caught():
    data = tables(3)
    data["table3"]["grant"]["business"] += 1
    report = annualreport.read_report(page(data), "r.html")
    rules = {f.rule for f in annualreport.check(report)}
    assert {"column_total", "outcome_total"} <= rules


def test_spans_of_the_national_layout():
    grid = render.table3_grid(render.empty_tables()["table3"])
    heading = [c for row in grid for c in row if c.text == spec.RESULTS_HEADING]
    assert heading[0].rowspan == len(spec.OUTCOME_ROWS) + 1
    widths = []
    for row in render.table4_grid(render.empty_tables()["table4"])[3:]:
        widths.append(sum(c.colspan for c in row))
    assert widths == [15]
    html = render.grid_html(grid, link=lambda key: f"/x/{key[1]}/{key[2]}" if key[1] == "new" else "")
    assert '<a href="/x/new/total">0</a>' in html and 'rowspan="22"' in html
