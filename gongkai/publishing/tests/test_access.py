"""Who may do what in publishing (``access``): each rule by post, and the buttons, services and views agreeing."""

import pytest
from django.urls import reverse

from gongkai.publishing import access, selectors, services
from gongkai.publishing.models import CatalogNode
from gongkai.publishing.vocab import State, Verdict
from gongkai.roles import Role

from .conftest import make_user
from .factories import FORMED
from .fixtures import ALL_PASS

PEOPLE = ("editor", "reviewer", "both", "leader", "dept_editor", "dept_reviewer", "office")


@pytest.fixture
def w(world):
    world.leader = make_user("town_leader", world.town, Role.LEADER)
    return world


def _draft(w, author=None):
    return services.create_draft(
        w.town,
        actor=author or w.editor,
        title="关于公开征集意见的通知",
        body="<p>正文</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[CatalogNode.objects.get(code="art20-11")],
    )


def _allowed(w, rule) -> set[str]:
    return {name for name in PEOPLE if rule(getattr(w, name))}


@pytest.mark.django_db
def test_each_rule_names_its_posts(w):
    pub = _draft(w)
    editors = {"editor", "both", "office"}
    editors_reviewers = editors | {"reviewer"}
    managers = editors_reviewers | {"leader"}
    assert _allowed(w, lambda u: access.can_draft(u, w.town)) == editors
    assert _allowed(w, lambda u: access.can_edit(u, pub)) == editors
    assert _allowed(w, lambda u: access.can_submit(u, pub)) == editors
    # The author (town_editor) holds no reviewer post; town_both does and did not write this one.
    assert _allowed(w, lambda u: access.can_review(u, pub)) == {"reviewer", "both", "office"}
    assert _allowed(w, lambda u: access.can_override(u, pub)) == {"reviewer", "both", "office"}
    assert _allowed(w, lambda u: access.can_resolve(u, pub)) == editors_reviewers
    assert _allowed(w, lambda u: access.can_publish(u, pub)) == editors_reviewers
    for rule in (access.can_scan, access.can_withdraw, access.can_archive, access.can_manage_lifecycle):
        assert _allowed(w, lambda u, rule=rule: rule(u, pub)) == managers
    assert _allowed(w, lambda u: access.can_edit_catalog(u, None)) == {"office"}
    assert _allowed(w, lambda u: access.can_edit_catalog(u, w.town)) == editors
    assert _allowed(w, access.can_edit_terms) == {"office"}
    assert _allowed(w, access.can_rescan) == {"office"}
    assert _allowed(w, lambda u: access.can_rescan(u, w.town)) == managers
    # The system may do everything.
    assert all(
        rule(None, pub)
        for rule in (
            access.can_edit,
            access.can_review,
            access.can_publish,
            access.can_withdraw,
            access.can_mask,
        )
    )


@pytest.mark.django_db
def test_nobody_reviews_their_own_draft(w):
    pub = _draft(w, author=w.both)
    assert access.is_reviewer(w.both, w.town) and not access.can_review(w.both, pub)
    services.submit(pub, actor=w.both)
    pub.refresh_from_db()
    can = selectors.abilities(w.both, pub)
    assert can["author_cannot_review"] and not can["review"]
    with pytest.raises(services.PublishingError, match="起草人不能审查"):
        services.start_review(pub, actor=w.both)


@pytest.mark.django_db
def test_files_follow_the_state(w):
    pub = _draft(w)
    assert _allowed(w, lambda u: access.can_change_files(u, pub)) == {"editor", "both", "office"}
    services.submit(pub, actor=w.editor)
    pub.refresh_from_db()
    assert _allowed(w, lambda u: access.can_change_files(u, pub)) == {"editor", "reviewer", "both", "office"}
    services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)
    services.publish(pub, actor=w.reviewer)
    services.withdraw(pub, actor=w.reviewer, reason="内容有误")
    pub.refresh_from_db()
    assert pub.state == State.WITHDRAWN
    assert _allowed(w, lambda u: access.can_change_files(u, pub)) == set()
    assert not access.can_change_files(None, pub)


@pytest.mark.django_db
def test_a_button_is_shown_exactly_when_the_service_would_act(w):
    """The mask button on a draft: the unit's reviewer used to see it although the service refuses them."""
    pub = _draft(w)
    pub.body = "<p>联系电话 13807991234</p>"
    pub.body_text = "联系电话 13807991234"
    pub.save()
    services.scan_publication(pub, actor=w.editor)
    assert not selectors.abilities(w.reviewer, pub)["mask"]
    with pytest.raises(services.PublishingError, match="信息编辑"):
        services.mask_publication(pub, actor=w.reviewer)
    assert selectors.abilities(w.editor, pub)["mask"]
    assert services.mask_publication(pub, actor=w.editor) == 1


@pytest.mark.django_db
def test_views_answer_403_for_a_visible_item_without_the_post(client, w):
    pub = _draft(w)
    client.force_login(w.leader)
    assert client.get(reverse("publishing:detail", args=[pub.pk])).status_code == 200
    assert client.get(reverse("publishing:edit", args=[pub.pk])).status_code == 403
    assert client.get(reverse("publishing:review", args=[pub.pk])).status_code == 403
    assert client.get(reverse("publishing:create")).status_code == 403
    assert client.get(reverse("publishing:rescan")).status_code == 403


@pytest.mark.django_db
def test_a_refusal_lands_beside_its_form_field(client, w):
    client.force_login(w.editor)
    node = CatalogNode.objects.get(code="art20-11")
    response = client.post(
        reverse("publishing:create"),
        {
            "unit": w.town.pk,
            "title": "关于开展春季植树活动的通知",
            "doc_number": "第七号文件",
            "disclosure_mode": "active",
            "nodes": [str(node.pk)],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "格式不正确" in " ".join(form.errors["doc_number"])
    assert not form.non_field_errors()
    assert "格式不正确" in response.content.decode()
