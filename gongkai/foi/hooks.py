"""Portal plug-ins of 依申请公开: the home page's block shows the application guide and the year's figures."""

from __future__ import annotations

from django.urls import reverse


def home_feed(request=None):
    """依申请公开 on the home page: the guide (how and where to apply, the time limits) and this year's figures."""
    from gongkai.portal.registry import Link

    from . import deadlines, selectors

    today = deadlines.today()
    figures = selectors.public_figures(today.year)
    index = reverse("foi_public:index")
    items = [Link("依申请公开指南：申请方式、受理机构、答复期限和收费", index, note="申请须知")]
    summary = f"{figures.year}年收到申请 {figures.received} 件，已答复 {figures.replied} 件，正在办理 {figures.open} 件"
    note = f"按期答复率 {figures.on_time_rate:g}%" if figures.on_time_rate is not None else ""
    items.append(Link(summary, f"{index}#stats", note=note))
    return items
