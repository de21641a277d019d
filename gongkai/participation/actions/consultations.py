"""Consultations (意见征集): the draft through publishing's workflow, the period (第15条), opinions from the public
and from staff, their handling (hide, merge, decide), and the feedback report (意见采纳情况反馈)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.calendar import services as calendar
from gongkai.core import participation as rules
from gongkai.core import policy
from gongkai.orgs.models import Unit
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode, Publication

from .. import access
from ..errors import ParticipationError
from ..models import Consultation, Decision, Opinion
from ..vocab import Adoption, Channel, ConsultationStatus, Group, OpinionState
from .common import EDITOR_POSTS, new_code, record, refuse, required_text

DRAFT_NODE_CODE = "art20-15"  # 公开目录: 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息
CONSULTATION_FIELDS = (
    "title",
    "basis",
    "explanation",
    "starts_on",
    "ends_on",
    "short_reason",
    "channels",
    "email",
    "postal_address",
    "invited_groups",
    "concerns_enterprises",
    "invitation_list",
    "name_required",
    "contact_required",
    "decision",
)
MAX_OPINION_CHARS = 5000
# What may still change, by the consultation's status. Once the draft is public the title, the start and the rules
# promised to the public (name or contact required) stay; the end may only move later (nobody loses time they were
# promised, 第十五条). Once the period has ended the period and channels are history: only the explanations, the
# invited groups and the link to the decision may be completed. Once the feedback is published nothing changes (the
# final document is linked with ``link_final_document``).
_AFTER_PUBLIC = tuple(
    f for f in CONSULTATION_FIELDS if f not in ("title", "starts_on", "name_required", "contact_required")
)
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    ConsultationStatus.DRAFT: CONSULTATION_FIELDS,
    ConsultationStatus.UPCOMING: _AFTER_PUBLIC,
    ConsultationStatus.OPEN: _AFTER_PUBLIC,
    ConsultationStatus.AWAITING_FEEDBACK: (
        "basis",
        "explanation",
        "invited_groups",
        "invitation_list",
        "decision",
    ),
    ConsultationStatus.FEEDBACK_PUBLISHED: (),
}


def _validate(c: Consultation) -> None:
    c.title = " ".join((c.title or "").split())
    if not c.title:
        raise ParticipationError("请填写征集主题。", field="title")
    problems = rules.period_problems(c.starts_on, c.ends_on, c.short_reason)
    if problems:
        raise ParticipationError(problems[0], field="ends_on")
    if rules.consultation_days(c.starts_on, c.ends_on) >= rules.CONSULTATION_PERIOD.value:
        c.short_reason = ""
    c.channels = [ch for ch in (c.channels or []) if ch in Channel.values]
    if not c.channels:
        raise ParticipationError(
            "请至少选择一个意见征集渠道（网上提交、电子邮件、信函或座谈会）。", field="channels"
        )
    if Channel.EMAIL in c.channels and not c.email:
        raise ParticipationError("选择了电子邮件渠道，请填写接收意见的邮箱。", field="email")
    if Channel.POST in c.channels and not c.postal_address.strip():
        raise ParticipationError("选择了信函渠道，请填写通信地址。", field="postal_address")
    c.invited_groups = [g for g in (c.invited_groups or []) if g in Group.values]
    if c.concerns_enterprises:
        if not ({Group.ENTERPRISES, Group.ASSOCIATIONS} & set(c.invited_groups)):
            raise ParticipationError(
                "涉企政策应当听取企业和行业协会商会的意见：请在重点征求对象中选择“企业”或“行业协会商会”。",
                field="invited_groups",
            )
        if not c.invitation_list.strip():
            raise ParticipationError(
                "涉企政策请记录定向邀请的企业、行业协会商会名单。", field="invitation_list"
            )
    if c.decision is not None and c.decision.unit_id != c.unit_id and c.decision.catalog.unit_id != c.unit_id:
        raise ParticipationError("关联的重大行政决策事项不属于本单位。", field="decision")


def _snapshot(c: Consultation) -> dict:
    return {k: getattr(c, k) for k in CONSULTATION_FIELDS}


def _draft_node() -> list[CatalogNode]:
    publishing.ensure_template()
    node = CatalogNode.objects.filter(code=DRAFT_NODE_CODE).first()
    return [node] if node else []


def create_consultation(unit: Unit, *, actor, body: str, topic: str = "综合政务", **fields) -> Consultation:
    """A new consultation: the draft (征求意见稿) becomes a publication draft of ``unit`` that goes through the
    review workflow; the consultation is public once that publication is published."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    c = Consultation(unit=unit, **fields)
    _validate(c)
    with transaction.atomic():
        pub = publishing.create_draft(
            unit,
            actor=actor,
            title=f"{c.title}（征求意见稿）",
            body=body,
            formed_date=c.starts_on,
            topic=topic,
            is_consultation=True,
            nodes=_draft_node(),
        )
        c.publication = pub
        c.feedback_due = feedback_due(c)
        c.save()
        record(actor, "consultation_created", c, unit=unit, after=_snapshot(c))
    return c


def editable_fields(consultation: Consultation, today: date | None = None) -> tuple[str, ...]:
    """The fields of ``consultation`` that may still change today (``EDITABLE_FIELDS`` by its status)."""
    return EDITABLE_FIELDS[consultation.status(today)]


def _same(a, b) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return bool(a == b)


def update_consultation(
    consultation: Consultation, *, actor, today: date | None = None, **fields
) -> Consultation:
    """Change a consultation after its creation: only what its status still allows (``EDITABLE_FIELDS``); the
    before and after of every field are audited."""
    if not access.can_handle_opinions(actor, consultation):
        refuse(actor, consultation.unit)
    labels = {
        f.name: str(f.verbose_name) for f in Consultation._meta.get_fields() if hasattr(f, "verbose_name")
    }
    labels["decision"] = "所属重大行政决策事项"
    with transaction.atomic():
        c = Consultation.objects.select_for_update().select_related("publication").get(pk=consultation.pk)
        if c.feedback_published_at:
            raise ParticipationError("反馈已公布的征集不能再修改；正式文件可在“关联正式文件”中补充。")
        before = _snapshot(c)
        allowed = editable_fields(c, today)
        for key, value in fields.items():
            if key not in CONSULTATION_FIELDS:
                raise TypeError(f"unknown field {key}")
            if key not in allowed and not _same(before[key], value):
                raise ParticipationError(
                    f"该征集当前为“{ConsultationStatus(c.status(today)).label}”，“{labels.get(key, key)}”已不能修改。",
                    field=key,
                )
            setattr(c, key, value)
        if c.is_public and (c.starts_on != before["starts_on"] or c.ends_on < before["ends_on"]):
            raise ParticipationError(
                "征求意见稿已发布：开始日期不能修改，截止日期只能延后。", field="ends_on"
            )
        _validate(c)
        c.feedback_due = feedback_due(c)
        after = _snapshot(c)
        changed = [k for k in CONSULTATION_FIELDS if not _same(before[k], after[k])]
        if not changed:
            return c
        c.save()
        record(
            actor,
            "consultation_updated",
            c,
            unit=c.unit,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return c


def final_document_candidates(consultation: Consultation, limit: int = 200):
    """Published documents that may be the consultation's final document: published since its start, not a draft
    for comment, newest first (the ``limit`` newest)."""
    start = timezone.make_aware(datetime.combine(consultation.starts_on, time.min))
    ids = list(
        Publication.objects.filter(state="published", is_consultation=False, published_at__gte=start)
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)[:limit]
    )
    if consultation.final_publication_id and consultation.final_publication_id not in ids:
        ids.append(consultation.final_publication_id)
    return Publication.objects.filter(pk__in=ids).select_related("unit").order_by("-published_at", "-id")


def link_final_document(
    consultation: Consultation, *, actor, publication: Publication | None, reason: str = ""
) -> Consultation:
    """Link (or unlink, with ``None``) the final document — the adopted policy as published — to the consultation.
    Allowed at any time, also after the feedback (the document is usually issued later); the public consultation
    and feedback pages show it, and its own page links back (``hooks.final_document_panel``)."""
    if not access.can_publish_feedback(actor, consultation):
        refuse(actor, consultation.unit)
    if publication is not None:
        if publication.state != "published":
            raise ParticipationError(
                "关联的正式文件须为已发布的政府信息，请先发布正式文件。", field="publication"
            )
        if publication.is_consultation or publication.pk == consultation.publication_id:
            raise ParticipationError("正式文件不能是征求意见稿，请选择发布的正式文件。", field="publication")
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        before = c.final_publication_id
        after = publication.pk if publication is not None else None
        if before == after:
            return c
        c.final_publication = publication
        if publication is not None and not c.final_text and not c.feedback_published_at:
            c.final_text = publication.body_text  # the draft → final diff, until staff edit the final text
        c.save(update_fields=["final_publication", "final_text"])
        record(
            actor,
            "final_document_linked",
            c,
            unit=c.unit,
            before={"final_publication": before},
            after={"final_publication": after, "title": publication.title if publication is not None else ""},
            reason=reason,
        )
    return c


def clauses_of(consultation: Consultation) -> list[str]:
    """The clause labels of the draft (第一条…, or 一、（一）…) a submitter may point at (``core.policy``)."""
    parsed = policy.parse_clauses(consultation.publication.body_text)
    return [clause.label for clause in parsed.articles()]


def _fingerprint(body: str) -> str:
    text = "".join(ch for ch in body if ch.isalnum())
    return hashlib.sha256(text.encode()).hexdigest()


def submit_opinion(
    consultation: Consultation,
    *,
    body: str,
    name: str = "",
    contact: str = "",
    clause: str = "",
    client: str = "",
    now=None,
) -> Opinion:
    """A citizen's opinion through the online form (no actor: the public). Refused after the end date, naming it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    c = consultation
    if not c.is_public or Channel.ONLINE not in c.channels:
        raise ParticipationError("该征集不接受网上提交意见。")
    if today < c.starts_on:
        raise ParticipationError(f"意见征集将于{c.starts_on:%Y年%m月%d日}开始，请届时提交。")
    if today > c.ends_on:
        raise ParticipationError(
            f"意见征集已于{c.ends_on:%Y年%m月%d日}截止，不再接收意见。征集结束后将公布意见采纳情况。"
        )
    return _add_opinion(
        c,
        actor=None,
        channel=Channel.ONLINE,
        body=body,
        name=name,
        contact=contact,
        clause=clause,
        client=client,
        when=now,
    )


def record_opinion(
    consultation: Consultation,
    *,
    actor,
    channel: str,
    body: str,
    name: str = "",
    contact: str = "",
    clause: str = "",
    received_on: date | None = None,
) -> Opinion:
    """Staff enter an opinion received by e-mail, post or at a symposium (座谈会记录) within the period."""
    if not access.can_handle_opinions(actor, consultation):
        refuse(actor, consultation.unit)
    if channel not in (Channel.EMAIL, Channel.POST, Channel.SYMPOSIUM):
        raise ParticipationError("请选择收到意见的渠道：电子邮件、信函或座谈会记录。", field="channel")
    received_on = received_on or timezone.localdate()
    if received_on > consultation.ends_on:
        raise ParticipationError(
            f"收到日期{received_on:%Y年%m月%d日}晚于征集截止日期{consultation.ends_on:%Y年%m月%d日}，逾期意见不予录入。",
            field="received_on",
        )
    if consultation.feedback_published_at:
        raise ParticipationError("反馈已公布，不能再录入意见。")
    when = timezone.make_aware(datetime.combine(received_on, time(12)))
    return _add_opinion(
        consultation,
        actor=actor,
        channel=channel,
        body=body,
        name=name,
        contact=contact,
        clause=clause,
        client="",
        when=when,
        contact_optional=True,
    )


def _add_opinion(
    c, *, actor, channel, body, name, contact, clause, client, when, contact_optional=False
) -> Opinion:
    body = required_text(body, "请填写意见内容。", "body")
    if len(body) > MAX_OPINION_CHARS:
        raise ParticipationError(
            f"意见内容请控制在{MAX_OPINION_CHARS}字以内（当前{len(body)}字）。", field="body"
        )
    name, contact = (name or "").strip()[:100], (contact or "").strip()[:100]
    if c.name_required and not name and not contact_optional:
        raise ParticipationError("本次征集须填写姓名（或单位名称）。", field="name")
    if c.contact_required and not contact and not contact_optional:
        raise ParticipationError("本次征集须填写联系方式，以便核实和反馈。", field="contact")
    clause = policy.normalize_label(clause) if clause else ""
    if clause and clause not in clauses_of(c):
        raise ParticipationError(f"征求意见稿中没有“{clause}”，请从条款列表中选择。", field="clause")
    opinion = Opinion(
        consultation=c,
        channel=channel,
        body=body,
        name=name,
        contact=contact,
        clause=clause,
        submitted_at=when,
        client_key=hashlib.sha256(client.encode()).hexdigest()[:32] if client else "",
        fingerprint=_fingerprint(body),
    )
    for _ in range(5):
        opinion.tracking_code = new_code("YJ")
        try:
            with transaction.atomic():
                opinion.save()
                record(
                    actor,
                    "opinion_received",
                    opinion,
                    unit=c.unit,
                    after={"consultation": c.pk, "channel": channel, "clause": clause},
                )
            return opinion
        except IntegrityError:  # the one-in-a-quadrillion clash of tracking codes: draw again
            continue
    raise ParticipationError("系统繁忙，请稍后再试。")


def _lock_opinion(opinion: Opinion) -> Opinion:
    return Opinion.objects.select_for_update().select_related("consultation").get(pk=opinion.pk)


def _check_open_for_handling(c: Consultation) -> None:
    if c.feedback_published_at:
        raise ParticipationError("反馈已公布，意见处理结果不能再修改。")


def hide_opinion(opinion: Opinion, *, actor, reason: str) -> Opinion:
    """Hide an abusive opinion (含侮辱、谩骂或与征集无关的广告等); the reason is kept and audited."""
    if not access.can_handle_opinions(actor, opinion.consultation):
        refuse(actor, opinion.consultation.unit)
    reason = required_text(reason, "请填写屏蔽理由（如含侮辱性内容、广告）。", "reason")
    with transaction.atomic():
        op = _lock_opinion(opinion)
        _check_open_for_handling(op.consultation)
        before = {"state": op.state}
        op.state, op.hidden_reason, op.adoption, op.reason = OpinionState.HIDDEN, reason, "", ""
        op.handled_by, op.handled_at = actor, timezone.now()
        op.save()
        record(
            actor,
            "opinion_hidden",
            op,
            unit=op.consultation.unit,
            before=before,
            after={"state": op.state},
            reason=reason,
        )
    return op


def merge_opinion(opinion: Opinion, *, actor, into: Opinion) -> Opinion:
    """Merge a duplicate into another opinion of the same consultation: it takes that opinion's decision."""
    c = opinion.consultation
    if not access.can_handle_opinions(actor, c):
        refuse(actor, c.unit)
    if into.consultation_id != c.pk or into.pk == opinion.pk:
        raise ParticipationError("只能合并到同一征集中的另一条意见。", field="into")
    with transaction.atomic():
        op = _lock_opinion(opinion)
        target = _lock_opinion(into)
        _check_open_for_handling(op.consultation)
        if target.state in (OpinionState.MERGED, OpinionState.HIDDEN):
            raise ParticipationError("目标意见已被合并或屏蔽，请选择一条有效的意见。", field="into")
        before = {"state": op.state}
        op.state, op.merged_into = OpinionState.MERGED, target
        op.adoption, op.reason = target.adoption, target.reason
        op.handled_by, op.handled_at = actor, timezone.now()
        op.save()
        Opinion.objects.filter(merged_into=op).update(merged_into=target)
        record(
            actor,
            "opinion_merged",
            op,
            unit=c.unit,
            before=before,
            after={"state": op.state, "into": target.tracking_code},
        )
    return op


def decide_opinion(opinion: Opinion, *, actor, adoption: str, reason: str) -> Opinion:
    """采纳 / 部分采纳 / 未采纳, with a reason for every one; duplicates merged into it follow."""
    c = opinion.consultation
    if not access.can_handle_opinions(actor, c):
        refuse(actor, c.unit)
    if adoption not in Adoption.values:
        raise ParticipationError("请选择采纳情况：采纳、部分采纳或未采纳。", field="adoption")
    reason = required_text(reason, "请填写采纳或不采纳的理由（每条意见都须说明）。", "reason")
    with transaction.atomic():
        op = _lock_opinion(opinion)
        _check_open_for_handling(op.consultation)
        if op.state in (OpinionState.MERGED, OpinionState.HIDDEN):
            raise ParticipationError("已合并或已屏蔽的意见不单独处理。")
        before = {"state": op.state, "adoption": op.adoption}
        op.state, op.adoption, op.reason = OpinionState.DECIDED, adoption, reason
        op.handled_by, op.handled_at = actor, timezone.now()
        op.save()
        Opinion.objects.filter(merged_into=op).update(adoption=adoption, reason=reason)
        record(
            actor,
            "opinion_decided",
            op,
            unit=c.unit,
            before=before,
            after={"state": op.state, "adoption": adoption},
            reason=reason,
        )
    return op


def undecided(consultation: Consultation):
    return consultation.opinions.filter(state=OpinionState.PENDING)


def set_final(
    consultation: Consultation,
    *,
    actor,
    final_text: str = "",
    final_publication: Publication | None = None,
    summary: str = "",
) -> Consultation:
    """Record the final text (定稿) and/or the resulting published document, and the feedback's summary."""
    if not access.can_publish_feedback(actor, consultation):
        refuse(actor, consultation.unit)
    if final_publication is not None and final_publication.state != "published":
        raise ParticipationError("关联的正式文件须为已发布的信息。", field="final_publication")
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _check_open_for_handling(c)
        before = {
            "final_text": bool(c.final_text),
            "final_publication": c.final_publication_id,
            "summary": c.feedback_summary,
        }
        c.final_text = (final_text or "").strip()
        if final_publication is not None:
            c.final_publication = final_publication
            if not c.final_text:
                c.final_text = final_publication.body_text
        c.feedback_summary = (summary or "").strip()
        c.save()
        record(
            actor,
            "final_recorded",
            c,
            unit=c.unit,
            before=before,
            after={
                "final_text": bool(c.final_text),
                "final_publication": c.final_publication_id,
                "summary": c.feedback_summary,
            },
        )
    return c


def draft_diff(consultation: Consultation) -> policy.PolicyDiff | None:
    """The draft → final clause diff (``core.policy``), or None when no final text was recorded."""
    if not consultation.final_text.strip():
        return None
    return policy.diff_documents(consultation.publication.body_text, consultation.final_text)


def publish_feedback(consultation: Consultation, *, actor, now=None) -> Consultation:
    """Publish the feedback report. Refused while the period runs or while any opinion is undecided."""
    if not access.can_publish_feedback(actor, consultation):
        refuse(actor, consultation.unit)
    now = now or timezone.now()
    with transaction.atomic():
        c = Consultation.objects.select_for_update().select_related("publication").get(pk=consultation.pk)
        if c.feedback_published_at:
            raise ParticipationError("反馈已经公布。")
        if c.status(timezone.localdate(now)) != ConsultationStatus.AWAITING_FEEDBACK:
            raise ParticipationError(f"征集截止（{c.ends_on:%Y年%m月%d日}）后才能公布意见采纳情况反馈。")
        pending = undecided(c).count()
        if pending:
            raise ParticipationError(
                f"还有{pending}条意见未处理：每条意见都须作出采纳、部分采纳或未采纳的决定（或合并、屏蔽）后才能公布反馈。"
            )
        c.feedback_published_at = now
        c.save(update_fields=["feedback_published_at"])
        counts = _counts(c)
        record(
            actor,
            "feedback_published",
            c,
            unit=c.unit,
            before={"status": "awaiting_feedback"},
            after={"status": "feedback_published", **counts},
        )
    return c


def _counts(c: Consultation) -> dict:
    values = list(c.opinions.exclude(state=OpinionState.HIDDEN).values_list("adoption", flat=True))
    adopted, decided, _ = rules.adoption_rate(values)
    return {"opinions": len(values), "adopted": adopted, "decided": decided}


def feedback_due(consultation: Consultation) -> date:
    """The local deadline for the feedback: GONGKAI_PARTICIPATION_FEEDBACK_WORKDAYS working days after closing."""
    return calendar.add_working_days(
        consultation.ends_on, settings.GONGKAI_PARTICIPATION_FEEDBACK_WORKDAYS
    ).date


def link_decision(consultation: Consultation, *, actor, decision: Decision | None) -> Consultation:
    if not access.can_handle_opinions(actor, consultation):
        refuse(actor, consultation.unit)
    return update_consultation(consultation, actor=actor, decision=decision)
