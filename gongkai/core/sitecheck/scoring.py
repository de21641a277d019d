"""The 19号 scorecard (政府网站检查评分): 单项否决 items pass/fail with evidence, 扣分 out of 100, 加分 out of 30, verdict.

Rules (国办秘函〔2019〕19号, RULES §3): any veto → 不合格 with no further scoring; 扣分 part < 60 → 不合格; 加分 is
scored only when the 扣分 part is above 80; deductions within an item are capped at its points, and a category at
its points. Data in ``rules``. Framework-free.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import rules
from .checks import Issue


@dataclass(frozen=True)
class VetoItem:
    key: str
    label: str
    failed: bool
    evidence: tuple[str, ...] = ()
    checked: bool = True  # False: this crawl cannot see it (互动回应差, 服务不实用): named, not judged


@dataclass(frozen=True)
class DeductionLine:
    category: str
    item: str
    check: str
    count: int
    points: float


@dataclass(frozen=True)
class BonusLine:
    key: str
    label: str
    points: float
    earned: float


@dataclass
class Scorecard:
    vetoes: list[VetoItem]
    deductions: list[DeductionLine]
    bonuses: list[BonusLine]
    deduction_score: float  # 100 − deductions
    bonus_score: float
    total: float
    passed: bool
    verdict: str
    category_totals: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "vetoes": [
                {
                    "key": v.key,
                    "label": v.label,
                    "failed": v.failed,
                    "evidence": list(v.evidence),
                    "checked": v.checked,
                }
                for v in self.vetoes
            ],
            "deductions": [
                {
                    "category": d.category,
                    "item": d.item,
                    "check": d.check,
                    "count": d.count,
                    "points": d.points,
                }
                for d in self.deductions
            ],
            "bonuses": [
                {"key": b.key, "label": b.label, "points": b.points, "earned": b.earned} for b in self.bonuses
            ],
            "deduction_score": self.deduction_score,
            "bonus_score": self.bonus_score,
            "total": self.total,
            "passed": self.passed,
            "verdict": self.verdict,
            "category_totals": self.category_totals,
        }


@dataclass(frozen=True)
class Facts:
    """What the scorecard needs beside the issues: availability samples of the home page over the last week
    (True = answered within 15 s), and the bonus features seen."""

    availability: Sequence[bool] = ()
    elderly_mode: bool = False
    error_report_channel: bool = False
    a11y_checked: bool = False


def _evidence(issues: Iterable[Issue], limit: int = 5) -> tuple[str, ...]:
    return tuple(f"{i.message}（{i.url}）" for i in list(issues)[:limit])


def vetoes(issues: Sequence[Issue], facts: Facts) -> list[VetoItem]:
    by_check: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        by_check[issue.check].append(issue)
    security = [i for i in issues if i.serious and i.check in ("wording", "leader_title", "secrecy")]
    samples = list(facts.availability)
    down = samples.count(False)
    share = down / len(samples) if samples else 0.0
    stale = by_check["stale_column"]
    stale_veto_kind = [i for i in stale if i.serious]
    long_stale = [i for i in stale if not i.serious]
    empty = by_check["empty_column"]
    columns_failed = (
        len(stale_veto_kind) >= rules.VETO_STALE_COLUMNS
        or len(stale) >= rules.VETO_LONG_STALE_COLUMNS
        or len(empty) >= rules.VETO_EMPTY_COLUMNS
    )
    column_evidence = (
        f"动态要闻/通知公告/政策文件类栏目未更新{len(stale_veto_kind)}个（≥{rules.VETO_STALE_COLUMNS}否决）",
        f"应更新而未更新栏目共{len(stale)}个（其中长期未更新{len(long_stale)}个；≥{rules.VETO_LONG_STALE_COLUMNS}否决）",
        f"空白栏目{len(empty)}个（≥{rules.VETO_EMPTY_COLUMNS}否决）",
    )
    return [
        VetoItem(
            "security",
            "安全、泄密事故等严重问题（严重表述错误、泄露国家秘密）",
            bool(security),
            _evidence(security),
        ),
        VetoItem(
            "unreachable",
            "站点无法访问（1周内打不开占比≥5%）",
            bool(samples) and share >= rules.UNREACHABLE_SHARE,
            (f"近1周首页访问{len(samples)}次，打不开{down}次（{share:.0%}）",)
            if samples
            else ("无监测记录",),
            checked=bool(samples),
        ),
        VetoItem(
            "home_unchanged",
            "首页不更新（监测2周）",
            bool(by_check["home_unchanged"]),
            _evidence(by_check["home_unchanged"]),
        ),
        VetoItem("columns", "栏目不更新（栏目超期、长期未更新、空白栏目）", columns_failed, column_evidence),
        VetoItem(
            "interaction",
            "互动回应差",
            False,
            ("本巡检不抓取留言办理情况，以留言办理台账为准",),
            checked=False,
        ),
        VetoItem("service", "服务不实用", False, ("本巡检不检查办事指南要素",), checked=False),
    ]


def deductions(issues: Sequence[Issue]) -> tuple[list[DeductionLine], dict[str, float]]:
    counts = Counter(i.check for i in issues)
    # A veto-class issue is judged by the veto items, not deducted again (serious stale/empty columns still count
    # here when their numbers stay below the veto thresholds).
    lines = []
    for check, n in sorted(counts.items()):
        rule = rules.DEDUCTIONS.get(check)
        if rule is None:
            continue
        lines.append(DeductionLine(rule.category, rule.item, check, n, min(rule.cap, rule.points * n)))
    totals: dict[str, float] = {}
    for category, cap in rules.CATEGORIES.items():
        totals[category] = min(cap, sum(line.points for line in lines if line.category == category))
    return lines, totals


def bonuses(issues: Sequence[Issue], facts: Facts) -> list[BonusLine]:
    seen = {
        "elderly": facts.elderly_mode,
        "a11y_clean": facts.a11y_checked and not any(i.check == "accessibility" for i in issues),
        "error_report": facts.error_report_channel,
    }
    return [BonusLine(b.key, b.label, b.points, b.points if seen.get(b.key) else 0.0) for b in rules.BONUSES]


def scorecard(issues: Sequence[Issue], facts: Facts = Facts()) -> Scorecard:
    veto = vetoes(issues, facts)
    lines, totals = deductions(issues)
    deduction_score = round(100 - sum(totals.values()), 1)
    bonus = bonuses(issues, facts)
    vetoed = any(v.failed for v in veto)
    bonus_score = (
        round(sum(b.earned for b in bonus), 1) if deduction_score > rules.BONUS_GATE and not vetoed else 0.0
    )
    if vetoed:
        failed = "、".join(v.label.split("（")[0] for v in veto if v.failed)
        return Scorecard(
            veto, lines, bonus, deduction_score, 0.0, 0.0, False, f"不合格（单项否决：{failed}）", totals
        )
    total = round(deduction_score + bonus_score, 1)
    if deduction_score < rules.PASS_MARK:
        return Scorecard(
            veto, lines, bonus, deduction_score, bonus_score, total, False, "不合格（扣分后低于60分）", totals
        )
    return Scorecard(veto, lines, bonus, deduction_score, bonus_score, total, True, "合格", totals)
