"""Error pages (issue 11 item 15): 400/403/404/500 in Chinese, in the portal's look or, under /work/, the
workspace's; a refused form post (CSRF) too; and the demo settings show no Django debug page."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import include, path

from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role


def _boom(request):
    raise RuntimeError("boom")


def _suspicious(request):
    raise SuspiciousOperation("bad")


def _denied(request):
    raise PermissionDenied("需要本单位保密审查员岗位。")


def _database_down(request):
    raise RuntimeError("database down")


# A URL configuration with views that fail, beside the real ones (the handlers are the project's).
urlpatterns = [
    path("boom/", _boom),
    path("work/boom/", _boom),
    path("bad/", _suspicious),
    path("work/bad/", _suspicious),
    path("work/denied/", _denied),
    path("", include("gongkai.urls")),
]
handler400 = "gongkai.common.error_pages.bad_request"
handler403 = "gongkai.common.error_pages.permission_denied"
handler404 = "gongkai.common.error_pages.page_not_found"
handler500 = "gongkai.common.error_pages.server_error"

PORTAL = 'class="site-header"'
WORKSPACE = 'class="ws-header"'


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.test_error_pages"


@pytest.fixture
def staff_client(db):
    unit = Unit.objects.create(name="测试县民政局", short_name="县民政局")
    user = User.objects.create_user("mzj_editor", password="Errors2026page", full_name="赵敏")
    Membership.objects.create(user=user, unit=unit, role=Role.EDITOR)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _page(response):
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "status", "title", "look"),
    [
        ("/no-such-page/", 404, "页面不存在", PORTAL),
        ("/work/no-such-page/", 404, "页面不存在", WORKSPACE),
        ("/bad/", 400, "请求有误", PORTAL),
        ("/work/bad/", 400, "请求有误", WORKSPACE),
        ("/work/denied/", 403, "无权访问", WORKSPACE),
        ("/boom/", 500, "系统出错了", PORTAL),
        ("/work/boom/", 500, "系统出错了", WORKSPACE),
    ],
)
def test_each_error_page_is_chinese_in_the_right_look(staff_client, failing_urls, url, status, title, look):
    response = staff_client.get(url)
    body = _page(response)
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in body and look in body
    assert 'lang="zh-CN"' in body
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error", "Traceback"):
        assert english not in body


def test_a_refusal_with_a_chinese_reason_names_it(staff_client, failing_urls):
    assert "需要本单位保密审查员岗位。" in _page(staff_client.get("/work/denied/"))


def test_the_sites_own_handlers_serve_them(staff_client):
    response = staff_client.get("/work/orgs/logins/")
    assert response.status_code == 403
    assert WORKSPACE in _page(response) and "无权访问" in _page(response)
    missing = staff_client.get("/work/orgs/no-such-page/")
    assert missing.status_code == 404 and WORKSPACE in _page(missing) and "页面不存在" in _page(missing)
    missing = staff_client.get("/xxgk/no-such-page/")
    assert missing.status_code == 404 and PORTAL in _page(missing) and "页面不存在" in _page(missing)


def test_an_unknown_host_gets_the_chinese_400(db):
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "<h1>请求有误</h1>" in _page(response) and "Bad Request" not in _page(response)


def test_a_forged_form_post_gets_the_chinese_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ysqgk/track/", {"tracking_code": "x"})
    assert response.status_code == 403
    body = _page(response)
    assert "表单已过期或来源无法确认" in body and PORTAL in body and "CSRF verification failed" not in body


def test_a_500_when_the_page_itself_cannot_be_built_is_still_chinese(staff_client, failing_urls, monkeypatch):
    from gongkai.common import error_pages

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(error_pages.loader, "render_to_string", broken)
    response = staff_client.get("/boom/")
    assert response.status_code == 500 and "系统出错了" in _page(response)


def _demo_settings_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))}
    env.update({"GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"})
    return env


def test_the_demo_settings_show_no_url_list_on_a_404(tmp_path):
    """What `make run` serves (development profile, no GONGKAI_DEBUG): the Chinese 404, not Django's debug page
    listing every URL pattern; static files still come through WhiteNoise without collectstatic."""
    code = textwrap.dedent(
        """
        import django; django.setup()
        from django.conf import settings
        from django.test import Client
        client = Client()
        missing = client.get("/no-such-page/")
        css = client.get("/static/css/site.css")
        print(settings.DEBUG, missing.status_code, css.status_code)
        print(missing.content.decode())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=_demo_settings_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    first, body = result.stdout.split("\n", 1)
    assert first.split() == ["False", "404", "200"]
    assert "页面不存在" in body
    for debug_text in ("URLconf", "tried these URL patterns", "sysadmin/", "DEBUG = True"):
        assert debug_text not in body


def test_a_developer_can_still_ask_for_debug(tmp_path):
    env = {**_demo_settings_env(tmp_path), "GONGKAI_DEBUG": "1"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "True", result.stderr
