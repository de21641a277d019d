"""Business actions of active disclosure (主动公开). The only code that changes publishing data.

Every function runs in a transaction and writes an audit event (``gongkai.audit``). Permission rules are checked
here too (views check them first for a friendly answer): editors draft, a reviewer of the same unit who is not the
author reviews ("先审后发", "一事一审", "谁公开、谁审查、谁负责"), and nothing is published with an unresolved
high-severity scan finding unless a reviewer records an override with a reason.

The scanner (``gongkai.core.textscan``) runs when a draft is saved or a file uploaded, before review, again on
publication, on demand, and over everything published (``rescan_published``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar import services as calendar
from gongkai.core import docread, law, textscan
from gongkai.orgs import permissions
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role

from . import extensions, files, search, selectors
from .catalog import create_template
from .models import (
    Attachment,
    CatalogNode,
    Finding,
    IndexCounter,
    Publication,
    Review,
    ScanRun,
    SensitiveTerm,
)
from .richtext import clean_html, html_to_text, replace_in_text_nodes
from .vocab import (
    REVIEW_CHECK_KEYS,
    REVIEW_CHECKS,
    DisclosureMode,
    FindingStatus,
    ScanTrigger,
    State,
    Validity,
    Verdict,
)

# After publication an item comes up for review (定期清理过时、失效内容) after this many days unless set.
DEFAULT_REVIEW_DAYS = 365
EDITOR_ROLES = (Role.EDITOR,)
REVIEWER_ROLES = (Role.REVIEWER,)
MANAGER_ROLES = (Role.EDITOR, Role.REVIEWER, Role.LEADER)


class PublishingError(ValueError):
    """A refused action; the message says what is wrong and how to fix it (Chinese)."""


class PublishBlocked(PublishingError):
    """Publishing refused because of unresolved high-severity findings."""

    def __init__(self, findings):
        self.findings = list(findings)
        sample = "、".join(
            f"{f.kind_label}“{f.text[:20]}”（{f.source_label} {f.location}）" for f in self.findings[:3]
        )
        more = f"等 {len(self.findings)} 处" if len(self.findings) > 3 else ""
        super().__init__(
            f"存在未处理的高风险扫描发现：{sample}{more}。请先脱敏或修改；确属可以公开的，由审查员登记理由后确认。"
        )


# --- helpers ---------------------------------------------------------------------------------------------------
def _now() -> datetime:
    return timezone.now()


def _require(actor, roles, unit) -> None:
    """Roles in the unit (county-wide roles count everywhere). ``actor=None`` is the system (scheduled jobs)."""
    if actor is None:
        return
    if not permissions.can_see_unit(actor, unit):
        raise PublishingError("您不是该单位的工作人员，不能办理此事项。")
    if not permissions.has_role(actor, roles, unit):
        names = "、".join(Role(r).label for r in roles)
        raise PublishingError(f"此操作需要本单位的{names}岗位。")


def _lock(pub: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("unit", "author").get(pk=pub.pk)


def snapshot(pub: Publication) -> dict:
    return {
        "state": pub.state,
        "title": pub.title,
        "doc_number": pub.doc_number,
        "topic": pub.topic,
        "publisher": pub.publisher,
        "formed_date": pub.formed_date,
        "changed_date": pub.changed_date,
        "disclosure_mode": pub.disclosure_mode,
        "withheld_ground": pub.withheld_ground,
        "validity": pub.validity,
        "index_number": pub.index_number,
        "scheduled_at": pub.scheduled_at,
        "published_at": pub.published_at,
        "review_by": pub.review_by,
        "expires_on": pub.expires_on,
        "nodes": sorted(pub.nodes.values_list("id", flat=True)) if pub.pk else [],
        "body_sha256": hashlib.sha256(pub.body.encode()).hexdigest()[:16],
    }


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in data.items()}


def _record(actor, action: str, pub: Publication, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"publishing.{action}",
        obj=pub,
        unit=pub.unit,
        before=_jsonable(before) if before else None,
        after=_jsonable(after) if after else None,
        reason=reason,
    )


def _transition(
    actor, pub: Publication, action: str, new_state: str, reason: str = "", **fields
) -> Publication:
    before = {"state": pub.state}
    pub.state = new_state
    for key, value in fields.items():
        setattr(pub, key, value)
    pub.save()
    _record(actor, action, pub, before, {"state": new_state, **{k: fields[k] for k in fields}}, reason)
    extensions.state_changed(pub, action)
    return pub


def unit_index_prefix(unit: Unit) -> str:
    """The unit code of its 索引号: the configured prefix, else the organisation code in the credit code."""
    if unit.index_prefix:
        return unit.index_prefix
    if unit.credit_code and len(unit.credit_code) == 18:
        return unit.credit_code[8:17]
    return f"{unit.pk:06d}"


def normalise_doc_number(raw: str) -> str:
    """The GB/T 9704 form of a 文号 (``〔2023〕``), or a clear error for text that is not one."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    parsed = docread.parse_doc_number(raw)
    if parsed is None:
        raise PublishingError(doc_number_error(raw))
    return parsed.standard


def doc_number_error(raw: str) -> str:
    """What a user is told when ``raw`` is not a 文号 (shared by every form that takes one)."""
    return f"文号“{raw}”格式不正确：应为“发文机关代字〔年份〕序号号”，如“示发改字〔2024〕12号”（年份可写作[2024]或（2024））。"


# --- catalogue -------------------------------------------------------------------------------------------------
NODE_FIELDS = (
    "name",
    "elements",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "sort_order",
)


def ensure_template(actor=None) -> int:
    """Create the missing nodes of the county-wide template (第二十条/第二十一条 categories)."""
    with transaction.atomic():
        created = create_template(CatalogNode)
        if created:
            audit.record(
                actor=actor,
                action="publishing.catalog_template",
                object_type="publishing.catalognode",
                object_repr="全县统一标准目录",
                after={"created": created},
            )
    return created


def _check_node_rights(actor, unit) -> None:
    if unit is None:
        if actor is not None and not permissions.is_office_admin(actor):
            raise PublishingError("全县统一标准目录只能由政务公开办维护。")
    else:
        _require(actor, EDITOR_ROLES, unit)


def create_node(actor, *, unit: Unit | None, parent: CatalogNode | None = None, **fields) -> CatalogNode:
    _check_node_rights(actor, unit)
    if not (fields.get("name") or "").strip():
        raise PublishingError("请填写公开事项名称。")
    if parent is not None and not (parent.unit_id is None or parent.unit_id == getattr(unit, "pk", None)):
        raise PublishingError("上级事项不属于本单位目录。")
    with transaction.atomic():
        node = CatalogNode.objects.create(
            unit=unit,
            parent=parent,
            **{k: v for k, v in fields.items() if k in NODE_FIELDS or k == "applies_to"},
        )
        audit.record(
            actor=actor,
            action="publishing.catalog_node_create",
            obj=node,
            unit=unit,
            after={k: getattr(node, k) for k in NODE_FIELDS} | {"parent": parent.pk if parent else None},
        )
    return node


def update_node(actor, node: CatalogNode, **fields) -> CatalogNode:
    _check_node_rights(actor, node.unit)
    with transaction.atomic():
        node = CatalogNode.objects.select_for_update().get(pk=node.pk)
        before = {k: getattr(node, k) for k in NODE_FIELDS + ("is_active",)}
        for key, value in fields.items():
            if key in NODE_FIELDS or key == "is_active":
                setattr(node, key, value)
        if not node.name.strip():
            raise PublishingError("请填写公开事项名称。")
        node.save()
        b, a = audit.diff(before, {k: getattr(node, k) for k in NODE_FIELDS + ("is_active",)})
        if a:
            audit.record(
                actor=actor,
                action="publishing.catalog_node_update",
                obj=node,
                unit=node.unit,
                before=b,
                after=a,
            )
    return node


@dataclass
class CatalogImportResult:
    created: int
    updated: int
    rows: int


def import_catalog(actor, unit: Unit | None, data: bytes, filename: str = "目录.xlsx") -> CatalogImportResult:
    """Import rows of the standard column layout; 一级/二级 names find or create the nodes (nothing half-saved)."""
    from .catalog_io import CatalogFileError, read_catalog_xlsx

    _check_node_rights(actor, unit)
    try:
        rows = read_catalog_xlsx(data, filename)
    except CatalogFileError as exc:
        raise PublishingError(str(exc))
    created = updated = 0
    with transaction.atomic():
        visible = (
            CatalogNode.objects.filter(unit__isnull=True)
            if unit is None
            else CatalogNode.objects.filter(unit__in=[unit.pk])
            | CatalogNode.objects.filter(unit__isnull=True)
        )
        by_key = {(n.parent_id, n.name): n for n in visible}
        for row in rows:
            l1 = by_key.get((None, row["matter_l1"]))
            if l1 is None:
                l1 = CatalogNode.objects.create(unit=unit, name=row["matter_l1"], sort_order=900 + created)
                by_key[(None, l1.name)] = l1
                created += 1
            target = l1
            if row["matter_l2"]:
                target = by_key.get((l1.pk, row["matter_l2"]))
                if target is None:
                    target = CatalogNode.objects.create(
                        unit=unit, parent=l1, name=row["matter_l2"], sort_order=created
                    )
                    by_key[(l1.pk, target.name)] = target
                    created += 1
                elif target.unit_id != getattr(unit, "pk", None):
                    continue  # a template row read back into a unit's file: the template is not the unit's to edit
            elif target.unit_id != getattr(unit, "pk", None):
                continue
            changed = False
            for key in (
                "elements",
                "basis",
                "time_limit",
                "subject",
                "channels",
                "audience",
                "mode",
                "level",
            ):
                if row.get(key) and getattr(target, key) != row[key]:
                    setattr(target, key, row[key])
                    changed = True
            if changed:
                target.save()
                updated += 1
        audit.record(
            actor=actor,
            action="publishing.catalog_import",
            object_type="publishing.catalognode",
            object_repr=f"{unit.name if unit else '全县统一标准目录'}（{filename}）",
            unit=unit,
            after={"rows": len(rows), "created": created, "updated": updated},
        )
    return CatalogImportResult(created, updated, len(rows))


def nodes_for_unit(unit: Unit):
    """The unit's effective catalogue: applicable template nodes and its own, active ones only."""
    nodes = CatalogNode.objects.filter(is_active=True).filter(unit__isnull=True) | CatalogNode.objects.filter(
        is_active=True, unit=unit
    )
    return [n for n in nodes.select_related("parent").order_by("sort_order", "id") if n.applies_to_unit(unit)]


# --- drafts ----------------------------------------------------------------------------------------------------
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


def _apply_fields(pub: Publication, fields: dict) -> list[CatalogNode] | None:
    nodes = fields.pop("nodes", None)
    for key, value in fields.items():
        if key not in DRAFT_FIELDS:
            raise TypeError(f"unknown field {key}")
        setattr(pub, key, value)
    pub.title = " ".join((pub.title or "").split())
    if not pub.title:
        raise PublishingError("请填写标题。")
    pub.body = clean_html(pub.body)
    pub.body_text = html_to_text(pub.body)
    pub.doc_number = normalise_doc_number(pub.doc_number)
    if not pub.publisher:
        pub.publisher = pub.unit.name
    if pub.disclosure_mode != DisclosureMode.WITHHELD:
        pub.withheld_ground = ""
    if nodes is not None:
        allowed = {n.pk for n in nodes_for_unit(pub.unit)}
        bad = [n for n in nodes if n.pk not in allowed]
        if bad:
            raise PublishingError(f"公开目录事项“{bad[0].name}”不属于本单位的目录。")
    return nodes


def create_draft(actor, unit: Unit, **fields) -> Publication:
    """A new draft (草稿) by an editor of ``unit``; scanned at once so findings show before anyone else sees it."""
    _require(actor, EDITOR_ROLES, unit)
    with transaction.atomic():
        pub = Publication(unit=unit, author=actor, state=State.DRAFT)
        nodes = _apply_fields(pub, dict(fields))
        pub.save()
        if nodes is not None:
            pub.nodes.set(nodes)
        _record(actor, "create", pub, after=snapshot(pub))
        _scan(actor, pub, ScanTrigger.UPLOAD)
    return pub


def update_draft(actor, pub: Publication, **fields) -> Publication:
    """Edit a draft or a returned item (only those are editable)."""
    _require(actor, EDITOR_ROLES, pub.unit)
    with transaction.atomic():
        pub = _lock(pub)
        if not pub.is_editable:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能修改；如需修改请由审查员退回。")
        before = snapshot(pub)
        nodes = _apply_fields(pub, dict(fields))
        pub.save()
        if nodes is not None:
            pub.nodes.set(nodes)
        b, a = audit.diff(_jsonable(before), _jsonable(snapshot(pub)))
        if a:
            _record(actor, "update", pub, b, a)
        _scan(actor, pub, ScanTrigger.UPLOAD)
    return pub


def import_docx(actor, unit: Unit, uploaded, **extra) -> tuple[Publication, list[str]]:
    """A new draft from a Word document: title, 文号, body (structure kept) and 成文日期 extracted."""
    _require(actor, EDITOR_ROLES, unit)
    name = files.clean_filename(getattr(uploaded, "name", "") or "文档.docx")
    data = uploaded.read()
    if len(data) > files.MAX_ATTACHMENT_MB * 1024 * 1024:
        raise PublishingError(f"文件“{name}”超过 {files.MAX_ATTACHMENT_MB} MB。")
    try:
        doc = files.import_docx(data, name)
    except files.UploadError as exc:
        raise PublishingError(str(exc))
    fields = {"title": doc.title, "body": doc.body, "formed_date": doc.formed_date, **extra}
    warnings = list(doc.warnings)
    try:
        fields["doc_number"] = normalise_doc_number(doc.doc_number)
    except PublishingError as exc:
        warnings.append(str(exc))
    with transaction.atomic():
        pub = create_draft(actor, unit, **fields)
        pub.source_filename = name
        pub.save(update_fields=["source_filename"])
        _record(actor, "import_docx", pub, after={"file": name, "warnings": warnings})
    return pub, warnings


# --- attachments -----------------------------------------------------------------------------------------------
def _can_change_files(actor, pub: Publication) -> None:
    if pub.is_editable:
        _require(actor, EDITOR_ROLES, pub.unit)
    elif pub.state in (State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED, State.PUBLISHED):
        # Fixing a leak found in review or after publication: editors and reviewers of the unit.
        _require(actor, EDITOR_ROLES + REVIEWER_ROLES, pub.unit)
    else:
        raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能再修改附件。")


def _store_attachment(att: Attachment, checked: files.CheckedUpload) -> None:
    att.name = checked.name
    att.kind = checked.kind
    att.size = len(checked.data)
    att.sha256 = hashlib.sha256(checked.data).hexdigest()
    att.file.save(checked.name, ContentFile(checked.data), save=False)
    att.text, att.text_error = files.extract_text(checked.data, checked.name, checked.kind)
    att.masked_file = None
    att.masked_text = ""
    att.masked_at = None
    att.needs_replacement = False


def add_attachment(actor, pub: Publication, uploaded) -> Attachment:
    """Check (content, size, type), store privately, extract the text and scan it."""
    _can_change_files(actor, pub)
    try:
        checked = files.check_upload(uploaded)
    except files.UploadError as exc:
        raise PublishingError(str(exc))
    with transaction.atomic():
        pub = _lock(pub)
        att = Attachment(publication=pub, uploaded_by=actor if getattr(actor, "pk", None) else None)
        att.sort_order = pub.attachments.count() + 1
        _store_attachment(att, checked)
        att.save()
        _record(
            actor,
            "attachment_add",
            pub,
            after={"attachment": att.name, "size": att.size, "sha256": att.sha256},
        )
        _scan(actor, pub, ScanTrigger.UPLOAD)
        if pub.is_public:
            search.index_publication(pub)
    return att


def replace_attachment(actor, att: Attachment, uploaded, reason: str = "") -> Attachment:
    """Replace a file (e.g. a PDF that cannot be masked automatically) with a corrected one; findings rescanned."""
    pub = att.publication
    _can_change_files(actor, pub)
    try:
        checked = files.check_upload(uploaded)
    except files.UploadError as exc:
        raise PublishingError(str(exc))
    with transaction.atomic():
        pub = _lock(pub)
        att = Attachment.objects.select_for_update().get(pk=att.pk)
        old = {"attachment": att.name, "sha256": att.sha256}
        # The findings of the old file no longer apply; the new file is scanned from scratch.
        att.findings.all().delete()
        _store_attachment(att, checked)
        att.save()
        _record(actor, "attachment_replace", pub, old, {"attachment": att.name, "sha256": att.sha256}, reason)
        _scan(actor, pub, ScanTrigger.UPLOAD)
        if pub.is_public:
            search.index_publication(pub)
    return att


def remove_attachment(actor, att: Attachment) -> None:
    pub = att.publication
    _can_change_files(actor, pub)
    if pub.is_public:
        raise PublishingError("已发布信息的附件不能删除；如含有不应公开的内容，请替换文件或撤回该信息。")
    with transaction.atomic():
        pub = _lock(pub)
        name = att.name
        att.delete()
        _record(actor, "attachment_remove", pub, before={"attachment": name})


# --- scanning --------------------------------------------------------------------------------------------------
def scanner_terms() -> tuple:
    """The built-in wording list with the openness office's own entries (theirs win on the same wrong form)."""
    own = {
        t.wrong: textscan.Term(t.wrong, t.correct, t.note, t.severity)
        for t in SensitiveTerm.objects.filter(is_active=True)
    }
    merged = {t.wrong: t for t in textscan.DEFAULT_TERMS}
    merged.update(own)
    return tuple(merged.values())


def _context(text: str, needle: str, occurrence: int, width: int = 24) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            return ""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    a = max(line_start, start - width)
    b = min(line_end, start + len(needle) + width)
    return ("…" if a > line_start else "") + text[a:b].replace("\t", " | ") + ("…" if b < line_end else "")


def _collect(pub: Publication, terms) -> list[tuple[str, Attachment | None, textscan.Finding, str]]:
    """(source, attachment, finding, context) for the title, the body and each attachment's public version."""
    out = []
    options = {"terms": terms, "is_consultation": pub.is_consultation}
    for f in textscan.scan_text(pub.title, **options):
        out.append(("title", None, f.moved(where=textscan.Location(source="text")), pub.title))
    body = pub.body_text
    for f in textscan.scan_text(body, **options):
        line = f.where.line
        lo = body.rfind("\n", 0, f.start) + 1
        hi = body.find("\n", f.end)
        hi = len(body) if hi < 0 else hi
        ctx = body[max(lo, f.start - 24) : min(hi, f.end + 24)].replace("\t", " | ")
        out.append(("body", None, f.moved(where=textscan.Location(source="text", paragraph=line)), ctx))
    for att in pub.attachments.all():
        field = att.masked_file if att.masked_file else att.file
        if att.kind not in files.SCANNABLE:
            continue
        with field.open("rb") as fh:
            data = fh.read()
        found, error = files.scan(data, att.name, att.kind, **options)
        if error and att.text_error != error:
            att.text_error = error
            att.save(update_fields=["text_error"])
        text = att.public_text
        seen: Counter = Counter()
        for f in found:
            n = seen[(f.kind, f.text)]
            seen[(f.kind, f.text)] += 1
            out.append(("attachment", att, f, _context(text, f.text, n)))
    return out


def _fingerprint(source: str, att: Attachment | None, kind: str, text: str, n: int) -> str:
    key = f"{source}|{att.pk if att else ''}|{kind}|{text}|{n}"
    return hashlib.sha256(key.encode()).hexdigest()


def _location_label(source: str, f: textscan.Finding) -> str:
    if source == "title":
        return "标题"
    if source == "body":
        return f"第{f.where.paragraph}段" if f.where.paragraph else "正文"
    return f.location


def _scan(actor, pub: Publication, trigger: str, run: ScanRun | None = None, terms=None) -> ScanRun:
    """Scan and reconcile with the stored findings (inside the caller's transaction).

    Same value in the same place (source, kind, text, occurrence) = same finding: a decision taken on it (false
    positive, override) survives rescans; an open finding no longer found is closed as gone; a masked one found
    again is reopened (the masking did not take).
    """
    own_run = run is None
    if own_run:
        run = ScanRun.objects.create(
            publication=pub, trigger=trigger, actor=actor if getattr(actor, "pk", None) else None
        )
    terms = scanner_terms() if terms is None else terms
    found = _collect(pub, terms)
    existing = {f.fingerprint: f for f in pub.findings.all()}
    seen_now: set[str] = set()
    counts: Counter = Counter()
    new = []
    for source, att, f, ctx in found:
        n = counts[(source, att.pk if att else None, f.kind, f.text)]
        counts[(source, att.pk if att else None, f.kind, f.text)] += 1
        fp = _fingerprint(source, att, f.kind, f.text, n)
        if fp in seen_now:
            continue
        seen_now.add(fp)
        row = existing.get(fp)
        values = {
            "severity": f.severity,
            "mask": f.mask,
            "replacement": f.replacement or "",
            "note": (f.note or "")[:300],
            "aggregated": f.aggregated,
            "can_mask": f.can_mask
            and f.mask is not None
            and f.kind in textscan.PERSONAL_KINDS
            and (source != "attachment" or att.kind in files.MASKABLE),
            "location": _location_label(source, f)[:200],
            "where": f.where.as_dict(),
            "context": ctx[:400],
            "last_run": run,
        }
        if row is None:
            new.append(
                Finding(
                    publication=pub,
                    attachment=att,
                    source=source,
                    kind=f.kind,
                    text=f.text[:500],
                    fingerprint=fp,
                    first_run=run,
                    **values,
                )
            )
            continue
        if row.status in (FindingStatus.GONE, FindingStatus.MASKED):
            values.update(status=FindingStatus.OPEN, resolved_by=None, resolved_at=None, resolution_reason="")
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
    Finding.objects.bulk_create(new)
    stale = [f.pk for fp, f in existing.items() if fp not in seen_now and f.status == FindingStatus.OPEN]
    if stale:
        Finding.objects.filter(pk__in=stale).update(status=FindingStatus.GONE, resolved_at=_now())
    if own_run:
        run.items = 1
        run.findings_total = len(seen_now)
        run.new_findings = len(new)
        run.finished_at = _now()
        run.summary = dict(Counter(f.kind for _, _, f, _ in found))
        run.save()
    else:
        run.items += 1
        run.findings_total += len(seen_now)
        run.new_findings += len(new)
    return run


def scan_publication(actor, pub: Publication, trigger: str = ScanTrigger.ON_DEMAND) -> ScanRun:
    """Run the scanner now (on demand, before review, before publication)."""
    _require(actor, EDITOR_ROLES + REVIEWER_ROLES + (Role.LEADER,), pub.unit)
    with transaction.atomic():
        pub = _lock(pub)
        run = _scan(actor, pub, trigger)
        _record(
            actor,
            "scan",
            pub,
            after={"trigger": trigger, "findings": run.findings_total, "new": run.new_findings},
        )
    return run


def mask_publication(actor, pub: Publication, finding_ids=None) -> int:
    """One-click masking: the body and title are rewritten, .docx/.xlsx attachments get masked copies (originals
    kept for staff), PDFs with personal data are flagged for replacement. Returns the number of values masked."""
    _can_change_files(actor, pub)
    with transaction.atomic():
        pub = _lock(pub)
        open_findings = pub.findings.filter(status=FindingStatus.OPEN, kind__in=textscan.PERSONAL_KINDS)
        if finding_ids is not None:
            open_findings = open_findings.filter(pk__in=list(finding_ids))
        chosen = list(open_findings.select_related("attachment"))
        if not chosen:
            raise PublishingError("没有可脱敏的待处理发现。")
        masked = 0
        text_fixes = {
            f.text: f.mask for f in chosen if f.source in ("title", "body") and f.can_mask and f.mask
        }
        before = snapshot(pub)
        if text_fixes:
            new_body, count = replace_in_text_nodes(pub.body, text_fixes)
            new_title = pub.title
            for old, new in text_fixes.items():
                masked += new_title.count(old)
                new_title = new_title.replace(old, new)
            pub.body, pub.title = new_body, new_title
            pub.body_text = html_to_text(pub.body)
            pub.save()
            masked += count
        done_ids = [f.pk for f in chosen if f.source in ("title", "body") and f.can_mask and f.mask]
        flagged = []
        for att in {f.attachment for f in chosen if f.attachment is not None}:
            if att.kind in files.MASKABLE:
                with att.file.open("rb") as fh:
                    data = fh.read()
                copy, count = files.masked_copy(data, att.name, att.kind)
                att.masked_file.save(files.masked_name(att.name), ContentFile(copy), save=False)
                att.masked_text, _ = files.extract_text(copy, att.name, att.kind)
                att.masked_at = _now()
                att.save()
                masked += count
                done_ids += [
                    f.pk
                    for f in pub.findings.filter(attachment=att, status=FindingStatus.OPEN, can_mask=True)
                ]
            else:
                att.needs_replacement = True
                att.save(update_fields=["needs_replacement"])
                flagged.append(att.name)
        Finding.objects.filter(pk__in=done_ids).update(
            status=FindingStatus.MASKED,
            resolved_by=actor if getattr(actor, "pk", None) else None,
            resolved_at=_now(),
        )
        b, a = audit.diff(_jsonable(before), _jsonable(snapshot(pub)))
        _record(
            actor,
            "mask",
            pub,
            b,
            {**a, "masked_values": masked, "findings": len(done_ids), "flagged_files": flagged},
        )
        _scan(actor, pub, ScanTrigger.MASK)
        if pub.is_public:
            search.index_publication(pub)
    return masked


def resolve_finding(actor, finding: Finding, status: str, reason: str) -> Finding:
    """Mark a finding as a false positive (误报) or override it (审查员确认可公开); both need a reason.

    Overrides and decisions on high-severity findings are a reviewer's, never the author's.
    """
    pub = finding.publication
    reason = (reason or "").strip()
    if status not in (FindingStatus.FALSE_POSITIVE, FindingStatus.OVERRIDDEN, FindingStatus.OPEN):
        raise PublishingError("不支持的处理方式。")
    if status != FindingStatus.OPEN and not reason:
        raise PublishingError("请填写理由（例如：该号码为单位办公电话，依法应当公开）。")
    reviewer_only = (
        status == FindingStatus.OVERRIDDEN
        or finding.severity == "high"
        or finding.status in (FindingStatus.OVERRIDDEN,)
    )
    if reviewer_only:
        _require(actor, REVIEWER_ROLES, pub.unit)
        if actor is not None and not permissions.is_not_author(actor, pub.author):
            raise PublishingError("起草人不能自行确认高风险发现，须由其他审查员登记理由。")
    else:
        _require(actor, EDITOR_ROLES + REVIEWER_ROLES, pub.unit)
    with transaction.atomic():
        pub = _lock(pub)
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        before = {"status": finding.status}
        finding.status = status
        finding.resolution_reason = reason
        finding.resolved_by = actor if status != FindingStatus.OPEN else None
        finding.resolved_at = _now() if status != FindingStatus.OPEN else None
        finding.save()
        _record(
            actor,
            "finding_override" if status == FindingStatus.OVERRIDDEN else "finding_resolve",
            pub,
            before,
            {
                "status": status,
                "finding": f"{finding.kind_label} {finding.text}",
                "location": finding.location,
            },
            reason,
        )
    return finding


@dataclass
class RescanReport:
    run: ScanRun
    new_by_unit: dict


def rescan_published(actor, unit: Unit | None = None, progress=None) -> RescanReport:
    """Re-scan everything already published (after the term list or the scanner improved); one run, a report of
    the findings that are new. ``progress(done, total)`` is told after each item (the job's progress bar)."""
    if actor is not None and not permissions.is_office_admin(actor):
        if unit is None:
            raise PublishingError("全面复查所有已发布信息由政务公开办发起。")
        _require(actor, MANAGER_ROLES, unit)
    terms = scanner_terms()
    run = ScanRun.objects.create(
        trigger=ScanTrigger.RESCAN_ALL, actor=actor if getattr(actor, "pk", None) else None
    )
    qs = Publication.objects.filter(state=State.PUBLISHED).select_related("unit", "author")
    if unit is not None:
        qs = qs.filter(unit=unit)
    total = qs.count() if progress else None
    for done, pub in enumerate(qs.iterator(chunk_size=200), start=1):
        with transaction.atomic():
            _scan(actor, _lock(pub), ScanTrigger.RESCAN_ALL, run=run, terms=terms)
            run.save(update_fields=["items", "findings_total", "new_findings"])
        if progress:
            progress(done, total)
    new_by_unit = dict(
        Counter(Finding.objects.filter(first_run=run).values_list("publication__unit__name", flat=True))
    )
    with transaction.atomic():
        run.finished_at = _now()
        run.summary = {"new_by_unit": new_by_unit, "unit": unit.name if unit else "全县"}
        run.save()
        audit.record(
            actor=actor,
            action="publishing.rescan_published",
            obj=run,
            unit=unit,
            after={"items": run.items, "findings": run.findings_total, "new": run.new_findings},
        )
    return RescanReport(run, new_by_unit)


# --- workflow --------------------------------------------------------------------------------------------------
def _check_ready(pub: Publication) -> None:
    problems = []
    if not pub.title.strip():
        problems.append("标题")
    if not pub.body_text.strip() and not pub.attachments.exists():
        problems.append("正文或附件")
    if not pub.formed_date:
        problems.append("成文日期")
    if pub.disclosure_mode == DisclosureMode.ACTIVE:
        if not pub.topic:
            problems.append("主题分类")
        if not pub.nodes.exists():
            problems.append("公开目录（至少选择一个事项）")
    if pub.disclosure_mode == DisclosureMode.WITHHELD and not pub.withheld_ground:
        problems.append("不予公开的法定依据")
    problems += extensions.missing_before_review(pub)
    if problems:
        raise PublishingError(f"提交审查前请补全：{'、'.join(problems)}。")


def submit(actor, pub: Publication) -> Publication:
    """Send a draft (or a returned item) for review; the scanner runs first so the reviewer sees its findings."""
    _require(actor, EDITOR_ROLES, pub.unit)
    with transaction.atomic():
        pub = _lock(pub)
        if not pub.is_editable:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能提交审查。")
        _check_ready(pub)
        run = _scan(actor, pub, ScanTrigger.BEFORE_REVIEW)
        _transition(actor, pub, "submit", State.SUBMITTED, submitted_at=_now())
        _record(
            actor, "scan", pub, after={"trigger": ScanTrigger.BEFORE_REVIEW, "findings": run.findings_total}
        )
    return pub


def _check_reviewer(actor, pub: Publication) -> None:
    _require(actor, REVIEWER_ROLES, pub.unit)
    if actor is None or not permissions.is_not_author(actor, pub.author):
        raise PublishingError("起草人不能审查自己起草的信息（先审后发，审查人须为起草人以外的人员）。")


def start_review(actor, pub: Publication) -> Review:
    """A reviewer takes the item (待审查 → 审查中); one review record per round (一事一审)."""
    _check_reviewer(actor, pub)
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state == State.UNDER_REVIEW:
            review = pub.reviews.filter(decided_at__isnull=True).order_by("-id").first()
            if review is not None and review.reviewer_id == actor.pk:
                return review
            if review is not None:
                raise PublishingError(f"该信息正由{review.reviewer.display_name}审查。")
        if pub.state not in (State.SUBMITTED, State.UNDER_REVIEW):
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不在审查环节。")
        review = Review.objects.create(publication=pub, reviewer=actor, round=pub.reviews.count() + 1)
        _transition(actor, pub, "review_start", State.UNDER_REVIEW)
    return review


def decide_review(
    actor, pub: Publication, *, checks: dict[str, tuple[bool, str]], verdict: str, reason: str = ""
) -> Review:
    """Record the five checks and the verdict. Approval needs all five passed and no unresolved high finding;
    a return needs the reasons, which go back to the author."""
    _check_reviewer(actor, pub)
    reason = (reason or "").strip()
    missing = [label for key, label, _ in REVIEW_CHECKS if key not in checks or checks[key][0] is None]
    if missing:
        raise PublishingError(f"请逐项填写审查结论：{'、'.join(missing)}。")
    failed = [label for key, label, _ in REVIEW_CHECKS if not checks[key][0]]
    if verdict == Verdict.APPROVED and failed:
        raise PublishingError(f"{'、'.join(failed)}未通过，不能同意公开；请退回修改并写明原因。")
    for key, label, _ in REVIEW_CHECKS:
        if checks[key][0] is False and not checks[key][1].strip():
            raise PublishingError(f"{label}未通过时请写明意见。")
    if (
        verdict == Verdict.RETURNED
        and not reason
        and not any(checks[k][1].strip() for k in REVIEW_CHECK_KEYS)
    ):
        raise PublishingError("退回时请写明退回原因，以便起草人修改。")
    if verdict not in Verdict.values:
        raise PublishingError("请选择审查结论。")
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state == State.SUBMITTED:
            review = Review.objects.create(publication=pub, reviewer=actor, round=pub.reviews.count() + 1)
        elif pub.state == State.UNDER_REVIEW:
            review = pub.reviews.filter(decided_at__isnull=True).order_by("-id").first()
            if review is None or review.reviewer_id != actor.pk:
                raise PublishingError("该信息正由其他审查员审查。")
        else:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不在审查环节。")
        if verdict == Verdict.APPROVED:
            blocking = list(pub.blocking_findings())
            if blocking:
                raise PublishBlocked(blocking)
        for key in REVIEW_CHECK_KEYS:
            passed, comment = checks[key]
            setattr(review, f"{key}_passed", bool(passed))
            setattr(review, f"{key}_comment", (comment or "").strip())
        review.verdict = verdict
        review.reason = reason
        review.decided_at = _now()
        review.save()
        detail = {
            "round": review.round,
            "verdict": verdict,
            "checks": {key: bool(checks[key][0]) for key in REVIEW_CHECK_KEYS},
        }
        if verdict == Verdict.APPROVED:
            _transition(actor, pub, "review_approve", State.APPROVED, reason, approved_at=_now())
        else:
            _transition(actor, pub, "review_return", State.RETURNED, reason)
        _record(actor, "review_record", pub, after=detail, reason=reason)
    return review


def _assign_index_number(pub: Publication, when: datetime) -> None:
    """索引号 ``<unit code>/<year>-<00001>``: assigned once; the counter only grows, so none is ever reused."""
    if pub.index_number:
        return
    year = timezone.localtime(when).year
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(unit=pub.unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    pub.index_year, pub.index_seq = year, counter.last
    pub.index_number = f"{unit_index_prefix(pub.unit)}/{year}-{counter.last:05d}"


def timeliness(start: date | None, published: date) -> dict:
    """The 20-working-day rule (条例第二十六条) for an item formed/changed on ``start`` and published on ``published``."""
    if start is None:
        return {
            "publish_deadline": None,
            "deadline_provisional": False,
            "working_days_taken": None,
            "is_late": False,
        }
    limit = law.ACTIVE_DISCLOSURE
    due = calendar.add_working_days(start, limit.value)
    taken = calendar.count_working_days(start, published)
    return {
        "publish_deadline": due.date,
        "deadline_provisional": due.provisional or taken.provisional,
        "working_days_taken": max(taken.count, 0),
        "is_late": published > due.date,
    }


def schedule(actor, pub: Publication, when: datetime | None) -> Publication:
    """Set (or clear) the time an approved item goes public by itself (定时发布)."""
    _require(actor, EDITOR_ROLES + REVIEWER_ROLES, pub.unit)
    if when is not None and when <= _now():
        raise PublishingError("定时发布时间须晚于现在；如需立即发布请点击“发布”。")
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state in (State.PUBLISHED, State.WITHDRAWN, State.ARCHIVED):
            raise PublishingError("只有尚未发布的信息才能设置定时发布。")
        before = {"scheduled_at": pub.scheduled_at}
        pub.scheduled_at = when
        pub.save(update_fields=["scheduled_at", "updated_at"])
        _record(actor, "schedule", pub, before, {"scheduled_at": when})
    return pub


def publish(actor, pub: Publication, *, now: datetime | None = None) -> Publication:
    """Publish an approved item: scan again, refuse on an unresolved high finding, assign the 索引号, compute
    timeliness, put it on the portal and in the search index."""
    _require(actor, EDITOR_ROLES + REVIEWER_ROLES, pub.unit)
    now = now or _now()
    pub = Publication.objects.select_related("unit").get(pk=pub.pk)
    if pub.state != State.APPROVED:
        raise PublishingError(f"只有审查通过的信息才能发布（当前状态：{pub.get_state_display()}）。")
    if pub.disclosure_mode != DisclosureMode.ACTIVE:
        raise PublishingError(
            f"该信息的公开属性为“{pub.get_disclosure_mode_display()}”，不在网站主动公开；如属认定有误，请退回修改公开属性。"
        )
    # The scan is kept even when publication is refused: the findings must be visible to fix them.
    # The refusal is audited too, so it is recorded before raising.
    with transaction.atomic():
        locked = _lock(pub)
        _scan(actor, locked, ScanTrigger.PUBLISH)
        blocking = list(locked.blocking_findings())
        if blocking:
            _record(
                actor,
                "publish_blocked",
                locked,
                after={"findings": [f"{f.kind} {f.location}" for f in blocking]},
            )
    if blocking:
        raise PublishBlocked(blocking)
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state != State.APPROVED:
            raise PublishingError("该信息状态已变化，请刷新后重试。")
        blocking = list(pub.blocking_findings())
        if blocking:
            raise PublishBlocked(blocking)
        _assign_index_number(pub, now)
        fields = timeliness(pub.start_date, timezone.localdate(now))
        review_by = pub.review_by or (timezone.localdate(now) + timedelta(days=DEFAULT_REVIEW_DAYS))
        if not pub.validity and pub.doc_number:
            pub.validity = Validity.VALID
        _transition(
            actor,
            pub,
            "publish",
            State.PUBLISHED,
            published_at=now,
            scheduled_at=None,
            review_by=review_by,
            index_number=pub.index_number,
            **fields,
        )
        search.index_publication(pub)
        selectors.public_changed()
    return pub


def publish_due(now: datetime | None = None) -> tuple[list[Publication], list[tuple[Publication, str]]]:
    """Publish approved items whose scheduled time has come (``gongkai publish_due``, run by a timer)."""
    now = now or _now()
    done, refused = [], []
    for pub in Publication.objects.filter(state=State.APPROVED, scheduled_at__lte=now).select_related("unit"):
        try:
            done.append(publish(None, pub, now=now))
        except PublishingError as exc:
            refused.append((pub, str(exc)))
    return done, refused


def withdraw(actor, pub: Publication, reason: str) -> Publication:
    """Take a published item off the site (撤回). The record, its 索引号 and its history stay."""
    _require(actor, MANAGER_ROLES, pub.unit)
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError("请填写撤回原因。")
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state not in (State.PUBLISHED, State.APPROVED):
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能撤回。")
        _transition(
            actor, pub, "withdraw", State.WITHDRAWN, reason, withdrawn_at=_now(), withdraw_reason=reason
        )
        search.remove_publication(pub)
        selectors.public_changed()
    return pub


def archive(actor, pub: Publication, reason: str = "") -> Publication:
    """Move an outdated published item out of the current columns (定期清理): off the portal, kept on file."""
    _require(actor, MANAGER_ROLES, pub.unit)
    with transaction.atomic():
        pub = _lock(pub)
        if pub.state != State.PUBLISHED:
            raise PublishingError("只有已发布的信息才能归档。")
        _transition(actor, pub, "archive", State.ARCHIVED, reason, archived_at=_now())
        search.remove_publication(pub)
        selectors.public_changed()
    return pub


def update_lifecycle(
    actor,
    pub: Publication,
    *,
    review_by: date | None,
    expires_on: date | None,
    validity: str,
    reason: str = "",
) -> Publication:
    """Post-publication management: review-by date, expiry date and 有效性."""
    _require(actor, MANAGER_ROLES, pub.unit)
    if validity and validity not in Validity.values:
        raise PublishingError("有效性取值不正确。")
    with transaction.atomic():
        pub = _lock(pub)
        owner = extensions.validity_owner(pub)
        if owner and validity != pub.validity:
            raise PublishingError(owner)
        before = {"review_by": pub.review_by, "expires_on": pub.expires_on, "validity": pub.validity}
        pub.review_by, pub.expires_on, pub.validity = review_by, expires_on, validity
        pub.save(update_fields=["review_by", "expires_on", "validity", "updated_at"])
        b, a = audit.diff(
            _jsonable(before),
            _jsonable({"review_by": review_by, "expires_on": expires_on, "validity": validity}),
        )
        if a:
            _record(actor, "lifecycle", pub, b, a, reason)
    return pub


def confirm_current(actor, pub: Publication, next_review: date | None = None) -> Publication:
    """Cleanup queue: the item was checked and is still current; it comes back on ``next_review``."""
    next_review = next_review or (timezone.localdate() + timedelta(days=DEFAULT_REVIEW_DAYS))
    return update_lifecycle(
        actor,
        pub,
        review_by=next_review,
        expires_on=pub.expires_on,
        validity=pub.validity,
        reason="复核确认仍然有效",
    )


# --- wording list ----------------------------------------------------------------------------------------------
def save_term(actor, term: SensitiveTerm | None = None, **fields) -> SensitiveTerm:
    """Add or change an entry of the wording list (政务公开办维护)."""
    if actor is not None and not permissions.is_office_admin(actor):
        raise PublishingError("不规范表述清单由政务公开办维护。")
    wrong = (fields.get("wrong") or "").strip()
    if not wrong:
        raise PublishingError("请填写错误表述。")
    with transaction.atomic():
        clash = SensitiveTerm.objects.filter(wrong=wrong).exclude(pk=getattr(term, "pk", None)).exists()
        if clash:
            raise PublishingError(f"“{wrong}”已在清单中。")
        before = None
        if term is None:
            term = SensitiveTerm()
        else:
            term = SensitiveTerm.objects.select_for_update().get(pk=term.pk)
            before = {
                "wrong": term.wrong,
                "correct": term.correct,
                "severity": term.severity,
                "is_active": term.is_active,
            }
        for key in ("wrong", "correct", "note", "severity", "is_active"):
            if key in fields:
                setattr(term, key, fields[key].strip() if isinstance(fields[key], str) else fields[key])
        term.save()
        audit.record(
            actor=actor,
            action="publishing.term_save",
            obj=term,
            before=before,
            after={
                "wrong": term.wrong,
                "correct": term.correct,
                "severity": term.severity,
                "is_active": term.is_active,
            },
        )
    return term
