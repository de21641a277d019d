"""Input parsing of site inspection's pages (Chinese messages)."""

from __future__ import annotations

from django import forms

from gongkai.common import query
from gongkai.orgs.models import Unit, UnitKind
from gongkai.publishing.models import CatalogNode

from .models import NewMediaAccount, NodeRule
from .vocab import LIVE_STATES, AccountState, Platform, RuleKind, ZombieDecision


class MatrixFilterForm(forms.Form):
    only = forms.ChoiceField(
        label="只看", required=False, choices=[("", "全部"), ("overdue", "逾期"), ("empty", "法定内容为空")]
    )

    def only_or_all(self) -> str:
        return self.cleaned_data.get("only", "") if self.is_valid() else ""


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label="时限类型", choices=RuleKind.choices)
    n_days = forms.IntegerField(label="工作日数（事件类）", min_value=0, max_value=365, required=False)
    month = forms.IntegerField(
        label="月（按季：季后第几月；按年：月份）", min_value=0, max_value=12, required=False
    )
    day = forms.IntegerField(label="截止日", min_value=0, max_value=31, required=False)
    unit_kinds = forms.MultipleChoiceField(
        label="应公开的单位类型（不选表示所有单位）",
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    statutory = forms.BooleanField(label="法定主动公开内容（为空时标出）", required=False)
    basis = forms.CharField(label="依据", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        for key in ("n_days", "month", "day"):
            data[key] = data.get(key) or 0
        return data


class EventForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none())
    node = forms.ModelChoiceField(label="公开事项", queryset=CatalogNode.objects.none())
    occurred_on = forms.DateField(label="形成或变更日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        ids = NodeRule.objects.filter(kind=RuleKind.EVENT).values_list("node_id", flat=True)
        self.fields["node"].queryset = CatalogNode.objects.filter(pk__in=ids)


class AccountForm(forms.Form):
    unit = forms.ModelChoiceField(label="主办单位", queryset=Unit.objects.none())
    platform = forms.ChoiceField(label="平台", choices=Platform.choices)
    name = forms.CharField(label="账号名称", max_length=100)
    account_id = forms.CharField(label="账号ID", max_length=100)
    level = forms.CharField(label="层级", max_length=20, initial="县级")
    operator = forms.CharField(label="运维单位", max_length=100, required=False)
    purpose = forms.CharField(label="开设用途", max_length=300, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MoveForm(forms.Form):
    to = forms.ChoiceField(label="转为", choices=AccountState.choices)
    filing_number = forms.CharField(label="上级备案号", max_length=60, required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class UpdateForm(forms.Form):
    last_update = forms.DateField(label="最近更新日期", widget=forms.DateInput(attrs={"type": "date"}))
    interaction_ok = forms.NullBooleanField(label="互动功能正常")


class AccountFilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *AccountState.choices])
    stale = forms.BooleanField(label="只看2周未更新", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="更新情况表（.xlsx：平台、账号ID、最近更新日期、互动功能是否正常）")


class ExternalSiteForm(forms.Form):
    name = forms.CharField(label="网站名称", max_length=100)
    url = forms.URLField(label="首页地址", max_length=300, assume_scheme="https")
    unit = forms.ModelChoiceField(label="主办单位", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by("name")


class TicketFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("open", "待整改"), ("closed", "已整改"), ("", "全部")]
    )
    unit = query.IdField(label="单位")

    def values(self) -> tuple[str, int | None]:
        if self.is_valid():
            return self.cleaned_data["state"] if "state" in self.data else "open", self.cleaned_data["unit"]
        return "open", None


class StartInspectionForm(forms.Form):
    site = forms.IntegerField(required=False, min_value=1)


class CampaignForm(forms.Form):
    title = forms.CharField(label="行动名称", max_length=100)
    stale_days = forms.IntegerField(label="未更新天数（≥，天）", min_value=1, max_value=3650)
    include_no_interaction = forms.BooleanField(
        label="同时列入互动功能失效的账号", required=False, initial=True
    )
    deadline = forms.DateField(
        label="处置期限", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="处置意见", choices=ZombieDecision.choices)
    merge_into = forms.ModelChoiceField(
        label="并入账号（合并时）", queryset=NewMediaAccount.objects.none(), required=False
    )
    note = forms.CharField(label="说明（整改须写明措施）", max_length=300, required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = NewMediaAccount.objects.filter(
            unit_id=item.unit_id, state__in=LIVE_STATES
        ).exclude(pk=item.account_id)
        self.fields["decision"].initial = item.decision or None
        self.fields["note"].initial = item.note
        self.fields["merge_into"].initial = item.merge_into_id
