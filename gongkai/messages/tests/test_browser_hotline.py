"""Browser: the office uploads a 12345 export → corrects the guessed mapping → previews → checks every row →
chooses the unit the resolver could not name → imports → sees the counts and exports the replies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.messages import hotline_samples as samples
from gongkai.messages.models import HotlineImport, WorkOrder

PASSWORD = "Testpass2026x"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_upload_map_preview_import_result(page, live_server, tmp_path):
    from gongkai.calendar import services as calendar

    from .factories import build_world

    calendar.seed_from_package(years=[2025, 2026])
    w = build_world()
    base = live_server.url
    day = timezone.localdate() - timedelta(days=3)
    header = ["工单号", "受理时间", "反映内容", "来电人", "派往部门", "处理结果", "满意度"]
    rows = [
        ["GD1", f"{day} 09:10", "人民路路灯不亮，请维修。", "欧阳明珠", "县住建局", "", ""],
        ["GD2", f"{day} 10:20", "幸福小区停水，请问何时恢复。", "李四", "城关镇", "已恢复供水。", "满意"],
        ["GD3", f"{day} 11:30", "解放街占道经营。", "王五", "县城管局", "", ""],
        ["GD4", "2026-02-30 08:00", "日期写错的工单。", "赵六", "城关镇", "", ""],
    ]
    path = tmp_path / "十二月工单.xlsx"
    path.write_bytes(samples.to_xlsx(header, rows, title="示范县12345工单明细"))

    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", w.office.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base}/work/messages/")
    page.get_by_role("link", name="12345工单导入").click()
    page.set_input_files("#hotline-upload input[name=file]", str(path))
    page.click("#hotline-upload button[type=submit]")
    expect(page.locator("body")).to_contain_text("请核对各项对应的列")
    # "派往部门" is not guessed as 承办单位: the office picks the column.
    expect(page.locator("#mapping-form select[name=unit]")).to_have_value("")
    page.select_option("#mapping-form select[name=unit]", "4")
    page.click("#mapping-form button[value=preview]")
    expect(page.locator("#preview-table")).to_contain_text("县住建局")
    expect(page.locator("#preview-table")).to_contain_text("欧**")
    expect(page.locator("#preview-table")).not_to_contain_text("欧阳明珠")
    expect(page.locator("#preview-table")).to_contain_text("第6行【来电时间】")
    page.screenshot(path="/tmp/n15w/hotline_mapping.png", full_page=True)

    page.click("#check-button")
    page.goto(f"{base}/work/messages/hotline/{HotlineImport.objects.get().pk}/")
    expect(page.locator("#check-result")).to_contain_text("将新建 3 条")
    expect(page.locator("#check-result")).to_contain_text("拒绝 1 行")
    page.screenshot(path="/tmp/n15w/hotline_checked.png", full_page=True)
    page.select_option("#import-form select[name=unit_0]", str(w.dept.pk))
    page.click("#import-form button[type=submit]")
    page.goto(page.url)
    expect(page.locator("#import-outcome")).to_contain_text("新建 3 条")
    page.screenshot(path="/tmp/n15w/hotline_done.png", full_page=True)
    with page.expect_download() as download:
        page.click("#export-link")
    assert download.value.suggested_filename.endswith("答复.xlsx")

    orders = {o.number: o.message for o in WorkOrder.objects.select_related("message")}
    assert set(orders) == {"GD1", "GD2", "GD3"}
    assert orders["GD3"].unit == w.dept and orders["GD2"].state == "replied"
