"""axe-core (bundled by axe-playwright-python) in real headless Chromium: a planted page with an empty link and an
image without alt text gives WCAG violations; a clean page gives none."""

import pytest

from gongkai.core.sitecheck.crawl import Fetched
from gongkai.sitecheck import crawler

PAGES = {
    "https://planted.test/bad/": '<a href="/x/"></a><img src="/p.png">',
    "https://planted.test/good/": '<p>县政府召开常务会议。</p><a href="/x/">会议详情</a>',
}


def fetch(url):
    body = PAGES.get(url)
    if body is None:
        return Fetched(404, "text/plain", b"")
    page = f'<!doctype html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>页面</h1>{body}</main></body></html>'
    return Fetched(200, "text/html; charset=utf-8", page.encode())


@pytest.mark.browser
def test_axe_finds_planted_violations_in_both_modes():
    found = crawler.axe_scan(list(PAGES), lambda mode: fetch)
    bad_normal = {v.rule for v in found[("https://planted.test/bad/", "normal")]}
    assert {"link-name", "image-alt"} <= bad_normal
    assert {v.rule for v in found[("https://planted.test/bad/", "elderly")]} == bad_normal
    assert found[("https://planted.test/good/", "normal")] == []
