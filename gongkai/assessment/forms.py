"""Input parsing of the assessment's pages (Chinese messages). Every query parameter goes through a form."""

from __future__ import annotations

from django import forms

from gongkai.common import figures

from .models import Indicator
from .vocab import Group, IndicatorKind, MethodChoice


class SchemeForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="方案名称", max_length=200, required=False)
    weight = forms.DecimalField(label="在政府绩效考核中的权重（%，不低于4）", max_digits=5, decimal_places=2)
    bonus_cap = forms.DecimalField(label="加分上限（分）", max_digits=6, decimal_places=2, initial=5)


class SchemeEditForm(SchemeForm):
    year = None  # type: ignore[assignment]  # the year of a scheme does not change


class IndicatorForm(forms.Form):
    group = forms.ChoiceField(label="类别", choices=Group.choices)
    name = forms.CharField(label="指标", max_length=200)
    kind = forms.ChoiceField(label="计分类别", choices=IndicatorKind.choices)
    points = forms.DecimalField(label="分值", max_digits=6, decimal_places=2, required=False, min_value=0)
    source_key = forms.ChoiceField(label="数据来源（自动计分）", required=False)
    method = forms.ChoiceField(
        label="计分方式（自动计分）", choices=[("", "—")] + MethodChoice.choices, required=False
    )
    target = forms.FloatField(label="目标值", required=False)
    partial = forms.BooleanField(label="未达目标按比例计分", required=False)
    per_item = forms.FloatField(label="每项扣分", required=False, min_value=0)
    floor = forms.FloatField(label="扣分下限", required=False, min_value=0)
    required = forms.FloatField(label="应完成数（数据来源提供时以其为准）", required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_key"].choices = [("", "—")] + [
            (s.key, f"{s.label}（{s.key}）") for s in figures.available()
        ]

    def clean(self):
        data = super().clean()
        for key in ("per_item", "floor"):
            data[key] = data.get(key) or 0
        return data


class EntryForm(forms.Form):
    indicator = forms.ModelChoiceField(label="指标", queryset=Indicator.objects.none())
    points = forms.DecimalField(
        label="分数（扣分填扣去的分数；一票否决不填）",
        max_digits=6,
        decimal_places=2,
        required=False,
        min_value=0,
    )
    reason = forms.CharField(label="理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label="佐证材料（PDF、图片、Word、Excel、OFD，不超过20MB）", required=False)
    evidence_link = forms.URLField(label="或佐证链接", max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args, scheme=None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Indicator.objects.none()
        if scheme is not None:
            qs = scheme.indicators.exclude(kind=IndicatorKind.AUTO)
            if kinds is not None:
                qs = qs.filter(kind__in=kinds)
        self.fields["indicator"].queryset = qs
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.get_group_display()}·{i.name}（{i.get_kind_display()}）"
        )


class RunForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("compute", "计算"), ("close", "结束考核期并冻结"), ("recalculate", "重新计算（已冻结）")]
    )
    reason = forms.CharField(label="重新计算的理由", max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "recalculate" and not (data.get("reason") or "").strip():
            self.add_error("reason", "重新计算已冻结的成绩须写明理由（如：数据更正、申诉核实）。")
        return data
