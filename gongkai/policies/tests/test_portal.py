"""Public pages of the policy library (/zcwj/): library filters, document page, catalogue (+ .xlsx), Q&A, packages."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import services
from gongkai.policies.models import Package, QuestionFeedback, UnansweredSearch
from gongkai.policies.tests.factories import (
    SUBSIDY_V2,
    make_document,
    make_interpretation,
    publish_document,
)
from gongkai.publishing import services as publishing


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def text_of(response) -> str:
    return response.content.decode()


def doc_row_titles(response) -> list[str]:
    return re.findall(r'<th scope="row" class="zc-title"><a href="/zcwj/\d+/">([^<]+)</a>', text_of(response))


def published(w, title, *, when=None, **fields):
    doc = make_document(w, title=title, **fields)
    return publish_document(w, doc, when)


# --- library -------------------------------------------------------------------------------------------------------
@pytest.fixture
def library_world(world):
    w = world
    today = timezone.localdate()
    w.farm = published(
        w, "城关镇耕地地力保护补贴管理办法", doc_number="城政〔2024〕1号", topic="农业、林业、水利"
    )
    w.joint = published(
        w,
        "县发改委价格监测工作规定",
        unit=w.dept,
        doc_number="县发改〔2023〕5号",
        formed_date=date(2023, 3, 1),
        topic="综合政务",
        co_issuers=[w.town],
    )
    w.future = published(
        w,
        "城关镇养老服务补贴办法",
        # Its own text: the keyword search reads the full text too (the default text is about 耕地).
        text="城关镇养老服务补贴办法\n第一条　为做好养老服务补贴发放工作，制定本办法。",
        doc_number="城政〔2024〕2号",
        formed_date=today - timedelta(days=3),
        effective_date=today + timedelta(days=30),
        topic="民政、扶贫、救灾",
    )
    w.policy = published(
        w, "县发改委关于做好物价工作的通知", unit=w.dept, kind="policy", formed_date=date(2024, 6, 1)
    )
    w.draft = make_document(w, title="城关镇尚未公开的草稿办法", doc_number="城政〔2024〕9号")
    return w


def test_library_lists_only_published_documents(client, library_world):
    w = library_world
    response = client.get(reverse("zc:library"))
    assert response.status_code == 200
    titles = doc_row_titles(response)
    assert set(titles) == {
        "城关镇耕地地力保护补贴管理办法",
        "县发改委价格监测工作规定",
        "城关镇养老服务补贴办法",
        "县发改委关于做好物价工作的通知",
    }
    assert "尚未公开的草稿办法" not in text_of(response)
    assert client.get(reverse("zc:document", args=[w.draft.pk])).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"unit": "town"},
            {"城关镇耕地地力保护补贴管理办法", "县发改委价格监测工作规定", "城关镇养老服务补贴办法"},
        ),
        ({"unit": "dept"}, {"县发改委价格监测工作规定", "县发改委关于做好物价工作的通知"}),
        ({"year": "2023"}, {"县发改委价格监测工作规定"}),
        ({"status": "尚未生效"}, {"城关镇养老服务补贴办法"}),
        ({"topic": "综合政务"}, {"县发改委价格监测工作规定"}),
        ({"kind": "policy"}, {"县发改委关于做好物价工作的通知"}),
        ({"q": "地力 城关镇"}, {"城关镇耕地地力保护补贴管理办法"}),
        ({"q": "县发改〔2023〕5号"}, {"县发改委价格监测工作规定"}),
        ({"status": "已废止"}, set()),
    ],
)
def test_library_filters_narrow(client, library_world, params, expected):
    w = library_world
    params = dict(params)
    if "unit" in params:
        params["unit"] = str(getattr(w, params["unit"]).pk)
    response = client.get(reverse("zc:library"), params)
    assert response.status_code == 200
    assert set(doc_row_titles(response)) == expected
    assert f"共 {len(expected)} 件" in text_of(response)


def test_library_status_filter_follows_relations(client, library_world):
    w = library_world
    today = timezone.localdate()
    services.add_relation(
        w.farm, actor=w.reviewer, kind="repeals", effective_date=today, basis="城政〔2025〕8号决定"
    )
    response = client.get(reverse("zc:library"), {"status": "已废止"})
    assert doc_row_titles(response) == ["城关镇耕地地力保护补贴管理办法"]
    response = client.get(reverse("zc:library"), {"status": "有效"})
    assert "城关镇耕地地力保护补贴管理办法" not in doc_row_titles(response)


def test_library_pages_and_bad_params_are_harmless(client, library_world):
    response = client.get(reverse("zc:library"), {"unit": "abc", "year": "x", "status": "nope", "page": "99"})
    assert response.status_code == 200
    assert len(doc_row_titles(response)) == 4


# --- document page -----------------------------------------------------------------------------------------------
@pytest.fixture
def pair(world):
    """Old subsidy rules (每亩100元) amended/replaced by the new ones (每亩120元), both published, with an interpretation."""
    w = world
    old = published(
        w,
        "示范县耕地地力保护补贴管理办法",
        doc_number="城政〔2022〕1号",
        formed_date=date(2022, 1, 2),
        when=date(2022, 1, 5),
    )
    new = make_document(
        w,
        title="示范县耕地地力保护补贴管理办法（2024年修订）",
        text=SUBSIDY_V2,
        doc_number="城政〔2024〕3号",
        formed_date=date(2024, 3, 1),
        effective_date=date(2024, 4, 1),
        registration_number="SFXD-2024-001",
    )
    services.add_relation(
        old,
        actor=w.reviewer,
        kind="replaces",
        source=new,
        effective_date=date(2024, 4, 1),
        clauses=["第四条"],
    )
    publish_document(w, new, date(2024, 3, 2))
    interp = make_interpretation(w, [new])
    publishing.submit(interp.publication, actor=w.editor)
    from gongkai.policies.tests.factories import ALL_PASS

    publishing.decide_review(interp.publication, actor=w.reviewer, checks=ALL_PASS, verdict="approved")
    publishing.publish(interp.publication, actor=w.reviewer)
    old.refresh_from_db()
    new.refresh_from_db()
    interp.refresh_from_db()
    w.old, w.new, w.interp = old, new, interp
    return w


def test_document_page_metadata_and_status(client, pair):
    w = pair
    response = client.get(reverse("zc:document", args=[w.new.pk]))
    assert response.status_code == 200
    body = text_of(response)
    assert "城政〔2024〕3号" in body
    assert "SFXD-2024-001" in body
    assert "2024-04-01" in body  # 施行日期
    assert "2029-03-31" in body  # 有效期至: five years from 施行
    assert "示范县城关镇人民政府" in body
    assert re.search(r'class="zc-status zc-valid">有效<', body)


def test_document_and_interpretation_link_both_ways(client, pair):
    w = pair
    doc_page = text_of(client.get(reverse("zc:document", args=[w.new.pk])))
    interp_url = reverse("info:detail", args=[w.interp.publication_id])
    assert f'href="{interp_url}"' in doc_page
    assert "图解" in doc_page
    interp_page = text_of(client.get(interp_url))
    assert f'href="{reverse("zc:document", args=[w.new.pk])}"' in interp_page
    # The document's own 政府信息 page links to its page in the library too.
    info_page = text_of(client.get(reverse("info:detail", args=[w.new.publication_id])))
    assert f'href="{reverse("zc:document", args=[w.new.pk])}"' in info_page


def test_unpublished_interpretation_is_not_linked(client, world):
    w = world
    doc = published(w, "城关镇某办法", doc_number="城政〔2024〕7号")
    interp = make_interpretation(w, [doc], title="图解：尚未发布的解读")
    body = text_of(client.get(reverse("zc:document", args=[doc.pk])))
    assert "尚未发布的解读" not in body
    assert reverse("info:detail", args=[interp.publication_id]) not in body


def test_relations_shown_both_ways(client, pair):
    w = pair
    new_page = text_of(client.get(reverse("zc:document", args=[w.new.pk])))
    assert "替代了" in new_page
    assert f'href="{reverse("zc:document", args=[w.old.pk])}"' in new_page
    old_page = text_of(client.get(reverse("zc:document", args=[w.old.pk])))
    assert f'href="{reverse("zc:document", args=[w.new.pk])}"' in old_page
    assert "第四条" in old_page  # the clause list
    assert re.search(r'zc-status zc-repealed">已废止<', old_page)


def test_diff_shown_beside_the_new_document(client, pair):
    w = pair
    body = text_of(client.get(reverse("zc:document", args=[w.new.pk])))
    assert "新旧政策差异" in body
    assert "每亩100元调整为每亩120元" in body  # summary line
    assert re.search(r"<del>[^<]*100[^<]*</del>", body)
    assert re.search(r"<ins>[^<]*120[^<]*</ins>", body)
    assert "新增" in body  # 第六条 乡镇人民政府负责… is new
    # The old document has no diff of its own.
    old_page = text_of(client.get(reverse("zc:document", args=[w.old.pk])))
    assert "<ins>" not in old_page.split("全文")[0]


def test_diff_is_cached_by_publication_versions(client, pair, monkeypatch):
    w = pair
    calls = []
    real = services.relation_diff
    monkeypatch.setattr(services, "relation_diff", lambda rel: calls.append(rel.pk) or real(rel))
    client.get(reverse("zc:document", args=[w.new.pk]))
    client.get(reverse("zc:document", args=[w.new.pk]))
    assert len(calls) == 1


def test_status_history_lists_transitions(client, pair):
    w = pair
    body = text_of(client.get(reverse("zc:document", args=[w.old.pk])))
    history = body.split('id="history-h"')[1].split("</section>")[0]
    assert "2022年1月2日" in history  # start (成文日期, no 施行日期)
    assert "2024年4月1日" in history  # replaced
    assert f"被《{w.new.publication.title}》（城政〔2024〕3号）替代" in history
    assert history.index("2022年1月2日") < history.index("2024年4月1日")
    assert re.search(r"zc-valid\">有效</span> → <span class=\"zc-status zc-repealed\">已废止", history)


def test_status_history_of_an_amended_then_expired_document(world):
    from gongkai.policies.history import status_history

    w = world
    doc = published(w, "城关镇试行办法（试行）", doc_number="城政〔2020〕1号", formed_date=date(2020, 1, 1))
    amending = published(
        w, "城关镇关于修改试行办法的决定", doc_number="城政〔2021〕1号", formed_date=date(2021, 1, 1)
    )
    services.add_relation(
        doc, actor=w.reviewer, kind="amends", source=amending, effective_date=date(2021, 1, 1)
    )
    doc.refresh_from_db()
    steps = [(t.day, t.before, t.after) for t in status_history(doc, today=date(2026, 1, 1))]
    assert steps == [
        (date(2020, 1, 1), "", "有效"),
        (date(2021, 1, 1), "有效", "已修改"),
        (date(2022, 1, 1), "已修改", "失效"),  # 试行: two years
    ]


def test_document_page_of_withdrawn_document_is_404(client, pair):
    w = pair
    publishing.withdraw(w.new.publication, actor=w.reviewer, reason="内容有误，需重新审核。")
    assert client.get(reverse("zc:document", args=[w.new.pk])).status_code == 404


def test_document_page_shows_services_qa_and_packages(client, pair):
    w = pair
    svc = services.save_service(
        w.town,
        actor=w.editor,
        name="耕地地力保护补贴申领",
        guide_url="https://zwfw.example.gov.cn/bs/1",
        documents=[w.new],
    )
    services.save_service(
        w.town,
        actor=w.editor,
        name="已停用事项",
        guide_url="https://zwfw.example.gov.cn/bs/2",
        documents=[w.new],
        is_active=False,
    )
    q = services.save_question(
        w.town,
        actor=w.editor,
        question="耕地补贴标准是多少？",
        answer="<p>每亩120元。</p>",
        documents=[w.new],
        services=[svc],
    )
    draft_q = services.save_question(
        w.town, actor=w.editor, question="草稿问题补贴？", answer="<p>草稿</p>", documents=[w.new]
    )
    services.set_question_state(q, actor=w.reviewer, state="published")
    services.save_package(
        actor=w.office,
        title="惠农补贴政策包",
        slug="huinong",
        theme="惠农惠企补贴",
        documents=[w.new],
        is_published=True,
    )
    body = text_of(client.get(reverse("zc:document", args=[w.new.pk])))
    assert 'href="https://zwfw.example.gov.cn/bs/1" rel="noopener"' in body
    assert "已停用事项" not in body
    assert f'href="{reverse("zc:question", args=[q.pk])}"' in body
    assert draft_q.question not in body
    assert f'href="{reverse("zc:package", args=["huinong"])}"' in body


# --- catalogue ---------------------------------------------------------------------------------------------------
def test_catalog_lists_in_force_normative_documents_only(client, world):
    w = world
    today = timezone.localdate()
    valid = published(
        w, "城关镇现行办法", doc_number="城政〔2024〕11号", formed_date=today - timedelta(days=400)
    )
    expired = published(
        w, "城关镇过期办法", doc_number="城政〔2018〕1号", formed_date=date(2018, 1, 1)
    )  # five years: expired
    repealed = published(
        w, "城关镇被废止办法", doc_number="城政〔2024〕12号", formed_date=today - timedelta(days=300)
    )
    services.add_relation(repealed, actor=w.reviewer, kind="repeals", effective_date=today, basis="清理决定")
    ends_today = published(
        w,
        "城关镇今天到期的办法",
        doc_number="城政〔2024〕13号",
        formed_date=today - timedelta(days=500),
        stated_end=today,
    )
    published(w, "县发改委一般政策", unit=w.dept, kind="policy")
    make_document(w, title="城关镇草稿办法", doc_number="城政〔2024〕14号")
    response = client.get(reverse("zc:catalog"))
    body = text_of(response)
    titles = set(doc_row_titles(response))
    assert titles == {valid.publication.title, ends_today.publication.title}
    assert expired.publication.title not in body
    assert "城关镇草稿办法" not in body
    assert "更新日期" in body and f"{today.year}年{today.month}月{today.day}日" in body
    assert "<strong>2</strong>" in body
    # The day after, the one whose term ended today has left (computed at request time, nothing stored).
    from gongkai.policies import selectors

    tomorrow = [d.pk for d in selectors.valid_catalog(today + timedelta(days=1))]
    assert ends_today.pk not in tomorrow and valid.pk in tomorrow


def test_catalog_xlsx_has_the_same_rows(client, world):
    from openpyxl import load_workbook

    w = world
    today = timezone.localdate()
    a = published(
        w, "城关镇现行办法甲", doc_number="城政〔2024〕21号", formed_date=today - timedelta(days=100)
    )
    b = published(
        w,
        "县发改委联合办法",
        unit=w.dept,
        doc_number="县发改〔2024〕22号",
        formed_date=today - timedelta(days=50),
        co_issuers=[w.town],
        registration_number="DJ-2024-9",
    )
    gone = published(
        w, "城关镇废止办法", doc_number="城政〔2024〕23号", formed_date=today - timedelta(days=80)
    )
    services.add_relation(
        gone, actor=w.reviewer, kind="declares_expired", effective_date=today, basis="清理结果"
    )
    response = client.get(reverse("zc:catalog_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    assert "现行有效规范性文件目录" in unquote(disposition.split("filename*=UTF-8''")[1])
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "序号",
        "文件名称",
        "文号",
        "制发机关",
        "成文日期",
        "施行日期",
        "有效期至",
        "有效性",
        "登记号",
        "链接",
    )
    assert ws.cell(1, 1).font.bold and ws.freeze_panes == "A2"
    data = rows[1:]
    assert sorted(r[1] for r in data) == sorted([a.publication.title, b.publication.title])
    assert [r[0] for r in data] == list(range(1, len(data) + 1))
    joint = next(r for r in data if r[1] == b.publication.title)
    assert joint[2] == "县发改〔2024〕22号"
    assert joint[3] == "示范县发展和改革委员会、示范县城关镇人民政府"
    assert joint[7] == "有效" and joint[8] == "DJ-2024-9"
    assert joint[4].date() == b.publication.formed_date and joint[6].date() == b.expires_on
    assert joint[9].endswith(reverse("zc:document", args=[b.pk]))
    page_titles = set(doc_row_titles(client.get(reverse("zc:catalog"))))
    assert page_titles == {r[1] for r in data}


def test_long_catalog_is_shown_per_issuer(client, world, monkeypatch):
    from gongkai.policies import public_views

    w = world
    today = timezone.localdate()
    a = published(
        w, "城关镇现行办法乙", doc_number="城政〔2024〕31号", formed_date=today - timedelta(days=10)
    )
    b = published(
        w,
        "县发改委现行办法",
        unit=w.dept,
        doc_number="县发改〔2024〕32号",
        formed_date=today - timedelta(days=10),
    )
    monkeypatch.setattr(public_views, "CATALOG_ONE_PAGE", 1)
    response = client.get(reverse("zc:catalog"))
    body = text_of(response)
    assert doc_row_titles(response) == []
    assert f'href="?unit={w.town.pk}"' in body and f'href="?unit={w.dept.pk}"' in body
    assert "<strong>2</strong>" in body
    response = client.get(reverse("zc:catalog"), {"unit": w.dept.pk})
    assert doc_row_titles(response) == [b.publication.title]
    assert a.publication.title not in text_of(response)


# --- Q&A -----------------------------------------------------------------------------------------------------------
@pytest.fixture
def qa_world(world):
    w = world
    q = services.save_question(
        w.town,
        actor=w.editor,
        question="个体工商户如何申请创业补贴？",
        answer="<p>携带营业执照到镇便民服务中心申请创业补贴。</p><script>alert(1)</script>",
    )
    services.set_question_state(q, actor=w.reviewer, state="published")
    hidden = services.save_question(w.town, actor=w.editor, question="创业补贴草稿问题", answer="<p>草稿</p>")
    w.q, w.hidden = q, hidden
    return w


def test_qa_search_finds_by_words(client, qa_world):
    w = qa_world
    body = text_of(client.get(reverse("zc:qa"), {"q": "个体户怎么申请补贴"}))
    assert f'href="{reverse("zc:question", args=[w.q.pk])}"' in body
    assert "草稿问题" not in body
    assert not UnansweredSearch.objects.exists()


def test_qa_search_without_result_is_logged_and_rate_limited(client, qa_world):
    response = client.get(reverse("zc:qa"), {"q": "宅基地审批流程"})
    body = text_of(response)
    assert "暂时没有找到" in body
    assert 'href="/ysqgk/"' in body and f'href="{reverse("zc:library")}"' in body
    entry = UnansweredSearch.objects.get()
    assert entry.count == 1
    for _ in range(40):
        client.get(reverse("zc:qa"), {"q": "宅基地审批流程"})
    entry.refresh_from_db()
    assert entry.count == 20  # one client counts at most 20 an hour


def test_question_page_and_unpublished_404(client, qa_world):
    w = qa_world
    body = text_of(client.get(reverse("zc:question", args=[w.q.pk])))
    assert "携带营业执照" in body
    assert "<script>alert(1)</script>" not in body
    assert "这条解答对您有帮助吗" in body
    assert client.get(reverse("zc:question", args=[w.hidden.pk])).status_code == 404


def test_vote_counts_once_per_day_and_needs_csrf(qa_world):
    w = qa_world
    url = reverse("zc:vote", args=[w.q.pk])
    strict = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 test")
    assert strict.post(url, {"helpful": "1"}).status_code == 403
    assert not QuestionFeedback.objects.exists()
    page = strict.get(reverse("zc:question", args=[w.q.pk]))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text_of(page)).group(1)
    first = strict.post(url, {"helpful": "1", "csrfmiddlewaretoken": token}, follow=True)
    assert "感谢您的评价" in text_of(first)
    second = strict.post(url, {"helpful": "0", "csrfmiddlewaretoken": token}, follow=True)
    assert "您今天已经评价过" in text_of(second)
    w.q.refresh_from_db()
    assert (w.q.helpful_yes, w.q.helpful_no) == (1, 0)
    # Another browser (other user agent) counts separately.
    other = Client(HTTP_USER_AGENT="Other/1.0")
    other.post(url, {"helpful": "0"})
    w.q.refresh_from_db()
    assert (w.q.helpful_yes, w.q.helpful_no) == (1, 1)


def test_vote_on_unpublished_question_is_404(client, qa_world):
    assert client.post(reverse("zc:vote", args=[qa_world.hidden.pk]), {"helpful": "1"}).status_code == 404
    assert client.get(reverse("zc:vote", args=[qa_world.q.pk])).status_code == 405


def test_site_search_includes_published_qa(client, qa_world):
    body = text_of(client.get(reverse("portal:search"), {"q": "创业补贴"}))
    assert reverse("zc:question", args=[qa_world.q.pk]) in body
    assert reverse("zc:question", args=[qa_world.hidden.pk]) not in body


# --- packages ------------------------------------------------------------------------------------------------------
def test_package_page_gathers_everything(client, pair):
    w = pair
    svc = services.save_service(
        w.town, actor=w.editor, name="补贴申领", guide_url="https://zwfw.example.gov.cn/bs/9"
    )
    q = services.save_question(
        w.town, actor=w.editor, question="补贴什么时候发放？", answer="<p>每年6月。</p>"
    )
    services.set_question_state(q, actor=w.reviewer, state="published")
    draft_doc = make_document(w, title="城关镇未公开办法", doc_number="城政〔2024〕30号")
    pkg = services.save_package(
        actor=w.office,
        title="惠农补贴一件事",
        slug="huinong-butie",
        theme="惠农惠企补贴",
        summary="耕地补贴政策集中发布。",
        documents=[w.new, w.old, draft_doc],
        questions=[q],
        services=[svc],
        is_published=True,
    )
    body = text_of(client.get(reverse("zc:package", args=[pkg.slug])))
    assert w.new.publication.title in body and w.old.publication.title in body
    assert "城关镇未公开办法" not in body
    assert re.search(r'zc-status zc-repealed">已废止<', body)
    assert f'href="{reverse("info:detail", args=[w.interp.publication_id])}"' in body
    assert f'href="{reverse("zc:question", args=[q.pk])}"' in body
    assert 'href="https://zwfw.example.gov.cn/bs/9" rel="noopener"' in body
    listing = text_of(client.get(reverse("zc:packages")))
    assert f'href="{reverse("zc:package", args=[pkg.slug])}"' in listing


def test_unpublished_package_is_404(client, world):
    pkg = services.save_package(
        actor=world.office, title="草稿政策包", slug="caogao", theme="其他", is_published=False
    )
    assert client.get(reverse("zc:package", args=[pkg.slug])).status_code == 404
    assert "草稿政策包" not in text_of(client.get(reverse("zc:packages")))
    assert Package.objects.count() == 1


def test_portal_nav_and_home_feed(client, pair):
    home = text_of(client.get("/"))
    assert 'href="/zcwj/"' in home
    assert reverse("zc:document", args=[pair.new.pk]) in home


def test_status_q_matches_status_case(world):
    """The library's range filter for a status selects exactly the documents whose live status it is."""
    from gongkai.policies import selectors
    from gongkai.policies.public_views import STATUSES
    from gongkai.policies.selectors import status_q

    w = world
    today = timezone.localdate()
    published(w, "甲办法", doc_number="城政〔2024〕41号", formed_date=today - timedelta(days=30))
    published(w, "乙办法（试行）", doc_number="城政〔2020〕42号", formed_date=date(2020, 1, 1))
    published(
        w,
        "丙办法",
        doc_number="城政〔2024〕43号",
        formed_date=today - timedelta(days=3),
        effective_date=today + timedelta(days=3),
    )
    d = published(w, "丁办法", doc_number="城政〔2024〕44号", formed_date=today - timedelta(days=90))
    e = published(w, "戊办法", doc_number="城政〔2024〕45号", formed_date=today - timedelta(days=90))
    f = published(w, "己办法", doc_number="城政〔2024〕46号", formed_date=today - timedelta(days=90))
    g = published(w, "庚办法", doc_number="城政〔2024〕47号", formed_date=today - timedelta(days=90))
    amending = published(
        w, "关于修改丁办法的决定", doc_number="城政〔2024〕48号", formed_date=today - timedelta(days=9)
    )
    services.add_relation(d, actor=w.reviewer, kind="amends", source=amending, effective_date=today)
    services.add_relation(e, actor=w.reviewer, kind="repeals", effective_date=today, basis="决定")
    services.add_relation(f, actor=w.reviewer, kind="declares_expired", effective_date=today, basis="清理")
    services.add_relation(
        g, actor=w.reviewer, kind="amends", source=amending, effective_date=today + timedelta(days=5)
    )
    services.add_relation(
        g, actor=w.reviewer, kind="repeals", effective_date=today + timedelta(days=9), basis="将废止"
    )
    for day in (
        today - timedelta(days=400),
        today,
        today + timedelta(days=4),
        today + timedelta(days=6),
        today + timedelta(days=4000),
    ):
        annotated = selectors.with_status(selectors.public_documents(), day)
        seen = set()
        for status in STATUSES:
            expected = set(annotated.filter(live_status=status).values_list("pk", flat=True))
            got = set(selectors.public_documents().filter(status_q(status, day)).values_list("pk", flat=True))
            assert got == expected, (day, status)
            seen |= got
        assert seen == set(annotated.exclude(live_status="").values_list("pk", flat=True))


def test_library_keyword_latin_letters_ignore_case(client, world):
    published(world, "城关镇PPP项目管理办法", doc_number="城政〔2024〕51号")
    published(world, "城关镇项目资金管理办法", doc_number="城政〔2024〕52号")
    assert doc_row_titles(client.get(reverse("zc:library"), {"q": "ppp 项目"})) == ["城关镇PPP项目管理办法"]
    assert len(doc_row_titles(client.get(reverse("zc:library"), {"q": "项目"}))) == 2


@pytest.mark.parametrize("prefix", ["", "\t", "\r"])
def test_catalog_xlsx_never_writes_a_formula(client, world, prefix):
    from openpyxl import load_workbook

    from gongkai.publishing.models import Publication

    doc = published(world, "城关镇现行办法乙", doc_number="城政〔2024〕31号")
    payload = prefix + '=HYPERLINK("http://evil.example/","点击")'
    Publication.objects.filter(pk=doc.publication.pk).update(title=payload)
    cache.clear()
    sheet = load_workbook(io.BytesIO(client.get(reverse("zc:catalog_xlsx")).content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert "'" + payload in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_qa_is_in_the_main_nav_and_on_the_home_page(client, qa_world):
    """政策问答 reachable from the main navigation and from the home page's 互动交流 block (issue 12)."""
    from bs4 import BeautifulSoup

    w = qa_world
    soup = BeautifulSoup(text_of(client.get("/")), "html.parser")
    nav = {a.get_text(strip=True): a["href"] for a in soup.select("nav.site-nav a")}
    assert nav["政策问答"] == reverse("zc:qa")
    block = soup.select_one(".block-participation")
    assert "暂无内容" not in block.get_text()
    assert block.select_one(f'a[href="{reverse("zc:question", args=[w.q.pk])}"]') is not None
    assert w.hidden.question not in block.get_text()
    assert block.select_one(f'a[href="{reverse("zc:qa")}"]') is not None
    # On the Q&A page only 政策问答 is current, not 政策文件 as well.
    qa = BeautifulSoup(text_of(client.get(reverse("zc:qa"))), "html.parser")
    current = [a.get_text(strip=True) for a in qa.select("nav.site-nav a[aria-current]")]
    assert current == ["政策问答"]


def test_document_page_has_prev_next_in_library_order_and_a_print_view(client, world):
    """上一篇/下一篇 and 打印 on the policy document page too (issue 12)."""
    today = timezone.localdate()
    first = published(world, "城关镇甲办法", doc_number="城政〔2025〕31号", when=today - timedelta(days=30))
    second = published(world, "城关镇乙办法", doc_number="城政〔2025〕32号", when=today - timedelta(days=20))
    third = published(world, "城关镇丙办法", doc_number="城政〔2025〕33号", when=today - timedelta(days=10))
    body = text_of(client.get(reverse("zc:document", args=[second.pk])))
    assert re.search(rf'上一篇：<a href="/zcwj/{third.pk}/" rel="prev">城关镇丙办法</a>', body)
    assert re.search(rf'下一篇：<a href="/zcwj/{first.pk}/" rel="next">城关镇甲办法</a>', body)
    print_url = reverse("info:print", args=[second.publication.pk])
    assert f'href="{print_url}"' in body
    assert "城关镇乙办法" in text_of(client.get(print_url))
