"""Staff pages of applications (/work/foi/): list, export, entry, the case page and its actions, letters,
templates, settings, dashboard figures, frequent requests, notifications. Thin: services do the work."""

from __future__ import annotations

import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.core import foi_rules as fr
from gongkai.core import law
from gongkai.orgs import permissions
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role

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
    UnitProfile,
)

S = InfoRequest.State
PAGE_SIZE = 30


def _render(request, template, ctx, status=200):
    ctx.setdefault("is_office", permissions.is_office_admin(request.user))
    return render(request, template, ctx, status=status)


def _case(request, pk) -> InfoRequest:
    return permissions.get_scoped_or_404(
        request.user, InfoRequest.objects.select_related("unit", "officer"), pk=pk
    )


def _error_text(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


# --- list and export -----------------------------------------------------------------------------------------
def _filter_context(request, f: selectors.Filters) -> dict:
    units = Unit.objects.filter(is_active=True)
    ids = permissions.unit_ids(request.user)
    if ids is not None:
        units = units.filter(pk__in=ids)
    return {
        "f": f,
        "states": [("open", "未办结（全部）")] + list(S.choices),
        "units": units.order_by("sort_order", "id"),
        "outcome_choices": [(g.code, f"{g.number}{g.label.split('（')[0]}（全部）") for g in fr.GROUPS]
        + [(o.code, f"{o.report_row} {o.full_label}") for o in fr.OUTCOMES],
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
    f = selectors.Filters.from_query(request.GET)
    qs = selectors.case_list(request.user, f)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = deadlines.today()
    soon = FoiPolicy.current().due_soon
    cal = deadlines.calendar()
    rows = []
    for req in page.object_list:
        status = (
            "done" if not req.is_open else "stopped" if not req.clock_running or not req.due_date else None
        )
        left = None
        if status is None:
            left = fr.remaining_working_days(req.due_date, today, cal)
            status = "overdue" if req.due_date < today else "due_soon" if left <= soon else "on_track"
        rows.append((req, status, left))
    params = request.GET.copy()
    params.pop("page", None)
    ctx = _filter_context(request, f)
    ctx.update(
        {
            "page": page,
            "rows": rows,
            "status_labels": deadlines.STATUS_LABELS,
            "page_query": params.urlencode(),
            "can_register": permissions.has_role(request.user, Role.FOI_OFFICER),
            "is_office": permissions.is_office_admin(request.user),
        }
    )
    return _render(request, "foi/list.html", ctx)


EXPORT_COLUMNS = (
    "受理编号",
    "收到申请日期",
    "申请渠道",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "所需信息",
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

    f = selectors.Filters.from_query(request.GET)
    qs = selectors.case_list(request.user, f)[:20000]
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "依申请公开"
    ws.append(EXPORT_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    full_rows = 0
    for req in qs:
        data, full = access.applicant_view(request.user, req)
        full_rows += full
        ws.append(
            [
                req.serial,
                req.receipt_date,
                req.get_channel_display(),
                req.applicant_type_label,
                data["applicant_name"],
                data["id_number"],
                data["phone"],
                req.description,
                req.unit.name,
                req.officer.display_name if req.officer else "",
                req.get_state_display(),
                req.due_date,
                "是" if req.due_provisional else "",
                req.outcome_obj.full_label if req.outcome_obj else "",
                req.replied_on,
                req.handling_days,
                "" if req.on_time is None else ("是" if req.on_time else "否"),
            ]
        )
    for col, width in zip(
        "ABCDEFGHIJKLMNOPQ", (12, 12, 12, 12, 14, 22, 14, 50, 24, 10, 10, 12, 8, 30, 12, 10, 8), strict=True
    ):
        ws.column_dimensions[col].width = width
        for cell in ws[col][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    buf = io.BytesIO()
    wb.save(buf)
    from gongkai.audit import services as audit

    audit.record(
        actor=request.user,
        action="foi.export",
        object_type="foi.inforequest",
        object_repr=f"导出依申请公开台账（{ws.max_row - 1}条，其中含完整个人信息{full_rows}条）",
        after={"rows": ws.max_row - 1, "full_personal_rows": full_rows, "filters": request.GET.urlencode()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''foi-{stamp}.xlsx"
    return response


# --- staff entry ---------------------------------------------------------------------------------------------
def _register_units(user):
    units = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    if permissions.is_office_admin(user):
        return units
    ids = {u for u, r in user.memberships.values_list("unit_id", "role") if r == Role.FOI_OFFICER}
    return units.filter(pk__in=ids)


@login_required
def register(request):
    units = _register_units(request.user)
    if not units.exists():
        raise PermissionDenied("只有依申请公开经办人或政务公开办可以登记申请。")
    form = forms.StaffApplicationForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            intake = services.register(
                request.user,
                c,
                unit=c["unit"],
                channel=c["channel"],
                submitted_on=c["submitted_on"],
                signed_for=c.get("signed_for"),
                confirmed=c.get("confirmed"),
                files={
                    Attachment.Kind.ID_PROOF: c["id_proof"],
                    Attachment.Kind.LETTER_SCAN: c["letter_scan"],
                },
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            request.session["foi_new_code"] = [intake.request.pk, intake.verification_code]
            messages.success(request, f"已登记申请 {intake.request.serial}。")
            return redirect("foi:case", pk=intake.request.pk)
    return _render(request, "foi/register.html", {"form": form, "channels": fr.CHANNELS})


# --- the case page -------------------------------------------------------------------------------------------
def _action_forms(request, req, bound: dict | None = None) -> dict:
    """The forms shown on the case page, by what the state allows and the user may do."""
    bound = bound or {}
    today = deadlines.today()
    user = request.user
    can = access.can_handle(user, req)
    out: dict[str, object] = {}

    def add(name, factory):
        out[name] = bound.get(name) or factory()

    st = req.state
    if can and req.is_open:
        units = Unit.objects.filter(is_active=True).order_by("sort_order", "id")
        add("assign", lambda: forms.AssignForm(units=units, req=req))
        add("note", forms.NoteForm)
        if st in (S.NEW, S.IN_PROGRESS) and not req.corrections.exists():
            add("correction", lambda: forms.CorrectionForm(initial={"on": today}))
        if st in services.RUNNING:
            add("extension", lambda: forms.ExtensionForm(initial={"on": today}))
        if st in (S.IN_PROGRESS, S.CONSULTING):
            add("consult", lambda: forms.ConsultationForm(initial={"on": today}))
        if st == S.IN_PROGRESS:
            add(
                "fee",
                lambda: forms.FeeForm(
                    initial={
                        "on": today,
                        "method": fr.FEE_BY_ITEM,
                        "quantity": services.month_item_count(req),
                    }
                ),
            )
        if st in (S.NEW, S.IN_PROGRESS, S.READY):
            add("reply", lambda: forms.ReplyForm(initial={"on": today}))
        if st == S.AWAITING_CORRECTION:
            add("correction_received", lambda: forms.DateNoteForm(initial={"on": today}))
            add("correction_lapsed", lambda: forms.DateNoteForm(initial={"on": today}))
    if can and st == S.REPLIED:
        add("close", lambda: forms.DateNoteForm(initial={"on": today}))
    if can and st in (S.REPLIED, S.CLOSED):
        add("reopen", lambda: forms.ReopenForm(initial={"on": today, "restart": True}))
    if can:
        add("appeal", lambda: forms.AppealForm(initial={"filed_on": today}))
        add("attachment", forms.AttachmentForm)
        kinds = [("", "请选择")] + [(k.code, k.label) for k in letters.KINDS.values()]
        suggested = letters.kind_for_reply(req)
        add("letter", lambda: forms.LetterForm(kinds=kinds, initial={"kind": suggested, "on": today}))
    return out


def _render_case(request, req, bound=None, status=200):
    today = deadlines.today()
    try:
        due = deadlines.compute(req, as_of=today)
        due_error = ""
    except ValueError as exc:
        due, due_error = None, str(exc)
    applicant, full = access.applicant_view(request.user, req)
    if full:
        services.log_personal_access(request.user, req, "查看申请人信息（办理页面）")
    user = request.user
    can = access.can_handle(user, req)
    replies = list(req.replies.prefetch_related("countersigns").all())
    pending_reply = next(
        (
            r
            for r in replies
            if r.status in (Reply.Status.COUNTERSIGN, Reply.Status.APPROVED, Reply.Status.RETURNED)
        ),
        None,
    )
    ctx = {
        "req": req,
        "due": due,
        "due_error": due_error,
        "status": deadlines.status(req, today),
        "status_labels": deadlines.STATUS_LABELS,
        "remaining": fr.remaining_working_days(due.date, today, deadlines.calendar())
        if req.is_open and due is not None and due.date
        else None,
        "applicant": applicant,
        "applicant_full": full,
        "events": req.events.all(),
        "corrections": req.corrections.all(),
        "extensions": req.extensions.select_related("approver", "requested_by"),
        "consultations": req.consultations.all(),
        "fees": req.fee_notices.all(),
        "replies": replies,
        "pending_reply": pending_reply,
        "appeals": req.appeals.all(),
        "attachments": req.attachments.all() if full else [],
        "letters": req.letters.all(),
        "can_handle": can,
        "can_approve": access.can_approve_extension(user, req),
        "can_countersign": access.can_countersign(user, req),
        "forms": _action_forms(request, req, bound),
        "ext_decision": bound.get("ext_decision") if bound else None,
        "consult_end": bound.get("consult_end") if bound else None,
        "countersign_form": (bound or {}).get("countersign")
        or forms.CountersignForm(initial={"reply": pending_reply.pk if pending_reply else ""}),
        "send_form": (bound or {}).get("send")
        or forms.SendForm(
            initial={"reply": pending_reply.pk if pending_reply else "", "on": today, "method": req.delivery}
        ),
        "appeal_update": forms.AppealUpdateForm(),
        "today": today,
        "law": law,
        "new_code": None,
    }
    stash = request.session.get("foi_new_code")
    if stash and stash[0] == req.pk:
        ctx["new_code"] = stash[1]
        del request.session["foi_new_code"]
    if req.duplicate_hints:
        ids = [h["id"] for h in req.duplicate_hints]
        seen = set(
            permissions.scope(user, InfoRequest.objects.filter(pk__in=ids)).values_list("pk", flat=True)
        )
        ctx["duplicates"] = [dict(h, visible=h["id"] in seen) for h in req.duplicate_hints]
    return _render(request, "foi/case.html", ctx, status=status)


@login_required
def case(request, pk):
    req = _case(request, pk)
    Notification.objects.filter(user=request.user, request=req, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return _render_case(request, req)


def _obj(model, req, pk):
    try:
        return model.objects.get(pk=pk, request=req)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该记录。")


def _do_assign(request, req, c):
    return services.assign(request.user, req, c["unit"], c.get("officer"), c.get("note", ""))


ACTIONS = {
    # name: (form factory(request, req, data, files), handler(request, req, cleaned), success message)
    "assign": (
        lambda r, q, d, f: forms.AssignForm(d, units=Unit.objects.filter(is_active=True), req=q),
        _do_assign,
        "已分办/转办。",
    ),
    "take": (None, lambda r, q, c: services.assign(r.user, q, q.unit, r.user, "经办人认领"), "已由您经办。"),
    "correction": (
        lambda r, q, d, f: forms.CorrectionForm(d),
        lambda r, q, c: services.request_correction(r.user, q, c["items"], c["on"], c.get("due_on")),
        "已登记补正告知。",
    ),
    "correction_received": (
        lambda r, q, d, f: forms.DateNoteForm(d),
        lambda r, q, c: services.receive_correction(r.user, q, c["on"], c.get("note", "")),
        "已登记收到补正，答复期限重新起算。",
    ),
    "correction_lapsed": (
        lambda r, q, d, f: forms.DateNoteForm(d),
        lambda r, q, c: services.close_correction_lapsed(r.user, q, c["on"]),
        "已按逾期不补正办结。",
    ),
    "extension": (
        lambda r, q, d, f: forms.ExtensionForm(d),
        lambda r, q, c: services.request_extension(r.user, q, c["days"], c["reason"], c["on"]),
        "已提交延期申请，待负责人审批。",
    ),
    "ext_decision": (
        lambda r, q, d, f: forms.ExtensionDecisionForm(d),
        lambda r, q, c: services.decide_extension(
            r.user, _obj(Extension, q, c["extension"]), c["approve"], c.get("note", ""), c["on"]
        ),
        "已审批延期申请。",
    ),
    "consult": (
        lambda r, q, d, f: forms.ConsultationForm(d),
        lambda r, q, c: services.start_consultation(
            r.user, q, c["party_kind"], c["party_name"], c["matter"], c["on"]
        ),
        "已登记征求意见，期间不计入答复期限。",
    ),
    "consult_end": (
        lambda r, q, d, f: forms.ConsultationEndForm(d),
        lambda r, q, c: services.end_consultation(
            r.user, _obj(Consultation, q, c["consultation"]), c["opinion"], c.get("note", ""), c["on"]
        ),
        "已登记征求意见结束。",
    ),
    "fee": (
        lambda r, q, d, f: forms.FeeForm(d),
        lambda r, q, c: services.issue_fee_notice(r.user, q, c["method"], c["quantity"], c["on"]),
        "已登记收费通知。",
    ),
    "fee_paid": (
        lambda r, q, d, f: forms.FeeDoneForm(d),
        lambda r, q, c: services.record_fee_paid(r.user, _obj(FeeNotice, q, c["fee"]), c["on"]),
        "已登记缴费，恢复计算答复期限。",
    ),
    "fee_lapsed": (
        lambda r, q, d, f: forms.FeeDoneForm(d),
        lambda r, q, c: services.close_fee_lapsed(r.user, _obj(FeeNotice, q, c["fee"]), c["on"]),
        "已按逾期未缴费办结。",
    ),
    "reply": (
        lambda r, q, d, f: forms.ReplyForm(d),
        lambda r, q, c: services.draft_reply(
            r.user,
            q,
            c["outcome"],
            c.get("content", ""),
            c.get("situation", ""),
            c.get("published_where", ""),
            c.get("other_body", ""),
            c.get("other_body_contact", ""),
            c["on"],
        ),
        "已拟定答复。",
    ),
    "countersign": (
        lambda r, q, d, f: forms.CountersignForm(d),
        lambda r, q, c: services.countersign(
            r.user, _obj(Reply, q, c["reply"]), c["approve"], c.get("comments", "")
        ),
        "已记录法律审核意见。",
    ),
    "send": (
        lambda r, q, d, f: forms.SendForm(d),
        lambda r, q, c: services.send_reply(r.user, _obj(Reply, q, c["reply"]), c["on"], c["method"]),
        "已登记答复送达。",
    ),
    "close": (
        lambda r, q, d, f: forms.DateNoteForm(d),
        lambda r, q, c: services.close(r.user, q, c["on"], c.get("note", "")),
        "已办结。",
    ),
    "reopen": (
        lambda r, q, d, f: forms.ReopenForm(d),
        lambda r, q, c: services.reopen(r.user, q, c["reason"], c["on"], c.get("restart", False)),
        "已重新办理。",
    ),
    "appeal": (
        lambda r, q, d, f: forms.AppealForm(d),
        lambda r, q, c: services.record_appeal(
            r.user, q, c["kind"], c["filed_on"], c["authority"], c.get("case_number", ""), c.get("note", "")
        ),
        "已登记复议/诉讼。",
    ),
    "appeal_update": (
        lambda r, q, d, f: forms.AppealUpdateForm(d),
        lambda r, q, c: services.update_appeal(
            r.user, _obj(Appeal, q, c["appeal"]), c["result"], c.get("decided_on"), c.get("note", "")
        ),
        "已更新复议/诉讼结果。",
    ),
    "note": (
        lambda r, q, d, f: forms.NoteForm(d),
        lambda r, q, c: services.add_note(r.user, q, c["text"]),
        "已添加备注。",
    ),
    "attachment": (
        lambda r, q, d, f: forms.AttachmentForm(d, f),
        lambda r, q, c: services.add_attachments(r.user, q, c["kind"], c["files"]),
        "已上传附件（加密保存）。",
    ),
    "reset_code": (None, None, ""),
    "letter": (
        lambda r, q, d, f: forms.LetterForm(d, kinds=[(k, k) for k in letters.KINDS]),
        lambda r, q, c: services.generate_letter(r.user, q, c["kind"], c["on"]),
        "已生成文书。",
    ),
}


@login_required
def act(request, pk, action):
    req = _case(request, pk)  # scope first: another unit's case is 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in ACTIONS:
        raise Http404("未知的操作。")
    if action == "reset_code":
        code = services.reset_verification(request.user, req)
        request.session["foi_new_code"] = [req.pk, code]
        messages.success(request, "已生成新的验证码，原验证码作废。")
        return redirect("foi:case", pk=req.pk)
    make_form, handler, done = ACTIONS[action]
    form = make_form(request, req, request.POST, request.FILES) if make_form else None
    if form is not None and not form.is_valid():
        return _render_case(request, req, bound={action: form}, status=400)
    try:
        result = handler(request, req, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if form is None:
            for msg in _error_text(exc):
                messages.error(request, msg)
            return redirect("foi:case", pk=req.pk)
        _apply_errors(form, exc)
        return _render_case(request, _case(request, pk), bound={action: form}, status=400)
    messages.success(request, done)
    if action == "letter":
        return redirect("foi:letter", pk=req.pk, letter_id=result.pk)
    # A transfer can take the case out of the user's units: go back to the list then.
    if not permissions.scope(request.user, InfoRequest.objects.filter(pk=req.pk)).exists():
        return redirect("foi:list")
    return redirect(reverse("foi:case", kwargs={"pk": req.pk}) + f"#{action}")


@login_required
def attachment(request, pk, att_id):
    req = _case(request, pk)
    att = _obj(Attachment, req, att_id)
    try:
        data = services.read_attachment(request.user, att)
    except ValidationError as exc:
        messages.error(request, "；".join(_error_text(exc)))
        return redirect("foi:case", pk=req.pk)
    response = HttpResponse(data, content_type=att.content_type)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(att.filename)}"
    response["Cache-Control"] = "no-store"
    return response


# --- letters -------------------------------------------------------------------------------------------------
def _letter(request, pk, letter_id) -> Letter:
    req = _case(request, pk)
    if not access.can_see_personal(request.user, req):
        raise PermissionDenied("文书含申请人个人信息，仅经办人员和政务公开办可以查看。")
    return _obj(Letter, req, letter_id)


@login_required
def letter(request, pk, letter_id):
    letter = _letter(request, pk, letter_id)
    services.log_personal_access(request.user, letter.request, f"查看文书 {letter.number}")
    return _render(
        request,
        "foi/letter.html",
        {
            "letter": letter,
            "req": letter.request,
            "paragraphs": letters._paragraphs(letter.body),
            "dated": letters._d(letter.dated),
        },
    )


@login_required
def letter_docx(request, pk, letter_id):
    letter = _letter(request, pk, letter_id)
    services.log_personal_access(request.user, letter.request, f"下载文书 {letter.number}（Word）")
    response = HttpResponse(
        letters.to_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{letter.request.serial}-{letter.pk}.docx"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def letter_pdf(request, pk, letter_id):
    letter = _letter(request, pk, letter_id)
    services.log_personal_access(request.user, letter.request, f"下载文书 {letter.number}（PDF）")
    response = HttpResponse(letters.to_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{letter.request.serial}-{letter.pk}.pdf"
    response["Cache-Control"] = "no-store"
    return response


# --- templates and settings (the openness office) ------------------------------------------------------------
def _office(request):
    if not permissions.is_office_admin(request.user):
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
            services.reset_template(request.user, kind)
            messages.success(request, "已恢复为系统默认模板。")
            return redirect("foi:template_edit", kind=kind)
        if form.is_valid():
            try:
                services.save_template(
                    request.user, kind, form.cleaned_data["title"], form.cleaned_data["body"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
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
    p = FoiPolicy.current()
    initial = {
        "countersign_outcomes": p.countersign_outcomes
        or [o.code for o in fr.OUTCOMES if fr.needs_countersign(o.code)],
        "due_soon_days": p.due_soon,
        "correction_period_days": p.correction_period_days,
        "id_retention_days": p.id_retention_days,
        "reconsideration_body": p.reconsideration_body,
        "intake_unit": p.intake_unit_id,
    }
    form = forms.PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_policy(request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "办理规则已保存。")
            return redirect("foi:policy")
    profiles = {p.unit_id: p for p in UnitProfile.objects.all()}
    units = [
        (u, profiles.get(u.pk)) for u in Unit.objects.filter(is_active=True).order_by("sort_order", "id")
    ]
    return _render(
        request,
        "foi/policy.html",
        {"form": form, "units": units, "default_limit": deadlines.default_limit()},
    )


@login_required
def unit_profile(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id)
    if not permissions.can_see_unit(request.user, unit):
        raise Http404("未找到该单位。")
    if not (
        permissions.is_office_admin(request.user) or permissions.has_role(request.user, Role.LEADER, unit)
    ):
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
        try:
            services.update_unit_profile(request.user, unit, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "单位设置已保存。")
            return redirect("foi:unit_profile", unit_id=unit.pk)
    return _render(request, "foi/unit_profile.html", {"form": form, "unit": unit})


# --- figures, frequent requests, notifications ---------------------------------------------------------------
@login_required
def dashboard(request):
    qs = selectors.visible(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        qs = qs.filter(receipt_date__year=int(year))
    unit = request.GET.get("unit", "")
    if unit.isdigit():
        qs = qs.filter(unit_id=int(unit))
    table = selectors.outcome_table(qs)
    ctx = {
        "s": selectors.stats(qs, table=table),
        "by_unit": selectors.stats_by_unit(qs) if not unit else [],
        "table": table,
        "year": year,
        "unit": unit,
        "units": _filter_context(request, selectors.Filters())["units"],
        "years": selectors.years(selectors.visible(request.user)),
        "soon": FoiPolicy.current().due_soon,
    }
    return _render(request, "foi/dashboard.html", ctx)


@login_required
def frequent(request):
    _office(request)
    if request.method == "POST":
        form = forms.FrequentForm(request.POST)
        if form.is_valid():
            services.propose_frequent(
                request.user,
                form.cleaned_data["title"],
                form.cleaned_data["ids"],
                note=form.cleaned_data.get("note", ""),
            )
            messages.success(request, "已记录为拟转主动公开的信息，请通知有关单位按程序发布。")
            return redirect("foi:frequent")
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    try:
        min_count = max(2, int(request.GET.get("min", "3")))
    except ValueError:
        min_count = 3
    clusters = selectors.frequent(selectors.visible(request.user), min_count=min_count)
    publishing_url = _publishing_draft_url()
    return render(
        request,
        "foi/frequent.html",
        {
            "clusters": clusters,
            "topics": FrequentTopic.objects.all()[:50],
            "min": min_count,
            "publishing_url": publishing_url,
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
    try:
        services.set_frequent_status(
            request.user, topic, request.POST.get("status", ""), request.POST.get("publication_url", "")[:300]
        )
    except ValidationError as exc:
        messages.error(request, "；".join(_error_text(exc)))
    return redirect("foi:frequent")


@login_required
def notifications(request):
    items = Notification.objects.filter(user=request.user).select_related("request")[:100]
    if request.method == "POST":
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("foi:notifications")
    return _render(request, "foi/notifications.html", {"items": items})
