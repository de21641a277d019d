"""An amended document's page shows its current text (现行文本) with the amendments applied, the original and each
amendment linked, and says which amendments were applied and which could not be (issue 12)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies import services

from .factories import SUBSIDY_V1, make_document, publish_document

pytestmark = pytest.mark.django_db

FIRST = """关于修改《示范县耕地地力保护补贴管理办法》的决定
一、将第四条修改为：“补贴标准为每亩120元。”
二、将第五条中的“一卡通”修改为“社会保障卡”。
本决定自印发之日起施行。"""
# Numbered against the text as amended by FIRST (unchanged numbering): applied after it.
SECOND = """关于再次修改《示范县耕地地力保护补贴管理办法》的决定
增加一条，作为第六条：“乡镇人民政府负责补贴面积的核实和公示。”"""
BY_PARAGRAPH = """关于修改《示范县耕地地力保护补贴管理办法》第三条的决定
第三条增加一款，作为第二款：“撂荒一年以上的耕地暂停发放补贴。”"""


def _amend(w, base, title, text, number, when: date, effective: date | None = None):
    decision = make_document(w, title=title, text=text, doc_number=number, formed_date=when)
    services.add_relation(
        base, actor=w.reviewer, kind="amends", source=decision, effective_date=effective or when
    )
    return publish_document(w, decision, when)


@pytest.fixture
def amended(world):
    w = world
    today = timezone.localdate()
    w.base = publish_document(
        w, make_document(w, doc_number="城政〔2024〕1号", formed_date=today - timedelta(days=400))
    )
    w.first = _amend(
        w, w.base, "关于修改补贴办法的决定", FIRST, "城政〔2025〕5号", today - timedelta(days=100)
    )
    w.today = today
    return w


def _page(client, doc) -> str:
    response = client.get(reverse("zc:document", args=[doc.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_amended_document_shows_the_current_text_and_links_the_original_and_amendments(amended, client):
    w = amended
    second = _amend(
        w, w.base, "关于再次修改补贴办法的决定", SECOND, "城政〔2025〕9号", w.today - timedelta(days=10)
    )
    page = _page(client, w.base)
    text = _between(page, 'class="article-body zc-current"', "</div>")
    assert "第四条　补贴标准为每亩120元。" in text  # first decision
    assert "第五条　补贴资金通过“社会保障卡”发放。" in text
    assert "第六条　乡镇人民政府负责补贴面积的核实和公示。" in text  # second decision, on the amended text
    assert "第七条　本办法自发布之日起施行。" in text  # renumbered
    assert "每亩100元" not in text
    note = _between(page, 'id="amendments"', "</div>")
    assert note.count("已并入") == 2 and "未能自动并入" not in note
    for decision in (w.first, second):
        assert f'href="{reverse("zc:document", args=[decision.pk])}"' in note
    assert f'href="{reverse("info:detail", args=[w.base.publication_id])}"' in note  # the original
    assert "现行文本" in page
    # The original itself stays on its 政府信息 page.
    original = client.get(reverse("info:detail", args=[w.base.publication_id])).content.decode()
    assert "每亩100元" in original


def test_an_amendment_that_cannot_be_applied_is_named_and_later_ones_are_held(amended, client):
    w = amended
    paragraph = _amend(
        w,
        w.base,
        "关于修改补贴办法第三条的决定",
        BY_PARAGRAPH,
        "城政〔2025〕7号",
        w.today - timedelta(days=50),
    )
    later = _amend(
        w, w.base, "关于再次修改补贴办法的决定", SECOND, "城政〔2025〕9号", w.today - timedelta(days=10)
    )
    page = _page(client, w.base)
    text = _between(page, 'class="article-body zc-current"', "</div>")
    assert "每亩120元" in text and "撂荒" not in text and "核实和公示" not in text
    note = _between(page, 'id="amendments"', "</div>")
    assert note.count("已并入") == 1
    assert "第三条增加一款：按款修改的内容不能自动并入" in note
    assert "此前的修改未能自动并入" in note
    for decision in (paragraph, later):
        assert f'href="{reverse("zc:document", args=[decision.pk])}"' in note


def test_an_amendment_not_yet_in_force_is_announced_not_applied(world, client):
    w = world
    today = timezone.localdate()
    base = publish_document(
        w, make_document(w, doc_number="城政〔2024〕1号", formed_date=today - timedelta(days=400))
    )
    _amend(
        w,
        base,
        "关于修改补贴办法的决定",
        FIRST,
        "城政〔2025〕5号",
        today - timedelta(days=5),
        today + timedelta(days=20),
    )
    page = _page(client, base)
    assert 'class="article-body zc-current"' not in page  # nothing applied yet: the original is the text
    assert "每亩100元" in _between(page, 'id="text-h"', "</section>")
    assert "届时修改本文件" in page


def test_a_document_never_amended_keeps_its_plain_page(world, client):
    doc = publish_document(world, make_document(world, doc_number="城政〔2024〕1号", text=SUBSIDY_V1))
    page = _page(client, doc)
    assert 'id="amendments"' not in page and ">全文<" in page
