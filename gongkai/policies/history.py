"""The status history (有效性变化记录) of a document, its current text after amendments (现行文本), and the
新旧政策差异 prepared for the portal.

The history is recomputed with ``core.derive_status`` at each day the status can change (start, each relation's
effective date, the day after each possible end of term); nothing here is stored. The diff is cached by the two
publications' ``updated_at`` because a long document takes up to a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from gongkai.core import policy as core
from gongkai.core.policy import diff as core_diff

from . import selectors, services
from .models import PolicyDocument, PolicyRelation
from .vocab import RelationKind

DIFF_CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Transition:
    day: date
    before: str  # "" for the first entry
    after: str
    reason: str
    upcoming: bool  # after today: what will happen unless something changes


def status_history(doc: PolicyDocument, today: date | None = None) -> list[Transition]:
    """Every change of status from the start of the term, with the day and the reason; the next one if known."""
    today = today or timezone.localdate()
    local = selectors.rules()
    try:
        first = services.validity_of(doc, today, local)
    except services.PolicyError:
        return []
    pub = doc.publication
    days = {first.term.start, first.term.expires_on + timedelta(days=1)}
    if pub.formed_date and pub.formed_date < first.term.start:
        days.add(pub.formed_date)
    for rel in first.relations:
        days.add(rel.effective)
        if rel.until:
            days.add(rel.until + timedelta(days=1))
    out: list[Transition] = []
    previous = ""
    for day in sorted(days):
        validity = services.validity_of(doc, day, local)
        status = str(validity.status)
        if status == previous:
            continue
        upcoming = day > today
        out.append(Transition(day, previous, status, validity.reason, upcoming))
        previous = status
        if upcoming:
            break  # only the next expected change: later ones depend on decisions not yet taken
    return out


# --- 新旧政策差异 ---------------------------------------------------------------------------------------------------
def _side(segments, keep: str, tag: str) -> str:
    parts = []
    for op, text in segments:
        if op == core_diff.EQUAL:
            parts.append(escape(text))
        elif op == keep:
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
    return "".join(parts)


def _rows(result: core.PolicyDiff) -> list[dict]:
    rows = []
    for change in result.changes:
        if change.op == core_diff.UNCHANGED:
            continue
        row = {
            "op": change.op,
            "op_label": core_diff.OP_NAMES[change.op],
            "old_label": change.old.display if change.old else "",
            "new_label": change.new.display if change.new else "",
            "old": escape(change.old.body) if change.old else "",
            "new": escape(change.new.body) if change.new else "",
        }
        if change.op == core_diff.CHANGED:
            row["old"] = _side(change.segments, core_diff.DELETE, "del")
            row["new"] = _side(change.segments, core_diff.INSERT, "ins")
        rows.append(row)
    return rows


def _diff_key(rel: PolicyRelation) -> str:
    old, new = rel.target.publication, rel.source.publication
    return (
        f"gongkai:policies:diff:{rel.pk}:{rel.kind}:{old.pk}:{old.updated_at.timestamp()}:"
        f"{new.pk}:{new.updated_at.timestamp()}"
    )


def relation_difference(rel: PolicyRelation) -> dict:
    """Summary lines and clause rows (changed words in <ins>/<del>) of an amends/replaces relation, cached."""
    key = _diff_key(rel)
    data = cache.get(key)
    if data is None:
        result = services.relation_diff(rel)
        data = {
            "summary": result.summary(),
            "rows": _rows(result),
            "counts": result.counts(),
            "identical": result.identical,
        }
        cache.set(key, data, DIFF_CACHE_SECONDS)
    rows = [{**r, "old": mark_safe(r["old"]), "new": mark_safe(r["new"])} for r in data["rows"]]  # noqa: S308
    return {**data, "rows": rows}


# --- 现行文本 -------------------------------------------------------------------------------------------------------
@dataclass
class CurrentText:
    """A document's text with the amendment decisions in force applied (``core.consolidate``), and what was done
    with each decision."""

    lines: list[str]
    applied: list[PolicyRelation]
    not_applied: list[tuple[PolicyRelation, str]]  # with the reason, in Chinese
    upcoming: list[PolicyRelation]  # amendments taking effect after today: not applied yet


def current_text(
    doc: PolicyDocument, relations: list[PolicyRelation], today: date | None = None
) -> CurrentText | None:
    """The current text of an amended document from its incoming ``relations`` (the public ones, sources loaded),
    or None when no amendment decision acts on it. Cached by the publications' ``updated_at``."""
    today = today or timezone.localdate()
    amendments = sorted(
        (r for r in relations if r.kind == RelationKind.AMENDS and r.source_id),
        key=lambda r: (r.effective_date, r.pk),
    )
    if not amendments:
        return None
    in_force = [r for r in amendments if r.effective_date <= today]
    pub = doc.publication
    key = "gongkai:policies:current:" + ":".join(
        [f"{pub.pk}-{pub.updated_at.timestamp()}"]
        + [
            f"{r.pk}-{r.source.publication.pk}-{r.source.publication.updated_at.timestamp()}"
            for r in in_force
        ]
    )
    data = cache.get(key)
    if data is None:
        result = core.consolidate(pub.body_text, [(r.pk, r.source.publication.body_text) for r in in_force])
        data = {
            "text": result.text,
            "steps": [(step.key, step.applied, step.reason) for step in result.steps],
        }
        cache.set(key, data, DIFF_CACHE_SECONDS)
    by_pk = {r.pk: r for r in in_force}
    return CurrentText(
        lines=[line for line in data["text"].splitlines() if line.strip()],
        applied=[by_pk[pk] for pk, applied, _ in data["steps"] if applied],
        not_applied=[(by_pk[pk], reason) for pk, applied, reason in data["steps"] if not applied],
        upcoming=[r for r in amendments if r.effective_date > today],
    )
