"""The gazette's actions: issues, contents from published policy documents only, order, publication with the text
as printed, the distribution log; who may act; the portal pages."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.gazette import selectors, services
from gongkai.gazette.models import Distribution, Entry, Issue
from gongkai.policies.tests.factories import make_document
from gongkai.publishing import services as publishing

from .factories import published_document

RULE_TEXT = "第一条　为规范农村宅基地审批管理，制定本办法。\n第二条　本办法自发布之日起施行。"


@pytest.fixture
def docs(world):
    return {
        "town": published_document(
            world, "城关镇农村宅基地审批管理办法", RULE_TEXT, doc_number="城政规〔2026〕1号"
        ),
        "dept": published_document(
            world,
            "示范县发改委价格监测管理办法",
            "第一条　为做好价格监测，制定本办法。",
            unit=world.dept,
            doc_number="示发改规〔2026〕2号",
        ),
        "policy": published_document(
            world, "示范县2026年稳就业若干措施", "一、支持企业吸纳就业。", unit=world.dept, kind="policy"
        ),
    }


def _issue(actor, **extra):
    return services.create_issue(actor=actor, year=2026, issued_on=date(2026, 3, 1), **extra)


def test_only_the_office_composes_and_numbers_follow_on(world):
    with pytest.raises(services.GazetteError):
        _issue(world.editor)
    first = _issue(world.office)
    second = _issue(world.office)
    assert (first.number, first.total_number, second.number, second.total_number) == (1, 1, 2, 2)
    assert second.title == "2026年第2期（总第2期）"
    with pytest.raises(services.GazetteError) as exc:
        _issue(world.office, number=1)
    assert exc.value.field == "number" and "已存在" in str(exc.value)
    with pytest.raises(services.GazetteError) as exc:
        services.create_issue(actor=world.office, year=2026, issued_on=date(2025, 12, 31))
    assert exc.value.field == "issued_on"
    assert Issue.objects.count() == 2
    assert AuditEvent.objects.filter(action="gazette.issue_created").count() == 2


def test_contents_are_published_policy_documents_in_sections(world, docs):
    issue = _issue(world.office)
    draft = make_document(world, title="尚未发布的办法", text=RULE_TEXT, doc_number="城政规〔2026〕9号")
    with pytest.raises(services.GazetteError) as exc:
        services.add_entries(issue, actor=world.office, publications=[draft.publication])
    assert "已公开" in str(exc.value)
    plain = publishing.create_draft(world.town, actor=world.editor, title="普通信息", body="<p>x</p>")
    with pytest.raises(services.GazetteError):
        services.add_entries(issue, actor=world.office, publications=[plain])
    with pytest.raises(services.GazetteError):
        services.add_entries(issue, actor=world.editor, publications=[docs["town"].publication])
    assert not Entry.objects.exists()
    candidates = {d.publication.title for d in selectors.candidates(issue)}
    assert candidates == {d.publication.title for d in docs.values()}
    services.add_entries(issue, actor=world.office, publications=[d.publication for d in docs.values()])
    blocks = {b.label: [e.publication.title for e in b.entries] for b in selectors.contents(issue)}
    assert blocks == {
        "部门规范性文件": ["示范县发改委价格监测管理办法"],
        "乡镇（街道）规范性文件": ["城关镇农村宅基地审批管理办法"],
        "其他政策文件": ["示范县2026年稳就业若干措施"],
    }
    assert selectors.candidates(issue) == []
    with pytest.raises(services.GazetteError):  # twice in one issue
        services.add_entries(issue, actor=world.office, publications=[docs["town"].publication])


def test_order_within_a_section_and_removal(world, docs):
    issue = _issue(world.office)
    pubs = [docs["dept"].publication, docs["policy"].publication, docs["town"].publication]
    services.add_entries(issue, actor=world.office, publications=pubs, section="government")
    titles = lambda: [e.publication.title for e in selectors.entries(issue)]  # noqa: E731
    assert titles() == [p.title for p in pubs]
    last = selectors.entries(issue)[2]
    services.move_entry(last, actor=world.office, direction="up")
    assert titles() == [pubs[0].title, pubs[2].title, pubs[1].title]
    services.move_entry(selectors.entries(issue)[0], actor=world.office, direction="up")  # already first
    assert titles()[0] == pubs[0].title
    services.remove_entry(selectors.entries(issue)[0], actor=world.office)
    assert titles() == [pubs[2].title, pubs[1].title]
    with pytest.raises(services.GazetteError):
        services.move_entry(selectors.entries(issue)[0], actor=world.office, direction="sideways")


def test_publication_fixes_the_printed_text(world, docs):
    issue = _issue(world.office)
    with pytest.raises(services.GazetteError) as exc:
        services.publish_issue(issue, actor=world.office)
    assert "还没有刊登" in str(exc.value)
    services.add_entries(
        issue, actor=world.office, publications=[docs["town"].publication, docs["dept"].publication]
    )
    # A document withdrawn before the issue goes out blocks it, by name.
    publishing.withdraw(docs["dept"].publication, actor=world.dept_reviewer, reason="内容有误")
    with pytest.raises(services.GazetteError) as exc:
        services.publish_issue(issue, actor=world.office)
    assert "示范县发改委价格监测管理办法" in str(exc.value)
    services.remove_entry(issue.entries.get(publication=docs["dept"].publication), actor=world.office)
    with pytest.raises(services.GazetteError):
        services.publish_issue(issue, actor=world.editor)
    issue = services.publish_issue(issue, actor=world.office)
    entry = issue.entries.get()
    assert (entry.title, entry.doc_number) == ("城关镇农村宅基地审批管理办法", "城政规〔2026〕1号")
    assert "宅基地审批管理" in entry.body and entry.issuer
    with pytest.raises(services.GazetteError) as exc:
        services.add_entries(issue, actor=world.office, publications=[docs["policy"].publication])
    assert "已出版" in str(exc.value)
    event = AuditEvent.objects.get(action="gazette.issue_published")
    assert event.after == {"state": "published", "title": issue.title, "documents": 1}


def test_distribution_log(world, docs):
    issue = _issue(world.office)
    today = timezone.localdate()
    kwargs = {"recipient": "示范县图书馆", "kind": "library", "copies": 20, "sent_on": date(2026, 3, 2)}
    with pytest.raises(services.GazetteError) as exc:
        services.record_distribution(issue, actor=world.office, **kwargs)
    assert "出版后" in str(exc.value)
    services.add_entries(issue, actor=world.office, publications=[docs["town"].publication])
    services.publish_issue(issue, actor=world.office)
    for bad, field in (
        ({"copies": 0}, "copies"),
        ({"recipient": "  "}, "recipient"),
        ({"kind": "zoo"}, "kind"),
        ({"sent_on": date(2026, 2, 1)}, "sent_on"),
        ({"sent_on": today + timedelta(days=1)}, "sent_on"),
    ):
        with pytest.raises(services.GazetteError) as exc:
            services.record_distribution(issue, actor=world.office, **{**kwargs, **bad})
        assert exc.value.field == field
    with pytest.raises(services.GazetteError):
        services.record_distribution(issue, actor=world.editor, **kwargs)
    services.record_distribution(issue, actor=world.office, **kwargs)
    services.record_distribution(
        issue,
        actor=world.office,
        recipient="县政务服务中心政务公开专区",
        kind="service_hall",
        copies=10,
        sent_on=date(2026, 3, 2),
    )
    assert sum(Distribution.objects.values_list("copies", flat=True)) == 30
    assert AuditEvent.objects.filter(action="gazette.distributed").count() == 2


def test_portal_lists_published_issues_only_and_links_public_documents(world, docs):
    draft = _issue(world.office, note="草稿期")
    services.add_entries(draft, actor=world.office, publications=[docs["policy"].publication])
    issue = _issue(world.office)
    services.add_entries(
        issue, actor=world.office, publications=[docs["town"].publication, docs["dept"].publication]
    )
    services.publish_issue(issue, actor=world.office)
    publishing.withdraw(docs["dept"].publication, actor=world.dept_reviewer, reason="已废止")
    client = Client()
    page = client.get("/xxgk/zfgb/").content.decode()
    assert issue.title in page and draft.title not in page and "稳就业" not in page
    assert "城关镇农村宅基地审批管理办法" in page
    detail = client.get(f"/xxgk/zfgb/{issue.pk}/").content.decode()
    town_url = f"/xxgk/info/{docs['town'].publication.pk}/"
    dept_url = f"/xxgk/info/{docs['dept'].publication.pk}/"
    assert town_url in detail and dept_url not in detail  # the withdrawn one is printed, no longer linked
    assert "示范县发改委价格监测管理办法" in detail
    assert client.get(f"/xxgk/zfgb/{draft.pk}/").status_code == 404
    assert client.get(f"/xxgk/zfgb/{draft.pk}/issue.pdf").status_code == 404
    assert client.get("/xxgk/zfgb/?year=abc").status_code == 200
    pdf = client.get(f"/xxgk/zfgb/{issue.pk}/issue.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("inline")


def test_staff_pages_are_the_offices(world, docs):
    issue = _issue(world.office)
    client = Client()
    client.force_login(world.editor)
    assert client.get("/work/gazette/").status_code == 403
    assert client.post(f"/work/gazette/{issue.pk}/publish/").status_code == 403
    client.force_login(world.office)
    page = client.get(f"/work/gazette/{issue.pk}/").content.decode()
    assert "城关镇农村宅基地审批管理办法" in page
    response = client.post(f"/work/gazette/{issue.pk}/add/", {"publications": [docs["town"].publication.pk]})
    assert response.status_code == 302 and issue.entries.count() == 1
    # A hostile id (not a candidate) is refused by the form; nothing added.
    client.post(f"/work/gazette/{issue.pk}/add/", {"publications": ["999999"]})
    assert issue.entries.count() == 1
    client.post(f"/work/gazette/{issue.pk}/publish/")
    issue.refresh_from_db()
    assert issue.is_published
    created = client.post("/work/gazette/", {"year": 2026, "issued_on": "2026-04-01"})
    assert created.status_code == 302 and Issue.objects.filter(number=2).exists()
