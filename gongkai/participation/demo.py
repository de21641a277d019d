"""Demo data of public participation: the year's major-decision catalogue (6 decisions across the stages, one
participation-mandatory item blocked before 决定), 3 consultations (open; closed awaiting feedback; closed with
published feedback) with 65 opinions in every state, 2 open days (one open for sign-up with a waiting list, one
finished with its results), 3 meetings with public seats. Everything through the services; deterministic and
idempotent (an item found by its title is left alone). Names and phone numbers are made up."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))

DRAFTS = {
    "water": (
        "示范县城区供水价格调整方案",
        [
            "第一条　为促进节约用水，保障供水企业正常运营，根据有关规定，制定本方案。",
            "第二条　本方案适用于县城区公共供水管网覆盖范围内的用水户。",
            "第三条　居民生活用水实行阶梯水价，第一阶梯年用水量180立方米以内，水价每立方米2.60元。",
            "第四条　第二阶梯年用水量181至260立方米，水价每立方米3.90元。",
            "第五条　低保户、特困供养人员每户每月免收5立方米水费。",
            "第六条　本方案自2027年1月1日起施行。",
        ],
    ),
    "estates": (
        "示范县老旧小区改造实施方案",
        [
            "第一条　为改善居民居住条件，推进城镇老旧小区改造，制定本方案。",
            "第二条　改造对象为2000年底前建成、失养失修失管的住宅小区。",
            "第三条　改造内容分为基础类、完善类和提升类，基础类改造由政府投资为主。",
            "第四条　加装电梯由业主自愿申请，财政每部补助15万元。",
            "第五条　改造方案须经小区三分之二以上业主同意。",
            "第六条　本方案自印发之日起施行。",
        ],
    ),
    "village": (
        "示范县农村人居环境整治提升办法",
        [
            "第一条　为持续改善农村人居环境，建设宜居宜业和美乡村，制定本办法。",
            "第二条　本办法适用于本县行政区域内的行政村。",
            "第三条　对完成卫生厕所改造的农户，每户补助800元。",
            "第四条　生活垃圾实行户分类、村收集、镇转运、县处理。",
            "第五条　各镇每年开展两次村庄清洁行动评比。",
            "第六条　本办法自发布之日起施行。",
        ],
    ),
}

# (name, contact, clause, text): the citizens' opinions. Names and numbers are invented.
OPINIONS = {
    "water": [
        ("王建国", "13800001001", "第三条", "第一阶梯水量180立方米偏少，建议调整为200立方米。"),
        ("李秀英", "", "第三条", "第一阶梯水量180立方米偏少，建议调整为200立方米。"),
        ("", "", "第五条", "建议将残疾人家庭纳入免收范围。"),
        ("张伟", "zhangwei@example.com", "第四条", "第二阶梯价格上涨幅度过大，建议分两年到位。"),
        ("刘洋", "13800001005", "", "建议公开供水企业成本监审报告。"),
        ("陈静", "", "第六条", "施行时间建议推迟到2027年7月1日，给居民适应时间。"),
        ("", "", "", "水价太贵了，管理部门都是骗子！！！"),
        ("杨帆", "13800001008", "第二条", "城郊结合部未接入管网的住户如何执行，请予明确。"),
        ("赵磊", "", "第三条", "多人口家庭按户计算不公平，建议按人口核定阶梯水量。"),
        ("黄丽", "13800001010", "第三条", "多人口家庭按户计算不公平，建议按人口核定阶梯水量。"),
        ("周强", "", "第五条", "免收水量5立方米偏少。"),
        ("吴敏", "", "", "支持阶梯水价，有利于节约用水。"),
    ],
    "estates": [
        ("孙丽华", "13800002001", "第四条", "加装电梯补助15万元不够，建议提高到20万元。"),
        ("", "", "第四条", "加装电梯补助15万元不够，建议提高到20万元。"),
        ("马超", "", "第五条", "三分之二业主同意门槛过高，建议改为过半数。"),
        ("朱红", "13800002004", "第二条", "2000年底前建成的标准建议放宽到2005年。"),
        ("胡军", "", "第三条", "建议把停车位改造列入完善类。"),
        ("郭芳", "guofang@example.com", "第三条", "建议增加适老化改造内容。"),
        ("林涛", "", "", "改造期间请做好施工噪音管理。"),
        ("何平", "13800002008", "第五条", "一楼住户意见应单独听取。"),
        ("高峰", "", "第四条", "建议明确电梯后期维护费用分担办法。"),
        ("罗霞", "", "第三条", "建议把雨污分流列入基础类。"),
        ("", "", "", "某某装修公司，承接各类改造工程，电话8888888。"),
        ("梁斌", "13800002012", "第六条", "建议设置过渡期。"),
        ("宋佳", "", "第二条", "请明确单位自管小区是否纳入。"),
        ("谢刚", "", "第三条", "建议增加充电桩建设。"),
        ("韩雪", "13800002015", "第三条", "建议增加充电桩建设。"),
        ("唐亮", "", "第四条", "建议对低收入业主减免电梯分摊费用。"),
        ("冯燕", "", "", "希望公开改造小区名单。"),
        ("董鹏", "13800002018", "第五条", "业主同意的比例应按户还是按面积计算？"),
        ("曹颖", "", "第三条", "建议把消防通道整治列入基础类。"),
        ("彭飞", "", "", "支持老旧小区改造。"),
        ("蒋华", "13800002021", "第四条", "建议补助资金直接拨付到业主委员会。"),
        ("魏然", "", "第二条", "建议优先改造无物业管理的小区。"),
        ("", "", "第四条", "加装电梯应考虑低层住户补偿。"),
    ],
    "village": [
        ("程志远", "13800003001", "第三条", "改厕补助800元偏低，建议提高到1000元。"),
        ("田秀兰", "", "第三条", "改厕补助800元偏低，建议提高到1000元。"),
        ("袁大山", "", "第四条", "偏远自然村垃圾转运频次应予保障。"),
        ("邓小梅", "dengxm@example.com", "第五条", "清洁行动评比建议每季度一次。"),
        ("许明亮", "", "第二条", "建议把易地搬迁安置点纳入适用范围。"),
        ("曾凡", "13800003006", "", "建议设立村级保洁员岗位补贴。"),
        ("苏建", "", "第四条", "建议明确农户分类的具体标准。"),
        ("吕梅", "", "第三条", "已经自行改厕的农户能否补领补助？"),
        ("", "", "", "全是形式主义，浪费钱。滚！"),
        ("丁宁", "13800003010", "第五条", "评比结果应公开。"),
        ("任杰", "", "第三条", "建议补助标准与改厕类型挂钩。"),
        ("姚远", "", "第四条", "垃圾处理费用不应向农户收取。"),
        ("卢静", "13800003013", "第六条", "建议设置一年过渡期。"),
        ("沈浩", "", "第二条", "建议明确责任主体。"),
        ("钟敏", "", "第五条", "建议把庭院整治纳入评比内容。"),
        ("汪洁", "13800003016", "第三条", "补助资金请在验收后一个月内发放。"),
        ("", "", "第四条", "建议每个村设置有害垃圾回收点。"),
        ("范伟", "", "", "支持整治，希望长期坚持。"),
        ("金鑫", "13800003019", "第三条", "改厕补助800元偏低，建议提高到1000元。"),
        ("方芳", "", "第五条", "评比结果与村干部考核挂钩。"),
    ],
}

# Opinions staff entered from other channels: (channel, name, clause, text).
STAFF_OPINIONS = {
    "water": [
        ("email", "示范县某某食品有限公司", "第四条", "企业用水量大，建议对非居民用水设置过渡期。"),
        ("email", "县人大代表 周某", "第五条", "建议免收水量提高到每月8立方米。"),
        ("post", "城北社区居民", "", "来信：建议水价调整前召开听证会。"),
    ],
    "estates": [
        ("symposium", "座谈会：东门社区居民代表", "第四条", "加装电梯后一楼采光受影响，应给予补偿。"),
        ("symposium", "座谈会：县建筑业协会", "第三条", "建议明确改造工程质量保修期限。"),
        ("symposium", "座谈会：物业企业代表", "第六条", "建议改造后同步引入物业管理。"),
        ("email", "县政协委员 陈某", "第五条", "三分之二业主同意门槛过高，建议改为过半数。"),
    ],
}

SIGNUP_NAMES = ["钱晓东", "孔令仪", "严雪", "华永刚", "金桂兰", "魏子涵", "陶然"]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class Loader:
    def __init__(self, out):
        self.out = out
        self.today = timezone.localdate()
        self.created: dict[str, int] = {}

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    # --- consultations ------------------------------------------------------------------------------------------
    def consultation(self, key: str, unit_key: str, *, start: date, days: int = 30, decision=None, **extra):
        from gongkai.participation import services
        from gongkai.participation.models import Consultation
        from gongkai.publishing import services as publishing

        title, lines = DRAFTS[key]
        unit = self.units[unit_key]
        found = Consultation.objects.filter(unit=unit, title=title).first()
        if found is not None:
            return found, False
        editor, reviewer = self.users[f"{unit_key}_editor"], self.users[f"{unit_key}_reviewer"]
        c = services.create_consultation(
            unit,
            actor=editor,
            body="".join(f"<p>{line}</p>" for line in lines),
            title=title,
            starts_on=start,
            ends_on=start + timedelta(days=days - 1),
            basis="《重大行政决策程序暂行条例》等有关规定",
            explanation=f"为做好{title.removeprefix('示范县')}的制定工作，现公开征求社会各界意见。",
            channels=["online", "email", "symposium"],
            email="gkzj@example.gov.cn",
            decision=decision,
            **{"invited_groups": ["residents", "deputies"], **extra},
        )
        pub = c.publication
        publishing.submit(pub, actor=editor)
        publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
        publishing.publish(pub, actor=reviewer, now=_at(start, 9))
        c.refresh_from_db()
        c.unit_key = unit_key
        self.count("意见征集")
        return c, True

    def opinions(self, c, key: str) -> list:
        from gongkai.participation import services

        made = []
        for n, (name, contact, clause, text) in enumerate(OPINIONS[key]):
            day = min(c.starts_on + timedelta(days=1 + n % 12), self.today)
            made.append(
                services.submit_opinion(
                    c,
                    body=text,
                    name=name,
                    contact=contact,
                    clause=clause,
                    client=f"demo-{key}-{n}",
                    now=_at(day, 9 + n % 8),
                )
            )
        for n, (channel, name, clause, text) in enumerate(STAFF_OPINIONS.get(key, ())):
            made.append(
                services.record_opinion(
                    c,
                    actor=self.users[f"{c.unit_key}_editor"],
                    channel=channel,
                    body=text,
                    name=name,
                    clause=clause,
                    received_on=min(c.starts_on + timedelta(days=3 + n), self.today),
                )
            )
        self.count("意见", len(made))
        return made

    def handle(self, c, ops, *, all_of_them: bool, officer) -> None:
        """Staff handling: abusive ones hidden, identical ones merged, the others decided (all, or every other)."""
        from gongkai.participation import services
        from gongkai.participation.models import Opinion

        first_by_text: dict[str, object] = {}
        for n, op in enumerate(ops):
            op = Opinion.objects.get(pk=op.pk)
            if "骗子" in op.body or "滚" in op.body or "电话8888888" in op.body:
                services.hide_opinion(op, actor=officer, reason="含侮辱性语言或广告，与征集内容无关")
                continue
            if op.body in first_by_text:
                services.merge_opinion(op, actor=officer, into=first_by_text[op.body])
                continue
            first_by_text[op.body] = op
            if not all_of_them and n % 2:
                continue  # left pending
            adoption, reason = self.answer(op)
            services.decide_opinion(op, actor=officer, adoption=adoption, reason=reason)
        # duplicates merged before their original was decided take its decision now
        for original in first_by_text.values():
            original = Opinion.objects.get(pk=original.pk)
            if original.state == "decided":
                services.decide_opinion(
                    original, actor=officer, adoption=original.adoption, reason=original.reason
                )

    @staticmethod
    def answer(op) -> tuple[str, str]:
        text = op.body
        if "建议" in text and ("提高" in text or "增加" in text or "纳入" in text):
            return "partly", "部分采纳：已在定稿中调整相关内容，具体标准结合财力另行明确。"
        if "支持" in text:
            return "adopted", "感谢支持，已采纳。"
        if "？" in text or "明确" in text:
            return "adopted", "采纳：已在定稿中予以明确。"
        return "rejected", "未采纳：与上位政策规定不一致，或不属于本文件调整范围，已向提出人说明。"

    def build_consultations(self, decisions) -> None:
        from gongkai.participation import services

        officer_town = self.users["cgz_reviewer"]
        # 1. open: started 12 days ago, 30 days
        c1, new = self.consultation("water", "fgw", start=self.ago(12), decision=decisions.get("water"))
        if new:
            ops = self.opinions(c1, "water")
            self.handle(c1, ops[:6], all_of_them=False, officer=self.users["fgw_reviewer"])
        # 2. closed, awaiting feedback: ended 4 days ago
        c2, new = self.consultation(
            "estates",
            "zrzy",
            start=self.ago(33),
            decision=decisions.get("estates"),
            concerns_enterprises=True,
            invited_groups=["enterprises", "associations", "residents"],
            invitation_list="示范县建筑业协会；示范县某某物业服务有限公司；示范县电梯维保企业3家",
        )
        if new:
            ops = self.opinions(c2, "estates")
            self.handle(c2, ops, all_of_them=False, officer=self.users["zrzy_reviewer"])
        # 3. closed with the feedback published (ended 60 days ago), the final text changed on 第三条
        c3, new = self.consultation("village", "cgz", start=self.ago(95), decision=decisions.get("village"))
        if new:
            ops = self.opinions(c3, "village")
            self.handle(c3, ops, all_of_them=True, officer=officer_town)
            final = c3.publication.body_text.replace("每户补助800元", "每户补助1000元").replace(
                "每年开展两次", "每季度开展一次"
            )
            services.set_final(
                c3,
                actor=officer_town,
                final_text=final,
                final_publication=self.final_pub,
                summary="根据公众意见，改厕补助提高到每户1000元，村庄清洁行动评比改为每季度一次。",
            )
            services.publish_feedback(c3, actor=officer_town, now=_at(self.ago(50), 15))

    # --- decisions ----------------------------------------------------------------------------------------------
    def build_catalog(self) -> dict:
        from gongkai.participation import services
        from gongkai.participation.models import Decision, DecisionCatalog, DecisionStep

        year = self.today.year
        gov, office = self.units["gov"], self.users["office"]
        catalog = DecisionCatalog.objects.filter(unit=gov, year=year).first()
        if catalog is not None:
            return {d.title: d for d in catalog.decisions.all()} | {"_existing": True}
        catalog = services.create_catalog(gov, actor=office, year=year)
        specs = [
            (
                "parking",
                "示范县城区停车设施专项规划（2026—2030年）",
                "zjj",
                "planning",
                ["consultation", "experts", "legality"],
            ),
            (
                "water",
                "示范县城区供水价格调整方案",
                "fgw",
                "public_policy",
                ["consultation", "hearing", "risk", "legality"],
            ),
            (
                "bus",
                "示范县城乡公交一体化实施方案",
                "jtj",
                "public_policy",
                ["consultation", "symposium", "legality"],
            ),
            (
                "estates",
                "示范县老旧小区改造实施方案",
                "zrzy",
                "public_welfare",
                ["consultation", "risk", "legality"],
            ),
            (
                "village",
                "示范县农村人居环境整治提升办法",
                "cgz",
                "public_policy",
                ["consultation", "survey", "legality"],
            ),
            (
                "school",
                "示范县义务教育学校布局规划",
                "jkt",
                "planning",
                ["consultation", "experts", "risk", "legality"],
            ),
        ]
        made = {}
        for n, (key, title, unit_key, category, methods) in enumerate(specs, start=1):
            made[key] = services.add_decision(
                catalog,
                actor=office,
                title=title,
                unit=self.units[unit_key],
                category=category,
                planned=f"{year}Q{min(4, 1 + n // 2)}",
                methods=methods,
                seq=n,
                basis="《重大行政决策程序暂行条例》；县委、县政府年度工作安排",
                pre_assessment_unit=self.units["fgw"] if key == "school" else None,
            )
            start = self.ago(330)
            Decision.objects.filter(pk=made[key].pk).update(stage_changed_on=start)
            DecisionStep.objects.filter(decision=made[key]).update(on=start)
        services.publish_catalog(
            catalog,
            actor=office,
            approved_on=self.ago(300),
            approval_document=f"中共示范县委常委会会议纪要（{year}年第3次）",
            now=_at(self.ago(295)),
        )
        services.adjust_catalog(
            made["bus"],
            actor=office,
            planned=f"{year + 1}Q2",
            reason="线路招标延期，经县政府常务会议研究同意调整完成时间",
        )
        self.count("决策事项", len(specs))
        return made

    def move_decisions(self, made: dict) -> None:
        """After the consultations exist: each decision to its stage, with dated records."""
        from gongkai.participation import services

        if made.get("_existing"):
            return
        office = self.users["office"]

        def go(key, stage, day, note=""):
            services.advance(made[key], actor=office, to=stage, on=day, note=note)

        # parking: still 拟定. water: 征求意见 (the open consultation).
        go("water", "consultation", self.ago(12), "在县政府门户网站公开征求意见")
        # bus: 听证 held with the list published and materials sent 10 days before.
        go("bus", "consultation", self.ago(200), "公开征求意见30日")
        services.update_record(
            made["bus"],
            actor=office,
            hearing_on=self.ago(155),
            participants_published_on=self.ago(175),
            materials_sent_on=self.ago(165),
            hearing_participants="市民代表5人、公交企业2人、人大代表1人、政协委员1人",
        )
        go("bus", "hearing", self.ago(155), "召开听证会，参加人确认笔录并签字")
        # estates (社会公益事业, participation-mandatory): legality reviewed, blocked before 决定 until the feedback.
        go("estates", "consultation", self.ago(33))
        go("estates", "legality", self.ago(20), "送县司法局合法性审查")
        services.update_record(
            made["estates"],
            actor=office,
            legality_sent_on=self.ago(20),
            legality_opinion_on=self.ago(3),
            legality_lawful=True,
        )
        # village: consulted, reviewed, decided, published with the final document.
        go("village", "consultation", self.ago(95))
        services.update_record(
            made["village"],
            actor=office,
            legality_sent_on=self.ago(60),
            legality_opinion_on=self.ago(36),
            legality_lawful=True,
            result_publication=self.final_pub,
        )
        go("village", "legality", self.ago(60))
        go("village", "decided", self.ago(30), "县政府第12次常务会议审议通过")
        if self.final_pub is not None:
            go("village", "published", self.ago(25), "在县政府门户网站和政府公报公布")
        # school: the whole way to the post-decision evaluation (by another unit than the pre-decision assessor).
        go("school", "consultation", self.ago(280))
        services.update_record(
            made["school"],
            actor=office,
            legality_sent_on=self.ago(250),
            legality_opinion_on=self.ago(230),
            legality_lawful=True,
            result_publication=self.final_pub,
            evaluation_unit=self.units["sfj"],
            evaluation_summary="布局调整后学位供给与生源基本匹配，建议对城东片区学位再作评估。",
        )
        go("school", "legality", self.ago(250))
        go("school", "decided", self.ago(225), "县政府第5次常务会议审议通过")
        if self.final_pub is not None:
            go("school", "published", self.ago(220))
            go("school", "implementing", self.ago(205))
            go("school", "evaluated", self.ago(17), "委托第三方开展决策后评估")

    # --- open days and meetings ---------------------------------------------------------------------------------
    def build_open_days(self) -> None:
        from gongkai.participation import services
        from gongkai.participation.models import OpenDaySession

        unit, editor = self.units["zfb"], self.users["zfb_editor"]
        if OpenDaySession.objects.filter(plan__unit=unit).exists():
            return
        plan = services.save_plan(
            unit,
            actor=editor,
            year=self.today.year,
            months="4月、8月、12月",
            note="政府开放月，公开征集开放主题",
            themes=["走进政务服务中心", "走进12345热线", "走进县医院", "走进污水处理厂"],
        )
        for option, votes in zip(plan.options.all(), (48, 35, 22, 9), strict=False):
            for _ in range(votes):
                services.vote(option)
        # finished, with results
        done_at = _at(self.ago(40), 9)
        done = services.add_session(
            plan,
            actor=editor,
            title="走进政务服务中心——体验“一窗通办”",
            starts_at=done_at,
            place="示范县政务服务中心",
            capacity=15,
            signup_deadline=done_at - timedelta(days=3),
            programme="参观政务公开专区 → 体验办事 → 政策宣讲 → 座谈交流",
        )
        for n, name in enumerate(SIGNUP_NAMES[:6]):
            s = services.sign_up(
                done,
                name=name,
                phone=f"1380000{4000 + n}",
                participant_type=["citizen", "enterprise", "npc_deputy", "cppcc_member", "media", "citizen"][
                    n
                ],
                adult=True,
                now=done_at - timedelta(days=6),
            )
            if n < 5:
                services.check_in(s, actor=editor, now=done_at)
        for body, adoption, response in (
            ("建议延长周六办事窗口时间", "adopted", "自次月起周六窗口延长至17:00"),
            ("希望增加老年人帮办代办服务", "adopted", "已在大厅设立“爱心帮办”窗口"),
            ("建议停车场增加车位", "partly", "已协调临时停车区，新增车位列入明年计划"),
            ("建议取消现场取号", "rejected", "为方便不使用智能手机的群众，现场取号予以保留"),
        ):
            item = services.add_suggestion(done, actor=editor, body=body, author="参与群众")
            services.decide_suggestion(item, actor=editor, adoption=adoption, response=response)
        services.publish_session_result(
            done,
            actor=editor,
            summary="共6人报名、5人参加，收集意见建议4条，采纳3条。",
            now=done_at + timedelta(days=5),
        )
        # open for sign-up, full with a waiting list
        soon = _at(self.today + timedelta(days=12), 9)
        open_one = services.add_session(
            plan,
            actor=editor,
            title="走进12345热线——听一听群众诉求",
            starts_at=soon,
            place="示范县12345政务服务便民热线中心",
            capacity=5,
            signup_deadline=soon - timedelta(days=5),
        )
        for n, name in enumerate(SIGNUP_NAMES):
            services.sign_up(
                open_one, name=name, phone=f"1380000{5000 + n}", participant_type="citizen", adult=True
            )
        self.count("开放日场次", 2)

    def build_meetings(self) -> None:
        from gongkai.participation import services
        from gongkai.participation.models import Meeting

        unit, editor = self.units["zfb"], self.users["zfb_editor"]
        if Meeting.objects.filter(unit=unit).exists():
            return
        applicants = [
            ("钱晓东", "citizen"),
            ("孔令仪", "enterprise"),
            ("严雪", "npc_deputy"),
            ("华永刚", "cppcc_member"),
        ]

        def meeting(title, held, topics, publish: bool, select: bool):
            m = services.create_meeting(
                unit,
                actor=editor,
                title=title,
                held_on=held,
                application_deadline=held - timedelta(days=7),
                topics=topics,
            )
            for n, option in enumerate(m.options.all()):
                for _ in range(10 - 3 * n):
                    services.vote(option)
            seats = [
                services.apply_seat(
                    m,
                    name=name,
                    phone=f"138000{6000 + n}{len(title) % 10}",
                    participant_type=kind,
                    adult=True,
                    reason="关注该议题",
                    today=held - timedelta(days=10),
                )
                for n, (name, kind) in enumerate(applicants)
            ]
            if select:
                services.close_poll(m, actor=editor, chosen=m.options.first())
                services.select_seats(m, actor=editor, seats=seats[:3])
                for seat, (adoption, response) in zip(
                    seats[:3],
                    (
                        ("adopted", "已纳入议定事项"),
                        ("partly", "部分吸收，列入下阶段工作"),
                        ("rejected", "与现行政策不符，已当场说明"),
                    ),
                    strict=True,
                ):
                    item = services.record_seat_opinion(seat, actor=editor, body="建议加快推进并定期公开进展")
                    services.decide_suggestion(item, actor=editor, adoption=adoption, response=response)
            if publish:
                services.publish_meeting(
                    m,
                    actor=editor,
                    summary="3名公众代表列席会议并发表意见。",
                    now=_at(held + timedelta(days=2)),
                )
            return m

        meeting(
            "县政府第十一次常务会议",
            self.ago(70),
            ["城区停车难治理", "农贸市场改造"],
            publish=True,
            select=True,
        )
        meeting(
            "县政府第十二次常务会议",
            self.ago(30),
            ["老旧小区加装电梯", "背街小巷照明"],
            publish=True,
            select=True,
        )
        meeting(
            "县政府第十四次常务会议",
            self.today + timedelta(days=20),
            ["城乡公交票价", "校园周边交通"],
            publish=False,
            select=False,
        )
        self.count("列席会议", 3)

    def run(self) -> None:
        from gongkai.orgs.demo import DEMO_UNITS
        from gongkai.orgs.models import Unit, User
        from gongkai.publishing.models import Publication

        names = {u.name: u.key for u in DEMO_UNITS}
        self.units = {names[u.name]: u for u in Unit.objects.filter(name__in=names)}
        wanted = ["office"] + [
            f"{k}_{r}" for k in ("zfb", "fgw", "zrzy", "cgz") for r in ("editor", "reviewer")
        ]
        self.users = {u.username: u for u in User.objects.filter(username__in=wanted)}
        if len(self.users) < len(wanted) or "gov" not in self.units:
            self.out.write("公众参与：缺少演示单位或人员（请先加载 gongkai.orgs.demo），跳过。\n")
            return
        self.final_pub = (
            Publication.objects.filter(state="published", unit=self.units["cgz"], is_consultation=False)
            .order_by("-published_at")
            .first()
            or Publication.objects.filter(state="published", is_consultation=False)
            .order_by("-published_at")
            .first()
        )
        made = self.build_catalog()
        self.build_consultations(made)
        self.move_decisions(made)
        self.build_open_days()
        self.build_meetings()
        done = "，".join(f"{k} {v}" for k, v in self.created.items()) or "无新增"
        self.out.write(f"公众参与：新建 {done}。\n")


def load(out) -> None:
    Loader(out).run()
