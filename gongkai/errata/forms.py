"""Input of the 找错 pages (Chinese messages); every query parameter a view reads goes through a form."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.common import query
from gongkai.orgs.models import Unit

from .vocab import ErrorType, Outcome, State

REQUIRED = {"required": "此项为必填项。"}


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), ("open", "未答复"), ("recheck", "待复核"), *State.choices],
    )
    error_type = forms.ChoiceField(
        label="错误类型", required=False, choices=[("", "全部"), *ErrorType.choices]
    )
    unit = forms.CharField(label="承办单位", required=False, max_length=12)
    due = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("overdue", "已逾期未答复"), ("late", "超期答复")],
    )
    received_from = forms.DateField(label="收到日期自", required=False)
    received_to = forms.DateField(label="至", required=False)
    q = forms.CharField(label="页面、描述或查询码", required=False, max_length=100)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "全部"), ("office", "政务公开办")]
        choices += [
            (str(u.pk), u.display_name)
            for u in Unit.objects.filter(is_active=True).order_by("sort_order", "id")
        ]
        self.fields["unit"].widget = forms.Select(choices=choices)

    def clean_unit(self):
        value = self.cleaned_data.get("unit") or ""
        if value in ("", "office"):
            return value or None
        pk = query.to_id(value)  # ASCII digits within range: "²".isdigit() is true, int("²") fails
        if pk is None:
            raise forms.ValidationError("请从列表中选择承办单位。")
        unit = Unit.objects.filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError("请从列表中选择承办单位。")
        return unit


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label="处理结果", choices=Outcome.choices, widget=forms.RadioSelect, error_messages=REQUIRED
    )
    text = forms.CharField(
        label="处理说明",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=REQUIRED,
        help_text="已修正：写明修正了什么；不予采纳：写明理由。",
    )


class RerouteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="改派至", queryset=Unit.objects.filter(is_active=True), error_messages=REQUIRED
    )
    reason = forms.CharField(label="改派理由", max_length=500, error_messages=REQUIRED)


class RecheckForm(forms.Form):
    accept = forms.ChoiceField(
        label="复核意见",
        choices=[("1", "复核通过，办结"), ("0", "退回重办")],
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    note = forms.CharField(
        label="复核说明", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- public -----------------------------------------------------------------------------------------------------
class ReportForm(forms.Form):
    page = forms.CharField(
        label="出错页面地址",
        max_length=500,
        error_messages=REQUIRED,
        help_text="从页面底部“我为政府网站找错”进入时已自动填写。",
    )
    error_type = forms.ChoiceField(label="错误类型", choices=ErrorType.choices, error_messages=REQUIRED)
    description = forms.CharField(
        label="问题描述",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
        help_text="请写明错在哪里、正确的应当是什么。",
    )
    contact = forms.CharField(
        label="联系方式（选填）",
        required=False,
        max_length=100,
        help_text="电话或电子邮箱，仅用于核实，不会公开。",
    )
    screenshot = forms.FileField(
        label="截图（选填）",
        required=False,
        help_text="JPG、PNG、GIF或WebP图片。",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )
    agree = forms.BooleanField(
        label="我已阅读并同意个人信息处理说明",
        error_messages={"required": "请先阅读并同意个人信息处理说明。"},
    )
    # Honeypot: hidden from people by CSS; robots fill it in.
    website = forms.CharField(required=False, label="网址（请勿填写）")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""


class PageParamForm(forms.Form):
    """The ``?page=`` the footer link fills in (checked again by the service on submit)."""

    page = forms.CharField(required=False, max_length=500)


class LookupForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=24, error_messages=REQUIRED)
    verification_code = forms.CharField(label="验证码", max_length=20, error_messages=REQUIRED)


class YearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    def clean_year(self):
        return self.cleaned_data.get("year") or timezone.localdate().year
