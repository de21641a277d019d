"""Staff pages of applications (/work/foi/): list, export, entry, the case page and its actions, letters,
templates, settings, dashboard figures, frequent requests, notifications. Thin: ``access`` answers who may,
``selectors`` read, ``services`` do the work; a refused action comes back through ``service_call``."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.common import query
from gongkai.common.errors import service_call
from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.core.cells import escape_row
from gongkai.core.errors import AccessRefused
from gongkai.orgs.models import Unit

from . import access, deadlines, forms, letters, selectors, services
from .models import (
    Appeal,
    Attachment,
    Consultation,
    Extension,
    FeeNotice,
    FoiPolicy,
    FrequentTopic,
    InfoRequest,
    Letter,
    LetterTemplate,
    Notification,
    Reply,
    Subject,
    UnitProfile,
)

State = InfoRequest.State
PAGE_SIZE = 30


def _render(request, template, context, status=200):
    context.setdefault("is_office", access.can_manage(request.user))
    return render(request, template, context, status=status)


def _get_case(request, pk) -> InfoRequest:
    """The case if the user may see it (``access.can_see``); 404 otherwise (its existence is not revealed)."""
    try:
        return selectors.visible(request.user).select_related("unit", "officer").get(pk=pk)
    except InfoRequest.DoesNotExist:
        raise Http404("未找到该记录，或您无权查看。")


def _record(model, case, pk):
    """A record (extension, reply, fee notice …) of this case; 404 for another case's or a bad id."""
    try:
        return model.objects.get(pk=pk, request=case)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该记录。")


# --- list and export -----------------------------------------------------------------------------------------
def _filter_context(request, filters: selectors.Filters) -> dict:
    units = access.scope(request.user, Unit.objects.filter(is_active=True), unit_field="pk")
    return {
        "filters": filters,
        "states": [("open", "未办结（全部）")] + list(State.choices),
        "units": units.order_by("sort_order", "id"),
        "outcome_choices": [
            (group.code, f"{group.number}{group.label.split('（')[0]}（全部）") for group in fr.GROUPS
        ]
        + [(outcome.code, f"{outcome.report_row} {outcome.full_label}") for outcome in fr.OUTCOMES],
        "applicant_types": fr.APPLICANT_TYPE_CHOICES,
        "channels": fr.CHANNEL_CHOICES,
        "due_choices": [
            ("due_soon", "临近期限"),
            ("overdue", "已超期"),
            ("stopped", "期限中止"),
            ("late", "超期答复"),
        ],
        "query": request.GET.urlencode(),
    }


@login_required
def case_list(request):
    filters = selectors.Filters.from_query(request.GET)
    page = Paginator(selectors.case_list(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    today = deadlines.today()
    soon = FoiPolicy.current().due_soon
    rows = []
    for case in page.object_list:
        status = deadlines.status(case, today, soon)
        left = deadlines.remaining(case, today) if status not in ("done", "stopped") else None
        rows.append((case, status, left))
    params = request.GET.copy()
    params.pop("page", None)
    context = _filter_context(request, filters)
    context.update(
        {
            "page": page,
            "rows": rows,
            "status_labels": fr.DUE_STATUS_LABELS,
            "page_query": params.urlencode(),
            "can_register": access.can_register(request.user),
        }
    )
    return _render(request, "foi/list.html", context)


EXPORT_COLUMNS = (
    "受理编号",
    "收到申请日期",
    "申请渠道",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "所需信息",
    "事项领域",
    "办理单位",
    "经办人",
    "状态",
    "答复期限",
    "期限暂定",
    "答复结果",
    "答复日期",
    "办理用时（工作日）",
    "按期答复",
)


@login_required
def export(request):
    """The filtered list as .xlsx; personal data masked on rows the user may not see in full (audited)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if not access.can_export(request.user):
        raise PermissionDenied("您无权导出依申请公开台账。")
    filters = selectors.Filters.from_query(request.GET)
    cases = selectors.case_list(request.user, filters)[:20000]
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "依申请公开"
    sheet.append(EXPORT_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    full_rows = 0
    for case in cases:
        applicant, full = access.applicant_view(request.user, case)
        full_rows += full
        sheet.append(
            escape_row(
                [
                    case.serial,
                    case.receipt_date,
                    case.get_channel_display(),
                    case.applicant_type_label,
                    applicant["applicant_name"],
                    applicant["id_number"],
                    applicant["phone"],
                    case.description,
                    case.subject.name if case.subject_id else "",
                    case.unit.name,
                    case.officer.display_name if case.officer else "",
                    case.get_state_display(),
                    case.due_date,
                    "是" if case.due_provisional else "",
                    case.outcome_obj.full_label if case.outcome_obj else "",
                    case.replied_on,
                    case.handling_days,
                    "" if case.on_time is None else ("是" if case.on_time else "否"),
                ]
            )
        )
    widths = (12, 12, 12, 12, 14, 22, 14, 50, 12, 24, 10, 10, 12, 8, 30, 12, 10, 8)
    for column, width in zip("ABCDEFGHIJKLMNOPQR", widths, strict=True):
        sheet.column_dimensions[column].width = width
        for cell in sheet[column][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.log_export(
        actor=request.user, rows=sheet.max_row - 1, full_rows=full_rows, filters=request.GET.urlencode()
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''foi-{stamp}.xlsx"
    return response


# --- staff entry ---------------------------------------------------------------------------------------------
@login_required
def register(request):
    units = selectors.register_units(request.user)
    if not units.exists():
        raise PermissionDenied("只有依申请公开经办人或政务公开办可以登记申请。")
    form = forms.StaffApplicationForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            intake = services.register(
                data["unit"],
                actor=request.user,
                data=data,
                channel=data["channel"],
                submitted_on=data["submitted_on"],
                signed_for=data.get("signed_for"),
                confirmed=data.get("confirmed"),
                files={
                    Attachment.Kind.ID_PROOF: data["id_proof"],
                    Attachment.Kind.LETTER_SCAN: data["letter_scan"],
                },
            )
        if call.ok:
            request.session["foi_new_code"] = [intake.case.pk, intake.verification_code]
            messages.success(request, f"已登记申请 {intake.case.serial}。")
            return redirect("foi:case", pk=intake.case.pk)
    return _render(request, "foi/register.html", {"form": form, "channels": fr.CHANNELS})


# --- the case page -------------------------------------------------------------------------------------------
def _action_forms(case, allowed: set[str], bound: dict | None = None) -> dict:
    """The action forms shown on the case page: those ``selectors.case_actions`` allows now."""
    bound = bound or {}
    today = deadlines.today()
    factories: dict[str, Callable[[], object]] = {
        "assign": lambda: forms.AssignForm(
            units=Unit.objects.filter(is_active=True).order_by("sort_order", "id"), case=case
        ),
        "note": forms.NoteForm,
        "subject": lambda: forms.SubjectChoiceForm(initial={"subject": case.subject_id}),
        "correction": lambda: forms.CorrectionForm(initial={"on": today}),
        "extension": lambda: forms.ExtensionForm(initial={"on": today}),
        "consult": lambda: forms.ConsultationForm(initial={"on": today}),
        "fee": lambda: forms.FeeForm(
            initial={"on": today, "method": fr.FEE_BY_ITEM, "quantity": selectors.month_item_count(case)}
        ),
        "reply": lambda: forms.ReplyForm(initial={"on": today}),
        "correction_received": lambda: forms.DateNoteForm(initial={"on": today}),
        "correction_lapsed": lambda: forms.DateNoteForm(initial={"on": today}),
        "close": lambda: forms.DateNoteForm(initial={"on": today}),
        "reopen": lambda: forms.ReopenForm(initial={"on": today, "restart": True}),
        "appeal": lambda: forms.AppealForm(initial={"filed_on": today}),
        "attachment": forms.AttachmentForm,
        "letter": lambda: forms.LetterForm(
            kinds=[("", "请选择")] + [(kind.code, kind.label) for kind in letters.KINDS.values()],
            initial={"kind": letters.kind_for_reply(case), "on": today},
        ),
    }
    return {name: bound.get(name) or make() for name, make in factories.items() if name in allowed}


ACTION_TITLES = {
    "assign": "分办/转办",
    "take": "由我经办",
    "correction": "补正告知",
    "correction_received": "登记收到补正",
    "correction_lapsed": "按逾期不补正办结",
    "extension": "申请延期答复",
    "ext_decision": "延期审批",
    "consult": "征求意见",
    "consult_end": "登记征求意见结束",
    "fee": "收费通知",
    "fee_paid": "登记已缴费",
    "fee_lapsed": "按逾期未缴费办结",
    "reply": "拟定答复",
    "countersign": "法律审核",
    "send": "送达答复",
    "close": "办结",
    "reopen": "重新办理",
    "appeal": "登记复议/诉讼",
    "appeal_update": "更新复议/诉讼结果",
    "note": "添加备注",
    "subject": "事项领域",
    "attachment": "上传附件",
    "reset_code": "重新生成验证码",
    "letter": "生成文书",
}


def _form_errors(form) -> list[str]:
    """Every error of a refused action's form, each with its field's label: shown at the top of the case page,
    because some forms (延期审批, 征求意见结束, 缴费, 复议结果) are rows of buttons with hidden fields."""
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            out.append(f"{label}：{error}" if label and name != "__all__" else str(error))
    return out


def _render_case(request, case, bound=None, status=200):
    bound = bound or {}
    failed = next(iter(bound.items()), None)
    user = request.user
    today = deadlines.today()
    try:
        due = deadlines.compute(case, as_of=today)
        due_error = ""
    except ValueError as exc:
        due, due_error = None, str(exc)
    applicant, full = access.applicant_view(user, case)
    if full:
        services.log_personal_access(case, actor=user, what="查看申请人信息（办理页面）")
    replies = list(case.replies.prefetch_related("countersigns").all())
    pending_statuses = (Reply.Status.COUNTERSIGN, Reply.Status.APPROVED, Reply.Status.RETURNED)
    pending_reply = next((reply for reply in replies if reply.status in pending_statuses), None)
    allowed = selectors.case_actions(user, case)
    context = {
        "case": case,
        "due": due,
        "due_error": due_error,
        "status": deadlines.status(case, today),
        "status_labels": fr.DUE_STATUS_LABELS,
        "remaining": fr.remaining_working_days(due.date, today, deadlines.calendar())
        if case.is_open and due is not None and due.date
        else None,
        "applicant": applicant,
        "applicant_full": full,
        "events": case.events.all(),
        "corrections": case.corrections.all(),
        "extensions": case.extensions.select_related("approver", "requested_by"),
        "consultations": case.consultations.all(),
        "fees": case.fee_notices.all(),
        "replies": replies,
        "pending_reply": pending_reply,
        "appeals": case.appeals.all(),
        "attachments": case.attachments.all() if full else [],
        "letters": case.letters.all(),
        "can_handle": access.can_handle(user, case),
        "can_approve": "ext_decision" in allowed,
        "can_countersign": "countersign" in allowed,
        "forms": _action_forms(case, allowed, bound),
        "extension_hint": f"须经单位负责人或政务公开办批准；累计不超过{law.REPLY_EXTENSION}。",
        "ext_decision": bound.get("ext_decision"),
        "consult_end": bound.get("consult_end"),
        "countersign_form": bound.get("countersign")
        or forms.CountersignForm(initial={"reply": pending_reply.pk if pending_reply else ""}),
        "send_form": bound.get("send")
        or forms.SendForm(
            initial={"reply": pending_reply.pk if pending_reply else "", "on": today, "method": case.delivery}
        ),
        "appeal_update": forms.AppealUpdateForm(),
        "today": today,
        "law": law,
        "new_code": None,
        "action_failed": ACTION_TITLES.get(failed[0], failed[0]) if failed else "",
        "action_errors": _form_errors(failed[1]) if failed else [],
    }
    stash = request.session.get("foi_new_code")
    if stash and stash[0] == case.pk:
        context["new_code"] = stash[1]
        del request.session["foi_new_code"]
    if case.duplicate_hints:
        ids = [hint["id"] for hint in case.duplicate_hints]
        seen = set(selectors.visible(user).filter(pk__in=ids).values_list("pk", flat=True))
        context["duplicates"] = [dict(hint, visible=hint["id"] in seen) for hint in case.duplicate_hints]
    return _render(request, "foi/case.html", context, status=status)


@login_required
def case_detail(request, pk):
    case = _get_case(request, pk)
    services.mark_notifications_read(request.user, case=case)
    return _render_case(request, case)


# --- the actions of the case page ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """One action of the case page: who may (an ``access`` rule), its form, the service call, the message."""

    form: Callable | None  # (case, data, files) -> form
    run: Callable  # (request, case, cleaned data) -> result
    done: str
    allowed: Callable = access.can_handle  # (user, case) -> bool


def _assign(request, case, data):
    return services.assign(
        case, actor=request.user, unit=data["unit"], officer=data.get("officer"), note=data.get("note", "")
    )


def _take(request, case, data):
    return services.assign(case, actor=request.user, unit=case.unit, officer=request.user, note="经办人认领")


def _decide_extension(request, case, data):
    extension = _record(Extension, case, data["extension"])
    if not access.can_decide_extension(request.user, extension):
        raise PermissionDenied("申请人不能审批自己提出的延期。")
    return services.decide_extension(
        extension, actor=request.user, approve=data["approve"], note=data.get("note", ""), on=data["on"]
    )


def _countersign(request, case, data):
    reply = _record(Reply, case, data["reply"])
    if not access.can_countersign_reply(request.user, reply):
        raise PermissionDenied("拟稿人不能审核自己拟定的答复。")
    return services.countersign(
        reply, actor=request.user, approve=data["approve"], comments=data.get("comments", "")
    )


def _draft_reply(request, case, data):
    return services.draft_reply(
        case,
        actor=request.user,
        outcome=data["outcome"],
        content=data.get("content", ""),
        situation=data.get("situation", ""),
        published_where=data.get("published_where", ""),
        other_body=data.get("other_body", ""),
        other_body_contact=data.get("other_body_contact", ""),
        on=data["on"],
    )


ACTIONS: dict[str, Action] = {
    "assign": Action(
        lambda case, data, files: forms.AssignForm(
            data, units=Unit.objects.filter(is_active=True), case=case
        ),
        _assign,
        "已分办/转办。",
    ),
    "take": Action(None, _take, "已由您经办。"),
    "correction": Action(
        lambda case, data, files: forms.CorrectionForm(data),
        lambda request, case, data: services.request_correction(
            case, actor=request.user, items=data["items"], on=data["on"], due_on=data.get("due_on")
        ),
        "已登记补正告知。",
    ),
    "correction_received": Action(
        lambda case, data, files: forms.DateNoteForm(data),
        lambda request, case, data: services.receive_correction(
            case, actor=request.user, on=data["on"], note=data.get("note", "")
        ),
        "已登记收到补正，答复期限重新起算。",
    ),
    "correction_lapsed": Action(
        lambda case, data, files: forms.DateNoteForm(data),
        lambda request, case, data: services.close_correction_lapsed(case, actor=request.user, on=data["on"]),
        "已按逾期不补正办结。",
    ),
    "extension": Action(
        lambda case, data, files: forms.ExtensionForm(data),
        lambda request, case, data: services.request_extension(
            case, actor=request.user, days=data["days"], reason=data["reason"], on=data["on"]
        ),
        "已提交延期申请，待负责人审批。",
    ),
    "ext_decision": Action(
        lambda case, data, files: forms.ExtensionDecisionForm(data),
        _decide_extension,
        "已审批延期申请。",
        allowed=access.can_approve_extension,
    ),
    "consult": Action(
        lambda case, data, files: forms.ConsultationForm(data),
        lambda request, case, data: services.start_consultation(
            case,
            actor=request.user,
            party_kind=data["party_kind"],
            party_name=data["party_name"],
            matter=data["matter"],
            on=data["on"],
        ),
        "已登记征求意见，期间不计入答复期限。",
    ),
    "consult_end": Action(
        lambda case, data, files: forms.ConsultationEndForm(data),
        lambda request, case, data: services.end_consultation(
            _record(Consultation, case, data["consultation"]),
            actor=request.user,
            opinion=data["opinion"],
            note=data.get("note", ""),
            on=data["on"],
        ),
        "已登记征求意见结束。",
    ),
    "fee": Action(
        lambda case, data, files: forms.FeeForm(data),
        lambda request, case, data: services.issue_fee_notice(
            case, actor=request.user, method=data["method"], quantity=data["quantity"], on=data["on"]
        ),
        "已登记收费通知。",
    ),
    "fee_paid": Action(
        lambda case, data, files: forms.FeeDoneForm(data),
        lambda request, case, data: services.record_fee_paid(
            _record(FeeNotice, case, data["fee"]), actor=request.user, on=data["on"]
        ),
        "已登记缴费，恢复计算答复期限。",
    ),
    "fee_lapsed": Action(
        lambda case, data, files: forms.FeeDoneForm(data),
        lambda request, case, data: services.close_fee_lapsed(
            _record(FeeNotice, case, data["fee"]), actor=request.user, on=data["on"]
        ),
        "已按逾期未缴费办结。",
    ),
    "reply": Action(lambda case, data, files: forms.ReplyForm(data), _draft_reply, "已拟定答复。"),
    "countersign": Action(
        lambda case, data, files: forms.CountersignForm(data),
        _countersign,
        "已记录法律审核意见。",
        allowed=access.can_countersign,
    ),
    "send": Action(
        lambda case, data, files: forms.SendForm(data),
        lambda request, case, data: services.send_reply(
            _record(Reply, case, data["reply"]), actor=request.user, on=data["on"], method=data["method"]
        ),
        "已登记答复送达。",
    ),
    "close": Action(
        lambda case, data, files: forms.DateNoteForm(data),
        lambda request, case, data: services.close(
            case, actor=request.user, on=data["on"], note=data.get("note", "")
        ),
        "已办结。",
    ),
    "reopen": Action(
        lambda case, data, files: forms.ReopenForm(data),
        lambda request, case, data: services.reopen(
            case, actor=request.user, reason=data["reason"], on=data["on"], restart=data.get("restart", False)
        ),
        "已重新办理。",
    ),
    "appeal": Action(
        lambda case, data, files: forms.AppealForm(data),
        lambda request, case, data: services.record_appeal(
            case,
            actor=request.user,
            kind=data["kind"],
            filed_on=data["filed_on"],
            authority=data["authority"],
            case_number=data.get("case_number", ""),
            note=data.get("note", ""),
        ),
        "已登记复议/诉讼。",
    ),
    "appeal_update": Action(
        lambda case, data, files: forms.AppealUpdateForm(data),
        lambda request, case, data: services.update_appeal(
            _record(Appeal, case, data["appeal"]),
            actor=request.user,
            result=data["result"],
            decided_on=data.get("decided_on"),
            note=data.get("note", ""),
        ),
        "已更新复议/诉讼结果。",
    ),
    "subject": Action(
        lambda case, data, files: forms.SubjectChoiceForm(data),
        lambda request, case, data: services.set_subject(
            case, actor=request.user, subject=data.get("subject")
        ),
        "已设置事项领域。",
    ),
    "note": Action(
        lambda case, data, files: forms.NoteForm(data),
        lambda request, case, data: services.add_note(case, actor=request.user, text=data["text"]),
        "已添加备注。",
    ),
    "attachment": Action(
        lambda case, data, files: forms.AttachmentForm(data, files),
        lambda request, case, data: services.add_attachments(
            case, actor=request.user, kind=data["kind"], files=data["files"]
        ),
        "已上传附件（加密保存）。",
    ),
    "reset_code": Action(
        None,
        lambda request, case, data: services.reset_verification(case, actor=request.user),
        "已生成新的验证码，原验证码作废。",
    ),
    "letter": Action(
        lambda case, data, files: forms.LetterForm(data, kinds=[(kind, kind) for kind in letters.KINDS]),
        lambda request, case, data: services.generate_letter(
            case, actor=request.user, kind=data["kind"], on=data["on"]
        ),
        "已生成文书。",
    ),
}


@login_required
def act(request, pk, action):
    case = _get_case(request, pk)  # scope first: another unit's case is 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("未知的操作。")
    if not spec.allowed(request.user, case):
        raise PermissionDenied("您无权对该申请进行此项操作。")
    form = spec.form(case, request.POST, request.FILES) if spec.form else None
    if form is not None and not form.is_valid():
        return _render_case(request, case, bound={action: form}, status=400)
    with service_call(request, form) as call:
        result = spec.run(request, case, form.cleaned_data if form is not None else {})
    if call.failed:
        if isinstance(call.error, AccessRefused):
            raise PermissionDenied(str(call.error))
        if form is None:
            return redirect("foi:case", pk=case.pk)
        return _render_case(request, _get_case(request, pk), bound={action: form}, status=400)
    messages.success(request, spec.done)
    if action == "reset_code":
        request.session["foi_new_code"] = [case.pk, result]
        return redirect("foi:case", pk=case.pk)
    if action == "letter":
        return redirect("foi:letter", pk=case.pk, letter_id=result.pk)
    # A transfer can take the case out of the user's units: go back to the list then.
    if not selectors.visible(request.user).filter(pk=case.pk).exists():
        return redirect("foi:list")
    return redirect(reverse("foi:case", kwargs={"pk": case.pk}) + f"#{action}")


@login_required
def attachment(request, pk, att_id):
    case = _get_case(request, pk)
    stored = _record(Attachment, case, att_id)
    if not access.can_see_personal(request.user, case):
        raise PermissionDenied("您无权查看申请人的附件。")
    with service_call(request) as call:
        data = services.read_attachment(stored, actor=request.user)
    if call.failed:
        return redirect("foi:case", pk=case.pk)
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stored.filename)}"
    response["Cache-Control"] = "no-store"
    return response


# --- letters -------------------------------------------------------------------------------------------------
def _letter(request, pk, letter_id) -> Letter:
    case = _get_case(request, pk)
    if not access.can_see_personal(request.user, case):
        raise PermissionDenied("文书含申请人个人信息，仅经办人员和政务公开办可以查看。")
    return _record(Letter, case, letter_id)


@login_required
def letter(request, pk, letter_id):
    shown = _letter(request, pk, letter_id)
    services.log_personal_access(shown.request, actor=request.user, what=f"查看文书 {shown.number}")
    return _render(
        request,
        "foi/letter.html",
        {
            "letter": shown,
            "case": shown.request,
            "paragraphs": letters._paragraphs(shown.body),
            "dated": letters._d(shown.dated),
        },
    )


def _download(shown: Letter, content: bytes, content_type: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{shown.request.serial}-{shown.pk}.{suffix}"
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def letter_docx(request, pk, letter_id):
    shown = _letter(request, pk, letter_id)
    services.log_personal_access(shown.request, actor=request.user, what=f"下载文书 {shown.number}（Word）")
    return _download(
        shown,
        letters.to_docx(shown),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    )


@login_required
def letter_pdf(request, pk, letter_id):
    shown = _letter(request, pk, letter_id)
    services.log_personal_access(shown.request, actor=request.user, what=f"下载文书 {shown.number}（PDF）")
    return _download(shown, letters.to_pdf(shown), "application/pdf", "pdf")


# --- templates and settings (the openness office) ------------------------------------------------------------
def _office(request):
    if not access.can_manage(request.user):
        raise Http404("未找到该页面。")


@login_required
def templates(request):
    _office(request)
    saved = set(LetterTemplate.objects.values_list("kind", flat=True))
    return _render(request, "foi/templates.html", {"kinds": letters.KINDS.values(), "saved": saved})


@login_required
def template_edit(request, kind):
    _office(request)
    if kind not in letters.KINDS:
        raise Http404("未知的文书类型。")
    title, body, custom = letters.template(kind)
    form = forms.TemplateForm(request.POST or None, initial={"title": title, "body": body})
    if request.method == "POST":
        if "reset" in request.POST:
            with service_call(request) as call:
                services.reset_template(kind, actor=request.user)
            if call.ok:
                messages.success(request, "已恢复为系统默认模板。")
            return redirect("foi:template_edit", kind=kind)
        if form.is_valid():
            with service_call(request, form) as call:
                services.save_template(
                    kind, actor=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
                )
            if call.ok:
                messages.success(request, "模板已保存。")
                return redirect("foi:templates")
    return render(
        request,
        "foi/template_edit.html",
        {"form": form, "kind": letters.KINDS[kind], "custom": custom, "fields": letters.FIELDS.items()},
    )


@login_required
def policy(request):
    _office(request)
    current = FoiPolicy.current()
    initial = {
        "countersign_outcomes": current.countersign_outcomes
        or [outcome.code for outcome in fr.OUTCOMES if fr.needs_countersign(outcome.code)],
        "due_soon_days": current.due_soon,
        "correction_period_days": current.correction_period_days,
        "id_retention_days": current.id_retention_days,
        "reconsideration_body": current.reconsideration_body,
        "intake_unit": current.intake_unit_id,
    }
    form = forms.PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_policy(actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "办理规则已保存。")
            return redirect("foi:policy")
    profiles = {profile.unit_id: profile for profile in UnitProfile.objects.all()}
    units = [
        (unit, profiles.get(unit.pk))
        for unit in Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    ]
    return _render(
        request,
        "foi/policy.html",
        {"form": form, "units": units, "default_limit": deadlines.default_limit()},
    )


@login_required
def unit_profile(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id)
    if not access.can_see_unit(request.user, unit):
        raise Http404("未找到该单位。")
    if not access.can_edit_unit_profile(request.user, unit):
        raise PermissionDenied("只有政务公开办或本单位负责人可以修改本单位的依申请公开设置。")
    profile = UnitProfile.objects.filter(unit=unit).first()
    initial = {
        "reply_limit": profile.reply_limit if profile else None,
        "accepts_online": profile.accepts_online if profile else True,
        "signature": (profile.signature if profile else "") or unit.name,
        "seal_note": profile.seal_note if profile else "（印章）",
        "contact_line": profile.contact_line if profile else "",
    }
    form = forms.UnitProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_unit_profile(unit, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "单位设置已保存。")
            return redirect("foi:unit_profile", unit_id=unit.pk)
    return _render(request, "foi/unit_profile.html", {"form": form, "unit": unit})


# --- figures, frequent requests, notifications ---------------------------------------------------------------
@login_required
def dashboard(request):
    cases = selectors.visible(request.user)
    year = str(query.to_year(request.GET.get("year")) or "")
    if year:
        cases = cases.filter(receipt_date__year=int(year))
    unit = str(query.to_id(request.GET.get("unit")) or "")
    if unit:
        cases = cases.filter(unit_id=int(unit))
    table = selectors.outcome_table(cases)
    context = {
        "by_subject": selectors.by_subject(cases),
        "figures": selectors.stats(cases, table=table),
        "by_unit": selectors.stats_by_unit(cases) if not unit else [],
        "table": table,
        "year": year,
        "unit": unit,
        "units": _filter_context(request, selectors.Filters())["units"],
        "years": selectors.years(selectors.visible(request.user)),
        "soon": FoiPolicy.current().due_soon,
    }
    return _render(request, "foi/dashboard.html", context)


@login_required
def frequent(request):
    _office(request)
    if request.method == "POST":
        form = forms.FrequentForm(request.POST)
        if form.is_valid():
            with service_call(request) as call:
                services.propose_frequent(
                    form.cleaned_data["title"],
                    actor=request.user,
                    case_ids=form.cleaned_data["ids"],
                    note=form.cleaned_data.get("note", ""),
                )
            if call.ok:
                messages.success(request, "已记录为拟转主动公开的信息，请通知有关单位按程序发布。")
            return redirect("foi:frequent")
        messages.error(request, "；".join(error for errors in form.errors.values() for error in errors))
    min_count = max(2, min(query.to_id(request.GET.get("min")) or 3, 1000))
    clusters = selectors.frequent(selectors.visible(request.user), min_count=min_count)
    return render(
        request,
        "foi/frequent.html",
        {
            "clusters": clusters,
            "topics": FrequentTopic.objects.all()[:50],
            "min": min_count,
            "publishing_url": _publishing_draft_url(),
        },
    )


def _publishing_draft_url() -> str:
    """The publishing module's new-draft page, when that module is installed."""
    from django.apps import apps
    from django.urls import NoReverseMatch

    if not apps.is_installed("gongkai.publishing"):
        return ""
    for name in ("publishing:new", "publishing:create", "publishing:draft_new"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@login_required
def frequent_status(request, topic_id):
    _office(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    topic = get_object_or_404(FrequentTopic, pk=topic_id)
    with service_call(request):
        services.set_frequent_status(
            topic,
            actor=request.user,
            status=request.POST.get("status", ""),
            publication_url=request.POST.get("publication_url", "")[:300],
        )
    return redirect("foi:frequent")


@login_required
def notifications(request):
    if request.method == "POST":
        services.mark_notifications_read(request.user)
        return redirect("foi:notifications")
    items = Notification.objects.filter(user=request.user).select_related("request")[:100]
    return _render(request, "foi/notifications.html", {"items": items})


# --- subjects (事项领域) and appeals (复议、诉讼) ---------------------------------------------------------------------
@login_required
def subjects(request):
    """The county's subject list, kept by the office."""
    _office(request)
    form = forms.SubjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = None
        if request.POST.get("id", "").isdigit():
            subject = get_object_or_404(Subject, pk=int(request.POST["id"]))
        with service_call(request, form) as call:
            services.save_subject(subject, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "事项领域已保存。")
            return redirect("foi:subjects")
    return _render(
        request,
        "foi/subjects.html",
        {
            "form": form,
            "subjects": Subject.objects.annotate(n=Count("requests")).order_by("sort_order", "id"),
        },
    )


def _appeal_filters(request) -> dict:
    """Year and unit through the query form fields (a value that cannot be one is absent)."""
    filters = {name: query.to_text(request.GET.get(name), 20) for name in ("kind", "result")}
    filters["year"] = str(query.to_year(request.GET.get("year")) or "")
    filters["unit"] = str(query.to_id(request.GET.get("unit")) or "")
    # the annual report's table 四: results as known on that day (31 December), a later decision is 尚未审结
    as_of = query.to_date(request.GET.get("as_of"))
    filters["as_of"] = as_of.isoformat() if as_of else ""
    return filters


def _appeal_rows(request, filters: dict):
    as_of = query.to_date(filters["as_of"]) if filters["as_of"] else None
    return selectors.appeals(
        request.user,
        **{k: v for k, v in filters.items() if k != "as_of"},
        as_of=as_of,
    )


@login_required
def appeals(request):
    """复议、诉讼 across cases: the list, table IV, 纠错率 and 败诉率 (docs/foi.md), and the 通报 download."""
    filters = _appeal_filters(request)
    rows = _appeal_rows(request, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return _render(
        request,
        "foi/appeals.html",
        {
            "page": page,
            "filters": filters,
            "rates": selectors.appeal_figures(rows),
            "table": selectors.appeal_table(rows),
            "units": _filter_context(request, selectors.Filters())["units"],
            "kinds": Appeal.Kind.choices,
            "results": Appeal.Result.choices,
            "years": sorted({d.year for d in rows.values_list("filed_on", flat=True)}, reverse=True),
            "query": params.urlencode(),
        },
    )


@login_required
def appeals_notice(request):
    """The 复议诉讼情况通报 as .docx (figures of the cases the user sees; no personal data; audited as an export)."""
    from . import reports

    filters = _appeal_filters(request)
    rows = _appeal_rows(request, filters)
    cases = selectors.visible(request.user)
    if filters["year"].isdigit():
        cases = cases.filter(receipt_date__year=int(filters["year"]))
    if filters["unit"].isdigit():
        cases = cases.filter(unit_id=int(filters["unit"]))
    year = f"{filters['year']}年" if filters["year"].isdigit() else ""
    content = reports.appeals_notice(
        title=f"{year}政府信息公开申请行政复议、行政诉讼情况通报",
        scope=("全县" if access.can_manage(request.user) else "本单位")
        + (f"，{filters['year']}年提起" if filters["year"].isdigit() else "，全部年度"),
        rates=selectors.appeal_figures(rows),
        table=selectors.appeal_table(rows),
        appeals=list(rows[:500]),
        subjects=selectors.by_subject(cases),
    )
    services.log_export(
        actor=request.user, rows=rows.count(), full_rows=0, filters="复议诉讼通报 " + request.GET.urlencode()
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''foi-appeals-{filters['year'] or 'all'}.docx"
    )
    return response
