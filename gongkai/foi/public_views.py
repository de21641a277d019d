"""Public pages of applications (/ysqgk/): how to apply, the online form, the receipt, the status page.

Nothing personal is ever shown or put in a URL: the status page is reached by POSTing the tracking code and the
verification code, is rate limited per client address, and shows only the case's own progress.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.common import ratelimit
from gongkai.common.clientaddr import client_ip
from gongkai.common.errors import service_call
from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.workdays import fmt

from . import codes, deadlines, forms, letters, selectors, services
from .models import Attachment, InfoRequest, Letter


def index(request):
    return render(
        request,
        "foi/portal/index.html",
        {
            "law": law,
            "page_title": "依申请公开",
            "channels": fr.CHANNELS,
            "fee_rules": law.FEE_RULES,
            "figures": selectors.public_figures(deadlines.today().year),
        },
    )


def accepted_within_limit(request) -> bool:
    """The citizen rate limit (``GONGKAI_FOI_APPLY_PER_HOUR`` per client address and hour) counts applications
    that passed validation only: a form sent back with errors costs nothing, so correcting it is never blocked.
    Called by the view after ``form.is_valid()``; the one place to change when the limiter changes."""
    return ratelimit.hit("foi-apply", client_ip(request), settings.GONGKAI_FOI_APPLY_PER_HOUR, 3600)


@never_cache
def apply(request):
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        if not accepted_within_limit(request):
            limited = True
            form.add_error(None, "同一网络地址提交过于频繁，请一小时后再试，或通过信函、当面等方式提交申请。")
        else:
            data = form.cleaned_data
            with service_call(request, form) as call:
                intake = services.submit_online(
                    data, files={Attachment.Kind.ID_PROOF: data["id_proof"]}, unit=data.get("unit")
                )
            if call.ok:
                # Shown once on the next page, never in a URL.
                case = intake.case
                _remember(request, case, intake.verification_code)
                request.session["foi_receipt"] = {
                    "tracking": case.tracking_code,
                    "verification": intake.verification_code,
                    "received": fmt(case.receipt_date),
                    "due": fmt(case.due_date) if case.due_date else "",
                    "provisional": case.due_provisional,
                    "unit": case.unit.name,
                }
                return redirect("foi_public:done")
    status = 429 if limited else (400 if request.method == "POST" else 200)
    return render(
        request,
        "foi/portal/apply.html",
        {"form": form, "page_title": "政府信息公开申请", "law": law},
        status=status,
    )


@never_cache
def done(request):
    receipt = request.session.pop("foi_receipt", None)
    if not receipt:
        return redirect("foi_public:track")
    return render(request, "foi/portal/done.html", {"r": receipt, "page_title": "申请已提交", "law": law})


# --- the verified applicant's session --------------------------------------------------------------------------
# After both codes were checked (or right after submitting), the case is remembered in the session for a short
# while, so the applicant can print the receipt, send a correction or download the reply without any code in a
# URL. The verification code is kept for the receipt only; it stops working as soon as staff reset it.
TRACKED = "foi_tracked"
RECEIPT_CSS = Path(__file__).parent / "static" / "foi" / "receipt.css"
TRACKED_SECONDS = 30 * 60


def _remember(request, case: InfoRequest, verification: str) -> None:
    request.session[TRACKED] = {"pk": case.pk, "v": verification, "until": time.time() + TRACKED_SECONDS}


def _tracked(request) -> tuple[InfoRequest, str] | None:
    held = request.session.get(TRACKED)
    if not held or held.get("until", 0) < time.time():
        request.session.pop(TRACKED, None)
        return None
    case = InfoRequest.objects.filter(pk=held["pk"]).select_related("unit").first()
    if case is None or not codes.check_verification(held["v"], case.verification_hash):
        request.session.pop(TRACKED, None)
        return None
    return case, held["v"]


def _reply_letters(case: InfoRequest):
    """The reply letters the applicant may download: those of the answer (or the closing), once it was sent."""
    if case.is_open:
        return Letter.objects.none()
    return case.letters.filter(kind__startswith="reply_").order_by("-id")


def _public_view(case: InfoRequest) -> dict:
    """Exactly what the applicant may see: progress, dates and the outcome; no names, no staff, no notes."""
    events = [entry for entry in case.events.all() if entry.public_summary]
    status = deadlines.status(case)
    left = deadlines.remaining(case) if case.is_open and case.clock_running else None
    return {
        "overdue_days": -left if left is not None and left < 0 else 0,
        "awaiting_correction": case.state == InfoRequest.State.AWAITING_CORRECTION,
        "correction": case.corrections.filter(received_on__isnull=True).first(),
        "letters": list(_reply_letters(case)),
        "tracking_code": case.tracking_code,
        "unit": case.unit.name,
        "received": case.receipt_date,
        "state": case.get_state_display(),
        "is_open": case.is_open,
        "due": case.due_date,
        "provisional": case.due_provisional,
        "clock_running": case.clock_running,
        "status": fr.DUE_STATUS_LABELS.get(status, ""),
        "outcome": case.outcome_obj.full_label if case.outcome_obj and not case.is_open else "",
        "replied_on": case.replied_on,
        "events": [(entry.date, entry.public_summary) for entry in events],
    }


@never_cache
def track(request):
    form = forms.TrackForm(request.POST or None)
    view = None
    code = 200
    if request.method == "POST":
        ip = client_ip(request)
        if not ratelimit.hit("foi-track", ip, settings.GONGKAI_FOI_TRACK_PER_10MIN, 600):
            form.add_error(None, "查询过于频繁，请10分钟后再试。")
            code = 429
        elif form.is_valid():
            case = selectors.lookup(
                form.cleaned_data["tracking_code"], form.cleaned_data["verification_code"]
            )
            if case is None:
                form.add_error(None, "查询码或验证码不正确，请核对后重新输入（字母不区分大小写）。")
                code = 404
            else:
                _remember(request, case, form.cleaned_data["verification_code"])
                return _status_page(request, case)
        else:
            code = 400
    response = render(
        request, "foi/portal/track.html", {"form": form, "v": view, "page_title": "办理进度查询"}, status=code
    )
    response["Cache-Control"] = "no-store"
    return response


def _status_page(request, case, correction_form=None, status=200):
    response = render(
        request,
        "foi/portal/track.html",
        {
            "v": _public_view(case),
            "correction_form": correction_form or forms.OnlineCorrectionForm(),
            "page_title": "办理进度查询",
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def status(request):
    """The verified applicant's status page (the case is in the session, never in the URL)."""
    held = _tracked(request)
    if held is None:
        return redirect("foi_public:track")
    return _status_page(request, held[0])


@never_cache
@require_POST
def correction(request):
    """网上补正 through the tracking page."""
    held = _tracked(request)
    if held is None:
        return redirect("foi_public:track")
    case = held[0]
    form = forms.OnlineCorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        with service_call(request, form) as call:
            services.receive_correction_online(
                case, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
            )
        if call.ok:
            messages.success(request, "补正已提交，答复期限自今日起重新计算。")
            return redirect("foi_public:status")
    return _status_page(request, case, correction_form=form, status=400)


def _receipt_context(case: InfoRequest, verification: str) -> dict:
    return {
        "case": case,
        "verification": verification,
        "site": settings.GONGKAI_SITE_NAME,
        "limit": case.reply_limit,
        "law": law,
        "track_url": "/ysqgk/track/",
        "css": RECEIPT_CSS.read_text(encoding="utf-8"),
    }


@never_cache
def receipt(request):
    """受理回执: a print view with both codes (the browser prints it; a PDF is one click away)."""
    held = _tracked(request)
    if held is None:
        return redirect("foi_public:track")
    response = render(request, "foi/portal/receipt.html", _receipt_context(*held))
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def receipt_pdf(request):
    held = _tracked(request)
    if held is None:
        return redirect("foi_public:track")
    from weasyprint import HTML

    html = render_to_string("foi/portal/receipt.html", dict(_receipt_context(*held), pdf=True))
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''receipt-{held[0].serial}.pdf"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def letter_pdf(request, letter_id: int):
    """The reply letter, for the verified applicant once the reply was sent (audited)."""
    held = _tracked(request)
    if held is None:
        return redirect("foi_public:track")
    case = held[0]
    shown = _reply_letters(case).filter(pk=letter_id).first()
    if shown is None:
        raise Http404("未找到该文书。")
    services.log_applicant_download(case, what=f"申请人下载答复文书 {shown.number}（查询页面）")
    response = HttpResponse(letters.to_pdf(shown), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{case.serial}-reply.pdf"
    response["Cache-Control"] = "no-store"
    return response
