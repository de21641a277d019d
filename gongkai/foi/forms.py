"""Forms of the public application and the staff actions. Validation of the law lives in services/core; forms
check shapes and give the field-level Chinese messages."""

from __future__ import annotations

from django import forms

from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.orgs.models import Unit, UnitKind, User

from . import access
from .models import Appeal, Attachment, Consultation, Subject, UnitProfile

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REQUIRED = {"required": "此项为必填项。"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def accepting_units():
    """Bodies listed on the public form: active government bodies, except those that opted out."""
    kinds = [
        UnitKind.GOVERNMENT,
        UnitKind.OFFICE,
        UnitKind.DEPARTMENT,
        UnitKind.TOWNSHIP,
        UnitKind.SUBDISTRICT,
        UnitKind.ZONE,
        UnitKind.VERTICAL,
        UnitKind.INSTITUTION,
    ]
    opted_out = UnitProfile.objects.filter(accepts_online=False).values_list("unit_id", flat=True)
    return (
        Unit.objects.filter(is_active=True, kind__in=kinds)
        .exclude(pk__in=opted_out)
        .order_by("sort_order", "id")
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LimitSelect(forms.Select):
    """The body's select, each option carrying the reply limit that will apply (``data-limit``): the public form
    says "15个工作日" as soon as a body with a stricter local limit is chosen."""

    limits: dict[str, int] = {}
    default_limit = law.REPLY.value

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = str(getattr(value, "value", value) or "")
        option["attrs"]["data-limit"] = self.limits.get(key, self.default_limit)
        return option


class PublicUnitChoiceField(UnitChoiceField):
    """Bodies of the public form, labelled with their reply limit when it is stricter than the default."""

    default_limit = law.REPLY.value
    limits: dict[int, int] = {}

    def label_from_instance(self, obj):
        limit = self.limits.get(obj.pk, self.default_limit)
        return f"{obj.name}（{limit}个工作日内答复）" if limit != self.default_limit else obj.name


def intake_limit() -> int:
    """The limit of an online application whose body the applicant left open (the office's intake unit)."""
    from . import deadlines
    from .errors import FoiError
    from .services import default_intake_unit

    try:
        return deadlines.limit_for(default_intake_unit())
    except FoiError:
        return deadlines.default_limit()


def _upload_errors(uploads) -> list[str]:
    """Every problem of the chosen files at once (count, size, type of each), not only the first."""
    from . import uploads as checks
    from .errors import FoiError

    chosen = [upload for upload in uploads or [] if upload]
    errors = []
    if len(chosen) > checks.MAX_FILES:
        errors.append(f"附件最多{checks.MAX_FILES}个，您选择了{len(chosen)}个。")
    for upload in chosen:
        try:
            checks.check(upload)
        except FoiError as exc:
            errors.append(str(exc))
        finally:
            upload.seek(0)  # the service reads (and checks) the file again when it stores it
    return errors


class ApplicationForm(forms.Form):
    """政府信息公开申请表 (the online form; staff entry adds the channel and dates)."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=fr.APPLICANT_TYPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    applicant_name = forms.CharField(
        label="姓名/名称",
        max_length=100,
        error_messages={"required": "请填写申请人姓名或法人、其他组织的名称。"},
    )
    id_type = forms.ChoiceField(label="证件类型", choices=fr.ID_TYPES, error_messages=REQUIRED)
    id_number = forms.CharField(
        label="证件号码", max_length=40, error_messages={"required": "请填写证件号码。"}
    )
    legal_rep = forms.CharField(
        label="法定代表人/负责人", max_length=50, required=False, help_text="法人或其他组织填写"
    )
    contact_person = forms.CharField(
        label="联系人", max_length=50, required=False, help_text="法人或其他组织填写"
    )
    phone = forms.CharField(
        label="联系电话", max_length=30, error_messages={"required": "请填写联系电话，以便告知办理情况。"}
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "电子邮箱格式不正确，请核对。"}
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为6位数字。"},
    )
    unit = PublicUnitChoiceField(
        label="申请公开的行政机关",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="不确定（由县政务公开办分办）",
        widget=LimitSelect,
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages=REQUIRED,
    )
    doc_number = forms.CharField(label="文号（如知道）", max_length=100, required=False)
    medium = forms.ChoiceField(
        label="提供形式", choices=fr.MEDIA, initial="electronic", widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label="获取方式", choices=fr.DELIVERY, initial="email", widget=forms.RadioSelect
    )
    id_proof = MultipleFileField(
        label="身份证明（可选）", help_text="PDF、JPG或PNG，每个不超过10MB，最多5个；加密保存，仅经办人员可见"
    )
    # A field people never see (hidden by CSS): bots fill it, the form then refuses quietly.
    website = forms.CharField(required=False, label="请勿填写此项")

    def __init__(self, *args, **kwargs):
        from . import deadlines

        super().__init__(*args, **kwargs)
        units = accepting_units()
        field = self.fields["unit"]
        field.queryset = units
        limits = deadlines.limits_for(units)
        default = deadlines.default_limit()
        field.limits, field.default_limit = limits, default
        field.widget.limits = {str(pk): limit for pk, limit in limits.items()}
        field.widget.default_limit = intake_limit()
        self.reply_limit = field.widget.default_limit  # the sentence before a body is chosen

    def clean_id_proof(self):
        files = self.cleaned_data.get("id_proof") or []
        errors = _upload_errors(files)
        if errors:
            raise forms.ValidationError(errors)
        return files

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""

    def clean(self):
        """The rules of a complete application (``services.applicant_errors``), reported on the fields at once."""
        from .services import applicant_errors

        data = super().clean()
        problems = applicant_errors({**{name: self.data.get(name, "") for name in self.fields}, **data})
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, message)
        return data


class StaffApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请渠道", choices=[c for c in fr.CHANNEL_CHOICES if c[0] != "online"])
    submitted_on = forms.DateField(label="提交日期", widget=DATE, error_messages=REQUIRED)
    signed_for = forms.DateField(label="签收日期（邮寄）", widget=DATE, required=False)
    confirmed = forms.DateField(label="确认日期（平常信函、传真、电子邮件）", widget=DATE, required=False)
    letter_scan = MultipleFileField(label="申请书扫描件", help_text="PDF、JPG或PNG")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["unit"] = UnitChoiceField(label="受理单位", queryset=units, empty_label=None)
        self.order_fields(["channel", "submitted_on", "signed_for", "confirmed", "unit"])


class OnlineCorrectionForm(forms.Form):
    """网上补正 on the tracking page: the answer to the correction notice, with optional files."""

    text = forms.CharField(
        label="补正内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "请填写补正的内容（对补正告知中所列事项的说明）。"},
        help_text="请针对补正告知中列出的事项逐项说明，例如所需信息的年份、地块范围、文号等。",
    )
    files = MultipleFileField(label="补正材料（可选）", help_text="PDF、JPG或PNG，每个不超过10MB，最多5个")

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        errors = _upload_errors(files)
        if errors:
            raise forms.ValidationError(errors)
        return files


class SubjectChoiceForm(forms.Form):
    """事项领域 of a case (the county list)."""

    subject = forms.ModelChoiceField(
        label="事项领域",
        queryset=Subject.objects.filter(is_active=True),
        required=False,
        empty_label="未分类",
    )


class SubjectForm(forms.Form):
    """An entry of the county's subject list (the office)."""

    name = forms.CharField(label="名称", max_length=40, error_messages={"required": "请填写事项领域的名称。"})
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=30000, initial=100)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=30, error_messages=REQUIRED)
    verification_code = forms.CharField(label="验证码", max_length=20, error_messages=REQUIRED)


# --- staff actions --------------------------------------------------------------------------------------------
def _on(label="日期"):
    return forms.DateField(label=label, widget=DATE, error_messages=REQUIRED)


class AssignForm(forms.Form):
    unit = UnitChoiceField(label="办理单位", queryset=Unit.objects.none(), empty_label=None)
    officer = forms.ModelChoiceField(
        label="经办人", queryset=User.objects.none(), required=False, empty_label="（由该单位确定）"
    )
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, units=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.filter(is_active=True)
        self.fields["officer"].queryset = access.officer_candidates(self.fields["unit"].queryset)
        self.fields["officer"].label_from_instance = lambda user: (
            f"{user.display_name}（{'、'.join(unit.display_name for unit in access.officer_units(user))}）"
        )
        if case is not None:
            self.fields["unit"].initial = case.unit_id


class CorrectionForm(forms.Form):
    items = forms.CharField(
        label="需补正的事项", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    on = _on("告知日期")
    due_on = forms.DateField(label="补正期限（为空按设置的工作日数计算）", widget=DATE, required=False)


class DateNoteForm(forms.Form):
    on = _on()
    note = forms.CharField(label="说明", max_length=500, required=False)


class ExtensionForm(forms.Form):
    # The cap (20 working days in all, counting earlier ones) is checked once, by the service.
    days = forms.IntegerField(label="延长工作日", min_value=1)
    reason = forms.CharField(
        label="延期理由", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    on = _on("申请日期")


class ExtensionDecisionForm(forms.Form):
    extension = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label="审批意见", choices=[("1", "同意延期"), ("0", "不同意")], coerce=lambda value: value == "1"
    )
    note = forms.CharField(label="意见说明", max_length=500, required=False)
    on = _on("审批日期")


class ConsultationForm(forms.Form):
    party_kind = forms.ChoiceField(label="对象", choices=Consultation.Party.choices)
    party_name = forms.CharField(label="名称", max_length=100, error_messages=REQUIRED)
    matter = forms.CharField(
        label="征求意见事项", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    on = _on("发出日期")


class ConsultationEndForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.ChoiceField(label="意见", choices=[c for c in Consultation.Opinion.choices if c[0]])
    note = forms.CharField(
        label="意见内容", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = _on("收到意见/结束日期")


class FeeForm(forms.Form):
    method = forms.ChoiceField(
        label="计收方式（不得同时适用）", choices=fr.FEE_METHODS, widget=forms.RadioSelect
    )
    quantity = forms.IntegerField(label="件数（本自然月累计）或页数", min_value=0)
    on = _on("通知日期")


class FeeDoneForm(forms.Form):
    fee = forms.IntegerField(widget=forms.HiddenInput)
    on = _on()


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(
        label="答复结果（年报统计口径，只选一项）",
        choices=[("", "请选择")]
        + [(o.code, f"{o.report_row} {o.full_label}") for o in fr.OUTCOMES if not o.closes_without_reply],
        error_messages=REQUIRED,
    )
    situation = forms.ChoiceField(
        label="第三十六条特别情形",
        choices=[("", "无")] + [(s.code, s.label) for s in fr.SITUATIONS],
        required=False,
    )
    published_where = forms.CharField(
        label="已公开的位置（网址、公报期号或查阅场所）", max_length=300, required=False
    )
    other_body = forms.CharField(label="负责公开的机关", max_length=100, required=False)
    other_body_contact = forms.CharField(label="该机关联系方式", max_length=200, required=False)
    content = forms.CharField(label="答复内容/理由", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    on = _on("拟稿日期")


class CountersignForm(forms.Form):
    reply = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label="审核意见", choices=[("1", "同意"), ("0", "退回修改")], coerce=lambda value: value == "1"
    )
    comments = forms.CharField(label="意见说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SendForm(forms.Form):
    reply = forms.IntegerField(widget=forms.HiddenInput)
    on = _on("送达日期")
    method = forms.ChoiceField(label="送达方式", choices=fr.DELIVERY)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="重新办理原因", max_length=500, error_messages=REQUIRED)
    on = _on()
    restart = forms.BooleanField(label="答复期限重新起算", required=False, initial=True)


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Appeal.Kind.choices)
    filed_on = _on("提起日期")
    authority = forms.CharField(label="复议机关/法院", max_length=100, error_messages=REQUIRED)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class AppealUpdateForm(forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label="结果", choices=Appeal.Result.choices)
    decided_on = forms.DateField(label="审结日期", widget=DATE, required=False)
    note = forms.CharField(label="说明", max_length=500, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="备注", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, error_messages=REQUIRED
    )


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label="文书")
    on = forms.DateField(label="落款日期", widget=DATE, error_messages=REQUIRED)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Attachment.Kind.choices)
    files = MultipleFileField(label="文件", help_text="PDF、JPG或PNG")


class TemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=100, error_messages=REQUIRED)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 18}), error_messages=REQUIRED)


class PolicyForm(forms.Form):
    countersign_outcomes = forms.MultipleChoiceField(
        label="需法律审核（会签）的答复结果",
        choices=[(o.code, f"{o.report_row} {o.full_label}") for o in fr.OUTCOMES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_soon_days = forms.IntegerField(label="临近期限提醒（剩余工作日）", min_value=0, max_value=20)
    correction_period_days = forms.IntegerField(
        label="给申请人的补正期限（工作日）", min_value=1, max_value=60
    )
    id_retention_days = forms.IntegerField(
        label="身份证明材料保存期限（办结后天数）", min_value=30, max_value=3650
    )
    reconsideration_body = forms.CharField(
        label="行政复议机关（告知书救济途径）", max_length=100, required=False
    )
    intake_unit = UnitChoiceField(
        label="网上申请默认受理单位", queryset=Unit.objects.filter(is_active=True), required=False
    )


class UnitProfileForm(forms.Form):
    reply_limit = forms.IntegerField(
        label="答复期限（工作日）",
        min_value=1,
        max_value=law.REPLY.value,
        required=False,
        help_text="为空即法定20个工作日",
    )
    accepts_online = forms.BooleanField(label="在网上申请表中列出本单位", required=False)
    signature = forms.CharField(label="落款（机关名称）", max_length=100, required=False)
    seal_note = forms.CharField(label="印章/签章说明", max_length=100, required=False)
    contact_line = forms.CharField(label="联系人及电话", max_length=200, required=False)


class FrequentForm(forms.Form):
    title = forms.CharField(label="拟主动公开的信息名称", max_length=200, error_messages=REQUIRED)
    ids = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def clean_ids(self):
        try:
            return [int(x) for x in self.cleaned_data["ids"].split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError("申请编号列表无效。")
