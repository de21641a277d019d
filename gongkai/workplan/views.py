"""Staff pages of the work plan: import, review tree, edits, publish, my tasks, progress, dashboard, exports, 回头看.

Thin: services change state, selectors read, ``access`` says who may. The office (政务公开办) manages plans; a
unit's staff see and report on their own unit's tasks only (other tasks answer 404).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.common import query as query_params
from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition
from gongkai.orgs import resolver
from gongkai.orgs.models import Unit

from . import access, exports, selectors, services
from .forms import (
    AssignNameForm,
    ImportForm,
    PlanForm,
    ProgressForm,
    PublishForm,
    SplitForm,
    TaskEditForm,
    TaskUnitsForm,
)
from .models import PlanItem, PlanState, ProgressReport, Task, UnitRole, WorkPlan

OFFICE_ONLY = "只有政务公开办可以管理工作要点。"


def _require(request, rule) -> None:
    """403 unless ``rule(user)`` from ``access`` allows it (checked before any object is looked up)."""
    if not rule(request.user):
        raise PermissionDenied(OFFICE_ONLY)


def _plan(request, pk, rule=access.can_manage_plans) -> WorkPlan:
    _require(request, rule)
    return get_object_or_404(WorkPlan, pk=pk)


def _task_for(request, pk) -> Task:
    """A task the user may see: the office any; others only their units' tasks in published plans (else 404)."""
    task = selectors.task_for_staff(request.user, pk)
    if task is None:
        raise Http404("未找到该任务，或您无权查看。")
    return task


@login_required
def plan_list(request):
    _require(request, access.can_manage_plans)
    plans = WorkPlan.objects.all()
    return render(request, "workplan/plan_list.html", {"plans": plans})


@login_required
@require_http_methods(["GET", "POST"])
def import_plan(request):
    _require(request, access.can_import)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        with service_call(request, form) as call:
            plan = services.import_document(
                actor=request.user,
                data=upload.read(services.MAX_UPLOAD_BYTES + 1) if upload else None,  # the limit, not more
                filename=upload.name if upload else "",
                text="" if upload else form.cleaned_data.get("text") or "",
                year=form.cleaned_data.get("year"),
                cycle=form.cleaned_data["cycle"],
            )
        if call.ok:
            messages.success(request, f"已导入“{plan.title}”：请逐项核对单位和时限后发布。")
            return redirect("workplan:plan", plan.pk)
    return render(request, "workplan/import.html", {"form": form})


def _chip_view(chips: list[dict]) -> list[dict]:
    return [{**chip, "problem": not chip.get("matched")} for chip in chips]


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    tasks = selectors.annotate(plan.tasks.all())
    by_item: dict[int, list] = {}
    problems: dict[str, dict] = {}
    for task in tasks:
        task.chips = _chip_view(task.unit_names)
        by_item.setdefault(task.item_id, []).append(task)
        for chip in task.chips:
            if chip["problem"] and not chip.get("fixed"):
                entry = problems.setdefault(chip["text"], {"name": chip["text"], "chip": chip, "tasks": 0})
                entry["tasks"] += 1
    parts = []
    for item in plan.items.select_related("part").order_by("order", "id"):
        item.task_list = by_item.get(item.pk, [])
        if not parts or parts[-1]["part"] != item.part:
            parts.append({"part": item.part, "items": []})
        parts[-1]["items"].append(item)
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "id"))
    return render(
        request,
        "workplan/plan_detail.html",
        {
            "plan": plan,
            "parts": parts,
            "problems": list(problems.values()),
            "units": units,
            "orphans": sum(1 for task in tasks if not task.owner_units),
            "publish_form": PublishForm(initial={"cycle": plan.cycle}),
            "draft": plan.state == PlanState.DRAFT,
            "editable": plan.state != PlanState.ARCHIVED,
            "other_plans": WorkPlan.objects.exclude(pk=plan.pk),
        },
    )


@login_required
def assign_name(request, pk):
    plan = _plan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AssignNameForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"]
        units = list(form.cleaned_data["units"])
        if form.cleaned_data["all_members"]:
            ids = [unit_id for match in resolver.resolve(name) for unit_id in match.unit_ids]
            units = list(Unit.objects.filter(pk__in=ids))
        with service_call(request) as call:
            changed = services.assign_name(plan, actor=request.user, name=name, units=units)
        if call.ok:
            shown = "、".join(unit.short_name or unit.name for unit in units[:6])
            messages.success(request, f"已将“{name}”指定为{shown}，涉及{changed}项任务。")
    else:
        messages.error(request, "请选择单位。")
    return redirect("workplan:plan", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    _require(request, access.can_manage_plans)
    task = get_object_or_404(Task.objects.select_related("plan", "item"), pk=pk)
    units = list(task.task_units.select_related("unit"))
    edit = TaskEditForm(
        initial={
            "text": task.text,
            "deadline": task.deadline,
            "deadline_text": task.deadline_text,
            "weight": task.weight,
        }
    )
    units_form = TaskUnitsForm(
        initial={
            "lead": [task_unit.unit_id for task_unit in units if task_unit.role == UnitRole.LEAD],
            "responsible": [
                task_unit.unit_id for task_unit in units if task_unit.role == UnitRole.RESPONSIBLE
            ],
        }
    )
    split = SplitForm(initial={"text": task.text})
    if request.method == "POST":
        action = request.POST.get("action")
        # Refusals go to the messages at the top: the page holds three forms.
        with service_call(request):
            if action == "units":
                units_form = TaskUnitsForm(request.POST)
                if units_form.is_valid():
                    services.set_task_units(
                        task,
                        actor=request.user,
                        lead=list(units_form.cleaned_data["lead"]),
                        responsible=list(units_form.cleaned_data["responsible"]),
                    )
                    messages.success(request, "单位已更新。")
                    return redirect("workplan:plan", task.plan_id)
            elif action == "split":
                split = SplitForm(request.POST)
                if split.is_valid():
                    created = services.split_task(task, actor=request.user, pieces=split.pieces())
                    messages.success(request, f"已拆分为{len(created)}项任务。")
                    return redirect("workplan:plan", task.plan_id)
            elif action == "merge":
                services.merge_with_next(task, actor=request.user)
                messages.success(request, "已与下一项任务合并。")
                return redirect("workplan:plan", task.plan_id)
            else:
                edit = TaskEditForm(request.POST)
                if edit.is_valid():
                    services.update_task(task, actor=request.user, **edit.cleaned_data)
                    messages.success(request, "任务已更新。")
                    return redirect("workplan:plan", task.plan_id)
    return render(
        request,
        "workplan/task_edit.html",
        {
            "task": task,
            "edit": edit,
            "units_form": units_form,
            "split": split,
            "chips": _chip_view(task.unit_names),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _plan(request, pk)
    initial = {
        field: getattr(plan, field) for field in ("title", "issuer", "doc_number", "date", "year", "cycle")
    }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_plan(plan, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已保存。")
            return redirect("workplan:plan", plan.pk)
    return render(request, "workplan/plan_edit.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def item_units(request, pk):
    _require(request, access.can_manage_plans)
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    form = TaskUnitsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            changed = services.set_item_units(
                item,
                actor=request.user,
                lead=list(form.cleaned_data["lead"]),
                responsible=list(form.cleaned_data["responsible"]),
            )
        if call.ok:
            messages.success(request, f"已为本条目的{changed}项任务指定单位。")
            return redirect(reverse("workplan:plan", args=[item.plan_id]) + f"#item-{item.pk}")
    return render(request, "workplan/item_units.html", {"item": item, "form": form})


@login_required
def publish(request, pk):
    plan = _plan(request, pk, access.can_publish)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PublishForm(request.POST)
    with service_call(request) as call:
        services.publish(
            plan, actor=request.user, cycle=form.cleaned_data["cycle"] if form.is_valid() else None
        )
    if call.ok:
        messages.success(request, "已发布：各责任单位已在“我的任务”中看到本单位的任务。")
        return redirect("workplan:dashboard", plan.pk)
    return redirect("workplan:plan", plan.pk)


@login_required
def archive(request, pk):
    plan = _plan(request, pk, access.can_publish)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with service_call(request) as call:
        services.archive(plan, actor=request.user)
    if call.ok:
        messages.success(request, "已归档。")
    return redirect("workplan:plan", plan.pk)


@login_required
def dashboard(request, pk):
    plan = _plan(request, pk, access.can_see_county_dashboard)
    tasks = selectors.annotate(plan.tasks.all())
    return render(
        request,
        "workplan/dashboard.html",
        {
            "plan": plan,
            "roll": selectors.rollup(plan, tasks),
            "units": selectors.unit_table(plan, tasks),
            "cycle": selectors.cycle_info(plan),
            "overdue": [task for task in tasks if task.live == "overdue"],
            "summary": selectors.implementation_summary(plan, tasks),
        },
    )


@login_required
def export_xlsx(request, pk):
    plan = _plan(request, pk, access.can_see_county_dashboard)
    data = exports.ledger_xlsx(plan)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = download_disposition(f"{plan.title}任务分工表.xlsx")
    return response


@login_required
def bulletin_docx(request, pk):
    plan = _plan(request, pk, access.can_see_county_dashboard)
    data = exports.bulletin_docx(plan)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = download_disposition(f"{plan.title}落实情况通报.docx")
    return response


@login_required
def compare(request, pk):
    plan = _plan(request, pk, access.can_see_county_dashboard)
    others = WorkPlan.objects.exclude(pk=pk).order_by("-year", "-id")
    other = None
    other_id = query_params.to_id(request.GET.get("other"))
    if other_id:
        other = others.filter(pk=other_id).first()
    if other is None:
        other = others.filter(year__lt=plan.year).first() or others.first()
    rows = selectors.comparison(other, plan) if other else []
    counts = {}
    for row in rows:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    return render(
        request,
        "workplan/compare.html",
        {
            "plan": plan,
            "other": other,
            "others": others,
            "rows": rows,
            "counts": counts,
            "unfinished": selectors.unfinished(other) if other else [],
            "can_carry": plan.state != PlanState.ARCHIVED and access.can_carry_forward(request.user),
        },
    )


@login_required
def carry(request, pk):
    plan = _plan(request, pk, access.can_carry_forward)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids = [int(value) for value in request.POST.getlist("task") if value.isdigit()]
    tasks = list(Task.objects.filter(pk__in=ids).exclude(plan=plan))
    with service_call(request) as call:
        created = services.carry_forward(plan, actor=request.user, tasks=tasks)
    if call.ok:
        messages.success(request, f"已将{len(created)}项上年度未完成任务结转到本工作要点。")
    back = request.POST.get("other", "")
    url = reverse("workplan:compare", args=[plan.pk])
    return redirect(f"{url}?other={back}" if query_params.to_id(back) else url)


@login_required
def mine(request):
    tasks = selectors.annotate(
        selectors.visible_tasks(request.user).order_by("-plan__year", "item__order", "order")
    )
    status = request.GET.get("status", "")
    if status in selectors.STATUS_LABELS:
        tasks = [task for task in tasks if task.live == status]
    counts: dict[str, int] = {}
    for task in selectors.annotate(selectors.visible_tasks(request.user)):
        counts[task.live] = counts.get(task.live, 0) + 1
    return render(
        request,
        "workplan/mine.html",
        {
            "tasks": tasks,
            "status": status,
            "statuses": [(key, label, counts.get(key, 0)) for key, label in selectors.STATUS_LABELS.items()],
            "office": access.can_manage_plans(request.user),
        },
    )


@login_required
def task_detail(request, pk):
    task = _task_for(request, pk)
    [task] = selectors.annotate(Task.objects.filter(pk=task.pk))
    units = access.reporting_units(request.user, task) if task.plan.state == PlanState.PUBLISHED else []
    form = ProgressForm(units=units, initial={"date": timezone.localdate()})
    return render(
        request,
        "workplan/task_detail.html",
        {
            "task": task,
            "reports": task.reports.select_related("unit", "author").order_by("-date", "-id"),
            "form": form if units else None,
            "office": access.can_manage_plans(request.user),
            "can_confirm": access.can_confirm_done(request.user),
        },
    )


@login_required
def task_progress(request, pk):
    task = _task_for(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    units = access.reporting_units(request.user, task)
    if not units:
        raise Http404("未找到该任务，或您无权查看。")
    form = ProgressForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            services.report_progress(
                task,
                actor=request.user,
                unit=data["unit"],
                text=data["text"],
                percent=data["percent"],
                on=data.get("date") or None,
                evidence=data.get("evidence"),
                evidence_link=data.get("evidence_link") or "",
            )
        if call.ok:
            messages.success(request, "进展已报送。")
            return redirect("workplan:task", task.pk)
    [task] = selectors.annotate(Task.objects.filter(pk=task.pk))
    return render(
        request,
        "workplan/task_detail.html",
        {
            "task": task,
            "reports": task.reports.order_by("-date", "-id"),
            "form": form,
            "office": access.can_manage_plans(request.user),
            "can_confirm": access.can_confirm_done(request.user),
        },
        status=400,
    )


@login_required
def task_done(request, pk):
    _require(request, access.can_confirm_done)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    task = get_object_or_404(Task, pk=pk)
    with service_call(request) as call:
        services.mark_done(task, actor=request.user, reopen=request.POST.get("reopen") == "1")
    if call.ok:
        messages.success(request, "已更新任务状态。")
    return redirect("workplan:task", task.pk)


@login_required
def evidence(request, pk):
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=pk)
    _task_for(request, report.task_id)  # 404 unless the user may see the task
    if not report.evidence_file:
        raise Http404("该报送没有附件。")
    # Always a download, typed by the stored file's sniffed kind (its name), never by the uploader's name.
    extension = Path(report.evidence_file.name).suffix.lower()
    name = f"{Path(report.evidence_name or '佐证材料').stem}{extension}"
    response = FileResponse(
        report.evidence_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=services.EVIDENCE_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
