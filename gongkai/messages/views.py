"""Staff pages of messages under /work/messages/: the dashboard and list, one message with its handling, the
publication with masking, the channels.

Thin: services change state, selectors read (scoped: another unit's messages answer 404), ``access`` says who may
(403 on a visible message). The POST-only actions redirect back to the message.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit import services as audit
from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition

from . import access, exports, forms, selectors, services
from .errors import MessageError
from .models import Channel, Extension, HotlineImport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _back(message):
    return redirect("messages:detail", message.pk)


def _first_error(request, form) -> None:
    for errors in form.errors.values():
        flash.error(request, "；".join(errors))
        return


@login_required
def index(request):
    form = forms.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filtered(
        selectors.for_staff(request.user),
        state=data.get("state", ""),
        channel=data.get("channel"),
        unit=data.get("unit"),
        due=data.get("due", ""),
        q=data.get("q", ""),
    ).order_by("due_on", "-id")
    page = Paginator(qs, 50).get_page(data.get("page") or 1)
    context = {
        "form": form,
        "page": page,
        "dash": selectors.dashboard(request.user),
        "today": timezone.localdate(),
        "is_office": access.is_office(request.user),
    }
    return render(request, "messages/index.html", context)


@login_required
def export_xlsx(request):
    """The filtered list as .xlsx (the writers' names and contacts masked), recorded in the audit log."""
    form = forms.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filtered(
        selectors.for_staff(request.user),
        state=data.get("state", ""),
        channel=data.get("channel"),
        unit=data.get("unit"),
        due=data.get("due", ""),
        q=data.get("q", ""),
    ).order_by("received_on", "id")
    content, rows = exports.messages_xlsx(qs)
    audit.record(
        actor=request.user,
        action="messages.exported",
        object_type="gkmessages.message",
        object_repr="留言办理清单",
        after={"rows": rows, "masked": True},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = download_disposition("留言办理清单.xlsx", "messages.xlsx")
    return response


@login_required
def detail(request, pk):
    msg = selectors.get_for_staff(request.user, pk)
    user = request.user
    made_question = services.made_question_id(msg) if msg.published_at else None
    context = {
        "m": msg,
        "today": timezone.localdate(),
        "can_dispatch": access.can_dispatch(user, msg) and msg.is_open,
        "can_handle": access.can_handle(user, msg) and msg.is_open,
        "can_approve": access.can_approve(user, msg),
        "can_answer": access.can_handle(user, msg) and msg.unit_id is not None,
        "can_publish": access.can_publish(user, msg),
        "dispatch_form": forms.UnitChoiceForm(),
        "transfer_form": forms.TransferForm(),
        "merge_form": forms.MergeForm(),
        "invalid_form": forms.ReasonForm(),
        "extension_form": forms.ExtensionForm(),
        "decide_form": forms.DecideForm(),
        "reply_form": forms.ReplyForm(
            initial={"reply": msg.reply, "adoption": msg.adoption, "adoption_reason": msg.adoption_reason}
        ),
        "text_form": forms.TextForm(),
        "pending_extensions": msg.extensions.filter(state="pending"),
        "made_question": made_question,
        "can_make_question": bool(msg.published_at and msg.unit_id and access.can_handle(user, msg))
        and made_question is None,
    }
    return render(request, "messages/detail.html", context)


def _post(request, pk, form_class, rule, call):
    msg = selectors.get_for_staff(request.user, pk)
    if not rule(request.user, msg):
        raise PermissionDenied("您没有办理此留言该项操作的岗位权限。")
    form = form_class(request.POST)
    if not form.is_valid():
        _first_error(request, form)
        return _back(msg)
    with service_call(request) as result:
        done = call(msg, form.cleaned_data)
    if result.ok:
        flash.success(request, done)
    return _back(msg)


@login_required
@require_POST
def dispatch(request, pk):
    def call(msg, data):
        services.dispatch(msg, actor=request.user, unit=data["unit"], note=data["note"])
        return f"已分办至{data['unit']}。"

    return _post(request, pk, forms.UnitChoiceForm, access.can_dispatch, call)


@login_required
@require_POST
def transfer(request, pk):
    def call(msg, data):
        services.transfer(msg, actor=request.user, to_unit=data["to_unit"], reason=data["reason"])
        return f"已转办至{data['to_unit']}。"

    return _post(request, pk, forms.TransferForm, access.can_transfer, call)


@login_required
@require_POST
def merge(request, pk):
    def call(msg, data):
        into = selectors.by_tracking_code(request.user, data["into"])
        if into is None:
            raise MessageError("未找到该查询码的留言，请核对后重新填写。", field="into")
        services.merge(msg, actor=request.user, into=into)
        return f"已合并至{into.tracking_code}。"

    return _post(request, pk, forms.MergeForm, access.can_dispatch, call)


@login_required
@require_POST
def invalid(request, pk):
    def call(msg, data):
        services.declare_invalid(msg, actor=request.user, reason=data["reason"])
        return "已认定为无效留言。"

    return _post(request, pk, forms.ReasonForm, access.can_dispatch, call)


@login_required
@require_POST
def extension(request, pk):
    def call(msg, data):
        services.request_extension(msg, actor=request.user, days=data["days"], reason=data["reason"])
        return "延期申请已提交单位负责人审批。"

    return _post(request, pk, forms.ExtensionForm, access.can_handle, call)


@login_required
@require_POST
def extension_decide(request, pk, ext_pk):
    def call(msg, data):
        ext = get_object_or_404(Extension, pk=ext_pk, message=msg)
        ext = services.decide_extension(
            ext, actor=request.user, approve=data["approve"] == "1", note=data["note"]
        )
        return f"延期申请{ext.get_state_display()}。"

    return _post(request, pk, forms.DecideForm, access.can_approve, call)


@login_required
@require_POST
def draft(request, pk):
    def call(msg, data):
        services.draft_reply(msg, actor=request.user, **data)
        return "答复已提交单位负责人审核。"

    return _post(request, pk, forms.ReplyForm, access.can_handle, call)


@login_required
@require_POST
def approve(request, pk):
    def call(msg, data):
        services.approve_reply(msg, actor=request.user, approve=data["approve"] == "1", note=data["note"])
        return "答复已审核通过，留言人可查看答复。" if data["approve"] == "1" else "答复已退回承办人修改。"

    return _post(request, pk, forms.DecideForm, access.can_approve, call)


@login_required
@require_POST
def unpublish(request, pk):
    def call(msg, data):
        services.unpublish(msg, actor=request.user, reason=data["reason"])
        return "已撤回公开。"

    return _post(request, pk, forms.ReasonForm, access.can_publish, call)


@login_required
@require_POST
def follow_up_answer(request, pk):
    def call(msg, data):
        services.answer_follow_up(msg, actor=request.user, text=data["text"])
        return "已答复追问。"

    return _post(request, pk, forms.TextForm, access.can_handle, call)


@login_required
@require_POST
def policy_question(request, pk):
    """A good answer becomes a draft 政策问答 of the handling unit in one step (from the masked published copy)."""

    def call(msg, data):
        services.make_policy_question(msg, actor=request.user)
        return "已转为政策问答草稿，请到“政策文件 › 政策问答”核对后发布。"

    return _post(request, pk, forms.EmptyForm, access.can_handle, call)


@login_required
def publish(request, pk):
    """Scan question and reply, let the publisher choose the findings to mask, publish."""
    msg = selectors.get_for_staff(request.user, pk)
    if not access.can_publish(request.user, msg):
        raise PermissionDenied("只有政务公开办或承办单位负责人可以公开留言答复。")
    candidates = services.scan(msg)
    form = forms.PublishForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.publish(msg, actor=request.user, mask=form.cleaned_data["mask"])
        if call.ok:
            flash.success(request, "留言及答复已公开（所选个人信息已脱敏）。")
            return _back(msg)
    return render(request, "messages/publish.html", {"m": msg, "form": form, "candidates": candidates})


@login_required
def channels(request):
    if not access.can_configure(request.user):
        raise PermissionDenied("只有政务公开办可以设置留言渠道。")
    return render(request, "messages/channels.html", {"channels": selectors.channels(active_only=False)})


@login_required
def channel_edit(request, pk):
    if not access.can_configure(request.user):
        raise PermissionDenied("只有政务公开办可以设置留言渠道。")
    channel = get_object_or_404(Channel, pk=pk)
    form = forms.ChannelForm(
        request.POST or None, instance=channel, initial={"categories_text": "、".join(channel.categories)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cats = data["categories_text"].replace(",", "、").replace("，", "、").split("、")
        with service_call(request, form) as call:
            services.update_channel(
                Channel.objects.get(pk=pk),
                actor=request.user,
                reply_days=data["reply_days"],
                rule_source=data["rule_source"],
                public_by_default=data["public_by_default"],
                categories=cats,
                active=data["active"],
            )
        if call.ok:
            flash.success(request, f"已保存{channel.name}的设置。")
            return redirect("messages:channels")
    return render(request, "messages/channel_form.html", {"form": form, "channel": channel})


# --- 12345 work orders (12345工单导入) -------------------------------------------------------------------------
def _hotline_office(request) -> None:
    if not access.can_import_hotline(request.user):
        raise PermissionDenied("只有政务公开办可以导入12345工单。")


@login_required
def hotline_index(request):
    """The imports so far and the upload of a new 12345 export."""
    _hotline_office(request)
    form = forms.HotlineUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            imp = services.upload(form.cleaned_data["file"], actor=request.user)
        if call.ok:
            flash.success(request, "文件已上传，请核对各项对应的列并预览。")
            return redirect("messages:hotline_detail", imp.pk)
    imports = HotlineImport.objects.select_related("created_by")[:50]
    return render(request, "messages/hotline_index.html", {"form": form, "imports": imports})


def _get_import(request, pk):
    _hotline_office(request)
    return get_object_or_404(HotlineImport, pk=pk)


@login_required
def hotline_detail(request, pk):
    """One import: the mapping (guessed, correctable), the first rows under it with their errors, the check of
    all rows and its progress, the unit choices, the confirmation and the outcome."""
    imp = _get_import(request, pk)
    return _hotline_page(request, imp, forms.HotlineMappingForm(imp=imp))


def _hotline_page(request, imp, mapping_form, units_form=None):
    preview, preview_error = [], ""
    editable = imp.status in (
        HotlineImport.Status.UPLOADED,
        HotlineImport.Status.CHECKED,
        HotlineImport.Status.FAILED,
    )
    if editable and imp.file:
        try:
            preview = services.preview_rows(imp)
        except MessageError as exc:
            preview_error = str(exc)
    unresolved = imp.check_result.get("unresolved", []) if imp.status == HotlineImport.Status.CHECKED else []
    if units_form is None:
        units_form = forms.HotlineUnitsForm(unresolved=unresolved)
    run = imp.import_run if imp.status == HotlineImport.Status.IMPORTING else None
    if imp.status == HotlineImport.Status.CHECKING:
        run = imp.check_run
    if imp.status == HotlineImport.Status.FAILED:
        run = imp.import_run or imp.check_run
    context = {
        "imp": imp,
        "mapping_form": mapping_form,
        "units_form": units_form,
        "editable": editable and bool(imp.file),
        "preview": preview,
        "preview_error": preview_error,
        "columns": [(key, label) for key, label in _mapped_labels(imp)],
        "check": imp.check_result,
        "run": run,
        "hotline_channel_id": Channel.objects.filter(code="hotline").values_list("pk", flat=True).first(),
    }
    return render(request, "messages/hotline_detail.html", context)


def _mapped_labels(imp):
    from gongkai.core import hotline

    return [(spec.key, spec.label) for spec in hotline.FIELDS if imp.mapping.get(spec.key) is not None]


@login_required
@require_POST
def hotline_mapping(request, pk):
    imp = _get_import(request, pk)
    form = forms.HotlineMappingForm(request.POST, imp=imp)
    if form.is_valid():
        with service_call(request, form) as call:
            imp = services.set_mapping(imp, actor=request.user, mapping=form.mapping())
            if form.cleaned_data.get("action") == "check":
                imp = services.start_check(imp, actor=request.user)
        if call.ok:
            if imp.status == HotlineImport.Status.CHECKING:
                flash.success(request, "已开始检查全部行，进度见下。")
            else:
                flash.success(request, "已保存列对应，预览已更新。")
            return redirect("messages:hotline_detail", imp.pk)
    imp.refresh_from_db()
    return _hotline_page(request, imp, form)


@login_required
@require_POST
def hotline_import(request, pk):
    imp = _get_import(request, pk)
    unresolved = imp.check_result.get("unresolved", []) if imp.status == HotlineImport.Status.CHECKED else []
    form = forms.HotlineUnitsForm(request.POST, unresolved=unresolved)
    if form.is_valid():
        with service_call(request, form) as call:
            imp = services.start_import(imp, actor=request.user, unit_choices=form.choices())
        if call.ok:
            flash.success(request, "已开始导入，进度见下。")
            return redirect("messages:hotline_detail", imp.pk)
    imp.refresh_from_db()
    return _hotline_page(request, imp, forms.HotlineMappingForm(imp=imp), form)


@login_required
def hotline_export(request, pk):
    """The replies of the work orders in this import's layout (.xlsx, formula-escaped, callers masked)."""
    imp = _get_import(request, pk)
    content, rows = services.export_replies(imp)
    services.record_hotline_export(imp, actor=request.user, rows=rows)
    response = HttpResponse(content, content_type=XLSX)
    stem = imp.filename.rsplit(".", 1)[0]
    response["Content-Disposition"] = download_disposition(f"{stem}-答复.xlsx", "hotline-replies.xlsx")
    return response
