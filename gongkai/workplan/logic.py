"""Framework-free rules of the task ledger: live status, reporting cycles, weighted roll-up, year comparison.

No Django imports: the calendar comes in as an ``is_workday(date) -> bool`` callable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE, ONGOING = "not_started", "in_progress", "done", "overdue", "ongoing"
# Recurrences (core.workpoints) that mean the task never "finishes" within the year.
ONGOING_RECURRENCES = ("ongoing", "periodic", "weekly", "monthly", "quarterly", "half-yearly")


def due_date(deadline: date | None, is_workday: Callable[[date], bool]) -> date | None:
    """The last day to finish: a deadline falling on a rest day moves to the next working day
    (期限届满日为法定节假日的，顺延至节假日后的第一个工作日 — the general rule of Chinese administrative deadlines)."""
    if deadline is None:
        return None
    day = deadline
    for _ in range(40):  # the longest holiday run is 8–9 days; 40 is a safe bound
        if is_workday(day):
            return day
        day += timedelta(days=1)
    return deadline


def live_status(
    stored: str,
    deadline: date | None,
    recurrence: str,
    has_progress: bool,
    today: date,
    is_workday: Callable[[date], bool],
) -> str:
    """未开始/进行中/已完成/逾期/持续推进中 as of ``today``: overdue is judged on the statutory calendar."""
    if stored == DONE:
        return DONE
    due = due_date(deadline, is_workday)
    if due is not None and today > due:
        return OVERDUE
    if deadline is None and (recurrence or "").split(":")[0] in ONGOING_RECURRENCES:
        return ONGOING
    if has_progress or stored == IN_PROGRESS:
        return IN_PROGRESS
    return NOT_STARTED


def cycle_bounds(cycle: str, today: date) -> tuple[date, date]:
    """First and last day of the reporting cycle containing ``today``."""
    if cycle == "weekly":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if cycle == "quarterly":
        first_month = (today.month - 1) // 3 * 3 + 1
        start = date(today.year, first_month, 1)
    else:
        start = date(today.year, today.month, 1)
        first_month = today.month
    months = 3 if cycle == "quarterly" else 1
    end_month = first_month + months
    end = date(today.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def working_days_left(today: date, end: date, is_workday: Callable[[date], bool]) -> int:
    """Working days from today to ``end``, both included."""
    left, day = 0, today
    while day <= end:
        left += is_workday(day)
        day += timedelta(days=1)
    return left


# -- roll-up: task → item → part → plan, weighted ------------------------------------------------------------


@dataclass
class Node:
    weight: Decimal
    percent: float | None = None  # leaves carry a percent; inner nodes are computed
    children: list[Node] = field(default_factory=list)


def rollup(node: Node) -> float:
    """Weighted mean of the children's progress (a node with no children keeps its own percent, else 0)."""
    if not node.children:
        return float(node.percent or 0)
    total = sum(float(child.weight) for child in node.children)
    if total <= 0:
        return 0.0
    return sum(float(child.weight) * rollup(child) for child in node.children) / total


def task_percent(status: str, unit_percents: Iterable[int | None]) -> float:
    """A task's progress: 100 when done, else the mean of each owner unit's latest reported percent."""
    if status == DONE:
        return 100.0
    values = [percent or 0 for percent in unit_percents]
    return sum(values) / len(values) if values else 0.0


# -- 回头看: comparing two years' items ---------------------------------------------------------------------

_STOP = {
    "的",
    "和",
    "与",
    "及",
    "等",
    "在",
    "对",
    "为",
    "把",
    "将",
    "了",
    "是",
    "年",
    "要",
    "各",
    "全",
    "县",
    "市",
    "区",
    "加强",
    "推进",
    "进一步",
    "工作",
    "持续",
    "深入",
    "做好",
    "全面",
    "切实",
    "着力",
}
_PUNCT = re.compile(r"[\s\W\d_]+", re.UNICODE)


def tokens(text: str) -> set[str]:
    """Content words (jieba) of a heading or text, without function words and numbers."""
    import jieba

    jieba.setLogLevel(60)
    return {
        word
        for word in jieba.lcut(_PUNCT.sub(" ", text or ""))
        if word.strip() and word not in _STOP and len(word) > 1
    }


def _bigrams(text: str) -> set[str]:
    text = _PUNCT.sub("", text or "")
    return {text[start : start + 2] for start in range(len(text) - 1)}


def _features(heading: str, text: str) -> tuple[set[str], set[str]]:
    """What two items are compared on: the content words of heading and text, the bigrams of the heading."""
    return tokens(f"{heading} {text}"), _bigrams(heading)


def _score(first: tuple[set[str], set[str]], second: tuple[set[str], set[str]]) -> float:
    """0..1: jieba-token Jaccard of the whole items blended with bigram Dice of the headings."""
    (words_a, bigrams_a), (words_b, bigrams_b) = first, second
    jaccard = len(words_a & words_b) / len(words_a | words_b) if words_a and words_b else 0.0
    dice = (
        2 * len(bigrams_a & bigrams_b) / (len(bigrams_a) + len(bigrams_b)) if bigrams_a and bigrams_b else 0.0
    )
    return round(0.6 * jaccard + 0.4 * dice, 3)


MATCH_MIN = 0.18  # below this two items are unrelated
SAME_MIN = 0.6  # at or above this the item continues unchanged in substance


@dataclass
class Pair:
    status: str  # new / continued / changed / dropped
    new: int | None  # index in the new list
    old: int | None
    score: float = 0.0


def compare(
    old: list[tuple[str, str]], new: list[tuple[str, str]], match_min=MATCH_MIN, same_min=SAME_MIN
) -> list[Pair]:
    """Match (heading, text) items of last year (``old``) to this year's (``new``), greedily by best score.

    Each new item is ``continued`` (score ≥ same_min), ``changed`` (a weaker match) or ``new``; old items left
    over are ``dropped``. The result lists new items in their order, then the dropped ones.
    """
    old_features = [_features(heading, text) for heading, text in old]
    new_features = [_features(heading, text) for heading, text in new]
    scores = sorted(
        (
            (_score(new_features[new_index], old_features[old_index]), new_index, old_index)
            for new_index in range(len(new))
            for old_index in range(len(old))
        ),
        key=lambda entry: (-entry[0], entry[1], entry[2]),
    )
    by_new: dict[int, tuple[int, float]] = {}
    used_old: set[int] = set()
    for score, new_index, old_index in scores:
        if score < match_min:
            break
        if new_index in by_new or old_index in used_old:
            continue
        by_new[new_index] = (old_index, score)
        used_old.add(old_index)
    pairs = []
    for new_index in range(len(new)):
        if new_index in by_new:
            old_index, score = by_new[new_index]
            pairs.append(Pair("continued" if score >= same_min else "changed", new_index, old_index, score))
        else:
            pairs.append(Pair("new", new_index, None, 0.0))
    pairs.extend(
        Pair("dropped", None, old_index, 0.0) for old_index in range(len(old)) if old_index not in used_old
    )
    return pairs


COMPARE_LABELS = {"new": "新增", "continued": "延续", "changed": "调整", "dropped": "不再列入"}
