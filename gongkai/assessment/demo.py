"""Demo of the assessment (考核演示): the 2026 scheme (weight 5%, 加分上限5分) with ~20 indicators, most scored
automatically from the figures the other apps offer (an indicator whose source is not installed is left out),
confirmed manual points, a bonus, a deduction and a veto, and Q1–Q3 closed with frozen scores computed from the
demo records; Q4 computed and open. Through the services; deterministic and idempotent."""

from __future__ import annotations

from gongkai.common import figures

YEAR = 2026

# (group, name, kind, points, source, method, rule fields)
INDICATORS = [
    (
        "active",
        "主动公开信息发布数量",
        "auto",
        8,
        "publishing.published",
        "threshold",
        {"target": 20, "partial": True},
    ),
    ("active", "公开时限达标（条例第二十六条）", "auto", 6, "publishing.timeliness", "ratio", {}),
    (
        "active",
        "目录空栏目、长期未更新栏目",
        "auto",
        4,
        "sitecheck.stale_items",
        "per_item",
        {"per_item": 0.5},
    ),
    ("active", "失泄密或违规公开个人信息", "veto", 0, "", "", {}),
    ("interpretation", "政策解读率", "auto", 6, "policies.interpretations", "ratio", {}),
    ("interpretation", "解读三同步率", "auto", 4, "policies.sync_rate", "ratio", {}),
    (
        "interpretation",
        "多元化解读比例",
        "auto",
        2,
        "policies.diverse_rate",
        "threshold",
        {"target": 30, "partial": True},
    ),
    ("interpretation", "留言按期答复率", "auto", 6, "messages.on_time_rate", "ratio", {}),
    (
        "interpretation",
        "留言答复满意率",
        "auto",
        4,
        "messages.satisfaction",
        "threshold",
        {"target": 90, "partial": True},
    ),
    ("application", "依申请公开按期答复率", "auto", 8, "foi.on_time_rate", "ratio", {}),
    ("application", "复议诉讼被纠错", "auto", 6, "foi.corrected", "per_item", {"per_item": 2}),
    ("platform", "政府网站信息公开专栏规范", "manual", 6, "", "", {}),
    ("platform", "政务新媒体规范管理", "manual", 4, "", "", {}),
    (
        "participation",
        "公开征求意见",
        "auto",
        4,
        "participation.consultations",
        "count_target",
        {"required": 1},
    ),
    (
        "participation",
        "公众意见采纳反馈",
        "auto",
        4,
        "participation.adoption_rate",
        "threshold",
        {"target": 30, "partial": True},
    ),
    ("organisation", "工作要点任务完成率", "auto", 8, "workplan.tasks", "ratio", {}),
    ("organisation", "工作要点任务逾期", "auto", 4, "workplan.overdue_tasks", "per_item", {"per_item": 1}),
    (
        "organisation",
        "组织政务公开培训",
        "auto",
        4,
        "registers.trainings_held",
        "count_target",
        {"required": 2},
    ),
    (
        "organisation",
        "政策实施效果评价",
        "auto",
        4,
        "registers.evaluations_done",
        "count_target",
        {"required": 2},
    ),
    (
        "organisation",
        "听取政务公开工作汇报",
        "auto",
        2,
        "registers.hearings",
        "count_target",
        {"required": 1},
    ),
    ("organisation", "督查问题未整改", "auto", 4, "registers.supervision_open", "per_item", {"per_item": 1}),
    ("other", "多元化解读、政能亮信息被采用", "bonus", 2, "", "", {}),
    ("other", "未按时报送材料", "deduction", 0, "", "", {}),
]

# (period number, unit short name, indicator, points, reason) — entered by ``office``, confirmed by ``office2``.
ENTRIES = [
    (1, "县发改委", "政府网站信息公开专栏规范", 6, "专栏设置齐全，季度检查无问题（检查记录见链接）。"),
    (1, "城关镇", "政府网站信息公开专栏规范", 4.5, "专栏“重点领域”子栏目2个未及时更新，扣1.5分。"),
    (1, "县自然资源局", "政务新媒体规范管理", 3, "1个账号超过2周未更新（已整改），扣1分。"),
    (2, "县教科体局", "多元化解读、政能亮信息被采用", 2, "政策图解被市政府网站转载。"),
    (2, "东山镇", "未按时报送材料", 1, "第二季度政务公开工作总结逾期5个工作日报送。"),
    (
        3,
        "县司法局",
        "失泄密或违规公开个人信息",
        0,
        "公开的行政处罚决定书未遮盖当事人身份证号，已通报并撤回。",
    ),
    (3, "县发改委", "政务新媒体规范管理", 4, "账号备案、内容审核、互动回复均符合要求。"),
]
LINK = "https://www.example.gov.cn/zwgk/jcjl/2026/"


def load(out) -> None:
    from gongkai.orgs.models import Unit, User

    from . import services
    from .models import Entry, Indicator, Scheme
    from .vocab import PeriodKind

    scheme = Scheme.objects.filter(year=YEAR).first()
    if scheme is None:
        scheme = services.create_scheme(YEAR, actor=None, weight=5, bonus_cap=5)
    offered = {s.key for s in figures.available()}
    added = 0
    for order, (group, name, kind, points, source, method, rule) in enumerate(INDICATORS, start=1):
        if kind == "auto" and source not in offered:
            continue  # the source's app is not installed (yet): the indicator is simply not offered
        if Indicator.objects.filter(scheme=scheme, name=name).exists():
            continue
        services.add_indicator(
            scheme,
            actor=None,
            group=group,
            name=name,
            kind=kind,
            points=points,
            source_key=source,
            method=method,
            order=order,
            **rule,
        )
        added += 1
    office = User.objects.filter(username="office").first()
    office2 = User.objects.filter(username="office2").first()
    periods = {p.number: p for p in scheme.periods.filter(kind=PeriodKind.QUARTER)}
    for number, short, indicator_name, points, reason in ENTRIES:
        period, unit = periods[number], Unit.objects.filter(short_name=short).first()
        indicator = Indicator.objects.filter(scheme=scheme, name=indicator_name).first()
        if unit is None or indicator is None or period.is_closed:
            continue
        if Entry.objects.filter(period=period, unit=unit, indicator=indicator).exists():
            continue
        entry = services.enter(
            period,
            actor=office,
            unit=unit,
            indicator=indicator,
            points=points,
            reason=reason,
            evidence_link=LINK,
        )
        services.confirm(entry, actor=office2)
    closed = 0
    for number in (1, 2, 3):
        if not periods[number].is_closed:
            services.close_period(periods[number], actor=office)
            closed += 1
    if not periods[4].computed_at:
        services.compute_period(periods[4], actor=office)
    out.write(
        f"  考核：{YEAR}年度方案，新增指标{added}项（共{scheme.indicators.count()}项），"
        f"结束并冻结考核期{closed}个\n"
    )
