"""Staff pages of the registers (/work/registers/): thin views; every list has filters and an .xlsx export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.common import query
from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition

from . import access, exports, forms, selectors, services
from .figures import SOURCES, overview
from .models import Hearing, TrainingMaterial

# Rows shown on a list page (the .xlsx export has them all).
LIST_LIMIT = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NEW_URLS = {
    "trainings": "registers:training_new",
    "hearings": "registers:hearing_new",
    "evaluations": "registers:evaluation_new",
    "articles": "registers:article_new",
    "cases": "registers:case_new",
    "supervision": "registers:supervision_new",
}
LIST_URLS = {
    "trainings": "registers:trainings",
    "hearings": "registers:hearings",
    "evaluations": "registers:evaluations",
    "articles": "registers:articles",
    "cases": "registers:cases",
    "supervision": "registers:supervision_list",
}


def _filter_form(request, key):
    return forms.FilterForm(request.GET, key=key, units=selectors.visible_units(request.user))


def _row_links(key, obj, user):
    """(detail URL of the first cell, [(label, url)] actions) of one row."""
    if key == "trainings":
        return obj.get_absolute_url(), []
    if key == "evaluations":
        return obj.get_absolute_url(), []
    if key == "supervision":
        return obj.get_absolute_url(), []
    if key == "hearings" and obj.minutes_name:
        return None, [("下载纪要", reverse("registers:hearing_minutes", args=[obj.pk]))]
    if key == "articles" and not obj.adopted and access.can_change(user, obj):
        return None, [("登记采用", reverse("registers:article_adopt", args=[obj.pk]))]
    return None, []


def _list(request, key):
    form = _filter_form(request, key)
    filters = form.filters()
    today = timezone.localdate()
    table = exports.TABLES[key]
    rows = []
    found = 0
    for obj in selectors.rows(key, request.user, filters, today)[: LIST_LIMIT + 1]:
        found += 1
        if found > LIST_LIMIT:
            break
        url, actions = _row_links(key, obj, request.user)
        rows.append({"cells": table.cells(obj, today), "url": url, "actions": actions, "obj": obj})
    can_new = (
        access.can_issue_supervision(request.user)
        if key == "supervision"
        else selectors.recordable_units(request.user).exists()
    )
    return render(
        request,
        "registers/list.html",
        {
            "key": key,
            "title": table.title,
            "headers": table.headers,
            "rows": rows,
            "form": form,
            "query": request.GET.urlencode(),
            "new_url": reverse(NEW_URLS[key]) if can_new else "",
            "export_url": reverse(LIST_URLS[key] + "_xlsx"),
            "today": today,
            "more": found > LIST_LIMIT,
            "limit": LIST_LIMIT,
        },
    )


def _export(request, key):
    filters = _filter_form(request, key).filters()
    today = timezone.localdate()
    data = exports.xlsx(key, selectors.rows(key, request.user, filters, today), today)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = download_disposition(
        f"{exports.TABLES[key].title}-{today:%Y%m%d}.xlsx", f"registers-{key}-{today:%Y%m%d}.xlsx"
    )
    return response


def _list_view(key):
    @login_required
    def view(request):
        return _list(request, key)

    view.__name__ = f"{key}_list"
    return view


def _export_view(key):
    @login_required
    def view(request):
        return _export(request, key)

    view.__name__ = f"{key}_xlsx"
    return view


trainings = _list_view("trainings")
trainings_xlsx = _export_view("trainings")
hearings = _list_view("hearings")
hearings_xlsx = _export_view("hearings")
evaluations = _list_view("evaluations")
evaluations_xlsx = _export_view("evaluations")
articles = _list_view("articles")
articles_xlsx = _export_view("articles")
cases = _list_view("cases")
cases_xlsx = _export_view("cases")
supervision_list = _list_view("supervision")
supervision_list_xlsx = _export_view("supervision")


class OverviewQuery(query.QueryForm):
    year = query.YearField(required=False)


@login_required
def index(request):
    """总览: per unit of the user's (all for the office), this year's figures against the requirements."""
    year = OverviewQuery(request.GET).values()["year"] or timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    units = list(selectors.visible_units(request.user).order_by("sort_order", "id"))
    table = overview(units, start=start, end=end)
    lines = [(unit, table[unit.pk]) for unit in units]
    return render(
        request,
        "registers/index.html",
        {"year": year, "lines": lines, "labels": [label for _, label, _, _, _ in SOURCES]},
    )


def _form_page(request, template, title, form, extra=None):
    return render(request, template, {"form": form, "title": title, **(extra or {})})


def _recordable(request):
    units = selectors.recordable_units(request.user)
    if not units.exists():
        raise PermissionDenied("需要信息编辑或单位负责人岗位才能登记台账。")
    return units


# --- trainings -----------------------------------------------------------------------------------------------------


@login_required
def training_new(request):
    units = _recordable(request)
    form = forms.TrainingCreateForm(request.POST or None, request.FILES or None, units=units)
    attendees = forms.AttendanceFormSet(request.POST or None, prefix="att")
    if request.method == "POST" and form.is_valid() and attendees.is_valid():
        data = form.cleaned_data
        rows = [
            (row["unit"], row["count"], row.get("names", ""))
            for row in attendees.cleaned_data
            if row.get("unit") and row.get("count")
        ]
        with service_call(request, form) as call:
            training = services.record_training(
                data["unit"],
                actor=request.user,
                held_on=data["held_on"],
                topic=data["topic"],
                form=data["form"],
                trainer=data["trainer"],
                note=data["note"],
                attendances=rows,
                materials=[data["material"]] if data.get("material") else [],
            )
        if call.ok:
            messages.success(request, "培训已登记。")
            return redirect(training)
    return render(request, "registers/training_new.html", {"form": form, "attendees": attendees})


@login_required
def training(request, pk):
    obj = selectors.get("trainings", request.user, pk)
    can_change = access.can_change(request.user, obj)
    tasks = selectors.linkable_tasks(request.user, obj) if can_change else []
    return render(
        request,
        "registers/training.html",
        {
            "t": obj,
            "can_change": can_change,
            "material_form": forms.MaterialForm(),
            "link_form": forms.LinkTaskForm(tasks=tasks) if tasks else None,
            "links": obj.task_links.select_related("task__plan"),
        },
    )


@login_required
@require_POST
def training_material(request, pk):
    obj = selectors.get("trainings", request.user, pk)
    if not access.can_change(request.user, obj):
        raise PermissionDenied("需要本单位信息编辑或单位负责人岗位。")
    form = forms.MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        with service_call(request) as call:
            services.add_material(obj, actor=request.user, upload=form.cleaned_data["file"])
        if call.ok:
            messages.success(request, "材料已上传。")
    for error in form.errors.values():
        messages.error(request, "；".join(error))
    return redirect(obj)


@login_required
@require_POST
def training_link(request, pk):
    obj = selectors.get("trainings", request.user, pk)
    if not access.can_change(request.user, obj):
        raise PermissionDenied("需要本单位信息编辑或单位负责人岗位。")
    form = forms.LinkTaskForm(request.POST, tasks=selectors.linkable_tasks(request.user, obj))
    if form.is_valid():
        with service_call(request) as call:
            services.link_task(obj, form.tasks[form.cleaned_data["task"]], actor=request.user)
        if call.ok:
            messages.success(request, "已计入工作要点任务，并据此报送了任务进展。")
    for error in form.errors.values():
        messages.error(request, "；".join(error))
    return redirect(obj)


def _download(file_field, name, fallback):
    if not file_field:
        raise Http404("没有该文件。")
    extension = Path(file_field.name).suffix.lower()
    response = FileResponse(
        file_field.open("rb"),
        as_attachment=True,
        filename=f"{Path(name or fallback).stem}{extension}",
        content_type=services.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def material(request, pk):
    from gongkai.roles import permissions

    item = permissions.get_scoped_or_404(
        request.user, TrainingMaterial.objects.select_related("training"), unit_field="training__unit", pk=pk
    )
    return _download(item.file, item.name, "培训材料")


# --- hearings ------------------------------------------------------------------------------------------------------


@login_required
def hearing_new(request):
    form = forms.HearingCreateForm(request.POST or None, request.FILES or None, units=_recordable(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            services.record_hearing(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, "已登记。")
            return redirect("registers:hearings")
    return _form_page(request, "registers/form.html", "登记听取汇报 / 专题研究", form)


@login_required
def hearing_minutes(request, pk):
    hearing: Hearing = selectors.get("hearings", request.user, pk)
    return _download(hearing.minutes_file, hearing.minutes_name, "会议纪要")


# --- evaluations ---------------------------------------------------------------------------------------------------


@login_required
def evaluation_new(request):
    from gongkai.participation.selectors import decisions_for
    from gongkai.policies.selectors import staff_documents

    form = forms.EvaluationCreateForm(
        request.POST or None,
        units=_recordable(request),
        documents=staff_documents(request.user),
        decisions=decisions_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            evaluation = services.record_evaluation(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, "评价已登记。")
            return redirect(evaluation)
    return _form_page(request, "registers/form.html", "登记政策实施效果评价", form)


@login_required
def evaluation(request, pk):
    obj = selectors.get("evaluations", request.user, pk)
    return render(request, "registers/evaluation.html", {"e": obj})


# --- articles and cases --------------------------------------------------------------------------------------------


@login_required
def article_new(request):
    form = forms.SubmissionCreateForm(request.POST or None, units=_recordable(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            services.record_submission(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, "已登记。")
            return redirect("registers:articles")
    return _form_page(request, "registers/form.html", "登记信息报送（政能亮、政务信息）", form)


@login_required
def article_adopt(request, pk):
    obj = selectors.get("articles", request.user, pk)
    if not access.can_change(request.user, obj):
        raise PermissionDenied("需要本单位信息编辑或单位负责人岗位。")
    form = forms.AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.mark_adopted(obj, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已登记采用。")
            return redirect("registers:articles")
    return _form_page(request, "registers/form.html", f"登记采用：{obj.title}", form)


@login_required
def case_new(request):
    form = forms.CaseCreateForm(request.POST or None, units=_recordable(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            services.record_case(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, "已登记。")
            return redirect("registers:cases")
    return _form_page(request, "registers/form.html", "登记优秀案例", form)


# --- supervision ---------------------------------------------------------------------------------------------------


@login_required
def supervision_new(request):
    if not access.can_issue_supervision(request.user):
        raise PermissionDenied("通报批评、约谈和督查发现问题由政务公开办登记。")
    from gongkai.orgs.models import Unit

    form = forms.SupervisionCreateForm(
        request.POST or None, units=Unit.objects.filter(is_active=True), unit_label="被督查单位"
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            record = services.issue_supervision(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, f"已登记，整改期限为{record.due_on:%Y年%m月%d日}。")
            return redirect(record)
    return _form_page(request, "registers/form.html", "登记通报批评、约谈、督查问题", form)


@login_required
def supervision(request, pk):
    obj = selectors.get("supervision", request.user, pk)
    today = timezone.localdate()
    can_rectify = obj.completed_on is None and access.can_rectify(request.user, obj)
    form = forms.RectifyForm(request.POST or None) if can_rectify else None
    if request.method == "POST":
        if not can_rectify:
            raise PermissionDenied("需要被督查单位的信息编辑或单位负责人岗位。")
        if form.is_valid():
            with service_call(request, form) as call:
                services.complete_rectification(obj, actor=request.user, **form.cleaned_data)
            if call.ok:
                messages.success(request, "已报送整改完成。")
                return redirect(obj)
    return render(
        request,
        "registers/supervision.html",
        {
            "r": obj,
            "form": form,
            "state": exports.supervision_state(obj, today),
            "overdue": obj.is_overdue(today),
        },
    )
