"""Demo policy library for 示范县: every validity status, lifecycle step and interpretation form, through the services.

Documents are drafted by each unit's editor, reviewed by its reviewer and published with past dates
(``publishing.publish(now=…)``), so the library, the 三同步 figures and the dashboards show real data:

- 有效 / 尚未生效 (施行 next month) / 已修改 (a 修改决定 with ``将第四条修改为：“…”``) / 已废止 (one repealed by a later
  document, two replaced by revised versions) / 失效 (a term that ran out, a 暂行 document after 2 years, one declared
  expired by a closed cleanup campaign);
- expiry evaluation: one evaluated for re-issue, others still pending in the window; extensions of a term in every
  state — in force (approved by the leader, its notice published), waiting for the leader, approved with its notice
  under review, and refused (the document back in the evaluation queue);
- interpretations in all nine forms, synchronised and late, one document left without; every published one signed
  off (审定) by its unit leader, a draft waiting for the sign-off and one returned by the leader; a joint document;
  a 重大政策; one exempt from interpretation; drafts and an item under review;
- a scoped open cleanup campaign with units done and pending, and a closed one (one unit left unconfirmed) whose
  result notice is published with its portal page; 办事事项, published Q&A with votes, unanswered searches and two
  published 政策包.

Dates that decide a status (施行, 有效期, the evaluation window) are computed from ``timezone.localdate()``; documents
of the current year are spread between 1 January and today so the year's rates exist on any day. Safe to run twice:
every object is looked up by its unit and title (campaigns, packages and services by title, slug and name) first.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape

from django.utils import timezone

from gongkai.core.policy.validity import add_months, fmt

from .data import demo_texts as texts

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))
CAMPAIGN_OPEN = "示范县行政规范性文件全面清理"
CAMPAIGN_CLOSED = "示范县涉及市场准入和营商环境的行政规范性文件专项清理"
HEADS = {  # 部门主要负责人是第一解读人
    "zfb": ("张志强", "县政府办公室主任"),
    "fgw": ("周建国", "县发展改革委主任"),
    "zrzy": ("杨卫东", "县自然资源局局长"),
    "jkt": ("罗永平", "县教科体局局长"),
    "sfj": ("邓光明", "县司法局局长"),
    "cgz": ("萧德胜", "城关镇镇长"),
    "dsz": ("钟振华", "东山镇镇长"),
}


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name, self.size = name, len(data)


def _html(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _dt(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(d.year, d.month, d.day, hour, 0))


def graphic_png(title: str, lines: list[str]) -> bytes:
    """The 一图读懂 image: a headline and the key figures (drawn with a CJK font when the system has one)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (720, 140 + 64 * len(lines)), (250, 246, 238))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 720, 100], fill=(178, 34, 34))
    try:
        big = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 34)
        small = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 26)
    except OSError:
        big = small = None
    if big is not None:
        draw.text((30, 28), title, fill=(255, 255, 255), font=big)
    for i, line in enumerate(lines):
        y = 130 + 64 * i
        draw.ellipse([30, y + 8, 50, y + 28], fill=(178, 34, 34))
        if small is not None:
            draw.text((66, y), line, fill=(40, 40, 40), font=small)
        else:
            draw.rectangle([66, y + 10, 66 + 20 * len(line), y + 26], fill=(120, 120, 120))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


@dataclass
class Doc:
    key: str
    unit: str
    title: str
    text: str
    code: str  # 发文机关代字; the 文号 is code〔year of formed〕seq号
    seq: int
    formed: date
    published: date | None  # None: stays a draft
    effective: date | None = None
    topic: str = "综合政务"
    kind: str = "normative"
    major: bool = False
    exempt: str = ""
    stated_years: int | None = None
    co_issuers: tuple[str, ...] = ()
    under_review: bool = False
    fill: dict = field(default_factory=dict)


class Loader:
    def __init__(self, out):
        self.out = out
        self.today = timezone.localdate()
        self.created: dict[str, int] = {}
        self.docs = {}

    # --- helpers ---------------------------------------------------------------------------------------------
    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def in_year(self, fraction: float) -> date:
        """A day of the current year, ``fraction`` of the way from 1 January to today."""
        jan1 = date(self.today.year, 1, 1)
        return jan1 + timedelta(days=round(fraction * (self.today - jan1).days))

    def term_start(self, days_left: int) -> date:
        """A start date whose 5-year term ends ``days_left`` days from today."""
        return add_months(self.today, -60) + timedelta(days=days_left + 1)

    def backdate(self, pub, drafted: date, reviewed: date | None) -> None:
        """Demo history: the draft and review days of an item published in the past (the services stamp now)."""
        from gongkai.publishing.models import Publication

        fields = {"created_at": _dt(drafted, 9)}
        if reviewed:
            fields.update(submitted_at=_dt(reviewed, 9), approved_at=_dt(reviewed, 15))
        Publication.objects.filter(pk=pub.pk).update(**fields)

    # --- documents -------------------------------------------------------------------------------------------
    def document(self, spec: Doc):
        from gongkai.policies import services
        from gongkai.policies.models import PolicyDocument
        from gongkai.publishing import services as publishing

        unit = self.units[spec.unit]
        found = (
            PolicyDocument.objects.filter(publication__unit=unit, publication__title=spec.title)
            .select_related("publication")
            .first()
        )
        if found is not None:
            self.docs[spec.key] = found
            return found
        editor, reviewer = self.users[f"{spec.unit}_editor"], self.users[f"{spec.unit}_reviewer"]
        number = f"{spec.code}〔{spec.formed.year}〕{spec.seq}号"
        text = spec.text.format(**spec.fill) if spec.fill else spec.text
        doc = services.create_document(
            unit,
            actor=editor,
            title=spec.title,
            body=_html(text),
            formed_date=spec.formed,
            topic=spec.topic,
            publisher=unit.name,
            doc_number=number,
            kind=spec.kind,
            effective_date=spec.effective,
            stated_years=spec.stated_years,
            registration_number=f"SFXR-{spec.formed.year}-{spec.seq:03d}{spec.unit.upper()}"
            if spec.kind == "normative"
            else "",
            is_major=spec.major,
            interpretation_exempt=bool(spec.exempt),
            exempt_reason=spec.exempt,
            co_issuers=[self.units[k] for k in spec.co_issuers],
        )
        self.count("文件")
        pub = doc.publication
        if spec.under_review:
            publishing.submit(pub, actor=editor)
            publishing.start_review(pub, actor=reviewer)
        elif spec.published:
            publishing.submit(pub, actor=editor)
            publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
            publishing.publish(pub, actor=reviewer, now=_dt(spec.published))
            self.backdate(pub, spec.formed - timedelta(days=12), spec.published - timedelta(days=1))
        doc = PolicyDocument.objects.select_related("publication").get(pk=doc.pk)
        self.docs[spec.key] = doc
        return doc

    def number(self, key: str) -> str:
        return self.docs[key].doc_number

    # --- interpretations -------------------------------------------------------------------------------------
    def interpretation(
        self,
        doc_key: str,
        title: str,
        form: str,
        body: str,
        *,
        published: date | None,
        late: bool = False,
        media_url: str = "",
        image: tuple[str, list[str]] | None = None,
        submitted: bool = False,
        differences: bool = False,
        signoff: str = "approved",
        signoff_note: str = "",
    ):
        from gongkai.policies import services
        from gongkai.policies.models import Interpretation
        from gongkai.policies.vocab import ELEMENT_KEYS
        from gongkai.publishing import services as publishing

        doc = self.docs[doc_key]
        unit = doc.publication.unit
        found = Interpretation.objects.filter(publication__unit=unit, publication__title=title).first()
        if found is not None:
            return found
        key = next(k for k, u in self.units.items() if u.pk == unit.pk)
        editor, reviewer = self.users[f"{key}_editor"], self.users[f"{key}_reviewer"]
        elements = {k: {"state": "present", "note": ""} for k in ELEMENT_KEYS}
        seed = services.difference_seed(doc) if differences else ""
        elements["differences"] = (
            {"state": "present", "note": seed} if seed else {"state": "na", "note": "首次制定，无原政策"}
        )
        name, job = HEADS[key]
        interp = services.create_interpretation(
            unit,
            actor=editor,
            documents=[doc],
            title=title,
            body=_html(body),
            formed_date=doc.publication.formed_date,
            form=form,
            media_url=media_url,
            interpreter_name=name,
            interpreter_title=job,
            elements=elements,
        )
        self.count("解读")
        pub = interp.publication
        if image:
            publishing.add_attachment(
                pub, actor=editor, uploaded=_Upload(graphic_png(*image), f"{image[0]}.png")
            )
        if signoff:  # 单位负责人审定 before the review
            services.sign_off_interpretation(
                interp, actor=self.users[f"{key}_leader"], approve=signoff == "approved", note=signoff_note
            )
        if submitted:
            publishing.submit(pub, actor=editor)
        elif published:
            publishing.submit(pub, actor=editor)
            publishing.decide_review(pub, actor=reviewer, checks=ALL_PASS, verdict="approved")
            publishing.publish(pub, actor=reviewer, now=_dt(published, 11))
            doc_pub = doc.publication
            doc_formed = doc_pub.formed_date
            if late:  # drafted only after the document was out: 同步起草 fails as well
                self.backdate(pub, min(doc_pub.published_at.date() + timedelta(days=3), published), published)
            else:
                self.backdate(pub, doc_formed - timedelta(days=10), published - timedelta(days=1))
        return interp

    # --- relations and lifecycle -----------------------------------------------------------------------------
    def relation(self, source_key: str, target_key: str, kind: str, clauses=None):
        from gongkai.policies import services
        from gongkai.policies.models import PolicyRelation

        source, target = self.docs[source_key], self.docs[target_key]
        if PolicyRelation.objects.filter(source=source, target=target, kind=kind).exists():
            return
        owner = self._owner(target)  # the unit whose document's status changes records it
        services.add_relation(
            target, actor=self.users[f"{owner}_reviewer"], kind=kind, source=source, clauses=clauses or []
        )
        self.count("文件关系")

    def _owner(self, doc) -> str:
        return next(k for k, u in self.units.items() if u.pk == doc.publication.unit_id)

    def proposal(self, source_key: str, target_key: str, kind: str, outcome: str, note: str = "") -> None:
        """跨单位文件关系提议 in one of its states: pending, accepted, rejected (with the reason) or withdrawn."""
        from gongkai.policies import services
        from gongkai.policies.models import RelationProposal

        source, target = self.docs[source_key], self.docs[target_key]
        if RelationProposal.objects.filter(source=source, target=target, kind=kind).exists():
            return
        proposer = self.users[f"{self._owner(source)}_editor"]
        decider = self.users[f"{self._owner(target)}_leader"]
        proposal = services.propose_relation(target, actor=proposer, kind=kind, source=source)
        if outcome == "accepted":
            services.accept_proposal(proposal, actor=decider, note=note)
        elif outcome == "rejected":
            services.reject_proposal(proposal, actor=decider, note=note)
        elif outcome == "withdrawn":
            services.withdraw_proposal(proposal, actor=proposer)
        self.count("文件关系提议")

    def evaluate(self, key: str, decision: str, note: str, years: int = 0, *, days_ago: int = 0) -> None:
        from gongkai.policies import services
        from gongkai.policies.models import Evaluation

        doc = self.docs[key]
        if Evaluation.objects.filter(document=doc).exists():
            return
        owner = next(k for k, u in self.units.items() if u.pk == doc.publication.unit_id)
        until = None
        if years:
            doc.refresh_from_db()
            until = doc.expires_on.replace(year=doc.expires_on.year + years)
        services.decide_evaluation(
            doc,
            actor=self.users[f"{owner}_reviewer"],
            decision=decision,
            note=note,
            extended_until=until,
            today=self.ago(days_ago),
        )
        self.count("到期评估")

    def extension(self, key: str, *, to: str, days_ago: int, note: str = "") -> None:
        """Take the extension proposed by ``key``'s evaluation to the state ``to``: "approved" (notice drafted and
        under review), "effective" (notice published ``days_ago`` − 3 days ago) or "rejected"."""
        from gongkai.policies import services
        from gongkai.policies.models import ExtensionRequest
        from gongkai.publishing import services as publishing

        doc = self.docs[key]
        ext = ExtensionRequest.objects.filter(document=doc).order_by("-id").first()
        if ext is None or ext.state != "pending":
            return
        owner = next(k for k, u in self.units.items() if u.pk == doc.publication.unit_id)
        leader, editor = self.users[f"{owner}_leader"], self.users[f"{owner}_editor"]
        reviewer = self.users[f"{owner}_reviewer"]
        day = self.ago(days_ago)
        services.decide_extension(ext, actor=leader, approve=to != "rejected", note=note, today=day)
        if to == "rejected":
            return
        notice = services.draft_extension_notice(ext, actor=editor, today=day)
        publishing.submit(notice, actor=editor)
        if to == "effective":
            publishing.decide_review(notice, actor=reviewer, checks=ALL_PASS, verdict="approved")
            publishing.publish(notice, actor=reviewer, now=_dt(self.ago(days_ago - 3)))
            self.backdate(notice, day, self.ago(days_ago - 2))

    # --- the library -----------------------------------------------------------------------------------------
    def build_documents(self) -> None:
        t = self.today
        docs: list[Doc] = []
        # Older documents (published before this year).
        subsidy_old_formed = add_months(t, -50)
        docs += [
            Doc(
                "subsidy_old",
                "zfb",
                "示范县耕地地力保护补贴资金管理办法",
                texts.SUBSIDY_OLD,
                "示政办发",
                21,
                subsidy_old_formed,
                subsidy_old_formed + timedelta(days=6),
                topic="农业、林业、水利",
            ),
            Doc(
                "dibao_old",
                "zfb",
                "示范县城乡最低生活保障实施办法（试行）",
                texts.DIBAO_OLD,
                "示政办发",
                33,
                self.ago(640),
                self.ago(634),
                topic="民政、扶贫、救灾",
            ),
            Doc(
                "elderly_old",
                "zfb",
                "示范县高龄老人生活补贴发放办法",
                texts.ELDERLY_OLD,
                "示政办发",
                15,
                add_months(t, -38),
                add_months(t, -38) + timedelta(days=5),
                topic="民政、扶贫、救灾",
            ),
            Doc(
                "housing",
                "zfb",
                "示范县农村村民住房建设管理办法",
                texts.HOUSING,
                "示政办发",
                27,
                add_months(t, -26),
                add_months(t, -26) + timedelta(days=4),
                topic="国土资源、能源",
            ),
            Doc(
                "construction",
                "zfb",
                "示范县促进建筑业高质量发展若干措施",
                texts.CONSTRUCTION_SUPPORT,
                "示政办发",
                9,
                add_months(t, -66),
                add_months(t, -66) + timedelta(days=7),
                topic="城乡建设、环境保护",
            ),
            Doc(
                "kindergarten",
                "jkt",
                "示范县普惠性民办幼儿园认定和扶持暂行办法",
                texts.KINDERGARTEN,
                "示教科体规",
                4,
                add_months(t, -29),
                add_months(t, -29) + timedelta(days=5),
                topic="科技、教育",
            ),
            Doc(
                "real_estate",
                "zfb",
                texts.REAL_ESTATE_TITLE,
                texts.REAL_ESTATE,
                "示政办发",
                41,
                add_months(t, -34),
                add_months(t, -34) + timedelta(days=3),
                topic="城乡建设、环境保护",
            ),
            Doc(
                "registry",
                "zrzy",
                "示范县不动产登记若干规定",
                texts.LAND_REGISTRY,
                "示自然资规",
                2,
                self.term_start(80) - timedelta(days=10),
                self.term_start(80) - timedelta(days=4),
                effective=self.term_start(80),
                topic="国土资源、能源",
            ),
            Doc(
                "fees",
                "fgw",
                "示范县政府定价经营服务性收费管理办法",
                texts.SERVICE_FEES,
                "示发改规",
                3,
                self.term_start(120) - timedelta(days=10),
                self.term_start(120) - timedelta(days=5),
                effective=self.term_start(120),
                topic="市场监管、安全生产监管",
            ),
            Doc(
                "records",
                "jkt",
                "示范县中小学生学籍管理实施细则",
                texts.STUDENT_RECORDS,
                "示教科体规",
                6,
                self.term_start(45) - timedelta(days=12),
                self.term_start(45) - timedelta(days=6),
                effective=self.term_start(45),
                topic="科技、教育",
            ),
            Doc(
                "legal_aid",
                "sfj",
                "示范县法律援助经济困难标准",
                texts.LEGAL_AID,
                "示司规",
                1,
                self.term_start(150) - timedelta(days=9),
                self.term_start(150) - timedelta(days=3),
                effective=self.term_start(150),
                topic="公安、安全、司法",
            ),
            Doc(
                "mediation",
                "sfj",
                "示范县行政调解工作规定",
                texts.MEDIATION,
                "示司规",
                2,
                self.term_start(100) - timedelta(days=9),
                self.term_start(100) - timedelta(days=3),
                effective=self.term_start(100),
                topic="公安、安全、司法",
            ),
            Doc(
                "investment",
                "zfb",
                "示范县政府投资项目管理办法",
                texts.INVESTMENT,
                "示政办发",
                52,
                self.term_start(165) - timedelta(days=8),
                self.term_start(165) - timedelta(days=2),
                effective=self.term_start(165),
                topic="国民经济管理、国有资产监管",
            ),
            Doc(
                "town_style",
                "cgz",
                "城关镇集镇规划区建筑风貌管理办法",
                texts.TOWN_STYLE,
                "城政发",
                3,
                add_months(t, -14),
                add_months(t, -14) + timedelta(days=5),
                topic="城乡建设、环境保护",
            ),
            Doc(
                "business_plan",
                "fgw",
                "示范县优化营商环境三年行动方案",
                texts.BUSINESS_PLAN,
                "示发改字",
                36,
                add_months(t, -16),
                add_months(t, -16) + timedelta(days=6),
                kind="policy",
                topic="国民经济管理、国有资产监管",
            ),
        ]
        for spec in docs:
            self.document(spec)

        # This year's documents (spread between 1 January and today).
        d = self.in_year
        docs = [
            Doc(
                "subsidy",
                "zfb",
                "示范县耕地地力保护补贴实施办法",
                texts.SUBSIDY_NEW,
                "示政办发",
                8,
                d(0.20),
                d(0.22),
                effective=d(0.22),
                topic="农业、林业、水利",
                major=True,
                co_issuers=("nyj", "czj"),
                fill={"date": fmt(d(0.22)), "old_number": self.number("subsidy_old")},
            ),
            Doc(
                "startup",
                "fgw",
                "示范县支持企业开办和初创企业发展若干措施",
                texts.STARTUP,
                "示发改联",
                2,
                d(0.30),
                d(0.33),
                topic="市场监管、安全生产监管",
                major=True,
                stated_years=3,
                co_issuers=("scjg", "xzsp"),
            ),
            Doc(
                "dibao",
                "zfb",
                "示范县城乡最低生活保障实施办法",
                texts.DIBAO_NEW,
                "示政办发",
                14,
                d(0.38),
                d(0.40),
                effective=d(0.40),
                topic="民政、扶贫、救灾",
                fill={"date": fmt(d(0.40)), "old_number": self.number("dibao_old")},
            ),
            Doc(
                "elderly",
                "zfb",
                "示范县养老服务补贴实施办法",
                texts.ELDERLY_NEW,
                "示政办发",
                19,
                d(0.45),
                d(0.47),
                effective=d(0.47),
                topic="民政、扶贫、救灾",
                major=True,
                fill={"date": fmt(d(0.47)), "old_number": self.number("elderly_old")},
            ),
            Doc(
                "housing_amend",
                "zfb",
                "示范县人民政府办公室关于修改《示范县农村村民住房建设管理办法》的决定",
                texts.HOUSING_AMENDMENT,
                "示政办发",
                23,
                d(0.50),
                d(0.52),
                topic="国土资源、能源",
                fill={"old_number": self.number("housing")},
            ),
            Doc(
                "enrolment",
                "jkt",
                "示范县义务教育阶段学校招生入学管理办法",
                texts.ENROLMENT,
                "示教科体规",
                3,
                d(0.25),
                d(0.28),
                topic="科技、教育",
            ),
            Doc(
                "planning",
                "zrzy",
                "示范县建设工程规划许可管理规定",
                texts.PLANNING,
                "示自然资规",
                5,
                d(0.55),
                d(0.58),
                topic="城乡建设、环境保护",
            ),
            Doc(
                "enforcement",
                "sfj",
                "示范县司法局行政执法全过程记录工作规定",
                texts.LAW_ENFORCEMENT,
                "示司字",
                12,
                d(0.35),
                d(0.37),
                kind="policy",
                topic="公安、安全、司法",
                exempt="属本机关内部工作制度，不直接涉及公民、法人和其他组织的权利义务",
            ),
            Doc(
                "sanitation",
                "cgz",
                "城关镇农村人居环境整治奖补办法",
                texts.RURAL_SANITATION,
                "城政发",
                11,
                d(0.62),
                d(0.65),
                topic="农业、林业、水利",
            ),
            Doc(
                "collective",
                "dsz",
                "东山镇农村集体经济组织收益分配指导意见",
                texts.COLLECTIVE_INCOME,
                "东政发",
                7,
                d(0.68),
                d(0.70),
                topic="农业、林业、水利",
            ),
            Doc(
                "loan",
                "zfb",
                "示范县创业担保贷款及贴息管理办法",
                texts.STARTUP_LOAN,
                "示政办发",
                31,
                d(0.90),
                d(0.93),
                effective=t + timedelta(days=30),  # 尚未生效
                topic="劳动、人事、监察",
                fill={"date": fmt(t + timedelta(days=30))},
            ),
            # A draft and one under review.
            Doc(
                "agri_service",
                "zfb",
                "示范县农业社会化服务奖补办法",
                texts.AGRI_SERVICE,
                "示政办发",
                35,
                t,
                None,
                topic="农业、林业、水利",
            ),
            Doc(
                "student_aid",
                "jkt",
                "示范县学生资助工作管理办法",
                texts.STUDENT_AID,
                "示教科体规",
                8,
                self.ago(3),
                None,
                topic="科技、教育",
                under_review=True,
            ),
        ]
        for spec in docs:
            self.document(spec)

    def build_relations(self) -> None:
        self.relation("subsidy", "subsidy_old", "replaces")
        self.relation("dibao", "dibao_old", "replaces")
        self.relation("elderly", "elderly_old", "repeals")
        self.relation("housing_amend", "housing", "amends", clauses=["第四条", "第七条"])
        # Relations one unit's document would make on another unit's: proposals the target's unit decides.
        self.proposal("sanitation", "construction", "repeals", "pending")
        self.proposal("planning", "elderly_old", "repeals", "accepted", "同意，与县政府办废止决定一致。")
        self.proposal(
            "business_plan",
            "investment",
            "replaces",
            "rejected",
            "本办法仍在执行，发改委的工作计划不能替代本办法。",
        )
        self.proposal("collective", "records", "amends", "withdrawn")

    def build_interpretations(self) -> None:
        def pub_day(key: str) -> date:
            return self.docs[key].publication.published_at.date()

        def late(key: str) -> date:
            return min(pub_day(key) + timedelta(days=16), self.today)

        self.interpretation(
            "subsidy_old",
            "《示范县耕地地力保护补贴资金管理办法》政策解读",
            "text",
            "一、出台背景：落实中央耕地地力保护补贴政策。\n二、补贴对象：拥有耕地承包权的种地农民。\n三、补贴标准：每亩不低于100元。",
            published=pub_day("subsidy_old"),
        )
        self.interpretation(
            "subsidy",
            "一图读懂《示范县耕地地力保护补贴实施办法》",
            "graphic",
            "一图读懂新版耕地地力保护补贴：补贴标准提高到每亩不低于105元，撂荒地暂停发放，公示期延长至7天。",
            published=pub_day("subsidy"),
            image=(
                "一图读懂耕地地力保护补贴",
                [
                    "补贴标准：每亩不低于105元",
                    "撂荒一年以上暂停发放",
                    "村级公示不少于7天",
                    "“一卡通”直接发放到户",
                ],
            ),
            differences=True,
        )
        self.interpretation(
            "startup",
            "视频解读：企业开办“一网通办”和初创企业扶持政策",
            "video",
            "县发展改革委、县市场监管局负责同志通过视频解读企业开办一日办结、首套印章免费刻制和创业补贴政策。",
            published=pub_day("startup"),
            media_url="https://www.shifan.gov.cn/media/zcjd/qykb-2026.mp4",
        )
        self.interpretation(
            "startup",
            "《示范县支持企业开办和初创企业发展若干措施》文字解读",
            "text",
            "一、出台背景\n为进一步优化营商环境，降低企业开办成本。\n二、主要内容\n压缩开办时间、降低开办成本、支持初创企业发展、强化服务保障四个方面共10条措施。",
            published=pub_day("startup"),
        )
        self.interpretation(
            "dibao",
            "城乡低保新政策问答",
            "qa",
            "问：城乡低保标准提高了多少？\n答：城市低保标准由每人每月680元提高到750元，农村低保标准由每人每年6000元提高到7200元。\n"
            "问：可以在网上申请低保吗？\n答：可以，通过“赣服通”等平台在线申请。\n"
            "问：审核要多长时间？\n答：一般20个工作日内完成，情况复杂的可延长10个工作日。",
            published=late("dibao"),
            late=True,
            differences=True,
        )
        self.interpretation(
            "elderly",
            "县政府新闻办召开养老服务补贴政策新闻发布会",
            "press",
            "县民政局主要负责同志介绍《示范县养老服务补贴实施办法》主要内容：高龄津贴提标、新增护理补贴、80周岁以上老人免申即享。",
            published=pub_day("elderly"),
            media_url="https://www.shifan.gov.cn/xwfbh/2026-yanglao/",
        )
        self.interpretation(
            "housing_amend",
            "《关于修改〈示范县农村村民住房建设管理办法〉的决定》解读",
            "text",
            "本次修改主要有两处：一是区分耕地和其他土地，分别明确宅基地面积标准；二是审批时限由20个工作日压缩为15个工作日。",
            published=pub_day("housing_amend"),
            differences=True,
        )
        self.interpretation(
            "enrolment",
            "专家解读：义务教育招生入学新规“新”在哪里",
            "expert",
            "县教育学会专家从免试就近入学、随迁子女入学、材料“免提交”三个方面解读招生入学新规。",
            published=pub_day("enrolment"),
        )
        self.interpretation(
            "enrolment",
            "H5｜义务教育入学报名指南",
            "h5",
            "滑动查看：招生对象、入学条件、报名方式和时间安排。",
            published=late("enrolment"),
            late=True,
            media_url="https://h5.shifan.gov.cn/zsrx/",
        )
        self.interpretation(
            "planning",
            "《示范县建设工程规划许可管理规定》政策解读",
            "text",
            "一、制定依据：《中华人民共和国城乡规划法》。\n二、主要变化：审批时限10个工作日，简易低风险工程告知承诺当场发证。",
            published=late("planning"),
            late=True,
        )
        self.interpretation(
            "collective",
            "音频解读：东山镇农村集体经济组织收益分配怎么分",
            "audio",
            "镇农经站负责同志用方言讲解收益分配顺序和表决程序，在村村响广播中播放。",
            published=pub_day("collective"),
            media_url="https://www.shifan.gov.cn/media/dsz/syfp.mp3",
        )
        self.interpretation(
            "loan",
            "直播回放：创业担保贷款政策在线访谈",
            "live",
            "县人社局、县创业担保贷款担保中心负责同志做客“政策直播间”，解答申请条件、额度和贴息问题。",
            published=pub_day("loan"),
            media_url="https://live.shifan.gov.cn/replay/cydb/",
        )
        self.interpretation(
            "town_style",
            "《城关镇集镇规划区建筑风貌管理办法》解读",
            "text",
            "集镇规划区新建、改建住房外立面统一采用白墙黛瓦赣派风格，临街门头由镇统一设计。",
            published=pub_day("town_style"),
        )
        self.interpretation(
            "student_aid",
            "《示范县学生资助工作管理办法》政策解读",
            "text",
            "一、资助对象：家庭经济困难的幼儿和中小学生。\n二、资助标准：寄宿生生活补助小学每年1000元、初中每年1250元。",
            published=None,
            submitted=True,
        )
        self.interpretation(
            "agri_service",
            "图解：农业社会化服务奖补政策（初稿）",
            "graphic",
            "托管服务每亩奖补30元，单个组织每年最高50万元。",
            published=None,
            media_url="https://www.shifan.gov.cn/media/tj/nyshhfw.png",
            signoff="",  # waits for the leader's sign-off (审定)
        )
        self.interpretation(
            "agri_service",
            "《示范县农业社会化服务奖补办法》政策解读（送审稿）",
            "text",
            "一、制定背景：推进农业社会化服务。\n二、奖补标准：托管服务每亩30元。",
            published=None,
            signoff="returned",
            signoff_note="请补充申报条件和办理流程，并说明奖补资金的监管措施。",
        )

    def build_evaluations(self) -> None:
        self.evaluate(
            "registry",
            "extend",
            "文件实施情况良好，“交房即交证”等措施仍需继续执行，延续有效期2年。",
            years=2,
            days_ago=20,
        )
        self.extension("registry", to="effective", days_ago=18, note="同意延续，请按程序发布公告。")
        self.evaluate(
            "fees",
            "reissue",
            "部分收费项目已按上级规定取消，拟结合最新定价目录修订后重新制发。",
        )
        self.evaluate(
            "records",
            "extend",
            "学籍管理细则与教育部现行规定一致，执行情况良好，需继续执行，延续有效期3年。",
            years=3,
            days_ago=2,
        )  # waits for the leader
        self.evaluate(
            "legal_aid",
            "extend",
            "经济困难标准与本县低保标准联动，仍符合实际，延续有效期3年。",
            years=3,
            days_ago=6,
        )
        self.extension("legal_aid", to="approved", days_ago=4, note="同意。")
        self.evaluate(
            "investment",
            "extend",
            "办法执行情况总体良好，建议延续有效期3年。",
            years=3,
            days_ago=10,
        )
        self.extension(
            "investment",
            to="rejected",
            days_ago=8,
            note="《政府投资条例》实施细则已有调整，请结合项目库管理新要求评估是否修订后重新制发。",
        )

    # --- cleanup ---------------------------------------------------------------------------------------------
    def build_campaigns(self) -> None:
        from gongkai.policies import services
        from gongkai.policies.models import Campaign
        from gongkai.publishing import services as publishing

        office = self.users["office"]
        if not Campaign.objects.filter(title=CAMPAIGN_CLOSED).exists():
            started = self.ago(230)
            campaign = services.start_campaign(
                actor=office,
                title=CAMPAIGN_CLOSED,
                deadline=self.ago(200),
                scope_note="对照全国统一大市场建设要求，清理含有地方保护、市场分割、指定交易等内容的规范性文件。",
                units=[self.units[k] for k in ("zfb", "fgw", "zrzy")],
                kinds=["normative"],
                result_unit=self.units["zfb"],
                today=started,
            )
            for item in campaign.items.select_related("document__publication"):
                key = next(k for k, u in self.units.items() if u.pk == item.unit_id)
                if key == "fgw":
                    continue  # left unconfirmed: closed with the office's explicit confirmation
                if item.document.publication.title == texts.REAL_ESTATE_TITLE:
                    services.decide_cleanup(
                        item,
                        actor=self.users[f"{key}_reviewer"],
                        decision="expire",
                        note="文件规定的阶段性购房补贴措施已执行完毕，且与现行住房公积金政策不一致，宣布失效。",
                    )
                else:
                    services.decide_cleanup(item, actor=self.users[f"{key}_reviewer"], decision="keep")
            campaign = services.close_campaign(
                campaign, actor=office, effective=self.ago(190), accept_pending=True, today=self.ago(192)
            )
            notice = campaign.result_notice
            reviewer = self.users["zfb_reviewer"]
            publishing.decide_review(notice, actor=reviewer, checks=ALL_PASS, verdict="approved")
            publishing.publish(notice, actor=reviewer, now=_dt(self.ago(190)))
            self.backdate(notice, self.ago(192), self.ago(191))
            self.count("清理")
        if not Campaign.objects.filter(title=CAMPAIGN_OPEN).exists():
            campaign = services.start_campaign(
                actor=office,
                title=CAMPAIGN_OPEN,
                deadline=self.today + timedelta(days=25),
                scope_note="各单位对本单位制发的现行有效行政规范性文件逐件提出继续有效、拟修改、废止或宣布失效的意见。",
                kinds=["normative"],
                year_from=self.today.year - 6,
                result_unit=self.units["zfb"],
            )
            done_units = {"fgw", "jkt", "cgz", "dsz"}
            half = {"zfb"}
            items = list(campaign.items.select_related("document__publication").order_by("unit_id", "id"))
            seen: dict[str, int] = {}
            for item in items:
                key = next(k for k, u in self.units.items() if u.pk == item.unit_id)
                seen[key] = seen.get(key, 0) + 1
                if key not in done_units and not (key in half and seen[key] % 2 == 1):
                    continue
                title = item.document.publication.title
                if title == "示范县政府定价经营服务性收费管理办法":
                    decision, note = "amend", "部分收费项目已取消，拟修订后重新制发。"
                else:
                    decision, note = "keep", ""
                services.decide_cleanup(
                    item, actor=self.users[f"{key}_reviewer"], decision=decision, note=note
                )
            self.count("清理")

    # --- 政策+解读+办事, Q&A, packages ----------------------------------------------------------------------------
    def build_services(self) -> None:
        from gongkai.policies import services
        from gongkai.policies.models import ServiceItem

        office = self.users["office"]
        specs = [
            ("nyj", "耕地地力保护补贴申领", "369901-NY-001", "gdbt", ["subsidy"]),
            ("xzsp", "企业设立登记（一网通办）", "369901-SP-003", "qykb", ["startup", "business_plan"]),
            ("rsj", "创业担保贷款申请", "369901-RS-012", "cydb", ["loan", "startup"]),
            ("rsj", "一次性创业补贴申领", "369901-RS-015", "cybt", ["startup"]),
            ("mzj", "城乡最低生活保障对象认定", "369901-MZ-002", "dbrd", ["dibao"]),
            ("mzj", "高龄津贴申领", "369901-MZ-008", "gljt", ["elderly"]),
            ("jkt", "义务教育阶段入学报名", "369901-JY-001", "rxbm", ["enrolment"]),
            ("zrzy", "建设工程规划许可证核发", "369901-ZR-004", "ghxk", ["planning"]),
            ("zrzy", "不动产首次登记", "369901-ZR-011", "bdcdj", ["registry"]),
            ("cgz", "农村宅基地和建房（规划许可）审批", "369901-CG-002", "zjd", ["housing", "housing_amend"]),
        ]
        self.services = {}
        for unit_key, name, code, slug, doc_keys in specs:
            unit = self.units[unit_key]
            item = ServiceItem.objects.filter(unit=unit, name=name).first()
            if item is None:
                item = services.save_service(
                    unit,
                    actor=office,
                    documents=[self.docs[k] for k in doc_keys],
                    name=name,
                    code=code,
                    guide_url=f"https://zwfw.shifan.gov.cn/bszn/{slug}/",
                )
                self.count("办事事项")
            self.services[slug] = item

    QUESTIONS = [
        (
            "zfb",
            "耕地地力保护补贴每亩补多少钱？",
            "按照新办法，补贴标准原则上每亩不低于105元，具体标准每年根据上级下达资金和全县补贴面积测算后公布。",
            ["subsidy"],
            ["gdbt"],
            23,
            2,
        ),
        (
            "zfb",
            "承包地流转给别人种，耕地地力保护补贴发给谁？",
            "补贴发放给承包农户；流转双方另有约定的，从其约定。",
            ["subsidy"],
            ["gdbt"],
            17,
            1,
        ),
        (
            "zfb",
            "耕地撂荒了还能领补贴吗？",
            "撂荒一年以上的耕地暂停发放补贴，复耕复种后恢复发放。",
            ["subsidy"],
            ["gdbt"],
            9,
            3,
        ),
        (
            "fgw",
            "新开办企业刻公章要收费吗？",
            "不收费。新开办企业首套印章（4枚）由县财政统一承担费用。",
            ["startup"],
            ["qykb"],
            31,
            0,
        ),
        (
            "fgw",
            "开办企业最快多长时间能办好？",
            "通过“一网通办”，企业设立登记、公章刻制、发票申领、员工参保登记和住房公积金缴存登记一次提交、一日办结。",
            ["startup"],
            ["qykb"],
            28,
            1,
        ),
        (
            "fgw",
            "租用厂房能享受场地租金补贴吗？",
            "租用创业孵化基地以外场地的初创企业，按实际租金的50%给予补贴，每年最高2万元，补贴期限不超过2年。",
            ["startup"],
            ["cybt"],
            12,
            2,
        ),
        (
            "zfb",
            "个人创业担保贷款最多能贷多少？",
            "符合条件的个人最高可申请30万元，期限最长3年，财政按规定贴息。新办法施行前按原规定办理。",
            ["loan"],
            ["cydb"],
            15,
            0,
        ),
        (
            "zfb",
            "创业担保贷款还清后还能再贷吗？",
            "按期还清的可以再次申请，累计不超过3次。",
            ["loan"],
            ["cydb"],
            6,
            0,
        ),
        (
            "zfb",
            "城乡低保标准是多少？",
            "城市低保标准为每人每月750元，农村低保标准为每人每年7200元。",
            ["dibao"],
            ["dbrd"],
            40,
            4,
        ),
        (
            "zfb",
            "不在户籍地居住，可以在居住地申请低保吗？",
            "可以。新办法规定可以向户籍所在地或者经常居住地乡镇人民政府（街道办事处）申请。",
            ["dibao"],
            ["dbrd"],
            11,
            1,
        ),
        (
            "zfb",
            "80岁老人高龄津贴需要自己申请吗？",
            "不需要。县民政局依托人口信息比对主动发现，符合条件的免申即享。",
            ["elderly"],
            ["gljt"],
            19,
            0,
        ),
        (
            "zfb",
            "失能老人护理补贴标准是多少？",
            "经评估为重度失能的经济困难老年人，每人每月200元。",
            ["elderly"],
            ["gljt"],
            8,
            1,
        ),
        (
            "jkt",
            "随迁子女在县城上小学需要什么条件？",
            "父母在本县务工就业并连续缴纳社会保险满6个月的，由县教科体局统筹安排入学；经商的凭营业执照和居住证申请。",
            ["enrolment"],
            ["rxbm"],
            26,
            3,
        ),
        (
            "jkt",
            "小学入学报名在哪里报？",
            "通过“示范教育”公众号网上报名，按通知时间到学校现场审核材料。",
            ["enrolment"],
            ["rxbm"],
            14,
            0,
        ),
        (
            "zfb",
            "农村建房宅基地面积最多多少？",
            "使用耕地的每户不超过120平方米；使用村内空闲地、荒坡地等其他土地的，每户不超过150平方米。",
            ["housing", "housing_amend"],
            ["zjd"],
            21,
            2,
        ),
        (
            "zrzy",
            "简易低风险工程办规划许可要多久？",
            "社会投资简易低风险工程实行告知承诺制，材料齐全的当场发证。",
            ["planning"],
            ["ghxk"],
            5,
            0,
        ),
    ]

    def build_questions(self) -> None:
        from gongkai.core.search import normalize
        from gongkai.policies import services
        from gongkai.policies.models import Question, UnansweredSearch

        self.questions = []
        for n, (unit_key, question, answer, doc_keys, service_keys, yes, no) in enumerate(self.QUESTIONS):
            unit = self.units[unit_key]
            found = Question.objects.filter(unit=unit, question=question).first()
            if found is None:
                editor = self.users.get(f"{unit_key}_editor")
                found = services.save_question(
                    unit,
                    actor=editor or self.users["office"],
                    documents=[self.docs[k] for k in doc_keys],
                    services=[self.services[k] for k in service_keys],
                    question=question,
                    answer=f"<p>{escape(answer)}</p>",
                )
                services.set_question_state(
                    found, actor=self.users[f"{unit_key}_reviewer"], state="published"
                )
                for v in range(yes + no):
                    services.vote(found, helpful=v < yes, voter_key=f"demo-visitor-{n}-{v}")
                self.count("问答")
            self.questions.append(found)
        for query, times in (("独生子女奖励扶助", 7), ("公租房申请条件", 5), ("新能源汽车下乡补贴", 3)):
            if not UnansweredSearch.objects.filter(query=normalize(query)).exists():
                for _ in range(times):
                    services.log_unanswered(query)
                self.count("无结果检索")

    def build_packages(self) -> None:
        from gongkai.policies import services
        from gongkai.policies.models import Package

        office = self.users["office"]
        by_doc = {}
        for q in self.questions:
            for doc_id in q.documents.values_list("pk", flat=True):
                by_doc.setdefault(doc_id, []).append(q)

        def questions_of(keys):
            return list({q.pk: q for k in keys for q in by_doc.get(self.docs[k].pk, [])}.values())

        specs = [
            (
                "qiye-kaiban",
                "企业开办政策包",
                "企业开办",
                "开办企业一次看全：开办流程、免费刻章、场地补贴、创业担保贷款和办事入口。",
                ["startup", "loan", "business_plan"],
                ["qykb", "cydb", "cybt"],
                10,
            ),
            (
                "huinong-huiqi-butie",
                "惠农惠企补贴政策包",
                "惠农惠企补贴",
                "耕地地力保护补贴、人居环境整治奖补、农村集体收益分配和创业扶持补贴的政策、解读、问答和办事入口。",
                ["subsidy", "sanitation", "collective", "startup"],
                ["gdbt", "cybt"],
                20,
            ),
        ]
        for slug, title, theme, summary, doc_keys, service_keys, order in specs:
            if Package.objects.filter(slug=slug).exists():
                continue
            services.save_package(
                actor=office,
                documents=[self.docs[k] for k in doc_keys],
                questions=questions_of(doc_keys),
                services=[self.services[k] for k in service_keys],
                title=title,
                slug=slug,
                theme=theme,
                summary=summary,
                is_published=True,
                sort_order=order,
            )
            self.count("政策包")

    def run(self) -> None:
        from gongkai.orgs.demo import DEMO_UNITS
        from gongkai.orgs.models import Unit, User

        names = {u.name: u.key for u in DEMO_UNITS}
        self.units = {names[u.name]: u for u in Unit.objects.filter(name__in=names)}
        self.users = {u.username: u for u in User.objects.filter(username__in=self.usernames())}
        if "office" not in self.users or "zfb_editor" not in self.users:
            self.out.write("政策文件库：缺少演示单位或人员（请先加载 gongkai.orgs.demo），跳过。\n")
            return
        self.build_documents()
        self.build_relations()
        self.build_interpretations()
        self.build_evaluations()
        self.build_campaigns()
        self.build_services()
        self.build_questions()
        self.build_packages()
        made = "，".join(f"{k} {v}" for k, v in self.created.items()) or "无新增"
        self.out.write(f"政策文件库：新建 {made}。\n")

    @staticmethod
    def usernames() -> list[str]:
        names = ["office"]
        for key in HEADS:
            names += [f"{key}_editor", f"{key}_reviewer", f"{key}_leader"]
        return names


def load(out) -> None:
    Loader(out).run()
