"""Public pages of the 互动交流 column (/hdjl/): 意见征集 (open ones with the comment form, closed ones with their
feedback), the tracking page, 重大行政决策目录, 政府开放日 (poll, sign-up, results) and 列席会议.

Only public things are read: consultations whose draft is published, catalogues published, sessions and meetings
(sign-up lists and applicants never appear). Submitters are masked. Forms: CSRF, a rate limit per client address
(and per contact for opinions), a honeypot field, the privacy notice.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit.middleware import client_ip
from gongkai.common import ratelimit
from gongkai.common.errors import service_call
from gongkai.core import participation as rules
from gongkai.core.filenames import download_disposition
from gongkai.portal.context_processors import nav_with_current

from . import exports, forms, selectors, services
from .models import PollOption
from .vocab import ConsultationStatus

COLUMN = "hdjl"
TOO_MANY = "提交过于频繁，请一小时后再试。"


def _page(request, template, context, title, crumbs=()):
    items = nav_with_current(request.path, COLUMN)
    marked = [i for i in items if i["current"]]
    if len(marked) > 1:
        best = max(marked, key=lambda i: len(i["url"]))
        for item in marked:
            if item is not best:
                item["current"] = ""
    return render(request, template, {"column_nav": items, "page_title": title, "crumbs": crumbs, **context})


def _allowed(request, bucket: str) -> bool:
    return ratelimit.hit(f"hdjl-{bucket}", client_ip(request), settings.GONGKAI_PARTICIPATION_PER_HOUR, 3600)


def index(request):
    consultations = list(selectors.public_consultations()[:40])
    today = timezone.localdate()
    return _page(
        request,
        "participation/portal/index.html",
        {
            "open": [c for c in consultations if c.status(today) == ConsultationStatus.OPEN][:8],
            "feedback": [c for c in consultations if c.feedback_published_at][:8],
            "catalogs": selectors.public_catalogs()[:3],
            "sessions": selectors.public_sessions()[:5],
            "meetings": selectors.public_meetings()[:5],
        },
        "互动交流",
    )


def consultations(request):
    rows = list(selectors.public_consultations()[:200])
    today = timezone.localdate()
    return _page(
        request,
        "participation/portal/consultations.html",
        {"rows": rows, "today": today},
        "意见征集",
        crumbs=[("互动交流", reverse("hd:index"))],
    )


def consultation(request, pk):
    c = selectors.public_consultation(pk)
    clauses = services.clauses_of(c)
    form = forms.PublicOpinionForm(request.POST or None, clauses=clauses)
    receipt = None
    if request.method == "POST":
        if not _allowed(request, "opinion"):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            data = form.cleaned_data
            contact = data["contact"].strip()
            if contact and not ratelimit.hit(
                "hdjl-contact",
                hashlib.sha256(contact.encode()).hexdigest()[:24],
                settings.GONGKAI_PARTICIPATION_PER_CONTACT_HOUR,
                3600,
            ):
                form.add_error("contact", TOO_MANY)
            else:
                with service_call(request, form) as call:
                    receipt = services.submit_opinion(
                        c,
                        body=data["body"],
                        name=data["name"],
                        contact=contact,
                        clause=data["clause"],
                        client=client_ip(request) or "",
                    )
                if call.ok:
                    form = forms.PublicOpinionForm(clauses=clauses)
    return _page(
        request,
        "participation/portal/consultation.html",
        {
            "c": c,
            "form": form,
            "receipt": receipt,
            "status": c.status(),
            "clauses": clauses,
            "period_basis": rules.CONSULTATION_PERIOD.basis,
        },
        c.title,
        crumbs=[("互动交流", reverse("hd:index")), ("意见征集", reverse("hd:consultations"))],
    )


def feedback(request, pk):
    c = selectors.public_consultation(pk)
    if not c.feedback_published_at:
        return redirect("hd:consultation", pk)
    page = forms.FeedbackPageForm(request.GET).values()["page"] or 1
    ctx = exports.feedback_context(c, page=page)
    return _page(
        request,
        "participation/portal/feedback.html",
        ctx,
        ctx["title"],
        crumbs=[("意见征集", reverse("hd:consultations")), (c.title, reverse("hd:consultation", args=[pk]))],
    )


def feedback_file(request, pk, fmt):
    c = selectors.public_consultation(pk)
    if not c.feedback_published_at:
        return redirect("hd:consultation", pk)
    data, mime = (
        (exports.feedback_docx(c), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        if fmt == "docx"
        else (exports.feedback_pdf(c), "application/pdf")
    )
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = download_disposition(
        f"{c.title}-意见采纳情况反馈.{fmt}", f"feedback.{fmt}"
    )
    return response


def track(request):
    """The submitter's view of their opinion by tracking code (POST only: the code never appears in a URL)."""
    form = forms.TrackForm(request.POST or None)
    found = None
    if request.method == "POST":
        if not _allowed(request, "track"):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            found = selectors.lookup_opinion(form.cleaned_data["code"])
            if found is None:
                form.add_error("code", "未找到该查询码对应的意见，请核对后重试。")
    return _page(
        request,
        "participation/portal/track.html",
        {"form": form, "op": found},
        "意见办理查询",
        crumbs=[("互动交流", reverse("hd:index"))],
    )


def catalogs(request):
    return _page(
        request,
        "participation/portal/catalogs.html",
        {"catalogs": selectors.public_catalogs()},
        "重大行政决策事项目录",
        crumbs=[("互动交流", reverse("hd:index"))],
    )


def catalog(request, pk):
    cat = get_object_or_404(selectors.public_catalogs(), pk=pk)
    decisions = cat.decisions.select_related("unit", "result_publication").prefetch_related("consultations")
    return _page(
        request,
        "participation/portal/catalog.html",
        {"cat": cat, "decisions": decisions, "stages": rules.STAGES},
        cat.title,
        crumbs=[("互动交流", reverse("hd:index")), ("重大行政决策事项目录", reverse("hd:catalogs"))],
    )


def catalog_xlsx(request, pk):
    cat = get_object_or_404(selectors.public_catalogs(), pk=pk)
    response = HttpResponse(
        exports.catalog_xlsx(cat),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = download_disposition(f"{cat.title}.xlsx", "catalog.xlsx")
    return response


def open_days(request):
    return _page(
        request,
        "participation/portal/open_days.html",
        {"plans": selectors.public_plans()[:10], "sessions": selectors.public_sessions()[:30]},
        "政府开放日",
        crumbs=[("互动交流", reverse("hd:index"))],
    )


def session(request, pk):
    s = get_object_or_404(selectors.public_sessions(), pk=pk)
    form = forms.SignUpForm(request.POST or None)
    receipt = None
    if request.method == "POST":
        if not _allowed(request, "signup"):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("agree", "website")}
            with service_call(request, form) as call:
                receipt = services.sign_up(s, **data)
            if call.ok:
                form = forms.SignUpForm()
    return _page(
        request,
        "participation/portal/session.html",
        {
            "s": s,
            "form": form,
            "receipt": receipt,
            "cancel_form": forms.CancelForm(),
            "confirmed": s.signups.filter(state="confirmed").count(),
            "suggestions": s.suggestions.all() if s.result_published_at else [],
        },
        s.title,
        crumbs=[("互动交流", reverse("hd:index")), ("政府开放日", reverse("hd:open_days"))],
    )


@require_POST
def session_cancel(request, pk):
    s = get_object_or_404(selectors.public_sessions(), pk=pk)
    form = forms.CancelForm(request.POST)
    if not _allowed(request, "cancel"):
        messages.error(request, TOO_MANY)
    elif form.is_valid():
        phone = "".join(form.cleaned_data["phone"].split())
        signup = s.signups.filter(phone=phone, state__in=["confirmed", "waiting"]).first()
        if signup is None:
            messages.error(request, "未找到该手机号码的有效报名。")
        else:
            with service_call(request) as call:
                services.cancel_signup(signup, by_code=form.cleaned_data["code"])
            if call.ok:
                messages.success(request, "报名已取消。")
    return redirect("hd:session", pk)


@require_POST
def vote(request, pk):
    option = get_object_or_404(PollOption.objects.select_related("plan", "meeting"), pk=pk)
    back = reverse("hd:meeting", args=[option.meeting_id]) if option.meeting_id else reverse("hd:open_days")
    if not _allowed(request, "vote"):
        messages.error(request, TOO_MANY)
        return redirect(back)
    with service_call(request) as call:
        services.vote(option)
    if call.ok:
        messages.success(request, "投票成功，感谢参与。")
    return redirect(back)


def meetings(request):
    return _page(
        request,
        "participation/portal/meetings.html",
        {"meetings": selectors.public_meetings()[:30]},
        "列席会议",
        crumbs=[("互动交流", reverse("hd:index"))],
    )


def meeting(request, pk):
    m = get_object_or_404(selectors.public_meetings(), pk=pk)
    form = forms.SeatForm(request.POST or None)
    receipt = None
    if request.method == "POST":
        if not _allowed(request, "seat"):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("agree", "website")}
            with service_call(request, form) as call:
                receipt = services.apply_seat(m, **data)
            if call.ok:
                form = forms.SeatForm()
    seats = m.seats.filter(state="selected").select_related("suggestion") if m.published_at else []
    return _page(
        request,
        "participation/portal/meeting.html",
        {"m": m, "form": form, "receipt": receipt, "seats": seats, "options": m.options.all()},
        m.title,
        crumbs=[("互动交流", reverse("hd:index")), ("列席会议", reverse("hd:meetings"))],
    )
