"""Reads of the government gazette: issues, contents by section, the candidates (published normative and other
policy documents, through policies' public selector), the public list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from gongkai.policies import selectors as policies

from .models import Entry, Issue
from .vocab import SECTION_ORDER, IssueState, Section


def issues() -> QuerySet:
    return Issue.objects.annotate(entry_count=Count("entries")).order_by("-year", "-number")


def published_issues() -> QuerySet:
    return issues().filter(state=IssueState.PUBLISHED).order_by("-year", "-number")


def entries(issue: Issue, *, with_text: bool = True) -> list[Entry]:
    """The contents in print order: sections in their order, then the order within the section. ``with_text=False``
    leaves the documents' text unread (lists and tables of contents)."""
    qs = issue.entries.select_related("publication__unit")
    if not with_text:
        qs = qs.defer("body", "publication__body", "publication__body_text")
    rows = list(qs)
    return sorted(rows, key=lambda e: (SECTION_ORDER.get(e.section, 99), e.sort_order, e.pk))


@dataclass
class SectionBlock:
    section: str
    label: str
    entries: list[Entry]


def contents(issue: Issue, *, with_text: bool = False) -> list[SectionBlock]:
    """The table of contents: the sections that have documents, each with its documents."""
    by_section: dict[str, list[Entry]] = {}
    for entry in entries(issue, with_text=with_text):
        by_section.setdefault(entry.section, []).append(entry)
    return [SectionBlock(s, Section(s).label, by_section[s]) for s in Section.values if s in by_section]


def candidates(issue: Issue, limit: int = 200):
    """Published policy documents (规范性文件 first, newest first) not yet in this issue, for the editor's list."""
    taken = issue.entries.values_list("publication_id", flat=True)
    return list(
        policies.public_documents()
        .exclude(publication_id__in=taken)
        .select_related("publication__unit")
        .order_by("kind", "-publication__published_at", "-pk")[:limit]
    )


def printed_in(publication_ids) -> dict[int, list[str]]:
    """For each publication, the published issues it was printed in (a document is printed once as a rule)."""
    out: dict[int, list[str]] = {}
    rows = Entry.objects.filter(publication_id__in=list(publication_ids), issue__state=IssueState.PUBLISHED)
    for entry in rows.select_related("issue"):
        out.setdefault(entry.publication_id, []).append(entry.issue.title)
    return out


def default_section(document) -> str:
    """The section a policy document goes under: by its kind and its issuer's kind (government / office /
    department / township)."""
    if document.kind != "normative":
        return Section.POLICY
    kind = document.publication.unit.kind
    if kind == "government":
        return Section.GOVERNMENT
    if kind == "office":
        return Section.OFFICE
    if kind in ("township", "subdistrict"):
        return Section.TOWNSHIP
    return Section.DEPARTMENT


def next_numbers(year: int) -> tuple[int, int]:
    """The next 期号 of the year and the next 总期号."""
    last_of_year = (
        Issue.objects.filter(year=year).order_by("-number").values_list("number", flat=True).first()
    )
    last_total = Issue.objects.order_by("-total_number").values_list("total_number", flat=True).first()
    return (last_of_year or 0) + 1, (last_total or 0) + 1


def published_contents(issue_list: list[Issue]) -> dict[int, list[Entry]]:
    """The printed contents (titles and 文号 as fixed at publication) of several published issues, in print order,
    in one query: what the portal's issue list shows."""
    out: dict[int, list[Entry]] = {issue.pk: [] for issue in issue_list}
    rows = Entry.objects.filter(issue_id__in=list(out)).only(
        "issue_id", "section", "sort_order", "title", "doc_number", "publication_id"
    )
    for entry in sorted(rows, key=lambda e: (SECTION_ORDER.get(e.section, 99), e.sort_order, e.pk)):
        out[entry.issue_id].append(entry)
    return out
