"""Demo of site inspection (网站检查演示): structured 公开时限 for the whole template catalogue (so the due matrix has
overdue and empty cells), two disclosure events (one overdue), and 12 政务新媒体 accounts in every filing state, one
two weeks without an update, a 僵尸号 cleanup campaign listing it, and the reminders of the day. Through the services; deterministic and idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

UNITS = {
    "县发改委": "fgw",
    "县自然资源局": "zrzy",
    "县教科体局": "jkt",
    "县司法局": "sfj",
    "城关镇": "cgz",
    "东山镇": "dsz",
}

# (unit, platform, name, account id, final state, days since the last update or None)
ACCOUNTS = [
    ("县发改委", "wechat", "示范县发改", "gh_demo_fgw", "filed", 2),
    ("县发改委", "weibo", "示范县发改微博", "wb_demo_fgw", "suspended", 60),
    ("县自然资源局", "wechat", "示范县自然资源", "gh_demo_zrzy", "filed", 20),
    ("县自然资源局", "douyin", "示范县自然资源抖音", "dy_demo_zrzy", "applied", None),
    ("县教科体局", "wechat", "示范县教育", "gh_demo_jkt", "filed", 1),
    ("县教科体局", "channels", "示范县教育视频号", "sph_demo_jkt", "reviewing", None),
    ("县司法局", "wechat", "示范县普法", "gh_demo_sfj", "changing", 4),
    ("县司法局", "toutiao", "示范县司法头条", "tt_demo_sfj", "cancelled", 200),
    ("城关镇", "wechat", "城关发布", "gh_demo_cgz", "filed", 3),
    ("城关镇", "miniprogram", "城关办事小程序", "mp_demo_cgz", "applied", None),
    ("东山镇", "wechat", "东山镇发布", "gh_demo_dsz", "suspended", 45),
    ("东山镇", "app", "东山镇客户端", "app_demo_dsz", "reviewing", None),
]

# The path each final state is reached by (the office's steps and the unit's).
PATHS = {
    "applied": [],
    "reviewing": ["reviewing"],
    "filed": ["reviewing", "filed"],
    "changing": ["reviewing", "filed", "changing"],
    "suspended": ["reviewing", "filed", "suspended"],
    "cancelled": ["reviewing", "filed", "suspended", "cancelled"],
}
NOTES = {
    "changing": "账号更名，申请变更备案",
    "suspended": "长期未更新，僵尸号清理关停",
    "cancelled": "机构调整，注销账号",
}


def _user(username):
    from gongkai.orgs.models import User

    return User.objects.filter(username=username, is_active=True).first()


def _rules(services):
    from gongkai.publishing.models import CatalogNode

    from .vocab import DEFAULT_RULES

    nodes = list(CatalogNode.objects.filter(unit__isnull=True, is_active=True))
    parents = {n.parent_id for n in nodes if n.parent_id}
    for node in nodes:
        spec = dict(DEFAULT_RULES.get(node.code, {"kind": "dynamic", "basis": "动态更新"}))
        services.set_rule(node, actor=None, statutory=node.pk not in parents, **spec)
    return len(nodes)


def _events(units, services):
    from gongkai.publishing.models import CatalogNode

    from .models import DisclosureEvent

    node = CatalogNode.objects.filter(code="art20-01-01").first()
    if node is None or DisclosureEvent.objects.filter(node=node).exists():
        return
    today = timezone.localdate()
    for short, days in (("县发改委", 45), ("城关镇", 3)):
        services.record_event(
            units[short],
            node,
            actor=None,
            occurred_on=today - timedelta(days=days),
            note="印发规范性文件（演示）",
        )


def _accounts(units, services):
    from .models import NewMediaAccount

    today = timezone.localdate()
    created = 0
    for i, (short, platform, name, account_id, state, days) in enumerate(ACCOUNTS, start=1):
        if NewMediaAccount.objects.filter(platform=platform, account_id=account_id).exists():
            continue
        acc = services.apply_account(
            units[short], actor=None, platform=platform, name=name, account_id=account_id, operator="本单位"
        )
        if days is not None:
            acc = services.record_update(
                acc, actor=None, last_update=today - timedelta(days=days), interaction_ok=i % 4 != 0
            )
        for step in PATHS[state]:
            acc = services.move_account(
                acc, actor=None, to=step, filing_number=f"示范备〔2026〕{i:03d}号", note=NOTES.get(step, "")
            )
        created += 1
    return created


# The inspection's planted problems (网站巡检演示): a broken link, a misspelling, a leader's wrong post and an empty
# link (axe-core: link-name) on one page of 城关镇; a 政策解读 column of 县司法局 whose only item is 200 days old
# (no other demo files a 政策解读 of 县司法局; 东山镇's, planted first, also holds a newer 音频解读 of the policies demo).
PLANTED_TITLE = "城关镇冬季农田水利设施按装工作推进会召开"
STALE_TITLE = "图解：县司法局行政执法公示办法"
OLD_STALE_TITLE = "图解：东山镇农村集体资产管理办法"  # the plant of earlier demo databases (kept, not moved)
STALE_UNIT = "县司法局"
# The 法定主动公开内容 categories the other demos leave empty get one item each (by 县发改委, a month ago), so the
# demo portal's verdict follows from the planted problems rather than from a thin demo catalogue.
FILL_UNIT = "县发改委"


def _publish(unit, node, title, body, when):
    from gongkai.publishing import services as publishing

    code = UNITS[unit.short_name]
    editor, reviewer = _user(f"{code}_editor"), _user(f"{code}_reviewer")
    ok = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
    pub = publishing.create_draft(
        unit, actor=editor, title=title, body=body, formed_date=when.date(), topic="综合政务", nodes=[node]
    )
    publishing.submit(pub, actor=editor)
    publishing.decide_review(pub, actor=reviewer, checks=ok, verdict="approved")
    return publishing.publish(pub, actor=reviewer, now=when)


def _planted(units):
    from datetime import datetime, time

    from gongkai.publishing.models import CatalogNode, Publication

    news = CatalogNode.objects.filter(code="art20-11", unit__isnull=True).first()
    policy = CatalogNode.objects.filter(code="art20-01-02", unit__isnull=True).first()
    if news is None or policy is None:
        return []
    now = timezone.localtime()
    pub = Publication.objects.filter(title=PLANTED_TITLE).first()
    if pub is None:
        pub = _publish(
            units["城关镇"],
            news,
            PLANTED_TITLE,
            "<p>12月3日，城关镇召开冬季农田水利设施按装工作推进会，副县长周明远出席并讲话。</p>"
            '<p>会议材料见<a href="/xxgk/info/999999/">附件下载</a>。<a href="/xxgk/"></a></p>',
            now - timedelta(days=4),
        )
    stale = Publication.objects.filter(title=STALE_TITLE).first()
    if stale is None:
        when = timezone.make_aware(datetime.combine(now.date() - timedelta(days=200), time(9)))
        stale = _publish(
            units[STALE_UNIT], policy, STALE_TITLE, "<p>一图读懂行政执法公示的内容、时限和渠道……</p>", when
        )
    _fill([units[FILL_UNIT], units["城关镇"]], now)
    from django.urls import reverse

    return [
        reverse("info:detail", args=[pub.pk]),
        reverse("info:catalog_unit", args=[units[STALE_UNIT].pk]) + f"?node={policy.pk}",
    ]


def _fill(publishers, now):
    """One item in each 法定主动公开内容 category nobody has published under yet (its first leaf item)."""
    from gongkai.portal.columns import statutory_categories
    from gongkai.publishing.models import CatalogNode, Publication
    from gongkai.publishing.selectors import latest

    for categories in statutory_categories().values():
        for category in categories:
            if latest(1, node_code=category.code):
                continue
            nodes = CatalogNode.objects.filter(
                unit__isnull=True, is_active=True, code__startswith=category.code
            )
            node = next((n for n in nodes.order_by("code") if not nodes.filter(parent=n).exists()), None)
            unit = next((u for u in publishers if node is not None and node.applies_to_unit(u)), None)
            if node is None or unit is None:
                continue
            title = f"{unit.name}{node.name}情况公开（2026年）"
            if Publication.objects.filter(title=title).exists():
                continue
            _publish(
                unit,
                node,
                title,
                f"<p>现将本单位2026年{node.name}有关情况公开如下……</p>",
                now - timedelta(days=30),
            )


def _inspection(units, services, out):
    from .models import InspectionRun

    if InspectionRun.objects.filter(site=None, state=InspectionRun.State.DONE).exists():
        return
    paths = _planted(units)
    root = "https://portal.internal"
    bounds = {"max_pages": 70, "max_depth": 2, "a11y_pages": 3, "extra": [root + p for p in paths]}
    bounds["a11y_urls"] = bounds["extra"][:1]
    run = services.start_inspection(None, actor=None, enqueue=False, bounds=bounds)
    from gongkai.jobs import runner

    runner.execute("sitecheck.inspect", run_id=run.job_run_id)
    run.refresh_from_db()
    out.write(f"网站巡检：抓取{run.pages}个页面，发现问题{run.finding_count}处，结论：{run.verdict}。\n")


def _campaign(services) -> int:
    """A 僵尸号 cleanup campaign opened by the office (once): the live accounts silent two weeks or more, or with a
    failed interaction check, listed for their units' decisions."""
    from .models import ZombieCampaign

    title = "政务新媒体僵尸号清理（演示）"
    camp = ZombieCampaign.objects.filter(title=title).first()
    if camp is None:
        camp = services.open_campaign(
            actor=None, title=title, stale_days=14, deadline=timezone.localdate() + timedelta(days=15)
        )
    return camp.items.count()


def load(out):
    from gongkai.orgs.models import Unit

    from . import services

    units = {u.short_name: u for u in Unit.objects.filter(short_name__in=UNITS)}
    if len(units) < len(UNITS):
        out.write("网站与新媒体检查：未找到演示单位，跳过。\n")
        return
    n = _rules(services)
    _events(units, services)
    created = _accounts(units, services)
    _inspection(units, services, out)
    listed = _campaign(services)
    reminded = services.remind()
    out.write(
        f"网站与新媒体检查：{n}个公开事项已设公开时限，新建政务新媒体账号{created}个，"
        f"僵尸号清理行动列入账号{listed}个，写入提醒{reminded}条。\n"
    )
