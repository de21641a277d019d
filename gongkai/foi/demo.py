"""Demo applications (依申请公开演示数据): ~30 cases across the demo units, in every state and every outcome.

Everything goes through the services (so timelines, audit events and deadlines are real). Dates are counted back
from the day ``gongkai demo`` runs, in working days on the statutory calendar, so the dashboard always shows
cases due soon, overdue and provisional; the content is fixed. Each case has a fixed tracking code
(``YSQ-DEM0-00nn-00``) and the verification code ``DEMO2026``: running the loader again skips existing cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core.foi_rules import make_id_card

DEMO_VERIFICATION = "DEMO2026"
LEGAL_ADVISER = "sfj_legal"
# Units (by short name) where the demo legal adviser countersigns replies.
LEGAL_UNITS = ("县政府办", "县发改委", "县自然资源局", "县教科体局", "城关镇", "东山镇", "县司法局")


def tracking(n: int) -> str:
    return f"YSQ-DEM0-{n:04d}-00"


@dataclass
class Applicant:
    kind: str
    name: str
    ident: str
    phone: str
    address: str
    email: str = ""
    legal_rep: str = ""
    contact: str = ""


def _person(name, birth, seq, phone, address, email=""):
    return Applicant("natural_person", name, make_id_card(f"369901{birth}{seq:03d}"), phone, address, email)


def _credit(org8: str, head: str) -> str:
    from gongkai.core.creditcode import _org_code_check, check_character

    first17 = head + "369900" + org8 + _org_code_check(org8)
    return first17 + check_character(first17)


APPLICANTS = {
    "lawyer": Applicant(
        "legal_service",
        "示范县正衡律师事务所",
        _credit("MD012345", "31"),
        "13907990123",
        "示范县城关镇府前路88号正衡大厦5楼",
        "lin.wanqing@zhengheng-law.cn",
        "欧阳明",
        "林婉清",
    ),
    "zhao": _person(
        "赵德柱", "19650312", 41, "13807991234", "示范县东山镇东山街12号", "zhaodezhu@example.cn"
    ),
    "qian": _person("钱秀英", "19780521", 62, "13907992345", "示范县城关镇解放路36号"),
    "sun": _person("孙立军", "19830907", 17, "15907993456", "示范县西河镇河西路5号", "sunlijun@example.cn"),
    "li": _person("李桂兰", "19591130", 28, "13607994567", "示范县南岭镇岭南路21号"),
    "zhou": _person(
        "周浩然", "19920214", 53, "18807995678", "示范县城东街道东门路102号", "zhouhr@example.cn"
    ),
    "wu": _person("吴海燕", "19870619", 84, "13507996789", "示范县石桥镇石桥街8号"),
    "zheng": _person(
        "郑国栋", "19700803", 39, "13307997890", "示范县城西街道西门路66号", "zhengguodong@example.cn"
    ),
    "feng": _person("冯晓雯", "19950427", 26, "17707998901", "示范县清溪乡溪口路3号", "fengxw@example.cn"),
    "chen": _person("陈志远", "19760101", 15, "13907999012", "示范县城关镇府前路12号", "chenzy@example.cn"),
    "firm": Applicant(
        "business",
        "示范县城东置业有限公司",
        _credit("MA1B2C3D", "91"),
        "07996212345",
        "示范县城东街道东门路8号",
        "office@chengdong-estate.cn",
        "黄建设",
        "刘敏",
    ),
    "institute": Applicant(
        "research",
        "示范学院地方治理研究所",
        _credit("MB765432", "12"),
        "07996223456",
        "示范县文化路9号",
        "governance@shifan-college.edu.cn",
        "蒋文华",
        "蒋文华",
    ),
    "ngo": Applicant(
        "public_interest",
        "示范县绿水环保公益协会",
        _credit("MC345678", "51"),
        "13807990001",
        "示范县滨江路20号",
        "greenwater@example.org",
        "方清",
        "方清",
    ),
    "coop": Applicant(
        "other_org",
        "示范县白云乡茶叶专业合作社",
        _credit("MD998877", "93"),
        "13907990002",
        "示范县白云乡茶园村五组18号",
        "",
        "汪春生",
        "汪春生",
    ),
}


@dataclass
class Spec:
    n: int
    unit: str  # short name
    who: str  # APPLICANTS key
    description: str
    received: int  # working days before today
    channel: str = "online"
    steps: list[tuple] = field(default_factory=list)  # (action, working days after receipt, kwargs)
    doc_number: str = ""


def _reply(outcome, day, content="", **kw):
    return ("reply", day, {"outcome": outcome, "content": content, **kw})


def _send(day):
    return ("send", day, {})


def _close(day):
    return ("close", day, {})


# The outcome of every reply row, each once, plus the open cases of every state.
SPECS: list[Spec] = [
    # 1 — the issue's story: a lawyer asks for the land-acquisition compensation standard.
    Spec(
        1,
        "县政府办",
        "lawyer",
        "示范县城关镇东城片区2026年土地征收补偿标准及安置方案",
        60,
        steps=[
            ("assign", 1, {"unit": "县自然资源局"}),
            ("correction", 5, {"items": "请明确所需补偿标准对应的地块范围（如征收公告编号或地块名称）"}),
            ("correction_received", 9, {"note": "补正为东城片区A、B两个地块（示征告〔2026〕3号）"}),
            ("consult", 11, {"party": "示范县城东置业有限公司", "matter": "安置补偿协议中涉及该公司的条款"}),
            ("consult_end", 24, {"opinion": "disagree", "note": "不同意公开协议中的商业条款"}),
            _reply(
                "partial",
                30,
                "征收补偿标准、安置方案予以公开（见附件）；安置补偿协议中涉及第三方商业秘密的条款，经征求第三方意见，"
                "第三方不同意公开，依法不予公开。",
            ),
            ("countersign", 31, {"comments": "理由和依据充分，同意。"}),
            _send(32),
            _close(33),
        ],
    ),
    Spec(
        2,
        "县发改委",
        "zhao",
        "2025年示范县重点建设项目投资计划完成情况",
        90,
        steps=[
            ("take", 1, {}),
            _reply("grant", 12, "现提供2025年重点建设项目投资计划执行情况表（电子版）。"),
            _send(13),
        ],
    ),
    Spec(
        3,
        "县自然资源局",
        "qian",
        "城关镇解放路地块国有土地使用权出让合同",
        85,
        channel="letter",
        steps=[
            ("take", 1, {}),
            _reply(
                "grant",
                8,
                "",
                situation="already_public",
                published_where="示范县人民政府门户网站“政府信息公开—土地出让”栏目，2025年6月12日发布",
            ),
            _send(9),
            _close(10),
        ],
    ),
    Spec(
        4,
        "县司法局",
        "sun",
        "全县社区矫正对象电子监管系统的技术方案和部署位置",
        80,
        steps=[
            ("take", 1, {}),
            _reply("withhold_secret", 10, "所申请信息经依法定密，属于国家秘密。"),
            ("countersign", 11, {}),
            _send(12),
            _close(13),
        ],
    ),
    Spec(
        5,
        "县发改委",
        "institute",
        "示范县价格调控基金使用的内部审计报告",
        78,
        steps=[
            ("take", 1, {}),
            _reply("withhold_law", 14, "《中华人民共和国审计法》及其实施条例对该类报告的公开有特别规定。"),
            ("countersign", 15, {}),
            _send(16),
            _close(17),
        ],
    ),
    Spec(
        6,
        "县自然资源局",
        "zheng",
        "示范县地质灾害隐患点监测设备的具体布设坐标",
        75,
        steps=[
            ("take", 1, {}),
            _reply("withhold_safety", 12, "监测设备坐标公开后可能危及公共安全。"),
            ("countersign", 13, {}),
            _send(14),
            _close(15),
        ],
    ),
    Spec(
        7,
        "县自然资源局",
        "firm",
        "东城片区征收范围内其他被征收人的补偿协议",
        72,
        steps=[
            ("take", 1, {}),
            ("consult", 3, {"party": "东城片区被征收户代表", "matter": "补偿协议中的个人信息"}),
            ("consult_end", 15, {"opinion": "disagree"}),
            _reply("withhold_third_party", 20, "协议涉及其他被征收人的个人隐私，第三方不同意公开。"),
            ("countersign", 21, {}),
            _send(22),
            _close(23),
        ],
    ),
    Spec(
        8,
        "县教科体局",
        "li",
        "县教科体局2026年干部考核的评分细则和各人得分",
        70,
        steps=[
            ("take", 1, {}),
            _reply("withhold_internal", 9, "属于人事管理方面的内部事务信息。"),
            ("countersign", 10, {}),
            _send(11),
            _close(12),
        ],
    ),
    Spec(
        9,
        "县发改委",
        "zhou",
        "城区停车收费标准调整的局务会讨论记录",
        68,
        steps=[
            ("take", 1, {}),
            _reply("withhold_process", 10, "局务会讨论记录属于过程性信息。"),
            ("countersign", 11, {}),
            _send(12),
            _close(13),
        ],
    ),
    Spec(
        10,
        "城关镇",
        "wu",
        "本人2024年违建拆除一案的行政执法案卷",
        66,
        steps=[
            ("take", 1, {}),
            _reply(
                "withhold_enforcement", 13, "所申请信息属于行政执法案卷信息；您作为当事人可依法申请查阅案卷。"
            ),
            ("countersign", 14, {}),
            _send(15),
            _close(16),
        ],
    ),
    Spec(
        11,
        "县自然资源局",
        "feng",
        "清溪乡溪口村3组宅基地的不动产登记资料",
        64,
        steps=[
            ("take", 1, {}),
            _reply(
                "withhold_inquiry",
                8,
                "不动产登记资料的查询依《不动产登记暂行条例》办理，请持身份证明到县不动产登记中心查询。",
            ),
            ("countersign", 9, {}),
            _send(10),
            _close(11),
        ],
    ),
    Spec(
        12,
        "县发改委",
        "chen",
        "2019年城区集中供热价格听证会的会议录像",
        62,
        steps=[
            ("take", 1, {}),
            _reply("unable_not_held", 11, "经检索，本机关未制作、保存该听证会录像。"),
            _send(12),
            _close(13),
        ],
    ),
    Spec(
        13,
        "县教科体局",
        "institute",
        "近十年全县各学校教师流动情况的统计分析报告",
        60,
        steps=[
            ("take", 1, {}),
            _reply(
                "unable_needs_creation", 15, "本机关没有现成的统计分析报告，需要对现有信息进行加工、分析。"
            ),
            _send(16),
            _close(17),
        ],
    ),
    Spec(
        14,
        "东山镇",
        "sun",
        "关于那个项目的所有文件",
        58,
        steps=[
            ("take", 1, {}),
            ("correction", 3, {"items": "请写明所需信息的名称、文号或者项目名称等特征性描述"}),
            ("correction_received", 8, {"note": "补正为“东山镇的那个工程”"}),
            _reply("unable_unclear", 15, "补正后的申请内容仍不明确，无法确定所需的政府信息。"),
            _send(16),
            _close(17),
        ],
    ),
    Spec(
        15,
        "县政府办",
        "zheng",
        "举报城西街道某小区物业公司乱收费，要求查处并答复结果",
        56,
        steps=[
            ("take", 1, {}),
            _reply(
                "decline_petition",
                5,
                "您的申请实为投诉举报，已告知您通过12345热线或县市场监管局投诉渠道提出。",
            ),
            _send(6),
            _close(7),
        ],
    ),
    Spec(
        16,
        "县发改委",
        "chen",
        "2019年城区集中供热价格听证会的会议录像",
        54,
        steps=[
            ("take", 1, {}),
            _reply("decline_repeat", 4, "本机关已于此前对相同申请作出答复。"),
            _send(5),
            _close(6),
        ],
    ),
    Spec(
        17,
        "县政府办",
        "coop",
        "2025年《示范县人民政府公报》全年各期",
        52,
        steps=[
            ("take", 1, {}),
            _reply(
                "decline_publication",
                3,
                "政府公报可在县政府门户网站“政府公报”栏目阅览，或到县档案馆、县图书馆查阅。",
            ),
            _send(4),
            _close(5),
        ],
    ),
    Spec(
        18,
        "城关镇",
        "wu",
        "城关镇2015年至今全部会议纪要、发文和财务凭证",
        50,
        steps=[
            ("take", 1, {}),
            _reply(
                "decline_excessive",
                10,
                "您本月已提出申请42件，申请数量、频次明显超过合理范围，说明的理由不合理。",
            ),
            _send(12),
            _close(13),
        ],
    ),
    Spec(
        19,
        "县教科体局",
        "li",
        "要求对已取得的2023年学校收费公示文件加盖公章确认",
        48,
        steps=[
            ("take", 1, {}),
            _reply(
                "decline_confirm",
                6,
                "您已获取该信息，要求本机关确认或重新出具不属于政府信息公开申请的处理范围。",
            ),
            _send(7),
            _close(8),
        ],
    ),
    Spec(
        20,
        "东山镇",
        "zhou",
        "东山镇2026年秸秆禁烧补助发放名单",
        46,
        steps=[
            ("take", 1, {}),
            ("correction", 4, {"items": "请说明所需名单的发放批次或时间范围"}),
            ("correction_lapsed", 22, {}),
        ],
    ),
    Spec(
        21,
        "县自然资源局",
        "zheng",
        "2010年以来全县所有建设用地审批材料",
        44,
        steps=[("take", 1, {}), ("fee", 6, {"method": "volume", "quantity": 350}), ("fee_lapsed", 28, {})],
    ),
    Spec(
        22,
        "县教科体局",
        "feng",
        "2026年城区义务教育学校招生划片范围",
        40,
        steps=[("take", 1, {}), _reply("other", 5, "申请人于答复前书面撤回申请。"), _send(6), _close(7)],
    ),
    # Late reply (for the on-time rate) and an appeal on a grant.
    Spec(
        23,
        "县发改委",
        "ngo",
        "示范县2025年重点排污单位名录及在线监测数据",
        45,
        steps=[
            ("take", 3, {}),
            _reply("grant", 22, "现提供名录及2025年在线监测数据汇总表。"),
            _send(24),
            _close(25),
        ],
    ),
    # -- open cases ------------------------------------------------------------------------------------------------
    Spec(24, "县政府办", "zhou", "2026年城区义务教育学校招生划片范围", 1),  # 待分办
    Spec(25, "县发改委", "chen", "示范县2026年政府定价目录执行情况", 18, steps=[("take", 1, {})]),  # due soon
    Spec(
        26, "县教科体局", "qian", "2026年城区义务教育学校招生划片范围和入学条件", 23, steps=[("take", 2, {})]
    ),  # overdue
    Spec(
        27,
        "城关镇",
        "li",
        "城关镇老旧小区改造项目资金使用明细",
        6,
        steps=[("take", 1, {}), ("correction", 3, {"items": "请写明所需的小区名称和年度"})],
    ),
    Spec(
        28,
        "县自然资源局",
        "firm",
        "城东片区控制性详细规划调整的专家论证意见",
        9,
        steps=[
            ("take", 1, {}),
            ("consult", 4, {"party": "示范县规划设计研究院", "matter": "专家论证意见中涉及该院的技术方案"}),
        ],
    ),
    Spec(
        29,
        "东山镇",
        "zhao",
        "东山镇2020年以来全部低保审批材料",
        8,
        steps=[("take", 1, {}), ("fee", 4, {"method": "item", "quantity": 0})],
    ),
    Spec(
        30,
        "县发改委",
        "institute",
        "县发改委关于城区公交票价调整的请示",
        12,
        steps=[("take", 1, {}), _reply("withhold_process", 10, "请示属于过程性信息，不予公开。")],
    ),  # awaiting countersign
    Spec(
        31,
        "县教科体局",
        "ngo",
        "2026年全县中小学校食堂食品安全检查结果",
        14,
        steps=[("take", 1, {}), _reply("grant", 12, "现提供2026年春季、秋季学期检查结果通报。")],
    ),  # ready to send
    Spec(
        32,
        "县自然资源局",
        "sun",
        "西河镇矿山生态修复项目验收材料",
        16,
        steps=[
            ("take", 1, {}),
            ("extension", 15, {"days": 10, "reason": "需调取多年档案并征求项目单位意见"}),
        ],
    ),  # extension awaiting
    Spec(
        33,
        "城关镇",
        "qian",
        "城关镇2026年防汛物资采购合同",
        3,
        channel="in_person",
        steps=[
            ("take", 1, {}),
            ("extension", 2, {"days": 20, "reason": "涉及多个采购批次，需逐份核查", "approve": True}),
        ],
    ),  # into 2027
    Spec(
        34,
        "县自然资源局",
        "lawyer",
        "城关镇解放路地块出让的成交确认书",
        40,
        steps=[
            ("take", 1, {}),
            _reply("unable_not_held", 10, "经检索，本机关未保存该成交确认书。"),
            _send(11),
            (
                "appeal",
                14,
                {
                    "kind": "reconsideration",
                    "authority": "示范县人民政府",
                    "case_number": "示府复〔2026〕12号",
                },
            ),
            ("appeal_result", 34, {"result": "corrected"}),
            ("reopen", 35, {"reason": "复议决定（示府复〔2026〕12号）责令重新答复"}),
        ],
    ),
    # 35 — the applicant answered the correction notice online, through the tracking page (网上补正).
    Spec(
        35,
        "城关镇",
        "zhou",
        "城关镇府前路小区物业服务企业选聘结果",
        7,
        steps=[
            ("take", 1, {}),
            ("correction", 2, {"items": "请写明小区名称及选聘年度"}),
            ("correction_online", 4, {"text": "府前路1号小区，2025年度物业服务企业选聘结果。"}),
        ],
    ),
]
# Each demo case's subject (事项领域): the first keyword found in its description, else 其他.
SUBJECT_KEYWORDS = (
    ("征地拆迁", ("征收", "拆迁", "地块", "出让", "安置", "建设用地", "违建")),
    ("物业管理", ("物业", "小区", "供热")),
    ("国土空间规划", ("规划", "宅基地", "不动产", "地质灾害")),
    ("社会保障与救助", ("低保", "救助", "养老")),
    ("教育", ("学校", "招生", "教育", "教科体")),
    ("交通运输", ("公交", "交通", "道路", "停车")),
    ("生态环境", ("生态", "矿山", "环境", "防汛", "排污")),
    ("财政资金", ("资金", "采购", "预算", "定价", "补助", "基金", "投资", "财务")),
)
# Appeals on closed cases (table IV of the annual report).
APPEALS = [
    (4, "reconsideration", 16, "示范县人民政府", "示府复〔2026〕5号", "upheld", 40),
    (7, "litigation_direct", 25, "示范县人民法院", "（2026）示0101行初18号", "pending", None),
    (8, "reconsideration", 14, "示范县人民政府", "示府复〔2026〕8号", "upheld", 30),
    (8, "litigation_after", 32, "示范县人民法院", "（2026）示0101行初23号", "other", 45),
]


def _units():
    from gongkai.orgs.models import Unit

    return {u.short_name: u for u in Unit.objects.filter(is_active=True) if u.short_name}


def _staff(unit, role):
    from gongkai.orgs.models import Membership

    m = (
        Membership.objects.filter(unit=unit, role=role, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return m.user if m else None


def _fresh(user):
    if user is None:
        return None
    from gongkai.orgs.models import User

    return User.objects.get(pk=user.pk)  # no cached memberships


class Clock:
    """Working days back and forth from today on the statutory calendar."""

    def __init__(self, today: date):
        from gongkai.foi import deadlines

        self.cal = deadlines.calendar()
        self.today = today

    def back(self, n: int) -> date:
        d, left = self.today, n
        while left > 0:
            d -= timedelta(days=1)
            if self.cal.is_workday(d):
                left -= 1
        return d

    def after(self, start: date, n: int) -> date:
        return min(self.cal.add_working_days(start, n).date, self.today)


def _ensure_legal_adviser(units, out):
    from gongkai.orgs.models import Membership, User
    from gongkai.orgs.services import add_membership
    from gongkai.roles import Role

    user = User.objects.filter(username=LEGAL_ADVISER).first()
    if user is None:
        return
    for short in LEGAL_UNITS:
        unit = units.get(short)
        if unit and not Membership.objects.filter(user=user, unit=unit, role=Role.LEGAL_ADVISER).exists():
            add_membership(user, actor=None, unit=unit, role=Role.LEGAL_ADVISER)


def load(out):
    from gongkai.foi import codes, selectors, services
    from gongkai.foi.models import InfoRequest, Notification, UnitProfile
    from gongkai.roles import Role

    units = _units()
    office = units.get("县政府办")
    if office is None or not units:
        out.write("依申请公开：未找到演示单位（县政府办等），跳过。\n")
        return
    _ensure_legal_adviser(units, out)
    if not UnitProfile.objects.filter(unit=units.get("县自然资源局")).exists() and units.get("县自然资源局"):
        services.update_unit_profile(
            units["县自然资源局"], actor=None, contact_line="县自然资源局办公室 冯立新 0799-6200010"
        )
    if units.get("城关镇") and not UnitProfile.objects.filter(unit=units["城关镇"]).exists():
        # A stricter local limit (some counties require replies within 15 working days).
        services.update_unit_profile(
            units["城关镇"], actor=None, reply_limit=15, contact_line="城关镇党政办 0799-6200035"
        )
    clock = Clock(timezone.localdate())
    created = skipped = 0
    for spec in SPECS:
        if InfoRequest.objects.filter(tracking_code=tracking(spec.n)).exists():
            skipped += 1
            continue
        unit = units.get(spec.unit) or office
        with transaction.atomic():
            _build(spec, unit, units, clock, services, selectors, codes, Role)
        created += 1
    _appeals(clock, services)
    _subjects(services)
    # Historical steps notified their officers; only open cases keep unread reminders in the demo.
    Notification.objects.filter(read_at__isnull=True).exclude(
        request__state__in=InfoRequest.OPEN_STATES
    ).update(read_at=timezone.now())
    lawyer = InfoRequest.objects.filter(tracking_code=tracking(1)).first()
    out.write(f"依申请公开：新建演示申请 {created} 件，已存在 {skipped} 件。")
    if lawyer:
        out.write(
            f"演示查询：查询码 {lawyer.tracking_code}，验证码 {DEMO_VERIFICATION}（/ysqgk/track/）；"
            f"待网上补正：{tracking(27)}\n"
        )
    else:
        out.write("\n")


def _build(spec: Spec, unit, units, clock: Clock, services, selectors, codes, Role):
    from gongkai.foi.models import InfoRequest

    applicant = APPLICANTS[spec.who]
    data = {
        "applicant_type": applicant.kind,
        "applicant_name": applicant.name,
        "id_type": "id_card" if applicant.kind == "natural_person" else "credit_code",
        "id_number": applicant.ident,
        "legal_rep": applicant.legal_rep,
        "contact_person": applicant.contact,
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
        "postcode": "369900",
        "description": spec.description,
        "doc_number": spec.doc_number,
        "medium": "electronic" if applicant.email else "paper",
        "delivery": "email" if applicant.email else "post",
    }
    received = clock.back(spec.received)
    if spec.channel == "online":
        intake = services.submit_online(
            data, unit=unit, now=timezone.make_aware(datetime.combine(received, time(9, 30)))
        )
    else:
        officer = _fresh(_staff(unit, Role.FOI_OFFICER))
        intake = services.register(
            unit,
            actor=officer,
            data=data,
            channel=spec.channel,
            submitted_on=received,
            signed_for=received if spec.channel == "letter" else None,
        )
    case = intake.case
    InfoRequest.objects.filter(pk=case.pk).update(
        tracking_code=tracking(spec.n), verification_hash=codes.hash_verification(DEMO_VERIFICATION)
    )
    case.refresh_from_db()
    last_reply = None
    consultation = None
    fee = None
    for action, day, kw in spec.steps:
        kw = dict(kw)  # SPECS is module data: never mutate it
        on = clock.after(received, day)
        case.refresh_from_db()
        officer = _fresh(_staff(case.unit, Role.FOI_OFFICER))
        if action == "assign":
            target = units.get(kw["unit"]) or case.unit
            services.assign(
                case,
                actor=_fresh(_staff(office_of(units), Role.OFFICE_ADMIN)),
                unit=target,
                officer=_staff(target, Role.FOI_OFFICER),
                on=on,
            )
        elif action == "take":
            if officer is not None:
                services.assign(case, actor=officer, unit=case.unit, officer=officer, on=on)
        elif action == "correction":
            services.request_correction(case, actor=officer, items=kw["items"], on=on)
        elif action == "correction_online":
            services.receive_correction_online(case, text=kw["text"], on=on)
        elif action == "correction_received":
            services.receive_correction(case, actor=officer, on=on, note=kw.get("note", ""))
        elif action == "correction_lapsed":
            correction = case.corrections.get()
            lapse_on = max(on, correction.due_on + timedelta(days=1))
            if lapse_on <= clock.today:
                services.close_correction_lapsed(case, actor=officer, on=lapse_on)
        elif action == "consult":
            consultation = services.start_consultation(
                case,
                actor=officer,
                party_kind="third_party",
                party_name=kw["party"],
                matter=kw["matter"],
                on=on,
            )
        elif action == "consult_end":
            services.end_consultation(
                consultation, actor=officer, opinion=kw["opinion"], note=kw.get("note", ""), on=on
            )
        elif action == "fee":
            quantity = kw["quantity"] or max(selectors.month_item_count(case), 12)
            if kw["method"] == "item":
                quantity = max(quantity, 12)
            fee = services.issue_fee_notice(
                case, actor=officer, method=kw["method"], quantity=quantity, on=on
            )
        elif action == "fee_lapsed":
            lapse_on = max(on, fee.pay_by + timedelta(days=1))
            if lapse_on <= clock.today:
                services.close_fee_lapsed(fee, actor=officer, on=lapse_on)
        elif action == "reply":
            last_reply = services.draft_reply(
                case, actor=officer, outcome=kw.pop("outcome"), content=kw.pop("content", ""), on=on, **kw
            )
        elif action == "countersign":
            services.countersign(
                last_reply,
                actor=_fresh(_legal(case.unit)),
                approve=True,
                comments=kw.get("comments", "同意。"),
                on=on,
            )
        elif action == "send":
            services.send_reply(last_reply, actor=officer, on=on)
        elif action == "close":
            services.close(case, actor=officer, on=on)
        elif action == "extension":
            extension = services.request_extension(
                case, actor=officer, days=kw["days"], reason=kw["reason"], on=on
            )
            if kw.get("approve"):
                services.decide_extension(
                    extension,
                    actor=_fresh(_staff(case.unit, Role.LEADER)),
                    approve=True,
                    note="同意延期",
                    on=on,
                )
        elif action == "appeal":
            services.record_appeal(
                case,
                actor=officer,
                kind=kw["kind"],
                filed_on=on,
                authority=kw["authority"],
                case_number=kw.get("case_number", ""),
            )
        elif action == "appeal_result":
            services.update_appeal(case.appeals.last(), actor=officer, result=kw["result"], decided_on=on)
        elif action == "reopen":
            services.reopen(case, actor=officer, reason=kw["reason"], on=on)


def office_of(units):
    return units.get("县政府办")


def _legal(unit):
    from gongkai.roles import Role

    return _staff(unit, Role.LEGAL_ADVISER)


def _appeals(clock: Clock, services):
    from gongkai.foi.models import Appeal, InfoRequest
    from gongkai.roles import Role

    for number_in_specs, kind, day, authority, number, result, decided in APPEALS:
        case = InfoRequest.objects.filter(tracking_code=tracking(number_in_specs)).first()
        if case is None or Appeal.objects.filter(request=case, case_number=number).exists():
            continue
        officer = _fresh(_staff(case.unit, Role.FOI_OFFICER))
        with transaction.atomic():
            filed = clock.after(case.receipt_date, day)
            appeal = services.record_appeal(
                case, actor=officer, kind=kind, filed_on=filed, authority=authority, case_number=number
            )
            if result != "pending":
                services.update_appeal(
                    appeal, actor=officer, result=result, decided_on=clock.after(case.receipt_date, decided)
                )


def _subjects(services):
    """Class the demo cases that have no subject yet (idempotent: a subject set by hand stays)."""
    from gongkai.foi.models import InfoRequest, Subject

    subjects = {subject.name: subject for subject in Subject.objects.all()}
    for case in InfoRequest.objects.filter(tracking_code__startswith="YSQ-DEM0-", subject__isnull=True):
        name = next(
            (name for name, words in SUBJECT_KEYWORDS if any(word in case.description for word in words)),
            "其他",
        )
        if name in subjects:
            services.set_subject(case, actor=None, subject=subjects[name])
