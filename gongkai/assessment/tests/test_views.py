"""The pages: scheme creation refused below 4 %, the job that computes and closes a period with progress, the
ranking by unit kind, the 通报 (.docx, PDF), the .xlsx and the trend chart."""

import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.assessment import services
from gongkai.assessment.models import Period, Scheme, Score
from gongkai.jobs import services as jobs
from gongkai.jobs.models import JobRun
from gongkai.orgs.models import Unit

from .fixtures import publish_on, quarter, scheme

pytestmark = pytest.mark.django_db


def _scheme_with_scores(world):
    publish_on(world, date(2026, 2, 1), world.town)
    publish_on(world, date(2026, 5, 1), world.town)
    s = scheme()
    services.add_indicator(
        s,
        actor=None,
        group="active",
        name="发布数量",
        kind="auto",
        points=10,
        source_key="publishing.published",
        method="threshold",
        target=2,
        partial=True,
    )
    return s


def test_scheme_form_refuses_less_than_four_percent(world, client):
    client.force_login(world.office)
    response = client.post(reverse("assessment:index"), {"year": 2026, "weight": "3", "bonus_cap": "5"})
    assert response.status_code == 200 and "不得低于4%" in response.content.decode()
    assert not Scheme.objects.exists()
    response = client.post(reverse("assessment:index"), {"year": 2026, "weight": "5", "bonus_cap": "5"})
    assert response.status_code == 302 and Scheme.objects.get().periods.count() == 5
    client.force_login(world.editor)
    assert (
        client.post(reverse("assessment:index"), {"year": 2027, "weight": "5", "bonus_cap": "5"}).status_code
        == 403
    )


def test_the_job_computes_and_closes_with_progress(world):
    s = _scheme_with_scores(world)
    q1, q2 = quarter(s, 1), quarter(s, 2)
    run = jobs.run_inline("assessment.compute", actor=world.office, params={"period": q1.pk})
    assert run.status == "succeeded", run.error
    assert run.progress_total == 2 and run.progress_done == 2
    assert Score.objects.filter(period=q1).count() == 2
    run = jobs.run_inline(
        "assessment.compute", actor=world.office, params={"period": q2.pk, "action": "close"}
    )
    assert run.status == "succeeded" and "已冻结" in run.result
    assert Period.objects.get(pk=q2.pk).is_closed
    assert float(Score.objects.get(period=q2, unit=world.town).total) == 10


def test_run_view_starts_the_job_and_refuses_recalculation_without_reason(world, client):
    s = _scheme_with_scores(world)
    q1 = quarter(s)
    client.force_login(world.office)
    response = client.post(reverse("assessment:period_run", args=[q1.pk]), {"action": "compute"})
    assert response.status_code == 302 and "/work/jobs/runs/" in response["Location"]
    assert JobRun.objects.filter(job="assessment.compute").exists()
    services.close_period(q1, actor=world.office)
    before = JobRun.objects.count()
    response = client.post(
        reverse("assessment:period_run", args=[q1.pk]), {"action": "recalculate", "reason": ""}, follow=True
    )
    assert "须写明理由" in response.content.decode() and JobRun.objects.count() == before


def test_ranking_by_kind_notice_and_xlsx(world, client):
    s = _scheme_with_scores(world)
    q2 = quarter(s, 2)
    other_town = Unit.objects.create(name="示范县东山镇人民政府", short_name="东山镇", kind="township")
    services.close_period(q2, actor=world.office)
    client.force_login(world.office)
    page = client.get(reverse("assessment:period", args=[q2.pk])).content.decode()
    assert "乡镇人民政府" in page and "政府工作部门" in page and other_town.name in page
    docx = client.get(reverse("assessment:notice", args=[q2.pk, "docx"]))
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "关于2026年第2季度平时考核结果的通报" in text
    cells = [c.text for t in Document(io.BytesIO(docx.content)).tables for row in t.rows for c in row.cells]
    assert world.town.name in cells and "10" in cells
    pdf = client.get(reverse("assessment:notice", args=[q2.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("assessment:scores_xlsx", args=[q2.pk]))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["考核成绩"].iter_rows(values_only=True))
    town_row = next(r for r in rows if r[2] == world.town.name)
    assert town_row[1] == 1 and town_row[7] == 10
    assert len(list(book["计分明细"].iter_rows())) == 1 + 3  # header + one line per unit
    client.force_login(world.editor)
    assert client.get(reverse("assessment:notice", args=[q2.pk, "docx"])).status_code == 403
    own = load_workbook(io.BytesIO(client.get(reverse("assessment:scores_xlsx", args=[q2.pk])).content))
    assert [r[2] for r in own["考核成绩"].iter_rows(min_row=2, values_only=True)] == [world.town.name]


def test_unit_page_has_drill_down_and_a_trend_chart_without_script(world, client):
    s = _scheme_with_scores(world)
    services.close_period(quarter(s, 1), actor=None)
    services.close_period(quarter(s, 2), actor=None)
    client.force_login(world.editor)
    page = client.get(
        reverse("assessment:period_unit", args=[quarter(s, 2).pk, world.town.pk])
    ).content.decode()
    assert f'href="/work/publishing/?unit={world.town.pk}"' in page
    assert "<svg" in page and "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "2026Q1：5/10分" in page and "2026Q2：10/10分" in page
