"""Upload checks for application attachments: by content (magic bytes), size and declared type.

Only PDF, JPEG and PNG are accepted (scans and photos of ID documents and letters); the extension must name the
same sort of file as the content, so a renamed executable or HTML page is refused (``core.filetype``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from gongkai.core import filetype
from gongkai.core.filetype import Kind

from .errors import FoiError

# Scans and photos of ID documents and letters; ``core.filetype`` decides by content.
KINDS = {
    Kind.PDF: "application/pdf",
    Kind.JPEG: "image/jpeg",
    Kind.PNG: "image/png",
}
MAX_FILES = 5


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def max_bytes() -> int:
    return settings.GONGKAI_FOI_UPLOAD_MAX_MB * 1024 * 1024


def check(upload, *, field: str | None = None) -> CheckedFile:
    """Read and check one uploaded file with the one file-type check (``core.filetype.check``); raise
    ``FoiError`` (on ``field``) with its Chinese message."""
    try:
        checked = filetype.check(upload, KINDS, max_bytes())
    except filetype.FileTypeError as exc:
        raise FoiError(str(exc), field=field, code=exc.code) from None
    return CheckedFile(checked.name, KINDS[checked.kind], checked.data)


def check_all(uploads, *, field: str | None = None) -> list[CheckedFile]:
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_FILES:
        raise FoiError(f"附件最多{MAX_FILES}个，您选择了{len(uploads)}个。", field=field)
    return [check(upload, field=field) for upload in uploads]
