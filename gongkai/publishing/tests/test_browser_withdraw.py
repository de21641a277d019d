"""Browser: 撤回 asks for the reason before it asks for confirmation, and the notice ends with one 。 (issue 12)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .conftest import build_world
from .fixtures import published

PASSWORD = "Testpass2026x"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_withdraw_checks_the_reason_before_confirming(page, live_server):
    w = build_world()
    pub = published(w, "城关镇2026年第一季度高龄补贴发放名单公示")
    base = live_server.url
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", "town_reviewer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")
    page.goto(f"{base}/work/publishing/{pub.pk}/")

    dialogs: list[str] = []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    button = page.locator("button", has_text="撤回")
    # Blank, then spaces only: no confirmation is asked, nothing is sent, the field says what is missing.
    for text in ("", "   "):
        page.fill("#wd-reason", text)
        button.click()
        page.wait_for_timeout(300)
        assert dialogs == []
        message = page.eval_on_selector("#wd-reason", "el => el.validationMessage")
        assert "撤回原因" in message or text == ""
        assert Publication.objects.get(pk=pub.pk).state == State.PUBLISHED
    # With a reason (ending with its own 。) the question comes, and the notice ends with a single 。.
    page.fill("#wd-reason", "名单中一户补助对象信息有误，依规撤回。")
    button.click()
    page.wait_for_url(f"**/work/publishing/{pub.pk}/")
    assert len(dialogs) == 1 and "确定撤回" in dialogs[0]
    expect(page.locator(".notice")).to_contain_text("依规撤回。门户网站")
    assert "。。" not in page.locator(".notice").inner_text()
    assert Publication.objects.get(pk=pub.pk).state == State.WITHDRAWN
