"""Staff pages of 找错 reports under /work/errata/: the list with filters and counts, one report with its handling,
the screenshot, the .xlsx export.

Thin: services change state, selectors read (scoped: another unit's report answers 404), ``access`` says who may
(403 on a visible report). The POST-only actions redirect back to the report.
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit import services as audit
from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition

from . import access, exports, forms, selectors, services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    form = forms.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filtered(
        selectors.for_staff(request.user),
        state=data.get("state", ""),
        error_type=data.get("error_type", ""),
        unit=data.get("unit"),
        due=data.get("due", ""),
        q=(data.get("q") or "").strip(),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
    )
    return form, data, qs


@login_required
def index(request):
    form, data, qs = _filtered(request)
    page = Paginator(qs.order_by("-received_on", "-id"), 50).get_page(data.get("page") or 1)
    context = {
        "form": form,
        "page": page,
        "dash": selectors.dashboard(request.user),
        "reminders": selectors.reminders_for(request.user),
        "today": timezone.localdate(),
        "query": request.GET.urlencode(),
    }
    return render(request, "errata/index.html", context)


@login_required
def export_xlsx(request):
    """The filtered list as .xlsx (the reporters' contacts masked), recorded in the audit log."""
    _form, _data, qs = _filtered(request)
    content, rows = exports.reports_xlsx(qs.order_by("received_on", "id"))
    audit.record(
        actor=request.user,
        action="errata.exported",
        object_type="errata.errorreport",
        object_repr="找错报告办理清单",
        after={"rows": rows, "masked": True},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = download_disposition("找错报告办理清单.xlsx", "errata.xlsx")
    return response


@login_required
def detail(request, pk):
    report = selectors.get_for_staff(request.user, pk)
    user = request.user
    context = {
        "r": report,
        "today": timezone.localdate(),
        "can_handle": access.can_handle(user, report) and report.is_open,
        "can_route": access.can_route(user, report) and report.is_open,
        "can_recheck": access.can_recheck(user, report) and report.state in services.RECHECK_STATES,
        "answer_form": forms.AnswerForm(),
        "reroute_form": forms.RerouteForm(),
        "recheck_form": forms.RecheckForm(),
    }
    return render(request, "errata/detail.html", context)


@login_required
def screenshot(request, pk):
    """The screenshot, to the office and the handling unit only; typed by its sniffed kind, never cached."""
    report = selectors.get_for_staff(request.user, pk)
    if not report.screenshot:
        raise Http404("该报告没有截图。")
    name, content_type = services.screenshot_name(report)
    response = FileResponse(report.screenshot.open("rb"), filename=name, content_type=content_type)
    disposition = download_disposition(name, "screenshot" + name[2:])
    response["Content-Disposition"] = disposition.replace("attachment", "inline", 1)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _post(request, pk, form_class, rule, call, done: str):
    report = selectors.get_for_staff(request.user, pk)
    if not rule(request.user, report):
        raise PermissionDenied("您没有办理此找错报告该项操作的岗位权限。")
    form = form_class(request.POST)
    if form.is_valid():
        with service_call(request, form) as result:
            call(report, form.cleaned_data)
        if result.ok:
            flash.success(request, done)
            return redirect("errata:detail", report.pk)
    for errors in form.errors.values():
        flash.error(request, "；".join(errors))
        break
    return redirect("errata:detail", report.pk)


class _Empty(django_forms.Form):
    pass


@login_required
@require_POST
def take_up(request, pk):
    return _post(
        request,
        pk,
        _Empty,
        access.can_handle,
        lambda r, d: services.take_up(r, actor=request.user),
        "已受理，请核实并在期限内答复。",
    )


@login_required
@require_POST
def answer(request, pk):
    return _post(
        request,
        pk,
        forms.AnswerForm,
        access.can_handle,
        lambda r, d: services.answer(r, actor=request.user, outcome=d["outcome"], text=d["text"]),
        "已答复，等待政务公开办复核。",
    )


@login_required
@require_POST
def reroute(request, pk):
    return _post(
        request,
        pk,
        forms.RerouteForm,
        access.can_route,
        lambda r, d: services.reroute(r, actor=request.user, unit=d["unit"], reason=d["reason"]),
        "已改派。",
    )


@login_required
@require_POST
def recheck(request, pk):
    return _post(
        request,
        pk,
        forms.RecheckForm,
        access.can_recheck,
        lambda r, d: services.recheck(r, actor=request.user, accept=d["accept"] == "1", note=d["note"]),
        "复核完成。",
    )
