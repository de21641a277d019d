"""Portal pages of messages under /hdjl/liuyan/: the public form (网上留言), the list of published replies with
search, one published reply, and the writer's tracking page (查询码 + 验证码, POST only) where the writer reads
the reply, rates it and follows up once.

Only published, non-private messages are read for the lists (``selectors.public_messages``); the writer's name and
contact never appear. Forms: CSRF, rate limits per client address and per contact, a honeypot, the privacy notice.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from gongkai.audit.middleware import client_ip
from gongkai.common import ratelimit
from gongkai.common.errors import service_call
from gongkai.portal.context_processors import nav_with_current

from . import codes, forms, selectors, services

COLUMN = "hdjl"
TOO_MANY = "提交过于频繁，请稍后再试。"


def _page(request, template, context, title):
    items = nav_with_current(request.path, COLUMN)
    marked = [i for i in items if i["current"]]
    if len(marked) > 1:
        best = max(marked, key=lambda i: len(i["url"]))
        for item in marked:
            if item is not best:
                item["current"] = ""
    return render(request, template, {"column_nav": items, "page_title": title, **context})


def index(request):
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.public_messages(channel=data.get("channel"), q=(data.get("q") or "").strip())
    page = selectors.public_page(qs, data.get("page") or 1)
    return _page(request, "messages/portal/index.html", {"form": form, "page": page}, "网上留言")


def detail(request, pk):
    message = selectors.public_get(pk)
    if message is None:
        raise Http404("该留言未公开或不存在。")
    return _page(request, "messages/portal/detail.html", {"m": message}, message.public_subject)


def write(request):
    form = forms.WriteForm(request.POST or None)
    receipt = None
    if request.method == "POST":
        if not ratelimit.hit("messages-write", client_ip(request), settings.GONGKAI_MESSAGES_PER_HOUR, 3600):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            data = form.cleaned_data
            if not ratelimit.hit(
                "messages-contact",
                codes.contact_key(data["writer_contact"])[:24],
                settings.GONGKAI_MESSAGES_PER_CONTACT_HOUR,
                3600,
            ):
                form.add_error("writer_contact", TOO_MANY)
            else:
                fields = {k: v for k, v in data.items() if k not in ("agree", "website", "channel")}
                with service_call(request, form) as call:
                    receipt = services.submit(data["channel"], **fields)
                if call.ok:
                    form = forms.WriteForm()
    channels = selectors.channels()
    return _page(
        request,
        "messages/portal/write.html",
        {"form": form, "receipt": receipt, "channels": channels},
        "我要留言",
    )


def track(request):
    """The writer's page: POST with both codes (never in a URL); rating and the follow-up are sent with them."""
    form = forms.LookupForm(request.POST or None)
    message = None
    rate_form = forms.RateForm()
    follow_form = forms.TextForm()
    if request.method == "POST":
        if not ratelimit.hit(
            "messages-track", client_ip(request), settings.GONGKAI_MESSAGES_TRACK_PER_10MIN, 600
        ):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            message = selectors.lookup(
                form.cleaned_data["tracking_code"], form.cleaned_data["verification_code"]
            )
            if message is None:
                form.add_error(None, "查询码或验证码不正确，请核对后重新输入。")
            elif "rating" in request.POST:
                rate_form = forms.RateForm(request.POST)
                if rate_form.is_valid():
                    with service_call(request, rate_form) as call:
                        message = services.rate(message, rating=rate_form.cleaned_data["rating"])
                    if call.ok:
                        rate_form = forms.RateForm()
            elif "text" in request.POST:
                follow_form = forms.TextForm(request.POST)
                if follow_form.is_valid():
                    with service_call(request, follow_form) as call:
                        message = services.follow_up(message, text=follow_form.cleaned_data["text"])
                    if call.ok:
                        follow_form = forms.TextForm()
    context = {
        "form": form,
        "m": message,
        "rate_form": rate_form,
        "follow_form": follow_form,
        "can_follow_up": message is not None and services.follow_up_open(message),
        "codes": request.POST if message is not None else None,
        "action_errors": [*rate_form.non_field_errors(), *follow_form.non_field_errors()],
    }
    return _page(request, "messages/portal/track.html", context, "留言查询")
