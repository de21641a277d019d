"""The public site: lists, detail page with its metadata table, attachments, RSS, sitemap; withdrawn items vanish."""

import pytest
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import CatalogNode

from .factories import FORMED, Upload, id_number, subsidy_rows, xlsx_bytes
from .fixtures import ALL_PASS, published


@pytest.mark.django_db
def test_detail_page_has_the_metadata_table(client, world):
    pub = published(world, "城关镇关于秋冬季森林防火的通知", doc_number="城政字[2026]9号", validity="valid")
    page = client.get(reverse("info:detail", args=[pub.pk])).content.decode()
    for label in ("索引号", "发布机构", "主题分类", "文号", "成文日期", "发布日期", "有效性"):
        assert f">{label}</th>" in page
    assert (
        pub.index_number in page and "城政字〔2026〕9号" in page and "2026-03-02" in page and "有效" in page
    )


@pytest.mark.django_db
def test_only_published_items_are_public(client, world):
    w = world
    draft = services.create_draft(w.town, actor=w.editor, title="尚未审查的草稿", body="<p>x</p>")
    published(w, "已发布的公告")
    assert client.get(reverse("info:detail", args=[draft.pk])).status_code == 404
    page = client.get(reverse("info:list")).content.decode()
    assert "已发布的公告" in page and "尚未审查的草稿" not in page


@pytest.mark.django_db
def test_withdrawn_item_gone_from_portal_and_search(client, world):
    w = world
    pub = published(w, "城关镇低保对象名单公示", body="<p>城乡最低生活保障对象名单。</p>")
    urls = [
        reverse("info:list"),
        reverse("info:catalog_unit", args=[w.town.pk]),
        reverse("info:rss", args=[CatalogNode.objects.get(code="art20-11").pk]),
        reverse("portal:home"),
        reverse("portal:fdzdgk"),
        reverse("info:sitemap_section", args=["info", 1]),
        reverse("portal:search") + "?q=低保",
        reverse("info:search") + "?q=低保",
    ]
    detail = reverse("info:detail", args=[pub.pk])
    for url in urls:
        assert (
            "城关镇低保对象名单公示" in client.get(url).content.decode()
            or detail in client.get(url).content.decode()
        ), url
    services.withdraw(pub, actor=w.reviewer, reason="名单有误")
    assert client.get(detail).status_code == 404
    for url in urls:
        body = client.get(url).content.decode()
        assert "城关镇低保对象名单公示" not in body and detail not in body, url


@pytest.mark.django_db
def test_public_attachment_is_the_masked_copy(client, world):
    w = world
    pub = services.create_draft(
        w.town,
        actor=w.editor,
        title="补贴名单",
        body="<p>见附件</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code="art20-11")],
    )
    att = services.add_attachment(
        pub, actor=w.editor, uploaded=Upload(xlsx_bytes(subsidy_rows(2)), "名单.xlsx")
    )
    services.mask_publication(pub, actor=w.editor)
    services.submit(pub, actor=w.editor)
    services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict="approved")
    services.publish(pub, actor=w.reviewer)
    r = client.get(reverse("info:attachment", args=[pub.pk, att.pk]))
    data = b"".join(r.streaming_content)
    from gongkai.core import textscan

    assert not [f for f in textscan.scan_file(data, "名单.xlsx") if f.kind == "id_number"]
    assert id_number(seq="101").encode() not in data
    assert r["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_rss_and_sitemap(client, world):
    pub = published(world, "教育补助政策解读", code="art20-11-02")
    parent = CatalogNode.objects.get(code="art20-11")
    rss = client.get(reverse("info:rss", args=[parent.pk]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "教育补助政策解读" in rss.content.decode() and pub.index_number in rss.content.decode()
    index = client.get(reverse("info:sitemap")).content.decode()
    assert "sitemap-info-1.xml" in index and "sitemap-pages-1.xml" in index
    section = client.get(reverse("info:sitemap_section", args=["info", 1])).content.decode()
    assert reverse("info:detail", args=[pub.pk]) in section
    assert client.get(reverse("info:sitemap_section", args=["info", 9])).status_code == 404


@pytest.mark.django_db
def test_list_filters_and_unit_catalog(client, world):
    w = world
    a = published(w, "城关镇教育信息", code="art20-11-02")
    b = published(w, "发改委规划信息", code="art20-03", unit=w.dept)
    r = client.get(reverse("info:list") + f"?unit={w.dept.pk}").content.decode()
    assert b.title in r and a.title not in r
    node = CatalogNode.objects.get(code="art20-11")
    r = client.get(reverse("info:list") + f"?node={node.pk}").content.decode()
    assert a.title in r and b.title not in r
    r = client.get(reverse("info:list") + "?year=1999").content.decode()
    assert a.title not in r
    r = client.get(reverse("info:catalog_unit", args=[w.town.pk]) + f"?node={node.pk}").content.decode()
    assert a.title in r and "公开依据" in r
    fd = client.get(reverse("portal:fdzdgk")).content.decode()
    assert a.title in fd


@pytest.mark.django_db
def test_list_count_follows_publish_and_withdraw(client, world):
    w = world
    first = published(w, "第一条")
    assert "共 1 条" in client.get(reverse("info:list")).content.decode()
    published(w, "第二条")
    assert "共 2 条" in client.get(reverse("info:list")).content.decode()
    services.withdraw(first, actor=w.reviewer, reason="撤回测试")
    assert "共 1 条" in client.get(reverse("info:list")).content.decode()
