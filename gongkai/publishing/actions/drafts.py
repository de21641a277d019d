"""Drafting (起草): new items, edits, Word import, the 文号, and the attachments (checked, stored privately,
scanned).

先审后发 holds for files too: a file added, replaced or removed once the item is approved sends it back for review
(审查通过 → 待审查, any schedule cleared); on a published item a file added or replaced is a new version
(``Attachment.pending``, ``Publication.revision``) that goes under review while the public keeps the files last
approved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.common.richtext import clean_html, html_to_text
from gongkai.core import docread, filetype
from gongkai.core.errors import ServiceError
from gongkai.orgs.models import Unit

from .. import access, files
from ..errors import PublishingError
from ..models import Attachment, CatalogNode, Publication
from ..vocab import DisclosureMode, Revision, ScanTrigger, State
from .catalog import nodes_for_unit
from .common import (
    jsonable,
    lock,
    now,
    record,
    refuse,
    require_files_open,
    snapshot,
    transition,
    user_or_none,
)
from .scanning import request_scan

DRAFT_FIELDS = (
    "title",
    "body",
    "publisher",
    "topic",
    "formed_date",
    "changed_date",
    "doc_number",
    "disclosure_mode",
    "withheld_ground",
    "mode_note",
    "is_consultation",
    "validity",
    "scheduled_at",
    "review_by",
    "expires_on",
)


def parse_doc_number(raw: str, *, error: type[ServiceError] = PublishingError) -> docread.DocNumber | None:
    """The 文号 typed into a form: ``None`` when empty, else the parsed number (``.standard`` is the GB/T 9704 form
    ``〔2023〕``); text that is not a 文号 raises ``error`` naming the expected form (the one wrapper of
    ``core.docread.parse_doc_number`` for every form that takes a 文号; apps built on publishing pass their own
    error class)."""
    raw = (raw or "").strip()
    if not raw:
        return None
    parsed = docread.parse_doc_number(raw)
    if parsed is None:
        raise error(
            f"文号“{raw}”格式不正确：应为“发文机关代字〔年份〕序号号”，如“示发改字〔2024〕12号”"
            "（年份可写作[2024]或（2024））。",
            field="doc_number",
        )
    return parsed


def _standard_doc_number(raw: str) -> str:
    parsed = parse_doc_number(raw)
    return parsed.standard if parsed else ""


def _apply_fields(pub: Publication, fields: dict) -> list[CatalogNode] | None:
    nodes = fields.pop("nodes", None)
    for key, value in fields.items():
        if key not in DRAFT_FIELDS:
            raise TypeError(f"unknown field {key}")
        setattr(pub, key, value)
    pub.title = " ".join((pub.title or "").split())
    if not pub.title:
        raise PublishingError("请填写标题。", field="title")
    pub.body = clean_html(pub.body)
    pub.body_text = html_to_text(pub.body)
    pub.doc_number = _standard_doc_number(pub.doc_number)
    if not pub.publisher:
        pub.publisher = pub.unit.name
    if pub.disclosure_mode != DisclosureMode.WITHHELD:
        pub.withheld_ground = ""
    if nodes is not None:
        allowed = {n.pk for n in nodes_for_unit(pub.unit)}
        bad = [n for n in nodes if n.pk not in allowed]
        if bad:
            raise PublishingError(f"公开目录事项“{bad[0].name}”不属于本单位的目录。", field="nodes")
    return nodes


def create_draft(unit: Unit, *, actor, **fields) -> Publication:
    """A new draft (草稿) by an editor of ``unit``; scanned at once so findings show before anyone else sees it."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, "信息编辑")
    with transaction.atomic():
        pub = Publication(unit=unit, author=actor, state=State.DRAFT)
        nodes = _apply_fields(pub, dict(fields))
        pub.save()
        if nodes is not None:
            pub.nodes.set(nodes)
        record(actor, "create", pub, after=snapshot(pub))
    request_scan(pub, actor=actor, trigger=ScanTrigger.UPLOAD)
    return pub


def update_draft(publication: Publication, *, actor, **fields) -> Publication:
    """Edit a draft or a returned item (only those are editable)."""
    if not access.can_edit(actor, publication):
        refuse(actor, publication.unit, "信息编辑")
    with transaction.atomic():
        pub = lock(publication)
        if not pub.is_editable:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能修改；如需修改请由审查员退回。")
        before = snapshot(pub)
        nodes = _apply_fields(pub, dict(fields))
        pub.save()
        if nodes is not None:
            pub.nodes.set(nodes)
        b, a = audit.diff(jsonable(before), jsonable(snapshot(pub)))
        if a:
            record(actor, "update", pub, b, a)
    request_scan(pub, actor=actor, trigger=ScanTrigger.UPLOAD)
    return pub


def import_docx(unit: Unit, *, actor, uploaded, **extra) -> tuple[Publication, list[str]]:
    """A new draft from a Word document: title, 文号, body (structure kept) and 成文日期 extracted."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, "信息编辑")
    try:
        checked = filetype.check(uploaded, files.IMPORTABLE_KINDS, files.MAX_ATTACHMENT_MB * 1024 * 1024)
    except filetype.FileTypeError as exc:
        raise PublishingError(str(exc), field="file") from None
    name, data = checked.name, checked.data
    try:
        doc = files.import_docx(data, name)
    except files.UploadError as exc:
        raise PublishingError(str(exc), field="file") from None
    fields = {"title": doc.title, "body": doc.body, "formed_date": doc.formed_date, **extra}
    warnings = list(doc.warnings)
    try:
        fields["doc_number"] = _standard_doc_number(doc.doc_number)
    except PublishingError as exc:
        warnings.append(str(exc))
    with transaction.atomic():
        pub = create_draft(unit, actor=actor, **fields)
        pub.source_filename = name
        pub.save(update_fields=["source_filename"])
        record(actor, "import_docx", pub, after={"file": name, "warnings": warnings})
    return pub, warnings


# --- attachments -----------------------------------------------------------------------------------------------
def _store_attachment(att: Attachment, checked: files.CheckedUpload, text: tuple[str, str]) -> None:
    """``text``: the file's (text, reason it could not be read), extracted before the transaction."""
    att.name = checked.name
    att.kind = checked.kind
    att.size = len(checked.data)
    # The file replaced (and its masked copy) is removed once the change commits: no orphan keeps its content.
    for old in (att.file, att.masked_file):
        if old:
            storedfiles.delete_on_commit(old.storage, old.name)
    att.sha256 = storedfiles.save_file(att.file, checked.name, checked.data)
    att.text, att.text_error = text
    att.masked_file = None
    att.masked_sha256 = ""
    att.masked_text = ""
    att.masked_at = None
    att.needs_replacement = False


def _text_now(checked: files.CheckedUpload) -> tuple[str, str]:
    """The text of a small file, extracted in the request (before its transaction); a large one's is extracted
    by the background scan, so the upload answers at once."""
    if len(checked.data) > settings.GONGKAI_SCAN_INLINE_BYTES and checked.kind in files.SCANNABLE:
        return "", ""
    return files.extract_text(checked.data, checked.name, checked.kind)


def _check_upload(uploaded) -> files.CheckedUpload:
    try:
        checked = files.check_upload(uploaded)
    except files.UploadError as exc:
        raise PublishingError(str(exc), field="file") from None
    files.convert_ahead(checked)  # a .doc/.xls: the slow conversion before the transaction
    return checked


def _after_file_change(actor, pub: Publication, what: str) -> None:
    """An approved item goes back to review; a published one gets (or keeps) a new version under review."""
    if pub.state == State.APPROVED:
        transition(
            actor,
            pub,
            "back_to_review",
            State.SUBMITTED,
            f"审查通过后{what}，须重新审查",
            approved_at=None,
            scheduled_at=None,
            submitted_at=now(),
        )
    elif pub.state == State.PUBLISHED and pub.revision != Revision.PENDING:
        before = pub.revision
        pub.revision = Revision.PENDING
        pub.save(update_fields=["revision", "updated_at"])
        record(
            actor,
            "revision_submit",
            pub,
            {"revision": before},
            {"revision": Revision.PENDING},
            f"发布后{what}：新版本待审查，审查通过前公众仍看到原版本",
        )


def add_attachment(publication: Publication, *, actor, uploaded) -> Attachment:
    """Check (content, size, type), store privately, extract the text and scan it. After approval the item goes
    back to review; on a published item the file is part of a new version, public only once reviewed."""
    require_files_open(actor, publication)
    checked = _check_upload(uploaded)
    text = _text_now(checked)
    with storedfiles.atomic():
        pub = lock(publication)
        att = Attachment(publication=pub, uploaded_by=user_or_none(actor))
        att.sort_order = pub.attachments.count() + 1
        att.pending = pub.state == State.PUBLISHED
        _store_attachment(att, checked, text)
        att.save()
        record(
            actor,
            "attachment_add",
            pub,
            after={"attachment": att.name, "size": att.size, "sha256": att.sha256, "pending": att.pending},
        )
        _after_file_change(actor, pub, f"新增附件“{att.name}”")
    request_scan(pub, actor=actor, trigger=ScanTrigger.UPLOAD)
    return att


def replace_attachment(attachment: Attachment, *, actor, uploaded, reason: str = "") -> Attachment:
    """Replace a file (e.g. a PDF that cannot be masked automatically) with a corrected one; findings rescanned.
    On a published item the new file is a pending new version beside the public one, which it replaces once the
    review approves it."""
    require_files_open(actor, attachment.publication)
    checked = _check_upload(uploaded)
    text = _text_now(checked)
    with storedfiles.atomic():
        pub = lock(attachment.publication)
        att = Attachment.objects.select_for_update().get(pk=attachment.pk)
        old = {"attachment": att.name, "sha256": att.sha256}
        if pub.state == State.PUBLISHED and not att.pending:
            new = Attachment(
                publication=pub,
                uploaded_by=user_or_none(actor),
                sort_order=att.sort_order,
                pending=True,
                replaces=att,
            )
            _store_attachment(new, checked, text)
            new.save()
            att = new
        else:
            # The findings of the old file no longer apply; the new file is scanned from scratch.
            att.findings.all().delete()
            _store_attachment(att, checked, text)
            att.save()
        record(
            actor,
            "attachment_replace",
            pub,
            old,
            {"attachment": att.name, "sha256": att.sha256, "pending": att.pending},
            reason,
        )
        _after_file_change(actor, pub, f"替换附件“{old['attachment']}”")
    request_scan(pub, actor=actor, trigger=ScanTrigger.UPLOAD)
    return att


def remove_attachment(attachment: Attachment, *, actor) -> None:
    """Delete a file of an editable item, or a pending file of a published item's new version."""
    pub = attachment.publication
    require_files_open(actor, pub)
    if pub.is_public and not attachment.pending:
        raise PublishingError("已发布信息的附件不能删除；如含有不应公开的内容，请替换文件或撤回该信息。")
    with transaction.atomic():
        pub = lock(pub)
        name = attachment.name
        for stored in (attachment.file, attachment.masked_file):
            if stored:
                storedfiles.delete_on_commit(stored.storage, stored.name)
        attachment.delete()
        record(actor, "attachment_remove", pub, before={"attachment": name})
        if pub.state == State.APPROVED:
            _after_file_change(actor, pub, f"删除附件“{name}”")
        if pub.revision and not pub.attachments.filter(pending=True).exists():
            before = pub.revision
            pub.revision = ""
            pub.save(update_fields=["revision", "updated_at"])
            record(
                actor,
                "revision_cancel",
                pub,
                {"revision": before},
                {"revision": ""},
                "新版本的文件已全部删除",
            )
