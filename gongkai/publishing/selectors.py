"""Reads of the publishing workspace and the public site. Staff reads are scoped to the user's units."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property

from gongkai.calendar import services as calendar
from gongkai.core import law
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access
from .models import CatalogNode, Finding, Publication
from .vocab import PUBLIC_STATES, FindingStatus, Revision, State, Validity

PENDING_STATES = (State.DRAFT, State.RETURNED, State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED)


def open_finding_counts(pub_ids) -> dict[int, tuple[int, int]]:
    """{publication id: (open findings, open high-severity findings)}."""
    rows = (
        Finding.objects.filter(publication_id__in=list(pub_ids), status=FindingStatus.OPEN)
        .values("publication_id")
        .annotate(total=Count("id"), high=Count("id", filter=Q(severity="high")))
    )
    return {r["publication_id"]: (r["total"], r["high"]) for r in rows}


def abilities(user, pub: Publication) -> dict[str, bool]:
    """What the user may do with ``pub`` now (buttons shown): the rules of ``access`` with the states each action
    applies in (the services check both again)."""
    in_review = pub.in_review
    files_open = pub.is_editable or pub.state in access.FILES_OPEN_STATES
    may_review = access.can_review(user, pub)
    return {
        "edit": access.can_edit(user, pub) and pub.is_editable,
        "upload": access.can_change_files(user, pub),
        "delete_files": access.can_change_files(user, pub) and pub.is_editable,
        "submit": access.can_submit(user, pub) and pub.is_editable,
        "review": may_review and in_review,
        "author_cannot_review": access.is_reviewer(user, pub.unit) and not may_review and in_review,
        "publish": access.can_publish(user, pub) and pub.state == State.APPROVED,
        "schedule": access.can_publish(user, pub) and pub.state == State.APPROVED,
        "withdraw": access.can_withdraw(user, pub) and pub.state in (State.PUBLISHED, State.APPROVED),
        "archive": access.can_archive(user, pub) and pub.state == State.PUBLISHED,
        "lifecycle": access.can_manage_lifecycle(user, pub)
        and pub.state in (State.PUBLISHED, State.APPROVED),
        "mask": access.can_mask(user, pub),
        "scan": access.can_scan(user, pub),
        "resolve": access.can_resolve(user, pub) and files_open,
        "override": access.can_override(user, pub) and files_open,
    }


def review_queue(user) -> list[tuple[Publication, bool]]:
    """Items waiting for review in the units where the user reviews; (item, may review it = not the author)."""
    qs = permissions.scope(
        user,
        Publication.objects.filter(
            Q(state__in=(State.SUBMITTED, State.UNDER_REVIEW))
            | Q(state=State.PUBLISHED, revision=Revision.PENDING)
        ).select_related("unit", "author"),
    ).order_by("submitted_at", "id")
    rows = []
    items = [p for p in qs if access.is_reviewer(user, p.unit)]
    counts = open_finding_counts([p.pk for p in items])
    for pub in items:
        open_, high = counts.get(pub.pk, (0, 0))
        current = pub.reviews.filter(decided_at__isnull=True).select_related("reviewer").first()
        rows.append(
            {
                "pub": pub,
                "may_review": access.can_review(user, pub),
                "open": open_,
                "high": high,
                "reviewer": current.reviewer if current else None,
            }
        )
    return rows


def publish_deadline(start: date | None):
    """The last day to publish (20 working days, 条例第二十六条) of an item formed or changed on ``start``, as a
    ``calendar`` result (``.date``, ``.provisional``); None without a date. The one computation of this deadline:
    the timeliness recorded on publication and the overdue lists both use it."""
    if start is None:
        return None
    return calendar.add_working_days(start, law.ACTIVE_DISCLOSURE.value)


def overdue_pending(user, today: date | None = None) -> list[tuple[Publication, object]]:
    """Items not yet published whose 20 working days have run out (not yet public = already late)."""
    today = today or timezone.localdate()
    qs = permissions.scope(
        user,
        Publication.objects.filter(state__in=PENDING_STATES, disclosure_mode="active")
        .filter(Q(formed_date__isnull=False) | Q(changed_date__isnull=False))
        .select_related("unit", "author"),
    )
    out = []
    for pub in qs:
        due = publish_deadline(pub.start_date)
        if due is not None and due.date < today:
            out.append((pub, due))
    out.sort(key=lambda pair: pair[1].date)
    return out


def timeliness_report(user, year: int) -> dict:
    """Per unit: items published in ``year``, how many were late, and items pending past their deadline."""
    published = permissions.scope(
        user,
        Publication.objects.filter(published_at__year=year).exclude(published_at__isnull=True),
    )
    per_unit = defaultdict(lambda: {"published": 0, "late": 0, "pending_overdue": 0})
    for unit_id, late in published.values_list("unit_id", "is_late"):
        per_unit[unit_id]["published"] += 1
        per_unit[unit_id]["late"] += int(bool(late))
    pending = overdue_pending(user)
    for pub, _due in pending:
        per_unit[pub.unit_id]["pending_overdue"] += 1
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(per_unit))}
    rows = sorted(
        ((units[uid], data) for uid, data in per_unit.items() if uid in units),
        key=lambda r: (r[0].sort_order, r[0].pk),
    )
    late_items = published.filter(is_late=True).select_related("unit").order_by("-published_at")[:200]
    totals = Counter()
    for _unit, data in rows:
        totals.update(data)
    return {
        "rows": rows,
        "late_items": late_items,
        "pending": pending,
        "totals": dict(totals),
        "limit": law.ACTIVE_DISCLOSURE,
    }


def cleanup_queue(user, today: date | None = None):
    """Published items due for review or cleanup (定期清理过时、失效内容)."""
    today = today or timezone.localdate()
    qs = permissions.scope(
        user,
        Publication.objects.filter(state=State.PUBLISHED)
        .filter(
            Q(review_by__lte=today)
            | Q(expires_on__lte=today)
            | Q(validity__in=(Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED))
        )
        .select_related("unit"),
    ).order_by("review_by", "expires_on", "id")
    rows = []
    for pub in qs:
        reasons = []
        if pub.expires_on and pub.expires_on <= today:
            reasons.append(f"已于{pub.expires_on:%Y-%m-%d}失效")
        if pub.validity in (Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED):
            reasons.append(f"有效性为“{pub.get_validity_display()}”")
        if pub.review_by and pub.review_by <= today:
            reasons.append(f"复核日期{pub.review_by:%Y-%m-%d}已到")
        rows.append((pub, reasons))
    return rows


def node_publication_counts(unit: Unit | None) -> dict[int, int]:
    """Published items per catalogue node (of one unit), cached until the public set changes."""
    key = f"gongkai:publishing:nodecounts:{public_generation()}:{getattr(unit, 'pk', 'all')}"
    counts = cache.get(key)
    if counts is None:
        through = Publication.nodes.through
        rows = through.objects.filter(publication__state__in=PUBLIC_STATES)
        if unit is not None:
            rows = rows.filter(publication__unit=unit)
        counts = dict(
            rows.values("catalognode_id").annotate(n=Count("id")).values_list("catalognode_id", "n")
        )
        cache.set(key, counts, COUNT_SECONDS)
    return counts


def last_published_by_unit_node(unit_ids=None, node_ids=None) -> dict[tuple[int, int], date]:
    """Public surface for site inspection's due matrix: the date of the latest published item per (unit, catalogue
    node), one grouped query over the filing table."""
    through = Publication.nodes.through
    rows = through.objects.filter(
        publication__state__in=PUBLIC_STATES, publication__published_at__isnull=False
    )
    if unit_ids is not None:
        rows = rows.filter(publication__unit_id__in=list(unit_ids))
    if node_ids is not None:
        rows = rows.filter(catalognode_id__in=list(node_ids))
    out: dict[tuple[int, int], date] = {}
    grouped = rows.values("publication__unit_id", "catalognode_id").annotate(
        last=Max("publication__published_at")
    )
    for row in grouped:
        out[(row["publication__unit_id"], row["catalognode_id"])] = timezone.localdate(row["last"])
    return out


def tree_rows(nodes) -> list[tuple[CatalogNode, int]]:
    """(node, depth) in tree order: each parent followed by its children."""
    nodes = list(nodes)
    ids = {n.pk for n in nodes}
    children = defaultdict(list)
    for n in nodes:
        children[n.parent_id if n.parent_id in ids else None].append(n)
    for group in children.values():
        group.sort(key=lambda n: (n.unit_id is not None, n.sort_order, n.pk))
    out: list[tuple[CatalogNode, int]] = []

    def walk(parent_id, depth):
        for n in children.get(parent_id, []):
            out.append((n, depth))
            walk(n.pk, depth + 1)

    walk(None, 0)
    return out


# --- public reads ----------------------------------------------------------------------------------------------
GENERATION_KEY = "gongkai:publishing:public-generation"
COUNT_SECONDS = 300


def public_generation() -> int:
    """A number that changes whenever the set of public items changes (publish, withdraw, archive)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def public_changed() -> None:
    """Called by the services: at once (the same request sees it) and again on commit (other processes)."""

    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 2, None)

    bump()
    transaction.on_commit(bump)


def cached_count(qs) -> int:
    """The count of a public list, cached until the public set changes: exact counts of 200,000 rows cost ~50 ms."""
    sql, params = qs.query.sql_with_params()
    digest = hashlib.sha256(f"{public_generation()}|{sql}|{params}".encode()).hexdigest()
    key = f"gongkai:publishing:count:{digest}"
    value = cache.get(key)
    if value is None:
        value = qs.count()
        cache.set(key, value, COUNT_SECONDS)
    return value


class PublicPaginator(Paginator):
    @cached_property
    def count(self):
        return cached_count(self.object_list)


def public_publications():
    """Everything the public may see: published items only (withdrawn and archived ones are gone)."""
    return Publication.objects.filter(state__in=PUBLIC_STATES, published_at__isnull=False)


def neighbours(pub: Publication) -> tuple[Publication | None, Publication | None]:
    """上一篇 / 下一篇 of a public item: its neighbours in the list it is read from (its unit's 公开目录 under the
    first catalogue item it is filed under, else its unit's items), which runs newest first — 上一篇 is the next
    newer, 下一篇 the next older."""
    node = pub.nodes.order_by("id").first()
    qs = public_publications().filter(unit_id=pub.unit_id)
    if node is not None:
        qs = qs.filter(nodes=node)
    qs = qs.exclude(pk=pub.pk).only("id", "title", "published_at")
    newer = qs.filter(
        Q(published_at__gt=pub.published_at) | Q(published_at=pub.published_at, id__gt=pub.pk)
    ).order_by("published_at", "id")
    older = qs.filter(
        Q(published_at__lt=pub.published_at) | Q(published_at=pub.published_at, id__lt=pub.pk)
    ).order_by("-published_at", "-id")
    return newer.first(), older.first()


def public_node_ids(node: CatalogNode) -> list[int]:
    from .search import _node_ids

    return _node_ids(node)


def filed_under(qs, node: CatalogNode):
    """Items filed under ``node`` or its sub-items: a semi-join (EXISTS), so no DISTINCT over wide rows."""
    through = Publication.nodes.through
    return qs.filter(
        Exists(
            through.objects.filter(publication_id=OuterRef("pk"), catalognode_id__in=public_node_ids(node))
        )
    )


def latest(limit: int = 8, node_code: str | None = None):
    qs = public_publications().select_related("unit")
    if node_code:
        node = CatalogNode.objects.filter(code=node_code).first()
        if node is None:
            return []
        qs = filed_under(qs, node)
    return list(qs.order_by("-published_at", "-id")[:limit])


SCAN_JOB = "publishing.scan"


def pending_scan(pub: Publication):
    """The background scan of ``pub`` still queued or running (扫描中), or None."""
    from gongkai.jobs.models import JobRun
    from gongkai.jobs.vocab import Status

    return (
        JobRun.objects.filter(
            job=SCAN_JOB,
            params__publication=pub.pk,
            status__in=(Status.QUEUED, Status.RUNNING, Status.RETRYING),
        )
        .order_by("-id")
        .first()
    )


# --- the findings panel (扫描结果) --------------------------------------------------------------------------------
GROUP_SAMPLE = 20  # findings listed one by one inside a group; the rest are counted
RESOLVED_SHOWN = 200
_HEADER_NOTE = re.compile(r"表头「(.+?)」所在列")
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass
class FindingGroup:
    """Open findings of one kind in one column of one file (or in one source): one action for all of them."""

    key: str
    source_label: str
    place: str  # 第C列「身份证号码」, 表格1 第3列, or "" for running text
    kind: str
    kind_label: str
    severity: str
    severity_label: str
    findings: list = field(default_factory=list)
    can_mask: bool = False
    aggregated: bool = False

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def sample(self) -> list:
        return self.findings[:GROUP_SAMPLE]

    @property
    def more(self) -> int:
        return max(0, self.count - GROUP_SAMPLE)

    @property
    def label(self) -> str:
        place = f" {self.place}" if self.place else ""
        return f"{self.source_label}{place}：{self.count:,}处"


def _column_of(finding: Finding) -> tuple[str, str]:
    """(group key part, human place) of a finding's column; ("", "") outside tables."""
    where = finding.where or {}
    header = _HEADER_NOTE.search(finding.note or "")
    named = f"「{header.group(1)}」" if header else ""
    cell = where.get("cell")
    if cell:
        letters = re.sub(r"[0-9]", "", str(cell))
        return f"{where.get('sheet')}!{letters}", f"{where.get('sheet')} 第{letters}列{named}"
    if where.get("table") is not None and where.get("column") is not None:
        table = (
            "-".join(str(t) for t in where["table"]) if isinstance(where["table"], list) else where["table"]
        )
        part = f"{where.get('part')} " if where.get("part") else ""
        return f"t{table}:{where['column']}", f"{part}表格{table} 第{where['column']}列{named}"
    return "", named


def group_key(finding: Finding) -> str:
    return f"{finding.attachment_id or finding.source}|{finding.kind}|{_column_of(finding)[0]}"


def finding_groups(findings) -> list[FindingGroup]:
    """Open findings grouped by file, column and kind (第C列「身份证号码」：2,000处), riskiest first."""
    groups: dict[str, FindingGroup] = {}
    for f in findings:
        key = group_key(f)
        group = groups.get(key)
        if group is None:
            group = groups[key] = FindingGroup(
                key=key,
                source_label=f.source_label,
                place=_column_of(f)[1],
                kind=f.kind,
                kind_label=f.kind_label,
                severity=f.severity,
                severity_label=f.severity_label,
            )
        group.findings.append(f)
        group.can_mask = group.can_mask or f.can_mask
        group.aggregated = group.aggregated or f.aggregated
        if _SEVERITY_ORDER.get(f.severity, 3) < _SEVERITY_ORDER.get(group.severity, 3):
            group.severity, group.severity_label = f.severity, f.severity_label
    return sorted(groups.values(), key=lambda g: (_SEVERITY_ORDER.get(g.severity, 3), g.key))


def finding_ids_of_groups(pub: Publication, keys) -> list[int]:
    """The open findings of ``pub`` in the groups named by ``keys`` (the masking form sends group keys)."""
    wanted = set(keys)
    if not wanted:
        return []
    open_findings = pub.findings.filter(status=FindingStatus.OPEN).only(
        "id", "attachment_id", "source", "kind", "where", "note"
    )
    return [f.pk for f in open_findings if group_key(f) in wanted]


def findings_panel(pub: Publication) -> dict:
    """The context of the findings panel: groups of open findings, the latest resolved ones, the counts."""
    # An attachment's extracted text can be megabytes: never join it onto thousands of finding rows.
    light = ("attachment__text", "attachment__masked_text")
    open_findings = list(
        pub.findings.filter(status=FindingStatus.OPEN)
        .select_related("attachment")
        .defer(*light)
        .order_by("attachment_id", "id")
    )
    resolved = pub.findings.exclude(status=FindingStatus.OPEN)
    resolved_count = resolved.count()
    return {
        "groups": finding_groups(open_findings),
        "open_findings": open_findings,
        "findings": list(
            resolved.select_related("attachment", "resolved_by")
            .defer(*light)
            .order_by("-resolved_at", "-id")[:RESOLVED_SHOWN]
        ),
        "resolved_count": resolved_count,
        "resolved_more": max(0, resolved_count - RESOLVED_SHOWN),
        "any_findings": bool(open_findings) or resolved_count > 0,
        "scan_job": pending_scan(pub),
        "blocking": [f for f in open_findings if f.severity == "high"],
        "maskable": [f for f in open_findings if f.can_mask],
    }
