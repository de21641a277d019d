"""A run over a planted site through the services: findings owned by units, tickets with working-day deadlines,
the re-check closing what is fixed, cross-unit reads, the 通报 and the pages."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.calendar.services import get_calendar
from gongkai.core.sitecheck import crawl
from gongkai.sitecheck import services
from gongkai.sitecheck.models import InspectionRun, Ticket

ROOT = "https://portal.internal/"
TODAY = date(2026, 12, 7)


def html(body: str) -> bytes:
    return f"<html><head><title>t</title></head><body><main>{body}</main></body></html>".encode()


def planted(pages):
    def fetch(url):
        got = pages.get(url.replace(ROOT.rstrip("/"), "", 1))
        if got is None:
            return crawl.Fetched(404, "text/html", b"")
        return crawl.Fetched(200, "text/html", got)

    return fetch


def run_over(pages, actor=None, site=None):
    run = InspectionRun.objects.create(base_url=ROOT, site=site)
    options = services.Options(fetch=planted(pages), a11y=False, today=TODAY)
    return services.run_inspection(run, actor=actor, options=options)


BAD = {
    "/": html(
        '<a href="/a/">a</a> <time datetime="2026-12-06">2026-12-06</time> 适老化模式 我为政府网站找错'
    ),
    "/a/": html('<p>截止目前已布署。</p><a href="/gone/">旧链接</a>'),
}


@pytest.mark.django_db
def test_run_opens_tickets_with_working_day_deadlines_and_recheck_closes_them(world):
    run = run_over(BAD, actor=world.office)
    kinds = sorted(run.findings.values_list("kind", flat=True))
    assert kinds.count("wording") == 2 and "broken_link" in kinds
    open_ = Ticket.objects.filter(state="open")
    assert open_.count() == run.finding_count
    broken = open_.get(kind="broken_link", url=ROOT + "a/")
    assert broken.deadline == get_calendar().add_working_days(TODAY, 5).date
    # Same problems again: no new tickets.
    again = run_over(BAD, actor=world.office)
    assert Ticket.objects.count() == open_.count() and again.finding_count == run.finding_count
    # Fixed page: the re-check closes the wording and link tickets.
    fixed = dict(BAD, **{"/a/": html("<p>截至目前已部署。</p>")})
    third = run_over(fixed, actor=world.office)
    broken.refresh_from_db()
    assert broken.state == "closed" and broken.closed_run == third
    assert not Ticket.objects.filter(state="open", kind="wording").exists()


@pytest.mark.django_db
def test_only_the_office_runs_inspections(world):
    run = InspectionRun.objects.create(base_url=ROOT)
    with pytest.raises(services.SitecheckError):
        services.run_inspection(
            run, actor=world.editor, options=services.Options(fetch=planted(BAD), a11y=False)
        )
    with pytest.raises(services.SitecheckError):
        services.start_inspection(None, actor=world.editor)
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_unit_staff_see_only_their_tickets(client, world):
    run = run_over(BAD, actor=world.office)
    t = Ticket.objects.first()
    Ticket.objects.filter(pk=t.pk).update(unit=world.dept)
    client.force_login(world.editor)  # town editor
    assert client.get(reverse("sitecheck:ticket", args=[t.pk])).status_code == 404
    page = client.get(reverse("sitecheck:tickets"))
    assert t.message not in page.content.decode()
    assert client.get(reverse("sitecheck:bulletin_docx")).status_code == 403
    client.force_login(world.office)
    assert client.get(reverse("sitecheck:ticket", args=[t.pk])).status_code == 200
    resp = client.get(reverse("sitecheck:bulletin_docx"))
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    import io

    from docx import Document

    text = "\n".join(
        c.text for tb in Document(io.BytesIO(resp.content)).tables for r in tb.rows for c in r.cells
    )
    assert "链接打不开" in text
    page = client.get(reverse("sitecheck:run", args=[run.pk])).content.decode()
    assert "评分表" in page and "单项否决" in page
    page = client.get(reverse("sitecheck:inspections")).content.decode()
    assert "<svg" in page and "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


@pytest.mark.django_db
def test_failing_site_shows_on_office_dashboard(client, world):
    pages = dict(BAD)
    pages["/a/"] = html("<p>国务院办公室印发通知。</p>")  # 严重表述错误: veto
    run = run_over(pages, actor=world.office)
    assert run.passed is False and "单项否决" in run.verdict
    client.force_login(world.office)
    assert "门户网站巡检不合格" in client.get("/work/").content.decode()
