"""Interpretations (政策解读): a publication draft of the drafting unit ("谁起草、谁解读") with its form, the
documents it explains and the content checklist (解读内容要素); reviewed and published like any item."""

from __future__ import annotations

from django.db import transaction

from gongkai.audit import services as audit
from gongkai.orgs.models import Unit
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .. import access
from ..errors import PolicyError
from ..models import Interpretation, PolicyDocument
from ..vocab import ELEMENT_KEYS, ELEMENT_LABELS, MEDIA_FORMS, ElementState, InterpretationForm
from .common import EDITOR_POSTS, PUBLICATION_FIELDS, catalog_node, record, refuse, web_url

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


# --- publishing's pre-review check ------------------------------------------------------------------------------
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
