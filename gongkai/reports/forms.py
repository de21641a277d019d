"""Input parsing of the annual report's pages (Chinese messages); every query parameter goes through a form."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .vocab import MANUAL_ROWS

SECTION_LABELS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况（表二之前的说明，可空）",
    "三": "三、收到和处理政府信息公开申请情况（表三之前的说明，可空）",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}


def default_year() -> int:
    return timezone.localdate().year - 1


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2021, max_value=2100, required=False)

    def year_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return default_year()


class GenerateForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label="年度", min_value=2021, max_value=2100)


class InputsForm(forms.Form):
    source = forms.CharField(label="数据来源", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row, _, label in MANUAL_ROWS:
            self.fields[row] = forms.CharField(label=label, max_length=20, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="从 .xlsx 导入")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 表格。")
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("表格不应超过2MB。")
        return upload


class TextForm(forms.Form):
    warning_note = forms.CharField(
        label="警告说明（核对有警告时必填）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    new_problems = forms.CharField(
        label="本年度存在的主要问题（每行一项；明年年报第五部分将逐项说明改进情况）",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        for number, label in SECTION_LABELS.items():
            self.fields[f"section_{number}"] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 8 if number in "一五六" else 3}),
                required=False,
            )
        self.problem_fields = []
        for index, item in enumerate(problems):
            name = f"improvement_{index}"
            self.fields[name] = forms.CharField(
                label=f"上年问题：{item['problem']}——改进情况",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.problem_fields.append(name)

    def payload(self) -> dict:
        data = self.cleaned_data
        return {
            "sections": {n: data.get(f"section_{n}", "") for n in SECTION_LABELS},
            "improvements": [data.get(name, "") for name in self.problem_fields],
            "new_problems": (data.get("new_problems") or "").splitlines(),
            "warning_note": data.get("warning_note", ""),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CorrectForm(forms.Form):
    note = forms.CharField(label="更正说明", widget=forms.Textarea(attrs={"rows": 3}))


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class BatchForm(forms.Form):
    title = forms.CharField(label="批次名称", max_length=100, required=False)
    files = MultiFileField(
        label="年报文件（可多选：.html/.htm/.txt/.docx）", widget=MultiFileInput, required=False
    )
