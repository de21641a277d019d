"""Business actions of the policy library (政策文件库). The only code that changes policy data.

Every function runs in a transaction and writes an audit event. A document or an interpretation is drafted,
reviewed and published through ``gongkai.publishing.services`` (same 先审后发 workflow, same scanner); this module
adds what a policy has beyond a publication: 文号 uniqueness, dates and term, relations, the derived validity
columns, interpretations with their content checklist, expiry evaluation, cleanup campaigns, Q&A, service links
and themed packages.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import docread
from gongkai.core import policy as core
from gongkai.core.policy.validity import add_months
from gongkai.core.search import normalize
from gongkai.orgs import permissions
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode, Publication
from gongkai.publishing.richtext import clean_html
from gongkai.publishing.vocab import State, Validity

from .models import (
    Campaign,
    CampaignItem,
    Evaluation,
    Interpretation,
    LocalRules,
    Package,
    PolicyDocument,
    PolicyRelation,
    Question,
    QuestionFeedback,
    ServiceItem,
    UnansweredSearch,
)
from .vocab import (
    CORE_RELATION,
    DIFF_RELATIONS,
    ELEMENT_KEYS,
    ELEMENT_LABELS,
    MEDIA_FORMS,
    CleanupDecision,
    DocKind,
    ElementState,
    EvaluationDecision,
    InterpretationForm,
    QuestionState,
    RelationKind,
)

EDITOR_ROLES = (Role.EDITOR,)
MANAGER_ROLES = (Role.EDITOR, Role.REVIEWER, Role.LEADER)
DOC_NODE_CODE = "art20-01-01"  # 公开目录: 规范性文件
INTERPRETATION_NODE_CODE = "art20-01-02"  # 公开目录: 政策解读


class PolicyError(publishing.PublishingError):
    """A refused policy action; the message is for the user, in Chinese."""


def _require(actor, roles, unit) -> None:
    try:
        publishing._require(actor, roles, unit)
    except publishing.PublishingError as exc:
        raise PolicyError(str(exc)) from None


def _require_office(actor) -> None:
    if actor is not None and not permissions.is_office_admin(actor):
        raise PolicyError("此操作由政务公开办管理员办理。")


def _json(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _record(actor, action: str, obj, unit=None, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"policies.{action}",
        obj=obj,
        unit=unit,
        before={k: _json(v) for k, v in before.items()} if before else None,
        after={k: _json(v) for k, v in after.items()} if after else None,
        reason=reason,
    )


# --- local rules -------------------------------------------------------------------------------------------------
RULE_FIELDS = (
    "default_years",
    "provisional_years",
    "evaluation_months",
    "sync_working_days",
    "interpretation_target",
    "major_target",
    "diverse_target",
    "sync_target",
)


def rules() -> LocalRules:
    obj, _ = LocalRules.objects.get_or_create(pk=1)
    return obj


def validity_rule(local: LocalRules | None = None) -> core.ValidityRule:
    local = local or rules()
    return core.ValidityRule(
        default_years=local.default_years,
        provisional_years=local.provisional_years,
        evaluation_months=local.evaluation_months,
    )


def update_rules(actor, **fields) -> LocalRules:
    """The openness office changes the local rule; every document's term is recomputed."""
    _require_office(actor)
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields {sorted(unknown)}")
    if fields.get("default_years", 1) < 1 or fields.get("provisional_years", 1) < 1:
        raise PolicyError("有效期至少为1年。")
    if fields.get("provisional_years", 0) > fields.get("default_years", rules().default_years):
        raise PolicyError("暂行、试行文件的有效期不能长于一般规范性文件。")
    for key in ("interpretation_target", "major_target", "diverse_target", "sync_target"):
        if not 0 <= fields.get(key, 0) <= 100:
            raise PolicyError("目标比例应在0到100之间。")
    with transaction.atomic():
        local = LocalRules.objects.select_for_update().get(pk=rules().pk)
        before = {k: getattr(local, k) for k in fields}
        for key, value in fields.items():
            setattr(local, key, value)
        local.save()
        b, a = audit.diff(before, {k: getattr(local, k) for k in fields})
        if a:
            _record(actor, "rules", local, before=b, after=a)
            refresh_all()
    return local


# --- 文号 ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocNumberFields:
    standard: str
    issuer_code: str
    year: int | None
    seq: int | None


def parse_doc_number(raw: str) -> DocNumberFields:
    """The standard form and its parts; a clear error for text that is not a 文号."""
    raw = (raw or "").strip()
    if not raw:
        return DocNumberFields("", "", None, None)
    parsed = docread.parse_doc_number(raw)
    if parsed is None:
        raise PolicyError(publishing.doc_number_error(raw))
    return DocNumberFields(parsed.standard, parsed.issuer_code, parsed.year, parsed.number)


def _check_doc_number_free(fields: DocNumberFields, doc: PolicyDocument | None) -> None:
    if fields.seq is None:
        return
    clash = (
        PolicyDocument.objects.filter(
            issuer_code=fields.issuer_code, doc_year=fields.year, doc_seq=fields.seq
        )
        .exclude(pk=getattr(doc, "pk", None))
        .select_related("publication")
        .first()
    )
    if clash:
        raise PolicyError(
            f"文号“{fields.standard}”已被《{clash.publication.title}》使用：同一发文机关同一年度的发文顺序号不能重复，"
            "请核对文号。"
        )


# --- documents ---------------------------------------------------------------------------------------------------
PUBLICATION_FIELDS = ("title", "body", "formed_date", "topic", "publisher", "nodes")
DOCUMENT_FIELDS = (
    "kind",
    "effective_date",
    "stated_years",
    "stated_end",
    "registration_number",
    "is_major",
    "interpretation_exempt",
    "exempt_reason",
)


def _node(code: str) -> list[CatalogNode]:
    publishing.ensure_template()
    node = CatalogNode.objects.filter(code=code).first()
    return [node] if node else []


def _split(fields: dict) -> tuple[dict, dict, list[Unit] | None, str | None]:
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    co_issuers = fields.pop("co_issuers", None)
    number = fields.pop("doc_number", None)
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    return pub_fields, fields, co_issuers, number


def _validate_document(doc: PolicyDocument) -> None:
    pub = doc.publication
    if doc.stated_years is not None and doc.stated_years < 1:
        raise PolicyError("写明的有效期应至少为1年。")
    start = doc.effective_date or pub.formed_date
    if doc.effective_date and pub.formed_date and doc.effective_date < pub.formed_date:
        raise PolicyError(
            f"施行日期{doc.effective_date:%Y年%m月%d日}早于成文日期{pub.formed_date:%Y年%m月%d日}：请核对日期。"
        )
    if doc.stated_end and start and doc.stated_end <= start:
        raise PolicyError("写明的有效期截止日应晚于施行日期。")
    if doc.interpretation_exempt and not doc.exempt_reason.strip():
        raise PolicyError("标记为无需解读的，请说明理由。")
    if not doc.interpretation_exempt:
        doc.exempt_reason = ""


def _snapshot(doc: PolicyDocument) -> dict:
    return {
        "doc_number": doc.doc_number,
        **{k: getattr(doc, k) for k in DOCUMENT_FIELDS},
        "co_issuers": sorted(doc.co_issuers.values_list("pk", flat=True)) if doc.pk else [],
    }


def _apply_co_issuers(doc: PolicyDocument, co_issuers) -> None:
    if co_issuers is None:
        return
    units = [u for u in co_issuers if u.pk != doc.publication.unit_id]
    doc.co_issuers.set(units)


def create_document(actor, unit: Unit, **fields) -> PolicyDocument:
    """A new policy document: a publication draft (scanned at once) plus its policy metadata."""
    _require(actor, EDITOR_ROLES, unit)
    pub_fields, doc_fields, co_issuers, number = _split(dict(fields))
    numbers = parse_doc_number(number or "")
    if not pub_fields.get("nodes"):
        pub_fields["nodes"] = _node(DOC_NODE_CODE)
    with transaction.atomic():
        _check_doc_number_free(numbers, None)
        pub = publishing.create_draft(actor, unit, doc_number=numbers.standard, **pub_fields)
        doc = PolicyDocument(publication=pub, **doc_fields)
        _set_number(doc, numbers)
        _validate_document(doc)
        try:
            with transaction.atomic():
                doc.save()
        except IntegrityError:
            raise PolicyError(f"文号“{numbers.standard}”已被使用，请核对文号。") from None
        _apply_co_issuers(doc, co_issuers)
        _record(actor, "create", doc, unit, after=_snapshot(doc))
        refresh(doc)
    return doc


def _set_number(doc: PolicyDocument, numbers: DocNumberFields) -> None:
    doc.doc_number = numbers.standard
    doc.issuer_code, doc.doc_year, doc.doc_seq = numbers.issuer_code, numbers.year, numbers.seq


def update_document(actor, doc: PolicyDocument, **fields) -> PolicyDocument:
    """Edit a document. Text and publication fields only while its publication is editable; the policy
    metadata (dates, term, flags) at any time, audited, and the derived status follows."""
    pub = doc.publication
    _require(actor, MANAGER_ROLES, pub.unit)
    pub_fields, doc_fields, co_issuers, number = _split(dict(fields))
    with transaction.atomic():
        doc = PolicyDocument.objects.select_for_update().select_related("publication").get(pk=doc.pk)
        before = _snapshot(doc)
        if number is not None and number.strip() != doc.doc_number:
            numbers = parse_doc_number(number)
            if numbers.standard != doc.doc_number:
                if not doc.publication.is_editable:
                    raise PolicyError("已提交审查或已发布的文件不能修改文号；如确需修改，请由审查员退回。")
                _check_doc_number_free(numbers, doc)
                _set_number(doc, numbers)
                pub_fields["doc_number"] = numbers.standard
        if pub_fields:
            publishing.update_draft(actor, doc.publication, **pub_fields)
            doc.publication.refresh_from_db()
        for key, value in doc_fields.items():
            setattr(doc, key, value)
        _validate_document(doc)
        try:
            with transaction.atomic():
                doc.save()
        except IntegrityError:
            raise PolicyError(f"文号“{doc.doc_number}”已被使用，请核对文号。") from None
        _apply_co_issuers(doc, co_issuers)
        b, a = audit.diff(before, _snapshot(doc))
        if a:
            _record(actor, "update", doc, doc.publication.unit, b, a)
        refresh(doc)
    return doc


def set_admin_basis(actor, doc: PolicyDocument, value: bool, reason: str = "") -> PolicyDocument:
    """Mark a document as a basis for administration (作为行政管理依据): only a published document may be."""
    _require(actor, MANAGER_ROLES, doc.publication.unit)
    with transaction.atomic():
        doc = PolicyDocument.objects.select_for_update().select_related("publication").get(pk=doc.pk)
        if value and doc.publication.state != State.PUBLISHED:
            raise PolicyError(
                "未公开的文件不得作为行政管理依据（《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》）："
                "请先完成审查并发布该文件。"
            )
        if doc.is_admin_basis != value:
            _record(
                actor,
                "admin_basis",
                doc,
                doc.publication.unit,
                {"is_admin_basis": doc.is_admin_basis},
                {"is_admin_basis": value},
                reason,
            )
            doc.is_admin_basis = value
            doc.save(update_fields=["is_admin_basis", "updated_at"])
    return doc


# --- derived validity -------------------------------------------------------------------------------------------
def _in_effect(rel: PolicyRelation) -> bool:
    """A relation made by a document counts once that document is published; decisions count at once."""
    return rel.source_id is None or rel.source.publication.state == State.PUBLISHED


RELATIONS_PREFETCH = "relations_in__source__publication"


def _relations_in(doc: PolicyDocument) -> list[PolicyRelation]:
    """The relations acting on ``doc``, from the prefetch cache when the caller prefetched them (bulk refresh)."""
    if "relations_in" in getattr(doc, "_prefetched_objects_cache", {}):
        return list(doc.relations_in.all())
    return list(doc.relations_in.select_related("source__publication"))


def relation_label(rel: PolicyRelation) -> str:
    """How a status reason names the acting document: 《title》（文号）, or the decision's name."""
    if rel.source_id:
        src = rel.source
        title = f"《{src.publication.title}》"
        return f"{title}（{src.doc_number}）" if src.doc_number else title
    return rel.basis


def core_relations(doc: PolicyDocument, rels: list[PolicyRelation] | None = None) -> list[core.Relation]:
    """The core's view of the relations in effect on ``doc`` (``rels`` when the caller has them already)."""
    rels = _relations_in(doc) if rels is None else rels
    return [
        core.Relation(
            CORE_RELATION[r.kind],
            r.effective_date,
            relation_label(r),
            r.extended_until,
            by_is_title=False,  # relation_label already puts titles in 《》
        )
        for r in rels
        if _in_effect(r)
    ]


def validity_of(
    doc: PolicyDocument,
    as_of: date | None = None,
    local: LocalRules | None = None,
    rels: list[PolicyRelation] | None = None,
) -> core.Validity:
    """The status on ``as_of`` (today) with its Chinese reason. Raises PolicyError when no date is known yet."""
    pub = doc.publication
    try:
        return core.derive_status(
            as_of or timezone.localdate(),
            title=pub.title,
            effective_date=doc.effective_date,
            written_date=pub.formed_date,
            stated_years=doc.stated_years,
            stated_end=doc.stated_end,
            relations=core_relations(doc, rels),
            rule=validity_rule(local),
        )
    except ValueError as exc:
        raise PolicyError(str(exc)) from None


PUBLICATION_VALIDITY = {
    core.Status.VALID: Validity.VALID,
    core.Status.NOT_YET_EFFECTIVE: Validity.NOT_YET,
    core.Status.AMENDED: Validity.AMENDED,
    core.Status.REPEALED: Validity.REPEALED,
    core.Status.EXPIRED: Validity.EXPIRED,
}


def refresh(
    doc: PolicyDocument, local: LocalRules | None = None, today: date | None = None
) -> PolicyDocument:
    """Recompute the derived date columns (and the publication's 有效性) from the dates and relations."""
    pub = doc.publication
    local = local or rules()
    fields = {
        "starts_on": None,
        "expires_on": None,
        "evaluation_due": None,
        "ended_on": None,
        "declared_expired_on": None,
        "amended_on": None,
        "term_note": "",
    }
    rels = []
    if pub.formed_date or doc.effective_date:
        rels = [r for r in _relations_in(doc) if _in_effect(r)]
        term = core.validity_term(
            title=pub.title,
            effective_date=doc.effective_date,
            written_date=pub.formed_date,
            stated_years=doc.stated_years,
            stated_end=doc.stated_end,
            rule=validity_rule(local),
        )
        expires = max(
            [term.expires_on]
            + [r.extended_until for r in rels if r.kind == RelationKind.EXTENDS and r.extended_until]
        )

        def first(*kinds):
            days = [r.effective_date for r in rels if r.kind in kinds]
            return min(days) if days else None

        fields.update(
            starts_on=term.start,
            expires_on=expires,
            evaluation_due=add_months(expires, -local.evaluation_months),
            ended_on=first(RelationKind.REPEALS, RelationKind.REPLACES),
            declared_expired_on=first(RelationKind.DECLARES_EXPIRED),
            amended_on=first(RelationKind.AMENDS),
            term_note=term.note[:300],
        )
    changed = [k for k, v in fields.items() if getattr(doc, k) != v]
    for key, value in fields.items():
        setattr(doc, key, value)
    if changed and doc.pk:
        PolicyDocument.objects.filter(pk=doc.pk).update(**{k: fields[k] for k in changed})
    if fields["starts_on"]:
        status = validity_of(doc, today, local, rels).status
        value = PUBLICATION_VALIDITY[status]
        if pub.validity != value:
            Publication.objects.filter(pk=pub.pk).update(validity=value)
            pub.validity = value
    return doc


def refresh_all(today: date | None = None, chunk: int = 500) -> int:
    """Recompute every document's derived columns (after a rule change or a fix); one transaction per chunk so
    the database is never held for the whole run. Ends with :func:`sync_validity`."""
    local = rules()
    n = 0
    ids = list(PolicyDocument.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            docs = (
                PolicyDocument.objects.filter(pk__in=ids[start : start + chunk])
                .select_related("publication")
                .prefetch_related(RELATIONS_PREFETCH)
            )
            for doc in docs:
                refresh(doc, local, today)
                n += 1
    sync_validity(today)
    return n


def sync_validity(today: date | None = None) -> int:
    """The daily job (``gongkai policies refresh``): copy each document's status of ``today`` into its
    publication's 有效性 in a few set-based UPDATEs. Only dates move a status between relation changes, and the
    derived columns already hold those dates."""
    from .selectors import with_status

    today = today or timezone.localdate()
    changed = 0
    with transaction.atomic():
        live = with_status(PolicyDocument.objects.filter(starts_on__isnull=False), today)
        for status, value in PUBLICATION_VALIDITY.items():
            pubs = live.filter(live_status=status.value).values("publication_id")
            changed += Publication.objects.filter(pk__in=pubs).exclude(validity=value).update(validity=value)
    return changed


# --- relations -------------------------------------------------------------------------------------------------
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
            f"《{target.publication.title}》中找不到{'、'.join(missing)}：请按原文件的条款编号填写，如“第五条”。"
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


def add_relation(
    actor,
    target: PolicyDocument,
    kind: str,
    *,
    source: PolicyDocument | None = None,
    effective_date: date | None = None,
    extended_until: date | None = None,
    clauses: list[str] | None = None,
    basis: str = "",
) -> PolicyRelation:
    """Record that ``source`` amends / replaces / repeals ``target`` (or a decision without a document)."""
    if kind not in RelationKind.values:
        raise PolicyError("文件关系类型不正确。")
    owner = source.publication.unit if source else target.publication.unit
    _require(actor, MANAGER_ROLES, owner)
    if source is None and kind in (RelationKind.AMENDS, RelationKind.REPLACES):
        raise PolicyError("修改或替代关系须选择作出修改、替代的新文件。")
    if source is not None and source.pk == target.pk:
        raise PolicyError("文件不能修改、替代或废止自身。")
    if kind == RelationKind.EXTENDS and not extended_until:
        raise PolicyError("延续有效期须填写延续至的日期。")
    if (
        source is not None
        and kind in (RelationKind.REPLACES, RelationKind.REPEALS)
        and _would_cycle(source, target)
    ):
        raise PolicyError(f"《{target.publication.title}》已直接或间接替代、废止了本文件，不能再反向登记。")
    effective = effective_date or (source and (source.effective_date or source.publication.formed_date))
    if effective is None:
        raise PolicyError("请填写该关系的生效日期。")
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
        _record(
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


def remove_relation(actor, rel: PolicyRelation, reason: str) -> None:
    """Delete a relation recorded by mistake (reason required, audited)."""
    owner = rel.source.publication.unit if rel.source_id else rel.target.publication.unit
    _require(actor, MANAGER_ROLES, owner)
    if not (reason or "").strip():
        raise PolicyError("请说明删除该关系的原因。")
    with transaction.atomic():
        target = rel.target
        snapshot = {
            "relation": rel.get_kind_display(),
            "source": rel.source_id,
            "effective_date": rel.effective_date,
            "clauses": rel.clauses,
        }
        rel.delete()
        refresh(target)
        _record(actor, "relation_remove", target, target.publication.unit, snapshot, None, reason)


RELATION_WORDS = (
    ("同时废止", RelationKind.REPEALS),
    ("废止", RelationKind.REPEALS),
    ("停止执行", RelationKind.REPEALS),
    ("不再执行", RelationKind.REPEALS),
    ("修改", RelationKind.AMENDS),
    ("修订", RelationKind.REPLACES),
)


def suggest_relations(doc: PolicyDocument) -> list[tuple[PolicyDocument, str]]:
    """Documents of the library whose 文号 the text cites next to 废止/修改/停止执行: offered, never applied."""
    text = doc.publication.body_text
    found = []
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


def difference_seed(doc: PolicyDocument) -> str:
    """The starting text of an interpretation's 新旧政策差异 element, from the document's amend/replace relations."""
    parts = []
    for rel in doc.relations_out.filter(kind__in=DIFF_RELATIONS).select_related("target__publication"):
        lines = relation_diff(rel).summary()
        old = rel.target.publication.title
        if lines:
            parts.append(
                f"与原《{old}》相比：\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
            )
    return "\n\n".join(parts)


# --- interpretations ---------------------------------------------------------------------------------------------
def _clean_elements(elements: dict | None) -> dict:
    out = {}
    for key, value in (elements or {}).items():
        if key not in ELEMENT_KEYS:
            raise PolicyError(f"未知的解读要素：{key}")
        state = (value or {}).get("state", "")
        if state and state not in ElementState.values:
            raise PolicyError(f"解读要素“{ELEMENT_LABELS[key]}”的状态不正确。")
        note = ((value or {}).get("note") or "").strip()[:4000]
        if state or note:
            out[key] = {"state": state, "note": note}
    return out


def missing_elements(interp: Interpretation) -> list[str]:
    return [ELEMENT_LABELS[k] for k in ELEMENT_KEYS if not (interp.elements.get(k) or {}).get("state")]


def _check_documents(actor, unit: Unit, documents) -> list[PolicyDocument]:
    documents = list(documents or [])
    if not documents:
        raise PolicyError("请至少选择一份被解读的政策文件。")
    for doc in documents:
        pub = doc.publication
        ours = pub.unit_id == unit.pk or doc.co_issuers.filter(pk=unit.pk).exists()
        if not ours and pub.state != State.PUBLISHED:
            raise PolicyError(f"《{pub.title}》不是本单位的文件，且尚未发布，不能选作解读对象。")
    return documents


INTERP_FIELDS = ("form", "media_url", "interpreter_name", "interpreter_title", "elements")


def _interp_snapshot(interp: Interpretation) -> dict:
    return {
        **{k: getattr(interp, k) for k in INTERP_FIELDS},
        "documents": sorted(interp.documents.values_list("pk", flat=True)) if interp.pk else [],
    }


def create_interpretation(actor, unit: Unit, *, documents, **fields) -> Interpretation:
    """A new interpretation draft by ``unit`` ("谁起草、谁解读"); goes through the same review as any item."""
    _require(actor, EDITOR_ROLES, unit)
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    unknown = set(fields) - set(INTERP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if fields.get("form", InterpretationForm.TEXT) not in InterpretationForm.values:
        raise PolicyError("解读形式不正确。")
    documents = _check_documents(actor, unit, documents)
    if not pub_fields.get("nodes"):
        pub_fields["nodes"] = _node(INTERPRETATION_NODE_CODE)
    if not pub_fields.get("topic"):
        pub_fields["topic"] = documents[0].publication.topic
    with transaction.atomic():
        pub = publishing.create_draft(actor, unit, **pub_fields)
        interp = Interpretation(publication=pub, interpreter_unit=unit, **fields)
        interp.media_url = _web_url(interp.media_url, "媒体链接", required=False)
        interp.elements = _clean_elements(interp.elements)
        interp.save()
        interp.documents.set(documents)
        _record(actor, "interpretation_create", interp, unit, after=_interp_snapshot(interp))
    return interp


def update_interpretation(actor, interp: Interpretation, *, documents=None, **fields) -> Interpretation:
    pub = interp.publication
    _require(actor, EDITOR_ROLES, pub.unit)
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    unknown = set(fields) - set(INTERP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if "form" in fields and fields["form"] not in InterpretationForm.values:
        raise PolicyError("解读形式不正确。")
    with transaction.atomic():
        interp = Interpretation.objects.select_for_update().select_related("publication").get(pk=interp.pk)
        if not interp.publication.is_editable:
            raise PolicyError(
                f"“{interp.publication.get_state_display()}”状态的解读不能修改；如需修改请由审查员退回。"
            )
        before = _interp_snapshot(interp)
        if pub_fields:
            publishing.update_draft(actor, interp.publication, **pub_fields)
        for key, value in fields.items():
            setattr(interp, key, value)
        interp.media_url = _web_url(interp.media_url, "媒体链接", required=False)
        interp.elements = _clean_elements(interp.elements)
        interp.save()
        if documents is not None:
            interp.documents.set(_check_documents(actor, interp.publication.unit, documents))
        b, a = audit.diff(before, _interp_snapshot(interp))
        if a:
            _record(actor, "interpretation_update", interp, interp.publication.unit, b, a)
    return interp


def interpretation_ready(pub: Publication) -> list[str]:
    """Publishing's pre-review check for interpretations: checklist complete, media present for media forms."""
    interp = Interpretation.objects.filter(publication=pub).first()
    if interp is None:
        return []
    problems = []
    missing = missing_elements(interp)
    if missing:
        problems.append(f"解读内容要素（{'、'.join(missing)}：逐项标明已包含或不适用）")
    if interp.form in MEDIA_FORMS and not interp.media_url and not pub.attachments.exists():
        problems.append(f"{interp.get_form_display()}解读的媒体文件或链接")
    if not interp.documents.exists():
        problems.append("被解读的政策文件")
    return problems


def document_ready(pub: Publication) -> list[str]:
    doc = PolicyDocument.objects.filter(publication=pub).first()
    if doc is None:
        return []
    problems = []
    if doc.kind == DocKind.NORMATIVE and not doc.doc_number:
        problems.append("文号（行政规范性文件须有文号）")
    return problems


def on_state_change(pub: Publication, action: str) -> None:
    """After a publication changes state: a document's own status and every document it acts on follow."""
    doc = PolicyDocument.objects.filter(publication=pub).first()
    if doc is None:
        return
    doc.publication = pub
    refresh(doc)
    if pub.state != State.PUBLISHED and doc.is_admin_basis:
        # Withdrawn or archived: no longer a valid basis for administration.
        PolicyDocument.objects.filter(pk=doc.pk).update(is_admin_basis=False)
        _record(
            None,
            "admin_basis",
            doc,
            pub.unit,
            {"is_admin_basis": True},
            {"is_admin_basis": False},
            "文件已不再公开",
        )
    for rel in doc.relations_out.select_related("target__publication"):
        refresh(rel.target)


def validity_owner(pub: Publication) -> str | None:
    if PolicyDocument.objects.filter(publication=pub).exists():
        return "政策文件的有效性根据施行日期、有效期和文件关系自动计算，不能手工修改：请在政策文件库中登记修改、废止或延续有效期。"
    return None


# --- expiry evaluation (到期评估) ------------------------------------------------------------------------------------
def decide_evaluation(
    actor,
    doc: PolicyDocument,
    decision: str,
    note: str,
    extended_until: date | None = None,
    today: date | None = None,
) -> Evaluation:
    """The issuing unit's decision on a document nearing expiry: extend (延续), re-issue (重新制发) or lapse."""
    _require(actor, MANAGER_ROLES, doc.publication.unit)
    today = today or timezone.localdate()
    if decision not in EvaluationDecision.values:
        raise PolicyError("请选择评估结论。")
    note = (note or "").strip()
    if not note:
        raise PolicyError("请填写评估意见（文件实施情况、是否需要继续执行及理由）。")
    current = validity_of(doc, today)
    if not current.in_force:
        raise PolicyError(f"该文件当前为“{current.status}”，无需到期评估。")
    local = rules()
    if decision == EvaluationDecision.EXTEND:
        if not extended_until or extended_until <= current.term.expires_on:
            raise PolicyError(f"延续至的日期应晚于当前有效期{current.term.expires_on:%Y年%m月%d日}。")
        limit = core.expiry_date(
            current.term.expires_on, validity_rule(local).max_years(doc.publication.title)
        )
        if extended_until > limit:
            raise PolicyError(
                f"每次延续不超过{validity_rule(local).max_years(doc.publication.title)}年，最晚至{limit:%Y年%m月%d日}。"
            )
    else:
        extended_until = None
    with transaction.atomic():
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    document=doc,
                    expires_on=current.term.expires_on,
                    decision=decision,
                    extended_until=extended_until,
                    note=note,
                    decided_by=actor,
                    decided_at=timezone.now(),
                )
        except IntegrityError:
            raise PolicyError("本有效期内已作出评估结论。") from None
        _record(
            actor,
            "evaluate",
            doc,
            doc.publication.unit,
            {"expires_on": current.term.expires_on},
            {"decision": EvaluationDecision(decision).label, "extended_until": extended_until},
            note,
        )
        if decision == EvaluationDecision.EXTEND:
            add_relation(
                actor,
                doc,
                RelationKind.EXTENDS,
                effective_date=today,
                extended_until=extended_until,
                basis=f"到期评估（{today:%Y年%m月%d日}）",
            )
    return evaluation


# --- cleanup campaigns (清理) ---------------------------------------------------------------------------------------
def start_campaign(
    actor, *, title: str, deadline: date, scope_note: str = "", units=None, today=None
) -> Campaign:
    """The office opens a cleanup: one item per published normative document in force, for its issuing unit."""
    _require_office(actor)
    today = today or timezone.localdate()
    title = " ".join((title or "").split())
    if not title:
        raise PolicyError("请填写清理名称。")
    if deadline < today:
        raise PolicyError("报送截止日期不能早于今天。")
    from . import selectors

    docs = selectors.in_force(today).filter(kind=DocKind.NORMATIVE)
    if units:
        docs = docs.filter(publication__unit__in=units)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            title=title, deadline=deadline, scope_note=scope_note, created_by=actor
        )
        CampaignItem.objects.bulk_create(
            CampaignItem(campaign=campaign, document=doc, unit_id=doc.publication.unit_id)
            for doc in docs.select_related("publication")
        )
        _record(
            actor, "campaign_start", campaign, after={"deadline": deadline, "items": campaign.items.count()}
        )
    return campaign


def decide_cleanup(actor, item: CampaignItem, decision: str, note: str = "") -> CampaignItem:
    """The issuing unit confirms (继续有效) or changes (拟修改/废止/宣布失效) one document's status."""
    _require(actor, MANAGER_ROLES, item.unit)
    if decision not in CleanupDecision.values or decision == CleanupDecision.PENDING:
        raise PolicyError("请选择清理意见。")
    note = (note or "").strip()
    if decision != CleanupDecision.KEEP and not note:
        raise PolicyError("拟修改、废止或宣布失效的，请说明理由。")
    with transaction.atomic():
        item = CampaignItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
        if not item.campaign.is_open:
            raise PolicyError("该清理已结束，不能再修改清理意见。")
        before = {"decision": item.get_decision_display(), "note": item.note}
        item.decision, item.note = decision, note
        item.decided_by, item.decided_at = actor, timezone.now()
        item.save()
        _record(
            actor,
            "cleanup_decide",
            item.document,
            item.unit,
            before,
            {"decision": item.get_decision_display(), "note": note},
        )
    return item


def close_campaign(actor, campaign: Campaign, effective: date) -> Campaign:
    """End the cleanup: 废止 and 宣布失效 decisions take effect on ``effective`` as relations of the result."""
    _require_office(actor)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.is_open:
            raise PolicyError("该清理已结束。")
        applied = 0
        for item in campaign.items.select_related("document__publication"):
            kind = {
                CleanupDecision.REPEAL: RelationKind.REPEALS,
                CleanupDecision.EXPIRE: RelationKind.DECLARES_EXPIRED,
            }.get(item.decision)
            if kind:
                add_relation(
                    actor, item.document, kind, effective_date=effective, basis=f"{campaign.title}清理结果"
                )
                applied += 1
        campaign.closed_at, campaign.result_effective = timezone.now(), effective
        campaign.save()
        pending = campaign.items.filter(decision=CleanupDecision.PENDING).count()
        _record(
            actor,
            "campaign_close",
            campaign,
            after={"effective": effective, "applied": applied, "pending": pending},
        )
    return campaign


# --- services (政策+解读+办事) ----------------------------------------------------------------------------------------
def _web_url(url: str, label: str, required: bool = True) -> str:
    """A complete http(s) address (no javascript:, no relative path), or "" when optional and empty."""
    url = (url or "").strip()
    if not url and not required:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PolicyError(f"{label}须为完整网址，以 http:// 或 https:// 开头。")
    return url


def save_service(
    actor, unit: Unit, item: ServiceItem | None = None, *, documents=None, **fields
) -> ServiceItem:
    _require(actor, EDITOR_ROLES, unit)
    name = " ".join((fields.get("name") or "").split())
    if not name:
        raise PolicyError("请填写事项名称。")
    fields["name"] = name
    fields["guide_url"] = _web_url(fields.get("guide_url", ""), "办事指南链接")
    with transaction.atomic():
        before = None
        if item is None:
            item = ServiceItem(unit=unit)
        else:
            if item.unit_id != unit.pk:
                raise PolicyError("不能修改其他单位的办事事项。")
            before = {k: getattr(item, k) for k in fields}
        for key, value in fields.items():
            setattr(item, key, value)
        item.save()
        if documents is not None:
            item.documents.set(documents)
        _record(actor, "service_save", item, unit, before, {k: getattr(item, k) for k in fields})
    return item


# --- Q&A (政策问答) -------------------------------------------------------------------------------------------------
def save_question(
    actor, unit: Unit, existing: Question | None = None, *, documents=None, services=None, **fields
) -> Question:
    """Create or edit (``existing``) a Q&A pair of ``unit``; fields ``question`` and ``answer`` (sanitised HTML)."""
    _require(actor, EDITOR_ROLES, unit)
    question = existing
    text = " ".join((fields.get("question") or "").split())
    answer = clean_html(fields.get("answer") or "")
    if not text or not answer.strip():
        raise PolicyError("请填写问题和解答。")
    with transaction.atomic():
        before = None
        if question is None:
            question = Question(unit=unit, created_by=actor)
        else:
            if question.unit_id != unit.pk:
                raise PolicyError("不能修改其他单位的问答。")
            before = {
                "question": question.question,
                "answer_sha": hashlib.sha256(question.answer.encode()).hexdigest()[:12],
            }
        question.question, question.answer = text, answer
        question.search_text = normalize(text + " " + answer)
        question.save()
        if documents is not None:
            question.documents.set(documents)
        if services is not None:
            question.services.set(services)
        _record(
            actor,
            "question_save",
            question,
            unit,
            before,
            {"question": text, "answer_sha": hashlib.sha256(answer.encode()).hexdigest()[:12]},
        )
    return question


def set_question_state(actor, question: Question, state: str) -> Question:
    _require(actor, MANAGER_ROLES, question.unit)
    if state not in QuestionState.values:
        raise PolicyError("问答状态不正确。")
    with transaction.atomic():
        before = question.get_state_display()
        question.state = state
        if state == QuestionState.PUBLISHED and not question.published_at:
            question.published_at = timezone.now()
        question.save(update_fields=["state", "published_at", "updated_at"])
        _record(
            actor,
            "question_state",
            question,
            question.unit,
            {"state": before},
            {"state": question.get_state_display()},
        )
    return question


def vote(question: Question, helpful: bool, voter_key: str) -> bool:
    """Count one "was this helpful" vote per voter per day; returns False for a repeat."""
    # Keyed with the secret so the stored value cannot be reversed to an address by trying them all.
    voter = hmac.new(
        settings.SECRET_KEY.encode(), f"{voter_key}|{timezone.localdate()}|{question.pk}".encode(), "sha256"
    ).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                QuestionFeedback.objects.create(question=question, helpful=helpful, voter=voter)
        except IntegrityError:
            return False
        field = "helpful_yes" if helpful else "helpful_no"
        Question.objects.filter(pk=question.pk).update(**{field: F(field) + 1})
    return True


def log_unanswered(query: str) -> None:
    """A public Q&A search that found nothing (kept short and normalised; no personal data is stored)."""
    query = normalize(" ".join((query or "").split()))[:100]
    if len(query) < 2:
        return
    now = timezone.now()
    with transaction.atomic():
        updated = UnansweredSearch.objects.filter(query=query).update(count=F("count") + 1, last_at=now)
        if not updated:
            try:
                with transaction.atomic():
                    UnansweredSearch.objects.create(query=query, last_at=now)
            except IntegrityError:
                UnansweredSearch.objects.filter(query=query).update(count=F("count") + 1, last_at=now)


def handle_unanswered(
    actor, entry: UnansweredSearch, note: str = "", question: Question | None = None
) -> UnansweredSearch:
    _require_office(actor)
    with transaction.atomic():
        entry.handled_at, entry.handled_by = timezone.now(), actor
        entry.handled_note, entry.answered_by = (note or "").strip()[:200], question
        entry.save()
        _record(
            actor,
            "unanswered_handle",
            entry,
            after={"note": entry.handled_note, "question": getattr(question, "pk", None)},
        )
    return entry


# --- packages (集成式发布) -------------------------------------------------------------------------------------------
def save_package(
    actor, package: Package | None = None, *, documents=None, questions=None, services=None, **fields
) -> Package:
    _require_office(actor)
    title = " ".join((fields.get("title") or "").split())
    if not title or not fields.get("slug"):
        raise PolicyError("请填写名称和网址标识。")
    with transaction.atomic():
        before = None
        if package is None:
            package = Package(created_by=actor)
        else:
            before = {k: getattr(package, k) for k in fields}
        for key, value in fields.items():
            setattr(package, key, value)
        package.title = title
        try:
            with transaction.atomic():
                package.save()
        except IntegrityError:
            raise PolicyError(f"网址标识“{package.slug}”已被其他政策包使用。") from None
        if documents is not None:
            package.documents.set(documents)
        if questions is not None:
            package.questions.set(questions)
        if services is not None:
            package.services.set(services)
        _record(actor, "package_save", package, None, before, {k: getattr(package, k) for k in fields})
    return package
