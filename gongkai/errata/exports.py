"""The .xlsx export of the 找错 list, the reporter's contact masked."""

from __future__ import annotations

import io

from gongkai.core.cells import escape_row
from gongkai.core.participation import mask_contact

HEADER = [
    "查询码",
    "收到日期",
    "页面地址",
    "错误类型",
    "问题描述",
    "联系方式",
    "承办单位",
    "分送依据",
    "答复期限",
    "状态",
    "处理结果",
    "答复日期",
    "按期",
    "办结日期",
]


def reports_xlsx(qs) -> tuple[bytes, int]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "找错报告"
    ws.append(escape_row(HEADER))
    rows = 0
    for r in qs.select_related("unit").iterator(chunk_size=2000):
        on_time = r.on_time
        ws.append(
            escape_row(
                [
                    r.tracking_code,
                    r.received_on,
                    r.page,
                    r.get_error_type_display(),
                    r.description,
                    mask_contact(r.contact) if r.contact else "",
                    r.unit.name if r.unit else "政务公开办",
                    r.routing_basis,
                    r.due_on,
                    r.get_state_display(),
                    r.get_outcome_display() if r.outcome else "",
                    r.answered_on,
                    "" if on_time is None else ("是" if on_time else "否"),
                    r.closed_on,
                ]
            )
        )
        rows += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), rows
