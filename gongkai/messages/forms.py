"""Input of the messages pages (Chinese messages); every query parameter a view reads goes through a form."""

from __future__ import annotations

from django import forms

from gongkai.orgs.models import Unit

from .models import Channel
from .vocab import Adoption, Rating, State

REQUIRED = {"required": "此项为必填项。"}


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("open", "未办结"), *State.choices]
    )
    due = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("soon", "即将到期"), ("overdue", "已逾期"), ("stale", "超过3个月未答复")],
    )
    channel = forms.ModelChoiceField(
        label="渠道", required=False, queryset=Channel.objects.all(), empty_label="全部"
    )
    unit = forms.ModelChoiceField(
        label="承办单位", required=False, queryset=Unit.objects.all(), empty_label="全部"
    )
    q = forms.CharField(label="标题或查询码", required=False, max_length=100)
    page = forms.IntegerField(required=False, min_value=1)


class UnitChoiceForm(forms.Form):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.all(), error_messages=REQUIRED)
    note = forms.CharField(label="分办说明", required=False, max_length=500)


class TransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(label="转至单位", queryset=Unit.objects.all(), error_messages=REQUIRED)
    reason = forms.CharField(label="转办理由", max_length=500, error_messages=REQUIRED)


class MergeForm(forms.Form):
    into = forms.CharField(label="合并至（查询码）", max_length=24, error_messages=REQUIRED)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, error_messages=REQUIRED)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=60, error_messages=REQUIRED)
    reason = forms.CharField(label="延期理由", max_length=500, error_messages=REQUIRED)


class DecideForm(forms.Form):
    approve = forms.ChoiceField(
        label="审批意见", choices=[("1", "同意"), ("0", "不同意")], error_messages=REQUIRED
    )
    note = forms.CharField(label="意见", required=False, max_length=500)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 8}), error_messages=REQUIRED
    )
    adoption = forms.ChoiceField(
        label="建议采纳情况", required=False, choices=[("", "（非建议类）"), *Adoption.choices]
    )
    adoption_reason = forms.CharField(
        label="采纳情况说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EmptyForm(forms.Form):
    """A button without fields (the action needs only the message)."""


class TextForm(forms.Form):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 4}), error_messages=REQUIRED)


class PublishForm(forms.Form):
    mask = forms.MultipleChoiceField(label="脱敏项", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mask"].choices = [
            (c.key, f"{c.field_label}：{c.label}“{c.text}” → {c.mask}") for c in candidates
        ]
        self.initial.setdefault("mask", [c.key for c in candidates])


class ChannelForm(forms.ModelForm):
    categories_text = forms.CharField(label="分类（以顿号或逗号分隔）", required=False, max_length=300)

    class Meta:
        model = Channel
        fields = ["reply_days", "rule_source", "public_by_default", "active"]


# --- public -----------------------------------------------------------------------------------------------------
class WriteForm(forms.Form):
    channel = forms.ModelChoiceField(
        label="留言渠道",
        queryset=Channel.objects.filter(active=True),
        empty_label=None,
        error_messages=REQUIRED,
    )
    category = forms.CharField(label="分类", required=False, max_length=20)
    subject = forms.CharField(label="标题", max_length=100, error_messages=REQUIRED)
    body = forms.CharField(
        label="留言内容", max_length=3000, widget=forms.Textarea(attrs={"rows": 8}), error_messages=REQUIRED
    )
    writer_name = forms.CharField(label="姓名", max_length=50, error_messages=REQUIRED)
    writer_contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        error_messages=REQUIRED,
        help_text="仅用于答复联系，不会公开。",
    )
    wants_private = forms.BooleanField(label="不公开我的留言和答复", required=False)
    agree = forms.BooleanField(
        label="我已阅读并同意个人信息处理说明",
        error_messages={"required": "请先阅读并同意个人信息处理说明。"},
    )
    # Honeypot: hidden from people by CSS; robots fill it in.
    website = forms.CharField(required=False, label="网址（请勿填写）")

    def clean_website(self):
        # A field people never see (hidden by CSS): robots fill it, the form then refuses quietly.
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""


class LookupForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=24, error_messages=REQUIRED)
    verification_code = forms.CharField(label="验证码", max_length=20, error_messages=REQUIRED)


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label="满意度", choices=Rating.choices, widget=forms.RadioSelect, error_messages=REQUIRED
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=50)
    channel = forms.ModelChoiceField(
        label="渠道", required=False, queryset=Channel.objects.all(), empty_label="全部"
    )
    page = forms.IntegerField(required=False, min_value=1)


# --- 12345 work orders ------------------------------------------------------------------------------------------
class HotlineUploadForm(forms.Form):
    file = forms.FileField(
        label="12345工单文件（.xlsx 或 .csv，UTF-8 或 GBK 编码）",
        error_messages={"required": "请选择要导入的12345工单文件。"},
    )


class HotlineMappingForm(forms.Form):
    """One choice per work-order field: which column of the file holds it (auto-guessed, corrected here)."""

    action = forms.ChoiceField(choices=[("preview", "更新预览"), ("check", "检查全部行")], required=False)

    def __init__(self, *args, imp, **kwargs):
        from gongkai.core import hotline

        super().__init__(*args, **kwargs)
        columns = [("", "（不导入）")] + [
            (str(i), f"第{i + 1}列：{name or '（无列名）'}") for i, name in enumerate(imp.header)
        ]
        for spec in hotline.FIELDS:
            index = imp.mapping.get(spec.key)
            self.fields[spec.key] = forms.ChoiceField(
                label=spec.label + ("（必填）" if spec.required else ""),
                choices=columns,
                required=False,
                initial="" if index is None else str(index),
                help_text=spec.help,
            )

    def mapping(self) -> dict:
        from gongkai.core import hotline

        return {
            key: (int(self.cleaned_data[key]) if self.cleaned_data.get(key) not in (None, "") else None)
            for key in hotline.FIELD_KEYS
        }


LEAVE_FOR_DISPATCH = "none"


class HotlineUnitsForm(forms.Form):
    """The office's unit for each unit phrase the resolver was not certain of (listed, never guessed)."""

    def __init__(self, *args, unresolved=(), **kwargs):
        super().__init__(*args, **kwargs)
        units = list(
            Unit.objects.filter(is_active=True).order_by("sort_order", "id").values_list("id", "name")
        )
        self.phrases = []
        for i, phrase in enumerate(unresolved):
            offered = [(str(c["id"]), f"{c['name']}（近似）") for c in phrase.get("candidates", [])]
            name = f"unit_{i}"
            self.fields[name] = forms.ChoiceField(
                label=f"“{phrase['text']}”（{phrase['rows']}条）",
                choices=[("", "请选择"), (LEAVE_FOR_DISPATCH, "留待政务公开办分办")]
                + offered
                + [(str(pk), label) for pk, label in units],
                error_messages={"required": "请为该承办单位选择单位，或选择“留待政务公开办分办”。"},
            )
            self.phrases.append((name, phrase["text"]))

    def choices(self) -> dict:
        out = {}
        for name, text in self.phrases:
            value = self.cleaned_data[name]
            out[text] = None if value == LEAVE_FOR_DISPATCH else int(value)
        return out
