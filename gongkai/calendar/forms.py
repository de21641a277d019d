from django import forms

DATE_ERROR = "日期格式应为 YYYY-MM-DD，例如 2026-09-28"
PAUSE_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR, "required": f"请填写{label}"},
    )


class NoticeForm(forms.Form):
    """Paste → preview → confirm. The confirm step posts the same text again; it is parsed again on the server."""

    text = forms.CharField(
        label="通知全文",
        widget=forms.Textarea(attrs={"rows": 16, "cols": 80, "spellcheck": "false"}),
        max_length=20000,
        error_messages={"required": "请粘贴国务院办公厅节假日安排通知的全文（含标题）"},
        help_text="从中国政府网复制“国务院办公厅关于YYYY年部分节假日安排的通知”全文粘贴于此，含标题。",
    )
    replace = forms.BooleanField(label="替换已有安排（该年已有数据时需勾选）", required=False)
    override_reason = forms.CharField(
        label="强制保存的理由（仅系统管理员）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="通知存在问题时一般不得保存；确需保存（如国务院通知本身的特殊安排）须写明理由，记入审计日志。",
    )


class CalculatorForm(forms.Form):
    """工作日计算器: start date + N working days, with optional pause periods (中止期间)."""

    start = date_field("起算日")
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=1000,
        error_messages={
            "required": "请填写工作日数",
            "invalid": "工作日数应为整数，例如 20",
            "min_value": "工作日数不能为负数",
            "max_value": "工作日数不能超过1000",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, PAUSE_ROWS + 1):
            self.fields[f"pause_start_{row}"] = date_field(f"中止期间{row} 开始", required=False)
            self.fields[f"pause_end_{row}"] = date_field(f"中止期间{row} 结束", required=False)

    def pause_rows(self):
        return [(self[f"pause_start_{row}"], self[f"pause_end_{row}"]) for row in range(1, PAUSE_ROWS + 1)]

    def clean(self):
        data = super().clean()
        pauses = []
        for row in range(1, PAUSE_ROWS + 1):
            start_field, end_field = f"pause_start_{row}", f"pause_end_{row}"
            start, end = data.get(start_field), data.get(end_field)
            if self.errors.get(start_field) or self.errors.get(end_field):
                continue
            if bool(start) != bool(end):
                self.add_error(end_field if start else start_field, "中止期间需同时填写开始和结束日期")
            elif start and end:
                if end < start:
                    self.add_error(end_field, "结束日期早于开始日期，请更正")
                else:
                    pauses.append((start, end))
        data["pauses"] = pauses
        return data


class CountForm(forms.Form):
    """Working days between two dates (start not counted, end counted)."""

    a = date_field("开始日期（不计入）")
    b = date_field("结束日期（计入）")
