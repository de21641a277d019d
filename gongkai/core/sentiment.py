"""Public-sentiment response (政务舆情回应): the response limits by level as data, and the deadlines built on them.

Sources (see RULES.md §2 in the project's shared docs):

- 国办发〔2016〕61号《关于在政务公开工作中进一步做好政务舆情回应的通知》: 对涉及特别重大、重大突发事件的政务舆情，要快速反应，
  最迟要在24小时内举行新闻发布会；对其他政务舆情应在48小时内予以回应。
- 国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》: 对涉及特别重大、重大突发事件的政务舆情，要按照属地管理、
  分级负责、谁主管谁负责的原则，最迟5小时内发布权威信息，24小时内举行新闻发布会。
- A **local** rule in working days on the statutory calendar (one sample, 丰城市2023年政务公开工作要点: 政务舆情答复期限
  3个工作日). The county picks the national tiers or the local rule (a setting); under the local rule the national
  5-hour/24-hour tiers still bind a major emergency: a county rule may not loosen them.

Framework-free: no Django imports. The working-day arithmetic is passed in (``add_working_days``), so the statutory
calendar of ``gongkai.calendar`` decides holidays and 调休 days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

NOTICE_61 = "国办发〔2016〕61号《关于在政务公开工作中进一步做好政务舆情回应的通知》"
NOTICE_80 = "国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》"
LOCAL_SAMPLE = "地方规定（示例：丰城市2023年政务公开工作要点“政务舆情答复期限3个工作日”）"

# Levels (舆情级别), mildest first.
GENERAL, LARGER, MAJOR, ESPECIALLY_MAJOR = "general", "larger", "major", "especially_major"
LEVELS: tuple[tuple[str, str], ...] = (
    (GENERAL, "一般"),
    (LARGER, "较大"),
    (MAJOR, "重大"),
    (ESPECIALLY_MAJOR, "特别重大"),
)
# 特别重大、重大突发事件: the 5-hour and 24-hour tiers.
EMERGENCY_LEVELS = frozenset({MAJOR, ESPECIALLY_MAJOR})

# Response kinds (回应方式).
RELEASE, PRESS, INTERVIEW, ONLINE = "release", "press", "interview", "online"
RESPONSE_KINDS: tuple[tuple[str, str], ...] = (
    (RELEASE, "权威发布"),
    (PRESS, "新闻发布会"),
    (INTERVIEW, "媒体采访"),
    (ONLINE, "网上回复"),
)

# The rules a county may pick (setting GONGKAI_SENTIMENT_RULE).
NATIONAL, LOCAL = "national", "local"
RULES = (NATIONAL, LOCAL)

# The local rule's default (the sample's 3 working days); the county's figure is GONGKAI_SENTIMENT_LOCAL_WORKDAYS.
LOCAL_WORKDAYS_SAMPLE = 3


@dataclass(frozen=True)
class Tier:
    """One response limit: what must happen (``kinds``; empty = any response), within how long, and its source."""

    code: str
    label: str
    hours: int | None  # clock hours from first seen
    workdays: int | None  # or working days after the day first seen (the day itself not counted)
    kinds: frozenset[str]
    basis: str

    @property
    def limit_text(self) -> str:
        return f"{self.hours}小时" if self.hours is not None else f"{self.workdays}个工作日"


FIRST_RELEASE = Tier("release", "发布权威信息", 5, None, frozenset({RELEASE}), NOTICE_80)
PRESS_CONFERENCE = Tier("press", "举行新闻发布会", 24, None, frozenset({PRESS}), f"{NOTICE_61}；{NOTICE_80}")
RESPONSE_48H = Tier("response", "予以回应", 48, None, frozenset(), NOTICE_61)


def local_response(workdays: int) -> Tier:
    return Tier("response", "予以回应", None, workdays, frozenset(), LOCAL_SAMPLE)


def tiers(level: str, rule: str, local_workdays: int = LOCAL_WORKDAYS_SAMPLE) -> tuple[Tier, ...]:
    """The limits a case of ``level`` answers to under ``rule`` (national or local), earliest first."""
    if level not in dict(LEVELS):
        raise ValueError(f"未知的舆情级别：{level}")
    if rule not in RULES:
        raise ValueError(f"未知的回应时限规则：{rule}（应为 national 或 local）")
    if level in EMERGENCY_LEVELS:
        return (FIRST_RELEASE, PRESS_CONFERENCE)
    if rule == LOCAL:
        if local_workdays < 1:
            raise ValueError("地方回应时限应至少为1个工作日。")
        return (local_response(local_workdays),)
    return (RESPONSE_48H,)


@dataclass(frozen=True)
class Deadline:
    """A tier applied to a case: due when, whether the calendar behind it is provisional, when it was met."""

    tier: Tier
    due: datetime
    provisional: bool = False
    met_at: datetime | None = None

    @property
    def met(self) -> bool:
        return self.met_at is not None

    @property
    def met_on_time(self) -> bool | None:
        """True/False once met; None while open."""
        return None if self.met_at is None else self.met_at <= self.due

    def overdue(self, now: datetime) -> bool:
        """Not met and past due, or met late."""
        if self.met_at is not None:
            return self.met_at > self.due
        return now > self.due

    def left(self, now: datetime) -> timedelta:
        """Time left (negative: overdue by); from the met time once met."""
        return self.due - (self.met_at or now)


# ``add_working_days(day, n) -> (the n-th working day after day, provisional?)``
AddWorkdays = Callable[[date, int], tuple[date, bool]]


def due_of(tier: Tier, first_seen: datetime, add_working_days: AddWorkdays) -> tuple[datetime, bool]:
    """When ``tier`` runs out for a case first seen at ``first_seen`` (aware datetime, local time): clock hours
    later, or the end (23:59:59) of the n-th working day after the day first seen."""
    if tier.hours is not None:
        return first_seen + timedelta(hours=tier.hours), False
    assert tier.workdays is not None  # a tier has hours or working days
    day, provisional = add_working_days(first_seen.date(), tier.workdays)
    end = datetime.combine(day, time(23, 59, 59), tzinfo=first_seen.tzinfo)
    return end, provisional


def deadlines(
    level: str,
    rule: str,
    first_seen: datetime,
    responses: Iterable[tuple[str, datetime]],
    add_working_days: AddWorkdays,
    local_workdays: int = LOCAL_WORKDAYS_SAMPLE,
) -> list[Deadline]:
    """Every deadline of a case with the responses ``(kind, at)`` recorded so far: each met by the earliest
    response of a kind it accepts (any kind when it names none)."""
    done = sorted(responses, key=lambda pair: pair[1])
    out = []
    for tier in tiers(level, rule, local_workdays):
        due, provisional = due_of(tier, first_seen, add_working_days)
        met = next((at for kind, at in done if not tier.kinds or kind in tier.kinds), None)
        out.append(Deadline(tier, due, provisional, met))
    return out


def next_due(items: Iterable[Deadline]) -> datetime | None:
    """The earliest due time among the deadlines not yet met (None when every one is met)."""
    open_dues = [item.due for item in items if not item.met]
    return min(open_dues) if open_dues else None


def on_time(items: Iterable[Deadline]) -> bool | None:
    """Whether a case was answered on time: every deadline met by its due time; None while one is open and not
    yet past due (undecided)."""
    result = True
    for item in items:
        if item.met_at is None:
            return None
        result = result and item.met_at <= item.due
    return result


def describe_left(delta: timedelta) -> str:
    """``剩余3小时20分`` / ``剩余2天5小时`` / ``已超时1天2小时`` (minutes dropped beyond a day)."""
    seconds = int(delta.total_seconds())
    prefix = "剩余" if seconds >= 0 else "已超时"
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{prefix}{days}天{hours}小时"
    if hours:
        return f"{prefix}{hours}小时{minutes}分"
    return f"{prefix}{minutes}分钟"
