"""The checks of a site inspection (网站巡检检查项), each a small function over the crawl's pages.

Each returns ``Issue`` objects; the scorecard (``scoring``) turns them into veto items, deductions and bonus. The
thresholds and lists are data (``rules``), each with its source. Framework-free.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core import textscan
from gongkai.core.textscan.model import HIGH, PERSONAL_KINDS, Term

from . import rules
from .crawl import Crawl, Page


@dataclass(frozen=True)
class Issue:
    """One problem found (巡检发现). ``url``: the page it is on (a broken link: the page carrying the link);
    ``key``: the same problem keeps its key across runs (a re-check that no longer finds it closes its ticket)."""

    check: str
    url: str
    message: str
    evidence: str = ""
    serious: bool = False  # counts toward a veto item (严重表述错误, 泄密, …)
    detail: str = ""  # what makes two issues of one check on one page different (the link target, the term)

    @property
    def key(self) -> str:
        raw = f"{self.check}|{self.url}|{self.detail}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------- links


def broken_links(result: Crawl) -> list[Issue]:
    """链接不可用: a link (internal, or external when those were fetched) answering 4xx/5xx or nothing."""
    out = []
    for page in result.pages.values():
        if page.ok:
            continue
        check = "broken_external" if page.external else "broken_link"
        status = f"HTTP {page.fetched.status}" if page.fetched.status else (page.fetched.error or "无响应")
        for ref in page.referrers or [page.url]:
            out.append(
                Issue(
                    check,
                    ref,
                    f"链接打不开（{status}）：{page.url}",
                    evidence=f"所在页面 {ref} 链接到 {page.url}，返回 {status}",
                    detail=page.url,
                )
            )
    return out


# ---------------------------------------------------------------- home page


def home_unchanged(
    history: Sequence[tuple[date, str]],
    home_dates: Sequence[date],
    today: date,
    *,
    days: int = rules.HOME_STALE_DAYS,
    url: str = "/",
) -> list[Issue]:
    """首页不更新: the home page's content hash the same for ``days`` days (history of (day, hash) from earlier runs
    plus today's), or the newest date the home page shows older than that."""
    out = []
    if history:
        current = history[-1][1]
        since = history[-1][0]
        for day, digest in reversed(history):
            if digest != current:
                break
            since = day
        if (today - since).days >= days:
            out.append(
                Issue(
                    "home_unchanged",
                    url,
                    f"首页内容自{since:%Y-%m-%d}起{(today - since).days}天未变化",
                    evidence=f"首页内容指纹 {current[:12]} 自 {since:%Y-%m-%d} 起各次巡检相同",
                    serious=True,
                    detail="hash",
                )
            )
            return out
    newest = max(home_dates) if home_dates else None
    if newest is None or (today - newest).days >= days:
        shown = f"最新日期{newest:%Y-%m-%d}" if newest else "未显示发布日期（视为未更新）"
        out.append(
            Issue(
                "home_unchanged",
                url,
                f"首页{days}天内无新内容（{shown}）",
                evidence=f"首页所列信息{shown}，监测日 {today:%Y-%m-%d}",
                serious=True,
                detail="dates",
            )
        )
    return out


# ---------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    """A column (栏目) as crawled: its name, kind (``rules.COLUMN_KINDS``) and the dates its list shows.
    ``top_level``: a column of the site's own navigation (一级栏目, the 19号 veto counts these); False for a unit's
    sub-column (a unit's view of a catalogue item), judged for staleness without the veto's weight."""

    url: str
    name: str
    kind: str
    dates: tuple[date, ...]
    top_level: bool = True


def stale_columns(
    columns: Iterable[Column], today: date, limits: dict[str, int] | None = None
) -> list[Issue]:
    """栏目不更新: the newest item of a column older than its kind's limit (news 14 days, notices and policy
    documents 6 months: ``rules.COLUMN_KINDS``; ``limits`` overrides days per kind). Empty columns are not stale
    here (``empty_columns`` reports them)."""
    out = []
    for col in columns:
        spec = rules.COLUMN_KINDS.get(col.kind)
        if spec is None or not col.dates:
            continue
        limit = (limits or {}).get(col.kind, spec.days)
        newest = max(col.dates)
        age = (today - newest).days
        if age > limit:
            out.append(
                Issue(
                    "stale_column",
                    col.url,
                    f"栏目“{col.name}”{age}天未更新（{spec.label}不超过{limit}天）",
                    evidence=f"最新一条发布于 {newest:%Y-%m-%d}；依据：{spec.source}",
                    serious=col.kind in rules.VETO_COLUMN_KINDS and col.top_level,
                    detail=col.kind,
                )
            )
    return out


def empty_columns(columns: Iterable[Column]) -> list[Issue]:
    """空白栏目 (单项否决4③): a column of the site's navigation listing nothing. A unit's empty sub-columns are not
    counted here (``empty_unit_items`` reports them once per unit)."""
    return [
        Issue(
            "empty_column",
            col.url,
            f"栏目“{col.name}”为空白栏目",
            evidence="栏目页未列出任何信息",
            serious=True,
        )
        for col in columns
        if not col.dates and col.top_level
    ]


def empty_unit_items(url: str, unit: str, items: Sequence[str]) -> list[Issue]:
    """法定主动公开事项无内容: the catalogue items a unit must publish under (its due matrix's empty cells) that
    list nothing on its catalogue page — one finding per unit, not one per item (本地口径: 19号 counts the site's
    columns; a unit's view of the county template is a gap of that unit's disclosure, 条例第十九条至第二十一条)."""
    if not items:
        return []
    shown = "、".join(items[:8]) + (f"等{len(items)}项" if len(items) > 8 else "")
    return [
        Issue(
            "empty_catalogue",
            url,
            f"{unit}有{len(items)}个法定主动公开事项无内容：{shown}",
            evidence="本单位公开目录中下列应公开事项未列出任何信息：" + "、".join(items),
            detail=unit,
        )
    ]


# ---------------------------------------------------------------- wording


@dataclass(frozen=True)
class Leader:
    """A leader's name and the posts they hold (领导姓名、职务), from the unit records."""

    name: str
    posts: tuple[str, ...]


def wording_errors(page: Page, terms: Sequence[Term]) -> list[Issue]:
    """表述错误: terms of the wording list (publishing's 不规范表述, the scanner's defaults and ``rules.MISSPELLINGS``)
    in the page text; high-severity ones are 严重表述错误."""
    if page.parsed is None:
        return []
    out = []
    text = page.parsed.title + "\n" + page.parsed.text
    seen = set()
    for f in textscan.scan_text(text, terms=terms):
        if f.kind != "term" or f.text in seen:
            continue
        seen.add(f.text)
        out.append(
            Issue(
                "wording",
                page.url,
                f"表述错误：“{f.text}”应为“{f.replacement or '（见说明）'}”",
                evidence=f"{f.note}；上下文：{_short(text[max(0, f.start - 20) : f.end + 20], 60)}",
                serious=f.severity == HIGH,
                detail=f.text,
            )
        )
    return out


_POST = re.compile(
    r"(县委副书记|县委书记|常务副县长|副县长|县长|县人大常委会主任|县政协主席|副主任|主任|副局长|局长|镇长|副镇长|党委书记|书记)"
)


def leader_titles(page: Page, leaders: Sequence[Leader]) -> list[Issue]:
    """领导姓名职务错误: a leader's name written right after a post they do not hold (副县长张三 for 县长张三) — a
    serious wording error."""
    if page.parsed is None or not leaders:
        return []
    text = page.parsed.text
    out = []
    for leader in leaders:
        if len(leader.name) < 2:
            continue
        for m in re.finditer(re.escape(leader.name), text):
            head = text[max(0, m.start() - 8) : m.start()]
            posts = _POST.findall(head)
            if not posts:
                continue
            written = posts[-1]
            if not head.endswith(written):
                continue
            # 常务副县长 may be written 副县长; 副县长 written 县长 is an error.
            if any(
                written == p or (p.endswith(written) and not p.endswith("副" + written)) for p in leader.posts
            ):
                continue
            out.append(
                Issue(
                    "leader_title",
                    page.url,
                    f"领导职务错误：“{written}{leader.name}”，{leader.name}的职务是{'、'.join(leader.posts)}",
                    evidence=_short(text[max(0, m.start() - 20) : m.end() + 20], 60),
                    serious=True,
                    detail=f"{written}{leader.name}",
                )
            )
            break
    return out


# ---------------------------------------------------------------- personal data, secrecy


def _reportable(f: textscan.Finding) -> bool:
    if f.kind == "secrecy_marking":
        return any(word in f.text for word in rules.SECRECY_WORDS)
    return f.kind in rules.SITE_PERSONAL_KINDS


def sensitive_text(url: str, text: str, *, where: str = "页面") -> list[Issue]:
    """个人信息、密级标识 in a page's text or an attachment's text (the platform's scanner, ``core.textscan``)."""
    out = []
    seen = set()
    for f in textscan.scan_text(text):
        if not _reportable(f):
            continue
        label = textscan.KIND_LABELS.get(f.kind, f.kind)
        key = (f.kind, f.text)
        if key in seen:
            continue
        seen.add(key)
        secret = f.kind == "secrecy_marking"
        masked = f.mask or f.text if f.kind in PERSONAL_KINDS else f.text
        out.append(
            Issue(
                "secrecy" if secret else "personal_data",
                url,
                f"{where}含{'密级或内部标识' if secret else '未脱敏的' + label}：{masked}",
                evidence=f"{where}{f.where.label()}" if f.where.label() else where,
                serious=secret,
                detail=f"{f.kind}:{f.text}",
            )
        )
    return out


def sensitive_file(url: str, data: bytes, filename: str) -> list[Issue]:
    """The same scan over an attachment (.docx, .xlsx, .pdf, .txt …, through ``textscan.scan_file``)."""
    try:
        found = textscan.scan_file(data, filename)
    except Exception as exc:  # noqa: BLE001 - an unreadable attachment is reported, never fatal to the crawl
        return [
            Issue(
                "attachment_unreadable",
                url,
                f"附件无法读取：{_short(str(exc), 60)}",
                evidence=filename,
                detail="read",
            )
        ]
    out = []
    seen = set()
    for f in found:
        if not _reportable(f) or (f.kind, f.text) in seen:
            continue
        seen.add((f.kind, f.text))
        secret = f.kind == "secrecy_marking"
        label = textscan.KIND_LABELS.get(f.kind, f.kind)
        out.append(
            Issue(
                "secrecy" if secret else "personal_data",
                url,
                f"附件含{'密级或内部标识' if secret else '未脱敏的' + label}：{f.text if secret else f.mask or label}",
                evidence=f"附件《{filename}》{f.where.label()}",
                serious=secret,
                detail=f"{f.kind}:{f.text}",
            )
        )
    return out


# ---------------------------------------------------------------- interpretation ↔ document


def interpretation_links(pairs: Iterable[tuple[str, str]], result: Crawl) -> list[Issue]:
    """解读关联: each (document page, interpretation page) pair must link both ways. Pairs whose pages were not
    both crawled are skipped (the crawl's bounds)."""
    out = []
    for doc_url, interp_url in pairs:
        doc, interp = result.pages.get(doc_url), result.pages.get(interp_url)
        if doc is None or interp is None or doc.parsed is None or interp.parsed is None:
            continue
        doc_links = _targets(doc)
        interp_links = _targets(interp)
        if interp_url not in doc_links:
            out.append(
                Issue(
                    "interpretation_link",
                    doc_url,
                    "政策文件页未链接到其解读",
                    evidence=f"文件 {doc_url} 缺少指向解读 {interp_url} 的链接",
                    detail=interp_url,
                )
            )
        if doc_url not in interp_links:
            out.append(
                Issue(
                    "interpretation_link",
                    interp_url,
                    "解读页未链接到所解读的政策文件",
                    evidence=f"解读 {interp_url} 缺少指向文件 {doc_url} 的链接",
                    detail=doc_url,
                )
            )
    return out


def _targets(page: Page) -> set[str]:
    from .crawl import resolve

    assert page.parsed is not None
    return {t for t in (resolve(page.url, h) for h in page.parsed.links) if t}


# ---------------------------------------------------------------- 信息公开 column


def xxgk_parts(result: Crawl, base: str, today: date) -> list[Issue]:
    """The 政府信息公开 column's four parts (指南 / 制度 / 法定主动公开内容 / 年报: ``rules.XXGK_PARTS``) reachable,
    not empty and current (the 年报 of last year after its deadline; the others updated within their limit)."""
    from .crawl import normalize

    out = []
    for part in rules.XXGK_PARTS:
        url = normalize(base.rstrip("/") + part.path)
        page = result.pages.get(url)
        if page is None or not page.ok or page.parsed is None:
            out.append(
                Issue(
                    "xxgk_part",
                    url,
                    f"信息公开专栏缺少“{part.name}”",
                    evidence=f"{part.path} 未能从首页到达或打不开；依据：{part.source}",
                    detail=part.key,
                )
            )
            continue
        text = page.parsed.main_text
        if not page.parsed.dates and ("暂无内容" in text or len(text) < 20):
            out.append(
                Issue(
                    "xxgk_part",
                    url,
                    f"信息公开专栏“{part.name}”无内容",
                    evidence=f"页面未列出任何内容；依据：{part.source}",
                    detail=part.key,
                )
            )
            continue
        if part.key == "nianbao":
            year = today.year - 1 if (today.month, today.day) > rules.ANNUAL_REPORT_DUE else today.year - 2
            if f"{year}年" not in text and f"{year}年度" not in text:
                out.append(
                    Issue(
                        "xxgk_part",
                        url,
                        f"未公开{year}年度政府信息公开工作年度报告",
                        evidence=f"年报栏目未见“{year}年”；依据：{part.source}",
                        detail=part.key,
                    )
                )
        elif part.max_age_days and page.parsed.dates:
            newest = max(page.parsed.dates)
            if (today - newest).days > part.max_age_days:
                out.append(
                    Issue(
                        "xxgk_part",
                        url,
                        f"信息公开专栏“{part.name}”超过{part.max_age_days}天未更新",
                        evidence=f"最新日期 {newest:%Y-%m-%d}；依据：{part.source}",
                        detail=part.key,
                    )
                )
    return out


# ---------------------------------------------------------------- accessibility


@dataclass(frozen=True)
class AxeViolation:
    """One axe-core rule violated on a page (rule id, impact, help text, how many elements)."""

    rule: str
    impact: str
    help: str
    nodes: int
    target: str = ""


def accessibility(url: str, mode: str, violations: Iterable[AxeViolation]) -> list[Issue]:
    """无障碍: each axe-core WCAG 2.1 AA violation on a sampled page, in normal or elderly mode (适老化模式)."""
    label = "适老化模式" if mode == "elderly" else "常规模式"
    return [
        Issue(
            "accessibility",
            url,
            f"无障碍问题（{label}）：{v.help}",
            evidence=f"axe-core 规则 {v.rule}，影响 {v.impact or '—'}，{v.nodes}处；如 {_short(v.target, 80)}",
            detail=f"{mode}:{v.rule}",
        )
        for v in violations
    ]


def since(today: date, days: int) -> date:
    return today - timedelta(days=days)
