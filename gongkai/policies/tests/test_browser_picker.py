"""Browser: the search picker over a big multi-select (联合发文单位): type to filter, Enter to choose, chips to remove,
the plain <select multiple> still carries the value (issue 12)."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PASSWORD = "Testpass2026x"
DEPARTMENTS = [
    "财政局",
    "教育局",
    "公安局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电旅游局",
    "卫生健康委员会",
    "应急管理局",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_picker_filters_chooses_and_removes_with_the_keyboard(page, live_server):
    from gongkai.orgs.models import Unit
    from gongkai.publishing.tests.conftest import build_world

    build_world()
    for index, name in enumerate(DEPARTMENTS):
        Unit.objects.create(name=f"示范县{name}", kind="department", sort_order=100 + index)
    base = live_server.url
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", "town_editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")
    page.goto(f"{base}/work/policies/new/")

    select = page.locator("select#id_co_issuers")
    expect(select).to_be_hidden()
    box = page.get_by_role("combobox", name="联合发文单位")
    expect(box).to_be_visible()

    box.focus()
    box.type("发改")
    options = page.locator("#" + box.get_attribute("aria-controls") + " [role=option]:visible")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("示范县发展和改革委员会")
    box.press("Enter")
    chips = page.locator(".picker-chip")
    expect(chips).to_have_text(["示范县发展和改革委员会×"])

    box.fill("")
    box.type("局")
    assert options.count() >= 10
    box.press("ArrowDown")
    box.press("Enter")  # the second match: 示范县教育局
    expect(chips).to_have_count(2)
    box.press("Escape")
    expect(page.locator("[role=listbox]:visible")).to_have_count(0)

    chosen = page.evaluate(
        "() => Array.from(document.querySelector('#id_co_issuers').selectedOptions).map(o => o.text)"
    )
    assert chosen == ["示范县发展和改革委员会", "示范县教育局"] or set(chosen) == {
        "示范县发展和改革委员会",
        "示范县教育局",
    }
    submitted = page.evaluate(
        "() => new FormData(document.querySelector('#id_co_issuers').form).getAll('co_issuers').length"
    )
    assert submitted == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    box.fill("")
    box.type("局")
    page.screenshot(path=str(SHOTS / "picker-co-issuers.png"), full_page=False)

    # Backspace in the empty box removes the last chip; the chip's × removes that one.
    box.fill("")
    box.type("无此单位")
    expect(page.locator(".picker-empty")).to_be_visible()
    box.fill("")
    box.press("Backspace")
    expect(chips).to_have_text(["示范县发展和改革委员会×"])
    page.get_by_role("button", name="移除 示范县发展和改革委员会").click()
    expect(chips).to_have_count(0)
    assert page.evaluate("() => document.querySelector('#id_co_issuers').selectedOptions.length") == 0
