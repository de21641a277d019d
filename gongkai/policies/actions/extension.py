"""Extending a document's term (延续有效期): the issuing unit's 到期评估 proposes it, the unit leader approves it,
an editor drafts the public notice (公告), which is reviewed and published like any item; the extension acts — an
``extends`` relation from the day of publication — only when the notice is published. One editor can no longer
extend a document alone."""

from __future__ import annotations

from datetime import date
from html import escape

from django.db import transaction
from django.utils import timezone

from gongkai.core.policy.validity import fmt
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import TOPICS, State

from .. import access
from ..errors import PolicyError
from ..models import Evaluation, ExtensionRequest, PolicyDocument
from ..vocab import ExtensionState, RelationKind
from .common import EDITOR_POSTS, catalog_node, record, refuse
from .documents import DOC_NODE_CODE
from .relations import add_relation
from .validity import validity_of

LEADER_POST = "单位负责人"


def _label(state: str) -> str:
    return ExtensionState(state).label


def request_extension(
    document: PolicyDocument,
    *,
    actor,
    evaluation: Evaluation,
    extended_until: date,
    reason: str,
) -> ExtensionRequest:
    """The 延续 decision of an evaluation, waiting for the unit leader (called inside ``decide_evaluation``, which
    has checked the actor, the dates and the reason)."""
    ext = ExtensionRequest.objects.create(
        document=document,
        evaluation=evaluation,
        expires_on=evaluation.expires_on,
        extended_until=extended_until,
        reason=reason,
        requested_by=actor,
        requested_at=timezone.now(),
    )
    record(
        actor,
        "extension_request",
        document,
        document.publication.unit,
        {"expires_on": ext.expires_on},
        {"state": _label(ext.state), "extended_until": extended_until},
        reason,
    )
    return ext


def _lock(extension: ExtensionRequest) -> ExtensionRequest:
    return (
        ExtensionRequest.objects.select_for_update()
        .select_related("document__publication__unit")
        .get(pk=extension.pk)
    )


def _check_still_extendable(ext: ExtensionRequest, day: date) -> None:
    doc = ext.document
    current = validity_of(doc, day)
    if not current.in_force:
        raise PolicyError(
            f"《{doc.title}》{fmt(day)}的有效性为“{current.status}”（{current.reason}），不能再延续有效期："
            "延续须在有效期届满前公告；如仍需执行，请重新制发文件。"
        )
    if ext.extended_until <= current.term.expires_on:
        raise PolicyError(
            f"《{doc.title}》的有效期已至{fmt(current.term.expires_on)}，不晚于申请延续至的"
            f"{fmt(ext.extended_until)}：无需再延续。"
        )


def decide_extension(
    extension: ExtensionRequest, *, actor, approve: bool, note: str = "", today: date | None = None
) -> ExtensionRequest:
    """The unit leader approves the extension (then the notice is drafted and published) or refuses it with a
    reason (the evaluation is set aside and the unit decides again)."""
    unit = extension.document.publication.unit
    if not access.can_approve_extension(actor, extension):
        refuse(actor, unit, LEADER_POST)
    note = (note or "").strip()[:500]
    if not approve and not note:
        raise PolicyError("不同意延续的，请写明理由，以便制发单位重新评估。", field="note")
    today = today or timezone.localdate()
    with transaction.atomic():
        ext = _lock(extension)
        if ext.state != ExtensionState.PENDING:
            raise PolicyError(f"该延续申请当前为“{_label(ext.state)}”，不能再审批。")
        if approve:
            _check_still_extendable(ext, today)
        before = _label(ext.state)
        ext.state = ExtensionState.APPROVED if approve else ExtensionState.REJECTED
        ext.decided_by, ext.decided_at, ext.decision_note = actor, timezone.now(), note
        ext.save()
        if not approve and ext.evaluation_id:
            Evaluation.objects.filter(pk=ext.evaluation_id).update(superseded_at=timezone.now())
        record(
            actor,
            "extension_approve" if approve else "extension_reject",
            ext.document,
            unit,
            {"state": before},
            {"state": _label(ext.state), "extended_until": ext.extended_until},
            note,
        )
    return ext


def notice_title(doc: PolicyDocument) -> str:
    return f"关于延续《{doc.title}》有效期的公告"


def _notice_body(ext: ExtensionRequest, today: date) -> str:
    doc = ext.document
    unit = doc.publication.unit
    number = f"（{escape(doc.doc_number)}）" if doc.doc_number else ""
    start = doc.starts_on or doc.effective_date or doc.publication.formed_date
    started = f"自{fmt(start)}起施行，" if start else ""
    paragraphs = [
        f"《{escape(doc.title)}》{number}{started}有效期至{fmt(ext.expires_on)}。",
        f"经评估：{escape(ext.reason)}",
        f"经本单位负责人批准，决定将该文件的有效期延续至{fmt(ext.extended_until)}。",
        "特此公告。",
        escape(unit.name),
        fmt(today),
    ]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def draft_extension_notice(extension: ExtensionRequest, *, actor, today: date | None = None) -> Publication:
    """The draft of the public notice of an approved extension, filed under 规范性文件; the editor then submits it
    for review and publishes it as any item. A second call returns the notice already drafted."""
    unit = extension.document.publication.unit
    if not access.can_draft_extension_notice(actor, extension):
        refuse(actor, unit, EDITOR_POSTS)
    today = today or timezone.localdate()
    with transaction.atomic():
        ext = _lock(extension)
        if ext.state != ExtensionState.APPROVED:
            raise PolicyError(f"该延续申请当前为“{_label(ext.state)}”：只有已批准的延续需要起草公告。")
        if ext.notice is not None:
            return ext.notice
        doc = ext.document
        topic = doc.publication.topic if doc.publication.topic in TOPICS else "综合政务"
        pub = publishing.create_draft(
            unit,
            actor=actor,
            title=notice_title(doc),
            body=_notice_body(ext, today),
            formed_date=today,
            topic=topic,
            publisher=unit.name,
            nodes=catalog_node(DOC_NODE_CODE),
        )
        ext.notice = pub
        ext.save(update_fields=["notice"])
        record(actor, "extension_notice", doc, unit, after={"notice": pub.pk, "title": pub.title})
    return pub


def _basis(pub: Publication) -> str:
    """How the status reason names the notice: 《关于延续〈…〉有效期的公告》."""
    return "《" + pub.title.replace("《", "〈").replace("》", "〉") + "》"


def on_notice_change(pub: Publication, action: str) -> None:
    """Publishing's state listener: the notice of an approved extension is published → the extension acts from
    that day (refused, and the publication with it, when the term has already run out); withdrawn or archived
    before that → the request waits for a new notice."""
    ext = ExtensionRequest.objects.filter(notice=pub).select_related("document__publication__unit").first()
    if ext is None or ext.state != ExtensionState.APPROVED:
        return
    doc = ext.document
    unit = doc.publication.unit
    if action == "publish" and pub.state == State.PUBLISHED:
        day = timezone.localdate(pub.published_at)
        _check_still_extendable(ext, day)
        rel = add_relation(
            doc,
            actor=None,
            kind=RelationKind.EXTENDS,
            effective_date=day,
            extended_until=ext.extended_until,
            basis=_basis(pub),
        )
        ExtensionRequest.objects.filter(pk=ext.pk).update(state=ExtensionState.EFFECTIVE, relation=rel)
        record(
            None,
            "extension_effective",
            doc,
            unit,
            {"state": _label(ExtensionState.APPROVED)},
            {"state": _label(ExtensionState.EFFECTIVE), "effective_date": day, "notice": pub.pk},
            "延续有效期公告已发布",
        )
    elif pub.state in (State.WITHDRAWN, State.ARCHIVED):
        ExtensionRequest.objects.filter(pk=ext.pk).update(notice=None)
        record(None, "extension_notice", doc, unit, {"notice": pub.pk}, {"notice": None}, "公告未发布即撤回")
