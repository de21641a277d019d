"""Input parsing of the gazette's pages (Chinese messages)."""

from __future__ import annotations

from django import forms

from .vocab import MAX_COPIES, RecipientKind, Section


class IssueForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    issued_on = forms.DateField(
        label="出版日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    number = forms.IntegerField(label="期号（不填则顺延）", min_value=1, max_value=999, required=False)
    note = forms.CharField(label="编者按", max_length=300, required=False)


class AddForm(forms.Form):
    publications = forms.TypedMultipleChoiceField(
        label="选择文件", coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )
    section = forms.ChoiceField(
        label="栏目", required=False, choices=[("", "按文件类型自动归入"), *Section.choices]
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publications"].choices = [(d.publication_id, d.publication.title) for d in candidates]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "上移"), ("down", "下移")])


class DistributionForm(forms.Form):
    recipient = forms.CharField(label="接收单位", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=RecipientKind.choices)
    copies = forms.IntegerField(label="份数", min_value=1, max_value=MAX_COPIES)
    sent_on = forms.DateField(
        label="送达日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="备注", max_length=200, required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=100000)
