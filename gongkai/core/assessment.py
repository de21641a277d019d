"""Scoring of the 政务公开 assessment (政务公开考核评分): how a figure becomes points, and how the points of a unit's
indicators add up. Framework-free; the assessment app feeds it the figures other apps offer.

The samples' scheme (RULES.md, 工作要点 "纳入绩效考核，分值权重不低于4%"): an indicator tree with points per
indicator; each indicator is scored

- **automatically** from a figure (one of :class:`Method`): ``ratio`` (points × rate / 100, the figure being a
  percentage), ``threshold`` (full points at or above a target, else points × value / target when ``partial``, else 0),
  ``per_item`` (points − deduction per counted item, never below ``floor``), ``count_target`` (held / required,
  capped at full points: "至少组织2次培训"), ``flag`` (full points when the figure is 1, e.g. annual report on time);
- **manually** (an assessor's points with evidence, confirmed by a second person);
- as **加分** (bonus, capped per scheme), **扣分** (deduction with a reason) or **一票否决** (veto: the whole
  indicator group scores 0).

A figure with no value (``None``: nothing to count for that unit, e.g. no application received) scores full points:
there was nothing the unit could fail at. Scores are rounded to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

MIN_WEIGHT_PERCENT = 4.0  # 工作要点: 政务公开在政府绩效考核中的分值权重不低于4%


class Method(StrEnum):
    """How an automatic indicator maps its figure to points (自动计分方式)."""

    RATIO = "ratio"
    THRESHOLD = "threshold"
    PER_ITEM = "per_item"
    COUNT_TARGET = "count_target"
    FLAG = "flag"


METHOD_LABELS: dict[str, str] = {
    Method.RATIO: "按比率（分值×比率）",
    Method.THRESHOLD: "达到目标值得满分",
    Method.PER_ITEM: "每项扣分（设下限）",
    Method.COUNT_TARGET: "完成数/应完成数",
    Method.FLAG: "是否达成（是得满分）",
}


class LineKind(StrEnum):
    """What a score line is (计分项类别)."""

    AUTO = "auto"
    MANUAL = "manual"
    BONUS = "bonus"
    DEDUCTION = "deduction"
    VETO = "veto"


KIND_LABELS: dict[str, str] = {
    LineKind.AUTO: "自动计分",
    LineKind.MANUAL: "人工评分",
    LineKind.BONUS: "加分",
    LineKind.DEDUCTION: "扣分",
    LineKind.VETO: "一票否决",
}


@dataclass(frozen=True)
class AutoRule:
    """An automatic rule: ``points`` is the indicator's full score."""

    method: Method
    points: float
    target: float | None = None  # THRESHOLD: the value that earns full points
    partial: bool = False  # THRESHOLD: below target earn points × value / target
    per_item: float = 0.0  # PER_ITEM: points deducted per counted item
    floor: float = 0.0  # PER_ITEM: never below this
    required: float | None = None  # COUNT_TARGET: required count (the figure's own "required" wins)


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def rule_error(rule: AutoRule) -> str:
    """A Chinese message naming what is wrong with a rule, or "" when it is usable."""
    if rule.points <= 0:
        return "分值应大于0。"
    if rule.method == Method.THRESHOLD and (rule.target is None or rule.target <= 0):
        return "“达到目标值”方式需要填写大于0的目标值。"
    if rule.method == Method.PER_ITEM:
        if rule.per_item <= 0:
            return "“每项扣分”方式需要填写大于0的每项扣分。"
        if not 0 <= rule.floor <= rule.points:
            return "扣分下限应在0到该指标分值之间。"
    if rule.method == Method.COUNT_TARGET and rule.required is not None and rule.required <= 0:
        return "应完成数应大于0。"
    return ""


@dataclass(frozen=True)
class Scored:
    points: float
    explanation: str


def auto_points(rule: AutoRule, value: float | None, *, required: float | None = None) -> Scored:
    """The points ``rule`` gives the figure ``value`` (``required`` from the figure overrides the rule's)."""
    full = float(rule.points)
    if value is None:
        return Scored(_round(full), "无应计事项，按满分计")
    value = float(value)
    if rule.method == Method.RATIO:
        rate = _clamp(value, 0.0, 100.0)
        return Scored(_round(full * rate / 100.0), f"比率{rate:g}%×{full:g}分")
    if rule.method == Method.THRESHOLD:
        target = float(rule.target or 0)
        if target <= 0 or value >= target:
            return Scored(_round(full), f"{value:g}达到目标{target:g}")
        if rule.partial:
            return Scored(_round(full * max(value, 0.0) / target), f"{value:g}未达目标{target:g}，按比例计分")
        return Scored(0.0, f"{value:g}未达目标{target:g}")
    if rule.method == Method.PER_ITEM:
        items = max(value, 0.0)
        floor = _clamp(float(rule.floor), 0.0, full)
        earned = max(floor, full - items * float(rule.per_item))
        return Scored(_round(earned), f"{items:g}项×每项扣{rule.per_item:g}分（下限{floor:g}分）")
    if rule.method == Method.COUNT_TARGET:
        need = required if required is not None else rule.required
        if need is None or need <= 0:
            return Scored(_round(full), "无应完成数，按满分计")
        done = max(value, 0.0)
        return Scored(_round(full * min(done, float(need)) / float(need)), f"完成{done:g}/应完成{need:g}")
    if rule.method == Method.FLAG:
        ok = value >= 1
        return Scored(_round(full) if ok else 0.0, "已达成" if ok else "未达成")
    raise ValueError(f"unknown method {rule.method!r}")


@dataclass(frozen=True)
class Line:
    """One scored line of a unit: the group it belongs to, its kind, the points it may earn and earned.

    For BONUS ``earned`` is the bonus (≥ 0), for DEDUCTION the points deducted (≥ 0), for VETO ``vetoed`` says
    whether the veto applies (``earned`` unused)."""

    group: str
    kind: LineKind
    max_points: float
    earned: float
    vetoed: bool = False


@dataclass(frozen=True)
class Total:
    base: float  # the indicator groups (auto + manual), vetoed groups at 0
    bonus: float  # after the scheme's cap
    deduction: float
    total: float  # base + bonus − deduction, never below 0
    max_base: float
    groups: dict[str, float] = field(default_factory=dict)
    vetoed_groups: tuple[str, ...] = ()
    bonus_uncapped: float = 0.0


def combine(lines: Iterable[Line], *, bonus_cap: float) -> Total:
    """Add a unit's lines up: each group's auto and manual points (each line within 0…its maximum), a vetoed
    group at 0, bonuses up to ``bonus_cap``, deductions, the total never below 0."""
    groups: dict[str, float] = {}
    max_base = 0.0
    vetoed: list[str] = []
    bonus = 0.0
    deduction = 0.0
    for line in lines:
        if line.kind in (LineKind.AUTO, LineKind.MANUAL):
            groups[line.group] = groups.get(line.group, 0.0) + _clamp(line.earned, 0.0, line.max_points)
            max_base += line.max_points
        elif line.kind == LineKind.BONUS:
            bonus += max(line.earned, 0.0)
        elif line.kind == LineKind.DEDUCTION:
            deduction += max(line.earned, 0.0)
        elif line.kind == LineKind.VETO:
            groups.setdefault(line.group, 0.0)
            if line.vetoed and line.group not in vetoed:
                vetoed.append(line.group)
    for group in vetoed:
        groups[group] = 0.0
    capped = min(bonus, max(bonus_cap, 0.0))
    base = sum(groups.values())
    return Total(
        base=_round(base),
        bonus=_round(capped),
        deduction=_round(deduction),
        total=_round(max(0.0, base + capped - deduction)),
        max_base=_round(max_base),
        groups={g: _round(v) for g, v in groups.items()},
        vetoed_groups=tuple(vetoed),
        bonus_uncapped=_round(bonus),
    )


def rank(scores: Mapping[int, float]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of ``{unit_id: total}``, highest first; ties share a rank."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    out: dict[int, int] = {}
    previous: float | None = None
    position = 0
    for index, (unit_id, total) in enumerate(ordered, start=1):
        if previous is None or total != previous:
            position = index
            previous = total
        out[unit_id] = position
    return out


def weight_error(weight_percent: float) -> str:
    """The scheme's weight within the government performance assessment must be ≥ 4%."""
    if weight_percent < MIN_WEIGHT_PERCENT:
        return (
            f"政务公开在政府绩效考核中的分值权重不得低于{MIN_WEIGHT_PERCENT:g}%（当年政务公开工作要点），"
            f"请将权重改为{MIN_WEIGHT_PERCENT:g}或以上。"
        )
    if weight_percent > 100:
        return "权重是百分比，不能超过100。"
    return ""
