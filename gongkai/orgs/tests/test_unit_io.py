"""Unit import/export: row-level Chinese messages, all-or-nothing, content checks, round trip."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.orgs import services, unit_io
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Unit

HEADER = "上级单位,单位全称,简称,别名(、分隔),类型,统一社会信用代码,索引号前缀,办公地址,邮政编码,办公时间,咨询电话,传真,电子邮箱,网站"
GOOD_CODE = "91440300708461136T"


def _csv(*lines, encoding="utf-8-sig") -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rows_with_errors_get_row_column_and_fix_and_nothing_is_saved(county, office_admin):
    before_units = Unit.objects.count()
    data = _csv(
        "测试县人民政府,测试县水利局,县水利局,水利局、县水务局,政府工作部门,,,,,,,,,",  # row 2: fine
        "测试县人民政府,测试县审计局,县审计局,,部门,91440300708461136R,,,,,,,,",  # row 3: check char
        "不存在的县政府,测试县统计局,县统计局,,部门,,,,,,,,,",  # row 4: unknown parent
        "测试县人民政府,测试县水利局,,,部门,,,,,,,,,",  # row 5: duplicate name
        "测试县人民政府,测试县林业局,县林业局,,林业部门,,,,36990,,,,not-an-email,www.example.cn",  # row 6
        "县政府,测试县商务局,县财政局,,部门,,,,,,,,,",  # row 7: parent by short name; short name taken
    )
    plan = unit_io.check_upload("units.csv", data)
    assert not plan.ok
    errors = "\n".join(plan.errors)
    assert "第3行【统一社会信用代码】校验位错误：末位应为 T" in errors
    assert "第4行【上级单位】找不到单位“不存在的县政府”" in errors
    assert "第5行【单位全称】与第2行重复" in errors
    assert "第6行【类型】无法识别“林业部门”" in errors
    assert "第6行【邮政编码】应为6位数字" in errors
    assert "第6行【电子邮箱】“not-an-email”格式不正确" in errors
    assert "第6行【网站】" in errors and "https://" in errors
    assert "第7行【上级单位】找不到单位“县政府”：请填写全称“测试县人民政府”" in errors
    assert "第7行【简称】“县财政局”已是已有单位“测试县财政局”的名称或简称" in errors
    assert not any(e.startswith("第2行") for e in plan.errors)
    with pytest.raises(OrgsError):
        services.import_units(plan, actor=office_admin)
    assert Unit.objects.count() == before_units
    assert not AuditEvent.objects.filter(action__startswith="unit.").exists()


def test_import_creates_children_listed_before_their_parents_and_updates_by_full_name(county, office_admin):
    data = _csv(
        "测试县水利局,测试县水文站,县水文站,,事业单位,,,,,,,,,",
        "测试县人民政府,测试县水利局,县水利局,水利局,部门,,,,,,,,,",
        f"测试县人民政府,测试县发展和改革委员会,县发改委,发改委、县发展改革委,部门,{GOOD_CODE},,人民大道1号,369900,,0799-1234567,,fgw@example.gov.cn,https://fgw.example.gov.cn/",
    )
    plan = unit_io.check_upload("units.csv", data)
    assert plan.ok, plan.errors
    assert (plan.count_create, plan.count_update) == (2, 1)
    fgw_row = plan.rows[2]
    assert fgw_row.changes["统一社会信用代码"] == ("", GOOD_CODE)
    counts = services.import_units(plan, actor=office_admin)
    assert counts == {"create": 2, "update": 1, "unchanged": 0}
    station = Unit.objects.get(name="测试县水文站")
    assert station.parent.name == "测试县水利局" and station.kind == "institution"
    fgw = Unit.objects.get(pk=county["fgw"].pk)
    assert fgw.aliases == ["发改委", "县发展改革委"] and fgw.credit_code == GOOD_CODE
    assert AuditEvent.objects.filter(action="unit.create").count() == 2
    assert AuditEvent.objects.get(action="unit.import").after["create"] == 2


def test_absent_columns_are_left_alone(county, office_admin):
    services.update_unit(county["fgw"], actor=office_admin, phone="0799-1", address="旧地址")
    data = "单位全称,办公地址\n测试县发展和改革委员会,新地址\n".encode()
    plan = unit_io.check_upload("units.csv", data)
    assert plan.ok and plan.rows[0].changes == {"办公地址": ("旧地址", "新地址")}
    services.import_units(plan, actor=office_admin)
    county["fgw"].refresh_from_db()
    assert (county["fgw"].address, county["fgw"].phone) == ("新地址", "0799-1")


def test_gb18030_csv_is_accepted(county):
    plan = unit_io.check_upload(
        "单位.csv", _csv("测试县人民政府,测试县档案馆,县档案馆,,事业单位,,,,,,,,,", encoding="gb18030")
    )
    assert plan.ok, plan.errors
    assert plan.rows[0].name == "测试县档案馆"


def test_xlsx_with_a_title_row_and_numeric_cells(county):
    rows = [
        ["示范县单位表"],
        HEADER.split(","),
        ["测试县人民政府", "测试县档案馆", "县档案馆", "", "事业单位", "", "", "", 369900],
    ]
    plan = unit_io.check_upload("units.xlsx", _xlsx(rows))
    assert plan.ok, plan.errors
    assert plan.rows[0].row == 3 and plan.rows[0].values["postcode"] == "369900"


@pytest.mark.parametrize(
    "filename, data, fragment",
    [
        ("units.xlsx", b"just text pretending to be excel", "内容不是 Excel"),
        ("units.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "无法识别的旧版 Office 文件"),
        ("units.csv", b"%PDF-1.7 ...", "是 PDF 文件，此处不能使用"),
        ("units", b"%PDF-1.7 ...", "只接受 Excel 工作簿"),
        ("units.csv", b"\x00\x01\x02binary", "无法识别的二进制文件"),
        ("units.csv", b"", "空文件"),
        ("units.csv", b"a" * (unit_io.MAX_UPLOAD_BYTES + 1), "超过 5 MB"),
        ("units.csv", "名称不对,别的\n甲,乙\n".encode(), "找不到表头"),
    ],
)
def test_uploads_are_checked_by_content_and_size(db, filename, data, fragment):
    plan = unit_io.check_upload(filename, data)
    assert not plan.ok
    assert fragment in plan.errors[0]


def test_a_utf16_csv_is_read_like_utf8(db):
    plan = unit_io.check_upload("units.csv", (HEADER + "\n测试县人民政府,测试县档案馆\n").encode("utf-16"))
    assert plan.rows and plan.rows[0].values["name"] == "测试县档案馆"


def test_zip_that_is_not_a_workbook_is_refused(db):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    plan = unit_io.check_upload("units.xlsx", buffer.getvalue())
    assert "不是 Excel 工作簿（实际是压缩包）" in plan.errors[0]


def test_unknown_header_is_named(db):
    plan = unit_io.check_upload("u.csv", "单位全称,负责人\n甲单位,张三\n".encode())
    assert "无法识别的列：负责人" in plan.errors[0]


def test_cycle_in_the_file_is_refused(county):
    data = _csv(
        "测试县财政局,测试县发展和改革委员会,,,,,,,,,,,,",
        "测试县发展和改革委员会,测试县财政局,,,,,,,,,,,,",
    )
    plan = unit_io.check_upload("u.csv", data)
    assert any("循环" in e for e in plan.errors)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_round_trips_without_changes(demo, fmt):
    units = Unit.objects.all()
    data = unit_io.export_xlsx(units) if fmt == "xlsx" else unit_io.export_csv(units)
    plan = unit_io.check_upload(f"units.{fmt}", data)
    assert plan.ok, plan.errors[:5]
    assert len(plan.rows) == Unit.objects.count()
    assert all(r.action == "unchanged" for r in plan.rows), [
        (r.name, r.changes) for r in plan.rows if r.changes
    ][:3]


def test_round_trip_recreates_the_units_in_an_empty_database(demo):
    data = unit_io.export_xlsx(Unit.objects.filter(name__startswith="示范"))
    snapshot = {u.name: services.unit_snapshot(u) for u in Unit.objects.filter(name__startswith="示范")}
    parents = {
        u.name: (u.parent.name if u.parent else "") for u in Unit.objects.filter(name__startswith="示范")
    }
    from gongkai.orgs.models import Membership

    Membership.objects.all().delete()
    Unit.objects.filter(name__startswith="示范").update(parent=None)
    Unit.objects.filter(name__startswith="示范").delete()
    plan = unit_io.check_upload("units.xlsx", data)
    assert plan.ok, plan.errors[:5]
    services.import_units(plan, actor=None)  # the memberships are gone with the units: run as the system
    for name, before in snapshot.items():
        unit = Unit.objects.get(name=name)
        after = services.unit_snapshot(unit)
        for key in (
            "kind",
            "short_name",
            "aliases",
            "credit_code",
            "index_prefix",
            "address",
            "email",
            "website",
        ):
            assert after[key] == before[key], (name, key)
        assert (unit.parent.name if unit.parent else "") == parents[name]


def test_export_layout_and_formula_guard(county, office_admin):
    services.update_unit(county["czj"], actor=office_admin, address='=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(unit_io.export_csv(Unit.objects.all()).decode("utf-8-sig"))))
    assert rows[0] == unit_io.HEADERS
    czj = next(r for r in rows if r[1] == "测试县财政局")
    assert czj[7].startswith("'=")
    sheet = load_workbook(io.BytesIO(unit_io.export_xlsx(Unit.objects.all()))).active
    assert [c.value for c in sheet[1]] == unit_io.HEADERS
    # Parents come before their children.
    names = [r[1] for r in rows[1:]]
    assert names.index("测试县人民政府") < names.index("测试县财政局")
    # The guard is taken off again on import.
    plan = unit_io.check_upload("u.csv", unit_io.export_csv(Unit.objects.all()))
    assert plan.ok and all(r.action == "unchanged" for r in plan.rows)


@pytest.mark.parametrize("prefix", ["", "\t", "\r"])
def test_export_never_writes_a_formula(county, office_admin, prefix):
    payload = prefix + '=HYPERLINK("http://evil.example/","点击")'
    Unit.objects.filter(pk=county["czj"].pk).update(address=payload)
    rows = list(csv.reader(io.StringIO(unit_io.export_csv(Unit.objects.all()).decode("utf-8-sig"))))
    assert next(r for r in rows if r[1] == "测试县财政局")[7] == "'" + payload
    sheet = load_workbook(io.BytesIO(unit_io.export_xlsx(Unit.objects.all()))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + payload in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_an_xls_or_et_unit_table_is_read_like_the_xlsx(db):
    """.xls/.et (issue 13, part 3): converted by LibreOffice, then read like the .xlsx."""
    from gongkai.core.tests.factories.legacy import to_legacy

    rows = [HEADER.split(","), ["", "测试县档案馆", "县档案馆", "", "事业单位"]]
    data = to_legacy(_xlsx(rows), "xls")
    for name in ("units.xls", "units.et"):
        plan = unit_io.check_upload(name, data)
        assert plan.ok, plan.errors
        assert plan.rows[0].values["name"] == "测试县档案馆"
