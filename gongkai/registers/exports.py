"""The columns of each register, shared by its list page and its .xlsx export (every cell through
``core.cells.escape_row``: a value beginning with = + - @ is written as text)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongkai.core.cells import escape_row


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    cells: Callable[[Any, date], list[Any]]
    widths: tuple[int, ...] = ()


def _training(t, today: date) -> list[Any]:
    attendees = "；".join(
        f"{a.unit.short_name or a.unit.name} {a.count}人" + (f"（{a.names}）" if a.names else "")
        for a in t.attendances.all()
    )
    return [
        t.held_on,
        t.unit.name,
        t.topic,
        t.get_form_display(),
        t.trainer,
        t.attendee_total,
        attendees,
        len(t.materials.all()),
    ]


def _hearing(h, today: date) -> list[Any]:
    return [
        h.held_on,
        h.unit.name,
        h.get_kind_display(),
        h.meeting,
        h.leaders,
        h.topics,
        h.minutes_name or "无",
    ]


def _evaluation(e, today: date) -> list[Any]:
    return [
        e.done_on,
        e.unit.name,
        e.subject_title,
        "政策文件" if e.policy_id else "重大行政决策",
        e.method_labels(),
        e.get_conclusion_display(),
        e.findings,
        "已登记修改关系" if e.relation_id else "",
        e.result_link,
    ]


def _article(s, today: date) -> list[Any]:
    return [
        s.submitted_on,
        s.unit.name,
        s.get_kind_display(),
        s.title,
        s.outlet,
        "已采用" if s.adopted else "未采用",
        s.adopted_on or "",
    ]


def _case(c, today: date) -> list[Any]:
    return [c.recognised_on, c.unit.name, c.title, c.get_level_display(), c.issuer, c.link]


def supervision_state(r, today: date) -> str:
    if r.completed_on is not None:
        return "逾期完成" if r.completed_late else "已整改"
    return "逾期未整改" if r.is_overdue(today) else "整改中"


def _supervision(r, today: date) -> list[Any]:
    return [
        r.issued_on,
        r.unit.name,
        r.get_kind_display(),
        r.issuer,
        r.findings,
        r.rectify_workdays,
        r.due_on,
        r.completed_on or "",
        supervision_state(r, today),
    ]


TABLES = {
    "trainings": Table(
        "培训登记",
        ("培训日期", "组织单位", "培训主题", "形式", "授课人", "参训人数", "参训单位", "材料数"),
        _training,
        (12, 24, 36, 10, 12, 10, 48, 8),
    ),
    "hearings": Table(
        "听取汇报",
        ("会议日期", "单位", "类型", "会议名称", "出席领导", "研究议题", "会议纪要"),
        _hearing,
        (12, 24, 10, 28, 24, 48, 20),
    ),
    "evaluations": Table(
        "政策实施效果评价",
        (
            "完成日期",
            "评价单位",
            "评价对象",
            "对象类型",
            "评价方法",
            "结论",
            "结论说明",
            "文件关系",
            "结果公开",
        ),
        _evaluation,
        (12, 24, 36, 12, 20, 10, 48, 14, 30),
    ),
    "articles": Table(
        "信息报送",
        ("报送日期", "报送单位", "类别", "标题", "报送渠道", "采用情况", "采用日期"),
        _article,
        (12, 24, 12, 40, 24, 10, 12),
    ),
    "cases": Table(
        "优秀案例",
        ("入选日期", "单位", "案例名称", "层级", "评选或推广机关", "链接"),
        _case,
        (12, 24, 40, 8, 24, 30),
    ),
    "supervision": Table(
        "督查通报",
        (
            "通报日期",
            "被督查单位",
            "类型",
            "通报机关",
            "发现问题",
            "整改时限（工作日）",
            "整改期限",
            "完成日期",
            "状态",
        ),
        _supervision,
        (12, 24, 12, 20, 48, 10, 12, 12, 12),
    ),
}


def xlsx(key: str, rows: Iterable[Any], today: date) -> bytes:
    """Register ``key`` as an .xlsx: a header row, one row per record, cells escaped."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    table = TABLES[key]
    book = Workbook()
    sheet = book.active
    sheet.title = table.title
    sheet.append(escape_row(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(escape_row(table.cells(row, today)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
