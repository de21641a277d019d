"""In a real browser: the office resolves a phrase from a document, then imports a unit table."""

import pytest

from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role

PASSWORD = "Units2026horse"
HEADER = "上级单位,单位全称,简称,别名(、分隔),类型"


@pytest.mark.browser
def test_office_resolves_a_phrase_and_imports_units(page, live_server, transactional_db, tmp_path):
    gov = Unit.objects.create(name="示范县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT)
    office = Unit.objects.create(
        name="示范县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE, parent=gov
    )
    Unit.objects.create(name="示范县司法局", short_name="县司法局", parent=gov)
    Unit.objects.create(name="示范县城关镇人民政府", short_name="城关镇", kind=UnitKind.TOWNSHIP, parent=gov)
    user = User.objects.create_user("office", password=PASSWORD, full_name="邱慧琳")
    Membership.objects.create(user=user, unit=office, role=Role.OFFICE_ADMIN)

    page.goto(f"{live_server.url}/work/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/work/")

    page.goto(f"{live_server.url}/work/orgs/resolve/")
    page.fill("#id_phrase", "（责任单位：市司法局牵头负责，各乡镇〔街道〕人民政府落实，县外事办）")
    page.click("button.primary")
    rows = page.locator("table.data tbody tr")
    assert rows.count() == 3
    assert "示范县司法局" in rows.nth(0).inner_text() and "牵头" in rows.nth(0).inner_text()
    assert "1 个单位" in rows.nth(1).inner_text()
    assert "未识别" in rows.nth(2).inner_text()
    page.screenshot(path="/tmp/gongkai-units-resolve.png", full_page=True)

    csv_file = tmp_path / "units.csv"
    csv_file.write_bytes(
        f"{HEADER}\n示范县人民政府,示范县外事办公室,县外事办,外事办,部门\n".encode("utf-8-sig")
    )
    page.goto(f"{live_server.url}/work/orgs/units/import/")
    page.set_input_files("#id_file", str(csv_file))
    page.click("text=上传并预览")
    assert "新建 1 个" in page.content()
    page.click("text=确认导入")
    page.wait_for_url(f"{live_server.url}/work/orgs/units/")
    assert "导入完成：新建 1 个" in page.locator(".messages").inner_text()
    assert Unit.objects.get(name="示范县外事办公室").parent == gov

    page.goto(f"{live_server.url}/work/orgs/resolve/?phrase=县外事办")
    assert "示范县外事办公室" in page.locator("table.data").inner_text()
