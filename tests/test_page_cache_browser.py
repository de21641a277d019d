"""The page cache seen from a real headless Chromium: the elderly switch (a form without a CSRF token, checked by
its origin) works on cached pages, and each mode is served from its own cache entry."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from gongkai.common import pagecache
from gongkai.orgs.models import Unit, UnitKind

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def cached_site(transactional_db, settings, tmp_path):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 300
    settings.VAR_DIR = tmp_path / "var"
    caches[pagecache.CACHE_ALIAS].clear()
    return Unit.objects.create(name="测试县人民政府", kind=UnitKind.GOVERNMENT)


def test_the_elderly_switch_works_on_cached_pages(page, live_server, cached_site):
    url = live_server.url + "/xxgk/"
    assert page.goto(url).headers["x-gongkai-cache"] == "miss"
    assert page.goto(url).headers["x-gongkai-cache"] == "hit"
    assert page.evaluate("document.documentElement.className") == ""

    page.get_by_role("button", name="适老化模式").click()  # a real form post: Chromium sends its Origin
    page.wait_for_url(url)
    assert page.evaluate("document.documentElement.className") == "elderly"
    assert page.goto(url).headers["x-gongkai-cache"] == "hit"  # the large-type page has its own entry
    assert page.evaluate("document.documentElement.className") == "elderly"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "xxgk-cached-elderly.png"), full_page=True)

    page.get_by_role("button", name="退出适老化模式").click()
    page.wait_for_url(url)
    assert page.evaluate("document.documentElement.className") == ""
    assert page.goto(url).headers["x-gongkai-cache"] == "hit"
