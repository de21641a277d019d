"""``gongkai workpoints extract``: summary, --json, --xlsx, errors, unit ids from the directory."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.tests.fixtures import SAMPLE_FILES, SAMPLES, to_docx


def run(*args) -> str:
    out = StringIO()
    call_command("workpoints", *args, stdout=out)
    return out.getvalue()


def test_summary():
    out = run("extract", str(SAMPLES / SAMPLE_FILES["000"]), "--no-resolve")
    assert "标题：2024年兴国县政务公开工作要点" in out
    assert "共 5 个部分、14 个条目、42 项任务" in out
    assert "二（三） 提升政策集中发布质效  任务 3 项  责任单位：县政府办（牵头）；县政府有关部门" in out


def test_json_output_is_the_whole_result(tmp_path):
    path = tmp_path / "要点.docx"
    path.write_bytes(to_docx((SAMPLES / SAMPLE_FILES["001"]).read_text(encoding="utf-8")))
    result = json.loads(run("extract", str(path), "--json", "--no-resolve"))
    assert result["doc_number"] == "丰府办字〔2023〕26号"
    assert len(result["items"]) == 12
    task = result["items"][2]["tasks"][1]
    assert task["deadline"] == "2023-07-31" and task["resolved"] == []


def test_xlsx_output(tmp_path):
    import openpyxl

    out_path = tmp_path / "分工表.xlsx"
    out = run("extract", str(SAMPLES / SAMPLE_FILES["004"]), "--xlsx", str(out_path), "--no-resolve")
    assert "已写出任务分工表" in out and "49 项任务" in out
    sheet = openpyxl.load_workbook(out_path).active
    assert sheet.cell(2, 3).value == "任务内容"


def test_errors_are_clear():
    with pytest.raises(CommandError, match="找不到文件"):
        run("extract", "/nonexistent/要点.docx")


def test_wrong_xlsx_name(tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx"):
        run(
            "extract",
            str(SAMPLES / SAMPLE_FILES["000"]),
            "--xlsx",
            str(tmp_path / "分工表.csv"),
            "--no-resolve",
        )


@pytest.mark.django_db
def test_units_are_resolved_against_the_directory(tmp_path):
    from gongkai.orgs.models import Unit, UnitKind

    office = Unit.objects.create(name="示范县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE)
    path = tmp_path / "要点.txt"
    path.write_text(
        "（一）加强培训。组织业务培训。〔牵头单位：县政府办；责任单位：县政府有关部门〕", encoding="utf-8"
    )
    result = json.loads(run("extract", str(path), "--json"))
    assert office.pk in result["items"][0]["tasks"][0]["resolved"]


# -- moved from core/tests/test_workpoints_flattened.py (core tests do not import Django) --
from gongkai.core.tests.factories import annex as layouts  # noqa: E402
from gongkai.core.tests.factories.annex import Annex, Part, Row  # noqa: E402
from gongkai.core.tests.test_workpoints_flattened import ANNEX  # noqa: E402


def test_json_output_of_the_command_reports_them(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "要点.txt"
    annex = Annex(
        [
            Part(
                "聚焦重点领域加强信息公开",
                [
                    *ANNEX.parts[0].rows,
                    Row("推进数字政府建设", "建设一体化政务服务平台。", "县数据局", "年底前"),
                ],
            )
        ]
    )
    path.write_text(layouts.plan_text(ANNEX) + "\n" + layouts.flattened(annex), encoding="utf-8")
    out = StringIO()
    call_command("workpoints", "extract", str(path), "--json", "--no-resolve", stdout=out)
    result = json.loads(out.getvalue())
    assert result["annex"]["rows"] == 4 and result["annex"]["unmatched"] == 1
    assert result["annex_check"]["layout"] == "flattened"
    # part 二's items have no row: they keep their body tasks and are named in annex_item_missing
    missing = [w["path"] for w in result["warnings"] if w["kind"] == "annex_item_missing"]
    assert missing == [["二", "（一）"], ["二", "（二）"]]
    assert any(
        w["kind"] == "annex_row_unmatched" and "推进数字政府建设" in w["message"] for w in result["warnings"]
    )
