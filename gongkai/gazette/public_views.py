"""Portal pages of the government gazette under /xxgk/zfgb/ (政府公报, in the 政府信息公开 column): published
issues by year, one issue's contents (each document linked to its page), and the issue's PDF. Drafts answer 404."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.portal.columns import XXGK
from gongkai.portal.context_processors import nav_with_current
from gongkai.publishing import selectors as publishing

from . import document, forms, selectors
from .models import Issue
from .views import inline_disposition
from .vocab import GAZETTE_SOURCE, IssueState


def _page(request, template, context, title):
    return render(
        request,
        template,
        {"column_nav": nav_with_current(request.path, XXGK), "page_title": title, **context},
    )


def _published(pk):
    issue = selectors.published_issues().filter(pk=pk).first()
    if issue is None:
        raise Http404("该期公报不存在或尚未出版。")
    return issue


@require_GET
def index(request):
    form = forms.YearForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year")
    issues = selectors.published_issues()
    years = sorted(
        set(Issue.objects.filter(state=IssueState.PUBLISHED).values_list("year", flat=True)), reverse=True
    )
    if year:
        issues = issues.filter(year=year)
    page = Paginator(issues, 12).get_page(data.get("page") or 1)
    shown = list(page.object_list)
    contents = selectors.published_contents(shown)
    rows = [(issue, contents[issue.pk]) for issue in shown]
    return _page(
        request,
        "gazette/portal/index.html",
        {"rows": rows, "years": years, "year": year, "page": page, "source": GAZETTE_SOURCE},
        "政府公报",
    )


@require_GET
def detail(request, pk):
    issue = _published(pk)
    blocks = selectors.contents(issue)
    public = set(
        publishing.public_publications()
        .filter(pk__in=[e.publication_id for b in blocks for e in b.entries])
        .values_list("pk", flat=True)
    )
    return _page(
        request,
        "gazette/portal/detail.html",
        {"issue": issue, "blocks": blocks, "public": public},
        f"政府公报 {issue.title}",
    )


@require_GET
def pdf(request, pk):
    issue = _published(pk)
    response = HttpResponse(document.to_pdf(issue), content_type="application/pdf")
    response["Content-Disposition"] = inline_disposition(issue)
    return response
