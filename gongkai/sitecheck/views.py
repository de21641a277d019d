"""Staff pages of site inspection (/work/sitecheck/): the due matrix and its .xlsx, the catalogue's due rules,
disclosure events. Thin: parse, call one service, render."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.common.errors import service_call
from gongkai.orgs.models import Unit
from gongkai.publishing.models import CatalogNode
from gongkai.roles import permissions

from . import access, forms, selectors, services
from .models import NodeRule

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
    sheet.append(["单位", "公开事项", "公开时限", "法定主动公开", "最近发布", "下次应公开", "状态"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit, cells in data.rows:
        for c in cells:
            if c is None:
                continue
            state = "逾期" if c.status.overdue else ("法定内容为空" if c.empty else "正常")
            sheet.append(
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
