"""12345工单导入 (hotline work-order import) and the export of the replies in the file's own layout.

The steps, each one business action:

1. :func:`upload` — the file is checked (``core.filetype``: kind by content, size, zip bomb), its header row found and
   the column mapping guessed (``core.hotline.guess_mapping``); the file is stored (``storedfiles``).
2. :func:`set_mapping` — the office corrects the mapping; :func:`preview_rows` shows the first rows under it with
   their errors (a read).
3. :func:`start_check` → job ``messages.hotline_check`` → :func:`check`: every row read and checked, the unit
   phrases resolved with the unit-phrase resolver (only certain matches; the others are listed for a manual
   choice, never guessed), and what an import would do counted (新建 / 更新 / 无变化 / 拒绝). Nothing is saved but
   the summary.
4. :func:`start_import` (with the manual unit choices) → job ``messages.hotline_import`` → :func:`run_import`: the
   rows are read and checked again (outside any transaction, with progress), then written in **one** transaction:
   all of it or nothing. Re-importing is idempotent by 工单编号: a row that differs updates its work order, a new
   one creates a message of the 12345 channel, an identical one changes nothing. The file is then deleted (it holds
   callers' names); its hash stays on the import.

Rows with errors are refused (listed with the reason) and the others imported; a file-level problem (wrong type,
zip bomb, no header, a required column missing, too many rows) refuses the whole file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.common import storedfiles
from gongkai.core import filetype, hotline
from gongkai.core.cells import escape_row
from gongkai.core.filetype import Kind
from gongkai.core.hotline import RowResult
from gongkai.core.unitphrase import ALIAS, EXACT, PREFIX
from gongkai.orgs import resolver
from gongkai.orgs.models import Unit

from .. import access, codes
from ..models import Channel, HotlineImport, Message, WorkOrder
from ..vocab import OPEN_STATES, State
from .common import due_date, forbidden, refuse

HOTLINE_CHANNEL = "hotline"
PREVIEW_ROWS = 20
SHOWN_PROBLEMS = 200  # refused rows and warnings kept on the import for the page
CERTAIN = (EXACT, ALIAS, PREFIX)
ALLOWED = (Kind.XLSX, Kind.TEXT)
Progress = Callable[[int, int | None, str], None]


def _no_progress(done: int, total: int | None = None, message: str = "") -> None:
    return None


def max_bytes() -> int:
    return settings.GONGKAI_MESSAGES_HOTLINE_MAX_MB * filetype.MB


def max_rows() -> int:
    return settings.GONGKAI_MESSAGES_HOTLINE_MAX_ROWS


def hotline_channel() -> Channel:
    channel = Channel.objects.filter(code=HOTLINE_CHANNEL).first()
    if channel is None:
        raise refuse("没有12345热线渠道：请先在“留言渠道设置”中恢复默认渠道。")
    return channel


# ------------------------------------------------------------------------------------------------ reading files
def _too_many(count: int) -> Exception:
    return refuse(
        f"文件有{count}行以上，超过一次导入的上限{max_rows()}行：请在12345系统中按日期分批导出后分别导入。",
        field="file",
    )


def _read_xlsx(data: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:  # core.filetype has made sure it is a workbook and no zip bomb
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise refuse(
            f"无法读取该 Excel 文件（{exc.__class__.__name__}）：请用 Excel 或 WPS 另存为 .xlsx 后重试。",
            field="file",
        ) from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _read_csv(data: bytes) -> Iterator[list[Any]]:
    try:
        text = filetype.decode_text(data, lenient=False)
    except UnicodeDecodeError:
        raise refuse(
            "无法识别 CSV 文件的编码（支持 UTF-8 和 GBK）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。",
            field="file",
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error as exc:
        raise refuse(
            f"CSV 文件格式有误（{exc}）：请在 Excel 中重新另存为 CSV 后重试。", field="file"
        ) from None


def _rows(kind: str, data: bytes) -> Iterator[list[Any]]:
    reader = _read_xlsx(data) if kind == Kind.XLSX else _read_csv(data)
    yield from reader


def _head(kind: str, data: bytes) -> tuple[list[list[Any]], int | None]:
    """The first 10 rows and the number of rows (an .xlsx's own dimension, read without reading every row; the
    jobs count again as they read)."""
    if kind != Kind.XLSX:
        rows = list(_read_csv(data))
        return rows[:10], len(rows)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise refuse(
            f"无法读取该 Excel 文件（{exc.__class__.__name__}）：请用 Excel 或 WPS 另存为 .xlsx 后重试。",
            field="file",
        ) from None
    try:
        sheet = book.worksheets[0]
        head = [list(row) for row in islice(sheet.iter_rows(values_only=True), 10)]
        return head, sheet.max_row
    finally:
        book.close()


def _stored_bytes(imp: HotlineImport) -> bytes:
    if not imp.file:
        raise refuse("该导入的文件已删除（导入完成后文件即删除），请重新上传。")
    with imp.file.open("rb") as fh:
        return fh.read()


def _data_rows(
    imp: HotlineImport, data: bytes, *, limit: int | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """(row number in the spreadsheet, cells) of the rows after the header; blank rows skipped; the row limit
    enforced."""
    count = 0
    for number, row in enumerate(_rows(imp.kind, data), start=1):
        if number <= imp.header_row:
            continue
        if not any(hotline.cell_text(v) for v in row):
            continue
        count += 1
        if count > max_rows():
            raise _too_many(max_rows())
        yield number, row
        if limit is not None and count >= limit:
            return


# ----------------------------------------------------------------------------------------------------- upload
@transaction.atomic
def _create(checked: filetype.Checked, *, actor: Any, header: list[str], header_row: int) -> HotlineImport:
    with storedfiles.atomic():
        imp = HotlineImport(
            filename=checked.name[:200],
            kind=str(checked.kind),
            header=header,
            header_row=header_row,
            mapping=hotline.guess_mapping(header),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        imp.sha256 = storedfiles.save_file(imp.file, checked.name, checked.data)
        imp.save()
        audit.record(
            actor=actor,
            action="messages.hotline_uploaded",
            obj=imp,
            after={"file": imp.filename, "sha256": imp.sha256, "mapping": imp.mapping},
        )
    return imp


def upload(upload: Any, *, actor: Any, name: str | None = None) -> HotlineImport:
    """Take a 12345 export (.xlsx or .csv): checked, header found, mapping guessed, stored. Nothing else is saved
    when the file is refused."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    hotline_channel()
    try:
        checked = filetype.check(upload, ALLOWED, max_bytes(), name=name)
    except filetype.FileTypeError as exc:
        raise refuse(f"{exc}（12345工单请上传 .xlsx 或 .csv 文件。）", field="file") from None
    head, count = _head(checked.kind, checked.data)
    index = hotline.find_header(head)
    if index is None:
        raise refuse(
            "前10行中没有找到表头：12345工单文件应有一行列名，如“工单编号、来电时间、诉求内容、诉求人、承办单位、"
            "办理时限、办理结果、回访满意度”。",
            field="file",
        )
    if count is not None and count - index - 1 > max_rows():
        raise _too_many(max_rows())
    header = [hotline.cell_text(v) for v in head[index]]
    return _create(checked, actor=actor, header=header, header_row=index + 1)


# ---------------------------------------------------------------------------------------------------- mapping
def clean_mapping(imp: HotlineImport, mapping: dict[str, int | None]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    used: dict[int, str] = {}
    for key in hotline.FIELD_KEYS:
        index = mapping.get(key)
        if index is not None and not (0 <= index < len(imp.header)):
            raise refuse(f"“{hotline.LABELS[key]}”对应的列不存在，请重新选择。", field=key)
        if index is not None and index in used:
            raise refuse(
                f"第{index + 1}列“{imp.header[index]}”同时对应了“{used[index]}”和“{hotline.LABELS[key]}”，"
                "每列只能对应一项，请改选。",
                field=key,
            )
        if index is not None:
            used[index] = hotline.LABELS[key]
        out[key] = index
    missing = hotline.missing_required(out)
    if missing:
        raise refuse(f"必须指定“{'、'.join(missing)}”对应的列，否则无法导入。", field=hotline.REQUIRED[0])
    return out


@transaction.atomic
def set_mapping(imp: HotlineImport, *, actor: Any, mapping: dict[str, int | None]) -> HotlineImport:
    """The office confirms or corrects which column is which; the earlier check no longer applies."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    imp = HotlineImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status in (
        HotlineImport.Status.IMPORTING,
        HotlineImport.Status.DONE,
        HotlineImport.Status.CHECKING,
    ):
        raise refuse(f"该导入当前为“{imp.get_status_display()}”，不能再修改列对应。")
    clean = clean_mapping(imp, mapping)
    before = {"mapping": imp.mapping}
    imp.mapping = clean
    imp.status = HotlineImport.Status.UPLOADED
    imp.check_result = {}
    imp.unit_choices = {}
    imp.save()
    audit.record(
        actor=actor, action="messages.hotline_mapped", obj=imp, before=before, after={"mapping": clean}
    )
    return imp


def preview_rows(imp: HotlineImport, *, rows: int = PREVIEW_ROWS) -> list[tuple[list[str], RowResult]]:
    """The first rows of the file under the current mapping, with their errors (a read)."""
    today = timezone.localdate()
    out = []
    for number, cells in _data_rows(imp, _stored_bytes(imp), limit=rows):
        out.append(
            (
                [hotline.cell_text(v) for v in cells],
                hotline.read_row(cells, imp.mapping, row=number, today=today),
            )
        )
    return out


# ------------------------------------------------------------------------------------------------ the plan
@dataclass
class Phrase:
    """A unit phrase of the file and how it resolves (``unit_id`` only when the resolver is certain)."""

    text: str
    rows: int = 0
    unit_id: int | None = None
    unit_name: str = ""
    candidates: list[dict] = field(default_factory=list)


@dataclass
class Plan:
    total: int = 0
    rows: list[RowResult] = field(default_factory=list)  # accepted rows, one per 工单编号
    refused: list[str] = field(default_factory=list)  # the errors of refused rows
    refused_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    phrases: dict[str, Phrase] = field(default_factory=dict)

    @property
    def unresolved(self) -> list[Phrase]:
        return [p for p in self.phrases.values() if p.unit_id is None]


def _resolve(text: str) -> Phrase:
    phrase = Phrase(text)
    matches = resolver.resolve(text)
    certain = [m for m in matches if m.kind in CERTAIN and m.unit_id is not None]
    if len(matches) == 1 and len(certain) == 1:
        phrase.unit_id, phrase.unit_name = certain[0].unit_id, certain[0].unit_name
        return phrase
    seen: set[int] = set()
    for match in matches:
        options = [(match.unit_id, match.unit_name)] if match.unit_id else []
        options += [(c.unit_id, c.name) for c in match.candidates]
        for unit_id, name in options:
            if unit_id is not None and unit_id not in seen:
                seen.add(unit_id)
                phrase.candidates.append({"id": unit_id, "name": name})
    return phrase


def _plan(imp: HotlineImport, progress: Progress) -> Plan:
    """Read and check every row (no database writes)."""
    data = _stored_bytes(imp)
    today = timezone.localdate()
    plan = Plan()
    first_row: dict[str, int] = {}
    progress(0, None, "行已检查")
    for number, cells in _data_rows(imp, data):
        plan.total += 1
        result = hotline.read_row(cells, imp.mapping, row=number, today=today)
        if result.ok and result.values is not None:
            previous = first_row.get(result.values.number)
            if previous is not None:
                result.errors.append(
                    f"第{number}行【工单编号】{result.values.number}与第{previous}行重复：同一工单只导入一次"
                )
        if result.errors or result.values is None:
            plan.refused_rows += 1
            plan.refused.extend(result.errors)
        else:
            first_row[result.values.number] = number
            plan.rows.append(result)
            text = result.values.unit_text
            if text:
                if text not in plan.phrases:
                    plan.phrases[text] = _resolve(text)
                plan.phrases[text].rows += 1
        plan.warnings.extend(result.warnings)
        if plan.total % 500 == 0:
            progress(plan.total, None, "行已检查")
    progress(plan.total, plan.total, "行已检查")
    return plan


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value)


def _aware_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else timezone.make_aware(value)


def _changes(order: WorkOrder, values: hotline.WorkOrderValues) -> list[str]:
    """The labels of the columns whose value differs from the stored work order."""
    msg = order.message
    pairs = {
        "called_at": (order.called_at, _aware(values.called_at)),
        "body": (msg.body, values.body),
        "subject": (msg.subject, values.subject),
        "requester": (order.requester, values.requester),
        "unit": (order.unit_text, values.unit_text),
        "limit": (order.limit_text, values.limit.text),
        "result": (order.result, values.result),
        "satisfaction": (order.satisfaction, values.satisfaction),
        "finished_at": (order.finished_at, _aware_or_none(values.finished_at)),
    }
    return [hotline.LABELS[key] for key, (old, new) in pairs.items() if old != new]


def _existing(numbers: list[str]) -> dict[str, WorkOrder]:
    found: dict[str, WorkOrder] = {}
    for start in range(0, len(numbers), 900):
        chunk = numbers[start : start + 900]
        for order in WorkOrder.objects.filter(number__in=chunk).select_related("message"):
            found[order.number] = order
    return found


def _classify(plan: Plan) -> tuple[list[RowResult], list[tuple[RowResult, WorkOrder, list[str]]], int]:
    existing = _existing([r.values.number for r in plan.rows if r.values is not None])
    new, changed, same = [], [], 0
    for result in plan.rows:
        assert result.values is not None  # accepted rows carry values
        order = existing.get(result.values.number)
        if order is None:
            new.append(result)
            continue
        diff = _changes(order, result.values)
        if diff:
            changed.append((result, order, diff))
        else:
            same += 1
    return new, changed, same


def _summary(plan: Plan, new: int, changed: int, same: int) -> dict:
    return {
        "total": plan.total,
        "create": new,
        "update": changed,
        "unchanged": same,
        "refused": plan.refused_rows,
        "refused_list": plan.refused[:SHOWN_PROBLEMS],
        "warnings": plan.warnings[:SHOWN_PROBLEMS],
        "warning_count": len(plan.warnings),
        "unresolved": [
            {"text": p.text, "rows": p.rows, "candidates": p.candidates[:8]} for p in plan.unresolved
        ],
        "resolved": [
            {"text": p.text, "rows": p.rows, "unit_id": p.unit_id, "unit": p.unit_name}
            for p in plan.phrases.values()
            if p.unit_id is not None
        ],
    }


# ------------------------------------------------------------------------------------------------ the check job
def _start(
    imp: HotlineImport,
    *,
    actor: Any,
    job: str,
    status: str,
    action: str,
    after: dict,
    enqueue: bool = True,
) -> HotlineImport:
    from gongkai.jobs import services as jobs
    from gongkai.jobs.vocab import Trigger

    run = jobs.start(job, actor=actor, params={"import": imp.pk}, trigger=Trigger.ACTION, enqueue=enqueue)
    imp.status = status
    imp.error = ""
    if job == "messages.hotline_check":
        imp.check_run = run
    else:
        imp.import_run = run
    imp.save()
    audit.record(actor=actor, action=action, obj=imp, after=after)
    return imp


@transaction.atomic
def start_check(imp: HotlineImport, *, actor: Any, enqueue: bool = True) -> HotlineImport:
    """Check every row in the background (job ``messages.hotline_check``)."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    imp = HotlineImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status not in (
        HotlineImport.Status.UPLOADED,
        HotlineImport.Status.CHECKED,
        HotlineImport.Status.FAILED,
    ):
        raise refuse(f"该导入当前为“{imp.get_status_display()}”，不能再检查。")
    if not imp.file:
        raise refuse("该导入的文件已删除，请重新上传。")
    clean_mapping(imp, imp.mapping)
    return _start(
        imp,
        actor=actor,
        job="messages.hotline_check",
        status=HotlineImport.Status.CHECKING,
        action="messages.hotline_check_started",
        after={"mapping": imp.mapping},
        enqueue=enqueue,
    )


def _failed(imp: HotlineImport, text: str) -> None:
    HotlineImport.objects.filter(pk=imp.pk).update(status=HotlineImport.Status.FAILED, error=text[:2000])


def check(imp: HotlineImport, *, actor: Any, progress: Progress = _no_progress) -> dict:
    """Read and check every row, resolve the unit phrases, count what an import would do (saves the summary)."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    try:
        plan = _plan(imp, progress)
        new, changed, same = _classify(plan)
    except Exception as exc:
        _failed(imp, str(exc))
        raise
    summary = _summary(plan, len(new), len(changed), same)
    with transaction.atomic():
        locked = HotlineImport.objects.select_for_update().get(pk=imp.pk)
        locked.check_result = summary
        locked.status = HotlineImport.Status.CHECKED
        locked.save(update_fields=["check_result", "status"])
        audit.record(
            actor=actor,
            action="messages.hotline_checked",
            obj=locked,
            after={k: summary[k] for k in ("total", "create", "update", "unchanged", "refused")},
        )
    return summary


# ------------------------------------------------------------------------------------------------ the import job
@transaction.atomic
def start_import(
    imp: HotlineImport, *, actor: Any, unit_choices: dict[str, int | None], enqueue: bool = True
) -> HotlineImport:
    """Confirm the import with the office's unit for each phrase the resolver was not certain of (``None``: the
    work order waits for dispatch); the import runs in the background (job ``messages.hotline_import``)."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    imp = HotlineImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status != HotlineImport.Status.CHECKED:
        raise refuse("请先检查全部行，确认检查结果后再导入。")
    unresolved = [p["text"] for p in imp.check_result.get("unresolved", [])]
    missing = [text for text in unresolved if text not in unit_choices]
    if missing:
        raise refuse(
            f"请为未识别的承办单位“{'、'.join(missing[:5])}”选择单位（或选择“留待分办”）。", field="units"
        )
    ids = {v for v in unit_choices.values() if v is not None}
    if len(Unit.objects.filter(pk__in=ids, is_active=True)) != len(ids):
        raise refuse("所选承办单位不存在或已停用，请重新选择。", field="units")
    imp.unit_choices = {text: unit_choices[text] for text in unresolved}
    return _start(
        imp,
        actor=actor,
        job="messages.hotline_import",
        status=HotlineImport.Status.IMPORTING,
        action="messages.hotline_import_started",
        after={"unit_choices": imp.unit_choices},
        enqueue=enqueue,
    )


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


class _Due:
    """Due dates on the calendar, computed once per (day, working days)."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.memo: dict[tuple[date, int], date] = {}

    def __call__(self, received: date, limit: hotline.Limit) -> date:
        if limit.due is not None:
            return limit.due
        days = limit.workdays or self.channel.reply_days
        key = (received, days)
        if key not in self.memo:
            self.memo[key] = due_date(received, days)
        return self.memo[key]


def _tracking_codes(count: int) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        want = [codes.new_tracking_code() for _ in range(count - len(made))]
        taken = set()
        for start in range(0, len(want), 900):
            taken |= set(
                Message.objects.filter(tracking_code__in=want[start : start + 900]).values_list(
                    "tracking_code", flat=True
                )
            )
        made |= set(want) - taken
    return sorted(made)


def _apply_result(
    msg: Message, values: hotline.WorkOrderValues, now: datetime, *, from_file: str = ""
) -> None:
    """The hotline's own result and rating onto the message: only when Gongkai has no reply of its own (or the
    reply is the one an earlier import brought)."""
    if values.result and (
        msg.state in OPEN_STATES or (msg.state == State.REPLIED and msg.reply == from_file)
    ):
        finished = _aware_or_none(values.finished_at)
        msg.reply = values.result
        msg.state = State.REPLIED
        msg.replied_at = finished or now
        msg.replied_on = timezone.localtime(msg.replied_at).date()
    if msg.state == State.REPLIED and values.satisfaction != msg.rating:
        msg.rating = values.satisfaction
        msg.rated_at = now if values.satisfaction else None


def _unit_for(plan: Plan, imp: HotlineImport, text: str) -> int | None:
    phrase = plan.phrases.get(text)
    if phrase is None:
        return None
    if phrase.unit_id is not None:
        return phrase.unit_id
    chosen = imp.unit_choices.get(text)
    return int(chosen) if chosen not in (None, "") else None


def _write(imp: HotlineImport, plan: Plan, *, actor: Any, progress: Progress) -> Outcome:
    channel = Channel.objects.select_for_update().get(pk=hotline_channel().pk)  # one import at a time
    new, changed, same = _classify(plan)
    now = timezone.now()
    due = _Due(channel)
    outcome = Outcome(unchanged=same, refused=plan.refused_rows)
    total = len(new) + len(changed)
    progress(0, total, "条工单已写入")
    messages = []
    for result, code in zip(new, _tracking_codes(len(new)), strict=True):
        values = result.values
        assert values is not None
        unit_id = _unit_for(plan, imp, values.unit_text)
        received = values.called_at.date()
        msg = Message(
            channel=channel,
            tracking_code=code,
            # No verification code: the caller follows the work order through 12345, and an empty hash never
            # matches a look-up (codes.check_verification), so the portal's 留言查询 cannot open it.
            verification_hash="",
            subject=values.subject,
            body=values.body,
            writer_name=values.requester,
            writer_contact="",
            received_on=received,
            due_on=due(received, values.limit),
            unit_id=unit_id,
            state=State.DISPATCHED if unit_id else State.RECEIVED,
            dispatched_at=now if unit_id else None,
        )
        _apply_result(msg, values, now)
        messages.append(msg)
    Message.objects.bulk_create(messages, batch_size=1000)
    orders = []
    for result, msg in zip(new, messages, strict=True):
        values = result.values
        assert values is not None
        orders.append(
            WorkOrder(
                message=msg,
                number=values.number,
                called_at=_aware(values.called_at),
                requester=values.requester,
                unit_text=values.unit_text,
                limit_text=values.limit.text,
                result=values.result,
                satisfaction=values.satisfaction,
                finished_at=_aware_or_none(values.finished_at),
                first_import=imp,
                last_import=imp,
            )
        )
    WorkOrder.objects.bulk_create(orders, batch_size=1000)
    outcome.created = len(orders)
    progress(len(orders), total, "条工单已写入")
    changed_msgs, changed_orders, changes = [], [], {}
    for result, order, diff in changed:
        values = result.values
        assert values is not None
        msg = order.message
        received = values.called_at.date()
        if msg.state in OPEN_STATES:
            msg.subject, msg.body, msg.received_on = values.subject, values.body, received
            msg.due_on = due(received, values.limit)
        if msg.state in (State.RECEIVED, State.DISPATCHED) and values.unit_text != order.unit_text:
            unit_id = _unit_for(plan, imp, values.unit_text)
            if unit_id and unit_id != msg.unit_id:
                msg.unit_id, msg.state = unit_id, State.DISPATCHED
                msg.dispatched_at = msg.dispatched_at or now
        msg.writer_name = values.requester
        _apply_result(msg, values, now, from_file=order.result)
        order.called_at = _aware(values.called_at)
        order.requester = values.requester
        order.unit_text = values.unit_text
        order.limit_text = values.limit.text
        order.result = values.result
        order.satisfaction = values.satisfaction
        order.finished_at = _aware_or_none(values.finished_at)
        order.last_import = imp
        msg.updated_at = now
        changed_msgs.append(msg)
        changed_orders.append(order)
        changes[values.number] = diff
    Message.objects.bulk_update(
        changed_msgs,
        [
            "subject",
            "body",
            "received_on",
            "due_on",
            "unit",
            "state",
            "dispatched_at",
            "writer_name",
            "reply",
            "replied_at",
            "replied_on",
            "rating",
            "rated_at",
            "updated_at",
        ],
        batch_size=500,
    )
    WorkOrder.objects.bulk_update(
        changed_orders,
        [
            "called_at",
            "requester",
            "unit_text",
            "limit_text",
            "result",
            "satisfaction",
            "finished_at",
            "last_import",
        ],
        batch_size=500,
    )
    outcome.updated = len(changed_orders)
    seen = [r.values.number for r in plan.rows if r.values is not None]
    for start in range(0, len(seen), 900):
        WorkOrder.objects.filter(number__in=seen[start : start + 900]).exclude(last_import=imp).update(
            last_import=imp
        )
    progress(total, total, "条工单已写入")
    shown = dict(list(changes.items())[:1000])
    imp.created, imp.updated = outcome.created, outcome.updated
    imp.unchanged, imp.refused = outcome.unchanged, outcome.refused
    imp.status = HotlineImport.Status.DONE
    imp.finished_at = now
    file_name = imp.file.name
    storage = imp.file.storage
    imp.file = ""
    imp.save()
    storedfiles.delete_on_commit(storage, file_name)
    audit.record(
        actor=actor,
        action="messages.hotline_imported",
        obj=imp,
        before={"work_orders": WorkOrder.objects.count() - outcome.created},
        after={
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "refused": outcome.refused,
            "created_numbers": [o.number for o in orders[:1000]],
            "changes": shown,
            "more": max(0, len(orders) - 1000) + max(0, len(changes) - 1000),
            "sha256": imp.sha256,
        },
    )
    return outcome


def run_import(imp: HotlineImport, *, actor: Any, progress: Progress = _no_progress) -> Outcome:
    """Read and check the rows again (the file may have been checked under another mapping), then write them in
    one transaction: every work order of the file, or none."""
    if not access.can_import_hotline(actor):
        raise forbidden("只有政务公开办可以导入12345工单。")
    imp = HotlineImport.objects.get(pk=imp.pk)
    if imp.status != HotlineImport.Status.IMPORTING:
        raise refuse(f"该导入当前为“{imp.get_status_display()}”，不能导入。")
    try:
        plan = _plan(imp, progress)
        with transaction.atomic():
            locked = HotlineImport.objects.select_for_update().get(pk=imp.pk)
            if locked.status != HotlineImport.Status.IMPORTING:
                raise refuse("该导入已由另一进程处理。")
            return _write(locked, plan, actor=actor, progress=progress)
    except Exception as exc:
        _failed(imp, str(exc))
        raise


def check_now(imp: HotlineImport, *, actor: Any) -> HotlineImport:
    """Check in this process, through the same job runner (the demo and commands; pages use the queue)."""
    from gongkai.jobs import runner

    imp = start_check(imp, actor=actor, enqueue=False)
    runner.execute("messages.hotline_check", run_id=imp.check_run_id)
    imp.refresh_from_db()
    return imp


def import_now(imp: HotlineImport, *, actor: Any, unit_choices: dict[str, int | None]) -> HotlineImport:
    """Import in this process, through the same job runner (the demo and commands; pages use the queue)."""
    from gongkai.jobs import runner

    imp = start_import(imp, actor=actor, unit_choices=unit_choices, enqueue=False)
    runner.execute("messages.hotline_import", run_id=imp.import_run_id)
    imp.refresh_from_db()
    return imp


def result_url(imp: HotlineImport) -> str:
    return reverse("messages:hotline_detail", args=[imp.pk])


# ------------------------------------------------------------------------------------------------ export
def export_replies(imp: HotlineImport) -> tuple[bytes, int]:
    """The work orders last seen in ``imp`` with Gongkai's replies, in the file's own layout (its column names in
    its order, mapped columns only) — for the hotline system to take back. Formula-escaped (core.cells); the
    caller stays masked."""
    from openpyxl import Workbook

    columns = sorted((index, key) for key, index in imp.mapping.items() if index is not None)
    book = Workbook()
    sheet = book.create_sheet("12345工单答复", 0)
    book.remove(book.worksheets[1])
    sheet.append(escape_row([imp.header[index] for index, _key in columns]))
    rows = 0
    qs = (
        WorkOrder.objects.filter(last_import=imp)
        .select_related("message", "message__unit")
        .order_by("number")
        .iterator(chunk_size=2000)
    )
    for order in qs:
        msg = order.message
        replied = msg.state == State.REPLIED
        values = {
            "number": order.number,
            "called_at": timezone.localtime(order.called_at).strftime("%Y-%m-%d %H:%M:%S"),
            "body": msg.body,
            "subject": msg.subject,
            "requester": order.requester,
            "unit": msg.unit.name if msg.unit else order.unit_text,
            "limit": msg.due_on.isoformat(),
            "result": msg.reply if replied else order.result,
            "satisfaction": hotline.RATING_LABELS.get(msg.rating, "") if msg.rating else "",
            "finished_at": timezone.localtime(msg.replied_at).strftime("%Y-%m-%d %H:%M:%S")
            if replied and msg.replied_at
            else "",
        }
        sheet.append(escape_row([values[key] for _index, key in columns]))
        rows += 1
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue(), rows


def record_export(imp: HotlineImport, *, actor: Any, rows: int) -> None:
    with transaction.atomic():
        audit.record(actor=actor, action="messages.hotline_exported", obj=imp, after={"rows": rows})
