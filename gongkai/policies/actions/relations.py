"""Relations between documents (文件关系: 修改, 替代, 废止, 宣布失效, 延续): recording and deleting them, the
relations a text suggests, and the 新旧政策差异 of an amendment or a replacement."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from gongkai.core import docread
from gongkai.core import policy as core

from .. import access
from ..errors import PolicyError
from ..models import PolicyDocument, PolicyRelation
from ..vocab import RelationKind
from .common import MANAGER_POSTS, record, refuse
from .validity import refresh, validity_of

RELATION_WORDS = (
    ("同时废止", RelationKind.REPEALS),
    ("废止", RelationKind.REPEALS),
    ("停止执行", RelationKind.REPEALS),
    ("不再执行", RelationKind.REPEALS),
    ("修改", RelationKind.AMENDS),
    ("修订", RelationKind.REPLACES),
)


def _check_clauses(target: PolicyDocument, clauses: list[str]) -> list[str]:
    if not clauses:
        return []
    parsed = core.parse_clauses(target.publication.body_text)
    labels, missing = [], []
    for raw in clauses:
        raw = raw.strip()
        if not raw:
            continue
        clause = parsed.find(raw)
        if clause is None:
            missing.append(raw)
        else:
            labels.append(clause.label)
    if missing:
        raise PolicyError(
            f"《{target.publication.title}》中找不到{'、'.join(missing)}：请按原文件的条款编号填写，如“第五条”。",
            field="clauses",
        )
    return labels


def _would_cycle(source: PolicyDocument, target: PolicyDocument) -> bool:
    """Would ``source`` → ``target`` close a loop of ending relations (A replaces B replaces A)?"""
    seen, frontier = set(), [target.pk]
    ending = (RelationKind.REPLACES, RelationKind.REPEALS)
    while frontier:
        pk = frontier.pop()
        if pk == source.pk:
            return True
        if pk in seen:
            continue
        seen.add(pk)
        frontier += list(
            PolicyRelation.objects.filter(source_id=pk, kind__in=ending).values_list("target_id", flat=True)
        )
    return False


def check_relation(
    target: PolicyDocument,
    *,
    kind: str,
    source: PolicyDocument | None,
    effective_date: date | None,
    extended_until: date | None = None,
) -> date:
    """The checks of a relation that do not depend on who records it; returns its effective date."""
    if source is None and kind in (RelationKind.AMENDS, RelationKind.REPLACES):
        raise PolicyError("修改或替代关系须选择作出修改、替代的新文件。", field="other")
    if source is not None and source.pk == target.pk:
        raise PolicyError("文件不能修改、替代或废止自身。", field="other")
    if kind == RelationKind.EXTENDS and not extended_until:
        raise PolicyError("延续有效期须填写延续至的日期。", field="extended_until")
    if (
        source is not None
        and kind in (RelationKind.REPLACES, RelationKind.REPEALS)
        and _would_cycle(source, target)
    ):
        raise PolicyError(
            f"《{target.publication.title}》已直接或间接替代、废止了本文件，不能再反向登记。", field="other"
        )
    effective = effective_date or None  # a blank value counts as not given
    if effective is None and source is not None:
        effective = source.effective_date or source.publication.formed_date
    if effective is None:
        raise PolicyError("请填写该关系的生效日期。", field="effective_date")
    return effective


def check_clauses(target: PolicyDocument, clauses: list[str]) -> list[str]:
    """The clause labels of ``target`` named in ``clauses`` (refused when one is not found)."""
    return _check_clauses(target, clauses)


def add_relation(
    target: PolicyDocument,
    *,
    actor,
    kind: str,
    source: PolicyDocument | None = None,
    effective_date: date | None = None,
    extended_until: date | None = None,
    clauses: list[str] | None = None,
    basis: str = "",
) -> PolicyRelation:
    """Record that ``source`` amends / replaces / repeals ``target`` (or a decision without a document)."""
    if kind not in RelationKind.values:
        raise PolicyError("文件关系类型不正确。", field="kind")
    if kind == RelationKind.EXTENDS and actor is not None:
        # Only the extension flow records it, once the leader approved and the notice is published (extension.py).
        raise PolicyError(
            "延续有效期须经单位负责人批准并发布公告后才生效：请在“到期评估”中选择延续有效期，提交单位负责人审批。",
            field="kind",
        )
    if not access.can_record_relation(actor, target=target, source=source):
        if source is not None and access.can_propose_relation(actor, source=source, target=target):
            raise PolicyError(
                f"《{target.publication.title}》是{target.publication.unit.display_name}的文件：跨单位的文件关系"
                "须由对方单位确认，请提交提议（propose_relation）。",
                code="forbidden",
            )
        refuse(actor, target.publication.unit, MANAGER_POSTS)
    effective = check_relation(
        target, kind=kind, source=source, effective_date=effective_date, extended_until=extended_until
    )
    with transaction.atomic():
        labels = _check_clauses(target, clauses or [])
        before = validity_of(target).status if target.starts_on else ""
        try:
            with transaction.atomic():
                rel = PolicyRelation.objects.create(
                    source=source,
                    target=target,
                    kind=kind,
                    effective_date=effective,
                    extended_until=extended_until,
                    clauses=labels,
                    basis=basis.strip()[:200],
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError:
            raise PolicyError("这两份文件之间已登记过同样的关系。") from None
        refresh(target)
        after = validity_of(target).status if target.starts_on else ""
        record(
            actor,
            "relation_add",
            target,
            target.publication.unit,
            {"status": str(before)},
            {
                "status": str(after),
                "relation": RelationKind(kind).label,
                "source": source.pk if source else None,
                "effective_date": effective,
                "clauses": labels,
                "extended_until": extended_until,
            },
            basis,
        )
    return rel


def remove_relation(relation: PolicyRelation, *, actor, reason: str) -> None:
    """Delete a relation recorded by mistake (reason required, audited): the target's owners or the office."""
    if not access.can_remove_relation(actor, relation):
        refuse(actor, relation.target.publication.unit, MANAGER_POSTS)
    if not (reason or "").strip():
        raise PolicyError("请说明删除该关系的原因。", field="reason")
    with transaction.atomic():
        target = relation.target
        snapshot = {
            "relation": relation.get_kind_display(),
            "source": relation.source_id,
            "effective_date": relation.effective_date,
            "clauses": relation.clauses,
        }
        relation.delete()
        refresh(target)
        record(actor, "relation_remove", target, target.publication.unit, snapshot, None, reason)


def suggest_relations(doc: PolicyDocument) -> list[tuple[PolicyDocument, str]]:
    """Documents of the library whose 文号 the text cites next to 废止/修改/停止执行: offered, never applied."""
    text = doc.publication.body_text
    found: list[tuple[PolicyDocument, str]] = []
    for number in docread.find_doc_numbers(text):
        target = (
            PolicyDocument.objects.filter(
                issuer_code=number.issuer_code, doc_year=number.year, doc_seq=number.number
            )
            .exclude(pk=doc.pk)
            .select_related("publication")
            .first()
        )
        if target is None or target.relations_in.filter(source=doc).exists():
            continue
        at = text.find(number.raw)
        window = text[max(0, at - 60) : at + len(number.raw) + 30]
        kind = next((k for word, k in RELATION_WORDS if word in window), None)
        if kind and all(t.pk != target.pk for t, _ in found):
            found.append((target, kind))
    return found


# --- diff (新旧政策差异) --------------------------------------------------------------------------------------------
def new_text_for(rel: PolicyRelation) -> str:
    """The new version's text: for an amendment decision, the old text with its amendments applied."""
    assert rel.source is not None  # only a relation made by a document has a new text (the callers check)
    new = rel.source.publication.body_text
    if rel.kind == RelationKind.AMENDS:
        ops = core.extract_amendments(new)
        if ops:
            try:
                return core.apply_amendments(rel.target.publication.body_text, ops)
            except core.AmendmentError:
                return new
    return new


def relation_diff(rel: PolicyRelation) -> core.PolicyDiff:
    return core.diff_documents(rel.target.publication.body_text, new_text_for(rel))
