"""The portal page cache (issue 11, Load): hits, invalidation on publish/withdraw/edit, the elderly mode keyed
separately, logged-in visitors and pages with CSRF forms never cached, the elderly switch guarded by its origin.

Here at the top level because it drives publishing, orgs and foi through their services (the portal shell's own
tests may not import feature apps)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from gongkai.common import pagecache
from gongkai.foi.models import InfoRequest
from gongkai.foi.tests import conftest as foi_fixtures
from gongkai.foi.tests.conftest import person
from gongkai.foi.tests.test_views import form_data
from gongkai.orgs import services as orgs_services
from gongkai.portal.context_processors import ELDERLY_COOKIE
from gongkai.publishing import services as publishing
from gongkai.publishing.tests.conftest import build_world
from gongkai.publishing.tests.helpers import published

ROOT = Path(__file__).resolve().parent.parent
# The foi tests' county, as fixtures of this module.
calendar, county = foi_fixtures.calendar, foi_fixtures.county
HIT = pagecache.HIT_HEADER


@pytest.fixture
def page_cache(settings, tmp_path):
    """The page cache on, its generation file in a directory of this test."""
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 300
    settings.VAR_DIR = tmp_path / "var"
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    caches[pagecache.CACHE_ALIAS].clear()
    return settings


@pytest.fixture
def world(db, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        w = build_world()
    return w


def committed(capture, fn, *args, **kwargs):
    """Run a service and the on-commit callbacks it leaves (the test's transaction never commits)."""
    with capture(execute=True):
        return fn(*args, **kwargs)


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_second_anonymous_get_is_a_hit_served_without_the_database(
    world, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    committed(django_capture_on_commit_callbacks, published, world, "城关镇2026年惠民补贴发放情况")
    for url in ("/", "/xxgk/", "/xxgk/info/", "/search/?q=补贴"):
        first = get(client, url)
        assert first[HIT] == "miss", url
        with django_assert_num_queries(0):
            second = get(client, url)
        assert second[HIT] == "hit", url
        assert second.content == first.content
        # The stored response keeps the headers the lower middleware set.
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert second["Content-Type"] == first["Content-Type"]
    # Another query string is another page.
    assert get(client, "/search/?q=发放")[HIT] == "miss"


def test_publish_invalidates_every_cached_page(world, client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    committed(capture, published, world, "城关镇2026年惠民补贴发放情况")
    assert "春耕" not in get(client, "/").content.decode()
    assert get(client, "/")[HIT] == "hit"
    assert get(client, "/xxgk/info/")[HIT] == "miss"
    committed(capture, published, world, "城关镇春耕生产资金安排")
    home = get(client, "/")
    assert home[HIT] == "miss" and "城关镇春耕生产资金安排" in home.content.decode()
    listing = get(client, "/xxgk/info/")
    assert listing[HIT] == "miss" and "城关镇春耕生产资金安排" in listing.content.decode()


def test_withdraw_takes_the_page_and_its_mentions_off_at_once(
    world, client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    pub = committed(capture, published, world, "城关镇2026年惠民补贴发放情况")
    detail = f"/xxgk/info/{pub.pk}/"
    get(client, detail)
    get(client, "/")
    assert get(client, detail)[HIT] == "hit"
    committed(capture, publishing.withdraw, pub, actor=world.reviewer, reason="数据有误")
    assert client.get(detail).status_code == 404
    assert "城关镇2026年惠民补贴发放情况" not in get(client, "/").content.decode()


def test_an_edit_of_a_published_item_or_a_unit_shows_at_once(
    world, client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    pub = committed(capture, published, world, "城关镇2026年惠民补贴发放情况", validity="valid")
    detail = f"/xxgk/info/{pub.pk}/"
    assert "有效" in get(client, detail).content.decode()
    assert get(client, detail)[HIT] == "hit"
    committed(
        capture,
        publishing.update_lifecycle,
        pub,
        actor=world.editor,
        review_by=None,
        expires_on=None,
        validity="expired",
    )
    page = get(client, detail)
    assert page[HIT] == "miss" and re.search(r"有效性</th><td>失效", page.content.decode())

    unit_page = f"/xxgk/jgzn/{world.town.pk}/"
    get(client, unit_page)
    assert get(client, unit_page)[HIT] == "hit"
    committed(
        capture, orgs_services.update_unit, world.town, actor=world.office, name="示范县城关镇人民政府（新）"
    )
    assert "示范县城关镇人民政府（新）" in get(client, unit_page).content.decode()


def test_the_apps_that_feed_the_portal_declare_their_actions(
    world, client, django_capture_on_commit_callbacks
):
    get(client, "/")
    before = pagecache.generation()
    pub = committed(
        django_capture_on_commit_callbacks,
        publishing.create_draft,
        world.town,
        actor=world.editor,
        title="草稿",
        body="<p>x</p>",
    )
    assert (
        pub.pk
    )  # publishing.* is declared whole: even a draft bumps (cheap), so nothing it shows is ever stale
    assert pagecache.affects_portal("publishing.create")
    assert not pagecache.affects_portal("auth.login") and not pagecache.affects_portal(
        "workplan.progress_reported"
    )
    assert pagecache.generation() != before


def test_elderly_mode_is_keyed_separately(world, client):
    plain = get(client, "/")
    assert 'class="elderly"' not in plain.content.decode()
    elderly = Client()
    elderly.cookies[ELDERLY_COOKIE] = "1"
    first = get(elderly, "/")
    assert first[HIT] == "miss" and '<html lang="zh-CN" class="elderly">' in first.content.decode()
    assert get(elderly, "/")[HIT] == "hit"
    again = get(client, "/")
    assert again[HIT] == "hit" and 'class="elderly"' not in again.content.decode()
    assert get(elderly, "/").content.decode().count('aria-pressed="true"') == 1


def test_logged_in_staff_are_never_served_nor_stored(world, client):
    get(client, "/")
    assert get(client, "/")[HIT] == "hit"
    staff = Client()
    staff.force_login(world.editor)
    for _ in range(2):
        response = get(staff, "/")
        assert HIT not in response
    caches[pagecache.CACHE_ALIAS].clear()
    get(staff, "/")
    assert get(client, "/")[HIT] == "miss"  # the staff visit stored nothing


def test_a_page_with_a_csrf_form_is_rendered_per_visitor_and_the_form_works(
    county, page_cache, django_capture_on_commit_callbacks
):
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/ysqgk/new/")
        assert page.status_code == 200 and HIT not in page
        tokens.append(
            re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        )
    assert tokens[0] != tokens[1]
    data = form_data(person(description="城关镇老旧小区改造项目资金使用情况"))
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/ysqgk/new/", {**data, "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302 and InfoRequest.objects.count() == 1
    # Without the token the same post is refused.
    assert Client(enforce_csrf_checks=True).post("/ysqgk/new/", data).status_code == 403


def test_pages_on_every_portal_page_carry_no_csrf_token(world, client):
    body = get(client, "/").content.decode()
    assert "csrfmiddlewaretoken" not in body and get(client, "/")[HIT] == "hit"


def test_the_elderly_switch_accepts_only_posts_from_this_site(world):
    strict = Client(enforce_csrf_checks=True)
    here = "http://testserver"
    assert strict.post("/a11y/elderly/", {"next": "/"}).status_code == 403
    assert strict.post("/a11y/elderly/", {"next": "/"}, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert (
        strict.post("/a11y/elderly/", {"next": "/"}, HTTP_REFERER="https://evil.example/x").status_code == 403
    )
    ok = strict.post("/a11y/elderly/", {"next": "/xxgk/"}, HTTP_ORIGIN=here)
    assert ok.status_code == 302 and ok["Location"] == "/xxgk/" and ok.cookies[ELDERLY_COOKIE].value == "1"
    assert strict.post("/a11y/elderly/", {"next": "/"}, HTTP_REFERER=here + "/xxgk/").status_code == 302


def test_off_means_off(world, client, settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0
    assert HIT not in get(client, "/") and HIT not in get(client, "/")


def test_healthz_answers_ok_and_is_never_cached(page_cache, client, db):
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200 and response.content == b"ok" and HIT not in response


def test_a_bump_in_another_process_reaches_this_one(page_cache, tmp_path):
    """Local-memory caches are per process: the generation lives in a file every process of the machine reads."""
    before = pagecache.generation()
    code = "import django; django.setup(); from gongkai.common import pagecache; pagecache.bump()"
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_VAR_DIR": str(page_cache.VAR_DIR),
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
        },
        timeout=60,
    )
    assert pagecache.generation() != before


def test_a_get_that_counts_something_is_never_served_from_the_cache(page_cache, client, db):
    """政策问答: a search without an answer is counted for the office (未答问题); each one must reach the view."""
    from gongkai.policies.models import UnansweredSearch

    for _ in range(2):
        response = client.get("/zcwj/wd/", {"q": "宅基地审批需要多久"})
        assert response.status_code == 200 and HIT not in response
    assert UnansweredSearch.objects.get().count == 2
    assert get(client, "/zcwj/wd/")[HIT] == "miss" and get(client, "/zcwj/wd/")[HIT] == "hit"
