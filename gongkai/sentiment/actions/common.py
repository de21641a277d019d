"""Helpers shared by the actions: file checks, locking, the audit event, the deadlines (one computation)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.core import filetype
from gongkai.core import sentiment as rules
from gongkai.core.filetype import Kind
from gongkai.publishing import selectors as publishing

from ..errors import SentimentError
from ..models import Case

# Screenshots of the post as first seen: images and PDF, by content (core.filetype).
SCREENSHOT_KINDS = (Kind.JPEG, Kind.PNG, Kind.GIF, Kind.WEBP, Kind.PDF)
# Evidence of a kept commitment: PDF, images, Word/Excel/WPS, OFD; never HTML, archives or programs.
EVIDENCE_KINDS = (Kind.PDF, Kind.JPEG, Kind.PNG, Kind.DOCX, Kind.XLSX, Kind.DOC, Kind.XLS, Kind.OFD)
MAX_SCREENSHOTS = 10
# The content type each accepted kind is served with (by the stored file's extension, the sniffed kind's).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ofd": "application/ofd",
}


def _max_bytes() -> int:
    return settings.GONGKAI_SENTIMENT_UPLOAD_MAX_MB * 1024 * 1024


def checked_file(upload, kinds, field: str) -> tuple[str, bytes]:
    """The file's safe name (its stem with the extension of its sniffed kind) and bytes; SentimentError on
    ``field`` for a file that is not allowed."""
    try:
        checked = filetype.check(upload, kinds, _max_bytes())
    except filetype.FileTypeError as exc:
        raise SentimentError(str(exc), field=field, code=exc.code) from None
    return f"{Path(checked.name).stem or '附件'}.{checked.kind.value}", checked.data


def forbidden(text: str) -> SentimentError:
    return SentimentError(text, code="forbidden")


def record(actor: Any, action: str, obj: Any, case: Case, **kwargs: Any) -> None:
    audit.record(actor=actor, action=f"sentiment.{action}", obj=obj, unit=case.owner_unit, **kwargs)


def lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


# --- deadlines -------------------------------------------------------------------------------------------------
def _add_working_days(day: date, days: int) -> tuple[date, bool]:
    result = calendar.add_working_days(day, days)
    return result.date, result.provisional


def deadlines_of(case: Case, responses: Iterable[tuple[str, datetime]] | None = None) -> list[rules.Deadline]:
    """The case's deadlines with the responses recorded so far (the one computation every page and list uses)."""
    if responses is None:
        responses = case.responses.values_list("kind", "responded_at")
    first_seen = timezone.localtime(case.first_seen_at)
    return rules.deadlines(
        case.level, case.rule, first_seen, list(responses), _add_working_days, case.local_workdays
    )


def refresh(case: Case) -> list[str]:
    """Recompute the stored deadline fields; return the names of those that changed."""
    items = deadlines_of(case)
    first = case.responses.order_by("responded_at").values_list("responded_at", flat=True).first()
    values = {
        "next_due_at": rules.next_due(items),
        "due_provisional": any(item.provisional for item in items),
        "first_response_at": first,
        "on_time": rules.on_time(items),
    }
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, values[name])
    return changed


def current_rule() -> tuple[str, int]:
    """The rule the county picked (setting) and its local working days."""
    return settings.GONGKAI_SENTIMENT_RULE, settings.GONGKAI_SENTIMENT_LOCAL_WORKDAYS


def clean_links(links: str) -> str:
    lines = [line.strip() for line in (links or "").splitlines() if line.strip()]
    if len(lines) > 20:
        raise SentimentError("原始链接最多20个，请保留最有代表性的。", field="links")
    for line in lines:
        if not line.lower().startswith(("http://", "https://")) or len(line) > 500 or " " in line:
            raise SentimentError(
                f"“{line[:60]}”不是有效的网址：请每行填写一个以 http:// 或 https:// 开头的网址。",
                field="links",
            )
    return "\n".join(lines)


def publication_choices():
    """The published items a response or a commitment may link (publishing's public selector: only what the
    public sees)."""
    return publishing.public_publications().select_related("unit").order_by("-published_at", "-id")


def public_item(publication: Any, field: str) -> Any:
    if publication is None:
        return None
    found = publication_choices().filter(pk=publication.pk).first()
    if found is None:
        raise SentimentError("所选信息尚未公开或已撤回：请先在“信息发布”中发布，再关联。", field=field)
    return found
