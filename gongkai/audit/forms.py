from django import forms

from . import presentation, selectors

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": f"「{label}」不是有效日期，请按 2026-03-01 的格式填写。"},
    )


def _action_choice(action: str) -> str:
    label = presentation.action_label(action)
    return label


class EventFilterForm(forms.Form):
    """The list's filters (审计日志筛选). Choices are limited to what the user may see."""

    actor = forms.CharField(label="操作人", required=False, max_length=150)
    unit = forms.TypedChoiceField(label="单位", required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label="操作", required=False)
    object_type = forms.ChoiceField(label="对象类型", required=False)
    object_id = forms.CharField(label="对象编号", required=False, max_length=64)
    since = _date_field("起始日期")
    until = _date_field("截止日期")
    q = forms.CharField(label="对象名称包含", required=False, max_length=100)

    def __init__(self, data, *, user, events):
        super().__init__(data)
        self.fields["unit"].choices = [("", "全部单位")] + [
            (unit.pk, unit.name) for unit in selectors.visible_units(user).only("pk", "name")
        ]
        self.fields["unit"].error_messages["invalid_choice"] = "所选单位不存在或不在您的查看范围内。"
        self.fields["action"].choices = [("", "全部操作")] + [
            (action, _action_choice(action)) for action in selectors.distinct_values(events, "action")
        ]
        self.fields["action"].error_messages["invalid_choice"] = "所选操作在日志中没有记录，请从列表中选择。"
        self.fields["object_type"].choices = [("", "全部类型")] + [
            (object_type, presentation.object_type_label(object_type))
            for object_type in selectors.distinct_values(events, "object_type")
            if object_type
        ]
        self.fields["object_type"].error_messages["invalid_choice"] = (
            "所选对象类型在日志中没有记录，请从列表中选择。"
        )

    def clean(self):
        data = super().clean()
        error = selectors.date_range_error(data.get("since"), data.get("until"))
        if error:
            self.add_error("until", error)
        return data

    def criteria(self) -> selectors.Criteria:
        data = self.cleaned_data
        return selectors.Criteria(
            actor=data.get("actor", "").strip(),
            unit_id=data.get("unit"),
            action=data.get("action", ""),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", "").strip(),
            since=data.get("since"),
            until=data.get("until"),
            text=data.get("q", "").strip(),
        )
