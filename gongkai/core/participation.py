"""Public participation in major decisions (公众参与): the law as data and the checks built on it.

Source unless stated otherwise: 《重大行政决策程序暂行条例》(国务院令第713号, 2019-04-20 公布, 2019-09-01 施行),
"条例" below. County practice (mandatory participation per category, the feedback deadline after a consultation
closes, the public seats at executive meetings) is configured in settings, not here. Framework-free: no Django
imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .law import Limit

DECISION_REGULATION = "《重大行政决策程序暂行条例》"

# 第15条: 公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。
CONSULTATION_PERIOD = Limit(30, "日", f"{DECISION_REGULATION}第十五条")
# 第17条: 听证会材料应当于召开听证会7日前送达听证参加人 (名单、遴选办法 published in advance).
HEARING_MATERIALS = Limit(7, "日", f"{DECISION_REGULATION}第十七条")
# 第26条: 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。
LEGALITY_REVIEW = Limit(7, "个工作日", f"{DECISION_REGULATION}第二十六条")


@dataclass(frozen=True)
class Stage:
    """One stage of a major decision (决策阶段), in the order of the 条例, with the article that sets it."""

    code: str
    label: str
    basis: str
    optional: bool = False


# The stages, in order. A decision moves forward one stage at a time; an optional stage may be skipped.
STAGES: tuple[Stage, ...] = (
    Stage("drafting", "拟定", f"{DECISION_REGULATION}第十条至第十三条"),
    Stage("consultation", "预公开/征求意见", f"{DECISION_REGULATION}第十四条、第十五条"),
    Stage("hearing", "听证/座谈", f"{DECISION_REGULATION}第十六条、第十七条", optional=True),
    Stage("legality", "合法性审查", f"{DECISION_REGULATION}第二十五条至第二十八条"),
    Stage("decided", "集体讨论决定", f"{DECISION_REGULATION}第三十条、第三十一条"),
    Stage("published", "公布", f"{DECISION_REGULATION}第三十二条"),
    Stage("implementing", "执行", f"{DECISION_REGULATION}第三十四条、第三十五条"),
    Stage("evaluated", "决策后评估", f"{DECISION_REGULATION}第三十六条"),
)
STAGE_CODES = tuple(stage.code for stage in STAGES)


def stage(code: str) -> Stage:
    for item in STAGES:
        if item.code == code:
            return item
    raise KeyError(code)


def allowed_next(current: str) -> list[str]:
    """The stages a decision at ``current`` may move to: the next one, and past it while the next is optional."""
    index = STAGE_CODES.index(current)
    out: list[str] = []
    for item in STAGES[index + 1 :]:
        out.append(item.code)
        if not item.optional:
            break
    return out


# The participation methods a catalogue item may plan (第14条 and the chapters on 专家论证, 风险评估, 合法性审查).
METHODS: tuple[tuple[str, str], ...] = (
    ("consultation", "征求意见"),
    ("hearing", "听证"),
    ("symposium", "座谈"),
    ("survey", "问卷"),
    ("experts", "专家论证"),
    ("risk", "风险评估"),
    ("legality", "合法性审查"),
)


def consultation_days(start: date, end: date) -> int:
    """The length of a comment period in calendar days, both ends counted (1 March → 30 March is 30 days)."""
    return (end - start).days + 1


def period_problems(start: date | None, end: date | None, short_reason: str = "") -> list[str]:
    """What is wrong with a consultation period (第15条): empty list when it may be published."""
    if start is None or end is None:
        return ["请填写征求意见的起止日期。"]
    if end < start:
        return [f"截止日期{end:%Y年%m月%d日}早于开始日期{start:%Y年%m月%d日}，请核对。"]
    days = consultation_days(start, end)
    if days < CONSULTATION_PERIOD.value and not short_reason.strip():
        return [
            f"征求意见期限为{days}日，少于{CONSULTATION_PERIOD}（{CONSULTATION_PERIOD.basis}）："
            "请延长截止日期，或填写缩短期限的理由（将在征求意见公告中公开说明）。"
        ]
    return []


def hearing_problems(
    *, hearing_on: date | None, participants_published_on: date | None, materials_sent_on: date | None
) -> list[str]:
    """What is missing or late before a hearing (第16条、第17条)."""
    problems: list[str] = []
    if hearing_on is None:
        return ["请填写听证会（座谈会）日期。"]
    if participants_published_on is None:
        problems.append("请先公布听证参加人名单（第十七条：名单应当提前向社会公布）。")
    elif participants_published_on > hearing_on:
        problems.append("听证参加人名单应在听证会之前公布。")
    if materials_sent_on is None:
        problems.append(f"请记录听证材料送达参加人的日期（{HEARING_MATERIALS.basis}）。")
    else:
        lead = (hearing_on - materials_sent_on).days
        if lead < HEARING_MATERIALS.value:
            problems.append(
                f"听证材料于听证会前{lead}日送达，少于{HEARING_MATERIALS}（{HEARING_MATERIALS.basis}）："
                "请推迟听证会，使材料至少提前7日送达。"
            )
    return problems


def legality_problems(
    *,
    sent_on: date | None,
    opinion_on: date | None,
    count_working_days: Callable[[date, date], int],
    lawful: bool | None = True,
) -> list[str]:
    """What prevents the draft from going to collective discussion after the legality review (第25–28条).

    ``count_working_days(a, b)`` counts working days ``d`` with ``a < d <= b`` on the statutory calendar."""
    if sent_on is None or opinion_on is None:
        return ["请记录送请合法性审查的日期和审查意见的日期（未经合法性审查不得提交讨论，第二十五条）。"]
    if opinion_on < sent_on:
        return ["审查意见日期早于送审日期，请核对。"]
    days = count_working_days(sent_on, opinion_on)
    problems: list[str] = []
    if days < LEGALITY_REVIEW.value:
        problems.append(
            f"合法性审查时间为{days}个工作日，少于{LEGALITY_REVIEW}（{LEGALITY_REVIEW.basis}）："
            "请保证必要的审查时间后再提交讨论。"
        )
    if lawful is False:
        problems.append("合法性审查意见为不合法的决策草案不得提交讨论（第二十五条）：请修改草案后重新送审。")
    return problems


def adoption_rate(decisions: Iterable[str]) -> tuple[int, int, float | None]:
    """(adopted or partly adopted, decided, rate) over opinion decisions ``adopted``/``partly``/``rejected``."""
    decided = adopted = 0
    for value in decisions:
        if value in ("adopted", "partly", "rejected"):
            decided += 1
            if value in ("adopted", "partly"):
                adopted += 1
    return adopted, decided, (adopted / decided if decided else None)


def mask_name(name: str) -> str:
    """A submitter's name as the public sees it: the surname kept (张**), or 匿名 when none was given."""
    name = (name or "").strip()
    if not name:
        return "匿名"
    return name[0] + "*" * max(1, min(len(name) - 1, 2))


def mask_contact(contact: str) -> str:
    """A phone number or e-mail address masked for exports (138****5678, z***@example.com)."""
    contact = (contact or "").strip()
    if not contact:
        return ""
    if "@" in contact:
        local, _, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = contact.replace(" ", "")
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "*" * len(digits)
