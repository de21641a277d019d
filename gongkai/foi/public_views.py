"""Public pages of applications (/ysqgk/): how to apply, the online form, the receipt, the status page.

Nothing personal is ever shown or put in a URL: the status page is reached by POSTing the tracking code and the
verification code, is rate limited per client address, and shows only the case's own progress.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from gongkai.audit.middleware import client_ip
from gongkai.common import ratelimit
from gongkai.common.errors import service_call
from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.workdays import fmt

from . import deadlines, forms, selectors, services
from .models import Attachment, InfoRequest


def index(request):
    return render(
        request,
        "foi/portal/index.html",
        {"law": law, "page_title": "依申请公开", "channels": fr.CHANNELS, "fee_rules": law.FEE_RULES},
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


def _public_view(case: InfoRequest) -> dict:
    """Exactly what the applicant may see: progress, dates and the outcome; no names, no staff, no notes."""
    events = [entry for entry in case.events.all() if entry.public_summary]
    status = deadlines.status(case)
    return {
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
                view = _public_view(case)
        else:
            code = 400
    response = render(
        request, "foi/portal/track.html", {"form": form, "v": view, "page_title": "办理进度查询"}, status=code
    )
    response["Cache-Control"] = "no-store"
    return response
