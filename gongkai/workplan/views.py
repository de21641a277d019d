"""Staff pages of the work plan: import, review tree, edits, publish, my tasks, progress, dashboard, exports, 回头看.

Thin: services change state, selectors read. The office (政务公开办) manages plans; a unit's staff see and report on
their own unit's tasks only (other tasks answer 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.core.filenames import download_disposition
from gongkai.orgs import resolver
from gongkai.orgs.models import Unit
from gongkai.orgs.permissions import is_office_admin

from . import exports, selectors, services
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


def _office(request) -> None:
    if not is_office_admin(request.user):
        raise PermissionDenied("只有政务公开办可以管理工作要点。")


def _plan(request, pk) -> WorkPlan:
    _office(request)
    return get_object_or_404(WorkPlan, pk=pk)


def _task_for(request, pk) -> Task:
    """A task the user may see: the office any; others only their units' tasks in published plans (else 404)."""
    qs = Task.objects.all() if is_office_admin(request.user) else selectors.visible_tasks(request.user)
    task = qs.filter(pk=pk).select_related("plan", "item").first()
    if task is None:
        raise Http404("未找到该任务，或您无权查看。")
    return task


@login_required
def plan_list(request):
    _office(request)
    plans = WorkPlan.objects.all()
    return render(request, "workplan/plan_list.html", {"plans": plans})


@login_required
@require_http_methods(["GET", "POST"])
def import_plan(request):
    _office(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            plan = services.import_document(
                actor=request.user,
                data=upload.read() if upload else None,
                filename=upload.name if upload else "",
                text="" if upload else form.cleaned_data.get("text") or "",
                year=form.cleaned_data.get("year"),
                cycle=form.cleaned_data["cycle"],
            )
        except services.WorkPlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已导入“{plan.title}”：请逐项核对单位和时限后发布。")
            return redirect("workplan:plan", plan.pk)
    return render(request, "workplan/import.html", {"form": form})


def _chip_view(chips: list[dict]) -> list[dict]:
    return [{**c, "problem": not c.get("matched")} for c in chips]


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    tasks = selectors.annotate(plan.tasks.all())
    by_item: dict[int, list] = {}
    problems: dict[str, dict] = {}
    for t in tasks:
        t.chips = _chip_view(t.unit_names)
        by_item.setdefault(t.item_id, []).append(t)
        for c in t.chips:
            if c["problem"] and not c.get("fixed"):
                entry = problems.setdefault(c["text"], {"name": c["text"], "chip": c, "tasks": 0})
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
            "orphans": sum(1 for t in tasks if not t.owner_units),
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
            ids = [i for m in resolver.resolve(name) for i in m.unit_ids]
            units = list(Unit.objects.filter(pk__in=ids))
        try:
            n = services.assign_name(plan, name, units, request.user)
            messages.success(
                request,
                f"已将“{name}”指定为{'、'.join(u.short_name or u.name for u in units[:6])}，涉及{n}项任务。",
            )
        except services.WorkPlanError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "请选择单位。")
    return redirect("workplan:plan", plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    _office(request)
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
            "lead": [tu.unit_id for tu in units if tu.role == UnitRole.LEAD],
            "responsible": [tu.unit_id for tu in units if tu.role == UnitRole.RESPONSIBLE],
        }
    )
    split = SplitForm(initial={"text": task.text})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "units":
                units_form = TaskUnitsForm(request.POST)
                if units_form.is_valid():
                    services.set_task_units(
                        task,
                        lead=list(units_form.cleaned_data["lead"]),
                        responsible=list(units_form.cleaned_data["responsible"]),
                        actor=request.user,
                    )
                    messages.success(request, "单位已更新。")
                    return redirect("workplan:plan", task.plan_id)
            elif action == "split":
                split = SplitForm(request.POST)
                if split.is_valid():
                    created = services.split_task(task, split.pieces(), request.user)
                    messages.success(request, f"已拆分为{len(created)}项任务。")
                    return redirect("workplan:plan", task.plan_id)
            elif action == "merge":
                services.merge_with_next(task, request.user)
                messages.success(request, "已与下一项任务合并。")
                return redirect("workplan:plan", task.plan_id)
            else:
                edit = TaskEditForm(request.POST)
                if edit.is_valid():
                    services.update_task(task, actor=request.user, **edit.cleaned_data)
                    messages.success(request, "任务已更新。")
                    return redirect("workplan:plan", task.plan_id)
        except services.WorkPlanError as exc:
            messages.error(request, str(exc))
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
    initial = {k: getattr(plan, k) for k in ("title", "issuer", "doc_number", "date", "year", "cycle")}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, actor=request.user, **form.cleaned_data)
            messages.success(request, "已保存。")
            return redirect("workplan:plan", plan.pk)
        except services.WorkPlanError as exc:
            form.add_error(None, str(exc))
    return render(request, "workplan/plan_edit.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def item_units(request, pk):
    _office(request)
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    form = TaskUnitsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = services.set_item_units(
                item,
                lead=list(form.cleaned_data["lead"]),
                responsible=list(form.cleaned_data["responsible"]),
                actor=request.user,
            )
            messages.success(request, f"已为本条目的{n}项任务指定单位。")
            return redirect(reverse("workplan:plan", args=[item.plan_id]) + f"#item-{item.pk}")
        except services.WorkPlanError as exc:
            form.add_error(None, str(exc))
    return render(request, "workplan/item_units.html", {"item": item, "form": form})


@login_required
def publish(request, pk):
    plan = _plan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PublishForm(request.POST)
    try:
        services.publish(plan, request.user, cycle=form.cleaned_data["cycle"] if form.is_valid() else None)
        messages.success(request, "已发布：各责任单位已在“我的任务”中看到本单位的任务。")
        return redirect("workplan:dashboard", plan.pk)
    except services.WorkPlanError as exc:
        messages.error(request, str(exc))
        return redirect("workplan:plan", plan.pk)


@login_required
def archive(request, pk):
    plan = _plan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.archive(plan, request.user)
        messages.success(request, "已归档。")
    except services.WorkPlanError as exc:
        messages.error(request, str(exc))
    return redirect("workplan:plan", plan.pk)


@login_required
def dashboard(request, pk):
    plan = _plan(request, pk)
    tasks = selectors.annotate(plan.tasks.all())
    return render(
        request,
        "workplan/dashboard.html",
        {
            "plan": plan,
            "roll": selectors.rollup(plan, tasks),
            "units": selectors.unit_table(plan, tasks),
            "cycle": selectors.cycle_info(plan),
            "overdue": [t for t in tasks if t.live == "overdue"],
            "summary": selectors.implementation_summary(plan, tasks),
        },
    )


@login_required
def export_xlsx(request, pk):
    plan = _plan(request, pk)
    data = exports.ledger_xlsx(plan)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = download_disposition(f"{plan.title}任务分工表.xlsx")
    return response


@login_required
def bulletin_docx(request, pk):
    plan = _plan(request, pk)
    data = exports.bulletin_docx(plan)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = download_disposition(f"{plan.title}落实情况通报.docx")
    return response


@login_required
def compare(request, pk):
    plan = _plan(request, pk)
    others = WorkPlan.objects.exclude(pk=pk).order_by("-year", "-id")
    other = None
    other_id = request.GET.get("other")
    if other_id and other_id.isdigit():
        other = others.filter(pk=int(other_id)).first()
    if other is None:
        other = others.filter(year__lt=plan.year).first() or others.first()
    rows = selectors.comparison(other, plan) if other else []
    counts = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
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
            "can_carry": plan.state != PlanState.ARCHIVED,
        },
    )


@login_required
def carry(request, pk):
    plan = _plan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids = [int(i) for i in request.POST.getlist("task") if i.isdigit()]
    tasks = list(Task.objects.filter(pk__in=ids).exclude(plan=plan))
    try:
        created = services.carry_forward(tasks, plan, request.user)
        messages.success(request, f"已将{len(created)}项上年度未完成任务结转到本工作要点。")
    except services.WorkPlanError as exc:
        messages.error(request, str(exc))
    back = request.POST.get("other", "")
    url = reverse("workplan:compare", args=[plan.pk])
    return redirect(f"{url}?other={back}" if back.isdigit() else url)


@login_required
def mine(request):
    tasks = selectors.annotate(
        selectors.visible_tasks(request.user).order_by("-plan__year", "item__order", "order")
    )
    status = request.GET.get("status", "")
    if status in selectors.STATUS_LABELS:
        tasks = [t for t in tasks if t.live == status]
    counts: dict[str, int] = {}
    for t in selectors.annotate(selectors.visible_tasks(request.user)):
        counts[t.live] = counts.get(t.live, 0) + 1
    return render(
        request,
        "workplan/mine.html",
        {
            "tasks": tasks,
            "status": status,
            "statuses": [(k, v, counts.get(k, 0)) for k, v in selectors.STATUS_LABELS.items()],
            "office": is_office_admin(request.user),
        },
    )


@login_required
def task_detail(request, pk):
    task = _task_for(request, pk)
    [task] = selectors.annotate(Task.objects.filter(pk=task.pk))
    units = services.reporting_units(request.user, task) if task.plan.state == PlanState.PUBLISHED else []
    form = ProgressForm(units=units, initial={"date": timezone.localdate()})
    return render(
        request,
        "workplan/task_detail.html",
        {
            "task": task,
            "reports": task.reports.select_related("unit", "author").order_by("-date", "-id"),
            "form": form if units else None,
            "office": is_office_admin(request.user),
        },
    )


@login_required
def task_progress(request, pk):
    task = _task_for(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    units = services.reporting_units(request.user, task)
    if not units:
        raise Http404("未找到该任务，或您无权查看。")
    form = ProgressForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.report_progress(
                task,
                unit=d["unit"],
                actor=request.user,
                text=d["text"],
                percent=d["percent"],
                on=d.get("date") or None,
                evidence=d.get("evidence"),
                evidence_link=d.get("evidence_link") or "",
            )
            messages.success(request, "进展已报送。")
            return redirect("workplan:task", task.pk)
        except services.WorkPlanError as exc:
            form.add_error(None, str(exc))
    [task] = selectors.annotate(Task.objects.filter(pk=task.pk))
    return render(
        request,
        "workplan/task_detail.html",
        {
            "task": task,
            "reports": task.reports.order_by("-date", "-id"),
            "form": form,
            "office": is_office_admin(request.user),
        },
        status=400,
    )


@login_required
def task_done(request, pk):
    _office(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    task = get_object_or_404(Task, pk=pk)
    try:
        services.mark_done(task, request.user, reopen=request.POST.get("reopen") == "1")
        messages.success(request, "已更新任务状态。")
    except services.WorkPlanError as exc:
        messages.error(request, str(exc))
    return redirect("workplan:task", task.pk)


@login_required
def evidence(request, pk):
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=pk)
    _task_for(request, report.task_id)  # 404 unless the user may see the task
    if not report.evidence_file:
        raise Http404("该报送没有附件。")
    response = FileResponse(
        report.evidence_file.open("rb"), as_attachment=True, filename=report.evidence_name or "佐证材料"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
