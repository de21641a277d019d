"""The public item page: 上一篇/下一篇 within its column, a print view, and the footer's site identity (issue 12)."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing import services

from .fixtures import published

pytestmark = pytest.mark.django_db


def when(day):
    return timezone.make_aware(datetime(2026, 3, day, 10))


def prev_next(client, pub):
    soup = BeautifulSoup(client.get(reverse("info:detail", args=[pub.pk])).content.decode(), "html.parser")
    nav = soup.select_one("nav.prev-next")
    links = {a["rel"][0]: a["href"] for a in nav.select("a")}
    return links.get("prev"), links.get("next"), nav.get_text(" ", strip=True)


def test_prev_next_follow_the_column_newest_first(client, world):
    w = world
    old = published(w, "第一期公告", when=when(2))
    mid = published(w, "第二期公告", when=when(5))
    new = published(w, "第三期公告", when=when(9))
    published(w, "另一栏目的公告", code="art20-03", when=when(6))  # another column: not a neighbour
    published(w, "发改委的公告", unit=w.dept, when=when(7))  # same column, another unit's list
    detail = lambda p: reverse("info:detail", args=[p.pk])  # noqa: E731
    assert prev_next(client, mid)[:2] == (detail(new), detail(old))
    newest = prev_next(client, new)
    assert newest[0] is None and newest[1] == detail(mid) and "上一篇： 没有了" in newest[2]
    assert prev_next(client, old)[:2] == (detail(mid), None)
    # A withdrawn item is no neighbour.
    services.withdraw(mid, actor=w.reviewer, reason="内容有误")
    assert prev_next(client, new)[1] == detail(old)


def test_print_view_has_the_item_without_the_site_chrome(client, world):
    pub = published(
        w := world,
        "城关镇2026年春耕生产工作通知",
        body="<p>各村做好春耕备耕。</p>",
        doc_number="城政〔2026〕3号",
    )
    page = client.get(reverse("info:detail", args=[pub.pk])).content.decode()
    assert f'href="{reverse("info:print", args=[pub.pk])}"' in page
    response = client.get(reverse("info:print", args=[pub.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == pub.title
    assert "各村做好春耕备耕。" in soup.get_text() and pub.index_number in soup.get_text()
    assert soup.select_one("header.site-header") is None and soup.select_one("nav.site-nav") is None
    assert soup.select_one('script[src$="js/print.js"]') is not None and not soup.select("script:not([src])")
    draft = services.create_draft(w.town, actor=w.editor, title="草稿", body="<p>x</p>")
    assert client.get(reverse("info:print", args=[draft.pk])).status_code == 404


def test_footer_shows_the_site_code_and_icp_number(client, settings):
    settings.GONGKAI_SITE_CODE = "3699000001"
    settings.GONGKAI_SITE_ICP = "示ICP备20260001号-1"
    footer = BeautifulSoup(client.get("/").content.decode(), "html.parser").select_one("footer.site-footer")
    assert "网站标识码：3699000001" in footer.get_text()
    assert footer.select_one('a[href="https://beian.miit.gov.cn/"]').get_text() == "示ICP备20260001号-1"


def test_the_demo_run_sets_the_site_identity():
    from pathlib import Path

    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    assert "GONGKAI_SITE_CODE=" in makefile and "GONGKAI_SITE_ICP=" in makefile
