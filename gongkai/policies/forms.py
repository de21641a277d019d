"""Forms of the policy library workspace. They check shapes; the business rules are in ``services``."""

from __future__ import annotations

from django import forms

from gongkai.publishing.vocab import TOPICS

from .models import LocalRules
from .services import RULE_FIELDS
from .vocab import (
    ELEMENTS,
    PACKAGE_THEMES,
    CleanupDecision,
    DocKind,
    ElementState,
    EvaluationDecision,
    InterpretationForm,
    RelationKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "日期格式不正确，请按“2024-01-31”填写。"}


def _date(label: str, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DATE, help_text=help_text, error_messages=DATE_ERRORS
    )


class PickMixin:
    """Fill a multiple choice field from a queryset and turn the picked ids back into objects."""

    def pick(self, name: str, objects, label=str):
        objects = list(objects)
        self._picks = getattr(self, "_picks", {})
        self._picks[name] = {str(o.pk): o for o in objects}
        self.fields[name].choices = [(str(o.pk), label(o)) for o in objects]

    def picked(self, name: str) -> list:
        table = self._picks.get(name, {})
        return [table[v] for v in self.cleaned_data.get(name) or [] if v in table]


class DocumentForm(PickMixin, forms.Form):
    unit = forms.TypedChoiceField(label="制发单位（牵头）", coerce=int, required=False)
    title = forms.CharField(label="标题", max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "rich-source"}),
        help_text="可直接从 Word 复制粘贴；条款请保留“第一条”“第二条”等编号，便于比对新旧政策差异。",
    )
    doc_number = forms.CharField(
        label="文号", max_length=80, required=False, help_text="如：示政办发〔2024〕12号（年份可写作[2024]）"
    )
    kind = forms.ChoiceField(label="文件类型", choices=DocKind.choices, initial=DocKind.NORMATIVE)
    co_issuers = forms.MultipleChoiceField(
        label="联合发文单位",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
    )
    formed_date = _date("成文日期")
    effective_date = _date("施行日期", help_text="留空则自成文日期起施行")
    stated_years = forms.IntegerField(
        label="写明的有效期（年）",
        required=False,
        min_value=1,
        max_value=50,
        help_text="文件写明“有效期X年”的填写；未写明的按地方规则计算",
        error_messages={"invalid": "有效期年数应为整数。", "min_value": "有效期应至少为1年。"},
    )
    stated_end = _date("写明的有效期至")
    registration_number = forms.CharField(label="登记号", max_length=60, required=False)
    topic = forms.ChoiceField(
        label="主题分类", required=False, choices=[("", "—— 请选择 ——")] + [(t, t) for t in TOPICS]
    )
    is_major = forms.BooleanField(label="重大政策", required=False)
    interpretation_exempt = forms.BooleanField(label="无需解读", required=False)
    exempt_reason = forms.CharField(
        label="无需解读的理由", max_length=200, required=False, help_text="如：仅涉及内部管理事项"
    )

    def __init__(self, *args, units=(), all_units=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [(u.pk, u.name) for u in units]
            if units:
                self.fields["unit"].initial = units[0].pk
        self.pick("co_issuers", all_units, lambda u: u.name)

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("unit", "co_issuers")}
        data["co_issuers"] = self.picked("co_issuers")
        return data


class RelationForm(forms.Form):
    kind = forms.ChoiceField(
        label="关系",
        choices=[
            (RelationKind.AMENDS, "本文件修改了"),
            (RelationKind.REPLACES, "本文件替代了"),
            (RelationKind.REPEALS, "本文件废止了"),
            ("in_" + RelationKind.AMENDS, "本文件被……修改"),
            ("in_" + RelationKind.REPLACES, "本文件被……替代"),
            ("in_" + RelationKind.REPEALS, "本文件被……废止"),
        ],
    )
    other = forms.IntegerField(label="另一份文件", error_messages={"required": "请选择另一份文件。"})
    effective_date = _date("生效日期", help_text="留空则取作出修改、废止的文件的施行日期")
    clauses = forms.CharField(
        label="涉及条款", required=False, help_text="逐条修改或废止的，用逗号分隔，如：第五条，第七条"
    )
    basis = forms.CharField(label="依据", max_length=200, required=False)

    def clause_list(self) -> list[str]:
        raw = self.cleaned_data.get("clauses") or ""
        for sep in ("，", "、", ";", "；"):
            raw = raw.replace(sep, ",")
        return [c.strip() for c in raw.split(",") if c.strip()]


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="处理", choices=[("accept", "接受"), ("reject", "拒绝")])
    note = forms.CharField(label="意见", max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200, error_messages={"required": "请填写原因。"})


class InterpForm(PickMixin, forms.Form):
    unit = forms.TypedChoiceField(label="解读单位", coerce=int, required=False)
    title = forms.CharField(label="标题", max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "rich-source"}),
    )
    documents = forms.MultipleChoiceField(
        label="解读的文件", widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}), required=False
    )
    form = forms.ChoiceField(label="解读形式", choices=InterpretationForm.choices)
    media_url = forms.CharField(
        label="媒体链接",
        max_length=200,
        required=False,
        help_text="视频、音频、直播回放或 H5 页面地址；图解图片、视频文件请在信息发布页上传为附件",
    )
    interpreter_name = forms.CharField(label="解读人", max_length=50, required=False)
    interpreter_title = forms.CharField(label="解读人职务", max_length=50, required=False)
    formed_date = _date("成文日期")

    def __init__(self, *args, units=(), documents=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.pick(
            "documents", documents, lambda d: f"{d.title}（{d.doc_number}）" if d.doc_number else d.title
        )
        for key, label, hint in ELEMENTS:
            self.fields[f"el_{key}_state"] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "未标明")] + list(ElementState.choices),
                widget=forms.RadioSelect,
                help_text=hint,
            )
            self.fields[f"el_{key}_note"] = forms.CharField(
                label=f"{label}说明",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4 if key == "differences" else 2}),
            )

    def element_rows(self):
        return [
            {
                "key": key,
                "label": label,
                "hint": hint,
                "state": self[f"el_{key}_state"],
                "note": self[f"el_{key}_note"],
            }
            for key, label, hint in ELEMENTS
        ]

    def plain_fields(self):
        return [f for f in self if not f.name.startswith("el_")]

    def service_fields(self) -> dict:
        data = {
            k: self.cleaned_data.get(k)
            for k in (
                "title",
                "body",
                "form",
                "media_url",
                "interpreter_name",
                "interpreter_title",
                "formed_date",
            )
        }
        data["media_url"] = (data["media_url"] or "").strip()
        data["elements"] = {
            key: {
                "state": self.cleaned_data.get(f"el_{key}_state") or "",
                "note": self.cleaned_data.get(f"el_{key}_note") or "",
            }
            for key, _, _ in ELEMENTS
        }
        return data


class EvaluationForm(forms.Form):
    decision = forms.ChoiceField(
        label="评估结论", choices=EvaluationDecision.choices, widget=forms.RadioSelect
    )
    extended_until = _date("延续至", help_text="选择“延续有效期”时填写")
    note = forms.CharField(
        label="评估意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写评估意见（文件实施情况、是否需要继续执行及理由）。"},
    )


class CampaignForm(PickMixin, forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    deadline = _date("报送截止日期", required=True)
    units = forms.MultipleChoiceField(
        label="清理单位",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8, "data-picker": ""}),
        help_text="不选则清理全部单位的文件；输入单位名称中的文字筛选，可选择多个",
    )
    kinds = forms.MultipleChoiceField(
        label="文件类型",
        required=False,
        choices=DocKind.choices,
        initial=[DocKind.NORMATIVE],
        widget=forms.CheckboxSelectMultiple,
        help_text="不选则只清理行政规范性文件",
    )
    year_from = forms.IntegerField(
        label="成文年份自",
        required=False,
        min_value=1949,
        max_value=2100,
        help_text="如 2019；留空不限",
        error_messages={"invalid": "成文年份应为四位年份，如2019。", "min_value": "成文年份不早于1949年。"},
    )
    year_to = forms.IntegerField(
        label="成文年份至",
        required=False,
        min_value=1949,
        max_value=2100,
        help_text="留空不限",
        error_messages={"invalid": "成文年份应为四位年份，如2024。", "max_value": "成文年份不晚于2100年。"},
    )
    result_unit = forms.TypedChoiceField(
        label="公布清理结果的单位",
        coerce=int,
        required=False,
        help_text="结束清理时以该单位名义起草清理结果公告，经保密审查后发布；留空为本人所在单位",
    )
    scope_note = forms.CharField(
        label="清理范围和要求", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        self.pick("units", units, lambda u: u.name)
        self.fields["result_unit"].choices = [("", "—— 本人所在单位 ——")] + [(u.pk, u.name) for u in units]
        self._units = {u.pk: u for u in units}

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "deadline": data["deadline"],
            "scope_note": data["scope_note"],
            "units": self.picked("units"),
            "kinds": data.get("kinds") or None,
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
            "result_unit": self._units.get(data.get("result_unit")),
        }


class CleanupForm(forms.Form):
    decision = forms.ChoiceField(
        label="清理意见", choices=[c for c in CleanupDecision.choices if c[0] != CleanupDecision.PENDING]
    )
    note = forms.CharField(label="说明", required=False, max_length=1000)


class CloseForm(forms.Form):
    effective = _date("清理结果生效日期", required=True)
    accept_pending = forms.BooleanField(label="未确认的文件保持原状态，仍结束清理", required=False)


class DecisionForm(forms.Form):
    """A leader's yes or no with a note (延续有效期审批, 解读审定); the note is required for a no (the service says
    so)."""

    approve = forms.TypedChoiceField(
        label="意见",
        choices=[("1", "同意"), ("0", "不同意")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择同意或不同意。"},
    )
    note = forms.CharField(
        label="意见说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, yes="同意", no="不同意", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].choices = [("1", yes), ("0", no)]


class RulesForm(forms.ModelForm):
    class Meta:
        model = LocalRules
        fields = list(RULE_FIELDS)


class QuestionForm(PickMixin, forms.Form):
    unit = forms.TypedChoiceField(label="单位", coerce=int, required=False)
    question = forms.CharField(label="问题", max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    answer = forms.CharField(label="解答", widget=forms.Textarea(attrs={"rows": 8, "class": "rich-source"}))
    documents = forms.MultipleChoiceField(
        label="相关政策文件",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
    )
    services = forms.MultipleChoiceField(
        label="相关办事事项",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4, "data-picker": ""}),
    )

    def __init__(self, *args, units=(), documents=(), services=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.pick("documents", documents)
        self.pick("services", services)


class ServiceForm(PickMixin, forms.Form):
    unit = forms.TypedChoiceField(label="实施单位", coerce=int, required=False)
    name = forms.CharField(label="事项名称", max_length=200)
    code = forms.CharField(label="事项编码", max_length=60, required=False)
    guide_url = forms.CharField(label="办事指南链接", max_length=500)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    documents = forms.MultipleChoiceField(
        label="相关政策文件",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
    )

    def __init__(self, *args, units=(), documents=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.pick("documents", documents)


class PackageForm(PickMixin, forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    slug = forms.SlugField(
        label="网址标识",
        max_length=60,
        help_text="字母、数字和连字符，如 qiye-kaiban",
        error_messages={"invalid": "网址标识只能包含字母、数字、连字符和下划线。"},
    )
    theme = forms.ChoiceField(label="主题", choices=[(t, t) for t in PACKAGE_THEMES])
    summary = forms.CharField(label="导语", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sort_order = forms.IntegerField(label="排序", initial=0)
    is_published = forms.BooleanField(label="已发布（在门户网站显示）", required=False)
    documents = forms.MultipleChoiceField(
        label="政策文件（仅已发布的）",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8, "data-picker": ""}),
    )
    questions = forms.MultipleChoiceField(
        label="政策问答（仅已发布的）",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""}),
    )
    services = forms.MultipleChoiceField(
        label="办事事项", required=False, widget=forms.SelectMultiple(attrs={"size": 6, "data-picker": ""})
    )

    def __init__(self, *args, documents=(), questions=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pick("documents", documents)
        self.pick("questions", questions)
        self.pick("services", services)


class UnansweredForm(forms.Form):
    note = forms.CharField(label="处理说明", max_length=200, required=False)
    question = forms.IntegerField(label="补充的问答", required=False)
