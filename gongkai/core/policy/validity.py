"""Validity status (有效性) of a normative document, derived — never typed — from its dates and relations.

Statuses: 尚未生效 (not yet in force), 有效 (in force), 已修改 (in force as amended), 已废止 (repealed or replaced),
失效 (expired). Precedence on a given day: repealed/replaced > expired > not yet in force > amended > in force.

No national validity term exists; the common local rule (DOMAIN.md §5) is a setting, :class:`ValidityRule`:
at most 5 years (5 when the text states none), at most 2 for titles with 暂行/试行, evaluation 6 months before
expiry. The term runs from 施行日期 (成文日期 when there is none): 施行 2024-01-01 with 5 years → in force through
2028-12-31, 失效 from 2029-01-01. Framework-free.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class Status(StrEnum):
    """有效性 as shown in the 现行有效规范性文件目录."""

    NOT_YET_EFFECTIVE = "尚未生效"
    VALID = "有效"
    AMENDED = "已修改"
    REPEALED = "已废止"
    EXPIRED = "失效"


IN_FORCE = frozenset({Status.VALID, Status.AMENDED})

AMENDED_BY, REPLACED_BY, REPEALED_BY, EXTENDED = "amended_by", "replaced_by", "repealed_by", "extended"
# 宣布失效: a cleanup (清理) result ends a document before its term runs out.
DECLARED_EXPIRED = "declared_expired"
RELATION_NAMES = {
    AMENDED_BY: "修改",
    REPLACED_BY: "替代",
    REPEALED_BY: "废止",
    EXTENDED: "延续有效期",
    DECLARED_EXPIRED: "宣布失效",
}


@dataclass(frozen=True)
class ValidityRule:
    """The local validity-term rule (a setting, not a law): years and evaluation lead time."""

    default_years: int = 5
    provisional_years: int = 2
    provisional_words: tuple[str, ...] = ("暂行", "试行")
    evaluation_months: int = 6

    def max_years(self, title: str) -> int:
        if any(word in (title or "") for word in self.provisional_words):
            return min(self.provisional_years, self.default_years)
        return self.default_years


DEFAULT_RULE = ValidityRule()


@dataclass(frozen=True)
class Relation:
    """A later act acting on this document, with the day it takes effect."""

    kind: str  # AMENDED_BY, REPLACED_BY, REPEALED_BY, EXTENDED or DECLARED_EXPIRED
    effective: date
    by: str = ""  # title or 文号 of the other document, for the explanation
    until: date | None = None  # EXTENDED: the new last day in force
    by_is_title: bool = True  # ``by`` is a document title (shown in 《》), not a 文号 or a decision's name


def add_months(d: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Aug − 6 months → 28/29 Feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def expiry_date(start: date, years: int) -> date:
    """The last day in force of a term of ``years`` starting on ``start`` (2024-02-29, 5 → 2029-02-28)."""
    # The day before the same date ``years`` later; a 29 February start has its anniversary on 1 March.
    year = start.year + years
    try:
        anniversary = start.replace(year=year)
    except ValueError:
        anniversary = date(year, 3, 1)
    return anniversary - timedelta(days=1)


def fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Term:
    """The validity term: start, years applied, last day in force and evaluation due date."""

    start: date
    years: int | None
    expires_on: date
    evaluation_due: date
    note: str  # how it was computed, in Chinese


def validity_term(
    *,
    title: str,
    effective_date: date | None,
    written_date: date | None = None,
    stated_years: int | None = None,
    stated_end: date | None = None,
    rule: ValidityRule = DEFAULT_RULE,
) -> Term:
    """Compute the term by the rule; a stated 有效期 longer than the rule allows is capped."""
    start = effective_date or written_date
    if start is None:
        raise ValueError("缺少施行日期和成文日期，无法计算有效期：请至少填写成文日期。")
    basis = "施行日期" if effective_date else "成文日期（未写明施行日期）"
    cap_years = rule.max_years(title)
    cap_end = expiry_date(start, cap_years)
    provisional = cap_years < rule.default_years
    kind = "暂行/试行文件" if provisional else "规范性文件"
    if stated_end is not None:
        if stated_end > cap_end:
            end, years = cap_end, cap_years
            note = (
                f"写明的有效期至{fmt(stated_end)}超过{kind}最长{cap_years}年，按{cap_years}年计至{fmt(end)}"
            )
        else:
            end, years = stated_end, None
            note = f"写明有效期至{fmt(end)}"
    elif stated_years is not None:
        years = min(stated_years, cap_years)
        end = expiry_date(start, years)
        note = f"写明有效期{stated_years}年" + (
            f"，超过{kind}最长{cap_years}年，按{cap_years}年计" if stated_years > cap_years else ""
        )
    else:
        years, end = cap_years, cap_end
        note = f"未写明有效期，{kind}按{cap_years}年计"
    note = f"自{basis}{fmt(start)}起，{note}，至{fmt(end)}"
    return Term(start, years, end, add_months(end, -rule.evaluation_months), note)


@dataclass(frozen=True)
class Validity:
    status: Status
    reason: str  # Chinese explanation
    term: Term
    relations: tuple[Relation, ...] = field(default=())

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    def evaluation_due(self, as_of: date) -> bool:
        """Within the evaluation window: from the due date to the last day in force, while still in force."""
        return self.in_force and self.term.evaluation_due <= as_of <= self.term.expires_on


def derive_status(
    as_of: date,
    *,
    title: str,
    effective_date: date | None,
    written_date: date | None = None,
    stated_years: int | None = None,
    stated_end: date | None = None,
    relations: tuple[Relation, ...] | list[Relation] = (),
    rule: ValidityRule = DEFAULT_RULE,
) -> Validity:
    """The status on ``as_of`` and why. Relations taking effect after ``as_of`` are ignored."""
    term = validity_term(
        title=title,
        effective_date=effective_date,
        written_date=written_date,
        stated_years=stated_years,
        stated_end=stated_end,
        rule=rule,
    )
    relations = tuple(sorted(relations, key=lambda r: r.effective))
    active = [r for r in relations if r.effective <= as_of]

    def by(rel: Relation) -> str:
        if rel.by and rel.by_is_title and not rel.by.startswith("《"):
            return f"《{rel.by}》"
        return rel.by

    ending = [r for r in active if r.kind in (REPEALED_BY, REPLACED_BY)]
    if ending:
        first = ending[0]
        verb = (
            "被{}替代".format(by(first) or "新文件")
            if first.kind == REPLACED_BY
            else f"被{by(first) or ''}废止"
        )
        return Validity(Status.REPEALED, f"自{fmt(first.effective)}起{verb}", term, relations)

    declared = [r for r in active if r.kind == DECLARED_EXPIRED]
    if declared:
        first = declared[0]
        basis = f"（{first.by}）" if first.by else ""
        return Validity(Status.EXPIRED, f"自{fmt(first.effective)}起宣布失效{basis}", term, relations)

    expires_on = term.expires_on
    extension_note = ""
    for rel in active:
        if rel.kind == EXTENDED and rel.until is not None and rel.until > expires_on:
            expires_on = rel.until
            extension_note = f"，经{by(rel) or '评估'}延续有效期至{fmt(rel.until)}"
    if extension_note:
        term = Term(
            term.start,
            None,
            expires_on,
            add_months(expires_on, -rule.evaluation_months),
            term.note + extension_note,
        )
    if as_of > expires_on:
        return Validity(
            Status.EXPIRED, f"{term.note}，已于{fmt(expires_on + timedelta(days=1))}失效", term, relations
        )
    if as_of < term.start:
        return Validity(Status.NOT_YET_EFFECTIVE, f"将于{fmt(term.start)}起施行", term, relations)
    amendments = [r for r in active if r.kind == AMENDED_BY]
    if amendments:
        names = "、".join(f"{fmt(r.effective)}{by(r) or ''}" for r in amendments)
        return Validity(Status.AMENDED, f"经{names}修改，修改后继续有效；{term.note}", term, relations)
    return Validity(Status.VALID, term.note, term, relations)


__all__ = [
    "AMENDED_BY",
    "DECLARED_EXPIRED",
    "DEFAULT_RULE",
    "EXTENDED",
    "IN_FORCE",
    "RELATION_NAMES",
    "REPEALED_BY",
    "REPLACED_BY",
    "Relation",
    "Status",
    "Term",
    "Validity",
    "ValidityRule",
    "add_months",
    "derive_status",
    "expiry_date",
    "validity_term",
]
