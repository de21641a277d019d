"""Staff pages of site inspection (/work/sitecheck/): the due matrix and its .xlsx, the catalogue's due rules,
disclosure events, the 政务新媒体 registry. Thin: parse, call one service, render."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.common.errors import service_call
from gongkai.core.cells import escape_row
from gongkai.core.sitecheck import newmedia
from gongkai.orgs.models import Unit
from gongkai.publishing.models import CatalogNode
from gongkai.roles import permissions

from . import access, forms, selectors, services
from .models import NewMediaAccount, NodeRule
from .vocab import LIVE_STATES, STALE_VETO_SOURCE, TRANSITIONS, AccountState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _office_or_403(user) -> None:
    if not access.is_office(user):
        raise PermissionDenied("此页面仅供政务公开办使用。")


def _filtered(matrix, only: str):
    if only == "overdue":
        keep = lambda c: c is not None and c.status.overdue  # noqa: E731
    elif only == "empty":
        keep = lambda c: c is not None and c.empty  # noqa: E731
    else:
        return matrix.rows
    return [(u, cells) for u, cells in matrix.rows if any(keep(c) for c in cells)]


@login_required
def matrix(request):
    """应公开矩阵: every unit the user may see × every catalogue item with a rule."""
    only = forms.MatrixFilterForm(request.GET).only_or_all()
    data = selectors.due_matrix(request.user)
    return render(
        request,
        "sitecheck/matrix.html",
        {
            "matrix": data,
            "rows": _filtered(data, only),
            "only": only,
            "is_office": access.is_office(request.user),
            "reminders": selectors.reminders_for(request.user)[:10],
        },
    )


@login_required
def matrix_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    data = selectors.due_matrix(request.user)
    book = Workbook()
    sheet = book.active
    sheet.title = "应公开矩阵"
    sheet.append(
        escape_row(["单位", "公开事项", "公开时限", "法定主动公开", "最近发布", "下次应公开", "状态"])
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit, cells in data.rows:
        for c in cells:
            if c is None:
                continue
            state = "逾期" if c.status.overdue else ("法定内容为空" if c.empty else "正常")
            sheet.append(
                escape_row(
                    [
                        unit.name,
                        c.rule.node.name,
                        c.rule.rule.describe(),
                        "是" if c.rule.statutory else "否",
                        c.last_published,
                        c.status.overdue_since or c.status.next_due,
                        state,
                    ]
                )
            )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="due-matrix.xlsx"'
    return response


@login_required
def rules(request):
    """The template catalogue's items with their structured 公开时限 (office)."""
    _office_or_403(request.user)
    nodes = CatalogNode.objects.filter(unit__isnull=True, is_active=True).select_related("parent")
    by_node = {r.node_id: r for r in NodeRule.objects.all()}
    return render(request, "sitecheck/rules.html", {"rows": [(n, by_node.get(n.pk)) for n in nodes]})


@login_required
def rule_edit(request, pk):
    _office_or_403(request.user)
    node = get_object_or_404(CatalogNode, pk=pk, unit__isnull=True)
    current = NodeRule.objects.filter(node=node).first()
    initial = (
        {
            "kind": current.kind,
            "n_days": current.n_days,
            "month": current.month,
            "day": current.day,
            "unit_kinds": current.unit_kinds,
            "statutory": current.statutory,
            "basis": current.basis,
        }
        if current
        else {"kind": "dynamic"}
    )
    form = forms.RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.set_rule(node, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"已保存“{node.name}”的公开时限。")
            return redirect("sitecheck:rules")
    return render(request, "sitecheck/rule_edit.html", {"form": form, "node": node})


@login_required
def event_new(request):
    """登记公开事件: starts the 'within N working days' clock of an item for one of the user's units."""
    units = permissions.scope(request.user, Unit.objects.filter(is_active=True), unit_field="pk")
    form = forms.EventForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            services.record_event(
                data["unit"],
                data["node"],
                actor=request.user,
                occurred_on=data["occurred_on"],
                note=data["note"],
            )
        if call.ok:
            messages.success(request, "已登记，应公开日期已计入矩阵。")
            return redirect("sitecheck:matrix")
    return render(request, "sitecheck/event_new.html", {"form": form})


# --- 政务新媒体 registry ---------------------------------------------------------------------------------------


def _my_units(user):
    return permissions.scope(user, Unit.objects.filter(is_active=True), unit_field="pk")


@login_required
def accounts(request):
    """The registry: accounts of the user's units (all for the office), with the 2-week veto flag."""
    form = forms.AccountFilterForm(request.GET)
    state = form.cleaned_data.get("state", "") if form.is_valid() else ""
    only_stale = form.is_valid() and form.cleaned_data.get("stale")
    today = timezone.localdate()
    stale_ids = {a.pk for a in selectors.stale_accounts(request.user, today)}
    rows = [a for a in selectors.accounts(request.user, state=state) if not only_stale or a.pk in stale_ids]
    return render(
        request,
        "sitecheck/accounts.html",
        {
            "rows": rows,
            "stale_ids": stale_ids,
            "form": form,
            "is_office": access.is_office(request.user),
            "today": today,
            "veto_source": STALE_VETO_SOURCE,
        },
    )


@login_required
def account_new(request):
    form = forms.AccountForm(request.POST or None, units=_my_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        with service_call(request, form) as call:
            acc = services.apply_account(unit, actor=request.user, **data)
        if call.ok:
            messages.success(request, "已提交开设申请。")
            return redirect("sitecheck:account", pk=acc.pk)
    return render(request, "sitecheck/account_new.html", {"form": form})


def _account_or_404(user, pk):
    return permissions.get_scoped_or_404(user, NewMediaAccount.objects.select_related("unit"), pk=pk)


@login_required
def account(request, pk):
    acc = _account_or_404(request.user, pk)
    steps = [
        (to, AccountState(to).label)
        for to in TRANSITIONS[acc.state]
        if access.can_move_account(request.user, acc, to)
    ]
    return render(
        request,
        "sitecheck/account.html",
        {
            "acc": acc,
            "steps": steps,
            "move_form": forms.MoveForm(),
            "update_form": forms.UpdateForm(),
            "can_update": access.can_apply_account(request.user, acc.unit),
            "stale": newmedia.is_stale(acc.last_update, timezone.localdate()) and acc.state in LIVE_STATES,
        },
    )


@login_required
@require_POST
def account_move(request, pk):
    acc = _account_or_404(request.user, pk)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.move_account(acc, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "备案状态已更新。")
    for error in form.errors.values():
        messages.error(request, "；".join(error))
    return redirect("sitecheck:account", pk=acc.pk)


@login_required
@require_POST
def account_update(request, pk):
    acc = _account_or_404(request.user, pk)
    if not access.can_apply_account(request.user, acc.unit):
        raise PermissionDenied("需要本单位信息编辑岗位。")
    form = forms.UpdateForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.record_update(acc, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已登记更新情况。")
    for error in form.errors.values():
        messages.error(request, "；".join(error))
    return redirect("sitecheck:account", pk=acc.pk)


@login_required
def accounts_xlsx(request):
    """The report upper levels ask for (政务新媒体基本情况表)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    today = timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.title = "政务新媒体"
    sheet.append(
        escape_row(
            [
                "主办单位",
                "平台",
                "账号名称",
                "账号ID",
                "层级",
                "运维单位",
                "备案状态",
                "上级备案号",
                "最近更新",
                "互动功能",
                "2周未更新（否决）",
            ]
        )
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for a in selectors.accounts(request.user):
        live = a.state in LIVE_STATES
        sheet.append(
            escape_row(
                [
                    a.unit.name,
                    a.get_platform_display(),
                    a.name,
                    a.account_id,
                    a.level,
                    a.operator,
                    a.get_state_display(),
                    a.filing_number,
                    a.last_update,
                    {True: "正常", False: "异常", None: "未检查"}[a.interaction_ok],
                    "是" if live and newmedia.is_stale(a.last_update, today) else "否",
                ]
            )
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="new-media.xlsx"'
    return response


@login_required
def accounts_import(request):
    _office_or_403(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            result = services.import_updates(form.cleaned_data["file"].read(), actor=request.user)
        if call.ok and result and not result.errors:
            messages.success(request, f"已导入{result.updated}个账号的更新情况。")
            return redirect("sitecheck:accounts")
    return render(request, "sitecheck/accounts_import.html", {"form": form, "result": result})


# ---------------------------------------------------------------- inspection (网站巡检)


def _inspection_context(request) -> dict:
    return {"is_office": access.is_office(request.user)}


@login_required
def inspections(request):
    """Runs of the portal (and of listed external sites), the latest scorecard, the trend chart."""
    from django.utils.safestring import mark_safe

    from .models import ExternalSite

    latest = selectors.latest_done_run()
    return render(
        request,
        "sitecheck/inspections.html",
        {
            **_inspection_context(request),
            "runs": selectors.inspection_runs(),
            "latest": latest,
            # Built by core.sitecheck.chart, which escapes every label; no script, no style attribute.
            "trend": mark_safe(selectors.trend_svg()),  # noqa: S308
            "sites": ExternalSite.objects.select_related("unit"),
            "open_count": selectors.tickets_for(request.user).count(),
        },
    )


@login_required
@require_POST
def inspection_start(request):
    from .models import ExternalSite

    if not access.can_manage_inspection(request.user):
        raise PermissionDenied("网站巡检由政务公开办发起。")
    form = forms.StartInspectionForm(request.POST)
    site = None
    if form.is_valid() and form.cleaned_data["site"]:
        site = get_object_or_404(ExternalSite, pk=form.cleaned_data["site"])
    with service_call(request, form) as call:
        run = services.start_inspection(site, actor=request.user)
    if call.ok:
        messages.success(request, "已发起巡检，完成后在此查看评分和问题。")
        return redirect("sitecheck:run", pk=run.pk)
    return redirect("sitecheck:inspections")


@login_required
def inspection_run(request, pk):
    from .models import InspectionRun

    run = get_object_or_404(InspectionRun.objects.select_related("site"), pk=pk)
    findings = list(selectors.run_findings(request.user, run))
    labels = _check_labels()
    for f in findings:
        f.label = labels.get(f.kind, f.kind)
    return render(
        request,
        "sitecheck/run.html",
        {
            **_inspection_context(request),
            "run": run,
            "card": run.scorecard or {},
            "findings": findings,
            "labels": _check_labels(),
        },
    )


def _check_labels():
    from gongkai.core.sitecheck.rules import CHECK_LABELS

    return CHECK_LABELS


@login_required
def tickets(request):
    """整改工单: the office sees every unit's, a unit's staff their own."""
    state, unit_id = forms.TicketFilterForm(request.GET).values()
    rows = list(selectors.tickets_for(request.user, state=state, unit_id=unit_id)[:500])
    labels = _check_labels()
    for t in rows:
        t.label = labels.get(t.kind, t.kind)
    return render(
        request,
        "sitecheck/tickets.html",
        {
            **_inspection_context(request),
            "rows": rows,
            "state": state,
            "labels": _check_labels(),
            "today": timezone.localdate(),
        },
    )


@login_required
def ticket(request, pk):
    from .models import Ticket

    t = get_object_or_404(
        Ticket.objects.select_related("unit", "opened_run", "last_seen_run", "closed_run"), pk=pk
    )
    if not access.can_view_ticket(request.user, t):
        from django.http import Http404

        raise Http404("未找到该记录，或您无权查看。")
    return render(
        request,
        "sitecheck/ticket.html",
        {
            **_inspection_context(request),
            "t": t,
            "label": _check_labels().get(t.kind, t.kind),
            "history": t.findings.select_related("run").order_by("-run__started_at")[:20],
            "today": timezone.localdate(),
        },
    )


@login_required
def bulletin_docx(request):
    """通报 (.docx) of the open findings per unit: the office's."""
    from gongkai.core.filenames import download_disposition

    from .exports import bulletin_docx as build

    if not access.can_manage_inspection(request.user):
        raise PermissionDenied("巡检问题通报由政务公开办印发。")
    data = build(request.user)
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    resp["Content-Disposition"] = download_disposition(f"网站巡检问题通报{timezone.localdate():%Y%m%d}.docx")
    return resp


@login_required
def site_new(request):
    _office_or_403(request.user)
    form = forms.ExternalSiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.add_site(actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已加入外部网站清单。")
            return redirect("sitecheck:inspections")
    return render(request, "sitecheck/site_new.html", {**_inspection_context(request), "form": form})
