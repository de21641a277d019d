"""The trend chart of inspection runs (巡检趋势图) as SVG markup: scores and finding counts per run.

Server-rendered (no script, no style attribute: the portal's CSP allows neither inline script nor inline style);
colours are presentation attributes. Framework-free; every label is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Point:
    label: str  # the run's date
    score: float  # 0–130 (扣分 part + 加分)
    findings: int
    passed: bool


def trend_svg(points: Sequence[Point], *, width: int = 640, height: int = 220) -> str:
    """A line of scores (left axis 0–130) over bars of finding counts (right axis), one step per run."""
    pad_l, pad_r, pad_t, pad_b = 40, 40, 16, 36
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="trend-title" class="trend-chart">',
        '<title id="trend-title">历次巡检得分（折线）与发现问题数（柱）</title>',
    ]
    for mark in (0, 60, 100, 130):
        y = pad_t + inner_h - inner_h * mark / 130
        parts.append(
            f'<line x1="{pad_l}" y1="{y:.1f}" x2="{width - pad_r}" y2="{y:.1f}" stroke="#d0d7de" stroke-width="1"/>'
            f'<text x="{pad_l - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{mark}</text>'
        )
    if not points:
        parts.append(
            f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" font-size="13" fill="#333">'
            "暂无巡检记录</text></svg>"
        )
        return "".join(parts)
    step = inner_w / max(len(points), 1)
    top = max(max(p.findings for p in points), 1)
    coords = []
    for i, p in enumerate(points):
        x = pad_l + step * (i + 0.5)
        bar_h = inner_h * p.findings / top * 0.6
        parts.append(
            f'<rect x="{x - step * 0.3:.1f}" y="{pad_t + inner_h - bar_h:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bar_h:.1f}" fill="#9ec5fe"><title>{escape(p.label)}：发现问题{p.findings}处</title></rect>'
        )
        y = pad_t + inner_h - inner_h * max(0.0, min(p.score, 130)) / 130
        coords.append((x, y, p))
        parts.append(
            f'<text x="{x:.1f}" y="{height - pad_b + 16}" text-anchor="middle" font-size="11" fill="#333">'
            f"{escape(p.label)}</text>"
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _) in enumerate(coords))
    parts.append(f'<path d="{path}" fill="none" stroke="#0b5394" stroke-width="2"/>')
    for x, y, p in coords:
        colour = "#0b7a0b" if p.passed else "#b00020"
        verdict = "合格" if p.passed else "不合格"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(p.label)}：{p.score:g}分，'
            f"{verdict}</title></circle>"
        )
    parts.append(
        f'<text x="{width - pad_r + 6}" y="{pad_t + 10}" font-size="11" fill="#333">问题数</text>'
        f'<text x="{width - pad_r + 6}" y="{pad_t + 24}" font-size="11" fill="#333">最多{top}</text></svg>'
    )
    return "".join(parts)
