"""Channels and new messages (收信): the office's channel settings and the writer's submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit

from .. import access, codes
from ..models import Channel, Message
from ..vocab import DEFAULT_CHANNELS, State
from .common import due_date, forbidden, record, refuse


@transaction.atomic
def ensure_channels(*, actor: Any = None) -> list[Channel]:
    """Create the default channels that do not exist yet (idempotent)."""
    made = []
    for order, rule in enumerate(DEFAULT_CHANNELS):
        channel, created = Channel.objects.get_or_create(
            code=rule.code,
            defaults={
                "name": rule.name,
                "reply_days": rule.reply_days,
                "rule_source": rule.source,
                "public_by_default": rule.public_by_default,
                "categories": list(rule.categories),
                "order": order,
            },
        )
        if created:
            made.append(channel)
            audit.record(
                actor=actor, action="messages.channel_created", obj=channel, after={"name": channel.name}
            )
    return made


@transaction.atomic
def update_channel(
    channel: Channel,
    *,
    actor: Any,
    reply_days: int,
    rule_source: str,
    public_by_default: bool,
    categories: list[str],
    active: bool = True,
) -> Channel:
    """Change a channel's reply limit (working days), its source, categories and default publicity."""
    if not access.can_configure(actor):
        raise forbidden("只有政务公开办可以设置留言渠道。")
    if reply_days < 1 or reply_days > 60:
        raise refuse("答复时限应为1至60个工作日，请重新填写。", field="reply_days")
    if not rule_source.strip():
        raise refuse("请注明答复时限的依据（文件名称和条款）。", field="rule_source")
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    before = {"reply_days": channel.reply_days, "rule_source": channel.rule_source}
    channel.reply_days = reply_days
    channel.rule_source = rule_source.strip()
    channel.public_by_default = public_by_default
    channel.categories = [c.strip() for c in categories if c.strip()]
    channel.active = active
    channel.save()
    audit.record(
        actor=actor,
        action="messages.channel_updated",
        obj=channel,
        before=before,
        after={"reply_days": reply_days, "rule_source": channel.rule_source},
    )
    return channel


@dataclass
class Intake:
    message: Message
    verification_code: str


@transaction.atomic
def submit(
    channel: Channel,
    *,
    actor: Any = None,
    subject: str,
    body: str,
    writer_name: str,
    writer_contact: str,
    category: str = "",
    wants_private: bool = False,
    received_on: date | None = None,
    unit: Any = None,
) -> Intake:
    """A message arrives (网上留言 or entered by the office): tracking code, verification code (shown once, stored
    hashed), due date counted in working days on the calendar."""
    if not channel.active:
        raise refuse("该留言渠道已停用，请选择其他渠道。", field="channel")
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise refuse("请填写留言标题。", field="subject")
    if len(body) < 5:
        raise refuse("留言内容过短，请写明您的问题或建议。", field="body")
    if not writer_name.strip() or not writer_contact.strip():
        raise refuse("请填写姓名和联系方式，以便答复。", field="writer_contact")
    if category and channel.categories and category not in channel.categories:
        raise refuse(f"分类“{category}”不属于{channel.name}，请重新选择。", field="category")
    received_on = received_on or timezone.localdate()
    code = codes.new_verification_code()
    message = Message.objects.create(
        channel=channel,
        category=category,
        tracking_code=_unique_code(),
        verification_hash=codes.hash_verification(code),
        subject=subject,
        body=body,
        writer_name=writer_name.strip(),
        writer_contact=writer_contact.strip(),
        contact_key=codes.contact_key(writer_contact),
        wants_private=wants_private,
        received_on=received_on,
        due_on=due_date(received_on, channel.reply_days),
        unit=unit or channel.unit,
        state=State.DISPATCHED if (unit or channel.unit) else State.RECEIVED,
    )
    record(actor, "received", message, after={"state": message.state, "due_on": str(message.due_on)})
    return Intake(message, code)


def _unique_code() -> str:
    while True:
        code = codes.new_tracking_code()
        if not Message.objects.filter(tracking_code=code).exists():
            return code
