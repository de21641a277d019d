"""System administration (Django admin, superusers only) of units, staff and roles.

Saves go through the services so every change is validated the same way and audited."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from . import access, services
from .errors import OrgsError
from .models import Membership, Unit, User


class MembershipFormSet(BaseInlineFormSet):
    """Refuses, on the form, a role the administrator may not give: to themselves, or one reserved to others."""

    actor = None

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not form.has_changed():
                continue
            user, role = data.get("user"), data.get("role")
            if user is not None and access.is_own_grant(self.actor, user):
                raise ValidationError("不能给自己分配岗位：请由另一位管理员分配。")
            if role and not access.can_grant_role(self.actor, role, user):
                raise ValidationError(f"您不能分配“{form.instance.get_role_display()}”岗位。")


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ["unit"]
    verbose_name = verbose_name_plural = "岗位"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"actor": request.user})


class UnitMembershipInline(MembershipInline):
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "credit_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code", "index_prefix"]
    autocomplete_fields = ["parent"]
    inlines = [UnitMembershipInline]
    readonly_fields = ["created", "updated"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        fields = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in services.EDITABLE_FIELDS | {"is_active"}
        }
        try:
            if change:
                original = Unit.objects.get(pk=obj.pk)
                saved = services.update_unit(original, actor=request.user, reason="系统管理", **fields)
            else:
                values = {
                    field: form.cleaned_data[field]
                    for field in form.cleaned_data
                    if field in services.EDITABLE_FIELDS
                }
                name, kind = values.pop("name"), values.pop("kind")
                saved = services.create_unit(actor=request.user, name=name, kind=kind, **values)
        except OrgsError as exc:
            # The admin's save_model cannot put the refusal back on its form: say why, then abort the request.
            messages.error(request, str(exc))
            raise
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        _save_memberships(request, formset)

    def delete_model(self, request, obj):
        # Units are never deleted (their history is referenced everywhere): stop using them instead.
        services.deactivate_unit(obj, actor=request.user, reason="系统管理")

    def has_delete_permission(self, request, obj=None):
        return False


def _save_memberships(request, formset) -> None:
    """New and removed roles through the services (audited); edits of a row are a removal plus an addition."""
    instances = formset.save(commit=False)
    for membership in formset.deleted_objects:
        services.remove_membership(membership, actor=request.user, reason="系统管理")
    for membership in instances:
        if membership.pk:
            old = Membership.objects.get(pk=membership.pk)
            if (old.user_id, old.unit_id, old.role) == (
                membership.user_id,
                membership.unit_id,
                membership.role,
            ):
                continue
            services.remove_membership(old, actor=request.user, reason="系统管理")
        services.add_membership(
            membership.user, actor=request.user, unit=membership.unit, role=membership.role
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "phone", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "full_name", "phone", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),
    )
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = services.user_snapshot(User.objects.get(pk=obj.pk))
        services.save_user_from_admin(obj, actor=request.user, created=not change, before=before)

    def save_formset(self, request, form, formset, change):
        _save_memberships(request, formset)
