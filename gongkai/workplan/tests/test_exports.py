"""分工表 .xlsx with live status and the 通报 .docx, opened and read back."""

import io
from datetime import date

import pytest

from gongkai.orgs.models import Unit
from gongkai.workplan import exports, services
from gongkai.workplan.models import Task

from .conftest import XINGGUO

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(office, fgw_editor):
    plan = services.import_document(actor=office, data=XINGGUO.read_bytes(), filename="x.txt")
    services.assign_name(
        plan, actor=office, name="县政府有关部门", units=[Unit.objects.get(name="示范县财政局")]
    )
    services.publish(plan, actor=office)
    t1 = plan.tasks.get(seq=1)
    services.update_task(
        t1, text=t1.text, deadline=date(2024, 6, 28), deadline_text="6月底前", weight=None, actor=office
    )
    fgw = Unit.objects.get(name="示范县发展和改革委员会")
    services.report_progress(
        t1, unit=fgw, actor=fgw_editor, text="=已开设专栏", percent=30, on=date(2024, 6, 1)
    )
    services.mark_done(plan.tasks.get(seq=2), actor=office, on=date(2024, 6, 1))
    return plan


def test_ledger_xlsx(plan):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(exports.ledger_xlsx(plan, today=date(2024, 7, 15))))
    ws = wb["任务分工表"]
    rows = list(ws.iter_rows(values_only=True))
    assert "任务分工表" in rows[0][0] and rows[1][:5] == (
        "序号",
        "目标任务",
        "任务内容",
        "责任单位",
        "工作时限",
    )
    assert rows[1][6] == "状态"
    assert rows[2][0].startswith("一、提升信息公开质量")
    task_rows = [r for r in rows[2:] if isinstance(r[0], int)]
    assert len(task_rows) == Task.objects.filter(plan=plan).count() == 42
    first = task_rows[0]
    owners = plan.tasks.get(seq=1).task_units.count()
    assert owners > 1
    assert (
        first[4] == "6月底前" and first[6] == "逾期" and first[7] == f"{round(30 / owners)}%"
    )  # mean of the owners
    assert first[8] == "'=已开设专栏"  # no formula injection
    assert "县发改委" in first[3]
    assert task_rows[1][6] == "已完成"


def test_bulletin_docx_lists_late_units(plan):
    from docx import Document

    doc = Document(io.BytesIO(exports.bulletin_docx(plan, today=date(2024, 7, 15))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "落实情况的通报" in text and "逾期未完成1项" in text and "2024年7月15日" in text
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "单位" and header[1] == "逾期任务（项）"
    late = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    assert late.get("示范县发展和改革委员会") == "1"


@pytest.mark.parametrize("prefix", ["", "\t", "\r"])
def test_ledger_never_writes_a_formula(plan, office, prefix):
    from openpyxl import load_workbook

    payload = prefix + '=HYPERLINK("http://evil.example/","点击")'
    Task.objects.filter(pk=plan.tasks.get(seq=1).pk).update(text=payload)
    sheet = load_workbook(io.BytesIO(exports.ledger_xlsx(plan, today=date(2024, 7, 15))))["任务分工表"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert "'" + payload in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
