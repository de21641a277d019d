"""When a catalogue item (公开事项) is due for publication, from a structured rule (公开时限).

Rule kinds (the law as data; sources cited in ``RULE_SOURCES``):

- ``event``: within N working days of an event (e.g. 条例第二十六条: 20 working days after the information is formed or
  changed). Due = the event date + N working days on the county's calendar; met by a publication on or after the
  event date.
- ``monthly``: by day D of every month; ``quarterly``: by day D of month M (1–3) after each quarter ends;
  ``yearly``: by month/day every year (年报 by 31 January, 条例第四十九条). A deadline is met by a publication after
  the previous deadline (its period); a late publication still clears it, so overdue is "the latest deadline passed
  with nothing published in its period".
- ``dynamic``: 动态更新 — no deadline; only an empty statutory item is flagged.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

EVENT = "event"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"
DYNAMIC = "dynamic"
KINDS = (EVENT, MONTHLY, QUARTERLY, YEARLY, DYNAMIC)

RULE_SOURCES = {
    EVENT: "《政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。",
    MONTHLY: "按月公开（如统计月报）：以本单位公开目录确定的日期为准。",
    QUARTERLY: "按季度公开（如财政收支季报）：以本单位公开目录确定的日期为准。",
    YEARLY: "按年度公开：如年度报告每年1月31日前（部门）、3月31日前（本级政府）公布（条例第四十九条）；"
    "预算、决算按《预算法》第十四条在批准后20日内公开。",
    DYNAMIC: "动态更新：无固定期限，法定主动公开内容不得长期为空。",
}


class RuleError(ValueError):
    """A rule whose parameters do not make sense (Chinese message)."""


@dataclass(frozen=True)
class DueRule:
    kind: str
    n_days: int = 0  # event: working days after the event
    month: int = 0  # quarterly: month after the quarter (1–3); yearly: month (1–12)
    day: int = 0  # monthly / quarterly / yearly: day of the month (clamped to the month's length)

    def check(self) -> DueRule:
        if self.kind not in KINDS:
            raise RuleError(f"未知的公开时限类型“{self.kind}”，应为：{'、'.join(KINDS)}。")
        if self.kind == EVENT and not 1 <= self.n_days <= 365:
            raise RuleError("“事件发生后N个工作日内”须填写1至365之间的工作日数。")
        if self.kind in (MONTHLY, QUARTERLY, YEARLY) and not 1 <= self.day <= 31:
            raise RuleError("按月/季/年公开须填写截止日（1至31日）。")
        if self.kind == QUARTERLY and not 1 <= self.month <= 3:
            raise RuleError("按季度公开须填写季度结束后的第几个月（1至3）。")
        if self.kind == YEARLY and not 1 <= self.month <= 12:
            raise RuleError("按年度公开须填写截止月份（1至12月）。")
        return self

    def describe(self) -> str:
        if self.kind == EVENT:
            return f"形成或变更之日起{self.n_days}个工作日内"
        if self.kind == MONTHLY:
            return f"每月{self.day}日前"
        if self.kind == QUARTERLY:
            return f"每季度结束后第{self.month}个月{self.day}日前"
        if self.kind == YEARLY:
            return f"每年{self.month}月{self.day}日前"
        return "动态更新"


def _on(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _cal.monthrange(year, month)[1]))


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def deadlines_around(rule: DueRule, today: date) -> list[date]:
    """The periodic deadlines from a little over a period before ``today`` to a little after, ascending."""
    out: list[date] = []
    if rule.kind == MONTHLY:
        for k in range(-2, 3):
            y, m = _add_months(today.year, today.month, k)
            out.append(_on(y, m, rule.day))
    elif rule.kind == QUARTERLY:
        q_start = (today.month - 1) // 3 * 3 + 1
        for k in range(-3, 3):
            y, m = _add_months(today.year, q_start, 3 * k + 3 + rule.month - 1)
            out.append(_on(y, m, rule.day))
    elif rule.kind == YEARLY:
        out = [_on(today.year + k, rule.month, rule.day) for k in range(-2, 3)]
    return sorted(out)


@dataclass
class DueStatus:
    """One unit × item cell: its last publication, the next deadline, and whether a deadline has passed unmet."""

    next_due: date | None = None
    overdue: bool = False
    overdue_since: date | None = None
    provisional: bool = False
    reasons: list[str] = field(default_factory=list)

    def label(self) -> str:
        if self.overdue:
            return f"逾期（应于{self.overdue_since:%Y-%m-%d}前公开）"
        if self.next_due:
            return f"下次应于{self.next_due:%Y-%m-%d}前"
        return "—"


def status(
    rule: DueRule,
    *,
    last_published: date | None,
    today: date,
    event_date: date | None = None,
    add_working_days: Callable[[date, int], tuple[date, bool]] | None = None,
    marks: list[date] | None = None,
) -> DueStatus:
    """The cell's state on ``today``. ``add_working_days(start, n) -> (date, provisional)`` is the calendar's
    (event rules only); ``marks`` are ``deadlines_around(rule, today)`` when the caller computes them once for many
    cells."""
    if rule.kind == DYNAMIC:
        return DueStatus()
    if rule.kind == EVENT:
        if event_date is None:
            return DueStatus()
        if last_published is not None and last_published >= event_date:
            return DueStatus()
        if add_working_days is None:
            raise RuleError("事件类时限需要工作日历。")
        due, provisional = add_working_days(event_date, rule.n_days)
        late = today > due
        return DueStatus(
            next_due=due,
            overdue=late,
            overdue_since=due if late else None,
            provisional=provisional,
            reasons=["工作日历未覆盖该年度，日期为暂定"] if provisional else [],
        )
    marks = marks if marks is not None else deadlines_around(rule, today)
    passed = [d for d in marks if d <= today]
    k = len(passed) - 1  # index of the latest deadline passed

    # Period of deadline i: from the day after deadline i-1 up to deadline i.
    def start_of(i: int) -> date:
        return marks[i - 1] + timedelta(days=1) if i > 0 else date.min

    if k >= 1 and (last_published is None or last_published < start_of(k)):
        return DueStatus(next_due=marks[k], overdue=True, overdue_since=marks[k])
    # Met (on time or late): the next deadline is the next one; a publication in its period will meet it.
    return DueStatus(next_due=marks[k + 1])


def is_due_soon(
    rule: DueRule, st: DueStatus, *, last_published: date | None, today: date, soon_limit: date
) -> bool:
    """The next deadline falls between ``today`` and ``soon_limit`` and nothing has been published for it yet
    (an event rule's status only has a next deadline while unmet; a periodic one is met in advance by a publication
    after the deadline before it)."""
    if st.overdue or st.next_due is None or not today <= st.next_due <= soon_limit:
        return False
    if rule.kind == EVENT:
        return True
    previous = [d for d in deadlines_around(rule, today) if d < st.next_due]
    return last_published is None or not previous or last_published <= previous[-1]
