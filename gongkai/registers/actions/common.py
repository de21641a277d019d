"""What every register action shares: the permission refusal, text cleaning, the one upload check."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn

from django.conf import settings
from django.utils import timezone

from gongkai.core import filetype
from gongkai.core.filetype import Kind

from .. import access
from ..errors import RegistersError

# Materials and minutes by content (core.filetype): PDF, images, Word/Excel/PowerPoint/WPS, OFD — never HTML,
# archives or programs.
UPLOAD_KINDS = (
    Kind.PDF,
    Kind.JPEG,
    Kind.PNG,
    Kind.DOCX,
    Kind.XLSX,
    Kind.PPTX,
    Kind.DOC,
    Kind.XLS,
    Kind.OFD,
)

# The content type each accepted kind is served with (by the stored file's extension, which is the sniffed kind's).
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ofd": "application/ofd",
}


def refuse_unit(unit) -> NoReturn:
    raise RegistersError(
        f"只有{getattr(unit, 'name', '该单位')}的信息编辑、单位负责人或政务公开办可以登记该单位的台账。"
        "请选择本单位，或请政务公开办代为登记。",
        field="unit",
        code="forbidden",
    )


def require_record(actor, unit) -> None:
    if unit is None:
        raise RegistersError("请选择单位。", field="unit")
    if not access.can_record(actor, unit):
        refuse_unit(unit)


def text(value: str | None, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise RegistersError(f"请填写{label}。", field=field)
    if len(cleaned) > max_length:
        raise RegistersError(f"{label}不超过{max_length}字（现有{len(cleaned)}字），请精简。", field=field)
    return cleaned


def past_date(value: date | None, *, field: str, label: str) -> date:
    if value is None:
        raise RegistersError(f"请填写{label}。", field=field)
    if value > timezone.localdate():
        raise RegistersError(f"{label}不能晚于今天：台账登记已经发生的事项。", field=field)
    return value


def link(value: str | None, *, field: str) -> str:
    """A link to a published page: an address on this site (``/…``) or an http(s) URL."""
    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    if len(cleaned) > 500:
        raise RegistersError("链接过长（不超过500字符）。", field=field)
    if not (
        cleaned.startswith(("http://", "https://"))
        or (cleaned.startswith("/") and not cleaned.startswith("//"))
    ):
        raise RegistersError("链接应以 http://、https:// 或本站路径“/”开头。", field=field)
    return cleaned


def check_upload(upload, *, field: str, fallback: str) -> tuple[str, bytes]:
    """The file's safe name (its stem with the extension of its sniffed kind, never the uploader's) and content."""
    limit = settings.GONGKAI_REGISTERS_UPLOAD_MAX_MB * 1024 * 1024
    try:
        checked = filetype.check(upload, UPLOAD_KINDS, limit)
    except filetype.FileTypeError as exc:
        raise RegistersError(str(exc), field=field, code=exc.code) from None
    return f"{Path(checked.name).stem or fallback}.{checked.kind.value}", checked.data
