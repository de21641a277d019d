"""The personal-data and secrecy scanner on publications (``gongkai.core.textscan``): runs and their findings,
one-click masking, decisions on findings, the rescan of everything published, and the wording list it uses.

The scanner runs when a draft is saved or a file uploaded, before review, again on publication, on demand, and over
everything published (``rescan_published``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.common.richtext import html_to_text, replace_in_text_nodes
from gongkai.core import textscan
from gongkai.core.textscan.formats import context_of
from gongkai.orgs.models import Unit

from .. import access, files, search
from ..errors import PublishingError
from ..models import Attachment, Finding, Publication, ScanRun, SensitiveTerm
from ..selectors import SCAN_JOB, pending_scan
from ..vocab import FindingStatus, ScanTrigger, State
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


def scanner_terms() -> tuple:
    """The built-in wording list with the openness office's own entries (theirs win on the same wrong form)."""
    own = {
        t.wrong: textscan.Term(t.wrong, t.correct, t.note, t.severity)
        for t in SensitiveTerm.objects.filter(is_active=True)
    }
    merged = {t.wrong: t for t in textscan.DEFAULT_TERMS}
    merged.update(own)
    return tuple(merged.values())


def unit_public_numbers(unit: Unit | None) -> frozenset[str]:
    """The digits of the unit's public contact numbers (咨询电话 and 传真 of its 信息公开指南): a scan never
    reports them and masking never touches them."""
    numbers: set[str] = set()
    for value in (unit.phone, unit.fax) if unit is not None else ():
        for part in re.split(r"[、,，;；/]|\s{2,}", value or ""):
            digits = re.sub(r"\D", "", part)
            if len(digits) >= 7:
                numbers.add(digits)
    return frozenset(numbers)


def is_public_number(finding: textscan.Finding, numbers: frozenset[str]) -> bool:
    """A phone finding that is one of ``numbers`` (with or without the area code)."""
    if finding.kind not in ("mobile", "landline") or not numbers:
        return False
    digits = re.sub(r"\D", "", finding.text)
    return any(digits == n or (len(n) >= 7 and (digits.endswith(n) or n.endswith(digits))) for n in numbers)


def _collect(
    pub: Publication, terms, errors: dict[int, dict[str, str]] | None = None, progress=None
) -> list[tuple[str, Attachment | None, textscan.Finding, str]]:
    """(source, attachment, finding, context) for the title, the body and each attachment's public version.

    Linear in the size of what is scanned: an attachment's findings carry their own context from the scanner
    (the row or the line around the value), nothing is searched for again. The unit's public contact numbers
    are left out."""
    out: list[tuple[str, Attachment | None, textscan.Finding, str]] = []
    options = {"terms": terms, "is_consultation": pub.is_consultation}
    public = unit_public_numbers(pub.unit)
    for f in textscan.scan_text(pub.title, **options):
        if not is_public_number(f, public):
            out.append(("title", None, f.moved(where=textscan.Location(source="text")), pub.title))
    body = pub.body_text
    for f in textscan.scan_text(body, **options):
        if is_public_number(f, public):
            continue
        ctx = context_of(body, f.start, f.end)
        out.append(
            ("body", None, f.moved(where=textscan.Location(source="text", paragraph=f.where.line)), ctx)
        )
    errors = {} if errors is None else errors
    attachments = [a for a in pub.attachments.all() if a.kind in files.SCANNABLE]
    total = len(attachments)
    for done, att in enumerate(attachments, start=1):
        field = att.masked_file if att.masked_file else att.file
        with field.open("rb") as fh:
            data = fh.read()
        found, error = files.scan(data, att.name, att.kind, **options)
        if error and att.text_error != error:
            errors.setdefault(att.pk, {})["text_error"] = error[:300]
        if not att.text and not att.text_error and not error and not att.masked_file:
            # a large upload: its text (search, the staff view) is extracted here, not in the upload request
            errors.setdefault(att.pk, {})["text"] = files.extract_text(data, att.name, att.kind)[0]
        if progress is not None:
            progress(done, total, f"已扫描附件《{att.name}》")
        for f in found:
            if not is_public_number(f, public):
                out.append(("attachment", att, f, f.context))
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


def content_version(pub: Publication, terms) -> str:
    """What a scan result depends on, as a short hash: title, body, consultation flag, each attachment's file (and
    masked copy) and the wording list. A result is saved only if this did not change while the scan ran, and a
    scan before review or publication reuses the last result of the same version."""
    h = hashlib.sha256()
    h.update(f"{pub.title}\x00{pub.body_text}\x00{pub.is_consultation}\x00{pub.unit_id}".encode())
    for att in sorted(pub.attachments.all(), key=lambda a: a.pk):
        h.update(f"\x00{att.pk}|{att.sha256}|{att.masked_file.name if att.masked_file else ''}".encode())
    h.update(repr(sorted((t.wrong, t.correct, t.severity) for t in terms)).encode())
    h.update(repr(sorted(unit_public_numbers(pub.unit))).encode())
    return h.hexdigest()[:32]


def last_result(pub: Publication, version: str) -> ScanRun | None:
    """The latest finished scan of ``pub`` if it was of this content version."""
    last = pub.scan_runs.filter(finished_at__isnull=False).order_by("-id").first()
    return last if last is not None and last.summary.get("version") == version else None


def require_scan_done(pub: Publication, what: str) -> None:
    """Approval waits for the result: nothing is submitted, approved or published while its scan runs."""
    if pending_scan(pub) is not None:
        raise PublishingError(f"附件正在扫描（扫描中），扫描完成后才能{what}；请稍后刷新页面查看扫描结果。")


def run_scan(pub: Publication, *, actor, trigger: str, run: ScanRun | None = None, terms=None) -> ScanRun:
    """Scan and reconcile with the stored findings (inside the caller's transaction; no permission check).

    Before review and publication the last result is reused when the content (``content_version``) has not
    changed since, so approving a large list holds no lock while it is scanned again. Use ``scan_outside`` for
    a scan with no transaction open.
    """
    terms = scanner_terms() if terms is None else terms
    version = content_version(pub, terms)
    if run is None and trigger in (ScanTrigger.BEFORE_REVIEW, ScanTrigger.PUBLISH):
        reused = last_result(pub, version)
        if reused is not None:
            return reused
    errors: dict[int, dict[str, str]] = {}
    found = _collect(pub, terms, errors)
    return _store(pub, found, errors, actor=actor, trigger=trigger, run=run, version=version)


def scan_outside(publication: Publication, *, actor, trigger: str, progress=None) -> ScanRun | None:
    """Scan with no transaction open and no row locked (the background job, and small items right after a
    change), then save the result in one short transaction, only if the item did not change meanwhile
    (``None``: it changed, and the change asked for its own scan)."""
    pub = Publication.objects.select_related("unit").get(pk=publication.pk)
    terms = scanner_terms()
    version = content_version(pub, terms)
    errors: dict[int, dict[str, str]] = {}
    found = prepare(pub, _collect(pub, terms, errors, progress))
    run, early = _insert_new_early(pub, found, trigger=trigger, actor=actor)
    with transaction.atomic():
        locked = lock(pub)
        if content_version(locked, terms) == version:
            return _store(
                locked, found, errors, actor=actor, trigger=trigger, run=run, version=version, early=early
            )
    if run is not None:  # the item changed meanwhile: its own scan follows; drop what was written early
        _delete_early(run)
    return None


# New findings beyond this many are written before the reconciling transaction, in transactions of this size, so
# that on SQLite no writer (a login, a citizen's application) waits for the whole list's insert: a 50,000-row list
# has 150,000 findings, several seconds of INSERT, and SQLite's busy timeout is 5 s. Small, because the worker runs
# niced: on a busy machine a starved transaction holds the lock longer (2,000 rows held it over 1 s at load 10).
_EARLY_CHUNK = 500


def _insert_new_early(
    pub: Publication, found: Prepared, *, trigger: str, actor
) -> tuple[ScanRun | None, set[str]]:
    """Write a large scan's new findings ahead, chunk by chunk, under an unfinished run (``finished_at`` empty: it
    is no result yet, so nothing can be approved on it). Returns the run and the fingerprints written."""
    known = set(pub.findings.values_list("fingerprint", flat=True))
    new = [row for row in found.rows if row[0] not in known]
    if len(new) <= _EARLY_CHUNK:
        return None, set()
    run = ScanRun.objects.create(publication=pub, trigger=trigger, actor=user_or_none(actor))
    for i in range(0, len(new), _EARLY_CHUNK):
        with transaction.atomic():
            _insert_findings(pub, run, new[i : i + _EARLY_CHUNK])
    return run, {fp for fp, _ in new}


def _delete_early(run: ScanRun) -> None:
    """Remove an abandoned run and the findings written ahead under it, in short transactions."""
    while True:
        with transaction.atomic():
            pks = list(Finding.objects.filter(first_run=run).values_list("pk", flat=True)[:_EARLY_CHUNK])
            if not pks:
                break
            Finding.objects.filter(pk__in=pks)._raw_delete(Finding.objects.db)
    run.delete()


def request_scan(pub: Publication, *, actor, trigger: str) -> ScanRun | None:
    """After a change (draft saved, file added or replaced): an item whose files are small is scanned now,
    outside the change's transaction; a larger one by the ``publishing.scan`` job (the item shows 扫描中 and
    cannot be submitted, approved or published until the result is in)."""
    size = sum(a.size for a in pub.attachments.all() if a.kind in files.SCANNABLE)
    if size <= settings.GONGKAI_SCAN_INLINE_BYTES:
        return scan_outside(pub, actor=actor, trigger=trigger)
    from gongkai.jobs import services as jobs
    from gongkai.jobs.vocab import Trigger

    by = user_or_none(actor)
    jobs.start(
        SCAN_JOB,
        # started by whoever changed the item (they follow its progress), else by the system
        actor=by if by is not None and access.can_start_scan(by) else None,
        params={"publication": pub.pk, "trigger": trigger, "by": by.pk if by is not None else None},
        unit=pub.unit,
        trigger=Trigger.ACTION,
    )
    return None


_VALUE_FIELDS = [
    "severity",
    "mask",
    "replacement",
    "note",
    "aggregated",
    "can_mask",
    "location",
    "where",
    "context",
]
_REOPEN_FIELDS = ["status", "resolved_by", "resolved_at", "resolution_reason"]


@dataclass
class Prepared:
    """A scan's result as column values of unsaved Finding rows, built before the saving transaction so that it
    stays short: new rows are written with one ``executemany``."""

    rows: list[tuple[str, dict]]
    kinds: Counter


def prepare(pub: Publication, found: list[tuple[str, Attachment | None, textscan.Finding, str]]) -> Prepared:
    """Fingerprints and row values for a scan's findings. Same value in the same place (source, kind, text,
    occurrence) = same fingerprint."""
    seen: set[str] = set()
    counts: Counter = Counter()
    rows: list[tuple[str, dict]] = []
    for source, att, f, ctx in found:
        key = (source, att.pk if att else None, f.kind, f.text)
        n = counts[key]
        counts[key] += 1
        fp = _fingerprint(source, att, f.kind, f.text, n)
        if fp in seen:
            continue
        seen.add(fp)
        can_mask = (
            f.can_mask
            and f.mask is not None
            and f.kind in textscan.PERSONAL_KINDS
            and (source != "attachment" or (att is not None and att.kind in files.MASKABLE))
        )
        values = {
            "attachment_id": att.pk if att else None,
            "source": source,
            "kind": f.kind,
            "text": f.text[:500],
            "severity": f.severity,
            "mask": f.mask,
            "replacement": f.replacement or "",
            "note": (f.note or "")[:300],
            "aggregated": f.aggregated,
            "can_mask": can_mask,
            "location": _location_label(source, f)[:200],
            "where": f.where.as_dict(),
            "context": ctx[:400],
        }
        rows.append((fp, values))
    return Prepared(rows, Counter(f.kind for _, _, f, _ in found))


_INSERT_COLUMNS = [
    "publication_id",
    "attachment_id",
    "source",
    "kind",
    "severity",
    "text",
    "mask",
    "replacement",
    "note",
    "aggregated",
    "can_mask",
    "location",
    "where",
    "context",
    "fingerprint",
    "status",
    "resolution_reason",
    "first_run_id",
    "last_run_id",
    "created_at",
]


def _insert_findings(pub: Publication, run: ScanRun, rows: list[tuple[str, dict]]) -> None:
    """New findings in bulk: one prepared INSERT run over all rows (bulk_create spends seconds per ten thousand
    rows preparing each field, with the write lock held meanwhile)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    columns = ", ".join(quote(c) for c in _INSERT_COLUMNS)
    marks = ", ".join(json_mark if c == "where" else "%s" for c in _INSERT_COLUMNS)
    sql = f"INSERT INTO {quote(Finding._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names are constants, values are parameters
    created = now()
    params = [
        (
            pub.pk,
            v["attachment_id"],
            v["source"],
            v["kind"],
            v["severity"],
            v["text"],
            v["mask"],
            v["replacement"],
            v["note"],
            v["aggregated"],
            v["can_mask"],
            v["location"],
            json.dumps(v["where"], ensure_ascii=False),
            v["context"],
            fp,
            FindingStatus.OPEN,
            "",
            run.pk,
            run.pk,
            created,
        )
        for fp, v in rows
    ]
    with connection.cursor() as cursor:
        for i in range(0, len(params), 5000):
            cursor.executemany(sql, params[i : i + 5000])


def _store(
    pub: Publication,
    found: list[tuple[str, Attachment | None, textscan.Finding, str]] | Prepared,
    errors: dict[int, dict[str, str]],
    *,
    actor,
    trigger: str,
    run: ScanRun | None,
    version: str,
    early: set[str] | None = None,
) -> ScanRun:
    """Reconcile a scan's result with the stored findings (inside a transaction, the item locked): rows are
    written in bulk, nothing is scanned or built here beyond the run's own bookkeeping.

    A decision taken on a finding (false positive, override) survives rescans; an open finding no longer found
    is closed as gone; a masked one found again is reopened (the masking did not take). ``early``: fingerprints
    already written under ``run`` by ``_insert_new_early`` (the run is then this scan's own, still unfinished).
    """
    early = early or set()
    prepared = found if isinstance(found, Prepared) else prepare(pub, found)
    for att_pk, fields in errors.items():  # the attachments' text or the reason it could not be read
        Attachment.objects.filter(pk=att_pk).update(**fields)
    if pub.is_public and any("text" in fields for fields in errors.values()):
        search.index_publication(pub)
    own_run = run is None or bool(early)
    if run is None:
        run = ScanRun.objects.create(publication=pub, trigger=trigger, actor=user_or_none(actor))
    stored = (
        pub.findings.exclude(first_run=run) if early else pub.findings
    )  # the rows written ahead are known
    existing = {fp: (pk, status) for fp, pk, status in stored.values_list("fingerprint", "pk", "status")}
    new: list[tuple[str, dict]] = []
    kept: list[Finding] = []
    reopened: list[Finding] = []
    for fp, values in prepared.rows:
        if fp in early:  # written ahead under this run, with these values
            continue
        if fp not in existing:
            new.append((fp, values))
            continue
        pk, status = existing[fp]
        row = Finding(pk=pk, last_run=run, **{k: values[k] for k in _VALUE_FIELDS})
        if status in (FindingStatus.GONE, FindingStatus.MASKED):
            row.status, row.resolution_reason = FindingStatus.OPEN, ""
            row.resolved_by, row.resolved_at = None, None
            reopened.append(row)
        else:
            kept.append(row)
    _insert_findings(pub, run, new)
    if kept:
        Finding.objects.bulk_update(kept, [*_VALUE_FIELDS, "last_run"], batch_size=500)
    if reopened:
        Finding.objects.bulk_update(reopened, [*_VALUE_FIELDS, "last_run", *_REOPEN_FIELDS], batch_size=500)
    seen_now = {fp for fp, _ in prepared.rows}
    stale = [
        pk for fp, (pk, status) in existing.items() if fp not in seen_now and status == FindingStatus.OPEN
    ]
    if stale:
        Finding.objects.filter(pk__in=stale).update(status=FindingStatus.GONE, resolved_at=now())
    if own_run:
        run.items = 1
        run.findings_total = len(seen_now)
        run.new_findings = len(new) + len(early)
        run.finished_at = now()
        run.summary = {**prepared.kinds, "version": version}
        run.save()
    else:
        run.items += 1
        run.findings_total += len(seen_now)
        run.new_findings += len(new)
    return run


def scan_publication(
    publication: Publication, *, actor, trigger: str = ScanTrigger.ON_DEMAND
) -> ScanRun | None:
    """Run the scanner on demand: now when the files are small, else in the background job (``None``: the
    item shows 扫描中 until the result is in). No lock is held while scanning."""
    if not access.can_scan(actor, publication):
        refuse(actor, publication.unit, "信息编辑、保密审查员、单位负责人")
    if pending_scan(publication) is not None:
        raise PublishingError("该信息正在后台扫描（扫描中），请稍后刷新页面查看结果。")
    run = request_scan(publication, actor=actor, trigger=trigger)
    with transaction.atomic():
        after = {"trigger": trigger, "background": run is None}
        if run is not None:
            after.update(findings=run.findings_total, new=run.new_findings)
        record(actor, "scan", lock(publication), after=after)
    return run


def _chosen_for_masking(pub: Publication, finding_ids) -> list[Finding]:
    open_findings = pub.findings.filter(status=FindingStatus.OPEN, kind__in=textscan.PERSONAL_KINDS)
    if finding_ids is not None:
        open_findings = open_findings.filter(pk__in=list(finding_ids))
    return list(open_findings.select_related("attachment").order_by("pk"))


@dataclass
class _MaskedCopy:
    """A masked copy of one attachment, built before the masking transaction (masking a 50,000-row list takes
    seconds; on SQLite a transaction holds the write lock from its first statement)."""

    sha256: str  # of the original the copy was made from
    data: bytes
    text: str
    count: int
    finding_ids: list[int]
    masked_before: list[int]  # the attachment's findings masked earlier, masked again in the copy


def _masked_copies(chosen: list[Finding]) -> dict[int, _MaskedCopy]:
    copies: dict[int, _MaskedCopy] = {}
    for att in {f.attachment for f in chosen if f.attachment is not None}:
        if att.kind not in files.MASKABLE:
            continue
        # Only the chosen values, plus those masked before (the copy is made again from the original).
        picked = [f for f in chosen if f.attachment_id == att.pk and f.can_mask and f.mask]
        earlier = list(_masked_earlier(att))
        values = {f.text: f.mask for f in [*earlier, *picked] if f.mask}
        with att.file.open("rb") as fh:
            data = fh.read()
        copy, count = files.masked_copy(data, att.name, att.kind, values=values)
        text, _ = files.extract_text(copy, att.name, att.kind)
        copies[att.pk] = _MaskedCopy(
            att.sha256, copy, text, count, [f.pk for f in picked], [f.pk for f in earlier]
        )
    return copies


def _masked_earlier(att: Attachment):
    return att.findings.filter(status=FindingStatus.MASKED).exclude(mask=None).order_by("pk")


def mask_publication(publication: Publication, *, actor, finding_ids=None) -> int:
    """One-click masking: the body and title are rewritten, .docx/.xlsx attachments get masked copies (originals
    kept for staff), PDFs with personal data are flagged for replacement. Returns the number of values masked.

    The copies are built first, with no transaction open; the transaction then checks that neither the chosen
    findings nor the files changed meanwhile (else it refuses: try again) and only stores them."""
    require_files_open(actor, publication)
    chosen = _chosen_for_masking(publication, finding_ids)
    if not chosen:
        raise PublishingError("没有可脱敏的待处理发现。")
    copies = _masked_copies(chosen)
    with storedfiles.atomic():
        pub = lock(publication)
        now_chosen = _chosen_for_masking(pub, finding_ids)
        changed = [f.pk for f in now_chosen] != [f.pk for f in chosen] or any(
            att.sha256 != copies[att.pk].sha256
            or [f.pk for f in _masked_earlier(att)] != copies[att.pk].masked_before
            for att in {f.attachment for f in now_chosen if f.attachment is not None}
            if att.pk in copies
        )
        if changed:
            raise PublishingError("脱敏期间该信息的附件或待处理发现有变化，请刷新页面后重新脱敏。")
        chosen = now_chosen
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
            if att.pk in copies:
                made = copies[att.pk]
                if att.masked_file:  # an earlier masked copy, replaced by this one
                    storedfiles.delete_on_commit(att.masked_file.storage, att.masked_file.name)
                att.masked_sha256 = storedfiles.save_file(
                    att.masked_file, files.masked_name(att.name, att.kind), made.data
                )
                att.masked_text = made.text
                att.masked_at = now()
                att.save()
                masked += made.count
                done_ids += made.finding_ids
            else:
                att.needs_replacement = True
                att.save(update_fields=["needs_replacement"])
                flagged.append(att.name)
        Finding.objects.filter(pk__in=done_ids).update(
            status=FindingStatus.MASKED,
            resolved_by=user_or_none(actor),
            resolved_at=now(),
        )
        b, a = audit.diff(jsonable(before), jsonable(snapshot(pub)))
        record(
            actor,
            "mask",
            pub,
            b,
            {**a, "masked_values": masked, "findings": len(done_ids), "flagged_files": flagged},
        )
        if pub.state == State.APPROVED:
            # A change of the text or files after approval is reviewed again (先审后发). On a published item the
            # masking stops a leak at once: it only hides values, never adds content.
            transition(
                actor,
                pub,
                "back_to_review",
                State.SUBMITTED,
                "审查通过后脱敏，须重新审查",
                approved_at=None,
                scheduled_at=None,
                submitted_at=now(),
            )
        if pub.is_public:
            search.index_publication(pub)
    request_scan(pub, actor=actor, trigger=ScanTrigger.MASK)
    return masked


def resolve_finding(finding: Finding, *, actor, status: str, reason: str) -> Finding:
    """Mark a finding as a false positive (误报) or override it (审查员确认可公开); both need a reason.

    Overrides and decisions on high-severity findings are a reviewer's, never the author's.
    """
    pub = finding.publication
    reason = (reason or "").strip()
    if status not in (FindingStatus.FALSE_POSITIVE, FindingStatus.OVERRIDDEN, FindingStatus.OPEN):
        raise PublishingError("不支持的处理方式。", field="status")
    if status != FindingStatus.OPEN and not reason:
        raise PublishingError("请填写理由（例如：该号码为单位办公电话，依法应当公开）。", field="reason")
    reviewer_only = (
        status == FindingStatus.OVERRIDDEN
        or finding.severity == "high"
        or finding.status in (FindingStatus.OVERRIDDEN,)
    )
    if reviewer_only:
        if not access.is_reviewer(actor, pub.unit):
            refuse(actor, pub.unit, "保密审查员")
        if not access.can_override(actor, pub):
            raise PublishingError("起草人不能自行确认高风险发现，须由其他审查员登记理由。", code="forbidden")
    elif not access.can_resolve(actor, pub):
        refuse(actor, pub.unit, "信息编辑、保密审查员")
    with transaction.atomic():
        pub = lock(pub)
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        before = {"status": finding.status}
        finding.status = status
        finding.resolution_reason = reason
        finding.resolved_by = actor if status != FindingStatus.OPEN else None
        finding.resolved_at = now() if status != FindingStatus.OPEN else None
        finding.save()
        record(
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


def rescan_published(unit: Unit | None = None, *, actor, progress=None) -> RescanReport:
    """Re-scan everything already published, or one unit's (after the term list or the scanner improved); one run,
    a report of the findings that are new. ``progress(done, total)`` is told after each item (the job's progress
    bar)."""
    if not access.can_rescan(actor, unit):
        if unit is None:
            raise PublishingError("全面复查所有已发布信息由政务公开办发起。", code="forbidden")
        refuse(actor, unit, "信息编辑、保密审查员、单位负责人")
    terms = scanner_terms()
    run = ScanRun.objects.create(trigger=ScanTrigger.RESCAN_ALL, actor=user_or_none(actor))
    qs = Publication.objects.filter(state=State.PUBLISHED).select_related("unit", "author")
    if unit is not None:
        qs = qs.filter(unit=unit)
    total = qs.count() if progress else None
    for done, pub in enumerate(qs.iterator(chunk_size=200), start=1):
        # Scanned with nothing locked; saved in a short transaction if the item did not change meanwhile.
        version = content_version(pub, terms)
        errors: dict[int, dict[str, str]] = {}
        found = prepare(pub, _collect(pub, terms, errors))
        with transaction.atomic():
            locked = lock(pub)
            if content_version(locked, terms) == version:
                _store(
                    locked,
                    found,
                    errors,
                    actor=actor,
                    trigger=ScanTrigger.RESCAN_ALL,
                    run=run,
                    version=version,
                )
                run.save(update_fields=["items", "findings_total", "new_findings"])
        if progress:
            progress(done, total)
    new_by_unit = dict(
        Counter(Finding.objects.filter(first_run=run).values_list("publication__unit__name", flat=True))
    )
    with transaction.atomic():
        run.finished_at = now()
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


# --- wording list ----------------------------------------------------------------------------------------------
def save_term(term: SensitiveTerm | None = None, *, actor, **fields) -> SensitiveTerm:
    """Add (``term=None``) or change an entry of the wording list (政务公开办维护)."""
    if not access.can_edit_terms(actor):
        raise PublishingError("不规范表述清单由政务公开办维护。", code="forbidden")
    wrong = (fields.get("wrong") or "").strip()
    if not wrong:
        raise PublishingError("请填写错误表述。", field="wrong")
    with transaction.atomic():
        others = SensitiveTerm.objects.filter(wrong=wrong)
        if term is not None:
            others = others.exclude(pk=term.pk)
        if others.exists():
            raise PublishingError(f"“{wrong}”已在清单中。", field="wrong")
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
