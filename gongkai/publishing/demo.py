"""Demo data of active disclosure: publications of several units in every state, through the real services.

Among them the users' story of the issue: 城关镇's subsidy notice with an .xlsx list of recipients whose (fake but
checksum-valid) ID numbers, phones and bank cards are found by the scanner and masked before review; a list
returned by the reviewer with reasons; a withdrawn notice; a scheduled one; a late one; one due for cleanup.
Safe to run twice: an item is created only when its unit has no item with that title.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

from django.utils import timezone

from gongkai.core.textscan.idnumber import check_char

REGION = "369901"  # the demo county's made-up region code (orgs.demo)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "桂兰", "志强", "海燕", "国华", "春梅", "德明", "玉珍", "永福", "小红", "金凤")
ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name, self.size = name, len(data)


def fake_id(i: int) -> str:
    """A checksum-valid ID number of a made-up person (region 369901 does not exist)."""
    birth = date(1948 + (i * 7) % 45, 1 + (i * 5) % 12, 1 + (i * 11) % 28)
    first17 = f"{REGION}{birth:%Y%m%d}{(i * 37) % 1000:03d}"
    return first17 + check_char(first17)


def luhn_card(i: int) -> str:
    body = f"621799{i:012d}"
    digits = [int(c) for c in body]
    total = 0
    for k, d in enumerate(reversed(digits)):
        if k % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)


def table_xlsx(title: str, rows: list[list]) -> bytes:
    """A plain sheet with no personal data (a new version's file)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def recipients_xlsx(count: int = 12) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "发放名单"
    ws.append(["城关镇2026年耕地地力保护补贴发放名单"])
    ws.append(
        [
            "序号",
            "村（社区）",
            "姓名",
            "身份证号码",
            "联系电话",
            "补贴面积（亩）",
            "补贴金额（元）",
            "一卡通账号",
            "家庭住址",
        ]
    )
    villages = ("东门村", "西街社区", "南塘村", "北岭村")
    for i in range(count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)]
        village = villages[i % len(villages)]
        area = round(2.5 + (i * 1.3) % 9, 1)
        ws.append(
            [
                i + 1,
                village,
                name,
                fake_id(i + 1),
                f"1387990{1200 + i * 7:04d}",
                area,
                round(area * 105.6, 2),
                luhn_card(i + 31),
                f"城关镇{village}{(i % 9) + 1}组{(i % 40) + 3}号",
            ]
        )
    ws.append(["合计", "", "", "", "", "", "", "", ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def passbook_list_xlsx(count: int = 300) -> bytes:
    """A 一卡通 list whose accounts fail Luhn (passbooks) and whose 审批编号 are card-like serial numbers: only the
    column headers tell them apart (header context); phones and IDs as usual."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["序号", "户主姓名", "身份证号码", "联系电话", "存折账号", "审批编号", "金额（元）"])
    for i in range(count):
        card = luhn_card(5000 + i)
        passbook = card[:-1] + str((int(card[-1]) + 3) % 10)  # one digit off: no longer a Luhn number
        serial = luhn_card(9000 + i)  # a serial that passes Luhn by construction
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 5) % len(GIVEN)]
        ws.append([i + 1, name, fake_id(200 + i), f"1360799{i:04d}", passbook, serial, 300 + 50 * (i % 4)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _dt(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, hour, 0))


def _p(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def load(out) -> None:
    from gongkai.orgs.models import Unit, User

    from . import services
    from .models import CatalogNode, Publication, SensitiveTerm
    from .vocab import State, Verdict

    services.ensure_template()
    units = {
        u.short_name: u
        for u in Unit.objects.filter(
            short_name__in=["县发改委", "城关镇", "东山镇", "县自然资源局", "县教科体局", "县司法局"]
        )
    }
    users = {u.username: u for u in User.objects.filter(username__contains="_")}
    office = User.objects.filter(username="office").first()
    if len(units) < 6 or "cgz_editor" not in users:
        out.write("主动公开：缺少演示单位或人员（请先加载 gongkai.orgs.demo），跳过。\n")
        return
    today = timezone.localdate()
    node = {n.code: n for n in CatalogNode.objects.filter(unit__isnull=True).exclude(code="")}

    def own_node(unit, name, parent=None, **cols):
        found = CatalogNode.objects.filter(unit=unit, name=name).first()
        if found:
            return found
        return services.create_node(
            unit, actor=users[f"{key_of[unit.pk]}_editor"], parent=parent, name=name, **cols
        )

    key_of = {
        units["县发改委"].pk: "fgw",
        units["城关镇"].pk: "cgz",
        units["东山镇"].pk: "dsz",
        units["县自然资源局"].pk: "zrzy",
        units["县教科体局"].pk: "jkt",
        units["县司法局"].pk: "sfj",
    }
    subsidy_node_cgz = own_node(
        units["城关镇"],
        "惠民惠农财政补贴资金",
        node["art20-11-01"],
        elements="补贴政策、补贴对象、补贴标准、发放结果（个人信息脱敏后公开）",
        basis="《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》",
        time_limit="资金发放后10个工作日内",
        subject="城关镇人民政府",
        channels="政府网站、村务公开栏",
        audience="全社会",
        mode="主动",
        level="乡级、村级",
    )
    own_node(
        units["东山镇"],
        "农村危房改造",
        node["art21t-01"],
        elements="补助对象、补助标准、审核结果",
        basis="《农村危房改造补助资金管理办法》",
        time_limit="审核确定后及时公开",
        subject="东山镇人民政府",
        channels="政府网站、公示栏（电子屏）",
        mode="主动",
        level="乡级、村级",
    )
    if office is not None:
        for wrong, correct, note in (
            ("示范县人民政府办公厅", "示范县人民政府办公室", "县级政府设办公室，不设办公厅"),
            ("城关镇政府", "城关镇人民政府", "正式文件中使用机关全称"),
        ):
            if not SensitiveTerm.objects.filter(wrong=wrong).exists():
                services.save_term(actor=office, wrong=wrong, correct=correct, note=note, severity="low")

    created = 0

    def make(unit_key, title, body, *, formed, topic, nodes, editor=None, **extra):
        nonlocal created
        unit = units[unit_key]
        if Publication.objects.filter(unit=unit, title=title).exists():
            return None
        created += 1
        author = users[editor or f"{key_of[unit.pk]}_editor"]
        return services.create_draft(
            unit, actor=author, title=title, body=body, formed_date=formed, topic=topic, nodes=nodes, **extra
        )

    def review(pub, verdict=Verdict.APPROVED, checks=None, reason=""):
        reviewer = users[f"{key_of[pub.unit_id]}_reviewer"]
        services.submit(pub, actor=pub.author)
        services.start_review(pub, actor=reviewer)
        return services.decide_review(
            pub, actor=reviewer, checks=checks or ALL_PASS, verdict=verdict, reason=reason
        )

    def publish(pub, when: date):
        services.publish(pub, actor=users[f"{key_of[pub.unit_id]}_reviewer"], now=_dt(when))

    year = today.year
    # 1. The users' story: a township subsidy notice whose .xlsx list holds IDs, phones, bank cards, addresses.
    pub = make(
        "城关镇",
        f"城关镇{year}年耕地地力保护补贴资金发放情况公示",
        _p(
            "各村（社区）、广大农户：",
            f"根据县农业农村局、县财政局关于做好{year}年耕地地力保护补贴工作的通知要求，经农户申报、村级公示、镇级审核，"
            f"现将我镇{year}年耕地地力保护补贴资金发放情况予以公示（名单见附件）。补贴标准为每亩105.6元，资金已通过惠民惠农财政补贴资金“一卡通”发放到户。",
            "公示期为7天。如有异议，请在公示期内向城关镇农业综合服务中心反映，联系电话：0799-6200123。",
        )
        + "<h2>一、补贴对象</h2>"
        + "<ul><li>拥有耕地承包权的种地农民；</li><li>已改变用途的耕地不纳入补贴范围。</li></ul>",
        formed=today - timedelta(days=12),
        topic="农业、林业、水利",
        nodes=[subsidy_node_cgz, node["art20-11"]],
        doc_number=f"城政字[{year}]41号",
        review_by=today + timedelta(days=180),
    )
    if pub is not None:
        services.add_attachment(
            pub,
            actor=users["cgz_editor"],
            uploaded=_Upload(recipients_xlsx(), f"{year}年耕地地力保护补贴发放名单.xlsx"),
        )
        # The office phone in the body is meant to be public: the editor says so, then masks the rest.
        for finding in pub.findings.filter(status="open", kind="landline", attachment__isnull=True):
            services.resolve_finding(
                finding,
                actor=users["cgz_editor"],
                status="false_positive",
                reason="镇农业综合服务中心办公电话，应当公开",
            )
        services.mask_publication(pub, actor=users["cgz_editor"])
        review(pub)
        publish(pub, today - timedelta(days=2))

    # 1b. Header context and grouped masking: a 300-row 一卡通 list. Its 存折账号 column fails Luhn and its 审批编号
    # column holds card-like serials: the headers decide (accounts are findings, serials are not). The editor masks
    # the ID and account groups and leaves the phone group open for the reviewer: the draft shows both states.
    pub = make(
        "城关镇",
        f"城关镇{year}年惠民惠农“一卡通”补贴发放名单（初稿）",
        _p("现将我镇惠民惠农财政补贴资金“一卡通”发放名单公示如下（见附件），公示期7天。"),
        formed=today - timedelta(days=3),
        topic="农业、林业、水利",
        nodes=[subsidy_node_cgz],
    )
    if pub is not None:
        services.add_attachment(
            pub,
            actor=users["cgz_editor"],
            uploaded=_Upload(passbook_list_xlsx(), f"{year}年“一卡通”补贴发放名单.xlsx"),
        )
        chosen = pub.findings.filter(status="open", kind__in=("id_number", "bank_card"))
        services.mask_publication(
            pub, actor=users["cgz_editor"], finding_ids=list(chosen.values_list("pk", flat=True))
        )

    # 2. Returned with reasons: the list pasted into the body, unmasked.
    pub = make(
        "城关镇",
        f"城关镇{year}年第三季度城乡低保对象名单公示",
        _p("经入户调查、民主评议和镇级审核，现将第三季度新增城乡低保对象公示如下：")
        + "<table><tbody><tr><td>姓名</td><td>身份证号码</td><td>保障人数</td><td>家庭住址</td></tr>"
        + "".join(
            f"<tr><td>{SURNAMES[i]}{GIVEN[i + 3]}</td><td>{fake_id(40 + i)}</td><td>{1 + i % 3}</td><td>城关镇南塘村{i + 2}组{i + 11}号</td></tr>"
            for i in range(4)
        )
        + "</tbody></table>",
        formed=today - timedelta(days=6),
        topic="民政、扶贫、救灾",
        nodes=[node["art20-11-04"]],
    )
    if pub is not None:
        checks = dict(ALL_PASS)
        checks["secrecy"] = (
            False,
            "表格中列出了低保对象完整身份证号和门牌号，须按规范脱敏（身份证号保留前2位和后3位，住址只保留到村）",
        )
        checks["wording"] = (False, "标题应为“城乡最低生活保障对象”，“低保”为简称")
        review(pub, Verdict.RETURNED, checks, "请脱敏后修改标题重新提交")

    # 3. Published on time.
    pub = make(
        "城关镇",
        f"关于做好{year}年秋冬季森林防灭火工作的通知",
        _p(
            "各村（社区）、镇直各单位：",
            "当前已进入秋冬季森林防火期，为切实做好森林防灭火工作，现就有关事项通知如下：",
        )
        + "<h2>一、压实防火责任</h2>"
        + _p("各村（社区）要落实网格化管理，明确护林员巡山责任区域。")
        + "<h2>二、严格野外火源管控</h2>"
        + "<ol><li>严禁野外烧荒、烧秸秆；</li><li>祭祀用火须在指定地点进行。</li></ol>",
        formed=today - timedelta(days=30),
        topic="市场监管、安全生产监管",
        nodes=[node["art20-12-01"]],
        doc_number=f"城政办字〔{year}〕9号",
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=25))

    # 4. A draft consultation.
    make(
        "城关镇",
        f"城关镇{year + 1}年度财政预算编制说明（征求意见稿）",
        _p("征求意见稿", f"为做好{year + 1}年度预算编制工作，现公开征求意见。"),
        formed=today - timedelta(days=3),
        topic="财政、金融、审计",
        nodes=[node["art20-07-01"]],
        is_consultation=True,
    )

    # 5. Withdrawn after publication.
    pub = make(
        "东山镇",
        f"东山镇{year}年农村危房改造补助对象公示",
        _p(
            f"根据《示范县{year}年农村危房改造实施方案》，经农户申请、村级评议、镇级审核，现将{year}年农村危房改造补助对象予以公示：",
            "东山村钟某某、东山村袁某某、河口村潘某某（C级，补助1.5万元）。",
            "公示期7天，监督电话：0799-6200456。",
        ),
        formed=today - timedelta(days=40),
        topic="城乡建设、环境保护",
        nodes=[node["art21t-01"]],
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=35))
        services.withdraw(
            pub, actor=users["dsz_reviewer"], reason="名单中一户补助对象信息有误，核实后重新公示"
        )

    # 6. Submitted, waiting for review.
    pub = make(
        "东山镇",
        f"东山镇关于开展{year}年度农村集体经营性资产清查的通知",
        _p("各村：为摸清农村集体经营性资产底数，镇党委、镇政府决定在全镇开展农村集体经营性资产清查工作。"),
        formed=today - timedelta(days=4),
        topic="农业、林业、水利",
        nodes=[node["art21t-03"]],
    )
    if pub is not None:
        services.submit(pub, actor=pub.author)

    # 7. A normative document, published and valid.
    pub = make(
        "县发改委",
        f"示范县发展和改革委员会关于印发《{year}年节能降碳工作要点》的通知",
        _p(
            "各乡镇人民政府，县直有关单位：",
            f"现将《{year}年节能降碳工作要点》印发给你们，请结合实际认真贯彻落实。",
        )
        + "<h2>一、总体要求</h2>"
        + _p("坚持节约优先，推动能耗双控逐步转向碳排放双控。")
        + "<h2>二、重点任务</h2>"
        + "<ol><li>严格固定资产投资项目节能审查；</li><li>推进重点领域节能降碳改造；</li><li>开展节能宣传周活动。</li></ol>",
        formed=today - timedelta(days=60),
        topic="国民经济管理、国有资产监管",
        nodes=[node["art20-01-01"], node["art20-03-02"]],
        doc_number=f"示发改字（{year}）18号",
        validity="valid",
        expires_on=today.replace(year=year + 5),
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=55))

    # 8. Published late (more than 20 working days after it was formed).
    formed_late = today - timedelta(days=90)
    pub = make(
        "县发改委",
        f"示范县{year}年重点建设项目计划",
        _p(f"{year}年全县共安排重点建设项目86个，总投资312.6亿元，年度计划投资78.4亿元。")
        + "<table><tbody><tr><th>类别</th><th>项目数</th><th>年度计划投资（亿元）</th></tr>"
        + "<tr><td>产业发展</td><td>38</td><td>41.2</td></tr><tr><td>基础设施</td><td>27</td><td>25.6</td></tr>"
        + "<tr><td>社会民生</td><td>21</td><td>11.6</td></tr></tbody></table>",
        formed=formed_late,
        topic="国民经济管理、国有资产监管",
        nodes=[node["art20-10"]],
        doc_number=f"示发改字〔{year}〕7号",
    )
    if pub is not None:
        review(pub)
        publish(pub, formed_late + timedelta(days=45))

    # 9. Approved and scheduled.
    pub = make(
        "县发改委",
        f"关于{year}年第四季度重要民生商品价格监测情况的通报",
        _p("第四季度全县重要民生商品价格总体平稳，粮油价格持平，猪肉价格环比下降3.2%，蔬菜价格季节性上涨。"),
        formed=today - timedelta(days=2),
        topic="市场监管、安全生产监管",
        nodes=[node["art20-04"]],
    )
    if pub is not None:
        review(pub)
        services.schedule(pub, actor=users["fgw_editor"], when=_dt(today + timedelta(days=3), 9))

    # 10. Under review.
    pub = make(
        "县发改委",
        "示范县“十五五”规划纲要编制工作方案",
        _p("为科学编制全县国民经济和社会发展第十五个五年规划纲要，制定本方案。")
        + "<h2>一、编制原则</h2>"
        + _p("坚持问计于民，广泛听取社会各界意见建议。"),
        formed=today - timedelta(days=5),
        topic="国民经济管理、国有资产监管",
        nodes=[node["art20-03-01"]],
    )
    if pub is not None:
        services.submit(pub, actor=pub.author)
        services.start_review(pub, actor=users["fgw_reviewer"])

    # 11. Land expropriation notice (第二十一条).
    pub = make(
        "县自然资源局",
        f"示范县{year}年第二批次城镇建设用地征收土地公告",
        _p(
            f"经江西省人民政府批准（赣府土字〔{year}〕112号），现将征收土地有关事项公告如下：",
            "一、征收土地位置：城关镇东门村、南塘村。",
            "二、征收土地面积：共计12.3456公顷，其中农用地10.2134公顷。",
            "三、补偿标准：按照省政府公布的区片综合地价执行。",
        ),
        formed=today - timedelta(days=20),
        topic="国土资源、能源",
        nodes=[node["art21-04"]],
        doc_number=f"示自然资征告〔{year}〕2号",
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=14))

    # 12. Archived (outdated).
    pub = make(
        "县自然资源局",
        f"{year - 1}年度示范县土地利用年度计划执行情况",
        _p(f"{year - 1}年度全县下达新增建设用地计划指标356.7亩，实际使用312.4亩。"),
        formed=today - timedelta(days=300),
        topic="国土资源、能源",
        nodes=[node["art20-03-02"]],
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=290))
        services.archive(pub, actor=users["zrzy_reviewer"], reason="年度计划已执行完毕，移入历史信息")

    # 13. Education.
    pub = make(
        "县教科体局",
        f"{year}年示范县义务教育阶段学校招生工作方案",
        _p("坚持免试就近入学，公办民办学校同步招生。")
        + "<h2>一、招生对象</h2>"
        + _p(f"{year}年8月31日前年满6周岁的适龄儿童。")
        + "<h2>二、时间安排</h2>"
        + "<ul><li>7月10日—7月20日：网上报名；</li><li>8月1日前：公布录取结果。</li></ul>",
        formed=today - timedelta(days=120),
        topic="科技、教育",
        nodes=[node["art20-11-02"]],
        doc_number=f"示教科体字〔{year}〕23号",
        validity="valid",
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=110))

    # 14. A draft with wording problems.
    make(
        "县教科体局",
        "关于组织开展中小学校园安全隐患排查整治的通知",
        _p("截止目前，各学校要做为重点工作布署落实，并于本月底前上报排查情况。"),
        formed=today - timedelta(days=1),
        topic="科技、教育",
        nodes=[node["art20-13"]],
    )

    # 15. Justice bureau: published, and one due for cleanup.
    pub = make(
        "县司法局",
        f"示范县司法局{year - 1}年度行政执法数据统计",
        _p(f"{year - 1}年度本局共办理行政许可事项126件，行政处罚案件8件，行政检查43次。"),
        formed=today - timedelta(days=200),
        topic="公安、安全、司法",
        nodes=[node["art20-06"]],
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=190))
    pub = make(
        "县司法局",
        "关于公开征集行政规范性文件清理意见的公告",
        _p("为做好行政规范性文件清理工作，现向社会公开征集意见，征集时间截至2025年12月31日。"),
        formed=today - timedelta(days=420),
        topic="公安、安全、司法",
        nodes=[node["art20-01-01"]],
        review_by=today - timedelta(days=10),
    )
    if pub is not None:
        review(pub)
        publish(pub, today - timedelta(days=410))

    # 17. Published, then a file added: a new version under review while the public keeps the approved files
    #     (先审后发 for files, issue 11); and one whose new version the reviewer returned.
    for title, verdict in (
        (f"示范县{year}年第二批建设用地征收补偿安置方案公告", ""),
        (f"示范县{year}年城区道路改造工程征收范围公告", Verdict.RETURNED),
    ):
        pub = make(
            "县自然资源局",
            title,
            _p("根据《中华人民共和国土地管理法》第四十七条，现将征收补偿安置方案公告如下。"),
            formed=today - timedelta(days=30),
            topic="国土资源、能源",
            nodes=[node["art21-04"]],
        )
        if pub is None:
            continue
        services.add_attachment(
            pub,
            actor=users["zrzy_editor"],
            uploaded=_Upload(
                table_xlsx("征收范围", [["地块", "面积（公顷）"], ["一号地块", 3.21]]), "征收范围表.xlsx"
            ),
        )
        review(pub)
        publish(pub, today - timedelta(days=20))
        services.add_attachment(
            pub,
            actor=users["zrzy_editor"],
            uploaded=_Upload(
                table_xlsx("补偿标准", [["地类", "标准（元/亩）"], ["耕地", 52000], ["园地", 48000]]),
                "补偿标准表（新增）.xlsx",
            ),
        )
        if verdict == Verdict.RETURNED:
            services.decide_review(
                pub,
                actor=users["zrzy_reviewer"],
                checks={**ALL_PASS, "policy": (False, "补偿标准须与省政府公布的区片综合地价一致")},
                verdict=Verdict.RETURNED,
                reason="补偿标准表与批复不一致，请核对后重新上传。",
            )

    # 16. Formed long ago and still not submitted: overdue under the 20-working-day rule.
    make(
        "县自然资源局",
        f"示范县{year}年度地质灾害防治方案",
        _p("为做好全县地质灾害防治工作，最大限度减少人员伤亡和财产损失，制定本方案。"),
        formed=today - timedelta(days=50),
        topic="国土资源、能源",
        nodes=[node["art20-12-01"]],
    )

    # 17. Files as townships send them (issue 13): a WPS/Excel 97 .xls list (converted by LibreOffice, scanned,
    # masked into an .xlsx), an OFD notice (text read by page, a phone flagged: replace the file) and a scanned PDF
    # (no text layer: checked by hand). A draft, so every state of these files shows on one page.
    pub = make(
        "东山镇",
        f"东山镇{year}年农村危房改造补助对象审核结果公示",
        _p(
            "经农户申请、村级评议、镇级审核，现将农村危房改造补助对象审核结果予以公示（名单、公告及入户核查表见附件）。"
        ),
        formed=today - timedelta(days=3),
        topic="城乡建设、环境保护",
        nodes=[node["art21t-01"]],
    )
    if pub is not None:
        folder = Path(__file__).parent / "data" / "demo"
        for name in ("危房改造补助对象名单.xls", "审核结果公告.ofd", "入户核查表（扫描件）.pdf"):
            services.add_attachment(
                pub, actor=users["dsz_editor"], uploaded=_Upload((folder / name).read_bytes(), name)
            )
        services.mask_publication(pub, actor=users["dsz_editor"])

    # 18. The 政府信息公开 column's own parts: two 信息公开制度 (/xxgk/zhidu/) and an earlier year's annual report filed
    # as a document under the 年报 item (/xxgk/nianbao/; this year's are written in the reports app).
    for unit_key, title, body, doc_number, code, days in (
        (
            "县司法局",
            "示范县司法局政府信息公开保密审查制度",
            _p(
                "第一条 为规范本局政府信息公开保密审查工作，根据《中华人民共和国政府信息公开条例》和《中华人民共和国保守国家秘密法》，制定本制度。",
                "第二条 拟公开的政府信息，由起草科室初审，办公室保密审查员复审，实行“先审后发、一事一审”。",
                "第三条 对涉及个人隐私的名单、表格，公开前须删除或遮蔽身份证号码、手机号码、银行账号等个人信息。",
            ),
            f"示司发〔{year}〕3号",
            "xxgk-zhidu",
            120,
        ),
        (
            "县发改委",
            "示范县发展和改革委员会依申请公开工作制度",
            _p(
                "一、本委依申请公开工作由办公室统一受理，按《中华人民共和国政府信息公开条例》第三十三条规定的期限答复。",
                "二、申请内容不明确的，在收到申请之日起7个工作日内一次性告知申请人补正。",
                "三、答复书经分管负责人审核后出具，办理过程全程登记。",
            ),
            f"示发改发〔{year}〕9号",
            "xxgk-zhidu",
            90,
        ),
        (
            "城关镇",
            f"城关镇人民政府{year - 2}年政府信息公开工作年度报告",
            _p(
                f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自{year - 2}年1月1日起至{year - 2}年12月31日止。",
                "一、总体情况：全年主动公开政府信息312条，受理依申请公开3件，均按期答复。",
            ),
            "",
            "xxgk-nianbao",
            400,
        ),
    ):
        pub = make(
            unit_key,
            title,
            body,
            formed=today - timedelta(days=days),
            topic="综合政务",
            nodes=[node[code]],
            doc_number=doc_number,
        )
        if pub is not None:
            review(pub)
            publish(pub, today - timedelta(days=days - 2))

    states = sorted(set(Publication.objects.filter(unit__in=units.values()).values_list("state", flat=True)))
    out.write(
        f"主动公开：新建演示信息 {created} 条（状态：{'、'.join(State(s).label for s in sorted(states))}）。\n"
    )
