"""三同步 and the interpretation rates (解读率、重大政策解读率、多元化解读比例、三同步率). Framework-free.

A policy document and its interpretation (政策解读) must be drafted, reviewed and published together ("同步起草、
同步审签、同步发布"). Together means the interpretation's step happened no later than ``limit`` working days after
the document's same step (0 = the same day; earlier is fine). The limit is local (samples: 3 working days).

The year's figures count the documents *published* in the year, per issuing unit and for the county:

- 解读率 = documents with at least one published interpretation / documents needing one;
- 重大政策解读率 = the same over documents marked 重大政策;
- 多元化解读比例 = published interpretations in a non-text form (图解, 视频 …) / all published interpretations
  (of the year's documents, counted per interpretation);
- 三同步率 = documents whose interpretation met all three steps / documents needing one (a document left without
  an interpretation is not synchronised);
- late interpretations: published more than ``limit`` working days after the document, or still missing when
  that many working days have passed (``as_of``).

``lag(a, b)`` gives the working days from day ``a`` to day ``b`` (negative when ``b`` is earlier); the caller
passes one built on the statutory calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

TEXT_FORM = "text"
STEPS = (("drafted", "同步起草"), ("reviewed", "同步审签"), ("published", "同步发布"))


@dataclass(frozen=True)
class DocRecord:
    key: int
    unit: str
    title: str = ""
    major: bool = False
    needs_interpretation: bool = True
    drafted: date | None = None
    reviewed: date | None = None
    published: date | None = None


@dataclass(frozen=True)
class InterpRecord:
    key: int
    docs: tuple[int, ...]
    form: str
    unit: str = ""
    title: str = ""
    drafted: date | None = None
    reviewed: date | None = None
    published: date | None = None


@dataclass
class SyncResult:
    """How one document's interpretation kept pace with it."""

    doc: DocRecord
    interpretation: InterpRecord | None
    steps: dict[str, bool | None]  # drafted/reviewed/published → in time, late, or None (not happened yet)
    lags: dict[str, int | None]
    interpreted: bool  # a published interpretation exists
    late: bool
    late_days: int | None  # working days after the document's publication (so far, when still missing)

    @property
    def synced(self) -> bool:
        return all(self.steps.get(step) is True for step, _ in STEPS)

    def explain(self) -> str:
        parts = []
        for step, label in STEPS:
            ok, lag = self.steps[step], self.lags[step]
            if ok is None:
                parts.append(f"{label}：尚未完成")
            elif ok:
                parts.append(f"{label}：是" + (f"（相差{lag}个工作日）" if lag and lag > 0 else ""))
            else:
                parts.append(f"{label}：否（晚{lag}个工作日）")
        return "；".join(parts)


def _pick(interps: list[InterpRecord]) -> InterpRecord | None:
    """The interpretation that counts for a document: the first published, else the first drafted."""
    if not interps:
        return None
    published = [i for i in interps if i.published]
    pool = published or interps
    return min(pool, key=lambda i: (i.published or date.max, i.drafted or date.max, i.key))


def sync_result(
    doc: DocRecord,
    interps: Iterable[InterpRecord],
    lag: Callable[[date, date], int],
    limit: int = 3,
    as_of: date | None = None,
) -> SyncResult:
    chosen = _pick(list(interps))
    steps: dict[str, bool | None] = {}
    lags: dict[str, int | None] = {}
    for step, _ in STEPS:
        doc_day = getattr(doc, step)
        interp_day = getattr(chosen, step) if chosen else None
        if doc_day is None or interp_day is None:
            # The document has done the step and the interpretation has not: late once the limit has passed.
            if doc_day is not None and as_of is not None and lag(doc_day, as_of) > limit:
                steps[step], lags[step] = False, lag(doc_day, as_of)
            else:
                steps[step], lags[step] = None, None
            continue
        days = lag(doc_day, interp_day)
        steps[step], lags[step] = days <= limit, days
    interp_published = chosen.published if chosen else None
    interpreted = interp_published is not None
    late, late_days = False, None
    if doc.published:
        if interp_published is not None:
            late_days = lag(doc.published, interp_published)
            late = late_days > limit
        elif as_of is not None:
            late_days = lag(doc.published, as_of)
            late = late_days > limit
    return SyncResult(doc, chosen, steps, lags, interpreted, late, late_days)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


@dataclass
class Rates:
    """One row of the rates table (a unit, or the county when ``unit`` is empty)."""

    unit: str
    documents: int = 0
    needing: int = 0
    interpreted: int = 0
    major: int = 0
    major_interpreted: int = 0
    interpretations: int = 0
    diverse: int = 0
    synced: int = 0
    late: int = 0
    late_items: list[SyncResult] = field(default_factory=list)

    @property
    def interpretation_rate(self) -> float | None:
        return _ratio(self.interpreted, self.needing)

    @property
    def major_rate(self) -> float | None:
        return _ratio(self.major_interpreted, self.major)

    @property
    def diverse_rate(self) -> float | None:
        return _ratio(self.diverse, self.interpretations)

    @property
    def sync_rate(self) -> float | None:
        return _ratio(self.synced, self.needing)


@dataclass
class YearRates:
    year: int
    county: Rates
    units: list[Rates]
    results: list[SyncResult]


def year_rates(
    year: int,
    docs: Iterable[DocRecord],
    interps: Iterable[InterpRecord],
    lag: Callable[[date, date], int],
    limit: int = 3,
    as_of: date | None = None,
) -> YearRates:
    """Figures for the documents published in ``year`` (see the module docstring for each definition)."""
    docs = [d for d in docs if d.published and d.published.year == year]
    doc_keys = {d.key for d in docs}
    interps = list(interps)
    by_doc: dict[int, list[InterpRecord]] = {}
    for interp in interps:
        for key in interp.docs:
            if key in doc_keys:
                by_doc.setdefault(key, []).append(interp)
    county = Rates("")
    units: dict[str, Rates] = {}
    results = []
    for doc in sorted(docs, key=lambda d: (d.published, d.key)):
        row = units.setdefault(doc.unit, Rates(doc.unit))
        for target in (county, row):
            target.documents += 1
        if not doc.needs_interpretation:
            continue
        result = sync_result(doc, by_doc.get(doc.key, []), lag, limit, as_of)
        results.append(result)
        for target in (county, row):
            target.needing += 1
            target.interpreted += result.interpreted
            target.major += doc.major
            target.major_interpreted += doc.major and result.interpreted
            target.synced += result.synced
            if result.late:
                target.late += 1
                target.late_items.append(result)
    # Diversity counts each published interpretation of the year's documents once, under its own unit.
    for interp in interps:
        if not interp.published or not doc_keys.intersection(interp.docs):
            continue
        row = units.setdefault(interp.unit, Rates(interp.unit))
        for target in (county, row):
            target.interpretations += 1
            target.diverse += interp.form != TEXT_FORM
    return YearRates(year, county, sorted(units.values(), key=lambda r: r.unit), results)


__all__ = [
    "STEPS",
    "TEXT_FORM",
    "DocRecord",
    "InterpRecord",
    "Rates",
    "SyncResult",
    "YearRates",
    "sync_result",
    "year_rates",
]
