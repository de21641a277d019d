"""Extending a 规范性文件's term (issue 12): the unit leader approves, a public notice is published through the review
workflow, and only then does the term move. One editor can no longer do it alone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.policies import selectors, services
from gongkai.policies.models import Evaluation, ExtensionRequest, PolicyRelation
from gongkai.policies.services import PolicyError
from gongkai.publishing import services as publishing
from gongkai.publishing.vocab import State

from .factories import ALL_PASS, approve, aware, make_document, publish_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(world):
    """A published document of the town whose term ends in about 60 days (inside the evaluation window)."""
    today = timezone.localdate()
    start = today.replace(year=today.year - 5) + timedelta(days=60)
    doc = make_document(world, doc_number="城政〔2021〕6号", formed_date=start, effective_date=start)
    publish_document(world, doc, start)
    doc.refresh_from_db()
    world.doc, world.old_end, world.today = doc, doc.expires_on, today
    return world


def _propose(w, actor=None, days=365):
    evaluation = services.decide_evaluation(
        w.doc,
        actor=actor or w.editor,
        decision="extend",
        note="实施效果良好，需继续执行",
        extended_until=w.old_end + timedelta(days=days),
    )
    return evaluation.extension


def test_an_editor_alone_cannot_extend_a_term(due):
    w = due
    ext = _propose(w)
    w.doc.refresh_from_db()
    assert ext.state == "pending"
    assert w.doc.expires_on == w.old_end  # the evaluation only proposes it
    assert "延续有效期" not in services.validity_of(w.doc).reason
    assert not PolicyRelation.objects.filter(target=w.doc, kind="extends").exists()
    # Nor by recording the relation directly.
    with pytest.raises(PolicyError, match="单位负责人批准并发布公告"):
        services.add_relation(
            w.doc,
            actor=w.editor,
            kind="extends",
            effective_date=w.today,
            extended_until=w.old_end + timedelta(days=365),
        )
    # Nor can the editor, the reviewer or another unit's leader approve it.
    for person in (w.editor, w.reviewer, w.both, w.dept_leader):
        with pytest.raises(PolicyError, match="单位负责人|不是该单位"):
            services.decide_extension(ext, actor=person, approve=True)
    ext.refresh_from_db()
    assert ext.state == "pending"


def test_the_extension_acts_when_the_approved_notice_is_published(due):
    w = due
    new_end = w.old_end + timedelta(days=365)
    ext = _propose(w, actor=w.reviewer)
    services.decide_extension(ext, actor=w.leader, approve=True, note="同意")
    ext.refresh_from_db()
    w.doc.refresh_from_db()
    assert ext.state == "approved" and w.doc.expires_on == w.old_end
    # Only the unit's editors draft the notice; it is a publication filed under 规范性文件.
    with pytest.raises(PolicyError, match="信息编辑"):
        services.draft_extension_notice(ext, actor=w.leader)
    notice = services.draft_extension_notice(ext, actor=w.editor)
    assert services.draft_extension_notice(ext, actor=w.editor) == notice  # drafted once
    assert notice.title == f"关于延续《{w.doc.title}》有效期的公告"
    assert notice.state == State.DRAFT and notice.unit == w.town
    assert list(notice.nodes.values_list("code", flat=True)) == ["art20-01-01"]
    assert f"{new_end.year}年{new_end.month}月{new_end.day}日" in notice.body_text
    assert "城政〔2021〕6号" in notice.body_text and "实施效果良好" in notice.body_text
    # Reviewed (先审后发): still not extended while approved and unpublished.
    approve(w, notice)
    w.doc.refresh_from_db()
    assert w.doc.expires_on == w.old_end
    publishing.publish(notice, actor=w.reviewer)
    ext.refresh_from_db()
    w.doc.refresh_from_db()
    assert ext.state == "effective"
    assert (ext.relation.kind, ext.relation.effective_date, ext.relation.extended_until) == (
        "extends",
        w.today,
        new_end,
    )
    assert w.doc.expires_on == new_end
    assert f"经《关于延续〈{w.doc.title}〉有效期的公告》延续有效期" in services.validity_of(w.doc).reason
    actions = list(
        AuditEvent.objects.filter(action__startswith="policies.extension_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "policies.extension_request",
        "policies.extension_approve",
        "policies.extension_notice",
        "policies.extension_effective",
    ]


def test_a_refused_extension_sends_the_document_back_to_evaluation(due):
    w = due
    ext = _propose(w)
    assert selectors.expiring(w.today) == []
    with pytest.raises(PolicyError, match="写明理由"):
        services.decide_extension(ext, actor=w.leader, approve=False, note=" ")
    services.decide_extension(ext, actor=w.leader, approve=False, note="上位法已修改，请修订后重新制发")
    ext.refresh_from_db()
    assert ext.state == "rejected" and ext.decision_note == "上位法已修改，请修订后重新制发"
    with pytest.raises(PolicyError, match="不能再审批"):
        services.decide_extension(ext, actor=w.leader, approve=True)
    assert Evaluation.objects.get(pk=ext.evaluation_id).superseded_at is not None
    assert [d.pk for d in selectors.expiring(w.today)] == [w.doc.pk]
    # The unit decides again.
    services.decide_evaluation(w.doc, actor=w.reviewer, decision="reissue", note="修订后重新制发")
    assert selectors.expiring(w.today) == []


def test_a_notice_published_after_the_term_ran_out_is_refused(due):
    w = due
    ext = _propose(w)
    services.decide_extension(ext, actor=w.leader, approve=True)
    notice = services.draft_extension_notice(ext, actor=w.editor)
    approve(w, notice)
    late = w.old_end + timedelta(days=1)
    with pytest.raises(PolicyError, match="不能再延续有效期"):
        publishing.publish(notice, actor=w.reviewer, now=aware(late))
    notice.refresh_from_db()
    ext.refresh_from_db()
    assert notice.state == State.APPROVED and ext.state == "approved"
    assert not PolicyRelation.objects.filter(target=w.doc, kind="extends").exists()
    # Withdrawn before publication: the request waits for a new notice.
    publishing.withdraw(notice, actor=w.reviewer, reason="有效期已届满，不再公告")
    ext.refresh_from_db()
    assert ext.notice is None


def test_leader_approves_on_the_document_page_and_the_portal_links_the_notice(due, client):
    w = due
    ext = _propose(w)
    detail = reverse("policies:detail", args=[w.doc.pk])
    client.force_login(w.editor)
    page = client.get(detail).content.decode()
    assert "待单位负责人审批" in page and 'name="approve"' not in page
    assert (
        client.post(reverse("policies:extension_decide", args=[ext.pk]), {"approve": "1"}).status_code == 403
    )
    client.force_login(w.leader)
    assert 'name="approve"' in client.get(detail).content.decode()
    r = client.post(
        reverse("policies:extension_decide", args=[ext.pk]), {"approve": "0", "note": ""}, follow=True
    )
    assert any("写明理由" in str(m) for m in r.context["messages"])
    r = client.post(
        reverse("policies:extension_decide", args=[ext.pk]), {"approve": "1", "note": "同意"}, follow=True
    )
    assert any("请信息编辑起草并发布延续公告" in str(m) for m in r.context["messages"])
    client.force_login(w.editor)
    r = client.post(reverse("policies:extension_notice", args=[ext.pk]))
    ext.refresh_from_db()
    assert r["Location"] == reverse("publishing:detail", args=[ext.notice_id])
    publishing.submit(ext.notice, actor=w.editor)
    publishing.decide_review(ext.notice, actor=w.reviewer, checks=ALL_PASS, verdict="approved")
    publishing.publish(ext.notice, actor=w.reviewer)
    portal = client.get(reverse("zc:document", args=[w.doc.pk])).content.decode()
    assert f'href="{reverse("info:detail", args=[ext.notice_id])}"' in portal
    assert "延续有效期" in portal


def test_leaders_and_editors_see_their_cards(due):
    from gongkai.policies.cards import policy_cards

    w = due
    ext = _propose(w)
    assert any(c.title == "待审批的延续有效期申请" for c in policy_cards(w.leader, w.today))
    assert not any(c.title == "待审批的延续有效期申请" for c in policy_cards(w.editor, w.today))
    services.decide_extension(ext, actor=w.leader, approve=True)
    assert not any(c.title == "待审批的延续有效期申请" for c in policy_cards(w.leader, w.today))
    assert any(c.title == "已批准待公告的延续有效期" for c in policy_cards(w.editor, w.today))
    notice = services.draft_extension_notice(ext, actor=w.editor)
    approve(w, notice)
    publishing.publish(notice, actor=w.reviewer)
    assert ExtensionRequest.objects.get().state == "effective"
    assert not any(c.title == "已批准待公告的延续有效期" for c in policy_cards(w.editor, w.today))
