"""The annex 任务分工表: read from .docx, .xlsx and text tables, linked to body items, disagreements reported;
and the 分工表 the extraction writes (to_xlsx) read back."""

import io

import pytest

from gongkai.core import docread, workpoints
from gongkai.core.tests.fixtures import to_docx
from gongkai.core.tests.test_workpoints import EXPECTED, result_of

BODY = "\n".join(
    [
        "2024年示范县政务公开工作要点",
        "一、提升信息公开质量",
        "（一）聚焦高质量发展推动信息公开。及时公开产业政策。加强民营经济政策公开。〔责任单位：县发改委、县工信局〕",
        "（二）围绕保障改善民生深化信息公开。做好就业政策公开。〔牵头单位：县人社局；责任单位：县教体局〕",
        "二、深化政务公开",
        "（三）规范依申请公开办理工作。提升办理水平。〔责任单位：县政府办〕",
        "附件",
        "示范县2024年政务公开工作要点任务分工表",
    ]
)
HEADER = ["序号", "目标任务", "任务内容", "责任单位", "工作时限"]
ROWS = [
    HEADER,
    ["一、提升信息公开质量"],
    ["1", "聚焦高质量发展推动信息公开", "及时公开产业政策。", "县发改委、县工信局", "持续推进"],
    ["2", "聚焦高质量发展推动信息公开", "加强民营经济政策公开。", "县发改委", "6月底前，持续推进"],
    # deliberate disagreement: the annex adds 县财政局 to item (二)
    [
        "3",
        "围绕保障改善民生深化信息公开",
        "做好就业政策公开。",
        "县人社局牵头，县教体局、县财政局",
        "12月底前",
    ],
    ["二、深化政务公开"],
    # a row whose 目标任务 the body does not have; and item (三) has no row at all
    ["4", "推进数字政府建设", "建设一体化政务服务平台。", "县数据局", "年底前"],
]


def _xlsx(rows, merge_target=True) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["示范县2024年政务公开工作要点任务分工表"])
    sheet.merge_cells("A1:E1")
    for row in rows:
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    if merge_target:
        # 目标任务 of rows 1–2 merged vertically, the second cell left empty as Excel does
        sheet.cell(5, 2).value = None
        sheet.merge_cells("B4:B5")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_linked(result):
    first, second, third = result["items"]
    assert result["annex"] == {"found": True, "tables": 1, "rows": 4, "linked": 3, "unmatched": 1}
    # the annex rows are the tasks
    assert [t["text"] for t in first["tasks"]] == ["及时公开产业政策。", "加强民营经济政策公开。"]
    assert first["tasks"][1]["deadline"] == "2024-06-30"
    assert first["tasks"][1]["recurrence"] == "ongoing"
    assert first["tasks"][1]["deadline_text"] == "6月底前，持续推进"
    assert first["tasks"][0]["annex_row"]["seq"] == "1"
    assert [t["text"] for t in first["body_tasks"]] == ["及时公开产业政策。", "加强民营经济政策公开。"]
    assert (second["tasks"][0]["lead_units"], second["tasks"][0]["units"]) == (
        ["县人社局"],
        ["县教体局", "县财政局"],
    )
    assert second["tasks"][0]["deadline"] == "2024-12-31"
    # item (三) keeps its body tasks
    assert third["tasks"][0]["source"] == "body"
    kinds = {w["kind"]: w for w in result["warnings"]}
    assert kinds["annex_units_differ"]["path"] == ["一", "（二）"]
    assert kinds["annex_units_differ"]["only_in_annex"] == ["县财政局"]
    assert kinds["annex_units_differ"]["only_in_body"] == []
    assert "县财政局" in kinds["annex_units_differ"]["message"]
    assert kinds["annex_item_missing"]["path"] == ["二", "（三）"]
    assert "推进数字政府建设" in kinds["annex_row_unmatched"]["message"]
    # item (一): body and annex name the same units — no warning for it
    assert not any(
        w["kind"] == "annex_units_differ" and w["path"] == ["一", "（一）"] for w in result["warnings"]
    )


def test_annex_as_a_word_table():
    blocks = docread.read(to_docx(BODY, tables=[ROWS]), filename="要点.docx")
    assert blocks[-1].is_table
    _check_linked(workpoints.extract(blocks))


def test_annex_as_a_spreadsheet_next_to_the_body():
    blocks = docread.read_text(BODY) + docread.read(_xlsx(ROWS), filename="分工表.xlsx")
    _check_linked(workpoints.extract(blocks))


def test_annex_as_a_text_table():
    table = "\n".join(
        "| " + " | ".join(row if len(row) > 1 else [row[0], "", "", "", ""]) + " |" for row in ROWS
    )
    _check_linked(workpoints.extract(BODY + "\n" + table))


def test_annex_as_a_tab_separated_table():
    table = "\n".join("\t".join(row if len(row) > 1 else [row[0], "", "", "", ""]) for row in ROWS)
    _check_linked(workpoints.extract(BODY + "\n" + table))


def test_a_stand_alone_spreadsheet_becomes_the_items():
    result = workpoints.extract(docread.read(_xlsx(ROWS), filename="分工表.xlsx"))
    assert [p["number"] for p in result["parts"]] == ["一", "二"]
    assert [i["path"] for i in result["items"]] == [["一", "（一）"], ["一", "（二）"], ["二", "（一）"]]
    assert [i["heading"] for i in result["items"]] == [
        "聚焦高质量发展推动信息公开",
        "围绕保障改善民生深化信息公开",
        "推进数字政府建设",
    ]
    assert [len(i["tasks"]) for i in result["items"]] == [2, 1, 1]
    assert result["items"][1]["lead_units"] == ["县人社局"]
    assert not any(w["kind"] == "no_items" for w in result["warnings"])


def test_numbered_target_keeps_its_number():
    rows = [
        HEADER,
        ["一、深化政务公开"],
        ["1", "（三）规范依申请公开办理工作", "提升办理水平。", "县政府办", "持续推进"],
    ]
    result = workpoints.extract(docread.read(_xlsx(rows, merge_target=False), filename="分工表.xlsx"))
    assert result["items"][0]["path"] == ["一", "（三）"]
    assert result["items"][0]["heading"] == "规范依申请公开办理工作"


def test_a_table_that_is_not_a_task_table_is_ignored():
    blocks = docread.read(to_docx(BODY, tables=[[["姓名", "电话"], ["张三", "123"]]]), filename="x.docx")
    result = workpoints.extract(blocks)
    assert result["annex"] is None
    assert [len(i["tasks"]) for i in result["items"]] == [2, 1, 1]


# -- to_xlsx -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_written_division_table_reads_back_to_the_same_tasks(key, tmp_path):
    import openpyxl

    original = result_of(key)
    path = workpoints.to_xlsx(original, tmp_path / "分工表.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.cell(1, 1).value == f"{original['title']}任务分工表"
    assert [c.value for c in sheet[2]] == list(workpoints.HEADERS)
    assert sheet.cell(3, 1).value == f"一、{original['parts'][0]['heading']}"  # merged part-title row
    assert any(str(r) == "A3:E3" for r in sheet.merged_cells.ranges)
    again = workpoints.extract(docread.read(path))
    # parts come back; item numbers are not in the table, so they are counted within each part
    assert [i["part"] for i in again["items"]] == [i["part"] for i in original["items"]]
    per_part: dict = {}
    for again_item in again["items"]:
        per_part.setdefault(again_item["part"], []).append(again_item["number"])
    for numbers in per_part.values():
        assert numbers == [f"（{docread.int_to_chinese(n)}）" for n in range(1, len(numbers) + 1)]
    assert [i["heading"] for i in again["items"]] == EXPECTED[key]["headings"]
    assert [len(i["tasks"]) for i in again["items"]] == EXPECTED[key]["tasks"]
    for before, after in zip(original["items"], again["items"], strict=True):
        assert [(t["lead_units"], t["units"], t["deadline"]) for t in after["tasks"]] == [
            (t["lead_units"], t["units"], t["deadline"]) for t in before["tasks"]
        ]


def test_division_table_columns_for_units_and_time():
    task = {
        "lead_units": ["县政府办"],
        "units": ["县发改委", "县财政局"],
        "deadline_text": None,
        "recurrence": "ongoing",
    }
    from gongkai.core.workpoints.xlsx import deadline_text, units_text

    assert units_text(task) == "县政府办牵头，县发改委、县财政局"
    assert deadline_text(task) == "持续推进"
    assert deadline_text({"recurrence": "yearly:9"}) == "每年9月"
    assert deadline_text({"deadline_text": "2023年7月底前"}) == "2023年7月底前"
    assert units_text({"lead_units": ["县教体局", "县公安局"], "units": []}) == "县教体局、县公安局分别牵头"
