"""Input of the registers' pages: every query parameter and every posted field is parsed here."""

from __future__ import annotations

from django import forms

from gongkai.common import query
from gongkai.orgs.models import Unit

from .vocab import (
    DEFAULT_RECTIFY_WORKDAYS,
    MAX_RECTIFY_WORKDAYS,
    CaseLevel,
    Conclusion,
    EvaluationMethod,
    HearingKind,
    SubmissionKind,
    SupervisionKind,
    TrainingForm,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


KIND_CHOICES = {
    "trainings": ("培训形式", TrainingForm.choices),
    "hearings": ("类型", HearingKind.choices),
    "evaluations": ("评价结论", Conclusion.choices),
    "articles": ("类别", SubmissionKind.choices),
    "cases": ("层级", CaseLevel.choices),
    "supervision": ("类型", SupervisionKind.choices),
}
STATE_CHOICES = {
    "articles": [("adopted", "已采用"), ("not_adopted", "未采用")],
    "supervision": [("open", "未完成整改"), ("overdue", "逾期未整改"), ("done", "已整改")],
}


class FilterForm(query.QueryForm):
    """The filters of a register list (and its export): unit, date range, kind, words, state."""

    unit = query.IdField(required=False, label="单位")
    date_from = forms.DateField(label="自", required=False, widget=DateInput())
    date_to = forms.DateField(label="至", required=False, widget=DateInput())
    kind = query.ChoiceField(label="类型", choices=[])
    state = query.ChoiceField(label="状态", choices=[])
    q = query.SearchField(label="关键词", max_length=100)
    task = query.IdField(required=False, label="工作要点任务")

    def __init__(self, data=None, *, key: str, units, **kwargs):
        super().__init__(data, **kwargs)
        label, choices = KIND_CHOICES[key]
        self.fields["kind"].label = label
        self.fields["kind"].choices = [("", "全部"), *choices]
        states = STATE_CHOICES.get(key)
        if states:
            self.fields["state"].choices = [("", "全部"), *states]
        else:
            del self.fields["state"]
        if key != "trainings":
            del self.fields["task"]
        self.units = units
        self.unit_choices = [(u.pk, u.name) for u in units]

    def filters(self):
        from .selectors import Filters

        values = self.values()
        unit = None
        if values.get("unit"):
            unit = self.units.filter(pk=values["unit"]).first()
        return Filters(
            unit=unit,
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
            kind=values.get("kind") or "",
            q=values.get("q") or "",
            state=values.get("state") or "",
            task=values.get("task"),
        )


class _UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, units, unit_label: str = "单位", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label = unit_label


class TrainingCreateForm(_UnitForm):
    held_on = _date("培训日期")
    topic = forms.CharField(label="培训主题", max_length=200)
    form = forms.ChoiceField(label="培训形式", choices=TrainingForm.choices)
    trainer = forms.CharField(label="授课人", max_length=100, required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    material = forms.FileField(
        label="培训材料（课件、签到表等，PDF/Word/Excel/PPT/图片/OFD）", required=False
    )


class AttendanceForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="参训单位", queryset=Unit.objects.filter(is_active=True), required=False
    )
    count = forms.IntegerField(label="人数", min_value=1, max_value=5000, required=False)
    names = forms.CharField(label="参训人员（可选）", max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("unit") and not data.get("count"):
            self.add_error("count", "请填写该单位的参训人数。")
        if data.get("count") and not data.get("unit"):
            self.add_error("unit", "请选择参训单位。")
        return data


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=5, max_num=200, validate_max=True)


class MaterialForm(forms.Form):
    file = forms.FileField(label="培训材料")


class LinkTaskForm(forms.Form):
    task = forms.TypedChoiceField(label="计入工作要点任务", coerce=int, choices=[])

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = {t.pk: t for t in tasks}
        self.fields["task"].choices = [(t.pk, f"{t.plan.year}年 {t.seq}. {t.text[:60]}") for t in tasks]


class HearingCreateForm(_UnitForm):
    kind = forms.ChoiceField(label="类型", choices=HearingKind.choices)
    meeting = forms.CharField(label="会议名称", max_length=200)
    held_on = _date("会议日期")
    leaders = forms.CharField(label="出席领导", max_length=300)
    topics = forms.CharField(label="研究议题", widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.FileField(label="会议纪要（可选）", required=False)


class EvaluationCreateForm(_UnitForm):
    policy = forms.ModelChoiceField(label="评价的政策文件", queryset=None, required=False)
    decision = forms.ModelChoiceField(label="或：评价的重大行政决策", queryset=None, required=False)
    done_on = _date("评价完成日期")
    standards = forms.CharField(label="执行标准", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    coverage = forms.CharField(label="适用范围", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    results = forms.CharField(label="取得成效", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    problems = forms.CharField(label="存在问题", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    methods = forms.MultipleChoiceField(
        label="评价方法", choices=EvaluationMethod.choices, widget=forms.CheckboxSelectMultiple
    )
    findings = forms.CharField(label="评价结论说明", widget=forms.Textarea(attrs={"rows": 3}))
    conclusion = forms.ChoiceField(label="评价结论", choices=Conclusion.choices)
    amending_policy = forms.ModelChoiceField(
        label="结论为“修改”时：作出修改的新文件", queryset=None, required=False
    )
    clauses = forms.CharField(label="修改涉及的条款（如：第五条，第七条）", max_length=200, required=False)
    result_link = forms.CharField(label="评价结果公开地址", max_length=500, required=False)

    def __init__(self, *args, documents, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = documents
        self.fields["amending_policy"].queryset = documents
        self.fields["decision"].queryset = decisions

    def clean_clauses(self):
        raw = self.cleaned_data.get("clauses") or ""
        return [c.strip() for c in raw.replace("，", ",").replace("、", ",").split(",") if c.strip()]


class SubmissionCreateForm(_UnitForm):
    kind = forms.ChoiceField(label="类别", choices=SubmissionKind.choices)
    title = forms.CharField(label="标题", max_length=300)
    outlet = forms.CharField(label="报送渠道（刊物、网站）", max_length=200)
    submitted_on = _date("报送日期")
    adopted_on = _date("采用日期（已采用时填写）", required=False)


class AdoptForm(forms.Form):
    adopted_on = _date("采用日期")


class CaseCreateForm(_UnitForm):
    title = forms.CharField(label="案例名称", max_length=300)
    level = forms.ChoiceField(label="层级", choices=CaseLevel.choices)
    issuer = forms.CharField(label="评选或推广机关", max_length=200)
    recognised_on = _date("入选日期")
    summary = forms.CharField(label="案例简介", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    link_url = forms.CharField(label="链接", max_length=500, required=False)


class SupervisionCreateForm(_UnitForm):
    kind = forms.ChoiceField(label="类型", choices=SupervisionKind.choices)
    issued_on = _date("通报日期")
    issuer = forms.CharField(label="通报机关", max_length=200, initial="县人民政府办公室")
    document = forms.CharField(label="文件或会议", max_length=200, required=False)
    findings = forms.CharField(label="发现问题", widget=forms.Textarea(attrs={"rows": 3}))
    rectify_workdays = forms.IntegerField(
        label="整改时限（工作日）",
        min_value=1,
        max_value=MAX_RECTIFY_WORKDAYS,
        initial=DEFAULT_RECTIFY_WORKDAYS,
    )


class RectifyForm(forms.Form):
    completed_on = _date("整改完成日期")
    note = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 3}))
