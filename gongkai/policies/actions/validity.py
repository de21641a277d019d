"""The derived validity (有效性) of documents: the local rule, the status of a day with its reason, the derived date
columns (``refresh``), the daily copy into the publications' 有效性 (``sync_validity``), and publishing's extension
hooks that keep them in step when a publication changes state."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import policy as core
from gongkai.core.policy.validity import add_months
from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State, Validity

from .. import access, selectors
from ..errors import PolicyError
from ..models import LocalRules, PolicyDocument, PolicyRelation
from ..vocab import CORE_RELATION, RelationKind
from .common import record, refuse_office

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


def validity_rule(local: LocalRules | None = None) -> core.ValidityRule:
    local = local or selectors.rules()
    return core.ValidityRule(
        default_years=local.default_years,
        provisional_years=local.provisional_years,
        evaluation_months=local.evaluation_months,
    )


def update_rules(*, actor, **fields) -> LocalRules:
    """The openness office changes the local rule; every document's term is recomputed."""
    if not access.can_administer(actor):
        refuse_office()
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields {sorted(unknown)}")
    if fields.get("default_years", 1) < 1:
        raise PolicyError("有效期至少为1年。", field="default_years")
    if fields.get("provisional_years", 1) < 1:
        raise PolicyError("有效期至少为1年。", field="provisional_years")
    if fields.get("provisional_years", 0) > fields.get("default_years", selectors.rules().default_years):
        raise PolicyError("暂行、试行文件的有效期不能长于一般规范性文件。", field="provisional_years")
    for key in ("interpretation_target", "major_target", "diverse_target", "sync_target"):
        if not 0 <= fields.get(key, 0) <= 100:
            raise PolicyError("目标比例应在0到100之间。", field=key)
    with transaction.atomic():
        LocalRules.objects.get_or_create(pk=1)
        local = LocalRules.objects.select_for_update().get(pk=1)
        before = {k: getattr(local, k) for k in fields}
        for key, value in fields.items():
            setattr(local, key, value)
        local.save()
        b, a = audit.diff(before, {k: getattr(local, k) for k in fields})
        if a:
            record(actor, "rules", local, before=b, after=a)
            refresh_all()
    return local


# --- the status of a day ----------------------------------------------------------------------------------------
def in_effect(rel: PolicyRelation) -> bool:
    """A relation made by a document counts once that document is published; decisions count at once."""
    return rel.source is None or rel.source.publication.state == State.PUBLISHED


RELATIONS_PREFETCH = "relations_in__source__publication"


def _relations_in(doc: PolicyDocument) -> list[PolicyRelation]:
    """The relations acting on ``doc``, from the prefetch cache when the caller prefetched them (bulk refresh)."""
    if "relations_in" in getattr(doc, "_prefetched_objects_cache", {}):
        return list(doc.relations_in.all())
    return list(doc.relations_in.select_related("source__publication"))


def relation_label(rel: PolicyRelation) -> str:
    """How a status reason names the acting document: 《title》（文号）, or the decision's name."""
    src = rel.source
    if src is not None:
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
        if in_effect(r)
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


# --- the derived columns ----------------------------------------------------------------------------------------
def refresh(
    doc: PolicyDocument, *, local: LocalRules | None = None, today: date | None = None
) -> PolicyDocument:
    """Recompute the derived date columns (and the publication's 有效性) from the dates and relations (the system
    does this after every change; no actor, no audit event of its own)."""
    pub = doc.publication
    local = local or selectors.rules()
    fields: dict[str, date | str | None] = {  # the derived columns: dates, and the term's note
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
        rels = [r for r in _relations_in(doc) if in_effect(r)]
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


def refresh_all(*, today: date | None = None, chunk: int = 500) -> int:
    """Recompute every document's derived columns (after a rule change or a fix); one transaction per chunk so
    the database is never held for the whole run. Ends with :func:`sync_validity`."""
    local = selectors.rules()
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
                refresh(doc, local=local, today=today)
                n += 1
    sync_validity(today=today)
    return n


def sync_validity(*, today: date | None = None) -> int:
    """The daily job (``gongkai policies refresh``): copy each document's status of ``today`` into its
    publication's 有效性 in a few set-based UPDATEs. Only dates move a status between relation changes, and the
    derived columns already hold those dates."""
    today = today or timezone.localdate()
    changed = 0
    with transaction.atomic():
        live = selectors.with_status(PolicyDocument.objects.filter(starts_on__isnull=False), today)
        for status, value in PUBLICATION_VALIDITY.items():
            pubs = live.filter(live_status=status.value).values("publication_id")
            changed += Publication.objects.filter(pk__in=pubs).exclude(validity=value).update(validity=value)
    return changed


# --- publishing's extension points ------------------------------------------------------------------------------
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
        record(
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
