"""In a real browser (issue 13, part 3): an editor uploads a .wps-era .xls list, an OFD notice and a scanned PDF;
the .xls findings appear with their cells, the scanned PDF says it has no text layer, one click masks the list into
an .xlsx; the OFD's finding stays open for a replaced file."""

import pytest

from gongkai.core.tests.fixtures import make_pdf
from gongkai.core.tests.legacy_fixtures import build_ofd, to_legacy, xlsx_of

from .conftest import build_world
from .factories import subsidy_rows
from .test_browser import _login
from .test_workflow import draft


@pytest.mark.browser
def test_legacy_ofd_and_scanned_files_in_the_page(page, live_server, transactional_db, tmp_path):
    world = build_world()
    pub = draft(world)
    rows = subsidy_rows(3)
    files = {
        "补贴名单.et": to_legacy(xlsx_of(rows), "xls"),
        "公告.ofd": build_ofd([["补贴发放公告", f"领取人身份证号{rows[2][2]}"]]),
        "入户核查表.pdf": make_pdf([]),
    }
    base = live_server.url
    _login(page, base, "town_editor")
    page.goto(f"{base}/work/publishing/{pub.pk}/")
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        page.set_input_files("#id_file", str(path))
        with page.expect_navigation():
            page.click("text=上传并扫描")
        assert f"附件“{name}”已上传" in page.locator(".messages").inner_text()
    body = page.locator("main").inner_text()
    assert "补贴名单.et" in body and "公告.ofd" in body and "入户核查表.pdf" in body
    assert "没有文字层" in body
    findings = page.locator("#findings").inner_text()
    assert rows[1][2] in findings and "名单!C2" in findings and "第1页" in findings
    page.screenshot(path="/tmp/gongkai-legacy-findings.png", full_page=True)
    with page.expect_navigation():
        page.click("text=一键脱敏")
    assert "已脱敏" in page.locator(".messages").inner_text()
    att = pub.attachments.get(name="补贴名单.et")
    assert att.masked_file.name.endswith(".xlsx")
    # The OFD's finding cannot be masked automatically: it stays open, marked for a replaced file.
    assert "该文件无法自动脱敏" in page.locator("#findings").inner_text()
    page.screenshot(path="/tmp/gongkai-legacy-masked.png", full_page=True)
