"""The demo county 示范县: its units (every body named in the four sample work-point documents, under this
county's own names), contact details for the 信息公开指南, and staff accounts for each role.

``load(out)`` is deterministic and safe to run twice: it creates what is missing, brings changed demo fields back
to the listed values, and leaves everything else alone (passwords are set only when an account is created).
The unit list is plain data (``DEMO_UNITS``) so resolver tests can use it without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.creditcode import _org_code_check, check_character

DEMO_PASSWORD = "Gongkai2026demo"  # noqa: S105 - the published demo password, printed by `gongkai demo`
LOGIN_URL = "http://127.0.0.1:8000/work/"
REGION_CODE = "369901"  # a made-up 行政区划代码 (no real county has it)
PLACE_NAMES = ("示范县", "示范")
OFFICE_HOURS = "工作日上午8:00—12:00，下午14:30—17:30（法定节假日除外）"


# 机构职能 of some demo units (one function per line), written for the demo; the others show "暂未公布".
DEMO_FUNCTIONS = {
    "gov": "执行县人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。\n"
    "领导所属各工作部门和乡镇人民政府的工作。\n"
    "执行国民经济和社会发展计划、预算，管理本县的经济、教育、科学、文化、卫生、体育、民政、公安等行政工作。\n"
    "保障公民的人身权利、民主权利和其他权利，推进政务公开。",
    "zfb": "协助县政府领导处理县政府日常工作，组织起草或审核以县政府、县政府办公室名义发布的公文。\n"
    "负责县政府会议的组织和决定事项的督促检查。\n"
    "主管全县政务公开工作，组织编制政务公开工作要点，指导、监督各单位的政府信息公开工作。\n"
    "负责县政府门户网站的建设和管理。",
    "fgw": "拟订并组织实施全县国民经济和社会发展规划、年度计划。\n"
    "负责全县价格监测和价格管理工作。\n"
    "统筹推进重大项目建设，负责固定资产投资项目的审批、核准和备案。",
    "zrzy": "负责全县自然资源的调查、确权登记和资产管理。\n"
    "负责国土空间规划的编制和实施监督，负责耕地保护和土地征收的组织实施。\n"
    "负责不动产登记和地质灾害防治的有关工作。",
    "cgz": "执行本级人民代表大会的决议和上级国家行政机关的决定和命令。\n"
    "管理本镇的经济、教育、科学、文化、卫生、民政、公安、司法行政等行政工作。\n"
    "负责本镇惠民惠农补贴的审核、发放和公示。",
}
# 领导信息 of some demo units: (职务, 姓名, 分工). Made-up names.
DEMO_LEADERS = {
    "gov": [
        ("县长", "周明远", "主持县政府全面工作，负责审计方面的工作。"),
        ("常务副县长", "林晓东", "负责县政府常务工作，分管发展改革、财政、税务、政务公开工作。"),
        ("副县长", "陈佳慧", "分管教育、卫生健康、民政、人力资源和社会保障工作。"),
        ("副县长", "黄建华", "分管自然资源、住房和城乡建设、交通运输、水利工作。"),
    ],
    "zfb": [
        ("主任", "张志强", "主持县政府办公室全面工作。"),
        ("副主任", "韩雪梅", "负责政务公开、政府网站和政务信息工作。"),
    ],
    "fgw": [
        ("主任", "周建国", "主持全面工作。"),
        ("副主任", "何丽娟", "负责价格监测、项目审批工作。"),
    ],
    "cgz": [
        ("镇长", "萧德胜", "主持镇政府全面工作。"),
        ("副镇长", "张晓梅", "分管民政、社会保障、惠民惠农补贴发放和政务公开工作。"),
    ],
}


@dataclass(frozen=True)
class DemoUnit:
    key: str  # stable handle: usernames, parent references, e-mail
    name: str
    short_name: str
    kind: str
    parent: str | None = "gov"
    aliases: tuple[str, ...] = ()
    road: str = "人民大道"


def _unit(key, name, short, kind="department", parent="gov", aliases=(), road="人民大道"):
    return DemoUnit(key, name, short, kind, parent, tuple(aliases), road)


DEMO_UNITS: list[DemoUnit] = [
    _unit("gov", "示范县人民政府", "县政府", "government", None, ["示范县政府", "县人民政府"]),
    _unit(
        "zfb",
        "示范县人民政府办公室",
        "县政府办",
        "office",
        "gov",
        ["县政府办公室", "政府办", "县府办", "县政务公开办"],
    ),
    # 政府工作部门 (the names of the samples, as this county's own bodies)
    _unit("fgw", "示范县发展和改革委员会", "县发改委", aliases=["发改委", "县发展改革委"]),
    _unit("gxj", "示范县工业和信息化局", "县工信局", aliases=["工信局"]),
    _unit("jkt", "示范县教育科技体育局", "县教科体局", aliases=["县教体局", "县教育局"], road="文化路"),
    _unit("gaj", "示范县公安局", "县公安局", road="建设路"),
    _unit("mzj", "示范县民政局", "县民政局"),
    _unit("sfj", "示范县司法局", "县司法局", road="建设路"),
    _unit("czj", "示范县财政局", "县财政局"),
    _unit("rsj", "示范县人力资源和社会保障局", "县人社局", aliases=["人社局"]),
    _unit("zrzy", "示范县自然资源局", "县自然资源局", road="建设路"),
    _unit("sthj", "示范县生态环境局", "县生态环境局", aliases=["县环保局"]),
    _unit("zjj", "示范县住房和城乡建设局", "县住建局", road="建设路"),
    _unit("jtj", "示范县交通运输局", "县交通运输局", aliases=["县交通局"]),
    _unit("slj", "示范县水利局", "县水利局"),
    _unit("nyj", "示范县农业农村局", "县农业农村局", aliases=["县农业局"]),
    _unit("swj", "示范县商务局", "县商务局"),
    _unit(
        "wgxl",
        "示范县文化广电新闻出版旅游局",
        "县文广新旅局",
        aliases=["县文广旅局", "县文旅局"],
        road="文化路",
    ),
    _unit("wjw", "示范县卫生健康委员会", "县卫健委", road="文化路"),
    _unit("tyjr", "示范县退役军人事务局", "县退役军人事务局", aliases=["县退役军人局"]),
    _unit("yjj", "示范县应急管理局", "县应急局"),
    _unit("sjj", "示范县审计局", "县审计局"),
    _unit("scjg", "示范县市场监督管理局", "县市场监管局"),
    _unit("tjj", "示范县统计局", "县统计局"),
    _unit("ybj", "示范县医疗保障局", "县医保局", aliases=["市医保局示范分局"]),
    _unit("xczx", "示范县乡村振兴局", "县乡村振兴局", aliases=["县扶贫办", "县扶贫开发领导小组办公室"]),
    _unit("xzsp", "示范县行政审批局", "县行政审批局", aliases=["县审批局"], road="政务服务中心"),
    _unit(
        "zss",
        "示范县政务服务数据管理局",
        "县政数局",
        aliases=["县政数中心", "县大数据中心"],
        road="政务服务中心",
    ),
    _unit("tcj", "示范县投资促进局", "县投促局"),
    # 垂直管理单位
    _unit(
        "sw",
        "国家税务总局示范县税务局",
        "县税务局",
        "vertical",
        None,
        ["示范县税务局", "税务局"],
        road="财富路",
    ),
    _unit("qxj", "示范县气象局", "县气象局", "vertical", None, road="财富路"),
    # 开发区 / 管委会
    _unit(
        "kfq",
        "示范经济开发区管理委员会",
        "经济开发区管委会",
        "zone",
        "gov",
        ["经济开发区", "县经开区", "开发区管委会"],
        road="工业大道",
    ),
    _unit("sqgw", "示范县城市社区管理委员会", "城市社区管委会", "zone", "gov", road="人民大道"),
    _unit("jfj", "示范经济开发区经济发展局", "区经发局", "other", "kfq", ["经开区经发局"], road="工业大道"),
    # 乡镇、街道
    _unit("cgz", "示范县城关镇人民政府", "城关镇", "township", road="城关镇府前路"),
    _unit("dsz", "示范县东山镇人民政府", "东山镇", "township", road="东山镇东山街"),
    _unit("xhz", "示范县西河镇人民政府", "西河镇", "township", road="西河镇河西路"),
    _unit("nlz", "示范县南岭镇人民政府", "南岭镇", "township", road="南岭镇岭南路"),
    _unit("sqz", "示范县石桥镇人民政府", "石桥镇", "township", road="石桥镇石桥街"),
    _unit("qxx", "示范县清溪乡人民政府", "清溪乡", "township", road="清溪乡溪口路"),
    _unit("byx", "示范县白云乡人民政府", "白云乡", "township", road="白云乡云山路"),
    _unit("flx", "示范县枫林乡人民政府", "枫林乡", "township", road="枫林乡枫林街"),
    _unit("cdjd", "示范县城东街道办事处", "城东街道", "subdistrict", road="东门路"),
    _unit("cxjd", "示范县城西街道办事处", "城西街道", "subdistrict", road="西门路"),
    # 事业单位
    _unit("rmt", "示范县融媒体中心", "县融媒体中心", "institution", aliases=["融媒体中心"], road="文化路"),
    _unit("dag", "示范县档案馆", "县档案馆", "institution", road="文化路"),
    _unit("yshj", "示范县营商环境服务中心", "县营商环境服务中心", "institution", road="政务服务中心"),
    _unit("ggzy", "示范县公共资源交易中心", "县公共资源交易中心", "institution", road="政务服务中心"),
    _unit("rmyy", "示范县人民医院", "县人民医院", "institution", "wjw", road="健康路"),
    # 公共企事业单位（供水、供电、燃气）
    _unit(
        "gs", "示范县自来水有限责任公司", "县自来水公司", "enterprise", None, ["县供水公司"], road="滨江路"
    ),
    _unit("gd", "国网示范县供电公司", "县供电公司", "enterprise", None, ["示范县供电公司"], road="滨江路"),
    _unit("rq", "示范县天然气有限公司", "县燃气公司", "enterprise", None, ["县天然气公司"], road="滨江路"),
]

# Units with staff, and the staff's names per role (realistic names, ascii usernames ``<key>_<role>``).
STAFF_UNITS = {
    "zfb": ("陈晓燕", "刘建华", "王丽娟", "张志强"),
    "fgw": ("李明", "赵雪梅", "孙国庆", "周建国"),
    "zrzy": ("吴海涛", "郑秀兰", "冯立新", "杨卫东"),
    "jkt": ("何静", "黄文斌", "林小红", "罗永平"),
    "sfj": ("谢婷", "宋志刚", "唐慧敏", "邓光明"),
    "cgz": ("曾丽萍", "彭海军", "许春花", "萧德胜"),
    "dsz": ("蔡晓玲", "潘家明", "袁秋菊", "钟振华"),
}
STAFF_ROLES = ("editor", "reviewer", "foi_officer", "leader")
ROLE_SUFFIX = {"editor": "editor", "reviewer": "reviewer", "foi_officer": "foi", "leader": "leader"}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    unit: str
    roles: tuple[str, ...]
    superuser: bool = False
    phone: str = field(default="")


def demo_users() -> list[DemoUser]:
    users = [
        DemoUser("admin", "系统管理员", "zfb", ("sys_admin",), superuser=True),
        DemoUser("office", "邱慧琳", "zfb", ("office_admin",)),
        DemoUser("office2", "韩振宇", "zfb", ("office_admin",)),
    ]
    for key, names in STAFF_UNITS.items():
        for role, full_name in zip(STAFF_ROLES, names, strict=True):
            users.append(DemoUser(f"{key}_{ROLE_SUFFIX[role]}", full_name, key, (role,)))
    users.append(DemoUser("sfj_legal", "程雅琴", "sfj", ("legal_adviser",)))
    return [
        DemoUser(user.username, user.full_name, user.unit, user.roles, user.superuser, f"1390799{index:04d}")
        for index, user in enumerate(users)
    ]


def credit_code(index: int, kind: str) -> str:
    """A valid, deterministic 统一社会信用代码: 11 for government bodies, 12 for institutions, 91 for enterprises."""
    head = {"institution": "12", "enterprise": "91"}.get(kind, "11")
    org8 = f"{14500000 + index * 7:08d}"
    org9 = org8 + _org_code_check(org8)
    first17 = head + REGION_CODE + org9
    return first17 + check_character(first17)


def unit_fields(index: int, unit: DemoUnit) -> dict:
    """Every stored field of a demo unit except the parent."""
    code = credit_code(index, unit.kind)
    return {
        "kind": unit.kind,
        "short_name": unit.short_name,
        "aliases": list(unit.aliases),
        "credit_code": code,
        "index_prefix": code[8:17],  # the organisation code, as many county sites do
        "sort_order": (index + 1) * 10,
        "address": f"示范县{unit.road}{(index % 40) + 1}号",
        "postcode": "369900" if unit.kind not in ("township",) else f"3699{10 + index % 80:02d}",
        "office_hours": OFFICE_HOURS,
        "phone": f"0799-62{index:05d}",
        "fax": f"0799-63{index:05d}",
        "email": f"{unit.key}@shifan.gov.cn",
        "website": "https://www.shifan.gov.cn/",
        "functions": DEMO_FUNCTIONS.get(unit.key, ""),
    }


def load(out) -> None:
    """Create or refresh the demo units and staff (through the audited services)."""
    from .models import Membership, Unit, User
    from .services import add_membership, create_staff, create_unit, save_leaders, update_unit

    by_key: dict[str, Unit] = {}
    created = updated = 0
    for index, spec in enumerate(DEMO_UNITS):
        fields = unit_fields(index, spec)
        parent = by_key.get(spec.parent) if spec.parent else None
        unit = Unit.objects.filter(name=spec.name).first()
        if unit is None:
            unit = create_unit(actor=None, name=spec.name, parent=parent, **fields)
            created += 1
        else:
            changes = {key: value for key, value in fields.items() if getattr(unit, key) != value}
            if unit.parent_id != (parent.pk if parent else None):
                changes["parent"] = parent
            if not unit.is_active:
                changes["is_active"] = True
            if changes:
                unit = update_unit(unit, actor=None, **changes)
                updated += 1
        by_key[spec.key] = unit
        if spec.key in DEMO_LEADERS:
            rows = [{"post": p, "name": n, "duties": d} for p, n, d in DEMO_LEADERS[spec.key]]
            save_leaders(unit, actor=None, leaders=rows)  # no change, no event: safe to run twice

    from django.contrib.auth.hashers import make_password

    new_users = 0
    password_hash = ""  # hashed once: one slow hash instead of one per account
    for spec in demo_users():
        unit = by_key[spec.unit]
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = create_staff(
                actor=None,
                username=spec.username,
                password=DEMO_PASSWORD,
                full_name=spec.full_name,
                phone=spec.phone,
                is_superuser=spec.superuser,
                password_hash=password_hash,
            )
            new_users += 1
        for role in spec.roles:
            if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
                add_membership(user, actor=None, unit=unit, role=role)
    out.write(f"单位：新建 {created} 个，更新 {updated} 个；人员：新建 {new_users} 个。\n")
    load_login_protection(out)


# Login protection (登录保护) in every state, from documentation-only addresses (TEST-NET, never real clients):
# an address locked out of one account, an account whose guessers from several addresses meet the delay, an address
# locked across accounts, and an account unlocked by the office (once: its audit event is not repeated).
DEMO_GUESSER = "203.0.113.66"
DEMO_SPREAD = ("198.51.100.11", "198.51.100.12", "198.51.100.13")
DEMO_SCANNER = "192.0.2.200"
DEMO_UNLOCK_REASON = "演示：本人来电说明是忘记密码后反复尝试，已核实身份"


def load_login_protection(out) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.audit.models import AuditEvent

    from .models import LoginFailure, User
    from .services import unlock_login

    now = timezone.now()
    addresses = [DEMO_GUESSER, *DEMO_SPREAD, DEMO_SCANNER, "203.0.113.99"]
    LoginFailure.objects.filter(client_ip__in=addresses).delete()
    rows = [LoginFailure(username="zrzy_editor", client_ip=DEMO_GUESSER) for _ in range(5)]
    rows += [LoginFailure(username="dsz_reviewer", client_ip=ip) for ip in DEMO_SPREAD for _ in range(4)]
    rows += [
        LoginFailure(username=name, client_ip=DEMO_SCANNER)
        for name in ("root", "test", "administrator", "guest")
        for _ in range(5)
    ]
    LoginFailure.objects.bulk_create(rows)
    # As if made a little earlier: the guessers' failures spread over the last minutes.
    for offset, failure in enumerate(LoginFailure.objects.filter(client_ip__in=addresses).order_by("-pk")):
        LoginFailure.objects.filter(pk=failure.pk).update(time=now - timedelta(seconds=20 + offset * 7))
    if not AuditEvent.objects.filter(action="auth.unlocked", reason=DEMO_UNLOCK_REASON).exists():
        LoginFailure.objects.bulk_create(
            [LoginFailure(username="jkt_editor", client_ip="203.0.113.99") for _ in range(5)]
        )
        unlock_login(
            actor=User.objects.get(username="office"), username="jkt_editor", reason=DEMO_UNLOCK_REASON
        )
    out.write("登录保护：演示了被暂停的地址、逐次延长的等待和一次解锁（/work/orgs/logins/）。\n")


def print_logins(out) -> None:
    """A compact table of the demo logins, the shared password and where to log in."""
    from .models import Unit, User

    names = dict(Unit.objects.filter(name__in=[u.name for u in DEMO_UNITS]).values_list("name", "short_name"))
    unit_names = {u.key: names.get(u.name) or u.short_name for u in DEMO_UNITS}
    existing = set(User.objects.values_list("username", flat=True))
    from gongkai.roles import Role

    rows = [
        (u.username, u.full_name, unit_names[u.unit], "、".join(Role(r).label for r in u.roles))
        for u in demo_users()
        if u.username in existing
    ]
    if not rows:
        out.write("尚未创建演示账号：请先运行 gongkai demo。\n")
        return
    width = max(len(r[0]) for r in rows)
    out.write(f"演示账号（共 {len(rows)} 个，密码均为 {DEMO_PASSWORD}）：\n")
    for username, full_name, unit, roles in rows:
        out.write(f"  {username.ljust(width)}  {full_name}\t{unit}\t{roles}\n")
    out.write(f"登录地址：{LOGIN_URL}\n")
