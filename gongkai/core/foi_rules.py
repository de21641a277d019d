"""Applications for disclosure (依申请公开) as data and pure functions: no Django here.

- ``OUTCOMES``: the statutory outcome vocabulary. It *is* the list of rows 三、本年度办理结果 of table III of the
  annual report (国办公开办函〔2021〕30号), in the report's order, each with its group, label and legal basis, so the
  annual report is a plain count over replies.
- ``APPLICANT_TYPES``: the columns of that table (自然人; 法人或其他组织 × 5).
- ``CHANNELS`` and ``receipt_date``: when an application counts as received (条例第三十一条).
- ``compute_fee``: the information-processing fee (条例第四十二条, 国办函〔2020〕109号), by item *or* by volume.
- ``compute_due``: the reply due date from a case's ledger of dated events (receipt, correction, restart,
  extension, pause), on a ``WorkCalendar``, with a trace an official can check by hand.

Time limits come from ``gongkai.core.law``; nothing here repeats a figure the law module holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import law
from .workdays import WorkCalendar, WorkdayResult, fmt, not_covered_reason

R = law.REGULATION  # 《中华人民共和国政府信息公开条例》

# ---------------------------------------------------------------------------------------------------------------
# Outcomes (答复结果) — table III rows of the annual report
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeGroup:
    code: str
    number: str  # the report's row number: （一）…（六）
    label: str


GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("grant", "（一）", "予以公开"),
    OutcomeGroup("partial", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    OutcomeGroup("withhold", "（三）", "不予公开"),
    OutcomeGroup("unable", "（四）", "无法提供"),
    OutcomeGroup("decline", "（五）", "不予处理"),
    OutcomeGroup("other", "（六）", "其他处理"),
)
GROUP_BY_CODE = {g.code: g for g in GROUPS}


@dataclass(frozen=True)
class Outcome:
    """One statutory outcome of a reply (答复结果) = one row of the annual report's table III."""

    code: str
    group: str
    number: str  # within its group: "1." … ; "" for the single-row groups
    label: str  # the report's wording
    basis: str  # the legal ground quoted in the reply letter
    explanation: str  # the sentence the reply letter uses

    @property
    def group_label(self) -> str:
        return GROUP_BY_CODE[self.group].label

    @property
    def full_label(self) -> str:
        """予以公开 / 不予公开—属于国家秘密 …: unambiguous in lists and exports."""
        if self.group in ("grant", "partial"):
            return self.label
        return f"{GROUP_BY_CODE[self.group].label.split('（')[0]}—{self.label}"

    @property
    def report_row(self) -> str:
        group = GROUP_BY_CODE[self.group]
        return f"{group.number}{self.number}" if self.number else group.number

    @property
    def is_refusal(self) -> bool:
        """The applicant does not get (all of) the information on a decision of the body."""
        return self.group in ("partial", "withhold", "unable", "decline")

    @property
    def closes_without_reply(self) -> bool:
        """Outcomes that end a case because the applicant did not act (no substantive reply letter)."""
        return self.code in ("other_no_correction", "other_no_fee")


def _a(n: str) -> str:
    return f"{R}第{n}条"


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "grant",
        "grant",
        "",
        "予以公开",
        law.article_36(2),  # （一） is for information already published: the already_public situation
        "经审查，您申请获取的政府信息属于公开范围，现予以公开。",
    ),
    Outcome(
        "partial",
        "partial",
        "",
        "部分公开",
        f"{_a('三十七')}",
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，现向您提供可以公开的部分，"
        "对不予公开的部分说明理由如下。",
    ),
    Outcome(
        "withhold_secret",
        "withhold",
        "1.",
        "属于国家秘密",
        f"{_a('十四')}、第三十六条第（三）项",
        "您申请获取的政府信息依法确定为国家秘密，不予公开。",
    ),
    Outcome(
        "withhold_law",
        "withhold",
        "2.",
        "其他法律行政法规禁止公开",
        f"{_a('十四')}、第三十六条第（三）项",
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，不予公开。",
    ),
    Outcome(
        "withhold_safety",
        "withhold",
        "3.",
        "危及“三安全一稳定”",
        f"{_a('十四')}、第三十六条第（三）项",
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开。",
    ),
    Outcome(
        "withhold_third_party",
        "withhold",
        "4.",
        "保护第三方合法权益",
        f"{_a('十五')}、第三十二条、第三十六条第（三）项",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开。",
    ),
    Outcome(
        "withhold_internal",
        "withhold",
        "5.",
        "属于三类内部事务信息",
        f"{_a('十六')}第一款、第三十六条第（三）项",
        "您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息，不予公开。",
    ),
    Outcome(
        "withhold_process",
        "withhold",
        "6.",
        "属于四类过程性信息",
        f"{_a('十六')}第二款、第三十六条第（三）项",
        "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等"
        "过程性信息，不予公开。",
    ),
    Outcome(
        "withhold_enforcement",
        "withhold",
        "7.",
        "属于行政执法案卷",
        f"{_a('十六')}第二款、第三十六条第（三）项",
        "您申请获取的信息属于行政执法案卷信息，不予公开。",
    ),
    Outcome(
        "withhold_inquiry",
        "withhold",
        "8.",
        "属于行政查询事项",
        law.article_36(7),
        "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的查询事项，请依照有关法律、行政法规的"
        "规定办理。",
    ),
    Outcome(
        "unable_not_held",
        "unable",
        "1.",
        "本机关不掌握相关政府信息",
        law.article_36(4),  # （五）, not this body's information, is the other_body situation
        "经检索，本机关没有制作或者获取您申请的政府信息。",
    ),
    Outcome(
        "unable_needs_creation",
        "unable",
        "2.",
        "没有现成信息需要另行制作",
        f"{_a('三十八')}",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
    ),
    Outcome(
        "unable_unclear",
        "unable",
        "3.",
        "补正后申请内容仍不明确",
        f"{_a('三十')}",
        "您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
    ),
    Outcome(
        "decline_petition",
        "decline",
        "1.",
        "信访举报投诉类申请",
        f"{_a('三十九')}第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
        "您可以通过相应渠道提出。",
    ),
    Outcome(
        "decline_repeat",
        "decline",
        "2.",
        "重复申请",
        law.article_36(6),
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    ),
    Outcome(
        "decline_publication",
        "decline",
        "3.",
        "要求提供公开出版物",
        f"{_a('三十九')}第二款",
        "您申请的内容为政府公报、报刊、书籍等公开出版物，请通过以下途径获取。",
    ),
    Outcome(
        "decline_excessive",
        "decline",
        "4.",
        "无正当理由大量反复申请",
        f"{_a('三十五')}",
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
    ),
    Outcome(
        "decline_confirm",
        "decline",
        "5.",
        "要求行政机关确认或重新出具已获取信息",
        # The regulation has no article naming this case; bodies answer it under 第38–39条 by analogy.
        f"{_a('三十八')}、第三十九条（参照）",
        "您申请的内容为要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请的处理范围。",
    ),
    Outcome(
        "other_no_correction",
        "other",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        f"{_a('三十')}",
        "您未在补正期限内补正申请且无正当理由，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome(
        "other_no_fee",
        "other",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        law.FEE_BASIS,
        "您未在收费通知规定的期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome("other", "other", "3.", "其他", R, ""),
)
OUTCOME_BY_CODE = {o.code: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.code, o.full_label) for o in OUTCOMES]

# Replies needing the legal adviser's countersign (法律审核/会签) unless the office configures otherwise.
DEFAULT_COUNTERSIGN_GROUPS = ("partial", "withhold")


def outcome(code: str) -> Outcome:
    try:
        return OUTCOME_BY_CODE[code]
    except KeyError:
        raise ValueError(f"未知的答复结果代码：{code!r}")


def outcomes_in(group: str) -> list[Outcome]:
    return [o for o in OUTCOMES if o.group == group]


def needs_countersign(code: str, configured: Iterable[str] | None = None) -> bool:
    """Whether a reply of outcome ``code`` needs the legal countersign; ``configured`` holds codes or group codes."""
    o = outcome(code)
    wanted = set(DEFAULT_COUNTERSIGN_GROUPS if configured is None else configured)
    return o.code in wanted or o.group in wanted


# 第三十六条 situations that change what the reply must say, each tied to the report row it is counted in.
@dataclass(frozen=True)
class Situation:
    code: str
    label: str
    outcome: str  # the outcome row it is counted under
    needs: str  # the extra detail the letter must give
    basis: str


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "already_public",
        "已主动公开（告知获取方式和途径）",
        "grant",
        "公开的位置（网址、公报期号或查阅场所）",
        law.article_36(1),
    ),
    Situation(
        "other_body",
        "不属于本机关负责公开（告知负责公开的机关）",
        "unable_not_held",
        "负责公开该信息的机关名称及联系方式",
        law.article_36(5),
    ),
)
SITUATION_BY_CODE = {s.code: s for s in SITUATIONS}


# ---------------------------------------------------------------------------------------------------------------
# Applicants (申请人) — the columns of table III
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantType:
    code: str
    label: str
    is_person: bool


APPLICANT_TYPES: tuple[ApplicantType, ...] = (
    ApplicantType("natural_person", "自然人", True),
    ApplicantType("business", "商业企业", False),
    ApplicantType("research", "科研机构", False),
    ApplicantType("public_interest", "社会公益组织", False),
    ApplicantType("legal_service", "法律服务机构", False),
    ApplicantType("other_org", "其他", False),
)
APPLICANT_TYPE_BY_CODE = {t.code: t for t in APPLICANT_TYPES}
APPLICANT_TYPE_CHOICES = [
    (t.code, t.label if t.is_person else f"法人或其他组织—{t.label}") for t in APPLICANT_TYPES
]

ID_TYPES = (
    ("id_card", "居民身份证"),
    ("passport", "护照"),
    ("hk_macau", "港澳居民来往内地通行证"),
    ("taiwan", "台湾居民来往大陆通行证"),
    ("residence", "外国人永久居留身份证"),
    ("credit_code", "统一社会信用代码证书（营业执照等）"),
    ("other", "其他有效身份证件"),
)

# 申请人要求的提供形式 / 获取方式
MEDIA = (("paper", "纸质"), ("electronic", "电子"))
DELIVERY = (("pickup", "自行领取"), ("post", "邮寄"), ("email", "电子邮件"), ("online", "网上查看"))


# ---------------------------------------------------------------------------------------------------------------
# Channels and the receipt date (收到申请之日), 条例第三十一条
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    code: str
    label: str
    rule: str  # which date counts, in the regulation's words
    needs: str  # the date field that decides: submitted / signed_for / confirmed


CHANNELS: tuple[Channel, ...] = (
    Channel("online", "网上申请", "通过互联网渠道提交的，以双方确认之日为收到申请之日", "confirmed"),
    Channel("in_person", "当面提交", "当面提交的，以提交之日为收到申请之日", "submitted"),
    Channel(
        "oral",
        "口头申请（代为填写）",
        "口头提出、由工作人员代为填写的，以提出之日为收到申请之日",
        "submitted",
    ),
    Channel("letter", "邮寄（需签收）", "以邮寄方式提交的，以行政机关签收之日为收到申请之日", "signed_for"),
    Channel(
        "ordinary_mail",
        "平常信函（无需签收）",
        "以平常信函等无需签收的方式邮寄的，以政府信息公开工作机构与申请人确认之日为收到申请之日",
        "confirmed",
    ),
    Channel("fax", "传真", "通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日", "confirmed"),
    Channel(
        "email", "电子邮件", "通过电子邮件（互联网渠道）提交的，以双方确认之日为收到申请之日", "confirmed"
    ),
)
CHANNEL_BY_CODE = {c.code: c for c in CHANNELS}
CHANNEL_CHOICES = [(c.code, c.label) for c in CHANNELS]
RECEIPT_BASIS = f"{_a('三十一')}"

_DATE_LABELS = {"submitted": "提交日期", "signed_for": "签收日期", "confirmed": "确认日期"}


@dataclass(frozen=True)
class Receipt:
    date: date
    rule: str


def receipt_date(
    channel: str,
    *,
    submitted: date | None = None,
    signed_for: date | None = None,
    confirmed: date | None = None,
) -> Receipt:
    """The date an application counts as received, by channel (第三十一条). Raises ValueError (Chinese) if the
    deciding date is missing or impossible (before the submission)."""
    try:
        ch = CHANNEL_BY_CODE[channel]
    except KeyError:
        raise ValueError(f"未知的申请渠道：{channel!r}")
    value = {"submitted": submitted, "signed_for": signed_for, "confirmed": confirmed}[ch.needs]
    if value is None:
        raise ValueError(f"{ch.label}的申请须填写{_DATE_LABELS[ch.needs]}：{ch.rule}（{RECEIPT_BASIS}）")
    if submitted is not None and value < submitted:
        raise ValueError(
            f"{_DATE_LABELS[ch.needs]}（{value.isoformat()}）不能早于提交日期（{submitted.isoformat()}），请核对"
        )
    return Receipt(value, f"{ch.rule}（{RECEIPT_BASIS}）")


# ---------------------------------------------------------------------------------------------------------------
# Fees (信息处理费), 条例第四十二条 and 国办函〔2020〕109号
# ---------------------------------------------------------------------------------------------------------------

FEE_BY_ITEM = "item"  # 按件计收: items one applicant filed in one calendar month
FEE_BY_VOLUME = "volume"  # 按量计收: pages of one application
FEE_METHODS = ((FEE_BY_ITEM, "按件计收"), (FEE_BY_VOLUME, "按量计收"))

ITEM_FREE = 10
ITEM_FIRST_BAND_END = 30
ITEM_FIRST_PRICE = 100
ITEM_BAND = 10
ITEM_STEP = 100
# (first page, last page or None, yuan per page)
VOLUME_BANDS = ((31, 100, 10), (101, 200, 20), (201, None, 40))
VOLUME_FREE = 30


@dataclass(frozen=True)
class FeeLine:
    first: int
    last: int
    unit_price: int
    amount: int
    unit: str  # 件 / 页

    def __str__(self) -> str:
        span = (
            f"第{self.first}{self.unit}"
            if self.first == self.last
            else f"第{self.first}—{self.last}{self.unit}"
        )
        return f"{span}：{self.last - self.first + 1}{self.unit} × {self.unit_price}元 = {self.amount}元"


@dataclass(frozen=True)
class Fee:
    method: str
    quantity: int
    amount: int  # yuan
    lines: tuple[FeeLine, ...]
    basis: str = law.FEE_BASIS

    @property
    def method_label(self) -> str:
        return dict(FEE_METHODS)[self.method]

    def explain(self) -> list[str]:
        unit = "件" if self.method == FEE_BY_ITEM else "页"
        free = ITEM_FREE if self.method == FEE_BY_ITEM else VOLUME_FREE
        head = f"{self.method_label}：共{self.quantity}{unit}，{free}{unit}以下（含{free}{unit}）不收费"
        return [head, *map(str, self.lines), f"合计：{self.amount}元"]


def item_unit_price(n: int) -> int:
    """Price of the n-th item of the month: 0 up to 10, 100 for 11–30, then +100 per band of 10 (31–40: 200)."""
    if n <= ITEM_FREE:
        return 0
    if n <= ITEM_FIRST_BAND_END:
        return ITEM_FIRST_PRICE
    bands = (n - ITEM_FIRST_BAND_END - 1) // ITEM_BAND + 1
    return ITEM_FIRST_PRICE + ITEM_STEP * bands


def _item_lines(items: int) -> list[FeeLine]:
    lines: list[FeeLine] = []
    n = ITEM_FREE + 1
    while n <= items:
        price = item_unit_price(n)
        last = ITEM_FIRST_BAND_END if n <= ITEM_FIRST_BAND_END else n + ITEM_BAND - 1
        last = min(last, items)
        lines.append(FeeLine(n, last, price, price * (last - n + 1), "件"))
        n = last + 1
    return lines


def _volume_lines(pages: int) -> list[FeeLine]:
    lines = []
    for first, last, price in VOLUME_BANDS:
        if pages < first:
            break
        end = pages if last is None else min(last, pages)
        lines.append(FeeLine(first, end, price, price * (end - first + 1), "页"))
    return lines


def compute_fee(*, items: int | None = None, pages: int | None = None) -> Fee:
    """The fee by item (``items`` filed by the applicant this calendar month) or by volume (``pages`` of one
    application). Exactly one must be given: the two methods are never combined (国办函〔2020〕109号)."""
    if (items is None) == (pages is None):
        raise ValueError("按件计收和按量计收不得同时适用：请只填写件数或页数中的一项")
    method, quantity = (FEE_BY_ITEM, items) if items is not None else (FEE_BY_VOLUME, pages)
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        raise ValueError(
            f"{'件数' if method == FEE_BY_ITEM else '页数'}应为不小于0的整数（收到：{quantity!r}）"
        )
    lines = _item_lines(quantity) if method == FEE_BY_ITEM else _volume_lines(quantity)
    return Fee(method, quantity, sum(line.amount for line in lines), tuple(lines))


# ---------------------------------------------------------------------------------------------------------------
# Deadlines from a ledger of dated events (期限台账)
# ---------------------------------------------------------------------------------------------------------------

RECEIVED = "received"  # 收到申请
CORRECTION_REQUESTED = "correction_requested"  # 发出补正通知 (clock stops until the correction arrives)
CORRECTION_RECEIVED = "correction_received"  # 收到补正 (the period restarts, 第30条)
RESTART = "restart"  # 重新起算 (e.g. reopened on a reconsideration decision)
EXTENSION = "extension"  # 延长答复期限 (days)
PAUSE_START = "pause_start"  # 征求意见/收费通知 begins (days not counted)
PAUSE_END = "pause_end"
LEDGER_KINDS = (
    RECEIVED,
    CORRECTION_REQUESTED,
    CORRECTION_RECEIVED,
    RESTART,
    EXTENSION,
    PAUSE_START,
    PAUSE_END,
)
_ORDER = {k: i for i, k in enumerate(LEDGER_KINDS)}


@dataclass(frozen=True)
class LedgerEvent:
    """One dated fact the due date depends on. ``key`` pairs a pause's start and end (several may overlap)."""

    kind: str
    date: date
    days: int = 0
    key: str = ""
    label: str = ""


@dataclass
class Due:
    """The reply due date (答复期限) computed from the ledger, with everything a case page shows."""

    # ``datetime.date``: in the class body the bare name would mean this field.
    date: datetime.date | None  # None while the clock is stopped for a correction
    start: datetime.date | None  # the day the period runs from (not counted)
    limit: int
    extension_days: int
    provisional: bool = False
    reasons: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    awaiting_correction: bool = False
    paused_since: datetime.date | None = None  # an open pause (projection: due date if it ended on ``as_of``)
    pauses: list[tuple[datetime.date, datetime.date]] = field(default_factory=list)

    @property
    def total_days(self) -> int:
        return self.limit + self.extension_days

    @property
    def clock_running(self) -> bool:
        return self.date is not None and not self.awaiting_correction and self.paused_since is None

    def __str__(self) -> str:
        if self.date is None:
            return "待补正（答复期限自收到补正之日起重新计算）"
        return self.date.isoformat() + (" (provisional)" if self.provisional else "")


def correction_notice_deadline(received: date, calendar: WorkCalendar) -> WorkdayResult:
    """Last day to send the one-time 补正 notice: 7 working days after receipt (第三十条)."""
    return calendar.add_working_days(received, law.CORRECTION_NOTICE.value)


def extension_refusal(used: int, days: int, *, pending: int = 0) -> str:
    """Why ``days`` more working days of extension cannot be asked for, or "" when they can.

    The one check of the cap (第三十三条, ``law.REPLY_EXTENSION``: at most 20 working days in all): ``used`` days
    already granted and ``pending`` days awaiting approval count against it.
    """
    cap = law.REPLY_EXTENSION
    if days <= 0:
        return "延长的工作日数应大于0"
    if used + pending + days <= cap.value:
        return ""
    waiting = f"，待批{pending}个工作日" if pending else ""
    return (
        f"延长答复期限最长不得超过{cap.value}个工作日（{cap.basis}），已延长{used}个工作日{waiting}，"
        f"本次申请{days}个工作日，本次最多{max(cap.value - used - pending, 0)}个工作日"
    )


def compute_due(
    events: Sequence[LedgerEvent],
    calendar: WorkCalendar,
    limit: int = law.REPLY.value,
    as_of: date | None = None,
    trace: bool = True,
) -> Due:
    """Recompute the due date from the ledger (``trace=False``: the same date, faster, for lists and caches).

    Rules: the period runs ``limit`` working days from receipt (receipt day not counted); a correction notice stops
    the clock and the period restarts from the day the correction is received (第三十条); a restart (reopening)
    likewise starts a fresh period, dropping earlier extensions; extensions add working days, at most 20 in all
    (第三十三条); the working days of each pause (征求第三方或其他机关意见, 收费通知至缴费) are not counted, both
    ends inclusive. An open pause is projected as if it ended on ``as_of``.
    """
    if not 1 <= limit <= law.REPLY.value:
        raise ValueError(f"答复期限应为1至{law.REPLY.value}个工作日（{law.REPLY.basis}），收到：{limit}")
    evs = sorted(events, key=lambda e: (e.date, _ORDER.get(e.kind, 99)))
    for e in evs:
        if e.kind not in _ORDER:
            raise ValueError(f"未知的期限事件类型：{e.kind!r}")
    received = next((e for e in evs if e.kind == RECEIVED), None)
    if received is None:
        raise ValueError("期限台账缺少“收到申请”事件，无法计算答复期限")
    start = received.date
    ledger_trace = [f"收到申请：{fmt(start)}（{law.REPLY.basis}：{limit}个工作日内答复）"] if trace else []
    extension = 0
    awaiting = False
    open_pauses: dict[str, date] = {}
    closed: list[tuple[date, date]] = []
    for e in evs:
        if e.kind == RECEIVED and e is not received:
            raise ValueError("期限台账中“收到申请”事件只能有一个")
        if e.date < start and e.kind != RECEIVED:
            raise ValueError(f"期限事件日期{e.date.isoformat()}早于收到申请之日{start.isoformat()}，请核对")
        if e.kind == CORRECTION_REQUESTED:
            awaiting = True
            when = f"{fmt(e.date)}（{e.label}）" if e.label else fmt(e.date)
            if trace:
                ledger_trace.append(f"发出补正通知：{when}，答复期限停止计算，待收到补正后重新起算")
        elif e.kind in (CORRECTION_RECEIVED, RESTART):
            if e.kind == CORRECTION_RECEIVED and not awaiting:
                raise ValueError(f"{e.date.isoformat()}收到补正，但此前没有补正通知")
            awaiting = False
            start = e.date
            why = "收到补正申请" if e.kind == CORRECTION_RECEIVED else (e.label or "重新办理")
            dropped = " 此前的延期和中止不再适用。" if extension or closed else ""
            extension = 0
            closed = [p for p in closed if p[1] > start]
            if trace:
                ledger_trace.append(
                    f"{why}：{fmt(start)}，答复期限自此重新起算{limit}个工作日（{R}第三十条）。{dropped}"
                )
        elif e.kind == EXTENSION:
            refusal = extension_refusal(extension, e.days)
            if refusal:
                raise ValueError(refusal)
            extension += e.days
            if trace:
                ledger_trace.append(
                    f"延长答复期限{e.days}个工作日：{fmt(e.date)}决定{('（' + e.label + '）') if e.label else ''}"
                )
        elif e.kind == PAUSE_START:
            if e.key in open_pauses:
                raise ValueError(f"中止期间“{e.key}”已开始，不能重复开始")
            open_pauses[e.key] = e.date
            if trace:
                ledger_trace.append(f"{e.label or '中止计算'}开始：{fmt(e.date)}")
        elif e.kind == PAUSE_END:
            if e.key not in open_pauses:
                raise ValueError(f"中止期间“{e.key}”没有开始日期，不能结束")
            begun = open_pauses.pop(e.key)
            closed.append((begun, e.date))
            if trace:
                ledger_trace.append(f"{e.label or '中止计算'}结束：{fmt(e.date)}")
    if awaiting:
        return Due(
            None,
            None,
            limit,
            extension,
            trace=[*ledger_trace, "当前待申请人补正，答复期限尚未起算"],
            awaiting_correction=True,
            pauses=closed,
        )
    paused_since = None
    if open_pauses:
        paused_since = min(open_pauses.values())
        until = max(as_of or paused_since, paused_since)
        for begun in open_pauses.values():
            closed.append((begun, max(until, begun)))
        if trace:
            ledger_trace.append(f"中止期间尚未结束：按{fmt(until)}结束推算；结束后期限将相应顺延")
    total = limit + extension
    pauses = [(a, b) for a, b in closed if b > start]
    if trace:
        result = calendar.deadline(start, total, excluded=pauses)
    else:
        result = fast_deadline(calendar, start, total, pauses)
    return Due(
        result.date,
        start,
        limit,
        extension,
        provisional=result.provisional,
        reasons=result.reasons,
        trace=[*ledger_trace, *result.trace],
        paused_since=paused_since,
        pauses=pauses,
    )


def fast_deadline(
    calendar: WorkCalendar, start: date, n: int, pauses: Sequence[tuple[date, date]]
) -> WorkdayResult:
    """``calendar.deadline`` without the trace: O(log n) lookups instead of a day-by-day walk.

    The n-th working day after ``start`` outside the pauses is the (n + k)-th working day, where k is the number
    of paused working days up to it; k is found by iterating to the fixed point (k only grows, so it ends).
    """
    merged: list[tuple[date, date]] = []
    for a, b in sorted(pauses):
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    k = 0
    while True:
        d = calendar.add_working_days(start, n + k).date
        paused = 0
        for a, b in merged:
            lo, hi = max(a, start + timedelta(days=1)), min(b, d)
            if lo <= hi:
                paused += calendar.count_working_days(lo - timedelta(days=1), hi).count
        if paused == k:
            break
        k = paused
    reasons = [not_covered_reason(y) for y in calendar.uncovered_years(start, d)]
    return WorkdayResult(d, bool(reasons), reasons, [])


def remaining_working_days(due: date, today: date, calendar: WorkCalendar) -> int:
    """剩余工作日: working days after today up to and including the due date (0 on the due day, negative once
    overdue: the number of working days past it)."""
    return calendar.count_working_days(today, due).count


DUE_STATUS_LABELS = {
    "done": "已答复",
    "stopped": "期限中止",
    "overdue": "已超期",
    "due_soon": "临近期限",
    "on_track": "正常",
}


def due_status(
    due_date: date | None,
    today: date,
    calendar: WorkCalendar,
    soon: int = 3,
    *,
    clock_running: bool = True,
    is_open: bool = True,
) -> str:
    """The one due status of a case: ``done`` (answered or closed), ``stopped`` (awaiting correction, paused, or
    no due date), ``overdue`` (today is past the due date — a weekend after it too), ``due_soon`` (at most
    ``soon`` working days left) or ``on_track``.

    Takes the facts rather than a ``Due`` so that lists can pass a case's cached due date; for a fresh
    computation pass ``due.date`` and ``clock_running=due.clock_running``.
    """
    if not is_open:
        return "done"
    if not clock_running or due_date is None:
        return "stopped"
    if due_date < today:
        return "overdue"
    return "due_soon" if remaining_working_days(due_date, today, calendar) <= soon else "on_track"


def parse_pause(text: str) -> tuple[date, date]:
    """``2026-10-12:2026-10-30`` → (start, end), both inclusive; Chinese errors for the CLI and forms."""
    try:
        a, b = text.split(":")
        start, end = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
    except ValueError:
        raise ValueError(f"中止期间格式应为 开始日期:结束日期（如 2026-10-12:2026-10-30），收到：{text!r}")
    if end < start:
        raise ValueError(f"中止期间的结束日期{end.isoformat()}早于开始日期{start.isoformat()}")
    return start, end


def ledger_for(
    received: date,
    *,
    correction_requested: date | None = None,
    correction_received: date | None = None,
    extension: int = 0,
    pauses: Iterable[tuple[date, date]] = (),
) -> list[LedgerEvent]:
    """A ledger from plain arguments (the ``gongkai foi due`` command and tests)."""
    events = [LedgerEvent(RECEIVED, received)]
    if correction_received is not None:
        if correction_received < received:
            raise ValueError("收到补正的日期不能早于收到申请的日期")
        label = "" if correction_requested else "告知日期未提供，按收到申请之日记"
        events.append(LedgerEvent(CORRECTION_REQUESTED, correction_requested or received, label=label))
        events.append(LedgerEvent(CORRECTION_RECEIVED, correction_received))
    restart = correction_received or received
    if extension:
        events.append(LedgerEvent(EXTENSION, restart, days=extension))
    for i, (a, b) in enumerate(pauses):
        events.append(LedgerEvent(PAUSE_START, a, key=f"p{i}", label="中止期间"))
        events.append(LedgerEvent(PAUSE_END, b, key=f"p{i}", label="中止期间"))
    return events


# ---------------------------------------------------------------------------------------------------------------
# Similar descriptions (duplicate hints, frequent requests)
# ---------------------------------------------------------------------------------------------------------------
_STOP_CHARS = set("的了和与及或等在对于关请申公开政府信息我本人要求提供获取相关有关年月日号一份")


def description_grams(text: str) -> frozenset[str]:
    """Character bigrams of the meaningful characters: robust for Chinese without a dictionary."""
    chars = [c for c in (text or "") if c.isalnum() and c not in _STOP_CHARS]
    return frozenset("".join(chars[i : i + 2]) for i in range(len(chars) - 1))


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """Jaccard similarity of the descriptions' bigrams (0–1)."""
    ga = a if isinstance(a, frozenset) else description_grams(a)
    gb = b if isinstance(b, frozenset) else description_grams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


def cluster(items: Sequence[tuple[int, str]], threshold: float = 0.35) -> list[list[int]]:
    """Greedy single-pass clustering of (id, description): each joins the first cluster whose seed is similar."""
    seeds: list[tuple[frozenset[str], list[int]]] = []
    for ident, text in items:
        grams = description_grams(text)
        for seed, members in seeds:
            if similarity(seed, grams) >= threshold:
                members.append(ident)
                break
        else:
            seeds.append((grams, [ident]))
    return [members for _, members in seeds]


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def valid_id_card(number: str) -> bool:
    """18-digit 居民身份证号码 (GB 11643): digits, a real birth date and the mod-11 check character."""
    s = (number or "").strip().upper()
    if len(s) != 18 or not s[:17].isdigit() or s[17] not in "0123456789X":
        return False
    try:
        date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return _ID_CHECK[sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS, strict=True)) % 11] == s[17]


def make_id_card(first17: str) -> str:
    """Complete 17 digits with the check character (demo and test data)."""
    return first17 + _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


# ---------------------------------------------------------------------------------------------------------------
# Reconsideration and litigation (复议、诉讼): 纠错率 and 败诉率
# ---------------------------------------------------------------------------------------------------------------
RECONSIDERATION_KINDS = ("reconsideration",)
LITIGATION_KINDS = ("litigation_direct", "litigation_after")
DECIDED_RESULTS = ("upheld", "corrected", "other")  # 尚未审结 (pending) is not decided


@dataclass(frozen=True)
class AppealRates:
    """Counts and rates of the appeals against applications' answers (docs/foi.md defines both rates):

    - 纠错率 (reconsideration correction rate) = 结果纠正的行政复议案件 ÷ 已审结的行政复议案件;
    - 败诉率 (litigation loss rate) = 结果纠正的行政诉讼案件（直接起诉和复议后起诉）÷ 已审结的行政诉讼案件.

    A rate is None when nothing has been decided (no denominator), never 0%.
    """

    reconsiderations: int
    reconsiderations_decided: int
    reconsiderations_corrected: int
    litigations: int
    litigations_decided: int
    litigations_lost: int

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100.0 * part / whole, 1) if whole else None

    @property
    def correction_rate(self) -> float | None:
        return self._rate(self.reconsiderations_corrected, self.reconsiderations_decided)

    @property
    def loss_rate(self) -> float | None:
        return self._rate(self.litigations_lost, self.litigations_decided)


def appeal_rates(appeals: Iterable[tuple[str, str]]) -> AppealRates:
    """``appeals`` are (kind, result) pairs with the codes of ``foi.models.Appeal``."""
    counts = {"r": 0, "rd": 0, "rc": 0, "l": 0, "ld": 0, "lc": 0}
    for kind, result in appeals:
        if kind in RECONSIDERATION_KINDS:
            prefix = "r"
        elif kind in LITIGATION_KINDS:
            prefix = "l"
        else:
            raise ValueError(f"未知的复议/诉讼类型：{kind!r}")
        counts[prefix] += 1
        if result in DECIDED_RESULTS:
            counts[prefix + "d"] += 1
            if result == "corrected":
                counts[prefix + "c"] += 1
    return AppealRates(counts["r"], counts["rd"], counts["rc"], counts["l"], counts["ld"], counts["lc"])
