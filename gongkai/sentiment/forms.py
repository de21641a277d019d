"""Input of the sentiment ledger's pages (Chinese messages); every query parameter a view reads goes through a form."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.orgs.models import Unit

from .vocab import CheckResult, Level, ResponseKind, Source, State

REQUIRED = {"required": "此项为必填项。"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("open", "未回应完毕"), *State.choices]
    )
    due = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("overdue", "回应已超时"), ("commitments", "有逾期承诺")],
    )
    level = forms.ChoiceField(label="级别", required=False, choices=[("", "全部"), *Level.choices])
    unit = forms.ModelChoiceField(
        label="单位", required=False, queryset=Unit.objects.all(), empty_label="全部"
    )
    q = forms.CharField(label="标题或摘要", required=False, max_length=100)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)


class CaseForm(forms.Form):
    topic = forms.CharField(label="舆情标题", max_length=200, error_messages=REQUIRED)
    source = forms.ChoiceField(label="来源", choices=Source.choices, error_messages=REQUIRED)
    first_seen_at = forms.DateTimeField(
        label="发现时间", widget=DATETIME, input_formats=DATETIME_FORMATS, error_messages=REQUIRED
    )
    level = forms.ChoiceField(label="级别", choices=Level.choices, initial=Level.GENERAL)
    owner_unit = forms.ModelChoiceField(
        label="主管（回应）单位", queryset=Unit.objects.all(), error_messages=REQUIRED
    )
    local_unit = forms.ModelChoiceField(
        label="属地单位", queryset=Unit.objects.all(), required=False, empty_label="（无或与主管单位相同）"
    )
    summary = forms.CharField(
        label="舆情摘要", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, error_messages=REQUIRED
    )
    links = forms.CharField(
        label="原始链接（每行一个）",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=12000,
    )
    risk_notes = forms.CharField(
        label="初步风险研判", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    screenshots = MultipleFileField(label="截图（可选）", help_text="JPG、PNG、GIF、WEBP或PDF，最多10个")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("first_seen_at", timezone.localtime().replace(second=0, microsecond=0))


class AssessForm(forms.Form):
    level = forms.ChoiceField(label="级别", choices=Level.choices)
    risk_notes = forms.CharField(
        label="风险研判意见",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages=REQUIRED,
    )


class UnitsForm(forms.Form):
    owner_unit = forms.ModelChoiceField(
        label="主管（回应）单位", queryset=Unit.objects.all(), error_messages=REQUIRED
    )
    local_unit = forms.ModelChoiceField(
        label="属地单位", queryset=Unit.objects.all(), required=False, empty_label="（无）"
    )
    reason = forms.CharField(label="调整理由", max_length=500, error_messages=REQUIRED)


class PublicationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = obj.unit.short_name or obj.unit.name
        return f"{obj.title}（{unit}，{timezone.localtime(obj.published_at):%Y-%m-%d %H:%M}）"


def _publications():
    from . import services

    return services.publication_choices()


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label="回应方式", choices=ResponseKind.choices, error_messages=REQUIRED)
    unit = forms.ModelChoiceField(label="回应单位", queryset=Unit.objects.none(), error_messages=REQUIRED)
    publication = PublicationField(
        label="权威发布信息（已公开）",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="（权威发布时选择）",
        help_text="权威发布的回应时间为该信息的发布时间",
    )
    responded_at = forms.DateTimeField(
        label="回应时间（发布会、采访、网上回复）",
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        required=False,
    )
    where = forms.CharField(label="平台、媒体或地点", max_length=200, required=False)
    summary = forms.CharField(
        label="回应内容摘要",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages=REQUIRED,
    )
    commitment = forms.CharField(
        label="本次回应的承诺事项（可选）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    commitment_unit = forms.ModelChoiceField(
        label="承诺责任单位", queryset=Unit.objects.all(), required=False, empty_label="（同回应单位）"
    )
    commitment_due_on = forms.DateField(label="承诺期限", widget=DATE, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=case.unit_ids())
            # Only items published after the case was first seen can answer it (the service checks again).
            self.fields["publication"].queryset = _publications().filter(published_at__gte=case.first_seen_at)

    def clean(self):
        data = super().clean()
        if data.get("commitment") and not data.get("commitment_due_on"):
            self.add_error("commitment_due_on", "登记承诺事项须填写承诺期限。")
        return data


class CommitmentForm(forms.Form):
    content = forms.CharField(
        label="承诺内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, error_messages=REQUIRED
    )
    owner_unit = forms.ModelChoiceField(
        label="责任单位", queryset=Unit.objects.all(), error_messages=REQUIRED
    )
    due_on = forms.DateField(label="承诺期限", widget=DATE, error_messages=REQUIRED)


class FulfilForm(forms.Form):
    evidence = forms.CharField(
        label="落实情况", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, error_messages=REQUIRED
    )
    kept_on = forms.DateField(label="兑现日期", widget=DATE, required=False)
    evidence_file = forms.FileField(
        label="佐证材料（可选）", required=False, help_text="PDF、图片、Word、Excel或OFD，不超过10MB"
    )
    result_publication = PublicationField(
        label="公开落实情况的信息",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="（尚未公开，稍后关联）",
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = _publications()
        if case is not None:
            qs = qs.filter(published_at__gte=case.first_seen_at)
        self.fields["result_publication"].queryset = qs


class LinkForm(forms.Form):
    publication = PublicationField(
        label="公开落实情况的信息", queryset=Unit.objects.none(), error_messages=REQUIRED
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = _publications()
        if case is not None:
            qs = qs.filter(published_at__gte=case.first_seen_at)
        self.fields["publication"].queryset = qs


class NoteForm(forms.Form):
    note = forms.CharField(
        label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class RoundForm(forms.Form):
    title = forms.CharField(label="核查名称", max_length=100, error_messages=REQUIRED)
    cutoff = forms.DateField(label="核查截止日（期限在此之前的承诺）", widget=DATE, error_messages=REQUIRED)


class MarkForm(forms.Form):
    result = forms.ChoiceField(
        label="核查结果",
        choices=[
            (CheckResult.VERIFIED, CheckResult.VERIFIED.label),
            (CheckResult.NOT_VERIFIED, CheckResult.NOT_VERIFIED.label),
        ],
        error_messages=REQUIRED,
    )
    note = forms.CharField(label="核查意见", max_length=1000, required=False)
