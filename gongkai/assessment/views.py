"""Staff pages of the assessment (/work/assessment/): schemes and indicators, periods with the ranking by unit
kind, a unit's score with drill-down, entries and their confirmation, the 通报 and the .xlsx. Thin: parse, call one
service, render; computing runs as a job."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from gongkai.common.errors import service_call
from gongkai.jobs import services as jobs
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access, forms, outputs, selectors, services
from .models import Entry, Indicator, Period, Scheme
from .vocab import ASSESSED_KINDS, IndicatorKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ofd": "application/ofd",
}


def _office_or_403(user) -> None:
    if not access.can_manage(user):
        raise PermissionDenied("此操作仅供政务公开办使用。")


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def index(request):
    """Schemes by year; the office creates one here."""
    form = forms.SchemeForm(request.POST or None)
    if request.method == "POST":
        _office_or_403(request.user)
        if form.is_valid():
            with service_call(request, form) as call:
                scheme = services.create_scheme(
                    form.cleaned_data["year"], actor=request.user, **_scheme_fields(form)
                )
            if call.ok:
                messages.success(request, "已建立考核方案及其四个季度和年终考核期。")
                return redirect("assessment:scheme", scheme.pk)
    return render(
        request,
        "assessment/index.html",
        {
            "schemes": selectors.schemes().prefetch_related("periods"),
            "form": form,
            "is_office": access.is_office(request.user),
        },
    )


def _scheme_fields(form) -> dict:
    data = form.cleaned_data
    return {"title": data.get("title", ""), "weight": data["weight"], "bonus_cap": data["bonus_cap"]}


@login_required
def scheme(request, pk):
    """The indicator tree with each rule, and the periods."""
    obj = get_object_or_404(Scheme, pk=pk)
    is_office = access.is_office(request.user)
    return render(
        request,
        "assessment/scheme.html",
        {
            "scheme": obj,
            "tree": selectors.indicator_tree(obj),
            "periods": obj.periods.all(),
            "is_office": is_office,
            "form": forms.IndicatorForm() if is_office else None,
            "edit_form": forms.SchemeEditForm(
                initial={"title": obj.title, "weight": obj.weight, "bonus_cap": obj.bonus_cap}
            )
            if is_office
            else None,
        },
    )


@login_required
@require_POST
def scheme_edit(request, pk):
    _office_or_403(request.user)
    obj = get_object_or_404(Scheme, pk=pk)
    form = forms.SchemeEditForm(request.POST)
    if form.is_valid():
        with service_call(request, form) as call:
            services.update_scheme(obj, actor=request.user, **_scheme_fields(form))
        if call.ok:
            messages.success(request, "方案已修改。")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("assessment:scheme", obj.pk)


@login_required
def indicator_new(request, pk):
    _office_or_403(request.user)
    obj = get_object_or_404(Scheme, pk=pk)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.add_indicator(obj, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已添加指标。")
            return redirect("assessment:scheme", obj.pk)
    return render(request, "assessment/indicator_new.html", {"scheme": obj, "form": form})


@login_required
@require_POST
def indicator_remove(request, pk):
    _office_or_403(request.user)
    ind = get_object_or_404(Indicator, pk=pk)
    with service_call(request) as call:
        services.remove_indicator(ind, actor=request.user)
    if call.ok:
        messages.success(request, "已删除指标。")
    return redirect("assessment:scheme", ind.scheme_id)


@login_required
def period(request, pk):
    """The period's scores ranked within each unit kind (a unit sees its own row and place), the office's buttons."""
    obj = get_object_or_404(Period.objects.select_related("scheme"), pk=pk)
    return render(
        request,
        "assessment/period.html",
        {
            "period": obj,
            "ranked": selectors.ranking_rows(request.user, obj),
            "unit_base": reverse("assessment:period", args=[obj.pk]) + "units/",
            "is_office": access.is_office(request.user),
            "run_form": forms.RunForm(),
        },
    )


@login_required
@require_POST
def period_run(request, pk):
    """Start the job that computes, closes (freezes) or recalculates the period."""
    _office_or_403(request.user)
    obj = get_object_or_404(Period, pk=pk)
    form = forms.RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("assessment:period", obj.pk)
    action = form.cleaned_data["action"]
    if action == "compute" and obj.is_closed:
        messages.error(request, "该考核期已结束，成绩已冻结；如确需重新计算，请写明理由。")
        return redirect("assessment:period", obj.pk)
    params = {"period": obj.pk, "action": "close" if action == "close" else "compute"}
    if action == "recalculate":
        params["reason"] = form.cleaned_data["reason"].strip()
    with service_call(request) as call:
        run = jobs.start("assessment.compute", actor=request.user, params=params)
    if call.ok:
        return redirect(reverse("jobs:run", args=[run.pk]))
    return redirect("assessment:period", obj.pk)


def _unit_or_404(request, unit_pk) -> Unit:
    unit = get_object_or_404(Unit, pk=unit_pk, kind__in=ASSESSED_KINDS)
    if not access.can_view_unit(request.user, unit):
        raise Http404("未找到该单位的考核成绩，或您无权查看。")
    return unit


def _entry_kinds(user, unit) -> list[str] | None:
    if access.is_office(user):
        return None
    return [k for k in (IndicatorKind.MANUAL, IndicatorKind.BONUS) if access.can_enter(user, unit, k)]


@login_required
def period_unit(request, pk, unit_pk):
    """A unit's score: every line with its figure and the link to the records behind it, entries with evidence,
    the trend across periods."""
    obj = get_object_or_404(Period.objects.select_related("scheme"), pk=pk)
    unit = _unit_or_404(request, unit_pk)
    kinds = _entry_kinds(request.user, unit)
    form = None
    if not obj.is_closed and (kinds is None or kinds):
        form = forms.EntryForm(scheme=obj.scheme, kinds=kinds)
    entries = list(selectors.entries(request.user, obj, unit))
    return render(
        request,
        "assessment/unit.html",
        {
            "period": obj,
            "unit": unit,
            "score": selectors.score_of(obj, unit),
            "entries": [(e, access.can_confirm(request.user, e) and not e.confirmed) for e in entries],
            "form": form,
            "trend": mark_safe(outputs.trend_svg(selectors.trend(unit))),  # every text escaped by trend_svg
            "is_office": access.is_office(request.user),
        },
    )


@login_required
@require_POST
def entry_new(request, pk, unit_pk):
    obj = get_object_or_404(Period.objects.select_related("scheme"), pk=pk)
    unit = _unit_or_404(request, unit_pk)
    kinds = _entry_kinds(request.user, unit)
    if kinds is not None and not kinds:
        raise PermissionDenied("您没有为该单位录入评分的岗位。")
    form = forms.EntryForm(request.POST, request.FILES, scheme=obj.scheme, kinds=kinds)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            services.enter(
                obj,
                actor=request.user,
                unit=unit,
                indicator=data["indicator"],
                points=data.get("points") or 0,
                reason=data["reason"],
                evidence=data.get("evidence"),
                evidence_link=data.get("evidence_link") or "",
            )
        if call.ok:
            messages.success(request, "已录入，待政务公开办另一人确认后计入成绩。")
            return redirect("assessment:period_unit", obj.pk, unit.pk)
    for errs in form.errors.values():
        for error in errs:
            messages.error(request, error)
    return redirect("assessment:period_unit", obj.pk, unit.pk)


def _entry_or_404(request, pk) -> Entry:
    return permissions.get_scoped_or_404(
        request.user, Entry.objects.select_related("period", "indicator", "unit", "entered_by"), pk=pk
    )


@login_required
@require_POST
def entry_confirm(request, pk):
    entry = _entry_or_404(request, pk)
    if not access.can_confirm(request.user, entry):
        raise PermissionDenied("评分须由政务公开办的另一人确认。")
    with service_call(request) as call:
        services.confirm(entry, actor=request.user)
    if call.ok:
        messages.success(request, "已确认；重新计算后计入成绩。")
    return redirect("assessment:period_unit", entry.period_id, entry.unit_id)


@login_required
def entry_evidence(request, pk):
    entry = _entry_or_404(request, pk)
    if not entry.evidence_file:
        raise Http404("该评分没有佐证材料文件。")
    extension = Path(entry.evidence_file.name).suffix.lower()
    response = FileResponse(
        entry.evidence_file.open("rb"),
        as_attachment=True,
        filename=f"{Path(entry.evidence_name or '佐证材料').stem}{extension}",
        content_type=EVIDENCE_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def scores_xlsx(request, pk):
    """The scores the user may see (the office: all), with every line on the second sheet."""
    obj = get_object_or_404(Period.objects.select_related("scheme"), pk=pk)
    data = outputs.scores_xlsx(obj, selectors.ranking(request.user, obj))
    return _attachment(data, XLSX, f"{obj.label}成绩.xlsx")


@login_required
def notice(request, pk, fmt):
    """考核结果通报 (.docx / .pdf): the office's document over every unit."""
    _office_or_403(request.user)
    obj = get_object_or_404(Period.objects.select_related("scheme"), pk=pk)
    ranked = selectors.ranking(request.user, obj)
    if fmt == "docx":
        return _attachment(outputs.notice_docx(obj, ranked), DOCX, f"{outputs.notice_title(obj)}.docx")
    if fmt == "pdf":
        return _attachment(
            outputs.notice_pdf(obj, ranked), "application/pdf", f"{outputs.notice_title(obj)}.pdf"
        )
    raise Http404
