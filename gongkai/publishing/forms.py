"""Forms of the publishing workspace. Validation of business rules stays in ``services``; these check shapes."""

from django import forms

from .files import ACCEPT
from .selectors import tree_rows
from .vocab import (
    AUDIENCES,
    CATALOG_MODES,
    REVIEW_CHECKS,
    TOPICS,
    WITHHELD_GROUNDS,
    DisclosureMode,
    FindingStatus,
    Validity,
    Verdict,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UnitChoiceMixin:
    def set_units(self, units):
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class PublicationForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "rich-source"}),
        help_text="可直接从 Word 复制粘贴，标题、列表和表格会保留；保存时自动清理格式并扫描个人信息。",
    )
    doc_number = forms.CharField(
        label="文号", max_length=80, required=False, help_text="如：示发改字〔2026〕12号"
    )
    publisher = forms.CharField(
        label="发布机构", max_length=100, required=False, help_text="默认为本单位全称"
    )
    topic = forms.ChoiceField(
        label="主题分类", required=False, choices=[("", "—— 请选择 ——")] + [(t, t) for t in TOPICS]
    )
    formed_date = forms.DateField(label="成文日期", required=False, widget=DATE)
    changed_date = forms.DateField(
        label="变更日期",
        required=False,
        widget=DATE,
        help_text="信息发生变更需重新公开的，自变更之日起计算20个工作日",
    )
    nodes = forms.MultipleChoiceField(
        label="公开目录",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="信息在门户网站上的栏目位置",
    )
    disclosure_mode = forms.ChoiceField(
        label="公开属性",
        choices=DisclosureMode.choices,
        initial=DisclosureMode.ACTIVE,
        widget=forms.RadioSelect,
    )
    withheld_ground = forms.ChoiceField(
        label="不予公开依据", required=False, choices=[("", "——")] + list(WITHHELD_GROUNDS)
    )
    mode_note = forms.CharField(
        label="公开属性说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_consultation = forms.BooleanField(
        label="本信息是征求意见稿（允许出现“征求意见稿”字样）", required=False
    )
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=[("", "——（非文件类信息）")] + list(Validity.choices)
    )
    scheduled_at = forms.DateTimeField(
        label="定时发布", required=False, widget=DATETIME, help_text="留空则审查通过后手动发布"
    )
    review_by = forms.DateField(
        label="复核日期", required=False, widget=DATE, help_text="留空则发布一年后提醒复核"
    )
    expires_on = forms.DateField(label="失效日期", required=False, widget=DATE)

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        nodes = list(nodes)
        self.node_objects = {str(n.pk): n for n in nodes}
        self.fields["nodes"].choices = [(str(n.pk), n.path_label) for n in nodes]
        self.node_rows = tree_rows(nodes)

    def node_tree(self) -> list[dict]:
        """The 公开目录 as a tree for the tick list: each node with its id, name, ticked or not, and children."""
        chosen = {str(v) for v in (self["nodes"].value() or [])}
        root: list[dict] = []
        stack: list[tuple[int, list[dict]]] = [(-1, root)]
        for node, depth in self.node_rows:
            while stack[-1][0] >= depth:
                stack.pop()
            item = {"id": str(node.pk), "name": node.name, "checked": str(node.pk) in chosen, "children": []}
            stack[-1][1].append(item)
            stack.append((depth, item["children"]))
        return root

    def clean_nodes(self):
        return [self.node_objects[v] for v in self.cleaned_data["nodes"] if v in self.node_objects]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class NewPublicationForm(UnitChoiceMixin, PublicationForm):
    unit = forms.TypedChoiceField(label="发布单位", coerce=int)

    field_order = ["unit"]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text="支持 .docx .xlsx .pdf .doc .xls .wps .et .ofd .jpg .png；上传后自动扫描身份证号、手机号等个人信息。",
    )


class ImportDocxForm(UnitChoiceMixin, forms.Form):
    unit = forms.TypedChoiceField(label="发布单位", coerce=int)
    file = forms.FileField(
        label="Word 文件（.docx）", widget=forms.ClearableFileInput(attrs={"accept": ".docx"})
    )


CHECK_CHOICES = [("pass", "通过"), ("fail", "不通过")]


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label="审查结论", choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="审查意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时必填，将反馈给起草人",
    )
    publish_now = forms.BooleanField(
        label="同意公开后立即发布（设有定时发布时间的按定时发布）", required=False
    )
    # The content the form was shown for (services.reviewed_content): approval is refused if it changed since.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, hint in REVIEW_CHECKS:
            self.fields[f"{key}_result"] = forms.ChoiceField(
                label=label, choices=CHECK_CHOICES, widget=forms.RadioSelect, help_text=hint
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=f"{label}意见", required=False, widget=forms.TextInput()
            )

    def checks(self) -> dict:
        return {
            key: (self.cleaned_data[f"{key}_result"] == "pass", self.cleaned_data.get(f"{key}_comment", ""))
            for key, _, _ in REVIEW_CHECKS
        }

    def check_rows(self):
        return [
            (self[f"{key}_result"], self[f"{key}_comment"], label, hint) for key, label, hint in REVIEW_CHECKS
        ]


class ResolveForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (FindingStatus.FALSE_POSITIVE, "误报"),
            (FindingStatus.OVERRIDDEN, "确认可公开"),
            (FindingStatus.OPEN, "重新打开"),
        ]
    )
    reason = forms.CharField(label="理由", required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(label="定时发布时间", required=False, widget=DATETIME)


class LifecycleForm(forms.Form):
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=[("", "——")] + list(Validity.choices)
    )
    review_by = forms.DateField(label="复核日期", required=False, widget=DATE)
    expires_on = forms.DateField(label="失效日期", required=False, widget=DATE)
    reason = forms.CharField(label="说明", required=False, max_length=500)


class NodeForm(forms.Form):
    name = forms.CharField(label="公开事项", max_length=200)
    parent = forms.TypedChoiceField(label="上级事项", required=False, coerce=int, empty_value=None)
    elements = forms.CharField(
        label="公开内容（要素）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(label="公开依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    time_limit = forms.CharField(label="公开时限", required=False, max_length=200)
    subject = forms.CharField(label="公开主体", required=False, max_length=200)
    channels = forms.CharField(label="公开渠道和载体", required=False, max_length=300)
    audience = forms.ChoiceField(label="公开对象", choices=[(a, a) for a in AUDIENCES])
    mode = forms.ChoiceField(label="公开方式", choices=[(m, m) for m in CATALOG_MODES])
    level = forms.CharField(label="公开层级", required=False, max_length=50)
    sort_order = forms.IntegerField(label="排序", required=False, initial=0)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "（顶层事项）")] + [(n.pk, n.path_label) for n in parents]


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label="目录表（.xlsx）", widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )


class TermForm(forms.Form):
    wrong = forms.CharField(label="错误表述", max_length=100)
    correct = forms.CharField(label="规范表述", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)
    severity = forms.ChoiceField(label="严重程度", choices=[("high", "高"), ("medium", "中"), ("low", "低")])
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
