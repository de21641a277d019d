"""Applicants' files and personal data: audited access, uploads, the retention purge of identity documents and the
master-key rotation of the encrypted attachments."""

from __future__ import annotations

from datetime import date, timedelta

from cryptography.fernet import InvalidToken
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles

from .. import access, crypto, uploads
from ..errors import FoiAccessRefused, FoiError
from ..models import Attachment, FoiPolicy
from . import common
from .common import State, record, require_handle
from .intake import store_files


def log_personal_access(case, *, actor, what: str) -> None:
    """Access to an applicant's personal data is audited (who, which case, what, when, from where)."""
    with transaction.atomic():
        audit.record(actor=actor, action="foi.personal_data_viewed", obj=case, unit=case.unit, reason=what)


def read_attachment(attachment, *, actor) -> bytes:
    case = attachment.request
    if not access.can_see_personal(actor, case):
        raise FoiAccessRefused("您无权查看申请人的附件。")
    if attachment.purged_at:
        raise FoiError("该附件已按保存期限删除。")
    log_personal_access(case, actor=actor, what=f"下载附件：{attachment.get_kind_display()}")
    try:
        return crypto.decrypt_from_storage(attachment.blob, attachment.wrapped_key)
    except crypto.KeyMissing as exc:
        raise FoiError(f"{exc}请联系系统管理员。") from None
    except OSError:
        raise FoiError("附件文件缺失：请联系系统管理员运行 gongkai check-files 并从备份恢复。") from None


def add_attachments(case, *, actor, kind: str, files) -> list[Attachment]:
    require_handle(actor, case)
    if kind not in Attachment.Kind.values:
        raise FoiError("请选择附件类型。", field="kind")
    checked = uploads.check_all(files, field="files")
    if not checked:
        raise FoiError("请选择要上传的文件。", field="files")
    with storedfiles.atomic():
        stored = store_files(case, checked, kind, actor)
        record(actor, "attachment_added", case, after={"kind": kind, "count": len(stored)})
    return stored


def purge_expired_files(*, actor=None, today: date | None = None, dry_run: bool = False) -> list[int]:
    """Delete identity documents of cases done longer ago than the office's retention period."""
    today = today or common.today()
    days = FoiPolicy.current().id_retention_days
    cutoff = today - timedelta(days=days)
    expired = Attachment.objects.filter(kind=Attachment.Kind.ID_PROOF, purged_at__isnull=True).filter(
        Q(request__state=State.CLOSED, request__closed_on__lt=cutoff)
        | Q(request__state=State.REPLIED, request__replied_on__lt=cutoff)
    )
    ids = list(expired.values_list("pk", flat=True))
    if dry_run:
        return ids
    for attachment in Attachment.objects.filter(pk__in=ids).select_related("request", "request__unit"):
        with transaction.atomic():
            crypto.delete_blob(attachment.blob)
            attachment.purged_at = timezone.now()
            attachment.wrapped_key = ""
            attachment.save(update_fields=["purged_at", "wrapped_key"])
            record(actor, "attachment_purged", attachment.request, reason=f"保存期限{days}天届满")
    return ids


def rewrap_keys(*, actor=None) -> int:
    """Master-key rotation (``gongkai foi rewrap-keys``): re-encrypt every file key with the newest master key.

    All keys or none: one transaction with the rows locked, one audit event with the count (never a key).
    """
    with transaction.atomic():
        rows = Attachment.objects.select_for_update().filter(purged_at__isnull=True).exclude(wrapped_key="")
        count = 0
        for attachment in rows.order_by("pk"):
            try:
                attachment.wrapped_key = crypto.rewrap(attachment.wrapped_key)
            except InvalidToken as exc:
                raise FoiError(
                    f"附件 {attachment.pk} 的密钥无法用当前主密钥解开：请把加密时的旧主密钥保留在"
                    "GONGKAI_FOI_FILE_KEY 中（新密钥在前，逗号分隔）后重试。未修改任何附件。"
                ) from exc
            attachment.save(update_fields=["wrapped_key"])
            count += 1
        audit.record(
            actor=actor,
            action="foi.keys_rewrapped",
            object_type="foi.attachment",
            object_repr=f"用最新的主密钥重新加密附件密钥（{count}个）",
            after={"count": count},
        )
    return count


def log_export(*, actor, rows: int, full_rows: int, filters: str) -> None:
    """An export of the case list is audited: how many rows, how many with personal data in full, which filters."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="foi.export",
            object_type="foi.inforequest",
            object_repr=f"导出依申请公开台账（{rows}条，其中含完整个人信息{full_rows}条）",
            after={"rows": rows, "full_personal_rows": full_rows, "filters": filters},
        )


def log_applicant_download(case, *, what: str) -> None:
    """The applicant (verified by both codes on the tracking page) downloaded a document of their own case."""
    with transaction.atomic():
        audit.record(actor=None, action="foi.applicant_download", obj=case, unit=case.unit, reason=what)
