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
    "auth.failures_purged": "清理登录失败记录",
    "auth.password_changed": "修改密码",
    "audit.export": "导出审计日志",
    "audit.verify": "校验哈希链",
}

CHANNEL_LABELS = {"web": "网页", "cli": "命令行", "system": "系统", "job": "后台作业"}

EMPTY = "（空）"


def register_actions(
    labels: dict[str, str],
    keys: dict[str, str] | None = None,
    values: dict[str, dict[str, str]] | None = None,
) -> None:
    """Let an app name its actions in Chinese (call from its ``AppConfig.ready`` with its ``audit_labels``), and
    optionally the before/after keys that are no model field (``keys``) and the codes such keys hold
    (``values``: key → code → label). Model fields need nothing: their verbose names and choices are used."""
    ACTION_LABELS.update(labels)
    for prefix in {action.split(".", 1)[0] for action in labels}:
        APP_KEY_LABELS.setdefault(prefix, {}).update(keys or {})
        for key, codes in (values or {}).items():
            APP_VALUE_LABELS.setdefault(prefix, {}).setdefault(key, {}).update(codes)


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
def _field(object_type: str, key: str):
    """The model field ``key`` names (``name``, ``<fk>_id``, or a many-to-many field), or None."""
    model = _model(object_type)
    if model is None:
        return None
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if key in (field.name, getattr(field, "attname", field.name)):
            return field
    return None


# Keys that hold unit ids whatever the object (``{"units": [3, 7]}`` on a task, ``unit_id`` on a case…).
UNIT_KEYS = frozenset(
    {"unit", "unit_id", "units", "unit_ids", "lead_unit", "co_issuers", "from_unit", "to_unit"}
)
# Per action prefix (``publishing``, ``foi``…), what the apps registered with ``register_actions``: names of keys
# that are no model field, and the codes such keys hold (key → code → label).
APP_KEY_LABELS: dict[str, dict[str, str]] = {}
APP_VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {}
# Names of keys common to every app.
KEY_LABELS: dict[str, str] = {
    "unit": "单位",
    "unit_id": "单位",
    "units": "单位",
    "unit_ids": "单位",
    "reason": "原因",
    "percent": "完成进度（%）",
    "date": "日期",
    "count": "数量",
}


def field_label(object_type: str, key: str, app: str = "") -> str:
    """The model field's Chinese name when the key is one of its fields (or ``<fk>_id``), else the name the app
    (the action's prefix) registered, else a common key's name, else the key."""
    field = _field(object_type, key)
    if field is not None:
        name = str(field.verbose_name)
        if name != field.name.replace("_", " "):
            return name
    return APP_KEY_LABELS.get(app, {}).get(key) or KEY_LABELS.get(key, key)


def _unit_model():
    from .models import AuditEvent

    return AuditEvent._meta.get_field("unit").related_model


def _is_unit_field(object_type: str, key: str) -> bool:
    if key in UNIT_KEYS:
        return True
    field = _field(object_type, key)
    return bool(field is not None and field.is_relation and field.related_model is _unit_model())


@lru_cache(maxsize=4096)
def _choices(object_type: str, key: str) -> dict[str, str]:
    field = _field(object_type, key)
    if field is None or not field.choices:
        return {}
    return {str(value): str(label) for value, label in field.flatchoices}


def _unit_names(ids) -> dict[int, str]:
    wanted = {int(i) for i in ids if isinstance(i, int) or (isinstance(i, str) and i.isdigit())}
    if not wanted:
        return {}
    units = _unit_model().objects.filter(pk__in=wanted).only("id", "name", "short_name")
    return {u.pk: u.short_name or u.name for u in units}


def display_value(object_type: str, key: str, value, names: dict[int, str] | None = None, app: str = ""):
    """A stored value as people read it: a choice's label instead of its code (``in_progress`` → 进行中) and a
    unit's name instead of its id. Anything else is returned unchanged for :func:`format_value`."""
    if value is None or value == "":
        return value
    if _is_unit_field(object_type, key):
        names = names if names is not None else _unit_names(value if isinstance(value, list) else [value])
        if isinstance(value, list):
            return [names.get(int(v), str(v)) if str(v).isdigit() else v for v in value]
        return names.get(int(value), str(value)) if str(value).isdigit() else value
    choices = _choices(object_type, key) or APP_VALUE_LABELS.get(app, {}).get(key, {})
    if choices:
        if isinstance(value, list):
            return [choices.get(str(v), v) for v in value]
        return choices.get(str(value), value)
    return value


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
    shown = [k for k in keys if not (kind == "changed" and old_values.get(k) == new_values.get(k))]
    # One query for the unit names of the whole event.
    unit_ids: list = []
    for key in shown:
        if _is_unit_field(event.object_type, key):
            for value in (old_values.get(key), new_values.get(key)):
                unit_ids.extend(value if isinstance(value, list) else [value])
    names = _unit_names(unit_ids) if unit_ids else {}
    app = event.action.split(".", 1)[0]
    result = []
    for key in shown:
        old, new = old_values.get(key), new_values.get(key)
        result.append(
            Change(
                key,
                field_label(event.object_type, key, app),
                format_value(display_value(event.object_type, key, old, names, app), limit),
                format_value(display_value(event.object_type, key, new, names, app), limit),
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
