"""The year's interpretation rates as .xlsx (解读率、重大政策解读率、多元化解读比例、三同步率).

The assessment module reads this file: the sheet names and header texts below are stable, counts are numbers and
ratios are 0–1 floats shown with a percent format (an empty cell when there is nothing to count).
"""

from __future__ import annotations

import io
from datetime import date

from gongkai.core.cells import escape_row
from gongkai.core.policy.rates import STEPS

from . import selectors

SUMMARY_SHEET = "汇总"
DETAIL_SHEET = "三同步明细"
COUNTY = "全县"
SUMMARY_HEADERS = (
    "单位",
    "文件数",
    "需解读文件数",
    "已解读文件数",
    "解读率",
    "重大政策数",
    "重大政策已解读数",
    "重大政策解读率",
    "解读数",
    "多元化解读数",
    "多元化解读比例",
    "三同步文件数",
    "三同步率",
    "解读滞后数",
)
DETAIL_HEADERS = (
    "单位",
    "文件标题",
    "文号",
    "重大政策",
    "解读标题",
    "解读形式",
    *[h for _, label in STEPS for h in (label, f"{label}相差工作日")],
    "滞后工作日",
)
PERCENT_COLUMNS = ("解读率", "重大政策解读率", "多元化解读比例", "三同步率")


def summary_row(name: str, r) -> list:
    return [
        name,
        r.documents,
        r.needing,
        r.interpreted,
        r.interpretation_rate,
        r.major,
        r.major_interpreted,
        r.major_rate,
        r.interpretations,
        r.diverse,
        r.diverse_rate,
        r.synced,
        r.sync_rate,
        r.late,
    ]


def _yes_no(value) -> str:
    return "" if value is None else ("是" if value else "否")


def rates_xlsx(year: int, unit_ids=None, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .vocab import InterpretationForm

    result = selectors.year_rates(year, today=today, unit_ids=unit_ids)
    local = selectors.rules()
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    ws.append(list(SUMMARY_HEADERS))
    for row in result.units:
        ws.append(escape_row(summary_row(row.unit, row)))
    ws.append(escape_row(summary_row(COUNTY, result.county)))
    percent_cols = [SUMMARY_HEADERS.index(h) + 1 for h in PERCENT_COLUMNS]
    for row_cells in ws.iter_rows(min_row=2):
        for col in percent_cols:
            row_cells[col - 1].number_format = "0.0%"
    for col in range(1, len(SUMMARY_HEADERS) + 1):
        ws.cell(1, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = 30 if col == 1 else 12
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.freeze_panes = "B2"
    targets = wb.create_sheet("目标")
    targets.append(["指标", "目标"])
    for label, attr in zip(
        PERCENT_COLUMNS,
        ("interpretation_target", "major_target", "diverse_target", "sync_target"),
        strict=True,
    ):
        targets.append(escape_row([label, getattr(local, attr) / 100]))
        targets.cell(targets.max_row, 2).number_format = "0%"
    targets.append(escape_row(["解读晚于文件的最长工作日", local.sync_working_days]))

    detail = wb.create_sheet(DETAIL_SHEET, 1)
    detail.append(list(DETAIL_HEADERS))
    forms = dict(InterpretationForm.choices)
    for res in result.results:
        doc = result.documents.get(res.doc.key)
        interp = res.interpretation
        cells = [
            res.doc.unit,
            res.doc.title,
            doc.doc_number if doc else "",
            "是" if res.doc.major else "否",
            interp.title if interp else "",
            forms.get(interp.form, interp.form) if interp else "",
        ]
        for step, _ in STEPS:
            cells += [_yes_no(res.steps.get(step)), res.lags.get(step)]
        cells.append(res.late_days if res.late else None)
        detail.append(escape_row(cells))
    for col in range(1, len(DETAIL_HEADERS) + 1):
        detail.cell(1, col).font = Font(bold=True)
        detail.column_dimensions[get_column_letter(col)].width = 40 if col in (2, 5) else 14
    detail.freeze_panes = "C2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
