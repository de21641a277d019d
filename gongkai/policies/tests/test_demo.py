import io

import pytest
from django.utils import timezone

from gongkai.core.policy.validity import Status
from gongkai.policies import demo, history, selectors, services
from gongkai.policies.models import (
    Campaign,
    Evaluation,
    ExtensionRequest,
    Interpretation,
    Package,
    PolicyDocument,
    PolicyRelation,
    Question,
    QuestionFeedback,
    ServiceItem,
    UnansweredSearch,
)
from gongkai.policies.vocab import ExtensionState, InterpretationForm, RelationKind, SignOff
from gongkai.publishing.vocab import State

pytestmark = pytest.mark.django_db

MODELS = (
    PolicyDocument,
    PolicyRelation,
    Interpretation,
    Evaluation,
    Campaign,
    ServiceItem,
    Question,
    QuestionFeedback,
    UnansweredSearch,
    Package,
)


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def county(db):
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())


def test_demo_shows_every_state_and_runs_twice(county):
    from django.core.management import call_command

    out = io.StringIO()
    demo.load(out)
    assert "新建 文件" in out.getvalue()
    first = counts()
    today = timezone.localdate()

    # Every validity status among the published documents, and drafts / an item under review beside them.
    published = selectors.with_status(selectors.public_documents())
    assert set(published.values_list("live_status", flat=True)) == {s.value for s in Status}
    states = set(PolicyDocument.objects.values_list("publication__state", flat=True))
    assert {State.PUBLISHED, State.DRAFT, State.UNDER_REVIEW} <= states
    assert PolicyDocument.objects.filter(co_issuers__isnull=False).exists()
    assert PolicyDocument.objects.filter(is_major=True, publication__state=State.PUBLISHED).exists()
    assert PolicyDocument.objects.filter(interpretation_exempt=True).exists()

    # Relations: amended (with a clause-level consolidated diff), replaced, repealed, extended, declared expired.
    kinds = set(PolicyRelation.objects.values_list("kind", flat=True))
    assert kinds == set(RelationKind.values)
    amend = PolicyRelation.objects.get(kind=RelationKind.AMENDS)
    assert amend.clauses == ["第四条", "第七条"]
    assert any("第七条" in line for line in services.relation_diff(amend).summary())
    replaced = services.relation_diff(PolicyRelation.objects.filter(kind=RelationKind.REPLACES).first())
    assert {"added", "removed", "changed"} <= {k for k, v in replaced.counts().items() if v}

    # Interpretations in every form; the graphic one carries its image.
    assert set(Interpretation.objects.values_list("form", flat=True)) == set(InterpretationForm.values)
    graphic = Interpretation.objects.get(form="graphic", publication__state=State.PUBLISHED)
    assert graphic.publication.attachments.filter(kind="png").exists()

    # Evaluation: one extended, one decided inside the window, others still pending.
    assert Evaluation.objects.filter(decision="extend").exists()
    assert Evaluation.objects.filter(decision="reissue").exists()
    pending = selectors.expiring(today)
    assert len(pending) >= 2 and all(d.evaluation_due <= today <= d.expires_on for d in pending)

    # Cleanup: an open campaign with units done and units pending; a closed one that declared a document expired.
    open_campaign = Campaign.objects.get(closed_at__isnull=True)
    assert open_campaign.deadline > today
    progress = selectors.campaign_progress(open_campaign)
    assert any(p.pending == 0 for p in progress) and any(p.decided == 0 for p in progress)
    closed = Campaign.objects.get(closed_at__isnull=False)
    assert PolicyRelation.objects.filter(
        kind=RelationKind.DECLARES_EXPIRED, basis__contains=closed.title
    ).exists()

    # Extensions of a term in every state: in force (notice published), waiting for the leader, approved with the
    # notice in review, refused (the document back in the evaluation queue).
    exts = {e.state: e for e in ExtensionRequest.objects.select_related("notice", "relation")}
    assert set(exts) == set(ExtensionState.values)
    assert exts["effective"].notice.state == State.PUBLISHED and exts["effective"].relation.kind == "extends"
    assert exts["approved"].notice.state == State.SUBMITTED
    assert exts["rejected"].document in pending
    # Interpretations: every one in review or published signed off by its leader; one waiting, one returned.
    for interp in Interpretation.objects.exclude(publication__state__in=[State.DRAFT, State.RETURNED]):
        assert interp.signoff == SignOff.APPROVED
    assert selectors.awaiting_signoff()
    assert Interpretation.objects.filter(signoff=SignOff.RETURNED).exclude(signoff_note="").exists()
    # The closed campaign's result is published (notice and portal page); one unit was left unconfirmed.
    assert list(selectors.published_cleanups()) == [closed]
    assert closed.items.filter(decision="pending").exists()
    # The amended document's current text has its amendment applied.
    housing = amend.target
    current = history.current_text(housing, list(housing.relations_in.select_related("source__publication")))
    assert current.applied == [amend] and not current.not_applied
    assert any("15个工作日" in line for line in current.lines)

    # The year's rates exist and are not all perfect.
    county_rates = selectors.year_rates(today.year).county
    assert county_rates.documents >= 8
    assert 0 < county_rates.interpretation_rate < 1
    assert 0 < county_rates.diverse_rate < 1
    assert county_rates.major_rate == 1

    # Q&A, services, packages.
    assert Question.objects.filter(state="published").count() >= 15
    assert Question.objects.filter(helpful_yes__gt=0).exists()
    assert UnansweredSearch.objects.exists()
    assert Package.objects.filter(is_published=True).count() == 2
    assert ServiceItem.objects.filter(documents__isnull=False).exists()

    # The commands read the same data.
    out = io.StringIO()
    call_command("policies", "alerts", stdout=out)
    for doc in selectors.expiring(today):
        assert doc.publication.title in out.getvalue()
    out = io.StringIO()
    call_command("policies", "rates", "--year", str(today.year), stdout=out)
    county_row = next(line for line in out.getvalue().splitlines() if line.startswith("全县"))
    rates = selectors.year_rates(today.year).county
    assert f"{rates.interpretation_rate * 100:.1f}%" in county_row
    assert rates.interpreted < rates.needing  # one document was left without an interpretation
    for item in rates.late_items:
        assert f"《{item.doc.title}》" in out.getvalue()
    out = io.StringIO()
    call_command("policies", "refresh", "--full", stdout=out)
    assert f"{PolicyDocument.objects.count()} 份" in out.getvalue()
    out = io.StringIO()
    call_command("policies", "refresh", stdout=out)
    assert "0 份发生变化" in out.getvalue()  # --full has just synced every 有效性

    # A second run adds nothing.
    out = io.StringIO()
    demo.load(out)
    assert "无新增" in out.getvalue()
    assert counts() == first
