"""Upload checks for application attachments: by content (magic bytes), size and declared type.

Only PDF, JPEG and PNG are accepted (scans and photos of ID documents and letters); the extension must agree with
the content, so a renamed executable or HTML page is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from gongkai.core.filenames import safe_filename

from .errors import FoiError

KINDS = {
    "pdf": ("application/pdf", (b"%PDF-",), (".pdf",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",), (".jpg", ".jpeg")),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",), (".png",)),
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
    """Read and check one uploaded file; raise ``FoiError`` (on ``field``) with a Chinese message naming the problem."""
    name = safe_filename(getattr(upload, "name", ""))
    limit = max_bytes()
    if upload.size > limit:
        raise FoiError(f"附件“{name}”超过{limit // (1024 * 1024)}MB，请压缩或分开上传。", field=field)
    data = upload.read()
    if not data:
        raise FoiError(f"附件“{name}”是空文件，请重新选择。", field=field)
    lower = name.lower()
    for mime, magics, exts in KINDS.values():
        if any(data.startswith(m) for m in magics):
            if not lower.endswith(exts):
                raise FoiError(
                    f"附件“{name}”的扩展名与文件内容不符（内容为{exts[0][1:].upper()}），请核对后重新上传。",
                    field=field,
                )
            return CheckedFile(name, mime, data)
    raise FoiError(
        f"附件“{name}”不是PDF、JPG或PNG文件：只接受身份证明、申请书等的扫描件或照片。", field=field
    )


def check_all(uploads, *, field: str | None = None) -> list[CheckedFile]:
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_FILES:
        raise FoiError(f"附件最多{MAX_FILES}个，您选择了{len(uploads)}个。", field=field)
    return [check(upload, field=field) for upload in uploads]
