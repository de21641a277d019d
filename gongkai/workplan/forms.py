from django import forms

from gongkai.orgs.models import Unit

from .models import Cycle


class ImportForm(forms.Form):
    file = forms.FileField(
        label="工作要点文件", required=False, help_text="支持 .docx、.pdf、.html、.txt，不超过10MB。"
    )
    text = forms.CharField(label="或粘贴全文", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    year = forms.IntegerField(
        label="年度（文中没有年份时填写）", required=False, min_value=2000, max_value=2100
    )
    cycle = forms.ChoiceField(label="进展报送周期", choices=Cycle.choices, initial=Cycle.MONTHLY)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请选择要导入的文件，或在文本框中粘贴工作要点全文。")
        return data


def unit_choices():
    return Unit.objects.filter(is_active=True).order_by("sort_order", "id")


class TaskUnitsForm(forms.Form):
    lead = forms.ModelMultipleChoiceField(label="牵头单位", queryset=Unit.objects.none(), required=False)
    responsible = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "responsible"):
            self.fields[name].queryset = unit_choices()
            self.fields[name].widget.attrs["size"] = 10


class AssignNameForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.HiddenInput)
    units = forms.ModelMultipleChoiceField(label="对应单位", queryset=Unit.objects.none(), required=False)
    all_members = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = unit_choices()


class TaskEditForm(forms.Form):
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(
        label="完成时限", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline_text = forms.CharField(label="工作时限（表述）", max_length=100, required=False)
    weight = forms.DecimalField(label="权重", min_value=0, max_value=100, decimal_places=2, required=False)


class SplitForm(forms.Form):
    text = forms.CharField(
        label="拆分后的任务（每段一项，用空行分隔）", widget=forms.Textarea(attrs={"rows": 8})
    )

    def pieces(self) -> list[str]:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        return [piece.strip() for piece in text.split("\n\n") if piece.strip()]


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(label="报送单位", queryset=Unit.objects.none())
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, initial=0)
    date = forms.DateField(
        label="报送日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    evidence = forms.FileField(label="佐证材料（PDF、图片、Word/Excel）", required=False)
    evidence_link = forms.URLField(
        label="或已发布信息的链接", required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class PublishForm(forms.Form):
    cycle = forms.ChoiceField(label="进展报送周期", choices=Cycle.choices)


class PlanForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    issuer = forms.CharField(label="印发机关", max_length=100, required=False)
    doc_number = forms.CharField(label="文号", max_length=60, required=False)
    date = forms.DateField(
        label="成文日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    cycle = forms.ChoiceField(label="进展报送周期", choices=Cycle.choices)
