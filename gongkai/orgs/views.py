"""Units screens under /work/orgs/. Everyone on the staff may read the unit list (public information); only the
openness office and system administrators change units, import and manage staff. A unit's staff list is shown to
its own members and to the office; to anyone else that page does not exist (404). The rules are in ``access.py``."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.common.errors import service_call

from . import access, resolver, selectors, services, unit_io
from .forms import (
    ImportUploadForm,
    LeaderFormSet,
    MembershipForm,
    PasswordChangeForm,
    ResolveForm,
    StaffCreateForm,
    UnitFilterForm,
    UnitForm,
    UnlockForm,
)
from .models import Membership, Unit

PAGE_SIZE = 100
_IMPORT_SESSION_KEY = "orgs_import"


def _require_unit_manager(user) -> None:
    if not access.can_manage_units(user):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以维护单位。")


def _require_staff_manager(user) -> None:
    if not access.can_manage_staff(user):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以维护人员和岗位。")


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
            unit
            for unit in units
            if query in unit.name
            or query in unit.short_name
            or any(query in alias for alias in unit.aliases or [])
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
            "can_edit": access.can_manage_units(request.user),
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
    can_see_staff = access.can_see_staff(request.user, unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.order_by("sort_order", "id"),
            "can_edit": access.can_manage_units(request.user),
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
    _require_unit_manager(request.user)
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        with service_call(request, form) as call:
            if unit is None:
                name, kind = fields.pop("name"), fields.pop("kind")
                saved = services.create_unit(actor=request.user, name=name, kind=kind, **fields)
            else:
                saved = services.update_unit(unit, actor=request.user, **fields)
        if call.ok:
            messages.success(
                request, f"已新建单位“{saved.name}”。" if unit is None else f"已保存“{saved.name}”。"
            )
            return redirect("orgs:unit_detail", pk=saved.pk)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def unit_leaders(request, pk):
    """领导信息 of a unit: name, post and 分工 of each leader, in display order (published on the portal)."""
    _require_unit_manager(request.user)
    unit = get_object_or_404(Unit, pk=pk)
    initial = [{"post": x.post, "name": x.name, "duties": x.duties} for x in unit.leaders.all()]
    # Every row is read, changed or not (a row left as it was is kept); blank rows are skipped by the service.
    formset = LeaderFormSet(
        request.POST or None, initial=initial, prefix="leaders", form_kwargs={"empty_permitted": False}
    )
    if request.method == "POST" and formset.is_valid():
        rows = [form.cleaned_data for form in formset.forms]
        with service_call(request) as call:
            services.save_leaders(unit, actor=request.user, leaders=rows)
        if call.ok:
            messages.success(request, f"已保存“{unit.name}”的领导信息。")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(request, "orgs/unit_leaders.html", {"formset": formset, "unit": unit})


@login_required
@require_POST
def unit_set_active(request, pk, active):
    _require_unit_manager(request.user)
    unit = get_object_or_404(Unit, pk=pk)
    reason = request.POST.get("reason", "")[:500]
    with service_call(request) as call:
        if active:
            services.activate_unit(unit, actor=request.user, reason=reason)
        else:
            services.deactivate_unit(unit, actor=request.user, reason=reason)
    if call.ok:
        messages.success(request, f"已启用“{unit.name}”。" if active else f"已停用“{unit.name}”。")
    return redirect("orgs:unit_detail", pk=unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    _require_unit_manager(request.user)
    plan = None
    form = ImportUploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(_IMPORT_SESSION_KEY)
        if not stored or not secrets.compare_digest(stored.get("token", ""), request.POST.get("token", "")):
            messages.error(request, "导入预览已过期，请重新上传文件。")
            return redirect("orgs:unit_import")
        plan = unit_io.ImportPlan.from_session(stored["plan"])
        if plan.ok:
            with service_call(request) as call:
                counts = services.import_units(plan, actor=request.user)
            if call.ok:
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
    if not access.can_see_staff(user, unit):
        raise Http404("未找到该记录，或您无权查看。")
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_staff(request, pk):
    unit = _staff_unit_or_404(request.user, pk)
    can_edit = access.can_manage_staff(request.user)
    form = MembershipForm(actor=request.user) if can_edit else None
    if request.method == "POST":
        _require_staff_manager(request.user)
        form = MembershipForm(request.POST, actor=request.user)
        if form.is_valid():
            with service_call(request, form) as call:
                services.add_membership(
                    form.cleaned_data["user"], actor=request.user, unit=unit, role=form.cleaned_data["role"]
                )
            if call.ok:
                messages.success(request, "已分配岗位。")
                return redirect("orgs:unit_staff", pk=unit.pk)
    return render(
        request,
        "orgs/unit_staff.html",
        {"unit": unit, "memberships": _memberships(unit), "can_edit": can_edit, "form": form},
    )


@login_required
@require_POST
def membership_remove(request, pk):
    _require_staff_manager(request.user)
    membership = get_object_or_404(Membership.objects.select_related("user", "unit"), pk=pk)
    unit_pk = membership.unit_id
    if access.removes_own_admin_role(request.user, membership):
        messages.error(request, "不能撤销自己的管理角色，请由其他管理员操作。")
        return redirect("orgs:unit_staff", pk=unit_pk)
    with service_call(request) as call:
        services.remove_membership(membership, actor=request.user)
    if call.ok:
        messages.success(
            request, f"已撤销 {membership.user.display_name} 的“{membership.get_role_display()}”岗位。"
        )
    return redirect("orgs:unit_staff", pk=unit_pk)


@login_required
@require_http_methods(["GET", "POST"])
def staff_create(request, pk):
    _require_staff_manager(request.user)
    unit = get_object_or_404(Unit, pk=pk, is_active=True)
    form = StaffCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            user = services.create_staff(
                actor=request.user,
                username=data["username"],
                password=data["password1"],
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                unit=unit,
                roles=data["roles"],
            )
        if call.ok:
            messages.success(request, f"已新建账号 {user.username}（{user.display_name}）。")
            return redirect("orgs:unit_staff", pk=unit.pk)
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
        ids = {member_id for match in matches for member_id in match.member_ids}
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "short_name"))
        full = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
        members = {member_id: names.get(member_id) or full.get(member_id, "") for member_id in ids}
    rows = []
    for match in matches or []:
        rows.append(
            {
                "match": match,
                "members": [members.get(member_id, "") for member_id in match.member_ids],
                "unit_url": reverse("orgs:unit_detail", args=[match.unit_id]) if match.unit_id else "",
            }
        )
    return render(request, "orgs/resolve.html", {"form": form, "rows": rows, "searched": matches is not None})


def _require_unlocker(user) -> None:
    if not access.can_unlock_logins(user):
        raise PermissionDenied("只有政务公开办管理员或系统管理员可以查看和解除登录锁定。")


@login_required
@require_safe
def login_protection(request):
    """登录保护: accounts and addresses with failed logins in the window, what is locked or delayed, unlock."""
    _require_unlocker(request.user)
    accounts, addresses = selectors.login_protection()
    return render(
        request,
        "orgs/login_protection.html",
        {
            "accounts": accounts,
            "addresses": addresses,
            "form": UnlockForm(),
            "minutes": settings.LOGIN_LOCKOUT_MINUTES,
        },
    )


@login_required
@require_POST
def login_unlock(request):
    _require_unlocker(request.user)
    form = UnlockForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with service_call(request) as call:
            count = services.unlock_login(
                actor=request.user,
                username=data["username"],
                client_ip=data["client_ip"] or "",
                reason=data["reason"],
            )
        if call.ok:
            what = f"账号 {data['username']}" if data["username"] else f"地址 {data['client_ip']}"
            messages.success(request, f"已解除{what}的登录锁定（清除 {count} 次失败记录）。")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("orgs:login_protection")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    """修改密码: every staff member changes their own password; the session stays signed in."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            account = services.change_password(
                request.user,
                actor=request.user,
                old_password=data["old_password"],
                new_password=data["new_password1"],
            )
        if call.ok:
            update_session_auth_hash(request, account)
            messages.success(request, "密码已修改。下次登录请使用新密码。")
            return redirect("workspace:dashboard")
    return render(request, "orgs/password_change.html", {"form": form})
