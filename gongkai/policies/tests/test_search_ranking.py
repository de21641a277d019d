"""Search ranking across sources (issue 12): every word first, documents in force before repealed ones, and the
policy library's keyword search over full text and every form of a 文号."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import services
from gongkai.policies.tests.factories import make_document, publish_document
from gongkai.portal import search as portal_search


def published(w, title, *, text=None, when=None, **fields):
    doc = make_document(w, title=title, text=text or title, **fields)
    return publish_document(w, doc, when)


def result_titles(body: str) -> list[str]:
    return re.findall(r'<li>\s*<h2><a href="[^"]+">([^<]+)</a>', body)


@pytest.fixture
def ranking_world(world):
    w = world
    today = timezone.localdate()
    # Two documents holding both words, in the body only (the title has one of them).
    w.both = [
        published(
            w,
            "城关镇高龄津贴发放办法",
            text="城关镇高龄津贴发放办法\n第一条　八十周岁以上老人按月领取高龄老人生活补贴。",
            doc_number="城政〔2025〕21号",
            when=today - timedelta(days=20),
        ),
        published(
            w,
            "城关镇老年人关爱服务办法",
            text="城关镇老年人关爱服务办法\n第一条　对高龄、失能老人发放护理补贴。",
            doc_number="城政〔2025〕22号",
            when=today - timedelta(days=21),
        ),
    ]
    # Five answers holding only 补贴.
    w.only_one = []
    for i, crop in enumerate(["耕地", "农机", "种粮", "创业", "就业"]):
        q = services.save_question(
            w.town,
            actor=w.editor,
            question=f"{crop}补贴什么时候发放？",
            answer=f"<p>{crop}补贴每年第{i + 1}季度发放。</p>",
        )
        services.set_question_state(q, actor=w.reviewer, state="published")
        w.only_one.append(q)
    return w


def test_site_search_lists_results_with_every_word_first(client, ranking_world):
    w = ranking_world
    hits = portal_search.search("高龄 补贴")
    both = {d.publication.title for d in w.both}
    assert {h.title for h in hits[:2]} == both
    assert all(not h.complete for h in hits[2:]) and len(hits) == 7
    body = client.get(reverse("portal:search"), {"q": "高龄 补贴"}).content.decode()
    assert set(result_titles(body)[:2]) == both


@pytest.fixture
def repeal_world(world):
    w = world
    today = timezone.localdate()
    # The repealed one is newer and its title is the closest match: it would rank first on the score alone.
    w.repealed = published(w, "养老补贴办法", doc_number="城政〔2025〕3号", when=today - timedelta(days=2))
    services.add_relation(
        w.repealed, actor=w.reviewer, kind="repeals", effective_date=today, basis="清理决定"
    )
    w.in_force = published(
        w,
        "城关镇困难老年人居家养老补贴发放管理实施办法",
        doc_number="城政〔2025〕9号",
        when=today - timedelta(days=30),
    )
    return w


def test_repealed_document_is_marked_and_ranked_below_documents_in_force(client, repeal_world):
    w = repeal_world
    w.repealed.publication.refresh_from_db()
    assert w.repealed.publication.validity == "repealed"
    hits = [h for h in portal_search.search("养老补贴") if "/xxgk/info/" in h.url]
    assert [h.title for h in hits] == [w.in_force.publication.title, w.repealed.publication.title]
    assert [h.status for h in hits] == ["", "已废止"] and [h.in_force for h in hits] == [True, False]
    body = client.get(reverse("portal:search"), {"q": "养老补贴"}).content.decode()
    assert re.search(r"养老补贴办法</a> <span class=\"badge danger hit-status\">已废止</span>", body)
    # The 政府信息检索 page too: the repealed document last, with its mark.
    body = client.get(reverse("info:search"), {"q": "养老补贴"}).content.decode()
    order = [int(pk) for pk in re.findall(r'class="hit-title"><a href="/xxgk/info/(\d+)/"', body)]
    assert order == [w.in_force.publication.pk, w.repealed.publication.pk]
    assert 'hit-status">已废止</span>' in body


def test_expired_by_date_counts_as_not_in_force(world):
    w = world
    today = timezone.localdate()
    old = published(
        w, "养老补贴暂行办法", doc_number="城政〔2018〕1号", formed_date=date(2018, 1, 1), when=today
    )  # a five-year term: expired
    current = published(
        w, "城关镇居家养老服务补贴实施细则", doc_number="城政〔2025〕5号", when=today - timedelta(days=40)
    )
    old.publication.refresh_from_db()
    assert old.publication.is_expired
    hits = [h for h in portal_search.search("养老补贴") if "/xxgk/info/" in h.url]
    assert [h.title for h in hits] == [current.publication.title, old.publication.title]
    assert hits[1].status in ("失效", "已失效")


def library_titles(client, q: str) -> list[str]:
    body = client.get(reverse("zc:library"), {"q": q}).content.decode()
    return re.findall(r'<th scope="row" class="zc-title"><a href="/zcwj/\d+/">([^<]+)</a>', body)


@pytest.mark.parametrize(
    "query",
    ["养老补贴", "示政办发[2026]19号", "示政办发〔2026〕19号", "示政办发（2026）019号", "（2026）", "[2026]"],
)
def test_library_keyword_search_covers_full_text_and_every_doc_number_form(client, world, query):
    w = world
    doc = published(
        w,
        "关于做好困难老年人关爱工作的通知",
        text="关于做好困难老年人关爱工作的通知\n第一条　按月发放养老补贴，所需资金由县财政保障。",
        doc_number="示政办发〔2026〕19号",
        formed_date=date(2026, 3, 2),
    )
    published(w, "城关镇耕地保护办法", doc_number="城政〔2024〕7号", formed_date=date(2024, 3, 2))
    assert library_titles(client, query) == [doc.publication.title]


def test_library_keyword_search_still_narrows(client, world):
    published(world, "城关镇耕地保护办法", doc_number="城政〔2024〕7号", formed_date=date(2024, 3, 2))
    assert library_titles(client, "养老补贴") == []
    assert library_titles(client, "城政[2024]8号") == []
