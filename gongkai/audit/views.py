"""Staff pages of the audit log: list with filters, one event, export, and the chain check for system admins."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.orgs import permissions

from . import exports, guard, presentation, selectors
from .forms import EventFilterForm
from .models import AuditChainHead, AuditEvent
from .services import record, verify

PAGE_SIZE = 50
XLSX_WEB_MAX_ROWS = 20_000
LIST_CHANGE_LIMIT = 80  # characters of a value shown in the list; the detail page shows everything


def _require_browse(user) -> None:
    if not selectors.can_browse(user):
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
                "event": e,
                "action": presentation.action_label(e.action),
                "changes": presentation.changes(e, LIST_CHANGE_LIMIT),
                "channel": presentation.channel_label(e.channel),
            }
            for e in page.object_list
        ]
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "base_query": _querystring(request, page=None),
            "is_sys_admin": permissions.is_sys_admin(request.user),
            "scope_all": selectors.visible_unit_ids(request.user) is None,
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
    _require_browse(request.user)
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
    last = events.values_list("id", flat=True).first()
    snapshot = events.filter(id__lte=last) if last else events.none()
    count = snapshot.count()
    if fmt == "xlsx" and count > XLSX_WEB_MAX_ROWS:
        # openpyxl writes about 1 000–2 000 rows a second: beyond this the request would outlive the web timeout.
        form.add_error(
            None,
            f"共 {count} 条，网页导出 Excel 最多 {XLSX_WEB_MAX_ROWS} 条。请缩小日期范围，"
            "或导出 CSV，或由系统管理员用 gongkai audit export 命令导出。",
        )
        return render(request, "audit/list.html", {"form": form, "page": None, "rows": []}, status=400)
    with transaction.atomic():
        record(
            actor=request.user,
            action="audit.export",
            object_type="audit.auditevent",
            object_repr=f"导出 {count} 条审计事件（{fmt.upper()}）",
            after={"format": fmt, "count": count, "up_to_id": last, "filters": criteria.as_dict()},
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
    if not permissions.is_sys_admin(request.user):
        raise PermissionDenied("只有系统管理员可以校验哈希链。")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    result = verify()
    missing = sorted(guard.missing_triggers(connection))
    head = AuditChainHead.objects.filter(pk=1).first()
    broken = AuditEvent.objects.filter(pk=result.first_broken_id).first() if result.first_broken_id else None
    with transaction.atomic():
        record(
            actor=request.user,
            action="audit.verify",
            object_type="audit.auditevent",
            object_repr="哈希链校验通过" if result.ok and not missing else "哈希链校验发现问题",
            after={
                "ok": result.ok,
                "checked": result.checked,
                "first_broken_id": result.first_broken_id,
                "problem": result.problem,
                "missing_triggers": missing,
            },
        )
    return render(
        request,
        "audit/verify.html",
        {"result": result, "missing": missing, "head": head, "broken": broken},
    )
