"""The ledger (舆情回应台账) as .xlsx: one sheet of cases, one of responses, one of commitments. Every text cell goes
through ``core.cells`` (formula escape): topics and summaries are typed by staff from what the public wrote."""

from __future__ import annotations

import io

from django.utils import timezone

from gongkai.core import sentiment as rules
from gongkai.core.cells import escape_row

from .models import Commitment, Response

CASE_HEADER = [
    "编号",
    "舆情标题",
    "来源",
    "发现时间",
    "级别",
    "主管（回应）单位",
    "属地单位",
    "状态",
    "时限规则",
    "回应期限",
    "首次回应时间",
    "是否按时回应",
    "原始链接",
    "舆情摘要",
    "风险研判",
    "承诺事项数",
    "已兑现",
    "办结说明",
]
RESPONSE_HEADER = [
    "舆情编号",
    "舆情标题",
    "回应方式",
    "回应单位",
    "回应时间",
    "平台/媒体/地点",
    "权威发布信息",
    "回应内容摘要",
]
COMMITMENT_HEADER = [
    "舆情编号",
    "舆情标题",
    "承诺内容",
    "责任单位",
    "承诺期限",
    "状态",
    "兑现日期",
    "按期兑现",
    "是否逾期",
    "落实情况",
    "落实公开信息",
    "核查结果",
]


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _yes_no(value) -> str:
    return "" if value is None else ("是" if value else "否")


def _deadline_text(case, items) -> str:
    return "；".join(
        f"{item.tier.label}{item.tier.limit_text}：{timezone.localtime(item.due):%Y-%m-%d %H:%M}"
        + ("（暂定）" if item.provisional else "")
        for item in items
    )


def ledger_xlsx(cases) -> tuple[bytes, dict]:
    from openpyxl import Workbook

    from . import services

    today = timezone.localdate()
    wb = Workbook(write_only=True)  # rows streamed to the file: no cell objects kept for thousands of rows
    ws = wb.create_sheet("舆情台账")
    ws.append(CASE_HEADER)
    case_list = list(cases.select_related("owner_unit", "local_unit"))
    ids = cases.order_by().values("pk")  # a subquery: no parameter limit however many cases
    kept = {}
    total = {}
    for item in Commitment.objects.filter(case_id__in=ids).values_list("case_id", "state"):
        total[item[0]] = total.get(item[0], 0) + 1
        kept[item[0]] = kept.get(item[0], 0) + (item[1] == "kept")
    responses = list(
        Response.objects.filter(case_id__in=ids)
        .select_related("case", "unit", "publication")
        .order_by("case_id", "responded_at", "id")
    )
    answered: dict[int, list] = {}
    for response in responses:
        answered.setdefault(response.case_id, []).append((response.kind, response.responded_at))
    for case in case_list:
        items = services.deadlines_of(case, answered.get(case.pk, []))
        ws.append(
            escape_row(
                [
                    case.pk,
                    case.topic,
                    case.get_source_display(),
                    _local(case.first_seen_at),
                    case.get_level_display(),
                    case.owner_unit.name,
                    case.local_unit.name if case.local_unit else "",
                    case.get_state_display(),
                    "地方规定（工作日）" if case.rule == rules.LOCAL else "国家规定（小时）",
                    _deadline_text(case, items),
                    _local(case.first_response_at),
                    _yes_no(case.on_time),
                    "\n".join(case.link_list()),
                    case.summary,
                    case.risk_notes,
                    total.get(case.pk, 0),
                    kept.get(case.pk, 0),
                    case.close_note,
                ]
            )
        )
    ws2 = wb.create_sheet("回应记录")
    ws2.append(RESPONSE_HEADER)
    n_responses = 0
    for response in responses:
        ws2.append(
            escape_row(
                [
                    response.case_id,
                    response.case.topic,
                    response.get_kind_display(),
                    response.unit.name,
                    _local(response.responded_at),
                    response.where,
                    response.publication.title if response.publication else "",
                    response.summary,
                ]
            )
        )
        n_responses += 1
    ws3 = wb.create_sheet("承诺事项")
    ws3.append(COMMITMENT_HEADER)
    items_qs = Commitment.objects.filter(case_id__in=ids).select_related(
        "case", "owner_unit", "result_publication"
    )
    n_items = 0
    for item in items_qs.order_by("case_id", "due_on", "id"):
        ws3.append(
            escape_row(
                [
                    item.case_id,
                    item.case.topic,
                    item.content,
                    item.owner_unit.name,
                    item.due_on,
                    item.get_state_display(),
                    item.kept_on,
                    _yes_no(item.kept_on_time()),
                    "是" if item.is_overdue(today) else "否",
                    item.evidence,
                    item.result_publication.title if item.result_publication else "",
                    item.get_check_result_display(),
                ]
            )
        )
        n_items += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), {"cases": len(case_list), "responses": n_responses, "commitments": n_items}
