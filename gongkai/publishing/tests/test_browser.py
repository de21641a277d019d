"""The users' story in a real browser: an editor imports a Word notice and uploads an .xlsx list of ID numbers, sees
the findings, masks them; a reviewer of the same unit approves; the public finds the notice with two Chinese words
and downloads only the masked list."""

import io
from pathlib import Path

import pytest

from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .conftest import build_world
from .factories import docx_bytes, id_number, subsidy_rows, xlsx_bytes

PASSWORD = "Testpass2026x"


def _login(page, base, username):
    page.goto(f"{base}/work/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/work/")


@pytest.mark.browser
def test_editor_masks_reviewer_approves_public_finds(page, live_server, transactional_db, tmp_path):
    build_world()
    base = live_server.url
    notice = tmp_path / "高龄补贴通知.docx"
    notice.write_bytes(
        docx_bytes(
            [
                "各村（社区）：",
                "# 一、发放对象",
                "- 年满80周岁的本镇户籍老人",
                "- 已申领的困难老人",
                "现将发放名单公示如下（见附件）。",
            ],
            title="关于发放城关镇2026年第一季度高龄老人生活补贴的通知",
            doc_number="城政字[2026]15号",
            date_line="2026年3月2日",
        )
    )
    recipients = tmp_path / "高龄补贴发放名单.xlsx"
    rows = subsidy_rows(3)
    recipients.write_bytes(xlsx_bytes(rows))

    # 1. The editor imports the Word notice: title, 文号, date and structure come across.
    _login(page, base, "town_editor")
    page.goto(f"{base}/work/publishing/import/")
    page.set_input_files("#id_file", str(notice))
    page.click("main button[type=submit]")
    page.wait_for_url("**/edit/")
    assert page.input_value("#id_title") == "关于发放城关镇2026年第一季度高龄老人生活补贴的通知"
    assert page.input_value("#id_doc_number") == "城政字〔2026〕15号"
    assert page.input_value("#id_formed_date") == "2026-03-02"
    assert "年满80周岁" in page.locator(".rich-editor").inner_text()
    page.select_option("#id_topic", "民政、扶贫、救灾")
    page.locator(
        ".node-tree li", has_text="扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    ).get_by_label("社会保障", exact=True).check()
    page.click("text=保存草稿")
    page.wait_for_url("**/work/publishing/*/")

    # 2. Upload the list: the findings appear with their places and suggested masks.
    page.set_input_files("input[name=file]", str(recipients))
    page.click("text=上传并扫描")
    findings = page.locator("#findings")
    text = findings.inner_text()
    assert "身份证号" in text and "手机号码" in text and "名单!C2" in text
    assert rows[1][2] in text and rows[1][2][:2] + "*************" in text
    page.screenshot(path="/tmp/gongkai-publishing-findings.png", full_page=True)
    page.click("text=一键脱敏")
    assert "已脱敏" in page.locator(".messages").inner_text()
    assert "待处理 0 处" in page.locator("#findings .summary-bar").inner_text()
    page.click("text=提交保密审查")
    assert "已提交保密审查" in page.locator(".messages").inner_text()
    pub = Publication.objects.get()
    assert pub.state == State.SUBMITTED
    page.click("text=退出")

    # 3. The reviewer of the same unit works through the five checks and approves.
    _login(page, base, "town_reviewer")
    page.goto(f"{base}/work/publishing/reviews/")
    page.click("table a.button:has-text('审查')")
    page.wait_for_url("**/review/")
    for label in ("political", "legal", "policy", "secrecy", "wording"):
        page.check(f"input[name={label}_result][value=pass]")
    page.check("input[name=verdict][value=approved]")
    page.check("#id_publish_now")
    page.screenshot(path="/tmp/gongkai-publishing-review.png", full_page=True)
    page.click("text=提交审查结论")
    assert "已发布到门户网站" in page.locator(".messages").inner_text()
    pub.refresh_from_db()
    assert pub.state == State.PUBLISHED and pub.index_number

    # 4. The public searches with two Chinese words and finds it; the list they download is masked.
    page.context.clear_cookies()
    page.goto(f"{base}/")
    page.fill("input[name=q]", "高龄 补贴")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.click(f"text={pub.title}")
    page.wait_for_url(f"**/xxgk/info/{pub.pk}/")
    meta = page.locator(".meta-table").inner_text()
    assert pub.index_number in meta and "城政字〔2026〕15号" in meta
    page.screenshot(path="/tmp/gongkai-publishing-public.png", full_page=True)
    with page.expect_download() as info:
        page.click("text=高龄补贴发放名单.xlsx")
    data = Path(info.value.path()).read_bytes()
    assert rows[1][2].encode() not in data and id_number(seq="101").encode() not in data
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    assert str(sheet["C2"].value).endswith(rows[1][2][-3:]) and "*" in str(sheet["C2"].value)
