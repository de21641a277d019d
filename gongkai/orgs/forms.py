"""Forms of the units screens. They only collect and check input; the services save."""

from django import forms
from django.db import models

from gongkai.core import filetype
from gongkai.roles import Role

from . import access
from .checks import staff_account_problems
from .models import Unit, UnitKind, User
from .unit_io import MAX_UPLOAD_BYTES


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a site typed without a scheme is https (Django 6 default)
    return field.formfield(**kwargs)


class UnitForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label="别名",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="文件中常见的其他写法，用“、”分隔，如：发改委、县发展改革委",
    )

    class Meta:
        model = Unit
        formfield_callback = _formfield
        fields = [
            "parent",
            "name",
            "short_name",
            "kind",
            "credit_code",
            "index_prefix",
            "sort_order",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "fax",
            "email",
            "website",
            "functions",
        ]
        labels = {"parent": "上级单位", "name": "单位全称"}
        widgets = {"functions": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "short_name": "文件中最常用的简称，如：县发改委",
            "credit_code": "18位，提交时校验",
            "functions": "在门户网站“机构职能”栏目公开；每项职能一行",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(is_active=True)
        if self.instance.pk:
            parents = parents.exclude(pk__in=descendant_ids(self.instance))
            self.initial.setdefault("aliases_text", "、".join(self.instance.aliases or []))
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = "（无，顶层单位）"
        self.order_fields(["parent", "name", "short_name", "aliases_text", "kind"])

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "aliases_text"}
        data["aliases"] = self.cleaned_data.get("aliases_text", "")
        return data

    def validate_unique(self):
        """Uniqueness is checked by the services with clearer messages."""


def descendant_ids(unit: Unit) -> set[int]:
    ids = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        frontier = list(
            Unit.objects.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
        )
        ids.update(frontier)
    return ids


class UnitFilterForm(forms.Form):
    q = forms.CharField(label="名称", required=False)
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部")] + list(UnitKind.choices))
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("active", "启用"), ("inactive", "已停用"), ("all", "全部")]
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="单位表文件（.xlsx 或 .csv，不超过 5 MB）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:  # the file-type check's verdict, before the file is read
            raise forms.ValidationError(
                filetype.message("too_large", upload.name, limit=filetype.limit_text(MAX_UPLOAD_BYTES))
            )
        return upload


def grantable_roles(user) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Role.choices if access.can_grant_role(user, value)]


class StaffCreateForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, help_text="字母、数字或 @ . + - _，登录用")
    full_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    roles = forms.MultipleChoiceField(label="角色", widget=forms.CheckboxSelectMultiple, required=False)
    password1 = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = grantable_roles(actor)

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", "两次输入的密码不一致。")
        if self.errors:
            return data
        # Every problem of the account at once, beside its field (the service refuses with the first).
        problems = staff_account_problems(
            username=data["username"],
            password=data["password1"],
            full_name=data["full_name"],
            phone=data.get("phone", ""),
            email=data.get("email", ""),
        )
        for field, messages in problems.items():
            target = "password1" if field == "password" else field
            self.add_error(target if target in self.fields else None, messages)
        return data


class MembershipForm(forms.Form):
    user = forms.ModelChoiceField(
        label="人员", queryset=User.objects.filter(is_active=True).order_by("username")
    )
    role = forms.ChoiceField(label="角色")

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(actor)
        self.actor = actor
        self.fields["user"].label_from_instance = lambda user: f"{user.display_name}（{user.username}）"

    def clean_user(self):
        user = self.cleaned_data["user"]
        if access.is_own_grant(self.actor, user):
            raise forms.ValidationError("不能给自己分配岗位：请由另一位管理员分配。")
        return user


class ResolveForm(forms.Form):
    phrase = forms.CharField(
        label="文件中的单位表述",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="例如：〔牵头单位：县政府办；责任单位：县发改委、各乡镇（街道）〕",
    )


class UnlockForm(forms.Form):
    """解除登录锁定: an account or a client address (one of the two), with an optional reason."""

    username = forms.CharField(label="账号", max_length=150, required=False)
    client_ip = forms.GenericIPAddressField(label="网络地址", required=False, unpack_ipv4=True)
    reason = forms.CharField(label="原因", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("username", "").strip()) == bool(data.get("client_ip")):
            raise forms.ValidationError("请指定要解锁的账号或网络地址（二者选一）。")
        return data


class PasswordChangeForm(forms.Form):
    """修改密码: the current password and the new one twice; the service checks the current one and the rules."""

    old_password = forms.CharField(
        label="当前密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 位，须同时包含字母和数字，不能是常见密码，不能与您的账号信息相近。",
    )
    new_password2 = forms.CharField(
        label="再次输入新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("new_password1"), data.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", "两次输入的新密码不一致，请重新输入。")
        return data


class LeaderForm(forms.Form):
    """One row of a unit's 领导信息."""

    post = forms.CharField(label="职务", max_length=100, required=False)
    name = forms.CharField(label="姓名", max_length=50, required=False)
    duties = forms.CharField(label="分工", required=False, widget=forms.Textarea(attrs={"rows": 2}))


LeaderFormSet = forms.formset_factory(LeaderForm, extra=3, max_num=30, validate_max=True)
