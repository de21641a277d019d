"""What the policy library's actions share: the audit record, the refusal for a missing post, the catalog item a
new document or interpretation is filed under, and the web-address check."""

from __future__ import annotations

from datetime import date, datetime
from typing import NoReturn
from urllib.parse import urlsplit

from gongkai.audit import services as audit
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode

from .. import access
from ..errors import PolicyError

# How a refusal names the posts an action needs (the rules themselves are ``access``).
EDITOR_POSTS = "信息编辑"
MANAGER_POSTS = "信息编辑、保密审查员、单位负责人"

# The fields of a document or an interpretation that are its publication's (drafted through publishing).
PUBLICATION_FIELDS = ("title", "body", "formed_date", "topic", "publisher", "nodes")


def refuse(actor, unit, posts: str) -> NoReturn:
    raise PolicyError(access.refusal(actor, unit, posts), code="forbidden")


def refuse_office() -> NoReturn:
    raise PolicyError("此操作由政务公开办管理员办理。", code="forbidden")


def _json(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def record(actor, action: str, obj, unit=None, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"policies.{action}",
        obj=obj,
        unit=unit,
        before={k: _json(v) for k, v in before.items()} if before else None,
        after={k: _json(v) for k, v in after.items()} if after else None,
        reason=reason,
    )


def catalog_node(code: str) -> list[CatalogNode]:
    """The template's catalog item ``code`` (as a list for ``nodes``), the template created first if missing."""
    publishing.ensure_template()
    node = CatalogNode.objects.filter(code=code).first()
    return [node] if node else []


def web_url(url: str, label: str, *, field: str, required: bool = True) -> str:
    """A complete http(s) address (no javascript:, no relative path), or "" when optional and empty."""
    url = (url or "").strip()
    if not url and not required:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PolicyError(f"{label}须为完整网址，以 http:// 或 https:// 开头。", field=field)
    return url
