"""Staff pages of the audit log: list with filters, one event, export, and the chain check for system admins."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import access, exports, presentation, selectors, services
from .forms import EventFilterForm
from .models import AuditChainHead, AuditEvent

PAGE_SIZE = 50
XLSX_WEB_MAX_ROWS = 20_000
LIST_CHANGE_LIMIT = 80  # characters of a value shown in the list; the detail page shows everything


def _require_browse(user) -> None:
    if not access.can_browse(user):
        raise PermissionDenied("审计日志仅供政务公开办管理员、系统管理员和单位负责人查看。")


def _filtered(request):
    events = selectors.visible_events(request.user)
    form = EventFilterForm(request.GET, user=request.user, events=events)
    if not form.is_valid():
        return form, None
    criteria = form.criteria()
    return form, (selectors.filter_events(events, criteria), criteria)


def _querystring(request, **changes) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


@login_required
@require_GET
def event_list(request):
    _require_browse(request.user)
    form, result = _filtered(request)
    page = None
    rows = []
    if result is not None:
        events, _ = result
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [
            {
                "event": event,
                "action": presentation.action_label(event.action),
                "changes": presentation.changes(event, LIST_CHANGE_LIMIT),
                "channel": presentation.channel_label(event.channel),
            }
            for event in page.object_list
        ]
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "base_query": _querystring(request, page=None),
            "is_sys_admin": access.can_verify(request.user),
            "scope_all": access.visible_unit_ids(request.user) is None,
        },
        status=200 if result is not None else 400,
    )


def _pretty(value) -> str:
    return "（无）" if value is None else json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@login_required
@require_GET
def event_detail(request, pk: int):
    _require_browse(request.user)
    try:
        event = selectors.visible_events(request.user).get(pk=pk)
    except AuditEvent.DoesNotExist:
        raise Http404("未找到该审计事件，或您无权查看。")
    return render(
        request,
        "audit/detail.html",
        {
            "event": event,
            "changes": presentation.changes(event),
            "before_json": _pretty(event.before),
            "after_json": _pretty(event.after),
            "action_label": presentation.action_label(event.action),
            "channel": presentation.channel_label(event.channel),
            "object_type_label": presentation.object_type_label(event.object_type),
        },
    )


@login_required
@require_GET
def export(request, fmt: str):
    if not access.can_export(request.user):
        raise PermissionDenied("审计日志仅供政务公开办管理员、系统管理员和单位负责人导出。")
    if fmt not in ("csv", "xlsx"):
        raise Http404("导出格式只支持 CSV 和 XLSX。")
    form, result = _filtered(request)
    if result is None:
        return render(
            request,
            "audit/list.html",
            {"form": form, "page": None, "rows": []},
            status=400,
        )
    events, criteria = result
    # The export is a snapshot up to the newest event now; it is itself recorded (after that snapshot).
    snapshot, last = selectors.export_snapshot(events)
    count = snapshot.count()
    if fmt == "xlsx" and count > XLSX_WEB_MAX_ROWS:
        # openpyxl writes about 1 000–2 000 rows a second: beyond this the request would outlive the web timeout.
        form.add_error(
            None,
            f"共 {count} 条，网页导出 Excel 最多 {XLSX_WEB_MAX_ROWS} 条。请缩小日期范围，"
            "或导出 CSV，或由系统管理员用 gongkai audit export 命令导出。",
        )
        return render(request, "audit/list.html", {"form": form, "page": None, "rows": []}, status=400)
    services.record_export(
        actor=request.user, fmt=fmt, count=count, up_to_id=last, filters=criteria.as_dict()
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    filename = f"audit-{stamp}.{fmt}"
    rows = snapshot.order_by("-id").iterator(chunk_size=2000)
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    else:
        data, _ = exports.xlsx_bytes(rows)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def verify_chain(request):
    """Run the chain check (system administrators only) and show the result."""
    if not access.can_verify(request.user):
        raise PermissionDenied("只有系统管理员可以校验哈希链。")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    check = services.check_chain(actor=request.user)
    result = check.result
    head = AuditChainHead.objects.filter(pk=1).first()
    broken = AuditEvent.objects.filter(pk=result.first_broken_id).first() if result.first_broken_id else None
    return render(
        request,
        "audit/verify.html",
        {"result": result, "missing": check.missing, "head": head, "broken": broken},
    )
