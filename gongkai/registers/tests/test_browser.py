"""In a real browser: a unit editor records a training with attendees from two units; it appears in the list and
in the .xlsx export, and the figure the assessment reads counts it. Screenshots in var/screenshots/."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from gongkai.common import figures
from gongkai.publishing.tests.conftest import build_world

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.mark.browser
def test_record_training_then_list_export_and_figure(page, live_server, transactional_db, settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    SHOTS.mkdir(parents=True, exist_ok=True)
    w = build_world()
    today = timezone.localdate()
    year = {"start": date(today.year, 1, 1), "end": date(today.year, 12, 31)}
    assert figures.compute("registers.trainings_held", unit=w.town, **year).value == 0
    base = live_server.url
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", "town_editor")
    page.fill("#id_password", "Testpass2026x")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")
    page.goto(f"{base}/work/registers/trainings/new/")
    page.fill("#id_held_on", today.isoformat())
    page.fill("#id_topic", "浏览器登记的政务公开培训")
    page.select_option("#id_form", "special")
    page.fill("#id_trainer", "曾丽萍")
    page.select_option("#id_att-0-unit", str(w.town.pk))
    page.fill("#id_att-0-count", "18")
    page.select_option("#id_att-1-unit", str(w.dept.pk))
    page.fill("#id_att-1-count", "3")
    page.fill("#id_att-1-names", "李明、赵雪梅、孙国庆")
    page.screenshot(path=str(SHOTS / "registers_training_new.png"), full_page=True)
    page.click("#training-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("浏览器登记的政务公开培训")
    expect(page.locator("#attendance")).to_contain_text("李明、赵雪梅、孙国庆")
    page.screenshot(path=str(SHOTS / "registers_training.png"), full_page=True)
    page.goto(f"{base}/work/registers/trainings/")
    expect(page.locator("#register")).to_contain_text("浏览器登记的政务公开培训")
    expect(page.locator("#register")).to_contain_text("21")
    page.screenshot(path=str(SHOTS / "registers_trainings.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#export")
    rows = list(
        load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active.iter_rows(values_only=True)
    )
    assert rows[1][2] == "浏览器登记的政务公开培训" and rows[1][5] == 21
    fig = figures.compute("registers.trainings_held", unit=w.town, **year)
    assert fig.value == 1 and fig.extra == {"required": 2}
    page.goto(f"{base}{fig.detail_url}")
    expect(page.locator("#register")).to_contain_text("浏览器登记的政务公开培训")
    page.goto(f"{base}/work/registers/")
    expect(page.locator("#overview")).to_contain_text("要求2")
    page.screenshot(path=str(SHOTS / "registers_overview.png"), full_page=True)
