"""The office's rules (办理规则: countersign outcomes, due-soon days, correction period, retention, intake unit)
and a unit's own settings (a stricter reply limit, signature, seal line)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit import services as audit
from gongkai.core import foi_rules as fr
from gongkai.core import law

from .. import access, deadlines
from ..errors import FoiAccessRefused, FoiError
from ..models import FoiPolicy, InfoRequest, UnitProfile
from .common import recompute, require_manage

POLICY_FIELDS = {
    "countersign_outcomes",
    "due_soon_days",
    "correction_period_days",
    "id_retention_days",
    "intake_unit",
    "reconsideration_body",
}


def update_policy(*, actor, **fields) -> FoiPolicy:
    require_manage(actor)
    unknown = set(fields) - POLICY_FIELDS
    if unknown:
        raise FoiError(f"未知的设置项：{', '.join(sorted(unknown))}")
    chosen = fields.get("countersign_outcomes")
    if chosen is not None:
        valid = {outcome.code for outcome in fr.OUTCOMES} | {group.code for group in fr.GROUPS}
        bad = [code for code in chosen if code not in valid]
        if bad:
            raise FoiError(f"未知的答复结果：{'、'.join(bad)}", field="countersign_outcomes")
    with transaction.atomic():
        policy, _ = FoiPolicy.objects.select_for_update().get_or_create(pk=1)
        before = {name: str(getattr(policy, name)) for name in fields}
        for name, value in fields.items():
            setattr(policy, name, value)
        try:
            policy.full_clean()
        except ValidationError as exc:  # the model's bounds, beside the field they concern
            field, messages = next(iter(exc.message_dict.items()))
            raise FoiError("；".join(messages), field=field) from exc
        policy.save()
        audit.record(
            actor=actor,
            action="foi.policy_updated",
            obj=policy,
            before=before,
            after={name: str(value) for name, value in fields.items()},
        )
    return policy


def update_unit_profile(unit, *, actor, **fields) -> UnitProfile:
    if not access.can_edit_unit_profile(actor, unit):
        raise FoiAccessRefused("只有政务公开办或本单位负责人可以修改本单位的依申请公开设置。")
    limit = fields.get("reply_limit")
    if limit is not None and not 1 <= limit <= law.REPLY.value:
        raise FoiError(
            f"答复期限不得超过法定的{law.REPLY.value}个工作日（{law.REPLY.basis}），可设更短的本地期限。",
            field="reply_limit",
        )
    with transaction.atomic():
        profile, _ = UnitProfile.objects.select_for_update().get_or_create(unit=unit)
        before = {name: str(getattr(profile, name)) for name in fields}
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        audit.record(
            actor=actor,
            action="foi.unit_profile_updated",
            obj=profile,
            unit=unit,
            before=before,
            after={name: str(value) for name, value in fields.items()},
        )
        if "reply_limit" in fields:
            # Open cases of the unit follow the new limit.
            new_limit = deadlines.limit_for(unit)
            for case in InfoRequest.objects.filter(unit=unit, state__in=InfoRequest.OPEN_STATES).exclude(
                reply_limit=new_limit
            ):
                case.reply_limit = new_limit
                case.save(update_fields=["reply_limit"])
                recompute(case)
    return profile
