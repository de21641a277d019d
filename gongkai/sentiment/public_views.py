"""The portal's 回应关切 column (/hdjl/hygq/): the published items that answered public concerns — publishing's
public publications linked as a case's 权威发布. Only the publication (title, unit, date, its public page) is
shown; nothing of the case (topic, summary, units' notes, commitments) reaches the portal."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from gongkai.common import query
from gongkai.portal.context_processors import nav_with_current

from . import selectors

COLUMN = "hdjl"


def index(request):
    page = Paginator(selectors.public_responses(), 20).get_page(query.to_page(request.GET.get("page")))
    rows = [(pub, reverse("info:detail", args=[pub.pk])) for pub in page]
    return render(
        request,
        "sentiment/portal/index.html",
        {
            "column_nav": nav_with_current(request.path, COLUMN),
            "page_title": "回应关切",
            "page": page,
            "rows": rows,
        },
    )
