"""Inspection of the portal and of listed external sites (网站巡检): start a run, execute it (crawl → checks → 19号
scorecard → tickets), list external sites. The crawl and the checks run outside any transaction; the results are
stored in one transaction with the audit event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.calendar.services import get_calendar
from gongkai.core.sitecheck import checks, crawl, rules, scoring
from gongkai.core.textscan.model import Term
from gongkai.orgs.models import Leader, Unit

from .. import access, crawler
from ..errors import SitecheckError
from ..models import CrawledPage, ExternalSite, InspectionFinding, InspectionRun, NodeRule, Ticket
from ..vocab import column_kind

JOB = "sitecheck.inspect"
ELDERLY_COOKIE = "gk_elderly"  # the portal's elderly-mode cookie (portal.context_processors)


# ---------------------------------------------------------------- external sites


@transaction.atomic
def add_site(*, actor, name: str, url: str, unit: Unit | None = None) -> ExternalSite:
    """List a website a unit runs itself, to be inspected over HTTP."""
    if not access.can_manage_inspection(actor):
        raise SitecheckError("外部网站清单由政务公开办维护。", code="forbidden")
    if ExternalSite.objects.filter(url=url).exists():
        raise SitecheckError("该网址已在外部网站清单中，请勿重复添加。", field="url")
    site = ExternalSite.objects.create(name=name, url=url, unit=unit)
    audit.record(
        actor=actor,
        action="sitecheck.site_added",
        obj=site,
        unit=unit,
        after={"name": name, "url": url, "unit": unit.name if unit else ""},
    )
    return site


# ---------------------------------------------------------------- starting


@transaction.atomic
def start_inspection(
    site: ExternalSite | None = None,
    *,
    actor,
    enqueue: bool = True,
    job_run_id: int | None = None,
    bounds: dict | None = None,
) -> InspectionRun:
    """Record a run and queue the job that executes it (the page shows its progress); ``job_run_id``: the job
    already running (the schedule's daily run) executes it itself."""
    from gongkai.jobs import services as jobs

    if not access.can_manage_inspection(actor):
        raise SitecheckError("网站巡检由政务公开办发起。", code="forbidden")
    if InspectionRun.objects.filter(site=site, state=InspectionRun.State.RUNNING).exists():
        raise SitecheckError("该网站已有一次巡检正在进行，请等它完成后再发起。")
    base = site.url if site else (settings.GONGKAI_SITECHECK_BASE_URL or crawler.INTERNAL_ROOT)
    run = InspectionRun.objects.create(
        site=site, base_url=base, started_by=actor if getattr(actor, "pk", None) else None
    )
    if job_run_id is None:
        params = {"run": run.pk, **(bounds or {})}
        job_run_id = jobs.start(JOB, actor=actor, params=params, enqueue=enqueue).pk
    run.job_run_id = job_run_id
    run.save(update_fields=["job_run_id"])
    audit.record(
        actor=actor,
        action="sitecheck.inspection_started",
        obj=run,
        after={"site": run.site_name, "base": base},
    )
    return run


# ---------------------------------------------------------------- executing


@dataclass
class Options:
    """How one run crawls (from settings; tests and the demo narrow it)."""

    max_pages: int = 0
    max_depth: int = 0
    max_seconds: float = 0
    external_links: bool | None = None
    a11y: bool | None = None
    a11y_pages: int = 0
    today: date | None = None
    fetch: Callable[[str], crawl.Fetched] | None = None  # tests: a planted site
    axe: Callable[[list[str]], dict] | None = None
    extra: list[str] = field(default_factory=list)
    a11y_urls: list[str] = field(default_factory=list)  # always in the accessibility sample

    @classmethod
    def from_params(cls, params: dict) -> Options:
        """Narrower bounds handed to the job (the demo's sampled crawl): pages, depth, sample, start URLs."""
        return cls(
            max_pages=int(params.get("max_pages") or 0),
            max_depth=int(params.get("max_depth") or 0),
            a11y_pages=int(params.get("a11y_pages") or 0),
            extra=[str(u) for u in params.get("extra", [])],
            a11y_urls=[str(u) for u in params.get("a11y_urls", [])],
        )

    def limits(self) -> crawl.Limits:
        return crawl.Limits(
            max_pages=self.max_pages or settings.GONGKAI_SITECHECK_MAX_PAGES,
            max_depth=self.max_depth or settings.GONGKAI_SITECHECK_MAX_DEPTH,
            max_seconds=self.max_seconds or settings.GONGKAI_SITECHECK_MAX_SECONDS,
            check_external=(
                settings.GONGKAI_SITECHECK_EXTERNAL_LINKS
                if self.external_links is None
                else self.external_links
            ),
        )


def _terms() -> list[Term]:
    from gongkai.publishing.services import scanner_terms

    merged = {t.wrong: t for t in rules.MISSPELLINGS}
    merged.update({t.wrong: t for t in scanner_terms()})
    return list(merged.values())


def _leaders() -> list[checks.Leader]:
    posts: dict[str, list[str]] = {}
    for name, post in Leader.objects.values_list("name", "post"):
        posts.setdefault(name.strip(), []).append(post.strip())
    return [checks.Leader(n, tuple(p)) for n, p in posts.items() if n]


def _keep_body(url: str, fetched: crawl.Fetched) -> bool:
    return len(fetched.body) <= 2 * 1024 * 1024


@dataclass
class Outcome:
    result: crawl.Crawl
    issues: list[checks.Issue]
    units: dict[str, int | None]  # page url → owning unit id
    facts: scoring.Facts
    home_hash: str
    home_ok: bool
    a11y_note: str


def _own_portal_context(result: crawl.Crawl):
    """Publication → unit for the pages crawled; catalogue items with a rule (name, column kind); the (unit, item)
    cells a unit must publish under as 法定主动公开内容 (the due matrix's cells, so both say the same)."""
    from gongkai.publishing.models import CatalogNode, Publication

    from ..selectors import due_matrix

    ids = set()
    for page in result.pages.values():
        parts = page.url.split("/xxgk/info/", 1)
        if len(parts) == 2:
            head = parts[1].split("/", 1)[0]
            if head.isdigit():
                ids.add(int(head))
    pub_units = dict(Publication.objects.filter(pk__in=ids).values_list("pk", "unit_id"))
    ruled = set(NodeRule.objects.values_list("node_id", flat=True))
    node_info = {
        pk: (name, column_kind(code))
        for pk, name, code in CatalogNode.objects.values_list("pk", "name", "code")
        if pk in ruled
    }
    unit_ids = {u for p in result.pages.values() if (u := _catalogue_unit(p.url)) is not None}
    matrix = due_matrix(None, unit_ids=unit_ids) if unit_ids else None
    owed = {(c.unit.pk, c.rule.node_id) for c in matrix.cells if c.rule.statutory} if matrix else set()
    names = {u.pk: u.name for u, _ in matrix.rows} if matrix else {}
    return pub_units, node_info, owed, names


def _catalogue_unit(url: str) -> int | None:
    parts = url.split("/xxgk/ml/", 1)
    if len(parts) == 2:
        head = parts[1].split("/", 1)[0]
        if head.isdigit():
            return int(head)
    return None


def inspect(run: InspectionRun, options: Options | None = None, progress=None) -> Outcome:
    """Crawl and check (no writes): the part of a run that takes time."""
    options = options or Options()
    today = options.today or timezone.localdate()
    own = run.site_id is None
    if options.fetch is not None:
        root, fetch = run.base_url, options.fetch
    elif own:
        root, fetch = crawler.portal_root()
    else:
        root, fetch = run.base_url, crawler.http_fetch(settings.GONGKAI_SITECHECK_TIMEOUT)
    limits = options.limits()
    extra = list(options.extra)
    if own:
        extra += [root.rstrip("/") + part.path for part in rules.XXGK_PARTS]
    result = crawl.crawl(
        root,
        fetch,
        limits=limits,
        fetch_external=crawler.http_fetch(settings.GONGKAI_SITECHECK_TIMEOUT),
        progress=progress,
        extra=extra,
        keep_body=_keep_body,
    )
    issues: list[checks.Issue] = []
    units: dict[str, int | None] = {}
    columns: list[checks.Column] = []
    terms, leaders = _terms(), _leaders()
    pub_units, node_info, owed, unit_names = _own_portal_context(result) if own else ({}, {}, set(), {})
    unit_empty: dict[int, list[str]] = {}  # a unit's owed catalogue items listing nothing
    for page in result.internal():
        if own:
            info = crawler.classify(page, publication_units=pub_units, node_info=node_info)
            units[page.url] = info.unit_id
            for column in info.columns:
                if info.node_id is None:
                    columns.append(column)
                elif (info.unit_id, info.node_id) in owed:
                    # A unit's sub-column counts only where the unit must publish (the rule's unit kinds).
                    if column.dates:
                        unit_name = unit_names.get(info.unit_id or 0, "")
                        columns.append(replace(column, name=f"{unit_name}·{column.name}"))
                    elif info.unit_id is not None:
                        unit_empty.setdefault(info.unit_id, []).append(column.name)
        else:
            units[page.url] = run.site.unit_id if run.site is not None else None
        if page.parsed is not None:
            issues += checks.wording_errors(page, terms)
            issues += checks.leader_titles(page, leaders)
            issues += checks.sensitive_text(page.url, page.parsed.title + "\n" + page.parsed.text)
        elif page.ok and page.attachment and page.fetched.body:
            name = page.url.rstrip("/").rsplit("/", 1)[-1] or "attachment"
            issues += checks.sensitive_file(page.url, page.fetched.body, name)
    issues = _once_per_text(issues, units)
    issues += checks.broken_links(result)
    if own:
        issues += checks.stale_columns(columns, today)
        issues += checks.empty_columns(columns)
        from django.urls import reverse

        for unit_id, items in sorted(unit_empty.items()):
            url = crawl.normalize(root.rstrip("/") + reverse("info:catalog_unit", args=[unit_id]))
            units[url] = unit_id
            issues += checks.empty_unit_items(url, unit_names.get(unit_id, ""), sorted(set(items)))
        from gongkai.policies.selectors import public_interpretation_pairs

        base = root.rstrip("/")
        pairs = [
            (crawl.normalize(base + d), crawl.normalize(base + i)) for d, i in public_interpretation_pairs()
        ]
        issues += checks.interpretation_links(pairs, result)
        issues += checks.xxgk_parts(result, root, today)
    home = result.pages.get(result.root)
    home_ok = bool(home and home.ok)
    home_hash = home.hash if home and home.parsed else ""
    history = [
        (r.started_at.date(), r.home_hash)
        for r in InspectionRun.objects.filter(site=run.site, state=InspectionRun.State.DONE)
        .exclude(home_hash="")
        .exclude(pk=run.pk)
        .order_by("started_at")
    ]
    if home_hash:
        history.append((today, home_hash))
    issues += checks.home_unchanged(
        history, home.parsed.dates if home and home.parsed else [], today, url=result.root
    )
    units.setdefault(result.root, None)
    # Accessibility: axe-core on a sample of page types, normal and elderly mode.
    a11y_note = ""
    a11y_checked = False
    want_a11y = settings.GONGKAI_SITECHECK_A11Y if options.a11y is None else options.a11y
    if want_a11y:
        wanted = [crawl.normalize(u) for u in options.a11y_urls if crawl.normalize(u) in result.pages]
        sample = (
            wanted
            + [
                u
                for u in crawler.sample_for_axe(
                    result, limit=options.a11y_pages or settings.GONGKAI_SITECHECK_A11Y_PAGES
                )
                if u not in wanted
            ][: max(0, (options.a11y_pages or settings.GONGKAI_SITECHECK_A11Y_PAGES) - len(wanted))]
        )
        try:
            if options.axe is not None:
                found = options.axe(sample)
            elif own and not settings.GONGKAI_SITECHECK_BASE_URL:
                found = crawler.axe_scan(
                    sample,
                    lambda mode: crawler.inprocess_fetch(
                        {ELDERLY_COOKIE: "1"} if mode == "elderly" else None
                    ),
                )
            else:
                found = crawler.axe_scan(
                    sample,
                    lambda mode: crawler.http_fetch(settings.GONGKAI_SITECHECK_TIMEOUT),
                    modes=("normal",),
                )
            for (url, mode), violations in found.items():
                issues += checks.accessibility(url, mode, violations)
            a11y_checked = True
            a11y_note = f"axe-core 抽查{len(sample)}个页面（常规和适老化模式，WCAG 2.1 AA）"
        except Exception as exc:  # noqa: BLE001 - no browser on this machine: say so, score without the bonus
            a11y_note = f"无障碍检测未完成：{type(exc).__name__}: {str(exc)[:150]}"
    else:
        a11y_note = "无障碍检测已关闭（GONGKAI_SITECHECK_A11Y）"
    texts = [p.parsed.text for p in result.internal() if p.parsed and p.depth <= 1]
    facts = scoring.Facts(
        availability=_availability(run, home_ok, today),
        elderly_mode=any("适老化模式" in t for t in texts),
        error_report_channel=any("找错" in t or "纠错" in t for t in texts),
        a11y_checked=a11y_checked,
    )
    return Outcome(result, issues, units, facts, home_hash, home_ok, a11y_note)


def _once_per_text(issues: list[checks.Issue], units: dict[str, int | None]) -> list[checks.Issue]:
    """A wording error or a leaked value shown on many pages (a title in every list) is one problem: kept on the
    page of a unit (the publication's own page) when there is one, else on the first page."""
    keep: dict[tuple[str, str], checks.Issue] = {}
    for issue in issues:
        key = (issue.check, issue.detail)
        held = keep.get(key)
        if held is None or (units.get(held.url) is None and units.get(issue.url) is not None):
            keep[key] = issue
    return list(keep.values())


def _availability(run: InspectionRun, home_ok: bool, today: date) -> list[bool]:
    week_ago = timezone.now() - timedelta(days=7)
    earlier = InspectionRun.objects.filter(
        site=run.site, state=InspectionRun.State.DONE, started_at__gte=week_ago, home_ok__isnull=False
    ).exclude(pk=run.pk)
    return [bool(ok) for ok in earlier.values_list("home_ok", flat=True)] + [home_ok]


def correction_deadline(kind: str, opened: date) -> date:
    """整改期限: the check's working days (``rules.CORRECTION_DAYS``) on the county calendar."""
    days = rules.CORRECTION_DAYS.get(kind, rules.DEFAULT_CORRECTION_DAYS)
    return get_calendar().add_working_days(opened, days).date


def run_inspection(
    run: InspectionRun, *, actor=None, options: Options | None = None, progress=None
) -> InspectionRun:
    """Execute a recorded run: crawl, check, score, store; open a ticket per new problem, close those no longer
    found. A failure is recorded on the run and raised again."""
    if not access.can_manage_inspection(actor):
        raise SitecheckError("网站巡检由政务公开办发起。", code="forbidden")
    try:
        outcome = inspect(run, options, progress)
    except Exception as exc:
        InspectionRun.objects.filter(pk=run.pk).update(
            state=InspectionRun.State.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    return _store(
        run, outcome, actor=actor, today=(options.today if options else None) or timezone.localdate()
    )


@transaction.atomic
def _store(run: InspectionRun, outcome: Outcome, *, actor, today: date) -> InspectionRun:
    run = InspectionRun.objects.select_for_update().get(pk=run.pk)
    result = outcome.result
    card = scoring.scorecard(outcome.issues, outcome.facts)
    page_rows = []
    for page in result.pages.values():
        page_rows.append(
            CrawledPage(
                run=run,
                url=page.url[:1000],
                status=page.fetched.status,
                content_type=page.fetched.content_type[:100],
                title=(page.parsed.title if page.parsed else "")[:300],
                depth=page.depth,
                is_attachment=page.attachment,
                external=page.external,
                unit_id=outcome.units.get(page.url),
                content_hash=page.hash if page.parsed else "",
                elapsed_ms=int(page.fetched.elapsed * 1000),
            )
        )
    CrawledPage.objects.bulk_create(page_rows, batch_size=2000)
    # Tickets: one per problem key; open ones not found again are closed by this re-check.
    open_tickets = {
        t.key: t for t in Ticket.objects.select_for_update().filter(site=run.site, state=Ticket.State.OPEN)
    }
    found_keys = set()
    findings = []
    opened = 0
    for issue in outcome.issues:
        key = issue.key
        unit_id = outcome.units.get(issue.url)
        ticket = open_tickets.get(key)
        if ticket is None and key not in found_keys:
            ticket = Ticket.objects.create(
                site=run.site,
                key=key,
                kind=issue.check,
                url=issue.url[:1000],
                message=issue.message[:500],
                evidence=issue.evidence,
                serious=issue.serious,
                unit_id=unit_id,
                deadline=correction_deadline(issue.check, today),
                opened_run=run,
                last_seen_run=run,
            )
            open_tickets[key] = ticket
            opened += 1
        elif ticket is not None:
            ticket.last_seen_run = run
        found_keys.add(key)
        findings.append(
            InspectionFinding(
                run=run,
                kind=issue.check,
                url=issue.url[:1000],
                message=issue.message[:500],
                evidence=issue.evidence,
                serious=issue.serious,
                key=key,
                unit_id=unit_id,
                ticket=ticket,
            )
        )
    InspectionFinding.objects.bulk_create(findings, batch_size=2000)
    Ticket.objects.filter(pk__in=[t.pk for k, t in open_tickets.items() if k in found_keys]).update(
        last_seen_run=run
    )
    closing = [t.pk for k, t in open_tickets.items() if k not in found_keys]
    now = timezone.now()
    Ticket.objects.filter(pk__in=closing).update(state=Ticket.State.CLOSED, closed_run=run, closed_at=now)
    run.state = InspectionRun.State.DONE
    run.finished_at = now
    run.pages = sum(1 for p in result.pages.values() if not p.attachment and not p.external)
    run.attachments = sum(1 for p in result.pages.values() if p.attachment and not p.external)
    run.truncated = result.truncated[:100]
    run.seconds = round(result.seconds, 2)
    run.home_hash = outcome.home_hash
    run.home_ok = outcome.home_ok
    run.a11y_checked = outcome.facts.a11y_checked
    run.a11y_note = outcome.a11y_note[:300]
    run.scorecard = card.as_dict()
    run.score = card.total
    run.passed = card.passed
    run.verdict = card.verdict[:100]
    run.finding_count = len(findings)
    run.save()
    audit.record(
        actor=actor,
        action="sitecheck.inspection_done",
        obj=run,
        after={
            "verdict": run.verdict,
            "score": run.score,
            "findings": run.finding_count,
            "tickets_opened": opened,
            "tickets_closed": len(closing),
        },
    )
    return run
