"""Browser: the office registers a case → the town responds with an authoritative release and a commitment → the
town fulfils it with evidence and the publication of the result → the office verifies it in a 核查 round → the
ledger downloads; the portal's 回应关切 column shows the release and nothing of the case."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from gongkai.sentiment.models import Case

from .factories import PNG, release_item

PASSWORD = "Testpass2026x"


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/work/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的待办")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_respond_commit_fulfil_verify_ledger(page, live_server, tmp_path, settings):
    from gongkai.calendar import services as calendar

    from .factories import build_world

    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    calendar.seed_from_package(years=[2025, 2026])
    w = build_world()
    base = live_server.url
    shot = tmp_path / "帖子截图.png"
    shot.write_bytes(PNG)
    evidence = tmp_path / "检测报告.png"
    evidence.write_bytes(PNG)

    _login(page, base, w.office)
    page.goto(f"{base}/work/sentiment/new/")
    page.fill("input[name=topic]", "城关镇自来水发黄引发网民关注")
    page.select_option("select[name=source]", "network")
    seen = timezone.localtime(timezone.now() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=first_seen_at]", seen)
    page.select_option("select[name=owner_unit]", str(w.town.pk))
    page.fill("textarea[name=summary]", "本地论坛发帖称幸福小区自来水发黄，跟帖200余条。")
    page.fill("textarea[name=links]", "https://bbs.example.com/t/2026")
    page.set_input_files("input[name=screenshots]", str(shot))
    page.screenshot(path="/tmp/sentiment_register.png", full_page=True)
    page.click("#case-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("已登记舆情")
    expect(page.locator("#deadlines")).to_contain_text("剩余1天20小时")
    case = Case.objects.get()

    pub = release_item(w, "关于幸福小区自来水发黄问题的情况通报")
    _login(page, base, w.editor)
    page.goto(f"{base}/work/sentiment/{case.pk}/")
    page.select_option("#response-form select[name=kind]", "release")
    page.select_option("#response-form select[name=publication]", str(pub.pk))
    page.fill("#response-form textarea[name=summary]", "通报原因为管网检修后水中铁锈，已冲洗管网。")
    page.fill("#response-form textarea[name=commitment]", "三日内公布第三方水质检测结果")
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.fill("#response-form input[name=commitment_due_on]", due)
    page.click("#response-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("已登记回应及承诺事项")
    expect(page.locator("#case-state")).to_have_text("回应中")
    expect(page.locator("#deadlines")).to_contain_text("（按时）")
    page.screenshot(path="/tmp/sentiment_case.png", full_page=True)

    result = release_item(w, "幸福小区第三方水质检测结果公告")
    page.reload()
    form = page.locator(".fulfil-form").first
    form.locator("textarea[name=evidence]").fill("第三方检测各项指标合格，已在政府网站公告。")
    form.locator("input[name=evidence_file]").set_input_files(str(evidence))
    form.locator("select[name=result_publication]").select_option(str(result.pk))
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("已报送兑现情况")
    expect(page.locator(".c-state").first).to_have_text("已兑现")
    page.click("#finish-form button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("已回应")

    _login(page, base, w.office)
    page.goto(f"{base}/work/sentiment/checks/")
    page.fill("#round-form input[name=title]", "2026年第四季度舆情回应承诺核查")
    page.fill("#round-form input[name=cutoff]", (timezone.localdate() + timedelta(days=30)).isoformat())
    page.click("#round-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("已开始核查，共1项承诺")
    page.locator(".mark-form select[name=result]").first.select_option("verified")
    page.locator(".mark-form button[type=submit]").first.click()
    expect(page.locator(".check-result").first).to_have_text("已落实并公开")
    page.screenshot(path="/tmp/sentiment_round.png", full_page=True)

    page.goto(f"{base}/work/sentiment/")
    page.screenshot(path="/tmp/sentiment_index.png", full_page=True)
    with page.expect_download() as info:
        page.click("#ledger-link")
    wb = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert wb["舆情台账"]["B2"].value == "城关镇自来水发黄引发网民关注"
    assert wb["回应记录"]["C2"].value == "权威发布"
    assert wb["承诺事项"]["L2"].value == "已落实并公开"

    page.context.clear_cookies()
    page.goto(f"{base}/hdjl/hygq/")
    expect(page.locator("#responses")).to_contain_text("关于幸福小区自来水发黄问题的情况通报")
    expect(page.locator("body")).not_to_contain_text("城关镇自来水发黄引发网民关注")
    expect(page.locator("body")).not_to_contain_text("管网检修后水中铁锈")
    page.screenshot(path="/tmp/sentiment_portal.png", full_page=True)
