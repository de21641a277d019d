"""The inspection's framework-free parts: each check on planted pages (and a clean page giving none), the crawl's
bounds, and a scorecard computed by hand."""

from datetime import date

import pytest

from gongkai.core.sitecheck import checks, crawl, rules, scoring
from gongkai.core.sitecheck.chart import Point, trend_svg
from gongkai.core.textscan import DEFAULT_TERMS

TODAY = date(2026, 12, 7)
ROOT = "https://site.test/"


def html(body: str, title: str = "页面") -> bytes:
    return f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>".encode()


def site(pages: dict[str, bytes | tuple[int, str, bytes]]):
    """A planted site: path → HTML (200) or (status, content type, body)."""

    def fetch(url: str) -> crawl.Fetched:
        path = url.replace(ROOT.rstrip("/"), "", 1) or "/"
        got = pages.get(path)
        if got is None:
            return crawl.Fetched(404, "text/html", b"not found")
        if isinstance(got, tuple):
            return crawl.Fetched(*got)
        return crawl.Fetched(200, "text/html; charset=utf-8", got)

    return fetch


CLEAN = {
    "/": html('<a href="/a/">甲</a> <a href="/b/">乙</a> <time datetime="2026-12-06">2026-12-06</time>'),
    "/a/": html('<p>县政府召开常务会议。</p><a href="/">首页</a>'),
    "/b/": html('<p>关于开展安全生产检查的通知</p><a href="/files/x.txt">附件</a>'),
    "/files/x.txt": (200, "text/plain", "附件正文，无个人信息。".encode()),
}


def test_crawl_reaches_pages_and_attachments_once():
    result = crawl.crawl(ROOT, site(CLEAN))
    assert set(result.pages) == {ROOT, ROOT + "a/", ROOT + "b/", ROOT + "files/x.txt"}
    assert result.pages[ROOT + "files/x.txt"].attachment
    assert ROOT in result.pages[ROOT + "a/"].referrers
    assert not result.truncated


def test_crawl_bounds_pages_and_depth():
    chain = {"/": html('<a href="/1/">1</a>')}
    for i in range(1, 30):
        chain[f"/{i}/"] = html(f'<a href="/{i + 1}/">next</a>')
    result = crawl.crawl(ROOT, site(chain), limits=crawl.Limits(max_pages=5))
    assert len(result.pages) == 5 and "页面上限" in result.truncated
    result = crawl.crawl(ROOT, site(chain), limits=crawl.Limits(max_depth=3))
    assert max(p.depth for p in result.pages.values()) == 3


def test_crawl_time_bound():
    ticks = iter(range(0, 1000, 10))
    chain = {"/": html('<a href="/1/">1</a>'), "/1/": html('<a href="/2/">2</a>'), "/2/": html("end")}
    result = crawl.crawl(ROOT, site(chain), limits=crawl.Limits(max_seconds=15), clock=lambda: next(ticks))
    assert "时间上限" in result.truncated and len(result.pages) < 3


def test_clean_site_has_no_issues():
    result = crawl.crawl(ROOT, site(CLEAN))
    issues = checks.broken_links(result)
    for page in result.pages.values():
        issues += checks.wording_errors(page, DEFAULT_TERMS + rules.MISSPELLINGS)
        issues += checks.leader_titles(page, [checks.Leader("张三", ("县长",))])
        if page.parsed:
            issues += checks.sensitive_text(page.url, page.parsed.text)
    home = result.pages[ROOT]
    issues += checks.home_unchanged([(TODAY, home.hash)], home.parsed.dates, TODAY, url=ROOT)
    assert issues == []


def test_broken_link_is_reported_on_the_linking_page():
    pages = dict(CLEAN)
    pages["/a/"] = html(
        '<a href="/gone/">旧文件</a> <a href="mailto:x@y.cn">信箱</a> <a href="#top">顶部</a>'
    )
    issues = checks.broken_links(crawl.crawl(ROOT, site(pages)))
    assert [(i.check, i.url, i.detail) for i in issues] == [("broken_link", ROOT + "a/", ROOT + "gone/")]
    assert "HTTP 404" in issues[0].message


def test_external_links_only_when_enabled():
    pages = dict(CLEAN)
    pages["/a/"] = html('<a href="https://elsewhere.test/x">外站</a>')
    down = lambda url: crawl.Fetched(0, error="无法连接")  # noqa: E731
    off = crawl.crawl(ROOT, site(pages), fetch_external=down)
    assert checks.broken_links(off) == []
    on = crawl.crawl(ROOT, site(pages), fetch_external=down, limits=crawl.Limits(check_external=True))
    assert [i.check for i in checks.broken_links(on)] == ["broken_external"]


def test_home_unchanged_by_hash_history_and_by_dates():
    history = [
        (date(2026, 11, 20), "h1"),
        (date(2026, 11, 24), "h2"),
        (date(2026, 12, 1), "h2"),
        (TODAY, "h2"),
    ]
    assert checks.home_unchanged(history, [TODAY], TODAY) == []  # the same since 11-24: 13 days
    history[1] = (date(2026, 11, 23), "h2")
    found = checks.home_unchanged(history, [TODAY], TODAY)
    assert found and found[0].serious and "14天" in found[0].message
    # No history long enough, but the newest date shown is 20 days old.
    found = checks.home_unchanged([(TODAY, "h")], [date(2026, 11, 17)], TODAY)
    assert found and "2026-11-17" in found[0].message
    assert checks.home_unchanged([(TODAY, "h")], [], TODAY)  # no date shown: 视为不更新


def test_stale_and_empty_columns():
    cols = [
        checks.Column("u1", "工作动态", "news", (date(2026, 11, 22),)),  # 15 days: stale
        checks.Column("u2", "工作动态2", "news", (date(2026, 11, 23),)),  # 14 days: fresh
        checks.Column("u3", "通知公告", "notice", (date(2026, 6, 6),)),  # 184 days: stale
        checks.Column("u4", "政策文件", "policy", (date(2026, 6, 8),)),  # 182 days: fresh
        checks.Column("u5", "空栏目", "notice", ()),
    ]
    stale = checks.stale_columns(cols, TODAY)
    assert [i.url for i in stale] == ["u1", "u3"] and all(i.serious for i in stale)
    assert [i.url for i in checks.stale_columns(cols, TODAY, {"news": 30})] == ["u3"]
    assert [i.url for i in checks.empty_columns(cols)] == ["u5"]


def test_wording_errors_from_all_lists():
    page = crawl.Page(ROOT + "n/", 1, crawl.Fetched(200, "text/html"))
    page.parsed = crawl.parse_html("<main><p>国务院办公室印发通知，截止目前再接再励，按装设备。</p></main>")
    found = checks.wording_errors(page, DEFAULT_TERMS + rules.MISSPELLINGS)
    words = {i.detail: i.serious for i in found}
    assert words == {"国务院办公室": True, "截止目前": False, "再接再励": False, "按装": False}


def test_leader_title_mismatch():
    page = crawl.Page(ROOT + "n/", 1, crawl.Fetched(200, "text/html"))
    page.parsed = crawl.parse_html("<main><p>副县长张三出席会议，县长李四讲话，张三同志强调。</p></main>")
    leaders = [checks.Leader("张三", ("县长",)), checks.Leader("李四", ("副县长",))]
    found = checks.leader_titles(page, leaders)
    assert sorted(i.detail for i in found) == ["副县长张三", "县长李四"]
    assert (
        checks.leader_titles(page, [checks.Leader("张三", ("副县长",)), checks.Leader("李四", ("县长",))])
        == []
    )


def test_personal_data_and_secrecy_in_pages_and_attachments():
    found = checks.sensitive_text(
        ROOT, "联系人：王五，身份证号11010119900307651X，手机13812345678。\n机密★1年"
    )
    kinds = sorted(i.check for i in found)
    assert kinds.count("personal_data") >= 2 and "secrecy" in kinds
    assert any(i.serious for i in found if i.check == "secrecy")
    assert not any("11010119900307651X" in i.message for i in found)  # the value is shown masked
    data = "姓名,身份证号\n王五,11010119900307651X\n".encode()
    found = checks.sensitive_file(ROOT + "f.csv", data, "f.csv")
    assert [i.check for i in found] == ["personal_data"]
    assert checks.sensitive_text(ROOT, "县政府召开常务会议，研究部署冬季安全生产工作。") == []


def test_interpretation_two_way_links():
    pages = {
        "/": html(
            '<a href="/doc/1/">文件</a> <a href="/jd/1/">解读</a> <a href="/doc/2/">文件2</a> <a href="/jd/2/">解读2</a>'
        ),
        "/doc/1/": html('<a href="/jd/1/">解读</a>'),
        "/jd/1/": html('<a href="/doc/1/">原文</a>'),
        "/doc/2/": html("无链接"),
        "/jd/2/": html('<a href="/doc/2/">原文</a>'),
    }
    result = crawl.crawl(ROOT, site(pages))
    pairs = [
        (ROOT + "doc/1/", ROOT + "jd/1/"),
        (ROOT + "doc/2/", ROOT + "jd/2/"),
        (ROOT + "doc/9/", ROOT + "jd/9/"),
    ]
    found = checks.interpretation_links(pairs, result)
    assert [(i.url, i.detail) for i in found] == [(ROOT + "doc/2/", ROOT + "jd/2/")]


def test_xxgk_parts_present_and_current():
    year = TODAY.year - 1
    good = {
        "/": html("首页"),
        "/xxgk/zhinan/": html("政府信息公开指南：分类、编排体系、获取方式、机构名称、办公地址。"),
        "/xxgk/zhidu/": html("政府信息公开制度：主动公开、依申请公开、保密审查制度。"),
        "/xxgk/fdzdgk/": html('法定主动公开内容目录与最新信息 <time datetime="2026-11-30">2026-11-30</time>'),
        "/xxgk/nianbao/": html(f"示范县人民政府{year}年政府信息公开工作年度报告"),
    }
    extra = [ROOT + p.path.lstrip("/") for p in rules.XXGK_PARTS]
    assert checks.xxgk_parts(crawl.crawl(ROOT, site(good), extra=extra), ROOT, TODAY) == []
    bad = dict(good)
    del bad["/xxgk/zhidu/"]
    bad["/xxgk/nianbao/"] = html(f"示范县人民政府{year - 1}年政府信息公开工作年度报告")
    bad["/xxgk/fdzdgk/"] = html('法定主动公开内容目录 <time datetime="2026-01-05">2026-01-05</time>')
    found = checks.xxgk_parts(crawl.crawl(ROOT, site(bad), extra=extra), ROOT, TODAY)
    assert sorted(i.detail for i in found) == ["fdzdgk", "nianbao", "zhidu"]


def test_accessibility_issues_per_mode():
    v = checks.AxeViolation("image-alt", "critical", "Images must have alternate text", 2, "img.logo")
    found = checks.accessibility(ROOT, "elderly", [v])
    assert found[0].detail == "elderly:image-alt" and "适老化模式" in found[0].message


def issue(check, serious=False, n=0):
    return checks.Issue(check, f"{ROOT}{check}/{n}", "问题", serious=serious, detail=str(n))


def test_scorecard_by_hand():
    """3 broken links (1 each: 3), 12 wording (1 each, cap 5: 5), 2 xxgk parts (3 each: 6), 4 accessibility (1
    each: 4) → 发布解读 11, 功能设计 7 → 100 − 18 = 82 > 80 → 加分: elderly 10 + error report 10 (a11y not clean)
    = 20 → total 102, 合格."""
    issues = (
        [issue("broken_link", n=i) for i in range(3)]
        + [issue("wording", n=i) for i in range(12)]
        + [issue("xxgk_part", n=i) for i in range(2)]
        + [issue("accessibility", n=i) for i in range(4)]
    )
    facts = scoring.Facts(
        availability=[True] * 7, elderly_mode=True, error_report_channel=True, a11y_checked=True
    )
    card = scoring.scorecard(issues, facts)
    assert card.category_totals == {"发布解读": 11, "办事服务": 0, "互动交流": 0, "功能设计": 7}
    assert (card.deduction_score, card.bonus_score, card.total, card.passed) == (82, 20, 102, True)
    assert card.verdict == "合格"


def test_scorecard_category_cap_and_no_bonus_at_80_or_below():
    issues = [issue("personal_data", n=i) for i in range(10)] + [issue("empty_column", n=i) for i in range(4)]
    issues += [issue("stale_column", n=i) for i in range(4)] + [
        issue("interpretation_link", n=i) for i in range(3)
    ]
    # 10 + 8 + 8 + 6 = 32 → category cap 31 → 69; not above 80: no bonus; ≥ 60: 合格.
    card = scoring.scorecard(issues, scoring.Facts(elderly_mode=True, error_report_channel=True))
    assert card.category_totals["发布解读"] == 31
    assert (card.deduction_score, card.bonus_score, card.total, card.verdict) == (69, 0, 69, "合格")


def test_scorecard_below_60_fails():
    issues = [issue("personal_data", n=i) for i in range(20)] + [issue("broken_link", n=i) for i in range(20)]
    issues += [issue("accessibility", n=i) for i in range(20)] + [issue("xxgk_part", n=i) for i in range(4)]
    issues += [issue("stale_column", n=i) for i in range(5)] + [issue("wording", n=i) for i in range(5)]
    # 发布解读 10 + 12 + 10 + 5 = 37 → capped 31; 功能设计 10 + 6 = 16 → 100 − 47 = 53.
    card = scoring.scorecard(issues)
    assert (card.deduction_score, card.passed) == (53, False) and "低于60分" in card.verdict


@pytest.mark.parametrize(
    ("issues", "facts", "veto"),
    [
        ([issue("wording", serious=True)], scoring.Facts(), "security"),
        ([issue("secrecy", serious=True)], scoring.Facts(), "security"),
        ([issue("home_unchanged", serious=True)], scoring.Facts(), "home_unchanged"),
        ([issue("stale_column", serious=True, n=i) for i in range(5)], scoring.Facts(), "columns"),
        ([issue("empty_column", serious=True, n=i) for i in range(5)], scoring.Facts(), "columns"),
        ([], scoring.Facts(availability=[True] * 19 + [False]), "unreachable"),  # 1/20 = 5%
    ],
)
def test_each_veto_fails_the_site(issues, facts, veto):
    card = scoring.scorecard(issues, facts)
    assert [v.key for v in card.vetoes if v.failed] == [veto]
    assert not card.passed and card.total == 0 and card.verdict.startswith("不合格（单项否决")


def test_below_veto_thresholds_passes():
    issues = [issue("stale_column", serious=True, n=i) for i in range(4)]
    issues += [issue("empty_column", serious=True, n=i) for i in range(4)]
    card = scoring.scorecard(issues, scoring.Facts(availability=[True] * 20 + [False]))  # 1/21 < 5%
    assert not any(v.failed for v in card.vetoes) and card.passed


def test_trend_chart_is_escaped_svg_without_script_or_style():
    svg = trend_svg([Point("<b>", 90, 3, True), Point("12-07", 40, 9, False)])
    assert svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
    assert "<script" not in svg and "style=" not in svg
    assert "暂无巡检记录" in trend_svg([])


def test_unit_sub_columns_weigh_less_than_the_sites_columns():
    old = (date(2026, 5, 1),)
    site = checks.Column("u1", "政策文件", "policy", old)
    unit = checks.Column("u2", "某局·政策解读", "policy", old, top_level=False)
    stale = {i.url: i.serious for i in checks.stale_columns([site, unit], TODAY)}
    assert stale == {"u1": True, "u2": False}  # 4①: 一级栏目 only; a unit's sub-column counts toward 4② alone
    empty_unit = checks.Column("u3", "某局·财政预算", "other", (), top_level=False)
    assert checks.empty_columns([empty_unit]) == []


def test_empty_unit_items_are_one_finding_per_unit():
    assert checks.empty_unit_items("u", "某局", []) == []
    items = [f"事项{i}" for i in range(10)]
    (issue,) = checks.empty_unit_items("u", "某局", items)
    assert issue.check == "empty_catalogue" and not issue.serious
    assert "10个" in issue.message and "等10项" in issue.message and "事项9" in issue.evidence
    card = scoring.scorecard([issue] * 7)
    line = next(d for d in card.deductions if d.check == "empty_catalogue")
    assert line.points == rules.DEDUCTIONS["empty_catalogue"].cap
    assert not next(v for v in card.vetoes if v.key == "columns").failed


def test_page_blocks_under_anchored_headings():
    parsed = crawl.parse_html(
        "<html><body><h2 id='nav'>导航</h2><main><h2 id='art20'>第二十条</h2>"
        "<h3 id='art20-01'><span>（一）</span>规范性文件</h3><ul><li><a href='/a/'>甲</a>"
        "<time datetime='2026-11-02'>2026-11-02</time></li></ul>"
        "<h3 id='art20-02'>机构职能</h3><p class='empty'>暂无内容</p></main></body></html>"
    )
    blocks = {b.anchor: b for b in parsed.blocks}
    assert set(blocks) == {"art20", "art20-01", "art20-02"}  # headings outside <main> are not blocks
    assert blocks["art20-01"].heading == "（一）规范性文件"
    assert blocks["art20-01"].dates == [date(2026, 11, 2)] and blocks["art20-01"].links == 1
    assert blocks["art20-02"].dates == [] and blocks["art20-02"].links == 0
