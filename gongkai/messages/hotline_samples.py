"""Deterministic 12345 work-order files in a hotline system's layout (for the demo, the tests and the benchmark):
rows made from a seed, written as .xlsx or .csv (UTF-8 with or without BOM, or GBK)."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

HEADER = ["工单编号", "来电时间", "诉求内容", "诉求人", "承办单位", "办理时限", "办理结果", "回访满意度"]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
_TOPICS = (
    ("{place}路灯不亮", "反映{place}一带路灯连续多日不亮，夜间出行不便，请尽快维修。"),
    ("{place}噪音扰民", "{place}附近工地夜间施工噪音很大，影响居民休息，请相关部门查处。"),
    ("{place}道路破损", "{place}路面坑洼积水，电动车经过容易摔倒，请安排修补。"),
    ("{place}垃圾清运不及时", "{place}垃圾桶满溢多日无人清运，气味很大，请督促清运。"),
    ("咨询医保报销", "咨询在{place}附近定点医院住院的医保报销比例和需要准备的材料。"),
    ("{place}停水", "{place}小区从早上开始停水，没有提前通知，请问何时恢复供水。"),
    ("咨询老旧小区改造", "{place}小区是否列入今年老旧小区改造计划，什么时候开工。"),
    ("{place}占道经营", "{place}门口流动摊贩占道经营，造成交通拥堵，请城管处理。"),
)
_PLACES = ("人民路", "城关镇幸福小区", "解放街", "滨江花园", "县一中", "东门市场", "新华书店", "火车站广场")
_RESULTS = (
    "经核实，已安排人员现场处理，问题已解决，并电话告知来电人。",
    "已转相关责任单位处理，现场已整改到位。",
    "已向来电人解释相关政策，来电人表示理解。",
)
_SATISFACTION = ("满意", "满意", "基本满意", "不满意", "未回访")


def rows(
    count: int,
    *,
    units: Sequence[str],
    start: date,
    seed: int = 12345,
    prefix: str = "GD",
    replied_share: float = 0.4,
    days: int = 60,
) -> list[list[object]]:
    """``count`` work orders, one a row in :data:`HEADER` order, the same for the same arguments. Calls spread over
    ``days`` days from ``start``; a share of them already carries the hotline's result and rating."""
    rng = random.Random(seed)
    out: list[list[object]] = []
    for i in range(count):
        called = datetime.combine(start, datetime.min.time()) + timedelta(
            days=i % days, hours=8 + rng.randrange(10), minutes=rng.randrange(60)
        )
        place = _PLACES[rng.randrange(len(_PLACES))]
        _title, body = _TOPICS[rng.randrange(len(_TOPICS))]
        name = _SURNAMES[rng.randrange(len(_SURNAMES))] + _GIVEN[rng.randrange(len(_GIVEN))]
        if rng.random() < 0.5:
            name += _GIVEN[rng.randrange(len(_GIVEN))]
        done = rng.random() < replied_share
        out.append(
            [
                f"{prefix}{called:%Y%m%d}{i:05d}",
                called.strftime("%Y-%m-%d %H:%M:%S"),
                body.format(place=place),
                name,
                units[rng.randrange(len(units))] if units else "",
                (called.date() + timedelta(days=7)).isoformat() if rng.random() < 0.5 else "5个工作日",
                _RESULTS[rng.randrange(len(_RESULTS))] if done else "",
                _SATISFACTION[rng.randrange(len(_SATISFACTION))] if done else "",
            ]
        )
    return out


def to_xlsx(header: Sequence[object], data: Sequence[Sequence[object]], *, title: str | None = None) -> bytes:
    from openpyxl import Workbook

    # A normal workbook (shared strings and the sheet's dimension), as Excel and WPS write them.
    book = Workbook()
    sheet = book.create_sheet("工单明细", 0)
    book.remove(book.worksheets[1])
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in data:
        sheet.append(list(row))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def to_csv(
    header: Sequence[object], data: Sequence[Sequence[object]], *, encoding: str = "utf-8-sig"
) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(data)
    return buf.getvalue().encode(encoding)
