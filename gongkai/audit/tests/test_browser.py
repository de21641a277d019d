"""A system administrator browses the audit log in a real browser, filters it and checks the chain.

Runs against ``live_server``, so Django flushes the database afterwards: on SQLite this exercises the flush path
through the append-only triggers.
"""

import pytest

from gongkai.audit import services
from gongkai.audit.context import audit_context
from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role

PASSWORD = "Audit2026browser"


@pytest.mark.browser
def test_sys_admin_filters_and_verifies(page, live_server, transactional_db):
    unit = Unit.objects.create(name="测试县发展和改革委员会", short_name="县发改委")
    admin = User.objects.create_user("audit_admin", password=PASSWORD, full_name="赵管理")
    Membership.objects.create(user=admin, unit=unit, role=Role.SYS_ADMIN)
    editor = User.objects.create_user("fgw_editor", password=PASSWORD, full_name="孙编辑")
    with audit_context(client_ip="10.20.30.40"):
        for draft in range(3):
            services.record(
                actor=editor,
                action="publishing.update",
                unit=unit,
                object_type="publishing.publication",
                object_id=str(100 + draft),
                object_repr=f"关于2026年春耕备耕工作的通知（第{draft + 1}稿）",
                before={"title": f"春耕通知第{draft}稿", "status": "draft"},
                after={"title": f"春耕通知第{draft + 1}稿", "status": "draft"},
            )

    page.goto(f"{live_server.url}/work/login/")
    page.fill("#id_username", "audit_admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/work/")

    page.goto(f"{live_server.url}/work/audit/")
    table = page.locator("table.audit-table")
    assert "孙编辑" in table.inner_text()
    assert "春耕通知第2稿 → 春耕通知第3稿" in table.inner_text().replace("\n", " ")
    assert "登录" in table.inner_text()  # the admin's own login, recorded by the signal
    page.screenshot(path="/tmp/gongkai-audit-list.png", full_page=True)

    page.fill("#id_since", "2026-05-02")
    page.fill("#id_until", "2026-05-01")
    page.click("button:has-text('查询')")
    assert "晚于截止日期" in page.locator(".errors").inner_text()
    page.screenshot(path="/tmp/gongkai-audit-error.png", full_page=True)

    page.goto(f"{live_server.url}/work/audit/?actor=孙编辑")
    assert page.locator("table.audit-table tbody tr").count() == 3
    page.click("table.audit-table tbody tr >> nth=0 >> a")
    assert "10.20.30.40" in page.inner_text("main")
    page.screenshot(path="/tmp/gongkai-audit-detail.png", full_page=True)

    page.goto(f"{live_server.url}/work/audit/")
    page.click("button:has-text('校验哈希链')")
    assert "哈希链校验通过" in page.locator(".audit-result").inner_text()
    page.screenshot(path="/tmp/gongkai-audit-verify.png", full_page=True)
