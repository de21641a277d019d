"""12345工单 (hotline work orders): the columns of a hotline export, the guess of which column is which, and the
reading of one row into checked values with Chinese errors.

A county receives its 12345 work orders as a spreadsheet exported from the hotline system; every system names the
columns a little differently (工单编号 / 工单号 / 受理编号 …). :func:`guess_mapping` proposes a column for each field
from the header names (the official corrects it on screen); :func:`read_row` turns the cells of one row into
:class:`WorkOrderValues` or row errors. The caller's name is personal data: it is masked here (``张*``) and the raw
name is never returned.

Framework-free: no Django, no app. Rating codes are the strings of ``messages.vocab.Rating``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from gongkai.core.participation import mask_name


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    help: str = ""


# The columns of a work order, in the order of the hotline's export. Required: number, call time, content.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("number", "工单编号", True, ("工单号", "工单编码", "受理编号", "工单流水号", "编号", "工单id")),
    FieldSpec(
        "called_at",
        "来电时间",
        True,
        ("来电日期", "受理时间", "登记时间", "工单创建时间", "创建时间", "来电时刻"),
    ),
    FieldSpec(
        "body",
        "诉求内容",
        True,
        ("诉求描述", "来电内容", "反映内容", "问题描述", "工单内容", "诉求详情", "内容"),
    ),
    FieldSpec(
        "requester", "诉求人", False, ("来电人", "来电人姓名", "市民姓名", "诉求人姓名", "姓名", "联系人")
    ),
    FieldSpec("unit", "承办单位", False, ("办理单位", "责任单位", "承办部门", "处置单位", "主办单位")),
    FieldSpec(
        "limit",
        "办理时限",
        False,
        ("办结时限", "办理期限", "截止时间", "处理时限", "要求办结时间", "时限"),
        "日期（2026-03-05）或工作日数（5、5个工作日）；留空按12345渠道的答复时限计算",
    ),
    FieldSpec(
        "result", "办理结果", False, ("处理结果", "办理情况", "答复内容", "回复内容", "处理意见", "办理意见")
    ),
    FieldSpec("satisfaction", "回访满意度", False, ("满意度", "回访结果", "市民评价", "评价结果")),
    FieldSpec("subject", "诉求标题", False, ("工单标题", "标题", "主题")),
    FieldSpec("finished_at", "办结时间", False, ("办结日期", "答复时间", "回复时间", "办结时刻")),
)
FIELD_KEYS = tuple(spec.key for spec in FIELDS)
LABELS = {spec.key: spec.label for spec in FIELDS}
REQUIRED = tuple(spec.key for spec in FIELDS if spec.required)

MAX_NUMBER = 40
MAX_TEXT = 5000
MAX_SUBJECT = 200
MAX_UNIT = 100
SUBJECT_FROM_BODY = 30  # characters of the content used as the title when the file has no title column

# 回访满意度 as written by hotline systems → Rating code ("" = not visited / not rated).
SATISFACTION: dict[str, str] = {
    "非常满意": "satisfied",
    "满意": "satisfied",
    "基本满意": "fairly",
    "比较满意": "fairly",
    "一般": "fairly",
    "不满意": "unsatisfied",
    "非常不满意": "unsatisfied",
    "未回访": "",
    "未评价": "",
    "拒绝回访": "",
    "无法联系": "",
    "无": "",
}
RATING_LABELS = {"satisfied": "满意", "fairly": "基本满意", "unsatisfied": "不满意"}


def normalize_header(text: object) -> str:
    """A header cell compared loosely: width, spaces, brackets and what they hold, a trailing colon removed."""
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    raw = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", raw)
    return re.sub(r"[\s:*]", "", raw).lower()


def _field_score(spec: FieldSpec, header: str) -> int:
    if not header:
        return 0
    if header == normalize_header(spec.label):
        return 100
    for synonym in spec.synonyms:
        if header == normalize_header(synonym):
            return 90
    if normalize_header(spec.label) in header:
        return 60
    for synonym in spec.synonyms:
        syn = normalize_header(synonym)
        if len(syn) >= 3 and syn in header:
            return 50
    return 0


def guess_mapping(header: Sequence[object]) -> dict[str, int | None]:
    """The column index proposed for each field (``None``: no column looks like it). Each column serves one field;
    the best-scoring pairs are taken first, ties to the leftmost column."""
    names = [normalize_header(h) for h in header]
    pairs = []
    for order, spec in enumerate(FIELDS):
        for index, name in enumerate(names):
            score = _field_score(spec, name)
            if score:
                pairs.append((-score, index, order, spec.key))
    mapping: dict[str, int | None] = dict.fromkeys(FIELD_KEYS)
    used: set[int] = set()
    for _score, index, _order, key in sorted(pairs):
        if mapping[key] is None and index not in used:
            mapping[key] = index
            used.add(index)
    return mapping


def find_header(rows: Sequence[Sequence[object]], look: int = 10) -> int | None:
    """The index of the header row among the first ``look`` rows (a title line may come first): the row naming
    the most fields, at least two of them."""
    best, best_count = None, 1
    for i, row in enumerate(rows[:look]):
        count = sum(1 for v in guess_mapping(row).values() if v is not None)
        if count > best_count:
            best, best_count = i, count
    return best


def missing_required(mapping: Mapping[str, int | None]) -> list[str]:
    """The labels of the required fields that have no column."""
    return [LABELS[key] for key in REQUIRED if mapping.get(key) is None]


# ---------------------------------------------------------------------------------------------------- values


def cell_text(value: object) -> str:
    """A cell as text: integral floats without ``.0``, dates in ISO form, an export's formula guard taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


_DT_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?$"
)
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$")
EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_datetime(value: object) -> datetime:
    """A date and time as hotline exports write it (2026-03-01 09:12:33, 2026/3/1 9:12, 2026年3月1日9时12分,
    20260301091233, an Excel serial number); a date alone means midnight. Raises ``ValueError`` (Chinese)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return (EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    match = _DT_RE.match(text) or _COMPACT_RE.match(text)
    if not match:
        raise ValueError(f"“{text[:30]}”不是有效的日期时间，应写作 2026-03-01 09:12 或 2026/3/1")
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ValueError(f"“{text[:30]}”不是存在的日期或时间") from None


_DAYS_RE = re.compile(r"^(\d{1,3})\s*(?:个)?\s*(?:工作日|工作天)?$")


@dataclass(frozen=True)
class Limit:
    """办理时限: a date, or a number of working days after the call (``None`` both: the channel's limit)."""

    due: date | None = None
    workdays: int | None = None

    @property
    def text(self) -> str:
        if self.due is not None:
            return self.due.isoformat()
        if self.workdays is not None:
            return f"{self.workdays}个工作日"
        return ""


def parse_limit(value: object) -> Limit:
    if value is None or cell_text(value) == "":
        return Limit()
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 0 < value < 1000
        and float(value).is_integer()
    ):
        return Limit(workdays=int(value))
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    days = _DAYS_RE.match(text)
    if days:
        count = int(days.group(1))
        if not 1 <= count <= 365:
            raise ValueError(f"办理时限“{text}”应为1至365个工作日")
        return Limit(workdays=count)
    try:
        return Limit(due=parse_datetime(value).date())
    except ValueError:
        raise ValueError(f"办理时限“{text[:30]}”应为日期（2026-03-05）或工作日数（5个工作日）") from None


def parse_satisfaction(value: object) -> str:
    """回访满意度 → ``satisfied`` / ``fairly`` / ``unsatisfied`` / "" (not visited). Raises ``ValueError``."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", cell_text(value)))
    if not text:
        return ""
    if text in SATISFACTION:
        return SATISFACTION[text]
    raise ValueError(f"回访满意度“{text[:20]}”无法识别，应为满意、基本满意、不满意、未回访或留空")


@dataclass
class WorkOrderValues:
    """One work order as read from a row (the caller masked)."""

    number: str
    called_at: datetime
    body: str
    subject: str
    requester: str  # masked: 张*
    unit_text: str = ""
    limit: Limit = field(default_factory=Limit)
    result: str = ""
    satisfaction: str = ""
    finished_at: datetime | None = None

    @property
    def satisfaction_label(self) -> str:
        return RATING_LABELS.get(self.satisfaction, "")


@dataclass
class RowResult:
    row: int  # as numbered in the spreadsheet
    values: WorkOrderValues | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.values is not None and not self.errors


def _clean_text(value: object) -> str:
    text = cell_text(value).replace("\r\n", "\n").replace("\x00", "")
    return text.strip()


def read_row(
    cells: Sequence[object], mapping: Mapping[str, int | None], *, row: int, today: date
) -> RowResult:
    """Check one row and turn it into values; every problem becomes a Chinese error naming the row and column."""
    result = RowResult(row)

    def cell(key: str) -> object:
        index = mapping.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def error(key: str, text: str) -> None:
        result.errors.append(f"第{row}行【{LABELS[key]}】{text}")

    number = re.sub(r"\s", "", unicodedata.normalize("NFKC", cell_text(cell("number"))))
    if not number:
        error("number", "为空：每张工单须有工单编号")
    elif len(number) > MAX_NUMBER:
        error("number", f"超过{MAX_NUMBER}个字符，请核对")
    called_at = None
    if cell_text(cell("called_at")) == "":
        error("called_at", "为空，请填写来电时间")
    else:
        try:
            called_at = parse_datetime(cell("called_at"))
        except ValueError as exc:
            error("called_at", str(exc))
    if called_at is not None and called_at.date() > today + timedelta(days=1):
        error("called_at", f"{called_at:%Y-%m-%d}晚于今天，请核对")
        called_at = None
    body = _clean_text(cell("body"))
    if len(body) < 2:
        error("body", "为空或过短，请填写群众诉求")
    elif len(body) > MAX_TEXT:
        error("body", f"超过{MAX_TEXT}字，请删减后导入")
    subject = _clean_text(cell("subject")).replace("\n", " ")
    if len(subject) > MAX_SUBJECT:
        error("subject", f"超过{MAX_SUBJECT}字")
    if not subject:
        first = body.split("\n", 1)[0]
        subject = first[:SUBJECT_FROM_BODY] + ("…" if len(first) > SUBJECT_FROM_BODY else "")
    requester = mask_name(_clean_text(cell("requester")).split("\n", 1)[0])
    unit_text = _clean_text(cell("unit")).replace("\n", "")
    if len(unit_text) > MAX_UNIT:
        error("unit", f"超过{MAX_UNIT}个字符")
    limit = Limit()
    try:
        limit = parse_limit(cell("limit"))
    except ValueError as exc:
        error("limit", str(exc))
    if limit.due is not None and called_at is not None and limit.due < called_at.date():
        error("limit", f"{limit.due:%Y-%m-%d}早于来电时间，请核对")
    text = _clean_text(cell("result"))
    if len(text) > MAX_TEXT:
        error("result", f"超过{MAX_TEXT}字，请删减后导入")
    satisfaction = ""
    try:
        satisfaction = parse_satisfaction(cell("satisfaction"))
    except ValueError as exc:
        error("satisfaction", str(exc))
    finished_at = None
    if cell_text(cell("finished_at")):
        try:
            finished_at = parse_datetime(cell("finished_at"))
        except ValueError as exc:
            error("finished_at", str(exc))
    if finished_at is not None and called_at is not None and finished_at < called_at:
        error("finished_at", "早于来电时间，请核对")
    if satisfaction and not text:
        result.warnings.append(f"第{row}行有回访满意度但没有办理结果：满意度在答复后才计入")
    if text and finished_at is None:
        result.warnings.append(f"第{row}行有办理结果但没有办结时间：按导入日期计为答复日期")
    if result.errors or called_at is None:
        return result
    result.values = WorkOrderValues(
        number=number,
        called_at=called_at,
        body=body,
        subject=subject,
        requester=requester,
        unit_text=unit_text,
        limit=limit,
        result=text,
        satisfaction=satisfaction,
        finished_at=finished_at,
    )
    return result
