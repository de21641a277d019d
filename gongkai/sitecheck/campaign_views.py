"""Staff pages of the 僵尸号 cleanup campaigns (/work/sitecheck/campaigns/): list and open (office), a campaign's
progress and its accounts (each unit sees and decides its own), close, .xlsx export. Thin: parse, call one service,
render."""

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
from gongkai.roles import permissions

from . import access, forms, selectors, services
from .models import ZombieItem
from .vocab import ZOMBIE_SOURCE, CampaignState, ZombieDecision

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def campaigns(request):
    """清理行动 list; the office opens a new one here."""
    is_office = access.can_run_campaign(request.user)
    form = forms.CampaignForm(
        request.POST or None, initial={"stale_days": 30, "include_no_interaction": True}
    )
    if request.method == "POST":
        if not is_office:
            raise PermissionDenied("僵尸号清理行动由政务公开办开展。")
        if form.is_valid():
            with service_call(request, form) as call:
                campaign = services.open_campaign(actor=request.user, **form.cleaned_data)
            if call.ok:
                messages.success(request, f"已开展清理行动，列入账号 {campaign.items.count()} 个。")
                return redirect("sitecheck:campaign", pk=campaign.pk)
    return render(
        request,
        "sitecheck/campaigns.html",
        {"campaigns": selectors.campaigns(), "form": form, "is_office": is_office, "source": ZOMBIE_SOURCE},
    )


@login_required
def campaign(request, pk):
    """A campaign: progress per unit and the accounts the user may see, each with its decision form."""
    if not access.can_view_campaign(request.user):
        raise PermissionDenied
    camp = get_object_or_404(selectors.campaigns(), pk=pk)
    today = timezone.localdate()
    items = list(selectors.campaign_items(request.user, camp))
    progress, total = selectors.campaign_progress(items, today)
    rows = [
        (
            item,
            forms.DecisionForm(item=item, prefix=f"i{item.pk}")
            if camp.state == CampaignState.OPEN and access.can_decide_zombie(request.user, item)
            else None,
        )
        for item in items
    ]
    return render(
        request,
        "sitecheck/campaign.html",
        {
            "camp": camp,
            "rows": rows,
            "progress": progress,
            "total": total,
            "today": today,
            "decisions": ZombieDecision.choices,
            "is_office": access.can_run_campaign(request.user),
        },
    )


@login_required
@require_POST
def decide(request, pk, item_id):
    """One account's decision (整改 / 关停 / 注销 / 合并); another unit's account answers 404."""
    item = permissions.get_scoped_or_404(
        request.user, ZombieItem.objects.select_related("campaign", "unit"), pk=item_id, campaign_id=pk
    )
    if not access.can_decide_zombie(request.user, item):
        raise PermissionDenied("需要账号主办单位的信息编辑岗位。")
    form = forms.DecisionForm(request.POST, item=item, prefix=f"i{item.pk}")
    if form.is_valid():
        with service_call(request) as call:
            services.decide(item, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"已登记“{item.account.name}”的处置意见。")
    for error in form.errors.values():
        messages.error(request, "；".join(error))
    return redirect("sitecheck:campaign", pk=pk)


@login_required
@require_POST
def campaign_close(request, pk):
    if not access.can_run_campaign(request.user):
        raise PermissionDenied("僵尸号清理行动由政务公开办结束。")
    camp = get_object_or_404(selectors.campaigns(), pk=pk)
    with service_call(request) as call:
        services.close_campaign(camp, actor=request.user)
    if call.ok:
        messages.success(request, "清理行动已结束。")
    return redirect("sitecheck:campaign", pk=pk)


@login_required
def campaign_xlsx(request, pk):
    """The campaign's table (僵尸号清理情况表): one row per listed account the user may see."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if not access.can_view_campaign(request.user):
        raise PermissionDenied
    camp = get_object_or_404(selectors.campaigns(), pk=pk)
    today = timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.title = "僵尸号清理"
    sheet.append(escape_row([camp.title, f"处置期限 {camp.deadline:%Y-%m-%d}", camp.get_state_display()]))
    sheet.append(
        escape_row(
            [
                "主办单位",
                "平台",
                "账号名称",
                "账号ID",
                "列入原因",
                "列入时最近更新",
                "处置意见",
                "并入账号",
                "说明",
                "处置日期",
                "是否逾期",
            ]
        )
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for item in selectors.campaign_items(request.user, camp):
        sheet.append(
            escape_row(
                [
                    item.unit.name,
                    item.account.get_platform_display(),
                    item.account.name,
                    item.account.account_id,
                    item.reason,
                    item.last_update,
                    item.get_decision_display() or "未处置",
                    item.merge_into.name if item.merge_into else "",
                    item.note,
                    item.decided_on,
                    "是" if item.overdue(today) else "否",
                ]
            )
        )
    for column, width in zip("ABCDEFGHIJK", (28, 10, 24, 18, 22, 14, 10, 20, 30, 12, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=zombie-campaign-{camp.pk}.xlsx"
    return response
