"""Turning stored events into readable Chinese: action and object names, and the before → after changes."""

import json
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps

# Actions recorded by the audit and login code itself; other apps may add theirs with ``register_actions``.
ACTION_LABELS: dict[str, str] = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.locked": "登录锁定",
    "auth.unlocked": "解除登录锁定",
    "auth.password_changed": "修改密码",
    "audit.export": "导出审计日志",
    "audit.verify": "校验哈希链",
}

CHANNEL_LABELS = {"web": "网页", "cli": "命令行", "system": "系统", "job": "后台作业"}

EMPTY = "（空）"


def register_actions(labels: dict[str, str]) -> None:
    """Let an app name its actions in Chinese (call from its ``AppConfig.ready``)."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel)


def _model(object_type: str):
    try:
        app_label, model_name = object_type.split(".", 1)
        return apps.get_model(app_label, model_name)
    except (ValueError, LookupError):
        return None


@lru_cache(maxsize=512)
def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


@lru_cache(maxsize=4096)
def field_label(object_type: str, key: str) -> str:
    """The model field's Chinese name when the key is one of its fields (or ``<fk>_id``), else the key."""
    model = _model(object_type)
    if model is not None:
        for field in model._meta.concrete_fields:
            if key in (field.name, field.attname):
                name = str(field.verbose_name)
                return name if name != field.name.replace("_", " ") else key
    return key


def format_value(value, limit: int | None = None) -> str:
    if value is None or value == "" or value == [] or value == {}:
        text = EMPTY
    elif value is True:
        text = "是"
    elif value is False:
        text = "否"
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        text = "、".join(format_value(v) for v in value)
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    old: str
    new: str
    kind: str  # "changed", "added" (no before: a creation) or "removed" (no after: a deletion)


def changes(event, limit: int | None = None) -> list[Change]:
    """Only the fields whose value differs; a creation lists the new values, a deletion the old ones."""
    before, after = event.before, event.after
    if not isinstance(before, dict) and not isinstance(after, dict):
        return []
    old_values = before if isinstance(before, dict) else {}
    new_values = after if isinstance(after, dict) else {}
    kind = "added" if before is None else "removed" if after is None else "changed"
    keys = list(dict.fromkeys([*new_values, *old_values]))
    result = []
    for key in keys:
        old, new = old_values.get(key), new_values.get(key)
        if kind == "changed" and old == new:
            continue
        result.append(
            Change(
                key,
                field_label(event.object_type, key),
                format_value(old, limit),
                format_value(new, limit),
                kind,
            )
        )
    return result


def changes_text(event, limit: int | None = None) -> str:
    """One line for exports: ``字段: 旧 → 新；…``."""
    parts = []
    for change in changes(event, limit):
        if change.kind == "added":
            parts.append(f"{change.label}: {change.new}")
        elif change.kind == "removed":
            parts.append(f"{change.label}: {change.old}（删除）")
        else:
            parts.append(f"{change.label}: {change.old} → {change.new}")
    return "；".join(parts)
