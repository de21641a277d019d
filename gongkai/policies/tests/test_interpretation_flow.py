"""Interpretations (issue 12): the 新旧政策差异 element is really prefilled when the form says so, and the drafting
unit's leader signs the interpretation off (审定) before it can go to review."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.policies import selectors, services
from gongkai.policies.cards import policy_cards
from gongkai.policies.services import PolicyError
from gongkai.publishing import services as publishing
from gongkai.publishing.vocab import State

from .factories import ALL_ELEMENTS, SUBSIDY_V2, make_document, make_interpretation, publish_document

pytestmark = pytest.mark.django_db

OLD_TITLE = "示范县高龄老人生活补贴发放办法"


def _textarea(page: str) -> str:
    start = page.index('name="el_differences_note"')
    return page[page.index(">", start) + 1 : page.index("</textarea>", start)].strip()


def _form_page(client, user, doc) -> str:
    client.force_login(user)
    response = client.get(reverse("policies:interpretation_new"), {"doc": doc.pk})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def predecessor(world):
    return publish_document(
        world,
        make_document(world, title=OLD_TITLE, doc_number="城政〔2020〕7号", formed_date=date(2020, 1, 2)),
        date(2020, 1, 3),
    )


def test_a_document_that_repeals_its_predecessor_gets_the_comparison(world, predecessor, client):
    new = make_document(
        world, title="示范县养老服务补贴实施办法", text=SUBSIDY_V2, doc_number="城政〔2025〕3号"
    )
    services.add_relation(predecessor, actor=world.editor, kind="repeals", source=new)
    page = _form_page(client, world.editor, new)
    seed = _textarea(page)
    assert f"原《{OLD_TITLE}》（城政〔2020〕7号）同时废止" in seed
    assert "每亩100元调整为每亩120元" in seed
    assert "已根据文件关系自动填入" in page


def test_a_predecessor_cited_in_the_text_is_compared_before_the_relation_is_recorded(
    world, predecessor, client
):
    new = make_document(
        world,
        title="示范县养老服务补贴实施办法",
        text=SUBSIDY_V2 + f"\n第八条　《{OLD_TITLE}》（城政〔2020〕7号）同时废止。",
        doc_number="城政〔2025〕3号",
    )
    seed = _textarea(_form_page(client, world.editor, new))
    assert "正文提到该文件，尚未登记文件关系" in seed and "每亩120元" in seed


def test_an_amended_document_is_compared_with_its_current_text(world, predecessor, client):
    decision = make_document(
        world,
        title="关于修改补贴办法的决定",
        text="将第四条中的“每亩100元”修改为“每亩150元”。",
        doc_number="城政〔2025〕4号",
    )
    services.add_relation(predecessor, actor=world.editor, kind="amends", source=decision)
    seed = _textarea(_form_page(client, world.editor, predecessor))
    assert seed.startswith("经《关于修改补贴办法的决定》（城政〔2025〕4号）修改，与原文相比")
    assert "每亩100元调整为每亩150元" in seed


def test_nothing_to_compare_is_said_instead_of_claiming_it_was_filled(world, predecessor, client):
    page = _form_page(client, world.editor, predecessor)
    assert _textarea(page) == ""
    assert "自动填入比对结果" not in page
    assert "无法自动填入" in page and "不适用" in page


def test_an_interpretation_needs_the_leaders_signoff_before_review(world, predecessor, client):
    w = world
    interp = make_interpretation(w, [predecessor], sign_off=False)
    with pytest.raises(publishing.PublishingError, match="单位负责人审定"):
        publishing.submit(interp.publication, actor=w.editor)
    # Only the drafting unit's leader signs off; a return needs the comments.
    for person in (w.editor, w.reviewer, w.dept_leader):
        with pytest.raises(PolicyError):
            services.sign_off_interpretation(interp, actor=person, approve=True)
    with pytest.raises(PolicyError, match="写明审定意见"):
        services.sign_off_interpretation(interp, actor=w.leader, approve=False)
    services.sign_off_interpretation(interp, actor=w.leader, approve=False, note="请补充办理流程")
    interp.refresh_from_db()
    assert interp.signoff_state == "returned"
    assert selectors.awaiting_signoff([w.town.pk]) == []  # with the editors now
    with pytest.raises(publishing.PublishingError, match="负责人已退回修改"):
        publishing.submit(interp.publication, actor=w.editor)
    services.update_interpretation(interp, actor=w.editor, interpreter_name="王建华")
    interp.refresh_from_db()
    assert interp.signoff_state == "changed" and selectors.awaiting_signoff([w.town.pk]) == [interp]
    services.sign_off_interpretation(interp, actor=w.leader, approve=True)
    interp.refresh_from_db()
    assert interp.signoff_state == "approved" and interp.signoff_by == w.leader
    # An edit after the sign-off — here through publishing's own edit page — asks for a new one.
    publishing.update_draft(interp.publication, actor=w.editor, body="<p>改写后的解读。</p>")
    interp.refresh_from_db()
    assert interp.signoff_state == "changed"
    with pytest.raises(publishing.PublishingError, match="审定后内容有修改"):
        publishing.submit(interp.publication, actor=w.editor)
    services.sign_off_interpretation(interp, actor=w.leader, approve=True)
    publishing.submit(interp.publication, actor=w.editor)
    interp.publication.refresh_from_db()
    assert interp.publication.state == State.SUBMITTED
    with pytest.raises(PolicyError, match="不在审定环节"):
        services.sign_off_interpretation(interp, actor=w.leader, approve=True)


def test_an_incomplete_checklist_cannot_be_signed_off(world, predecessor):
    partial = {k: v for k, v in ALL_ELEMENTS.items() if k != "procedure"}
    interp = make_interpretation(world, [predecessor], elements=partial)
    with pytest.raises(PolicyError, match="办理流程"):
        services.sign_off_interpretation(interp, actor=world.leader, approve=True)


def test_the_leader_reads_and_signs_off_in_the_workspace(world, predecessor, client):
    w = world
    interp = make_interpretation(w, [predecessor], sign_off=False)
    assert selectors.awaiting_signoff([w.town.pk]) == [interp]
    assert any(c.title == "待审定的政策解读" for c in policy_cards(w.leader))
    assert not any(c.title == "待审定的政策解读" for c in policy_cards(w.editor))
    url = reverse("policies:interpretation_signoff", args=[interp.pk])
    client.force_login(w.editor)
    assert client.get(url).status_code == 403
    client.force_login(w.leader)
    listing = client.get(reverse("policies:interpretations")).content.decode()
    assert f'href="{url}"' in listing and "待负责人审定" in listing
    page = client.get(url).content.decode()
    assert "一图读懂补贴标准调整" in page and OLD_TITLE in page and "新旧政策差异" in page
    r = client.post(url, {"approve": "0", "note": ""})
    assert r.status_code == 200 and "写明审定意见" in r.content.decode()
    r = client.post(url, {"approve": "1", "note": "同意发布"}, follow=True)
    assert "已审定" in r.content.decode()
    assert selectors.awaiting_signoff([w.town.pk]) == []
    client.force_login(w.editor)
    edit = client.get(reverse("policies:interpretation_edit", args=[interp.pk])).content.decode()
    assert "已审定" in edit and "同意发布" in edit
