"""The portal side: the 找错 link in the footer of every portal page carries the page's address; the form (CSRF,
honeypot, rate limit, privacy notice, screenshot) routes the report; the reporter's look-up; the monthly summary
shows counts and nothing of a report."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.errata import services
from gongkai.errata.models import ErrorReport
from gongkai.errata.vocab import Outcome
from gongkai.publishing.tests.fixtures import published

from .factories import png_bytes, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _form(page, **extra):
    return {
        "page": page,
        "error_type": "typo",
        "description": "正文第二段“按排”应为“安排”。",
        "contact": "13912345678",
        "agree": "on",
        "website": "",
        **extra,
    }


def test_footer_link_on_portal_pages_carries_the_page(world, client):
    pub = published(world, "示范县城关镇2026年老旧小区改造计划")
    for path in (
        "/",
        "/xxgk/",
        f"/xxgk/info/{pub.pk}/",
        f"/xxgk/jgzn/{world.town.pk}/",
        "/hdjl/liuyan/",
        "/zcwj/",
    ):
        html = client.get(path).content.decode()
        assert f'href="/hdjl/zhaocuo/?page={quote(path, safe="")}"' in html, path
    # A page with a query string keeps it (escaped) in the link.
    html = client.get("/xxgk/info/?year=2026").content.decode()
    assert "/hdjl/zhaocuo/?page=%2Fxxgk%2Finfo%2F%3Fyear%3D2026" in html


def test_form_opens_with_the_page_filled_in(world, client):
    html = client.get(f"/hdjl/zhaocuo/?page=/xxgk/jgzn/{world.town.pk}/").content.decode()
    assert f'value="/xxgk/jgzn/{world.town.pk}/"' in html
    assert "个人信息处理说明" in html and "csrfmiddlewaretoken" in html


def test_hostile_page_param_is_escaped(world, client):
    html = client.get('/hdjl/zhaocuo/?page="><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in html


def test_submit_routes_to_the_publishing_unit_and_shows_codes(world, client):
    pub = published(world, "示范县发改委关于项目备案的通知", unit=world.dept)
    shot = SimpleUploadedFile("截图.png", png_bytes(), content_type="image/png")
    resp = client.post("/hdjl/zhaocuo/", {**_form(f"/xxgk/info/{pub.pk}/"), "screenshot": shot})
    html = resp.content.decode()
    r = ErrorReport.objects.get()
    assert r.unit == world.dept and r.screenshot
    assert r.tracking_code in html and 'id="verification-code"' in html
    assert r.contact == "13912345678"


def test_external_page_refused_with_the_fix(world, client):
    html = client.post("/hdjl/zhaocuo/", _form("https://evil.example.com/")).content.decode()
    assert "本网站的页面" in html
    assert ErrorReport.objects.count() == 0


def test_full_address_of_this_site_accepted(world, client):
    client.post("/hdjl/zhaocuo/", _form("http://testserver/xxgk/"))
    assert ErrorReport.objects.get().page == "/xxgk/"


def test_honeypot_and_consent(world, client):
    client.post("/hdjl/zhaocuo/", _form("/", website="http://spam.example.com"))
    html = client.post(
        "/hdjl/zhaocuo/", {k: v for k, v in _form("/").items() if k != "agree"}
    ).content.decode()
    assert "请先阅读并同意" in html
    assert ErrorReport.objects.count() == 0


def test_bad_screenshot_refused_on_its_field(world, client):
    fake = SimpleUploadedFile("shot.png", b"<html><body>not an image</body></html>")
    html = client.post("/hdjl/zhaocuo/", {**_form("/"), "screenshot": fake}).content.decode()
    assert "shot.png" in html and ErrorReport.objects.count() == 0


def test_rate_limit_per_address(world, client, settings):
    settings.GONGKAI_ERRATA_PER_HOUR = 2
    for _ in range(2):
        client.post("/hdjl/zhaocuo/", _form("/"))
    html = client.post("/hdjl/zhaocuo/", _form("/")).content.decode()
    assert "提交过于频繁" in html
    assert ErrorReport.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.7")
    other.post("/hdjl/zhaocuo/", _form("/"))
    assert ErrorReport.objects.count() == 3


def test_csrf_required(world):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/hdjl/zhaocuo/", _form("/")).status_code == 403
    assert ErrorReport.objects.count() == 0


def test_track_shows_the_answer_but_not_the_contact(world, client):
    intake = services.submit(
        page=f"/xxgk/jgzn/{world.town.pk}/",
        error_type="typo",
        description="职能第三条有错别字。",
        contact="13911112222",
    )
    services.answer(
        intake.report, actor=world.editor, outcome=Outcome.FIXED, text="已将错别字改正，感谢指正。"
    )
    html = client.post(
        "/hdjl/zhaocuo/chaxun/",
        {"tracking_code": intake.report.tracking_code, "verification_code": intake.verification_code},
    ).content.decode()
    assert "已将错别字改正" in html and "复核中" in html
    assert "13911112222" not in html
    html = client.post(
        "/hdjl/zhaocuo/chaxun/",
        {"tracking_code": intake.report.tracking_code, "verification_code": "AAAA0000"},
    ).content.decode()
    assert "查询码或验证码不正确" in html and "已将错别字改正" not in html


def test_summary_counts_and_reveals_nothing(world, client):
    year = date.today().year
    first = report(f"/xxgk/jgzn/{world.town.pk}/", contact="13933334444", description="机密描述内容ABC")
    report("/")
    services.answer(first, actor=world.editor, outcome=Outcome.FIXED, text="已修正页面内容。")
    services.recheck(first, actor=world.office, accept=True)
    html = client.get(f"/hdjl/zhaocuo/tongji/?year={year}").content.decode()
    assert 'id="total-received">2<' in html and 'id="total-closed">1<' in html
    assert "13933334444" not in html and "机密描述内容ABC" not in html
    assert client.get("/hdjl/zhaocuo/tongji/?year=abc").status_code == 200


def test_column_links(world, client):
    html = client.get("/hdjl/zhaocuo/tongji/").content.decode()
    assert 'href="/hdjl/zhaocuo/"' in html and "找错情况统计" in html


def test_the_report_form_names_itself_once_in_the_breadcrumb(world, client):
    import re

    html = client.get("/hdjl/zhaocuo/?page=/xxgk/").content.decode()
    trail = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert trail.count("我为政府网站找错") == 1, trail
    assert "互动交流" in trail
