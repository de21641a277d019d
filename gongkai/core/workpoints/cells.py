"""Which column a 分工表 cell belongs to (单元格归列), when the layout does not say.

A task table copied off a web page loses its grid: a merged (rowspan) 目标任务 cell appears once and the rows
below it simply have one cell fewer; a 任务内容 may come as two cells. Every cell is scored for each column by
its shape (a 序号 is a small number, a 工作时限 a short time phrase, a 责任单位 a list of unit names, a 任务内容 a
sentence, a 目标任务 a short phrase close to a body heading), and :func:`align` assigns a row's cells to the
header's columns in order, the assignment with the best total score winning. Skipping a column costs a
little (目标任务: the merged cell above applies) or a lot (任务内容); only 任务内容 and 备注 may take several cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .textsim import similarity
from .timing import find_count, find_deadline, find_recurrence, find_recurrences, find_time_limit
from .units import looks_like_units

SEQ = re.compile(r"^\d{1,3}[.、．]?$")

# What leaving a column empty costs; 目标任务 is cheap (a merged cell), 任务内容 is what a row is for.
SKIP_COST = {
    "seq": 0.5,
    "target": 0.3,
    "content": 1.5,
    "units": 0.8,
    "lead": 0.2,
    "deadline": 0.6,
    "note": 0.0,
}
MULTI = {"content", "note"}
EXTRA_COST = 0.15  # a second cell in 任务内容 (a split sentence)
LEFTOVER_COST = 1.5  # a cell that fits no column


def _heading_similarity(text: str, headings: tuple[str, ...]) -> float:

    return max((similarity(text, h) for h in headings if h), default=0.0)


def looks_like_time(cell: str) -> bool:
    """A 工作时限 cell: a short phrase that is a deadline, a limit, a recurrence or a count."""
    if "。" in cell or len(cell) > 24:
        return False
    if find_deadline(cell, 2000)[1] or find_time_limit(cell) or find_recurrences(cell):
        return True
    if find_recurrence(cell)[0] or (find_count(cell) and len(cell) <= 16):
        return True
    return bool(re.search(r"(?:前|以前|之前|内|完成|长期|全年|年内)$", cell)) and len(cell) <= 12


def scores(cell: str, headings: tuple[str, ...] = ()) -> dict[str, float]:
    """How well ``cell`` fits each column (0 = not at all, about 1 = typical)."""
    return dict(_scores(cell, headings))


@cache
def _scores(cell: str, headings: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    sentence_like = cell.endswith(("。", "；", ";", "！")) or "，" in cell or len(cell) > 30
    time = 1.0 if looks_like_time(cell) else 0.0
    units = 1.0 if "。" not in cell and len(cell) <= 150 and looks_like_units(cell) else 0.0
    if re.search(r"[。；;]", cell) or cell.endswith(("，", ",", "、")):
        target = 0.0
    else:
        close = _heading_similarity(cell, headings) if headings else 0.0
        target = 1.2 if close >= 0.5 else 0.7 if len(cell) <= 30 and "，" not in cell else 0.2
    if units or time:
        target = min(target, 0.4)
    content = 1.0 if sentence_like else 0.6
    if (units or time) and not sentence_like:
        content = 0.2
    return (
        ("seq", 1.0 if SEQ.match(cell) else 0.0),
        ("target", target),
        ("content", content),
        ("units", units),
        ("lead", units),
        ("deadline", time),
        ("note", 0.3),
    )


@dataclass
class Alignment:
    values: dict[str, list[str]] = field(default_factory=dict)  # role → the cells it got, in order
    score: float = 0.0
    skipped: list[str] = field(default_factory=list)  # roles that got no cell
    leftover: list[str] = field(default_factory=list)  # cells that fit no column

    def text(self, role: str, joiner: str = "") -> str:
        return joiner.join(self.values.get(role, []))


def positional(cells: list[str], roles: list[str], headings: tuple[str, ...] = ()) -> Alignment:
    """The cells in column order, as a complete grid has them (trailing columns empty)."""
    result = Alignment()
    for index, role in enumerate(roles):
        if index < len(cells) and cells[index]:
            result.values[role] = [cells[index]]
            result.score += scores(cells[index], headings)[role]
        else:
            result.skipped.append(role)
            result.score -= SKIP_COST.get(role, 0.5)
    result.leftover = [c for c in cells[len(roles) :] if c]
    result.score -= LEFTOVER_COST * len(result.leftover)
    return result


# One step of an alignment: ("put", cell, column) / ("skip", column) / ("left", cell).
_Decision = tuple[str, int, int] | tuple[str, int]


def align(cells: list[str], roles: list[str], headings: tuple[str, ...] = ()) -> Alignment:
    """The best in-order assignment of ``cells`` to the columns ``roles`` (dynamic programming, small rows)."""
    table = [scores(c, headings) for c in cells]
    k, m = len(cells), len(roles)

    @cache
    def best(i: int, j: int, filled: bool) -> tuple[float, tuple[_Decision, ...]]:
        # → (score, decisions)
        if i == k:
            rest = roles[j + 1 :] if filled else roles[j:]
            first = j + 1 if filled else j
            return -sum(SKIP_COST.get(r, 0.5) for r in rest), tuple(("skip", jj) for jj in range(first, m))
        options: list[tuple[float, tuple[_Decision, ...]]] = []
        if j < m:
            role = roles[j]
            if not filled or role in MULTI:
                gain = table[i][role] - (EXTRA_COST if filled else 0.0)
                s, d = best(i + 1, j, True)
                options.append((gain + s, (("put", i, j), *d)))
            s, d = best(i, j + 1, False)
            cost = 0.0 if filled else SKIP_COST.get(role, 0.5)
            options.append((s - cost, d if filled else (("skip", j), *d)))
        else:
            s, d = best(i + 1, j, filled)
            options.append((s - LEFTOVER_COST, (("left", i), *d)))
        return max(options, key=lambda o: o[0])

    score, decisions = best(0, 0, False)
    result = Alignment(score=score)
    for decision in decisions:
        if len(decision) == 3:  # only "put" carries both a cell and a column
            _, cell, column = decision
            result.values.setdefault(roles[column], []).append(cells[cell])
        elif decision[0] == "skip":
            result.skipped.append(roles[decision[1]])
        else:
            result.leftover.append(cells[decision[1]])
    return result
