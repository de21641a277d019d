"""A good answer becomes a policy Q&A entry (政策问答) in one step: the published, masked question and reply of a
message become a draft Q&A pair of the handling unit in the policy library, which the unit's managers then publish
there (policies' own rule). Only the published copy is used, so the writer's name, contact and anything the publisher
masked never reach the Q&A. Crossing: ``policies.services.save_question`` (pyproject ``features-independent``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.html import escape

from gongkai.audit.models import AuditEvent
from gongkai.policies import services as policies

from .. import access
from ..models import Message
from .common import forbidden, lock, record, refuse

ACTION = "messages.made_policy_question"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def made_question_id(message: Message) -> int | None:
    """The Q&A pair made from ``message``, if any (read from its audit event)."""
    event = (
        AuditEvent.objects.filter(action=ACTION, object_type="gkmessages.message", object_id=str(message.pk))
        .order_by("-id")
        .first()
    )
    return (event.after or {}).get("question_id") if event else None


@transaction.atomic
def make_policy_question(message: Message, *, actor: Any, question: str = "") -> Any:
    """Create a draft 政策问答 of the handling unit from the published message; ``question`` may shorten the title
    (the published subject by default). Refused for an unpublished message or one already turned into a Q&A."""
    if not access.can_handle(actor, message) or message.unit_id is None:
        raise forbidden("只有承办单位的工作人员可以将答复转为政策问答。")
    msg = lock(message)
    if msg.unit is None:
        raise refuse("该留言尚未分办到承办单位，不能转为政策问答。")
    if msg.published_at is None or not msg.public_reply.strip():
        raise refuse("只有已公开的留言答复可以转为政策问答（问答使用脱敏后的公开内容），请先公开。")
    if made_question_id(msg) is not None:
        raise refuse("该留言已转为政策问答，请到“政策文件 › 政策问答”中修改或发布。")
    title = " ".join((question or msg.public_subject).split())[:300]
    body = msg.public_body.strip()
    answer = (f"<p>问：{escape(body)}</p>" if body else "") + _paragraphs(msg.public_reply)
    assert msg.unit is not None  # checked above (message.unit_id), and a locked row keeps its unit
    pair = policies.save_question(msg.unit, actor=actor, question=title, answer=answer)
    record(actor, "made_policy_question", msg, after={"question_id": pair.pk, "question": title})
    return pair
