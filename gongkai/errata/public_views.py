"""Portal pages of 找错 under /hdjl/zhaocuo/: the report form (the page address comes filled in from the footer
link), the reporter's look-up (查询码 + 验证码, POST only) and the public monthly summary (counts only).

The form: CSRF, a rate limit per client address, a honeypot, the privacy notice; the screenshot is checked by
content and size (``core.filetype``). Nothing of a report's content, contact or screenshot reaches a public page.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from gongkai.audit.middleware import client_ip
from gongkai.common import ratelimit
from gongkai.common.errors import service_call
from gongkai.portal.context_processors import nav_with_current

from . import forms, selectors, services
from .vocab import ASSESSMENT_SOURCE, CHANNEL_SOURCE, LATE_CLOSE_PENALTY, UNFINISHED_PENALTY

COLUMN = "hdjl"
TOO_MANY = "提交过于频繁，请稍后再试。"


def _page(request, template, context, title):
    return render(
        request,
        template,
        {"column_nav": nav_with_current(request.path, COLUMN), "page_title": title, **context},
    )


def report(request):
    if request.method == "POST":
        form = forms.ReportForm(request.POST, request.FILES)
    else:
        param = forms.PageParamForm(request.GET or None)
        page = param.cleaned_data.get("page", "") if param.is_valid() else ""
        form = forms.ReportForm(initial={"page": page})
    receipt = None
    if request.method == "POST":
        if not ratelimit.hit("errata-report", client_ip(request), settings.GONGKAI_ERRATA_PER_HOUR, 3600):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            data = form.cleaned_data
            with service_call(request, form) as call:
                receipt = services.submit(
                    page=data["page"],
                    error_type=data["error_type"],
                    description=data["description"],
                    contact=data["contact"],
                    screenshot=data["screenshot"],
                    host=request.get_host(),
                )
            if call.ok:
                form = forms.ReportForm()
    context = {"form": form, "receipt": receipt, "reply_days": settings.GONGKAI_ERRATA_REPLY_DAYS}
    return _page(request, "errata/portal/report.html", context, "我为政府网站找错")


def track(request):
    """The reporter's page: POST with both codes (never in a URL)."""
    form = forms.LookupForm(request.POST or None)
    found = None
    if request.method == "POST":
        if not ratelimit.hit(
            "errata-track", client_ip(request), settings.GONGKAI_ERRATA_TRACK_PER_10MIN, 600
        ):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            found = selectors.lookup(
                form.cleaned_data["tracking_code"], form.cleaned_data["verification_code"]
            )
            if found is None:
                form.add_error(None, "查询码或验证码不正确，请核对后重新输入。")
    return _page(request, "errata/portal/track.html", {"form": form, "r": found}, "找错办理查询")


def summary(request):
    form = forms.YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    rows = selectors.monthly_summary(year)
    context = {
        "year": year,
        "years": selectors.summary_years(),
        "rows": list(reversed(rows)),
        "total": selectors.summary_total(rows),
        "reply_days": settings.GONGKAI_ERRATA_REPLY_DAYS,
        "channel_source": CHANNEL_SOURCE,
        "assessment_source": ASSESSMENT_SOURCE,
        "penalties": (UNFINISHED_PENALTY, LATE_CLOSE_PENALTY),
    }
    return _page(request, "errata/portal/summary.html", context, f"{year}年找错情况统计")
