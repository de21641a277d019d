"""What the assessment hands out: the 考核结果通报 (.docx and PDF through ``common.officedoc``, the layout the
annual report uses), the scores .xlsx (every cell through ``core.cells``), and a unit's trend as a server-rendered SVG
(no script: the page's CSP forbids inline script and style)."""

from __future__ import annotations

import html
import io

from gongkai.common import officedoc
from gongkai.core.annualreport.render import Cell, Grid
from gongkai.core.cells import escape_row

from .models import Period, Score
from .selectors import (
    Ranked,
    _num,  # noqa: E402 - one number format for the pages and the documents
)


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_title(period: Period) -> str:
    return f"关于{period.label}结果的通报"


def notice_blocks(period: Period, ranked: list[Ranked]) -> list[officedoc.Block]:
    """The 通报: title, opening, one table per unit kind (名次、单位、指标得分、加分、扣分、总分、否决项), closing."""
    scheme = period.scheme
    count = sum(len(r.rows) for r in ranked)
    vetoed = [(s.unit.name, "、".join(_group_labels(s))) for r in ranked for _, s in r.rows if s.vetoed]
    blocks: list[officedoc.Block] = [("title", notice_title(period))]
    blocks.append(("p", "各乡镇人民政府、街道办事处，县政府各部门、各直属单位："))
    blocks.append(
        (
            "p",
            f"根据《{scheme.title}》（政务公开在政府绩效考核中的权重为{_num(scheme.weight)}%），县政务公开办依据"
            f"政务公开平台记录的各项数据和经确认的人工评分，对{count}个单位{_day(period.start)}至"
            f"{_day(period.end)}的政务公开工作进行了考核。现将结果通报如下：",
        )
    )
    for section in ranked:
        blocks.append(("h", f"{section.kind_label}（{len(section.rows)}个）"))
        grid: Grid = [
            [
                Cell(h, header=True)
                for h in ("名次", "单位", "指标得分", "满分", "加分", "扣分", "总分", "一票否决")
            ]
        ]
        for place, score in section.rows:
            grid.append(
                [
                    Cell(str(place)),
                    Cell(score.unit.name),
                    Cell(_num(score.base)),
                    Cell(_num(score.max_base)),
                    Cell(_num(score.bonus)),
                    Cell(_num(score.deduction)),
                    Cell(_num(score.total)),
                    Cell("、".join(_group_labels(score)) or "—"),
                ]
            )
        blocks.append(("grid", grid))
    if vetoed:
        blocks.append(("h", "一票否决情况"))
        for name, groups in vetoed:
            blocks.append(("p", f"{name}：{groups}类指标触发一票否决，该类得分为零。"))
    blocks.append(
        (
            "p",
            "请各单位对照扣分项和平台中的明细逐项整改；考核结果按权重计入年度政府绩效考核。"
            "各单位可在政务公开平台“考核”栏目查看本单位各项得分及其依据的记录。",
        )
    )
    blocks.append(("p", "县人民政府办公室（县政务公开办）"))
    return blocks


def _group_labels(score: Score) -> list[str]:
    labels = {line["group"]: line["group_label"] for line in score.lines}
    return [labels.get(g, g) for g in score.vetoed]


def notice_html(period: Period, ranked: list[Ranked]) -> str:
    parts = []
    for kind, content in notice_blocks(period, ranked):
        if kind == "title":
            parts.append(f"<h1>{html.escape(str(content))}</h1>")
        elif kind == "h":
            parts.append(f"<h2>{html.escape(str(content))}</h2>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(str(content))}</p>")
        else:
            from gongkai.core.annualreport.render import grid_html

            parts.append(grid_html(content, None))  # type: ignore[arg-type]
    return "\n".join(parts)


def notice_docx(period: Period, ranked: list[Ranked]) -> bytes:
    return officedoc.to_docx(notice_blocks(period, ranked))


def notice_pdf(period: Period, ranked: list[Ranked]) -> bytes:
    return officedoc.to_pdf(officedoc.page_html(notice_title(period), notice_html(period, ranked)))


def scores_xlsx(period: Period, ranked: list[Ranked]) -> bytes:
    """Sheet 1: one row per unit; sheet 2: every line of every unit (the indicator, value, points, explanation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "考核成绩"
    sheet.append(["单位类型", "名次", "单位", "指标得分", "满分", "加分", "扣分", "总分", "一票否决类别"])
    lines = book.create_sheet("计分明细")
    lines.append(["单位", "类别", "指标", "计分类别", "数据值", "分子", "分母", "分值", "得分", "说明"])
    for sheet_ in (sheet, lines):
        for cell in sheet_[1]:
            cell.font = Font(bold=True)
    for section in ranked:
        for place, score in section.rows:
            sheet.append(
                escape_row(
                    [
                        section.kind_label,
                        place,
                        score.unit.name,
                        float(score.base),
                        float(score.max_base),
                        float(score.bonus),
                        float(score.deduction),
                        float(score.total),
                        "、".join(_group_labels(score)),
                    ]
                )
            )
            for line in score.lines:
                lines.append(
                    escape_row(
                        [
                            score.unit.name,
                            line.get("group_label", ""),
                            line.get("name", ""),
                            line.get("kind", ""),
                            line.get("value"),
                            line.get("numerator"),
                            line.get("denominator"),
                            line.get("max"),
                            line.get("earned"),
                            line.get("explanation", ""),
                        ]
                    )
                )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def trend_svg(points: list[tuple[str, float, float]], *, width: int = 560, height: int = 200) -> str:
    """A line chart of a unit's totals across periods (y from 0 to the highest full marks), with the values
    written beside the points and a <title> per point. Returns markup safe to insert (every text escaped)."""
    if not points:
        return ""
    left, right, top, bottom = 40, 16, 16, 36
    top_value = max([p[2] for p in points] + [p[1] for p in points] + [1.0])
    span_x = max(len(points) - 1, 1)

    def xy(index: int, value: float) -> tuple[float, float]:
        x = left + (width - left - right) * (index / span_x if len(points) > 1 else 0.5)
        y = top + (height - top - bottom) * (1 - value / top_value)
        return round(x, 1), round(y, 1)

    out = [
        f'<svg class="trend" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="trend-title">',
        '<title id="trend-title">各考核期总分走势</title>',
    ]
    for fraction in (0, 0.5, 1):
        _, y = xy(0, top_value * fraction)
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#ccc" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end" fill="#555">'
            f"{html.escape(_num(top_value * fraction))}</text>"
        )
    coords = [xy(i, total) for i, (_, total, _) in enumerate(points)]
    if len(coords) > 1:
        path = " ".join(f"{x},{y}" for x, y in coords)
        out.append(f'<polyline points="{path}" fill="none" stroke="#b22222" stroke-width="2"/>')
    for (label, total, full), (x, y) in zip(points, coords, strict=True):
        out.append(
            f'<circle cx="{x}" cy="{y}" r="4" fill="#b22222"><title>{html.escape(label)}：'
            f"{html.escape(_num(total))}/{html.escape(_num(full))}分</title></circle>"
            f'<text x="{x}" y="{y - 8}" font-size="11" text-anchor="middle">{html.escape(_num(total))}</text>'
            f'<text x="{x}" y="{height - 12}" font-size="11" text-anchor="middle" fill="#333">'
            f"{html.escape(label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
