"""Interpretations (政策解读): a publication draft of the drafting unit ("谁起草、谁解读") with its form, the
documents it explains and the content checklist (解读内容要素); signed off (审定) by the unit leader, then reviewed
and published like any item. Also the starting text of its 新旧政策差异 element."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core import policy as core
from gongkai.orgs.models import Unit
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .. import access
from ..errors import PolicyError
from ..models import Interpretation, PolicyDocument, PolicyRelation
from ..vocab import (
    ELEMENT_KEYS,
    ELEMENT_LABELS,
    MEDIA_FORMS,
    ElementState,
    InterpretationForm,
    RelationKind,
    SignOff,
)
from .common import EDITOR_POSTS, PUBLICATION_FIELDS, catalog_node, record, refuse, web_url
from .relations import relation_diff, suggest_relations

INTERPRETATION_NODE_CODE = "art20-01-02"  # 公开目录: 政策解读
INTERP_FIELDS = ("form", "media_url", "interpreter_name", "interpreter_title", "elements")


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


def _check_documents(unit: Unit, documents) -> list[PolicyDocument]:
    documents = list(documents or [])
    if not documents:
        raise PolicyError("请至少选择一份被解读的政策文件。", field="documents")
    for doc in documents:
        pub = doc.publication
        ours = pub.unit_id == unit.pk or doc.co_issuers.filter(pk=unit.pk).exists()
        if not ours and pub.state != State.PUBLISHED:
            raise PolicyError(
                f"《{pub.title}》不是本单位的文件，且尚未发布，不能选作解读对象。", field="documents"
            )
    return documents


def _interp_snapshot(interp: Interpretation) -> dict:
    return {
        **{k: getattr(interp, k) for k in INTERP_FIELDS},
        "documents": sorted(interp.documents.values_list("pk", flat=True)) if interp.pk else [],
    }


def create_interpretation(unit: Unit, *, actor, documents, **fields) -> Interpretation:
    """A new interpretation draft by ``unit`` ("谁起草、谁解读"); goes through the same review as any item."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    unknown = set(fields) - set(INTERP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if fields.get("form", InterpretationForm.TEXT) not in InterpretationForm.values:
        raise PolicyError("解读形式不正确。", field="form")
    documents = _check_documents(unit, documents)
    if not pub_fields.get("nodes"):
        pub_fields["nodes"] = catalog_node(INTERPRETATION_NODE_CODE)
    if not pub_fields.get("topic"):
        pub_fields["topic"] = documents[0].publication.topic
    with transaction.atomic():
        pub = publishing.create_draft(unit, actor=actor, **pub_fields)
        interp = Interpretation(publication=pub, interpreter_unit=unit, **fields)
        interp.media_url = web_url(interp.media_url, "媒体链接", field="media_url", required=False)
        interp.elements = _clean_elements(interp.elements)
        interp.save()
        interp.documents.set(documents)
        record(actor, "interpretation_create", interp, unit, after=_interp_snapshot(interp))
    return interp


def update_interpretation(
    interpretation: Interpretation, *, actor, documents=None, **fields
) -> Interpretation:
    if not access.can_edit_interpretation(actor, interpretation):
        refuse(actor, interpretation.publication.unit, EDITOR_POSTS)
    pub_fields = {k: fields.pop(k) for k in list(fields) if k in PUBLICATION_FIELDS}
    unknown = set(fields) - set(INTERP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if "form" in fields and fields["form"] not in InterpretationForm.values:
        raise PolicyError("解读形式不正确。", field="form")
    with transaction.atomic():
        interp = (
            Interpretation.objects.select_for_update().select_related("publication").get(pk=interpretation.pk)
        )
        if not interp.publication.is_editable:
            raise PolicyError(
                f"“{interp.publication.get_state_display()}”状态的解读不能修改；如需修改请由审查员退回。"
            )
        before = _interp_snapshot(interp)
        if pub_fields:
            publishing.update_draft(interp.publication, actor=actor, **pub_fields)
        for key, value in fields.items():
            setattr(interp, key, value)
        interp.media_url = web_url(interp.media_url, "媒体链接", field="media_url", required=False)
        interp.elements = _clean_elements(interp.elements)
        interp.save()
        if documents is not None:
            interp.documents.set(_check_documents(interp.publication.unit, documents))
        b, a = audit.diff(before, _interp_snapshot(interp))
        if a:
            record(actor, "interpretation_update", interp, interp.publication.unit, b, a)
    return interp


# --- 单位负责人审定 -----------------------------------------------------------------------------------------------
def sign_off_interpretation(
    interpretation: Interpretation, *, actor, approve: bool, note: str = ""
) -> Interpretation:
    """The drafting unit's leader signs the interpretation off (审定) — it may then be submitted for review — or
    returns it to the editors with comments."""
    unit = interpretation.publication.unit
    if not access.can_sign_off_interpretation(actor, interpretation):
        refuse(actor, unit, "单位负责人")
    note = (note or "").strip()[:500]
    if not approve and not note:
        raise PolicyError("退回修改时请写明审定意见，以便编辑人员修改。", field="note")
    with transaction.atomic():
        interp = (
            Interpretation.objects.select_for_update().select_related("publication").get(pk=interpretation.pk)
        )
        pub = interp.publication
        if not pub.is_editable:
            raise PolicyError(
                f"该解读已“{pub.get_state_display()}”，不在审定环节：审定在提交保密审查之前进行。"
            )
        if approve:
            missing = missing_elements(interp)
            if missing:
                raise PolicyError(f"内容要素尚未逐项标明（{'、'.join(missing)}）：请编辑人员补全后再审定。")
        before = {"signoff": SignOff(interp.signoff).label if interp.signoff else "未审定"}
        interp.signoff = SignOff.APPROVED if approve else SignOff.RETURNED
        interp.signoff_note = note
        interp.signoff_by = actor if getattr(actor, "pk", None) else None
        interp.signoff_at = timezone.now()
        interp.signoff_fingerprint = interp.content_fingerprint()
        interp.save()
        record(
            actor,
            "interpretation_signoff",
            interp,
            unit,
            before,
            {"signoff": SignOff(interp.signoff).label},
            note,
        )
    return interp


# --- 新旧政策差异 ----------------------------------------------------------------------------------------------------
SEED_RELATIONS = (RelationKind.AMENDS, RelationKind.REPLACES, RelationKind.REPEALS)


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _named(doc: PolicyDocument) -> str:
    return f"《{doc.title}》" + (f"（{doc.doc_number}）" if doc.doc_number else "")


def difference_seed(doc: PolicyDocument) -> str:
    """The starting text of an interpretation's 新旧政策差异 element (the interpreter edits it):

    - against each document this one amends, replaces or repeals — recorded relations, and those its text cites
      next to 修改/修订/废止 that are not recorded yet;
    - for a document amended since it was issued, what its amendment decisions changed (original → current text).
    """
    parts = []
    recorded = list(doc.relations_out.filter(kind__in=SEED_RELATIONS).select_related("target__publication"))
    known = {r.target_id for r in recorded}
    cited = [
        PolicyRelation(source=doc, target=target, kind=kind)
        for target, kind in suggest_relations(doc)
        if target.pk not in known and kind in SEED_RELATIONS
    ]
    for rel in recorded + cited:
        lines = relation_diff(rel).summary()
        if not lines:
            continue
        old = _named(rel.target)
        note = "" if rel.pk else "（正文提到该文件，尚未登记文件关系）"
        if rel.kind == RelationKind.REPEALS:
            head = f"本文件施行后，原{old}同时废止{note}。与原文件相比："
        else:
            head = f"与原{old}相比{note}："
        parts.append(head + "\n" + _numbered(lines))
    amendments = list(
        doc.relations_in.filter(kind=RelationKind.AMENDS, source__isnull=False)
        .select_related("source__publication")
        .order_by("effective_date", "id")
    )
    decisions = {r.pk: r.source for r in amendments if r.source is not None}
    if decisions:
        original = doc.publication.body_text
        result = core.consolidate(
            original, [(pk, src.publication.body_text) for pk, src in decisions.items()]
        )
        lines = core.diff_documents(original, result.text).summary() if result.applied else []
        if lines:
            applied = {step.key for step in result.applied}
            names = "、".join(_named(src) for pk, src in decisions.items() if pk in applied)
            parts.append(f"经{names}修改，与原文相比：\n" + _numbered(lines))
    return "\n\n".join(parts)


# --- publishing's pre-review check ------------------------------------------------------------------------------
def interpretation_ready(pub: Publication) -> list[str]:
    """Publishing's pre-review check for interpretations: checklist complete, media present for media forms,
    signed off by the unit leader on the content as it is now."""
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
    state = interp.signoff_state
    if state == "changed" and interp.signoff == SignOff.APPROVED:
        problems.append("单位负责人审定（审定后内容有修改，须重新审定）")
    elif state in ("returned", "changed"):
        problems.append("单位负责人审定（负责人已退回修改，修改后须重新审定）")
    elif state != "approved":
        problems.append("单位负责人审定（解读须经起草单位负责人审定后才能提交审查）")
    return problems
