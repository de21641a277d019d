"""The .xlsx export of the messages list, the writer's name and contact masked."""

from __future__ import annotations

import io

from gongkai.core.cells import escape_row
from gongkai.core.participation import mask_contact, mask_name

HEADER = [
    "查询码",
    "渠道",
    "分类",
    "标题",
    "留言人",
    "联系方式",
    "收到日期",
    "承办单位",
    "答复期限",
    "状态",
    "答复日期",
    "按期",
    "满意度",
    "公开",
]


def messages_xlsx(qs) -> tuple[bytes, int]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "留言办理"
    ws.append(escape_row(HEADER))
    rows = 0
    for m in qs.select_related("channel", "unit").iterator(chunk_size=2000):
        on_time = m.on_time
        ws.append(
            escape_row(
                [
                    m.tracking_code,
                    m.channel.name,
                    m.category,
                    m.subject,
                    mask_name(m.writer_name),
                    mask_contact(m.writer_contact),
                    m.received_on,
                    m.unit.name if m.unit else "",
                    m.due_on,
                    m.get_state_display(),
                    m.replied_on,
                    "" if on_time is None else ("是" if on_time else "否"),
                    m.get_rating_display() if m.rating else "",
                    "是" if m.published_at else "否",
                ]
            )
        )
        rows += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), rows
