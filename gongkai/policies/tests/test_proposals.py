"""Relations against another unit's document (跨单位文件关系提议): only proposed; the target's unit (or the office)
accepts or rejects; nothing about the target changes before; the proposer sees the result; every step audited."""

import io
import re

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import User
from gongkai.policies import access, services
from gongkai.policies.cards import policy_cards
from gongkai.policies.errors import PolicyError
from gongkai.policies.models import PolicyDocument, PolicyRelation, RelationProposal
from gongkai.policies.vocab import ProposalState
from gongkai.publishing.tests.conftest import make_user
from gongkai.publishing.vocab import State
from gongkai.roles import Role

from .factories import make_document, publish_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_county(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo
    from gongkai.policies import demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())


def _public(client, doc) -> str:
    from django.core.cache import cache

    cache.clear()
    page = client.get(reverse("zc:document", args=[doc.pk])).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)  # the one part that varies


def test_town_editor_cannot_repeal_the_county_offices_document(client, demo_county):
    """The attack of issue 11: cgz_editor POSTs kind=repeals against 县政府办's published document."""
    cgz_editor = User.objects.get(username="cgz_editor")
    mine = PolicyDocument.objects.filter(
        publication__unit__short_name="城关镇", publication__state=State.PUBLISHED
    ).first()
    target = (
        PolicyDocument.objects.filter(
            publication__unit__short_name="县政府办", publication__state=State.PUBLISHED
        )
        .exclude(relations_in__isnull=False)
        .exclude(proposals_in__isnull=False)
        .first()
    )
    before_status = services.validity_of(target).status
    before_page = _public(client, target)
    assert "已废止" not in before_page
    relations = PolicyRelation.objects.count()
    client.force_login(cgz_editor)
    r = client.post(
        reverse("policies:relation_add", args=[mine.pk]),
        {"kind": "repeals", "other": target.pk, "effective_date": "2026-01-01"},
    )
    assert r.status_code == 302
    # Nothing changed on the target: no relation, same status, same public page.
    assert PolicyRelation.objects.count() == relations
    target.refresh_from_db()
    assert services.validity_of(target).status == before_status
    client.logout()
    assert _public(client, target) == before_page
    proposal = RelationProposal.objects.get(source=mine, target=target)
    assert proposal.state == ProposalState.PENDING
    assert AuditEvent.objects.filter(action="policies.relation_proposed", object_id=str(target.pk)).exists()

    # The owners see it on their dashboard and accept; only then is the document repealed.
    zfb_leader = User.objects.get(username="zfb_leader")
    card = next(c for c in policy_cards(zfb_leader) if c.title.startswith("其他单位提议的文件关系"))
    assert any(target.publication.title in label for label, _ in card.items)
    client.force_login(cgz_editor)
    decide = reverse("policies:proposal_decide", args=[proposal.pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 404  # not the proposer's to decide
    client.force_login(zfb_leader)
    page = client.get(reverse("policies:detail", args=[target.pk])).content.decode()
    assert decide in page
    assert client.post(decide, {"decision": "accept", "note": "同意"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.relation is not None
    client.logout()
    assert "已废止" in _public(client, target)
    # The proposer sees the result.
    result = next(c for c in policy_cards(cgz_editor) if c.title == "本单位文件关系提议的处理结果")
    assert any("已接受" in label for label, _ in result.items)
    # …and cannot remove the relation; the target's owners can.
    with pytest.raises(PolicyError):
        services.remove_relation(proposal.relation, actor=cgz_editor, reason="误登记")
    services.remove_relation(proposal.relation, actor=zfb_leader, reason="误登记")


def test_demo_shows_proposals_in_every_state(demo_county):
    assert set(RelationProposal.objects.values_list("state", flat=True)) == set(ProposalState.values)


@pytest.fixture
def docs(world):
    w = world
    town_doc = publish_document(w, make_document(w, doc_number="城政〔2024〕8号"))
    dept_doc = publish_document(
        w,
        make_document(w, title="县发改委关于废止有关文件的决定", unit=w.dept, doc_number="示发改〔2024〕9号"),
    )
    return town_doc, dept_doc


def test_reject_needs_a_reason_and_leaves_the_target_alone(world, docs):
    w = world
    town_doc, dept_doc = docs
    before = services.validity_of(town_doc).status
    proposal = services.propose_relation(town_doc, actor=w.dept_editor, kind="repeals", source=dept_doc)
    with pytest.raises(PolicyError, match="同样的提议"):
        services.propose_relation(town_doc, actor=w.dept_editor, kind="repeals", source=dept_doc)
    with pytest.raises(PolicyError, match="拒绝的理由"):
        services.reject_proposal(proposal, actor=w.editor, note=" ")
    # Another unit, and the proposer, may not decide.
    outsider = make_user(
        "third_editor", make_document(w, title="乙", unit=w.dept).publication.unit, Role.EDITOR
    )
    for actor in (w.dept_editor, w.dept_reviewer, outsider):
        assert not access.can_decide_proposal(actor, proposal)
        with pytest.raises(PolicyError):
            services.accept_proposal(proposal, actor=actor)
    services.reject_proposal(proposal, actor=w.reviewer, note="本办法仍然有效。")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED and proposal.decision_note == "本办法仍然有效。"
    assert services.validity_of(town_doc).status == before and not PolicyRelation.objects.exists()
    with pytest.raises(PolicyError, match="已拒绝"):
        services.accept_proposal(proposal, actor=w.office)
    card = next(c for c in policy_cards(w.dept_editor) if c.title == "本单位文件关系提议的处理结果")
    assert card.tone == "warn" and "已拒绝" in card.items[0][0]
    actions = list(
        AuditEvent.objects.filter(action__startswith="policies.relation_proposal").values_list(
            "action", flat=True
        )
    )
    assert actions == ["policies.relation_proposal_rejected"]


def test_withdraw_and_office_accepts(world, docs):
    w = world
    town_doc, dept_doc = docs
    proposal = services.propose_relation(town_doc, actor=w.dept_editor, kind="repeals", source=dept_doc)
    with pytest.raises(PolicyError):
        # the target's unit rejects, it does not withdraw
        services.withdraw_proposal(proposal, actor=w.editor)
    services.withdraw_proposal(proposal, actor=w.dept_editor)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    again = services.propose_relation(town_doc, actor=w.dept_editor, kind="repeals", source=dept_doc)
    # The office decides for any unit; a proposal is not needed when one may record it.
    assert not access.can_propose_relation(w.office, source=dept_doc, target=town_doc)
    relation = services.accept_proposal(again, actor=w.office)
    assert relation.target == town_doc and relation.source == dept_doc
    assert services.validity_of(town_doc).status.value == "已废止"


def test_propose_view_for_another_units_document_and_decision_page(client, world, docs):
    w = world
    town_doc, dept_doc = docs
    client.force_login(w.dept_editor)
    r = client.post(
        reverse("policies:relation_add", args=[dept_doc.pk]), {"kind": "repeals", "other": town_doc.pk}
    )
    assert r.status_code == 302
    assert not PolicyRelation.objects.exists()
    page = client.get(reverse("policies:detail", args=[dept_doc.pk])).content.decode()
    assert "待对方单位确认" in page and "撤回" in page
    client.force_login(w.leader)
    page = client.get(reverse("policies:detail", args=[town_doc.pk])).content.decode()
    assert "其他单位提议的文件关系" in page and "接受" in page
    proposal = RelationProposal.objects.get()
    r = client.post(
        reverse("policies:proposal_decide", args=[proposal.pk]), {"decision": "reject", "note": ""}
    )
    assert r.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING  # a rejection without a reason is refused
