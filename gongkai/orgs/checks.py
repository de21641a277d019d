"""Field rules of units and staff accounts shared by the services, the unit table import and the forms.

Nothing here saves anything; the services (``services.py``) call these again before every change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from .errors import OrgsError
from .models import User

# Stored unit fields, in the order they are shown and exported.
UNIT_FIELDS = (
    "parent_id",
    "kind",
    "name",
    "short_name",
    "aliases",
    "credit_code",
    "index_prefix",
    "sort_order",
    "is_active",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
    "functions",
)
EDITABLE_FIELDS = frozenset(UNIT_FIELDS) - {"parent_id", "is_active"} | {"parent"}
ALIAS_SEPARATORS = "、，,;；\n"
ALIAS_MAX_LENGTH = 50
_STRIPPED_FIELDS = (
    "name",
    "short_name",
    "credit_code",
    "index_prefix",
    "postcode",
    "phone",
    "fax",
    "email",
    "website",
)


def clean_aliases(aliases: Iterable[str] | str, *, exclude: Iterable[str] = ()) -> list[str]:
    """Aliases as a clean list: split on 、/，/；, spaces removed, no empties, no repeats, none equal to ``exclude``."""
    if isinstance(aliases, str):
        for separator in ALIAS_SEPARATORS:
            aliases = aliases.replace(separator, "\n")
        aliases = aliases.split("\n")
    skip = {"".join(name.split()) for name in exclude if name}
    cleaned: list[str] = []
    for raw in aliases:
        alias = "".join(str(raw).split())
        if alias and alias not in skip and alias not in cleaned:
            if len(alias) > ALIAS_MAX_LENGTH:
                raise OrgsError(
                    f"别名“{alias[:20]}…”过长：每个别名不超过{ALIAS_MAX_LENGTH}字。", field="aliases"
                )
            cleaned.append(alias)
    return cleaned


def normalize_unit_fields(values: dict) -> dict:
    """Unit field values as stored: text trimmed, no spaces inside names, credit codes in capitals."""
    normalized = dict(values)
    for key in _STRIPPED_FIELDS:
        if key in normalized and isinstance(normalized[key], str):
            normalized[key] = normalized[key].strip()
    for key in ("name", "short_name"):
        if key in normalized:
            normalized[key] = "".join(normalized[key].split())
    if normalized.get("credit_code"):
        normalized["credit_code"] = normalized["credit_code"].upper()
    return normalized


def first_error(exc: ValidationError) -> OrgsError:
    """Django's model validation error as the services' refusal: its first message, beside its field."""
    if hasattr(exc, "error_dict") and exc.message_dict:
        field, messages = next(iter(exc.message_dict.items()))
        return OrgsError(messages[0], field=None if field == "__all__" else field)
    return OrgsError(exc.messages[0] if exc.messages else "输入有误，请检查后重试。")


def staff_account_problems(
    *, username: str, password: str, full_name: str, phone: str = "", email: str = ""
) -> dict[str, list[str]]:
    """Every problem of a new staff account, by field (``username``, ``password``, …); empty when it may be created.

    The staff form shows them all at once; ``services.create_staff`` refuses with the first.
    """
    user = User(
        username=username.strip(), full_name=full_name.strip(), phone=phone.strip(), email=email.strip()
    )
    problems: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        problems.update(exc.message_dict)
    if User.objects.filter(username__iexact=user.username).exists():
        problems["username"] = [f"用户名“{user.username}”已被使用。"]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        problems["password"] = list(exc.messages)
    return problems
