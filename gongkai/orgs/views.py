"""Units screens under /work/orgs/. Everyone on the staff may read the unit list (public information); only the
openness office and system administrators change units, import and manage staff. A unit's staff list is shown to
its own members and to the office; to anyone else that page does not exist (404)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import permissions, resolver, services, unit_io
from .forms import ImportUploadForm, MembershipForm, ResolveForm, StaffCreateForm, UnitFilterForm, UnitForm
from .models import Membership, Unit
from .roles import Role

PAGE_SIZE = 100
_IMPORT_SESSION_KEY = "orgs_import"


def _require_admin(user) -> None:
    if not permissions.is_office_admin(user):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以维护单位。")


def _form_errors_from(exc: ValidationError, form) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _filtered_units(request):
    form = UnitFilterForm(request.GET or None)
    units = Unit.objects.select_related("parent")
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "active"
    if status == "active":
        units = units.filter(is_active=True)
    elif status == "inactive":
        units = units.filter(is_active=False)
    if data.get("kind"):
        units = units.filter(kind=data["kind"])
    query = (data.get("q") or "").strip()
    if query:
        # Few hundred units at most: match names and the JSON alias list in Python, the same on every database.
        return form, [
            u
            for u in units
            if query in u.name or query in u.short_name or any(query in a for a in u.aliases or [])
        ]
    return form, list(units)


@login_required
def unit_list(request):
    form, units = _filtered_units(request)
    ordered = unit_io.tree_order(units)
    for unit in ordered:
        unit.indent = "　" * max(unit.depth - 1, 0) + ("└ " if unit.depth else "")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "form": form,
            "page": page,
            "total": len(ordered),
            "query": query.urlencode(),
            "can_edit": permissions.is_office_admin(request.user),
        },
    )


@login_required
def unit_export(request, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404("不支持的导出格式。")
    _, units = _filtered_units(request)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(unit_io.export_csv(units), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            unit_io.export_xlsx(units),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''units-{stamp}.{fmt}"
    return response


@login_required
@require_safe
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    can_see_staff = permissions.can_see_unit(request.user, unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.order_by("sort_order", "id"),
            "can_edit": permissions.is_office_admin(request.user),
            "can_see_staff": can_see_staff,
            "memberships": _memberships(unit) if can_see_staff else [],
        },
    )


def _memberships(unit):
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("user__username", "role")
        .filter(user__is_active=True)
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk=None):
    _require_admin(request.user)
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if unit is None:
                name, kind = fields.pop("name"), fields.pop("kind")
                unit = services.create_unit(request.user, name=name, kind=kind, **fields)
                messages.success(request, f"已新建单位“{unit.name}”。")
            else:
                unit = services.update_unit(request.user, unit, **fields)
                messages.success(request, f"已保存“{unit.name}”。")
            return redirect("orgs:unit_detail", pk=unit.pk)
        except ValidationError as exc:
            _form_errors_from(exc, form)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_set_active(request, pk, active):
    _require_admin(request.user)
    unit = get_object_or_404(Unit, pk=pk)
    reason = request.POST.get("reason", "")[:500]
    try:
        if active:
            services.activate_unit(request.user, unit, reason=reason)
            messages.success(request, f"已启用“{unit.name}”。")
        else:
            services.deactivate_unit(request.user, unit, reason=reason)
            messages.success(request, f"已停用“{unit.name}”。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("orgs:unit_detail", pk=unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    _require_admin(request.user)
    plan = None
    form = ImportUploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(_IMPORT_SESSION_KEY)
        if not stored or not secrets.compare_digest(stored.get("token", ""), request.POST.get("token", "")):
            messages.error(request, "导入预览已过期，请重新上传文件。")
            return redirect("orgs:unit_import")
        plan = unit_io.ImportPlan.from_session(stored["plan"])
        if plan.ok:
            try:
                counts = services.import_units(request.user, plan)
            except ValidationError:
                pass  # shown below from the re-checked plan
            else:
                del request.session[_IMPORT_SESSION_KEY]
                messages.success(
                    request,
                    f"导入完成：新建 {counts['create']} 个，更新 {counts['update']} 个，"
                    f"无变化 {counts['unchanged']} 个。",
                )
                return redirect("orgs:unit_list")
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            plan = unit_io.check_upload(upload.name, upload.read())
            if plan.ok:
                request.session[_IMPORT_SESSION_KEY] = {
                    "token": secrets.token_urlsafe(16),
                    "plan": plan.to_session(),
                }
    token = request.session.get(_IMPORT_SESSION_KEY, {}).get("token", "") if plan and plan.ok else ""
    return render(
        request,
        "orgs/unit_import.html",
        {"form": form, "plan": plan, "token": token, "headers": unit_io.HEADERS},
    )


def _staff_unit_or_404(user, pk) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    if not permissions.can_see_unit(user, unit):
        raise Http404("未找到该记录，或您无权查看。")
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_staff(request, pk):
    unit = _staff_unit_or_404(request.user, pk)
    can_edit = permissions.is_office_admin(request.user)
    form = MembershipForm(actor=request.user) if can_edit else None
    if request.method == "POST":
        _require_admin(request.user)
        form = MembershipForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                services.add_membership(
                    request.user, form.cleaned_data["user"], unit, form.cleaned_data["role"]
                )
                messages.success(request, "已分配岗位。")
                return redirect("orgs:unit_staff", pk=unit.pk)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, getattr(exc, "messages", None) or str(exc))
    return render(
        request,
        "orgs/unit_staff.html",
        {"unit": unit, "memberships": _memberships(unit), "can_edit": can_edit, "form": form},
    )


@login_required
@require_POST
def membership_remove(request, pk):
    _require_admin(request.user)
    membership = get_object_or_404(Membership.objects.select_related("user", "unit"), pk=pk)
    unit_pk = membership.unit_id
    if membership.user_id == request.user.pk and membership.role in (Role.OFFICE_ADMIN, Role.SYS_ADMIN):
        messages.error(request, "不能撤销自己的管理角色，请由其他管理员操作。")
    else:
        try:
            services.remove_membership(request.user, membership)
            messages.success(
                request, f"已撤销 {membership.user.display_name} 的“{membership.get_role_display()}”岗位。"
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    return redirect("orgs:unit_staff", pk=unit_pk)


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request, pk):
    _require_admin(request.user)
    unit = get_object_or_404(Unit, pk=pk, is_active=True)
    form = StaffCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_staff(
                request.user,
                username=data["username"],
                password=data["password1"],
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                unit=unit,
                roles=data["roles"],
            )
            messages.success(request, f"已新建账号 {user.username}（{user.display_name}）。")
            return redirect("orgs:unit_staff", pk=unit.pk)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(
                        "password1" if field == "password" else field if field in form.fields else None,
                        errors,
                    )
            else:
                form.add_error(None, exc.messages)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    return render(request, "orgs/staff_form.html", {"form": form, "unit": unit})


@login_required
def resolve_tester(request):
    """单位名称解析: type a phrase from a document and see which units it names."""
    form = ResolveForm(request.GET or None)
    matches = None
    if request.GET and form.is_valid():
        matches = resolver.resolve(form.cleaned_data["phrase"])
    members = {}
    if matches:
        ids = {i for m in matches for i in m.member_ids}
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "short_name"))
        full = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
        members = {m_id: names.get(m_id) or full.get(m_id, "") for m_id in ids}
    rows = []
    for match in matches or []:
        rows.append(
            {
                "match": match,
                "members": [members.get(i, "") for i in match.member_ids],
                "unit_url": reverse("orgs:unit_detail", args=[match.unit_id]) if match.unit_id else "",
            }
        )
    return render(request, "orgs/resolve.html", {"form": form, "rows": rows, "searched": matches is not None})
