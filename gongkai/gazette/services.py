"""Business actions of the government gazette (政府公报). Each runs in one transaction with an audit event; who may
act is ``access``; a refusal raises :class:`GazetteError`. Publishing an issue copies each document's text as
printed (the PDF is rendered from that copy, outside any transaction, when it is asked for)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.policies import selectors as policies
from gongkai.publishing import selectors as publishing
from gongkai.publishing.models import Publication

from . import access, selectors
from .errors import GazetteError
from .models import Distribution, Entry, Issue
from .vocab import MAX_COPIES, IssueState, RecipientKind, Section

__all__ = [
    "GazetteError",
    "add_entries",
    "create_issue",
    "move_entry",
    "publish_issue",
    "record_distribution",
    "remove_entry",
]


def _forbidden() -> GazetteError:
    return GazetteError("政府公报由县政府办公室（政务公开办）编辑出版。", code="forbidden")


def _lock(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _draft(issue: Issue) -> Issue:
    locked = _lock(issue)
    if locked.state != IssueState.DRAFT:
        raise GazetteError(f"{locked.title}已出版，目录和正文不能再修改。")
    return locked


def create_issue(
    *,
    actor,
    year: int,
    issued_on: date,
    number: int | None = None,
    total_number: int | None = None,
    note: str = "",
) -> Issue:
    """新建一期 (编辑中). 期号 and 总期号 default to the next ones."""
    if not access.can_edit(actor):
        raise _forbidden()
    if not 2000 <= year <= 2100:
        raise GazetteError("年份应为2000至2100之间的四位数字。", field="year")
    if issued_on.year != year:
        raise GazetteError(f"出版日期须在{year}年内。", field="issued_on")
    next_number, next_total = selectors.next_numbers(year)
    number = number or next_number
    total_number = total_number or next_total
    if number < 1 or total_number < 1:
        raise GazetteError("期号和总期号须为正整数。", field="number")
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                year=year,
                number=number,
                total_number=total_number,
                issued_on=issued_on,
                note=note.strip()[:300],
                created_by=actor,
            )
            audit.record(
                actor=actor,
                action="gazette.issue_created",
                obj=issue,
                after={"title": issue.title, "issued_on": str(issued_on)},
            )
    except IntegrityError:
        raise GazetteError(
            f"{year}年第{number}期或总第{total_number}期已存在，请改用其他期号。", field="number"
        ) from None
    return issue


@transaction.atomic
def add_entries(issue: Issue, *, actor, publications, section: str = "") -> list[Entry]:
    """Add published policy documents to a draft issue, at the end of their section (``section`` empty: each
    document's default section by its kind and issuer)."""
    if not access.can_edit(actor):
        raise _forbidden()
    locked = _draft(issue)
    if section and section not in Section.values:
        raise GazetteError("请选择栏目。", field="section")
    pks = [p.pk if isinstance(p, Publication) else int(p) for p in publications]
    if not pks:
        raise GazetteError("请至少选择一份文件。", field="publications")
    documents = {
        d.publication_id: d
        for d in policies.public_documents()
        .filter(publication_id__in=pks)
        .select_related("publication__unit")
    }
    missing = [pk for pk in pks if pk not in documents]
    if missing:
        raise GazetteError(
            "只能刊登已公开的规范性文件和政策文件；所选文件中有未公开、已撤回或不是政策文件的，请重新选择。",
            field="publications",
        )
    taken = set(locked.entries.filter(publication_id__in=pks).values_list("publication_id", flat=True))
    if taken:
        raise GazetteError("所选文件已在本期目录中。", field="publications")
    created = []
    for pk in pks:
        document = documents[pk]
        target = section or selectors.default_section(document)
        last = locked.entries.filter(section=target).aggregate(m=Max("sort_order"))["m"] or 0
        created.append(
            Entry.objects.create(issue=locked, publication_id=pk, section=target, sort_order=last + 10)
        )
    audit.record(
        actor=actor,
        action="gazette.entries_added",
        obj=locked,
        after={"titles": [documents[pk].publication.title for pk in pks], "section": section or "按文件类型"},
    )
    return created


@transaction.atomic
def remove_entry(entry: Entry, *, actor) -> None:
    if not access.can_edit(actor):
        raise _forbidden()
    issue = _draft(entry.issue)
    title = entry.publication.title
    Entry.objects.filter(pk=entry.pk).delete()
    audit.record(actor=actor, action="gazette.entry_removed", obj=issue, before={"title": title})


@transaction.atomic
def move_entry(entry: Entry, *, actor, direction: str) -> None:
    """Move a document one place up or down within its section."""
    if not access.can_edit(actor):
        raise _forbidden()
    if direction not in ("up", "down"):
        raise GazetteError("只能上移或下移。", field="direction")
    issue = _draft(entry.issue)
    siblings = [e for e in selectors.entries(issue) if e.section == entry.section]
    index = next(i for i, e in enumerate(siblings) if e.pk == entry.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for i, sibling in enumerate(siblings, start=1):
        Entry.objects.filter(pk=sibling.pk).update(sort_order=i * 10)
    audit.record(
        actor=actor,
        action="gazette.entry_moved",
        obj=issue,
        after={"title": entry.publication.title, "direction": "上移" if direction == "up" else "下移"},
    )


@transaction.atomic
def publish_issue(issue: Issue, *, actor, now=None) -> Issue:
    """出版: the issue needs at least one document, each still public; their text is copied as printed."""
    if not access.can_edit(actor):
        raise _forbidden()
    locked = _draft(issue)
    rows = selectors.entries(locked)
    if not rows:
        raise GazetteError("本期还没有刊登任何文件，请先添加文件再出版。")
    public = set(
        publishing.public_publications()
        .filter(pk__in=[e.publication_id for e in rows])
        .values_list("pk", flat=True)
    )
    gone = [e.publication.title for e in rows if e.publication_id not in public]
    if gone:
        raise GazetteError(f"以下文件已撤回或归档，请从本期移除后再出版：{'、'.join(gone)}。")
    for entry in rows:
        pub = entry.publication
        entry.title = pub.title
        entry.doc_number = pub.doc_number
        entry.issuer = pub.publisher or pub.unit.name
        entry.formed_date = pub.formed_date
        entry.body = pub.body
        entry.save(update_fields=["title", "doc_number", "issuer", "formed_date", "body"])
    locked.state = IssueState.PUBLISHED
    locked.published_by = actor
    locked.published_at = now or timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="gazette.issue_published",
        obj=locked,
        before={"state": IssueState.DRAFT},
        after={"state": IssueState.PUBLISHED, "title": locked.title, "documents": len(rows)},
    )
    return locked


@transaction.atomic
def record_distribution(
    issue: Issue, *, actor, recipient: str, kind: str, copies: int, sent_on: date, note: str = ""
) -> Distribution:
    """赠阅登记: copies of a published issue sent to a reading place."""
    if not access.can_edit(actor):
        raise _forbidden()
    locked = _lock(issue)
    if locked.state != IssueState.PUBLISHED:
        raise GazetteError("公报出版后才能登记赠阅。")
    recipient = recipient.strip()
    if not recipient:
        raise GazetteError("请填写接收单位。", field="recipient")
    if kind not in RecipientKind.values:
        raise GazetteError("请选择接收单位类型。", field="kind")
    if not 1 <= copies <= MAX_COPIES:
        raise GazetteError(f"份数应为1至{MAX_COPIES}份。", field="copies")
    if sent_on < locked.issued_on:
        raise GazetteError(f"送达日期不能早于出版日期（{locked.issued_on:%Y-%m-%d}）。", field="sent_on")
    if sent_on > timezone.localdate():
        raise GazetteError("送达日期不能晚于今天。", field="sent_on")
    row = Distribution.objects.create(
        issue=locked,
        recipient=recipient[:100],
        kind=kind,
        copies=copies,
        sent_on=sent_on,
        note=note.strip()[:200],
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="gazette.distributed",
        obj=locked,
        after={"recipient": row.recipient, "copies": copies, "sent_on": str(sent_on)},
    )
    return row
