"""Demo data of 找错 reports: 10 reports in every state — waiting (one overdue), in hand (one overdue), answered
已修正 / 不予采纳 and waiting for the office's re-check, closed on time, closed more than a month after receipt,
closed 不予采纳, sent back by the re-check. The pages are real portal pages: the newest publications (from the
portal's 最新公开 feed, so routed to their publishing unit), units' 机构职能/指南/目录 pages, the home page (the office).
Through the services; deterministic and idempotent: a report found by its description is left alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Spec:
    page: str  # "pub:N" = the N-th newest publication, "jgzn:KEY" / "zhinan:KEY" / "list:KEY" a unit's page, or a path
    error_type: str
    description: str
    ago: int  # received this many days ago
    plan: str  # pending / handling / fixed / rejected / closed / closed_late / closed_rejected / returned
    contact: str = ""


SPECS = [
    Spec("pub:0", "typo", "正文第二段“按排”应为“安排”。", 0, "pending", "13800005001"),
    Spec("jgzn:fgw", "outdated", "机构职能页面的主要负责人信息仍是前任领导，请更新。", 9, "pending"),
    Spec("pub:1", "link", "文末附件链接点击后提示文件不存在。", 1, "handling", "reader@example.com"),
    Spec("list:zrzy", "outdated", "信息列表中2023年的征地公告仍标注“正在公示”，已过公示期。", 12, "handling"),
    Spec("pub:2", "wording", "正文落款的发布机构名称与页面“发布机构”栏不一致，请核对。", 5, "fixed"),
    Spec("zhinan:sfj", "other", "希望指南里增加法律援助的办理流程图。", 6, "rejected", "13800005006"),
    Spec("/", "unreachable", "首页“办事服务”入口打开后空白，手机和电脑都试过。", 40, "closed"),
    Spec("pub:3", "typo", "标题中“示范县”误写为“示范具”。", 62, "closed_late", "13800005008"),
    Spec("jgzn:jkt", "wording", "认为职能表述“统筹推进”不够具体，建议改写。", 30, "closed_rejected"),
    Spec("list:cgz", "link", "城关镇信息列表第2页翻页链接错误，跳回第1页。", 7, "returned"),
]


def _page(spec: Spec, units: dict, publications: list[str]) -> str | None:
    kind, _, key = spec.page.partition(":")
    if kind == "pub":
        index = int(key)
        return publications[index] if index < len(publications) else None
    unit = units.get(key)
    if kind in ("jgzn", "zhinan") and unit:
        return f"/xxgk/{kind}/{unit.pk}/"
    if kind == "list" and unit:
        return f"/xxgk/info/?unit={unit.pk}"
    return spec.page if spec.page.startswith("/") else None


def _handler(report):
    from gongkai.orgs.models import User
    from gongkai.roles import Role

    if report.unit_id is None:
        return User.objects.filter(username="office").first()
    return (
        User.objects.filter(memberships__unit_id=report.unit_id, memberships__role=Role.EDITOR)
        .order_by("pk")
        .first()
    )


def load(out) -> None:
    from gongkai.orgs.demo import DEMO_UNITS
    from gongkai.orgs.models import Unit, User
    from gongkai.portal import registry

    from . import services
    from .models import ErrorReport
    from .vocab import Outcome

    office = User.objects.filter(username="office").first()
    if office is None:
        out.write("网站找错：缺少演示人员（请先加载 gongkai.orgs.demo），跳过。\n")
        return
    names = {u.name: u.key for u in DEMO_UNITS}
    units = {names[u.name]: u for u in Unit.objects.filter(name__in=names)}
    publications = [link.url for link in registry.feed("home:latest", None, limit=8).items]
    today = timezone.localdate()
    made = 0
    for spec in SPECS:
        if ErrorReport.objects.filter(description=spec.description).exists():
            continue
        page = _page(spec, units, publications) or "/"
        received = today - timedelta(days=spec.ago)
        report = services.submit(
            page=page,
            error_type=spec.error_type,
            description=spec.description,
            contact=spec.contact,
            received_on=received,
        ).report
        made += 1
        if spec.plan == "pending":
            continue
        handler = _handler(report)
        report = services.take_up(report, actor=handler)
        if spec.plan == "handling":
            continue
        rejected = spec.plan in ("rejected", "closed_rejected")
        answered_on = {"closed_late": received + timedelta(days=20)}.get(
            spec.plan, received + timedelta(days=1)
        )
        report = services.answer(
            report,
            actor=handler,
            outcome=Outcome.REJECTED if rejected else Outcome.FIXED,
            text=(
                "经核实，原表述符合规范，不作修改，感谢您的关注。"
                if rejected
                else "已核实并修正页面内容，感谢您的纠错。"
            ),
            on=min(answered_on, today),
        )
        if spec.plan in ("fixed", "rejected"):
            continue
        if spec.plan == "returned":
            services.recheck(
                report, actor=office, accept=False, note="翻页链接仍然错误，请技术人员修复后再答复。"
            )
            continue
        closed_on = received + timedelta(days=45 if spec.plan == "closed_late" else 3)
        services.recheck(
            report, actor=office, accept=True, note="已复核，情况属实。", on=min(closed_on, today)
        )
    out.write(f"网站找错：新建找错报告 {made} 条（共 {ErrorReport.objects.count()} 条）。\n")
