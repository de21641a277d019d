"""Demo of the registers (工作台账演示): 2026 trainings (县自然资源局 and 东山镇 below the yearly 2), leader hearings,
four policy-effect evaluations (one — 《示范县农村村民住房建设管理办法》 — concluding 修改, linked to its amending
decision in the policy library), 政能亮 / 政务信息 submissions (some adopted), 优秀案例, and supervision records (one
overdue, one rectified late); two 2024 trainings of 县政府办 counted towards the 2024 work points' “至少组织2次集中学习
培训” task. Through the services; deterministic (fixed dates; a date after today is skipped) and idempotent (a row is
found by its ``demo_key``)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.utils import timezone

UNITS = ["县政府", "县政府办", "县发改委", "县自然资源局", "县教科体局", "县司法局", "城关镇", "东山镇"]

# key, organiser, date, topic, form, trainer, attendees (unit, count), with material
TRAININGS = [
    (
        "t26-zfb-1",
        "县政府办",
        date(2026, 3, 18),
        "2026年全县政务公开业务培训",
        "special",
        "陈晓燕",
        [
            ("县发改委", 3),
            ("县自然资源局", 2),
            ("县教科体局", 2),
            ("县司法局", 2),
            ("城关镇", 3),
            ("东山镇", 2),
        ],
        True,
    ),
    (
        "t26-zfb-2",
        "县政府办",
        date(2026, 6, 20),
        "政府信息公开条例与依申请公开办理实务（线上）",
        "online",
        "刘建华",
        [("县发改委", 2), ("县自然资源局", 1), ("县教科体局", 2), ("城关镇", 2), ("东山镇", 1)],
        False,
    ),
    (
        "t26-zfb-3",
        "县政府办",
        date(2026, 9, 10),
        "政策解读与回应关切以会代训",
        "meeting",
        "",
        [("县发改委", 1), ("县司法局", 1), ("城关镇", 1)],
        False,
    ),
    (
        "t26-fgw-1",
        "县发改委",
        date(2026, 4, 15),
        "发改系统主动公开目录梳理培训",
        "special",
        "李明",
        [("县发改委", 18)],
        True,
    ),
    (
        "t26-fgw-2",
        "县发改委",
        date(2026, 8, 22),
        "重大建设项目批准和实施领域信息公开培训",
        "meeting",
        "孙国庆",
        [("县发改委", 15)],
        False,
    ),
    (
        "t26-zrzy-1",
        "县自然资源局",
        date(2026, 5, 9),
        "自然资源领域基层政务公开标准化培训",
        "special",
        "吴海涛",
        [("县自然资源局", 22)],
        False,
    ),
    (
        "t26-jkt-1",
        "县教科体局",
        date(2026, 3, 30),
        "教育领域信息公开专题培训",
        "special",
        "何静",
        [("县教科体局", 30)],
        False,
    ),
    (
        "t26-jkt-2",
        "县教科体局",
        date(2026, 10, 12),
        "校务公开与招生入学信息公开线上培训",
        "online",
        "黄文斌",
        [("县教科体局", 41)],
        False,
    ),
    (
        "t26-cgz-1",
        "城关镇",
        date(2026, 4, 2),
        "村（社区）务公开业务培训",
        "special",
        "曾丽萍",
        [("城关镇", 26)],
        True,
    ),
    (
        "t26-cgz-2",
        "城关镇",
        date(2026, 9, 24),
        "惠民惠农财政补贴信息公开以会代训",
        "meeting",
        "",
        [("城关镇", 19)],
        False,
    ),
    (
        "t26-dsz-1",
        "东山镇",
        date(2026, 6, 5),
        "镇村两级政务公开培训",
        "special",
        "蔡晓玲",
        [("东山镇", 17)],
        False,
    ),
    # 2024: the two trainings counted towards the 2024 work points' task of 县政府办
    (
        "t24-zfb-1",
        "县政府办",
        date(2024, 6, 18),
        "2024年全县政务公开集中学习培训（第一期）",
        "special",
        "陈晓燕",
        [("县发改委", 2), ("县自然资源局", 2), ("城关镇", 2)],
        False,
    ),
    (
        "t24-zfb-2",
        "县政府办",
        date(2024, 10, 22),
        "2024年全县政务公开集中学习培训（第二期）",
        "special",
        "刘建华",
        [("县教科体局", 2), ("县司法局", 1), ("东山镇", 2)],
        False,
    ),
]
TASK_LINKED = ("t24-zfb-1", "t24-zfb-2")

# key, unit, kind, meeting, date, leaders, topics, with minutes
HEARINGS = [
    (
        "h26-gov",
        "县政府",
        "report",
        "县政府第18次常务会议",
        date(2026, 4, 8),
        "县长、常务副县长、分管副县长",
        "听取2025年度政务公开工作情况及2026年工作要点汇报，研究政务公开考核办法修订。",
        True,
    ),
    (
        "h26-zfb",
        "县政府办",
        "study",
        "县政府办公室主任办公会",
        date(2026, 7, 15),
        "办公室主任、分管副主任",
        "专题研究政府网站集约化和政务新媒体清理整合工作。",
        True,
    ),
    (
        "h26-fgw",
        "县发改委",
        "report",
        "县发改委党组会",
        date(2026, 5, 12),
        "党组书记、主任，党组成员",
        "听取本单位政务公开工作汇报，部署重大建设项目信息公开。",
        False,
    ),
    (
        "h26-cgz",
        "城关镇",
        "study",
        "城关镇党委会",
        date(2026, 3, 25),
        "镇党委书记、镇长",
        "研究村务公开和惠民惠农补贴公开问题整改。",
        False,
    ),
]

SUBMISSIONS = [
    (
        "a26-1",
        "县政府办",
        "znl",
        "让政策“看得懂、找得到、用得上”——示范县打造政策文件库",
        "《中国政府网·政能亮》",
        date(2026, 3, 2),
        date(2026, 3, 20),
    ),
    (
        "a26-2",
        "县政府办",
        "info",
        "示范县“政府开放日”走进政务服务中心",
        "市政府办公室《政务信息》",
        date(2026, 5, 8),
        date(2026, 5, 15),
    ),
    (
        "a26-3",
        "县发改委",
        "info",
        "县发改委公开重大项目审批信息",
        "市政府办公室《政务信息》",
        date(2026, 4, 20),
        None,
    ),
    (
        "a26-4",
        "城关镇",
        "znl",
        "小小公开栏连起干群“连心桥”",
        "省政府网站“政能亮”专栏",
        date(2026, 6, 12),
        date(2026, 7, 1),
    ),
    ("a26-5", "县教科体局", "info", "招生入学政策“一图读懂”", "市教育局《教育信息》", date(2026, 8, 3), None),
]

CASES = [
    (
        "c26-1",
        "县政府办",
        "政策文件库“一网通查”",
        "city",
        "市政务公开领导小组办公室",
        date(2026, 6, 30),
        "全县现行有效规范性文件集中公开，按主题、发文单位、有效性查询，附解读和新旧差异。",
    ),
    (
        "c26-2",
        "城关镇",
        "村（社区）务公开“阳光三务”",
        "county",
        "县政务公开领导小组办公室",
        date(2026, 9, 18),
        "镇村两级公开清单化、栏目标准化，群众扫码查看补贴发放。",
    ),
]

# key, unit, kind, issued, issuer, document, findings, workdays, completed (date or None), note
SUPERVISION = [
    (
        "s26-1",
        "县自然资源局",
        "criticism",
        date(2026, 3, 12),
        "县人民政府办公室",
        "示政办字〔2026〕6号通报",
        "2025年第四季度政府网站检查中，自然资源领域“征地信息”栏目超过6个月未更新。",
        10,
        date(2026, 3, 24),
        "已补充发布征地批复、补偿标准等信息12条，明确专人每月更新。",
    ),
    (
        "s26-2",
        "东山镇",
        "interview",
        date(2026, 6, 16),
        "县政务公开领导小组办公室",
        "约谈会议纪要",
        "政务新媒体“东山镇发布”连续45天未更新，且未按要求关停或注销。",
        5,
        date(2026, 7, 6),
        "已申请关停该账号并报备，镇政府信息由县融媒体中心账号统一发布。",
    ),
    (
        "s26-3",
        "县司法局",
        "inspection",
        date(2026, 10, 20),
        "县政府督查室",
        "2026年第三季度政务公开督查",
        "行政执法“三项制度”公示信息不全：执法结果公示缺少2026年第三季度数据。",
        10,
        None,
        "",
    ),
    (
        "s26-4",
        "县教科体局",
        "inspection",
        date(2026, 11, 9),
        "县政府督查室",
        "2026年第三季度政务公开督查",
        "依申请公开答复书未告知救济途径（2件）。",
        20,
        None,
        "",
    ),
]


def _docx(title: str, lines: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Upload(io.BytesIO):
    """An in-memory upload (name + bytes) for the services' file check."""

    def __init__(self, name: str, data: bytes):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def _trainings(units, services, today, out):
    from .models import Training

    made = 0
    for key, organiser, held, topic, form, trainer, attendees, material in TRAININGS:
        if held > today or Training.objects.filter(demo_key=key).exists():
            continue
        uploads = []
        if material:
            data = _docx(topic, ["培训课件（演示）", f"主讲：{trainer or '—'}", f"日期：{held:%Y年%m月%d日}"])
            uploads.append(_Upload(f"{topic}课件.docx", data))
        services.record_training(
            units[organiser],
            actor=None,
            held_on=held,
            topic=topic,
            form=form,
            trainer=trainer,
            attendances=[(units[u], n, "") for u, n in attendees],
            materials=uploads,
            demo_key=key,
        )
        made += 1
    return made


def _link_tasks(services, out):
    from gongkai.workplan.models import PlanState, Task

    from .models import Training, TrainingTask

    task = (
        Task.objects.filter(plan__year=2024, plan__state=PlanState.PUBLISHED, text__contains="至少组织2次")
        .order_by("id")
        .first()
    )
    if task is None or services.linkable_requirement(task) is None:
        return 0
    linked = 0
    for key in TASK_LINKED:
        training = Training.objects.filter(demo_key=key).first()
        if training is None or TrainingTask.objects.filter(training=training, task=task).exists():
            continue
        if not task.task_units.filter(unit=training.unit).exists():
            return linked
        services.link_task(training, task, actor=None)
        linked += 1
    return linked


def _hearings(units, services, today):
    from .models import Hearing

    for key, unit, kind, meeting, held, leaders, topics, minutes in HEARINGS:
        if held > today or Hearing.objects.filter(demo_key=key).exists():
            continue
        upload = None
        if minutes:
            upload = _Upload(f"{meeting}纪要.docx", _docx(f"{meeting}纪要", [topics, f"出席：{leaders}"]))
        services.record_hearing(
            units[unit],
            actor=None,
            kind=kind,
            meeting=meeting,
            held_on=held,
            leaders=leaders,
            topics=topics,
            minutes=upload,
            demo_key=key,
        )


def _evaluations(units, services, today, out):
    from gongkai.participation.models import Decision
    from gongkai.policies.models import PolicyDocument, PolicyRelation

    from .models import Evaluation

    def doc(title):
        return PolicyDocument.objects.filter(publication__title=title).first()

    housing = doc("示范县农村村民住房建设管理办法")
    amend = doc("示范县人民政府办公室关于修改《示范县农村村民住房建设管理办法》的决定")
    fees = doc("示范县政府定价经营服务性收费管理办法")
    startup = doc("示范县支持企业开办和初创企业发展若干措施")
    school = Decision.objects.filter(title="示范县义务教育学校布局规划").first()
    specs = []
    if housing and amend:
        # Done before the amending decision was formed (the decision followed the evaluation).
        formed = amend.publication.formed_date or today
        specs.append(
            (
                "e-housing",
                "县政府办",
                {"policy": housing, "amending_policy": amend},
                min(formed - timedelta(days=20), today),
                ["survey", "forum"],
                "amend",
                "宅基地面积标准与省新规不一致，审批时限可压缩，建议修改第四条、第七条。",
            )
        )
    if fees:
        specs.append(
            (
                "e-fees",
                "县发改委",
                {"policy": fees},
                date(2026, 6, 28),
                ["data", "survey"],
                "continue",
                "收费目录执行平稳，未发现超标准收费，继续执行。",
            )
        )
    if startup:
        specs.append(
            (
                "e-startup",
                "县发改委",
                {"policy": startup},
                date(2026, 9, 15),
                ["third_party", "data"],
                "continue",
                "第三方评估：新开办企业平均开办时间由3天缩短至1天，措施有效，继续执行。",
            )
        )
    if school:
        specs.append(
            (
                "e-school",
                "县教科体局",
                {"decision": school},
                date(2026, 10, 30),
                ["forum", "data"],
                "continue",
                "学位供给与学龄人口预测基本匹配，城区学校大班额问题明显缓解。",
            )
        )
    made = 0
    for key, unit, subject, done, methods, conclusion, findings in specs:
        if done > today or Evaluation.objects.filter(demo_key=key).exists():
            continue
        kwargs = dict(subject)
        existing = None
        if kwargs.get("amending_policy") is not None:
            existing = PolicyRelation.objects.filter(
                source=kwargs["amending_policy"], target=kwargs["policy"], kind="amends"
            ).first()
        services.record_evaluation(
            units[unit],
            actor=None,
            done_on=done,
            results="政策落实总体较好，受益群众反映良好。",
            problems="部分条款与上位规定衔接不够。" if conclusion == "amend" else "",
            standards="对照文件规定的标准逐项核查执行情况。",
            coverage="全县范围内的适用对象。",
            methods=methods,
            findings=findings,
            conclusion=conclusion,
            result_link="/zcwj/",
            demo_key=key,
            **kwargs,
        )
        made += 1
        if existing is not None:
            out.write("工作台账：住房建设管理办法的“修改”关系已在政策文件库中，评价与之关联。\n")
    return made


def _articles(units, services, today):
    from .models import Case, Submission

    for key, unit, kind, title, outlet, sent, adopted in SUBMISSIONS:
        if sent > today or Submission.objects.filter(demo_key=key).exists():
            continue
        row = services.record_submission(
            units[unit], actor=None, kind=kind, title=title, outlet=outlet, submitted_on=sent, demo_key=key
        )
        if adopted is not None and adopted <= today:
            services.mark_adopted(row, actor=None, adopted_on=adopted)
    for key, unit, title, level, issuer, day, summary in CASES:
        if day > today or Case.objects.filter(demo_key=key).exists():
            continue
        services.record_case(
            units[unit],
            actor=None,
            title=title,
            level=level,
            issuer=issuer,
            recognised_on=day,
            summary=summary,
            demo_key=key,
        )


def _supervision(units, services, today):
    from .models import SupervisionRecord

    for key, unit, kind, issued, issuer, document, findings, days, completed, note in SUPERVISION:
        if issued > today or SupervisionRecord.objects.filter(demo_key=key).exists():
            continue
        record = services.issue_supervision(
            units[unit],
            actor=None,
            kind=kind,
            issued_on=issued,
            issuer=issuer,
            document=document,
            findings=findings,
            rectify_workdays=days,
            demo_key=key,
        )
        if completed is not None and completed <= today:
            services.complete_rectification(record, actor=None, completed_on=completed, note=note)


def load(out):
    from gongkai.orgs.models import Unit

    from . import services

    units = {u.short_name: u for u in Unit.objects.filter(short_name__in=UNITS)}
    if len(units) < len(UNITS):
        out.write("工作台账：未找到演示单位，跳过。\n")
        return
    today = timezone.localdate()
    trainings = _trainings(units, services, today, out)
    linked = _link_tasks(services, out)
    _hearings(units, services, today)
    evaluations = _evaluations(units, services, today, out)
    _articles(units, services, today)
    _supervision(units, services, today)
    out.write(
        f"工作台账：新建培训{trainings}次（{linked}次计入工作要点任务）、政策评价{evaluations}项，"
        "及听取汇报、信息报送、优秀案例、督查通报。\n"
    )
