"""Chinese full-text search on the current database (run the suite with DATABASE_URL for PostgreSQL)."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from gongkai.publishing import search, services
from gongkai.publishing.models import CatalogNode, SearchEntry

from .factories import Upload, id_number, subsidy_rows, xlsx_bytes
from .fixtures import published


def titles(results):
    return [h.publication.title for h in results.hits]


@pytest.fixture
def corpus(world):
    w = world
    when = lambda d: timezone.make_aware(datetime(2026, 3, d, 10))  # noqa: E731
    return {
        "subsidy": published(
            w,
            "城关镇2026年耕地地力保护补贴发放公示",
            body="<p>现将补贴资金发放情况公示如下。</p>",
            when=when(10),
        ),
        "dibao": published(
            w, "城乡最低生活保障对象公示", body="<p>本季度新增低保对象12户，发放补贴资金。</p>", when=when(12)
        ),
        "fire": published(
            w, "关于做好森林防灭火工作的通知", body="<p>严禁野外用火，发现火情及时报告。</p>", when=when(14)
        ),
        "plan": published(
            w,
            "示范县国民经济和社会发展规划纲要",
            body="<p>推动农机购置与应用补贴政策落地，促进农业机械化。</p>",
            code="art20-03",
            unit=w.dept,
            when=when(20),
        ),
    }


@pytest.mark.django_db
def test_two_character_query(corpus):
    r = search.search("补贴")
    assert set(titles(r)) == {corpus[k].title for k in ("subsidy", "dibao", "plan")}
    # Title matches first.
    assert titles(r)[0] == corpus["subsidy"].title
    assert r.total == 3
    assert titles(search.search("火情")) == [corpus["fire"].title]
    assert titles(search.search("低保")) == [corpus["dibao"].title]


@pytest.mark.django_db
def test_two_characters_inside_a_longer_word(corpus):
    # 关镇 is no word of its own (城关镇), 机械 sits inside 机械化: both found.
    assert titles(search.search("关镇")) == [corpus["subsidy"].title]
    assert titles(search.search("机械")) == [corpus["plan"].title]


@pytest.mark.django_db
def test_multi_word_chinese_query(corpus):
    assert titles(search.search("补贴 公示")) == [corpus["subsidy"].title, corpus["dibao"].title]
    assert titles(search.search("低保 资金")) == [corpus["dibao"].title]
    assert titles(search.search("森林 补贴")) == []
    # Without spaces jieba splits the words; the exact phrase ranks first.
    r = search.search("农机补贴")
    assert titles(r) == [corpus["plan"].title]
    r = search.search("发放补贴")
    assert set(titles(r)) == {corpus["subsidy"].title, corpus["dibao"].title}


@pytest.mark.django_db
def test_one_character_query(corpus):
    assert set(titles(search.search("火"))) == {corpus["fire"].title}


@pytest.mark.django_db
def test_filters(world, corpus):
    w = world
    assert titles(search.search("补贴", unit=w.dept)) == [corpus["plan"].title]
    node = CatalogNode.objects.get(code="art20-11")
    assert corpus["plan"].title not in titles(search.search("补贴", node=node))
    r = search.search("补贴", date_from=date(2026, 3, 11), date_to=date(2026, 3, 15))
    assert titles(r) == [corpus["dibao"].title]


@pytest.mark.django_db
def test_snippet_highlight(corpus):
    hit = search.search("低保").hits[0]
    assert "<mark>低保</mark>" in hit.snippet


@pytest.mark.django_db
def test_attachment_text_is_searchable_but_not_masked_values(world):
    w = world
    pub = services.create_draft(
        w.town,
        actor=w.editor,
        title="补助名单",
        body="<p>见附件。</p>",
        formed_date=date(2026, 3, 2),
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code="art20-11")],
    )
    services.add_attachment(pub, actor=w.editor, uploaded=Upload(xlsx_bytes(subsidy_rows(2)), "名单.xlsx"))
    services.mask_publication(pub, actor=w.editor)
    from .fixtures import ALL_PASS

    services.submit(pub, actor=w.editor)
    services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict="approved")
    services.publish(pub, actor=w.reviewer)
    assert titles(search.search("李秀英")) == ["补助名单"]
    assert titles(search.search(id_number(seq="101"))) == []
    assert titles(search.search("13807991000")) == []


@pytest.mark.django_db
def test_reindex_command(corpus):
    SearchEntry.objects.all().delete()
    assert search.search("补贴").total == 0
    call_command("reindex")
    assert search.search("补贴").total == 3


@pytest.mark.django_db
def test_postgres_uses_the_index(corpus):
    """On PostgreSQL the text query is answered through the GIN index (no full table scan per query)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM publishing_search_fts WHERE publishing_search_fts MATCH %s", ['"补贴"']
            )
            assert cursor.fetchone()[0] >= 0
        return
    from gongkai.core.search import parse_query

    q = parse_query("补贴").tsquery()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM publishing_searchentry e WHERE e.vec @@ %s::tsquery", [q])
        plan = "\n".join(r[0] for r in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "publishing_searchentry_vec" in plan


@pytest.mark.django_db
def test_broad_queries_list_title_matches_then_newest(corpus, monkeypatch):
    """Above BROAD hits PostgreSQL stops counting and lists title matches, then the rest newest first."""
    monkeypatch.setattr(search, "BROAD", 1)
    r = search.search("补贴")
    if connection.vendor == "postgresql":
        assert r.capped and r.total == 1
        assert titles(r) == [corpus["subsidy"].title, corpus["plan"].title, corpus["dibao"].title]
        assert [h.in_title for h in r.hits] == [True, False, False]
        page2 = search.search("补贴", limit=1, offset=1)
        assert titles(page2) == [corpus["plan"].title]
        page3 = search.search("补贴", limit=1, offset=2)
        assert titles(page3) == [corpus["dibao"].title]
    else:
        assert not r.capped and r.total == 3 and titles(r)[0] == corpus["subsidy"].title
