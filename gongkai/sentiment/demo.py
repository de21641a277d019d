"""Demo data of the sentiment ledger: 8 cases across sources, levels and states (just registered with time left, in
研判 and overdue, answered late, answered by 权威发布 within 5 hours and a press conference within 24, closed), with 12
commitments — kept and verified in a closed 核查 round, kept awaiting verification, kept but not yet public, due,
due soon, overdue (one found unkept in the round). The 权威发布 items and the published results are published
through publishing's services first (the 回应关切 portal column lists the former). Through the services; times are
relative to now. Deterministic and idempotent: a case found by its topic, an item by its title, the round by its
title are left alone. Events and names are made up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

ROUND_TITLE = "舆情回应承诺事项核查（演示）"
NODE = "art20-11"


@dataclass(frozen=True)
class Pledge:
    content: str
    owner: str  # unit key
    due: int  # days from today
    kept: int | None = None  # days from today, or None (open)
    result: str = ""  # title of the published result
    check: str = ""  # verified / not_verified in the round


@dataclass(frozen=True)
class Answer:
    kind: str
    hours: float  # after first seen
    summary: str
    where: str = ""
    release: str = ""  # title of the 权威发布 item


@dataclass(frozen=True)
class Spec:
    topic: str
    source: str
    level: str
    owner: str
    local: str
    hours_ago: float
    summary: str
    risk: str = ""
    links: str = ""
    answers: tuple[Answer, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    finish: bool = False
    close: str = ""
    assess: bool = False
    extra: dict = field(default_factory=dict)


DAY = 24
CASES: tuple[Spec, ...] = (
    Spec(
        "城关镇幸福小区自来水发黄引发网民关注",
        "network",
        "general",
        "cgz",
        "",
        40 * DAY,
        "本地论坛“示范县生活圈”发帖称幸福小区自来水发黄、有异味，跟帖200余条，部分网民质疑水质安全。",
        "涉及群众饮水安全，传播较快；需第一时间说明原因并公布检测结果。",
        "https://bbs.example.com/thread/20261001\nhttps://weibo.example.com/shifan/4921",
        (
            Answer(
                "release",
                20,
                "通报发黄原因为管网检修后管壁铁锈脱落，已冲洗管网，水质检测合格。",
                release="关于幸福小区自来水发黄问题的情况通报",
            ),
            Answer("online", 22, "在论坛原帖下回复处置进展和咨询电话。", "示范县生活圈论坛"),
        ),
        (
            Pledge(
                "三日内公布第三方水质检测结果",
                "cgz",
                -35,
                -36,
                "幸福小区自来水第三方水质检测结果公告",
                "verified",
            ),
            Pledge(
                "一个月内完成幸福小区老旧供水管道更换",
                "cgz",
                -30,
                -31,
                "幸福小区供水管道更换完工公告",
                "verified",
            ),
        ),
        finish=True,
        close="回应及时，检测结果和整改情况均已公开，网民反馈良好；今后管网检修前提前公告。",
    ),
    Spec(
        "县实验小学食堂食材变质网传视频",
        "network",
        "major",
        "jkt",
        "cgz",
        25 * DAY,
        "短视频平台流传县实验小学食堂使用变质食材的视频，播放量超过10万，家长群转发较多。",
        "涉及学生食品安全，属重大舆情；须5小时内发布权威信息，24小时内召开新闻发布会。",
        "https://video.example.com/v/88231",
        (
            Answer(
                "release",
                4,
                "联合调查组已进驻，涉事食材已封存送检，食堂暂停供餐改由配餐公司供应。",
                release="关于县实验小学食堂食材问题的情况通报",
            ),
            Answer("press", 20, "县政府新闻办召开新闻发布会，通报调查进展和处理措施。", "县政府新闻发布厅"),
        ),
        (
            Pledge(
                "公布食材检测结果和调查处理结论",
                "jkt",
                -22,
                -23,
                "县实验小学食堂食材检测结果及调查处理情况通报",
                "verified",
            ),
            Pledge("在全县中小学食堂推行“明厨亮灶”并公开验收情况", "jkt", -21, None, "", "not_verified"),
        ),
        finish=True,
    ),
    Spec(
        "媒体报道企业投资项目备案办理慢",
        "media",
        "general",
        "fgw",
        "",
        15 * DAY,
        "市级媒体报道我县企业投资项目备案“跑多次、等多日”，引发网民讨论营商环境。",
        "涉及营商环境评价，需说明法定时限和改进措施。",
        "https://news.example.com/2026/11/shifan-beian",
        (Answer("interview", 60, "接受市级媒体采访，说明备案时限和已采取的改进措施。", "示范日报"),),
        (
            Pledge("一周内梳理备案流程并公布办事指南", "fgw", -5),
            Pledge("开通项目备案“一网通办”", "fgw", 20),
        ),
    ),
    Spec(
        "东山镇养殖场异味扰民",
        "hotline",
        "larger",
        "dsz",
        "",
        12 * DAY,
        "12345热线一周内接到东山镇石桥村附近居民投诉20余件，反映养猪场异味扰民。",
        "投诉集中，存在群体上访风险；请生态环境部门协同监测。",
        "",
        (Answer("online", 30, "在12345平台逐件回复，告知监测安排和整改时限。", "12345政务服务便民热线"),),
        (
            Pledge("委托第三方开展异味监测", "dsz", -3, -4),
            Pledge("督促养殖场完成粪污处理设施改造", "dsz", 10),
        ),
    ),
    Spec(
        "群众信访反映宅基地审批进度慢",
        "petition",
        "general",
        "zrzy",
        "dsz",
        6 * DAY,
        "东山镇多名村民到县信访局反映宅基地审批超过半年无结果。",
        "",
        "",
        (Answer("online", 20, "在县政府网站留言板公开答复审批流程和办理进度查询方式。", "县政府网站"),),
        (
            Pledge("两个工作日内逐户告知审批进度", "zrzy", 2),
            Pledge("一个月内公开宅基地审批办理时限和流程", "zrzy", 30),
        ),
    ),
    Spec(
        "暴雨致城关镇城区多处内涝",
        "network",
        "especially_major",
        "cgz",
        "",
        9 * DAY,
        "特大暴雨致城区多处路段积水、部分小区地下车库进水，网民发布大量现场视频。",
        "特别重大突发事件：主要负责人带头发声，持续发布权威信息。",
        "https://weibo.example.com/shifan/5001",
        (
            Answer(
                "release",
                3,
                "发布雨情、险情和交通管制信息，公布求助电话和安置点。",
                release="关于城区内涝情况及应对措施的通报",
            ),
            Answer("press", 18, "县长出席新闻发布会，通报抢险救灾进展。", "县政府新闻发布厅"),
        ),
        (
            Pledge("公布受灾群众救助标准和发放情况", "cgz", -2, -3, "城关镇暴雨受灾群众救助发放情况公告"),
            Pledge("汛后完成城区排水管网排查并公开整改清单", "cgz", 5),
        ),
        finish=True,
    ),
    Spec(
        "上级转办：西河镇河道疑似非法采砂",
        "superior",
        "larger",
        "zrzy",
        "",
        3 * DAY,
        "市政府办公室转来网民反映西河镇河道夜间有人非法采砂的线索，要求核查回应。",
        "涉及河道安全，须会同水利部门核查；回应期限已过，请尽快回应。",
        "",
        assess=True,
    ),
    Spec(
        "网民质疑法律援助中心服务态度",
        "meeting",
        "general",
        "sfj",
        "",
        1,
        "县政府常务会议通报：网民发帖称到法律援助中心咨询被推诿，要求司法局核实回应。",
    ),
)


def _publish(pub_services, selectors, unit, editor, reviewer, title: str, at: datetime):
    """A published item with ``title`` (published at ``at``), created through publishing's services once."""
    found = selectors.public_publications().filter(title=title, unit=unit).first()
    if found is not None:
        return found
    from gongkai.publishing.models import CatalogNode

    pub = pub_services.create_draft(
        unit,
        actor=editor,
        title=title,
        body=f"<p>{title}。详细情况如下：……（演示内容）</p>",
        formed_date=timezone.localtime(at).date(),
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code=NODE, unit__isnull=True)],
    )
    pub_services.submit(pub, actor=editor)
    checks = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
    pub_services.decide_review(pub, actor=reviewer, checks=checks, verdict="approved")
    return pub_services.publish(pub, actor=reviewer, now=at)


def load(out) -> None:
    from gongkai.orgs.demo import DEMO_UNITS
    from gongkai.orgs.models import Unit, User
    from gongkai.publishing import selectors as pub_selectors
    from gongkai.publishing import services as pub_services

    from . import services
    from .models import Case, CheckRound

    keys = {spec.owner for spec in CASES} | {spec.local for spec in CASES if spec.local}
    names = {u.name: u.key for u in DEMO_UNITS}
    units = {names[u.name]: u for u in Unit.objects.filter(name__in=names) if names[u.name] in keys}
    wanted = ["office"] + [f"{k}_{r}" for k in keys for r in ("editor", "reviewer")]
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    if len(users) < len(wanted) or len(units) < len(keys):
        out.write("舆情回应：缺少演示单位或人员（请先加载 gongkai.orgs.demo），跳过。\n")
        return
    office = users["office"]
    pub_services.ensure_template()
    now = timezone.now().replace(second=0, microsecond=0)
    today = timezone.localdate()
    made = 0

    def publish(key: str, title: str, at: datetime):
        return _publish(
            pub_services,
            pub_selectors,
            units[key],
            users[f"{key}_editor"],
            users[f"{key}_reviewer"],
            title,
            at,
        )

    checks_wanted: dict[int, str] = {}
    for spec in CASES:
        if Case.objects.filter(topic=spec.topic).exists():
            continue
        seen = now - timedelta(hours=spec.hours_ago)
        editor = users[f"{spec.owner}_editor"]
        case = services.register_case(
            actor=office,
            topic=spec.topic,
            source=spec.source,
            first_seen_at=seen,
            summary=spec.summary,
            owner_unit=units[spec.owner],
            local_unit=units.get(spec.local) if spec.local else None,
            level=spec.level,
            links=spec.links,
        )
        made += 1
        if spec.risk:
            services.assess(case, actor=office, level=spec.level, risk_notes=spec.risk)
        for answer in spec.answers:
            at = seen + timedelta(hours=answer.hours)
            publication = publish(spec.owner, answer.release, at) if answer.release else None
            services.record_response(
                case,
                actor=editor,
                kind=answer.kind,
                unit=units[spec.owner],
                summary=answer.summary,
                responded_at=None if publication else at,
                where=answer.where,
                publication=publication,
            )
        for pledge in spec.pledges:
            item = services.add_commitment(
                case,
                actor=editor,
                content=pledge.content,
                owner_unit=units[pledge.owner],
                due_on=today + timedelta(days=pledge.due),
            )
            if pledge.kept is not None:
                kept_on: date = today + timedelta(days=pledge.kept)
                result = None
                if pledge.result:
                    at = timezone.make_aware(datetime.combine(kept_on, datetime.min.time())) + timedelta(
                        hours=16
                    )
                    result = publish(pledge.owner, pledge.result, at)
                services.fulfil(
                    item,
                    actor=users[f"{pledge.owner}_editor"],
                    evidence=f"{pledge.content}：已完成。" + ("结果已在政府网站公开。" if result else ""),
                    kept_on=kept_on,
                    result_publication=result,
                )
            if pledge.check:
                checks_wanted[item.pk] = pledge.check
        if spec.finish:
            services.finish_response(case, actor=editor, note="各项回应已完成。")
        if spec.assess and not spec.risk:
            services.assess(case, actor=office, level=spec.level, risk_notes="需会同相关部门核查，尽快回应。")
    if checks_wanted and not CheckRound.objects.filter(title=ROUND_TITLE).exists():
        round_ = services.start_round(actor=office, title=ROUND_TITLE, cutoff=today - timedelta(days=20))
        for check in round_.checks.all():
            result = checks_wanted.get(check.commitment_id, "not_verified")
            note = "" if result == "verified" else "逾期未兑现，已督促责任单位限期完成并公开。"
            services.mark(check, actor=office, result=result, note=note)
        services.close_round(round_, actor=office)
    for spec in CASES:
        if spec.close:
            case = Case.objects.get(topic=spec.topic)
            if case.state == "responded":
                services.close(case, actor=office, note=spec.close)
    out.write(f"舆情回应：新建舆情 {made} 件（共 {Case.objects.count()} 件）。\n")
