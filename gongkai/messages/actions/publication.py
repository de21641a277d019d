"""Publication (公开) of question and reply, masked by the scanner's findings the publisher selected, and the
writer's side: reading, rating (满意度) and the one follow-up (追问)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.core import textscan
from gongkai.core.textscan import masking

from .. import access
from ..models import Message
from ..vocab import Rating, State
from .common import forbidden, lock, record, refuse

PUBLIC_FIELDS = ("subject", "body", "reply")


@dataclass(frozen=True)
class Candidate:
    """One scanner finding in a field of the message, offered for masking (key: ``field:start:end``)."""

    key: str
    field: str
    kind: str
    label: str
    text: str
    mask: str

    @property
    def field_label(self) -> str:
        return {"subject": "标题", "body": "留言内容", "reply": "答复内容"}[self.field]


def _findings(text: str) -> list[textscan.Finding]:
    return masking.maskable(textscan.scan_text(text), textscan.PERSONAL_KINDS)


def scan(message: Message) -> list[Candidate]:
    """The personal data the scanner finds in the subject, the message and the reply (a read: no state change)."""
    out = []
    for field in PUBLIC_FIELDS:
        for f in _findings(getattr(message, field)):
            out.append(
                Candidate(
                    key=f"{field}:{f.start}:{f.end}",
                    field=field,
                    kind=f.kind,
                    label=textscan.KIND_LABELS.get(f.kind, f.kind),
                    text=f.text,
                    mask=f.mask or "",
                )
            )
    return out


def _masked(field: str, text: str, selected: set[str]) -> str:
    chosen = [f for f in _findings(text) if f"{field}:{f.start}:{f.end}" in selected]
    return masking.apply(text, chosen)


@transaction.atomic
def publish(message: Message, *, actor: Any, mask: list[str] | tuple[str, ...] = ()) -> Message:
    """公开: question and reply on the portal, with the selected findings masked. A message the writer asked to keep
    private is never published; the writer's name and contact are never part of the published copy."""
    if not access.can_publish(actor, message):
        raise forbidden("只有政务公开办或承办单位负责人可以公开留言答复。")
    msg = lock(message)
    if msg.wants_private:
        raise refuse("留言人要求不公开，该留言及答复不能公开。")
    if msg.state != State.REPLIED:
        raise refuse("只有已答复的留言可以公开。")
    selected = set(mask)
    known = {c.key for c in scan(msg)}
    unknown = selected - known
    if unknown:
        raise refuse("所选的脱敏项与当前内容不符（内容可能已修改），请重新扫描后再选择。", field="mask")
    before = {"published": msg.published_at is not None}
    msg.public_subject = _masked("subject", msg.subject, selected)
    msg.public_body = _masked("body", msg.body, selected)
    msg.public_reply = _masked("reply", msg.reply, selected)
    msg.published_at = msg.published_at or timezone.now()
    msg.save()
    record(actor, "published", msg, before=before, after={"published": True, "masked": len(selected)})
    return msg


@transaction.atomic
def unpublish(message: Message, *, actor: Any, reason: str) -> Message:
    """撤回公开."""
    if not access.can_publish(actor, message):
        raise forbidden("只有政务公开办或承办单位负责人可以撤回公开。")
    if not reason.strip():
        raise refuse("请填写撤回理由。", field="reason")
    msg = lock(message)
    if msg.published_at is None:
        raise refuse("该留言未公开。")
    msg.published_at = None
    msg.public_subject = msg.public_body = msg.public_reply = ""
    msg.save()
    record(actor, "unpublished", msg, before={"published": True}, after={"published": False}, reason=reason)
    return msg


@transaction.atomic
def rate(message: Message, *, rating: str) -> Message:
    """满意度评价 by the writer (who proved the verification code): once, after the reply."""
    msg = lock(message)
    if msg.state != State.REPLIED:
        raise refuse("留言答复后才能评价。")
    if msg.rating:
        raise refuse("您已评价过该答复。")
    if rating not in Rating.values:
        raise refuse("请选择满意、基本满意或不满意。", field="rating")
    msg.rating = rating
    msg.rated_at = timezone.now()
    msg.save()
    record(None, "rated", msg, after={"rating": rating})
    return msg


def follow_up_open(message: Message, now=None) -> bool:
    """The writer may follow up once, within ``GONGKAI_MESSAGES_FOLLOW_UP_DAYS`` days of the reply."""
    now = now or timezone.now()
    return (
        message.state == State.REPLIED
        and message.replied_at is not None
        and not message.followed_up_at
        and now <= message.replied_at + timedelta(days=settings.GONGKAI_MESSAGES_FOLLOW_UP_DAYS)
    )


@transaction.atomic
def follow_up(message: Message, *, text: str) -> Message:
    """追问: once, within the set time after the reply; the handling unit answers it."""
    msg = lock(message)
    if not follow_up_open(msg):
        raise refuse(
            f"只能在答复后{settings.GONGKAI_MESSAGES_FOLLOW_UP_DAYS}日内追问一次；如有新问题请重新留言。"
        )
    if len(text.strip()) < 5:
        raise refuse("追问内容过短。", field="text")
    msg.follow_up = text.strip()
    msg.followed_up_at = timezone.now()
    msg.save()
    record(None, "followed_up", msg)
    return msg


@transaction.atomic
def answer_follow_up(message: Message, *, actor: Any, text: str) -> Message:
    if not access.can_handle(actor, message):
        raise forbidden("只有承办单位的工作人员可以答复追问。")
    msg = lock(message)
    if not msg.follow_up or msg.follow_up_reply:
        raise refuse("没有待答复的追问。")
    if len(text.strip()) < 5:
        raise refuse("答复内容过短。", field="text")
    msg.follow_up_reply = text.strip()
    msg.save()
    record(actor, "follow_up_answered", msg)
    return msg
