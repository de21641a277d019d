"""Input parsing for participation's pages (Chinese messages); every query parameter a view reads goes through one."""

from __future__ import annotations

from django import forms

from gongkai.common import query
from gongkai.orgs.models import Unit

from .vocab import Adoption, Category, Channel, Group, Method, OpinionState, ParticipantType

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="征集单位")
    title = forms.CharField(label="征集主题（草案名称）", max_length=280)
    body = forms.CharField(
        label="征求意见稿正文",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="按“第一条……”或“一、（一）”分条，公众可针对条款提出意见",
    )
    basis = forms.CharField(label="起草依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(label="起草说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(
        label="截止日期", widget=DATE, help_text="一般不少于30日（国务院令第713号第十五条）"
    )
    short_reason = forms.CharField(
        label="缩短期限的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="少于30日时必填，向社会公开说明",
    )
    channels = forms.MultipleChoiceField(
        label="征集渠道",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.ONLINE],
    )
    email = forms.EmailField(label="意见邮箱", required=False)
    postal_address = forms.CharField(label="通信地址", required=False, max_length=200)
    invited_groups = forms.MultipleChoiceField(
        label="重点征求对象", choices=Group.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    concerns_enterprises = forms.BooleanField(label="涉企政策", required=False)
    invitation_list = forms.CharField(
        label="定向邀请名单", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    name_required = forms.BooleanField(label="须填写姓名", required=False)
    contact_required = forms.BooleanField(label="须填写联系方式", required=False)
    decision = forms.ModelChoiceField(
        Unit.objects.none(),
        label="所属重大行政决策事项",
        required=False,
        help_text="属于决策事项目录的，请关联",
    )

    def __init__(self, *args, units=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        if decisions is not None:
            self.fields["decision"].queryset = decisions


class ConsultationEditForm(ConsultationForm):
    """Editing a consultation after its creation: the fields its status no longer allows are shown disabled (a
    disabled field keeps its stored value whatever is posted); the draft's text is edited on its publication."""

    def __init__(self, *args, editable=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"], self.fields["body"]
        for name, field in self.fields.items():
            if name not in editable:
                field.disabled = True
                field.help_text = "当前状态下不能修改"


class FinalDocumentForm(forms.Form):
    publication = forms.ModelChoiceField(
        Unit.objects.none(),
        label="正式文件",
        required=False,
        empty_label="（不关联）",
        help_text="征集开始后发布的政府信息（最新200条）；正式文件须先经信息发布流程发布",
    )
    reason = forms.CharField(label="说明", required=False, max_length=300)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["publication"].queryset = candidates
        self.fields["publication"].label_from_instance = lambda pub: (
            f"{pub.title}（{pub.unit.name}，{pub.published_at:%Y-%m-%d}）" if pub.published_at else pub.title
        )


class IndexFilterForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.all(), required=False)


class OpinionFilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *OpinionState.choices])
    clause = forms.CharField(label="条款", required=False, max_length=40)
    channel = forms.ChoiceField(label="渠道", required=False, choices=[("", "全部"), *Channel.choices])
    q = forms.CharField(label="关键词", required=False, max_length=50)
    duplicates = forms.BooleanField(label="只看重复意见", required=False)
    page = query.PageField()  # bounded: a huge page number would overflow the database's OFFSET


class DecideForm(forms.Form):
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class HideForm(forms.Form):
    reason = forms.CharField(label="屏蔽理由", max_length=300)


class MergeForm(forms.Form):
    into = forms.CharField(label="合并到（查询码）", max_length=20)


class StaffOpinionForm(forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label="收到日期", widget=DATE)
    name = forms.CharField(label="提出人", required=False, max_length=100)
    contact = forms.CharField(label="联系方式", required=False, max_length=100)
    clause = forms.CharField(label="针对条款", required=False, max_length=40)
    body = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 3}))


class FinalForm(forms.Form):
    final_text = forms.CharField(
        label="定稿文本",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="与征求意见稿逐条比对，生成修改对照",
    )
    summary = forms.CharField(label="反馈说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PublicOpinionForm(forms.Form):
    """The public comment form: honeypot ``website`` must stay empty."""

    clause = forms.ChoiceField(label="针对条款", required=False)
    body = forms.CharField(label="意见内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名或单位名称", required=False, max_length=100)
    contact = forms.CharField(label="联系方式（电话或邮箱）", required=False, max_length=100)
    agree = forms.BooleanField(
        label="我已阅读并同意个人信息保护说明", error_messages={"required": "请阅读并同意个人信息保护说明。"}
    )
    website = forms.CharField(required=False, label="网址（请勿填写）")

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", "整体意见（不针对具体条款）"), *((c, c) for c in clauses)]

    def clean_website(self):
        # A field people never see (hidden by CSS): bots fill it, the form then refuses quietly.
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""


class FeedbackPageForm(query.QueryForm):
    page = query.PageField()


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=30)


class CatalogForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="决策机关")
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)
    title = forms.CharField(label="目录名称", required=False, max_length=200)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class DecisionForm(forms.Form):
    title = forms.CharField(label="事项名称", max_length=200)
    unit = forms.ModelChoiceField(Unit.objects.all(), label="承办单位")
    basis = forms.CharField(label="决策依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(label="类别", choices=Category.choices)
    planned = forms.CharField(label="计划完成时间", max_length=20, help_text="如 2026-06 或 2026Q3")
    methods = forms.MultipleChoiceField(
        label="公众参与方式", choices=Method.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label="调整理由（目录公布后增加事项时必填）", required=False)


class PublishCatalogForm(forms.Form):
    approved_on = forms.DateField(label="同级党委同意日期", required=False, widget=DATE)
    approval_document = forms.CharField(label="同意文件", required=False, max_length=200)


class AdjustForm(forms.Form):
    planned = forms.CharField(label="新的计划完成时间", required=False, max_length=20)
    withdraw = forms.BooleanField(label="调出目录", required=False)
    reason = forms.CharField(label="调整理由", max_length=500)


class RecordForm(forms.Form):
    hearing_on = forms.DateField(label="听证会（座谈会）日期", required=False, widget=DATE)
    participants_published_on = forms.DateField(label="参加人名单公布日期", required=False, widget=DATE)
    materials_sent_on = forms.DateField(label="材料送达日期", required=False, widget=DATE)
    hearing_participants = forms.CharField(
        label="听证参加人", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legality_sent_on = forms.DateField(label="送请合法性审查日期", required=False, widget=DATE)
    legality_opinion_on = forms.DateField(label="合法性审查意见日期", required=False, widget=DATE)
    legality_lawful = forms.NullBooleanField(label="审查意见：合法", required=False)
    evaluation_unit = forms.ModelChoiceField(Unit.objects.all(), label="决策后评估单位", required=False)
    evaluation_summary = forms.CharField(
        label="评估结论", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label="进入阶段")
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="记录", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = list(stages)


class SignUpForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="手机号码", max_length=20)
    participant_type = forms.ChoiceField(label="身份", choices=ParticipantType.choices)
    adult = forms.BooleanField(label="本人年满18周岁，具有完全民事行为能力", required=False)
    agree = forms.BooleanField(
        label="我已阅读并同意个人信息保护说明", error_messages={"required": "请阅读并同意个人信息保护说明。"}
    )
    website = forms.CharField(required=False, label="网址（请勿填写）")

    def clean_website(self):
        # A field people never see (hidden by CSS): bots fill it, the form then refuses quietly.
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""


class SeatForm(SignUpForm):
    reason = forms.CharField(label="报名理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    code = forms.CharField(label="确认码", max_length=20)
    phone = forms.CharField(label="手机号码", max_length=20)


class SuggestionForm(forms.Form):
    author = forms.CharField(label="提出人", required=False, max_length=50)
    body = forms.CharField(label="建议内容", widget=forms.Textarea(attrs={"rows": 2}))


class ResponseForm(forms.Form):
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices)
    response = forms.CharField(label="答复/办理情况", widget=forms.Textarea(attrs={"rows": 2}))


class SummaryForm(forms.Form):
    summary = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 4}))


class SeatOpinionForm(forms.Form):
    body = forms.CharField(label="代表意见", widget=forms.Textarea(attrs={"rows": 2}))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="单位")
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)
    months = forms.CharField(label="开放月份", max_length=60, help_text="如“4月、8月”")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    themes = forms.CharField(
        label="候选主题（每行一个，向社会公开征集投票）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_themes(self):
        return _lines(self.cleaned_data.get("themes", ""))


class SessionForm(forms.Form):
    title = forms.CharField(label="活动主题", max_length=200)
    starts_at = forms.DateTimeField(label="活动时间", widget=DATETIME)
    place = forms.CharField(label="地点", max_length=200)
    capacity = forms.IntegerField(label="名额", min_value=1, max_value=10000)
    signup_deadline = forms.DateTimeField(label="报名截止", widget=DATETIME)
    programme = forms.CharField(label="活动安排", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MeetingForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="会议单位")
    title = forms.CharField(label="会议名称", max_length=200)
    held_on = forms.DateField(label="会议日期", widget=DATE)
    application_deadline = forms.DateField(label="列席报名截止", required=False, widget=DATE)
    topics = forms.CharField(
        label="候选议题（每行一个，“每月一题”公开投票）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_topics(self):
        return _lines(self.cleaned_data.get("topics", ""))
