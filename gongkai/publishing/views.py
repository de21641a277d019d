"""Staff pages of active disclosure (信息发布工作台). Thin: reads through ``selectors``, changes through ``services``.

Scope: every publication lookup goes through ``roles.permissions.get_scoped_or_404`` (another unit's items answer
404, their existence is not revealed); the pages of one post answer 403 through ``access`` for a visible item; a
refused action comes back through ``service_call`` as a message or beside its form field.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.audit.models import AuditEvent
from gongkai.audit.presentation import action_label
from gongkai.common import query as query_params
from gongkai.common.errors import service_call
from gongkai.jobs import services as jobs
from gongkai.jobs.vocab import Trigger
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access, extensions, forms, selectors, services
from .catalog_io import write_catalog_xlsx
from .files import CONTENT_TYPES, MAX_ATTACHMENT_MB, masked_content_type, masked_name
from .models import Attachment, CatalogNode, Finding, Publication, ScanRun, SensitiveTerm
from .vocab import (
    REVIEW_CHECKS,
    FindingStatus,
    Revision,
    ScanTrigger,
    State,
    Validity,
    Verdict,
)


def _pub(request, pk) -> Publication:
    return permissions.get_scoped_or_404(
        request.user, Publication.objects.select_related("unit", "author"), pk=pk
    )


def _drafting_units(user) -> list[Unit]:
    """The units the user may draft for (``access.can_draft``)."""
    qs = permissions.scope(user, Unit.objects.filter(is_active=True), "pk").order_by("sort_order", "id")
    return [u for u in qs if access.can_draft(user, u)]


def _back(pub: Publication, anchor: str = ""):
    return redirect(reverse("publishing:detail", args=[pub.pk]) + anchor)


# --- lists -----------------------------------------------------------------------------------------------------
@login_required
@require_GET
def publication_list(request):
    qs = permissions.scope(request.user, Publication.objects.select_related("unit", "author"))
    units = permissions.scope(request.user, Unit.objects.filter(is_active=True), "pk").order_by(
        "sort_order", "id"
    )
    state = request.GET.get("state", "")
    unit_id = str(query_params.to_id(request.GET.get("unit")) or "")
    q = query_params.to_text(request.GET.get("q"))
    mine = request.GET.get("mine") == "1"
    if state in State.values:
        qs = qs.filter(state=state)
    if unit_id.isdigit():
        qs = qs.filter(unit_id=int(unit_id))
    if q:
        qs = (
            qs.filter(title__icontains=q)
            | qs.filter(doc_number__icontains=q)
            | qs.filter(index_number__icontains=q)
        )
    if mine:
        qs = qs.filter(author=request.user)
    qs = qs.order_by("-updated_at", "-id")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    counts = selectors.open_finding_counts([p.pk for p in page])
    return render(
        request,
        "publishing/list.html",
        {
            "page": page,
            "rows": [(p, counts.get(p.pk, (0, 0))) for p in page],
            "states": State.choices,
            "units": units if len(units) > 1 else [],
            "filters": {"state": state, "unit": unit_id, "q": q, "mine": mine},
            "can_create": bool(_drafting_units(request.user)),
        },
    )


@login_required
@require_GET
def review_queue(request):
    waiting = selectors.review_queue(request.user)
    return render(request, "publishing/review_queue.html", {"rows": waiting})


# --- drafting --------------------------------------------------------------------------------------------------
def _node_choices(unit) -> list[CatalogNode]:
    return services.nodes_for_unit(unit)


@login_required
def create(request):
    units = _drafting_units(request.user)
    if not units:
        raise PermissionDenied("您没有信息编辑岗位，不能新建信息。")
    unit_id = request.POST.get("unit") or request.GET.get("unit")
    unit = next((u for u in units if str(u.pk) == str(unit_id)), units[0])
    form = forms.NewPublicationForm(request.POST or None, nodes=_node_choices(unit))
    form.set_units(units)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        fields.pop("unit")
        with service_call(request, form) as call:
            pub = services.create_draft(unit, actor=request.user, **fields)
        if call.ok:
            messages.success(request, "草稿已保存并完成自动扫描。")
            return _back(pub)
    return render(request, "publishing/form.html", {"form": form, "creating": True, "unit": unit})


@login_required
def edit(request, pk):
    pub = _pub(request, pk)
    if not access.can_edit(request.user, pub):
        raise PermissionDenied("需要本单位信息编辑岗位。")
    if not pub.is_editable:
        messages.error(request, f"“{pub.get_state_display()}”状态的信息不能修改。")
        return _back(pub)
    initial = {f: getattr(pub, f) for f in services.DRAFT_FIELDS}
    initial["nodes"] = [str(n) for n in pub.nodes.values_list("pk", flat=True)]
    if pub.scheduled_at:
        initial["scheduled_at"] = timezone.localtime(pub.scheduled_at)
    form = forms.PublicationForm(request.POST or None, initial=initial, nodes=_node_choices(pub.unit))
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_draft(pub, actor=request.user, **form.service_fields())
        if call.ok:
            messages.success(request, "已保存并重新扫描。")
            return _back(pub)
    return render(request, "publishing/form.html", {"form": form, "pub": pub, "unit": pub.unit})


@login_required
def import_docx(request):
    units = _drafting_units(request.user)
    if not units:
        raise PermissionDenied("您没有信息编辑岗位。")
    form = forms.ImportDocxForm(request.POST or None, request.FILES or None)
    form.set_units(units)
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.pk == form.cleaned_data["unit"])
        with service_call(request, form, field="file") as call:
            pub, warnings = services.import_docx(unit, actor=request.user, uploaded=form.cleaned_data["file"])
        if call.ok:
            messages.success(request, "已从 Word 文件生成草稿，请核对标题、文号、成文日期和正文。")
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("publishing:edit", pk=pub.pk)
    return render(request, "publishing/import.html", {"form": form})


# --- one publication -------------------------------------------------------------------------------------------
@login_required
@require_GET
def detail(request, pk):
    pub = _pub(request, pk)
    user = request.user
    history = [
        (e, action_label(e.action))
        for e in AuditEvent.objects.filter(
            object_type="publishing.publication", object_id=str(pub.pk)
        ).order_by("id")
    ]
    reviews = list(pub.reviews.select_related("reviewer").order_by("-round"))
    open_review = next((r for r in reviews if r.decided_at is None), None)
    return render(
        request,
        "publishing/detail.html",
        {
            "pub": pub,
            "can": selectors.abilities(user, pub),
            "attachments": list(pub.attachments.all()),
            **selectors.findings_panel(pub),
            "reviews": reviews,
            "open_review": open_review,
            "history": history,
            "nodes": list(pub.nodes.select_related("parent")),
            "extra_links": extensions.links(pub),
            "attachment_form": forms.AttachmentForm(),
            "last_run": pub.scan_runs.order_by("-id").first(),
            "review_checks": REVIEW_CHECKS,
            "validity_choices": Validity.choices,
            "deadline": selectors.publish_deadline(pub.start_date) if not pub.published_at else None,
        },
    )


@login_required
def upload(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
        return _back(pub, "#attachments")
    with service_call(request) as call:
        att = services.add_attachment(pub, actor=request.user, uploaded=form.cleaned_data["file"])
    if call.ok:
        count = att.findings.filter(status=FindingStatus.OPEN).count()
        if count:
            messages.warning(
                request, f"附件“{att.name}”已上传，扫描发现 {count} 处需处理的内容，请查看下方扫描结果。"
            )
        elif att.text_error:
            messages.warning(request, f"附件“{att.name}”已上传：{att.text_error.rstrip('。')}。")
        else:
            messages.success(request, f"附件“{att.name}”已上传，未发现个人信息或涉密标识。")
        _after_change_message(request, pub)
    return _back(pub, "#findings")


def _after_change_message(request, pub: Publication) -> None:
    """Say where a change of files after approval went (先审后发)."""
    pub.refresh_from_db(fields=["state", "revision", "approved_at"])
    if pub.revision == Revision.PENDING:
        messages.info(
            request, "该信息已发布：新增或替换的文件作为新版本提交保密审查，审查通过前公众仍看到原附件。"
        )
    elif pub.state == State.SUBMITTED and pub.approved_at is None and pub.reviews.exists():
        messages.info(request, "审查通过后修改了附件：该信息已退回待审查状态，须重新审查后才能发布。")


def _attachment(request, pk, att_id) -> tuple[Publication, Attachment]:
    pub = _pub(request, pk)
    return pub, get_object_or_404(Attachment, pk=att_id, publication=pub)


@login_required
@require_GET
def attachment_download(request, pk, att_id):
    """Staff download: the original (with the personal data, for checking) or the masked copy."""
    _pub_obj, att = _attachment(request, pk, att_id)
    masked = request.GET.get("copy") == "masked"
    field = att.masked_file if masked else att.file
    if not field:
        raise Http404("没有该文件。")
    if not field.storage.exists(field.name):
        raise Http404("附件文件缺失：请联系系统管理员运行 gongkai check-files 并从备份恢复。")
    name = masked_name(att.name, att.kind) if masked else att.name
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = (
        masked_content_type(att.kind) if masked else CONTENT_TYPES.get(att.kind, "application/octet-stream")
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attachment_delete(request, pk, att_id):
    pub, att = _attachment(request, pk, att_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with service_call(request) as call:
        services.remove_attachment(att, actor=request.user)
    if call.ok:
        messages.success(request, f"已删除附件“{att.name}”。")
    return _back(pub, "#attachments")


@login_required
def attachment_replace(request, pk, att_id):
    pub, att = _attachment(request, pk, att_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择用于替换的文件。")
        return _back(pub, "#attachments")
    with service_call(request) as call:
        services.replace_attachment(
            att, actor=request.user, uploaded=form.cleaned_data["file"], reason=request.POST.get("reason", "")
        )
    if call.ok:
        messages.success(request, "文件已替换并重新扫描。")
        _after_change_message(request, pub)
    return _back(pub, "#findings")


@login_required
def scan(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with service_call(request) as call:
        run = services.scan_publication(pub, actor=request.user, trigger=ScanTrigger.ON_DEMAND)
    if call.ok and run is None:
        messages.success(request, "附件较大，已在后台扫描（扫描中）；完成后本页显示扫描结果。")
    elif call.ok and run is not None:
        messages.success(
            request, f"扫描完成：共 {run.findings_total} 处发现，其中新增 {run.new_findings} 处。"
        )
    return _back(pub, "#findings")


@login_required
def mask(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids: list[int] | None = [int(i) for i in request.POST.getlist("finding") if i.isdigit()]
    ids = (ids or []) + selectors.finding_ids_of_groups(pub, request.POST.getlist("group")[:500])
    if not ids and "selection" not in request.POST:
        ids = None  # no selection form: every open finding (the one-click button without a list)
    with service_call(request) as call:
        count = services.mask_publication(pub, actor=request.user, finding_ids=ids)
    if call.ok:
        flagged = pub.attachments.filter(needs_replacement=True).count()
        note = f"；{flagged} 个 PDF 等文件无法自动脱敏，请替换为处理后的文件" if flagged else ""
        messages.success(request, f"已脱敏 {count} 处（原件仅工作人员可见，公众只能下载脱敏件）{note}。")
    return _back(pub, "#findings")


@login_required
def finding_resolve(request, pk, finding_id):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    finding = get_object_or_404(Finding, pk=finding_id, publication=pub)
    form = forms.ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择处理方式。")
        return _back(pub, "#findings")
    with service_call(request) as call:
        services.resolve_finding(
            finding,
            actor=request.user,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    if call.ok:
        messages.success(request, "已登记处理结果。")
    return _back(pub, "#findings")


@login_required
def submit(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with service_call(request) as call:
        services.submit(pub, actor=request.user)
    if call.ok:
        messages.success(request, "已提交保密审查。")
    return _back(pub)


@login_required
@require_GET
def review_sheet(request, pk, review_id, fmt):
    """保密审查单 of one decided review, as .docx or PDF (anyone who may see the item: its unit's staff, the office)."""
    from . import review_sheet as sheets

    if fmt not in ("docx", "pdf"):
        raise Http404("审查单只提供 Word（.docx）和 PDF 两种格式。")
    pub = _pub(request, pk)
    review = get_object_or_404(
        pub.reviews.select_related("reviewer", "publication__unit", "publication__author"),
        pk=review_id,
        decided_at__isnull=False,
    )
    sheet = sheets.build(review)
    name = f"保密审查单-{pub.pk}-第{review.round}轮.{fmt}"
    if fmt == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(sheets.to_docx(sheet), content_type=content_type)
    else:
        response = HttpResponse(sheets.to_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def review(request, pk):
    """The review form (保密审查单): the five checks, the findings with context, the verdict."""
    pub = _pub(request, pk)
    if not access.is_reviewer(request.user, pub.unit):
        raise PermissionDenied("需要本单位保密审查员岗位。")
    if not pub.in_review:
        messages.error(request, f"“{pub.get_state_display()}”状态的信息不在审查环节。")
        return _back(pub)
    if not access.can_review(request.user, pub):
        messages.error(request, "起草人不能审查自己起草的信息，请由本单位其他审查员审查。")
        return _back(pub)
    form = forms.ReviewForm(request.POST or None, initial={"seen": services.reviewed_content(pub)})
    if request.method == "POST":
        if request.POST.get("action") == "start":
            with service_call(request):
                services.start_review(pub, actor=request.user)
            return redirect("publishing:review", pk=pub.pk)
        if form.is_valid():
            with service_call(request, form) as call:
                services.decide_review(
                    pub,
                    actor=request.user,
                    checks=form.checks(),
                    verdict=form.cleaned_data["verdict"],
                    reason=form.cleaned_data["reason"],
                    seen=form.cleaned_data.get("seen") or "",
                )
            if call.ok:
                if form.cleaned_data["verdict"] == Verdict.RETURNED:
                    messages.success(request, "已退回起草人修改。")
                    return redirect("publishing:review_queue")
                messages.success(request, "审查通过。")
                if form.cleaned_data.get("publish_now") and not pub.scheduled_at:
                    with service_call(request) as published:
                        services.publish(pub, actor=request.user)
                    if published.ok:
                        messages.success(request, "已发布到门户网站。")
                return _back(pub)
    return render(
        request,
        "publishing/review.html",
        {
            "pub": pub,
            "form": form,
            **selectors.findings_panel(pub),
            "last_run": pub.scan_runs.order_by("-id").first(),
            "attachments": list(pub.attachments.all()),
            "nodes": list(pub.nodes.all()),
            "previous": list(pub.reviews.filter(decided_at__isnull=False).select_related("reviewer")),
            "can": selectors.abilities(request.user, pub),
        },
    )


@login_required
def publish(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with service_call(request) as call:
        pub = services.publish(pub, actor=request.user)
    if call.ok:
        late = "（已超过二十个工作日的公开时限）" if pub.is_late else ""
        messages.success(request, f"已发布，索引号 {pub.index_number}{late}。")
    return _back(pub)


@login_required
def schedule(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.schedule(pub, actor=request.user, when=form.cleaned_data["scheduled_at"])
        if call.ok:
            messages.success(request, "已更新定时发布时间。")
    else:
        messages.error(request, "时间格式不正确。")
    return _back(pub)


@login_required
def withdraw(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤回原因。")
        return _back(pub)
    with service_call(request) as call:
        services.withdraw(pub, actor=request.user, reason=form.cleaned_data["reason"])
    if call.ok:
        messages.success(request, "已撤回：门户网站和站内搜索不再显示该信息，记录和索引号保留。")
    return _back(pub)


@login_required
def archive(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.OptionalReasonForm(request.POST)
    form.is_valid()
    with service_call(request) as call:
        services.archive(pub, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    if call.ok:
        messages.success(request, "已归档。")
    return _back(pub)


@login_required
def lifecycle(request, pk):
    pub = _pub(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.LifecycleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "日期格式不正确。")
        return _back(pub)
    data = form.cleaned_data
    with service_call(request) as call:
        if request.POST.get("action") == "confirm":
            services.confirm_current(pub, actor=request.user, next_review=data.get("review_by"))
        else:
            services.update_lifecycle(
                pub,
                actor=request.user,
                review_by=data.get("review_by"),
                expires_on=data.get("expires_on"),
                validity=data.get("validity") or "",
                reason=data.get("reason", ""),
            )
    if call.ok:
        messages.success(request, "已更新。")
    return redirect(request.POST.get("next") or reverse("publishing:detail", args=[pub.pk]))


# --- post-publication management -------------------------------------------------------------------------------
@login_required
@require_GET
def timeliness(request):
    year = query_params.to_year(request.GET.get("year")) or timezone.localdate().year
    return render(
        request,
        "publishing/timeliness.html",
        {"year": year, **selectors.timeliness_report(request.user, year)},
    )


@login_required
@require_GET
def cleanup(request):
    return render(request, "publishing/cleanup.html", {"rows": selectors.cleanup_queue(request.user)})


def _county_rescans_only(request):
    if not access.can_rescan(request.user):
        raise PermissionDenied("仅限政务公开办。")


@login_required
def rescan(request):
    _county_rescans_only(request)
    if request.method == "POST":
        # A background job (gongkai.jobs): the run page shows its progress, then links to the report.
        run = jobs.start("publishing.rescan_published", actor=request.user, trigger=Trigger.ACTION)
        return redirect(run)
    runs = ScanRun.objects.filter(trigger=ScanTrigger.RESCAN_ALL).order_by("-id")[:20]
    return render(request, "publishing/rescan.html", {"runs": runs})


@login_required
@require_GET
def rescan_report(request, pk):
    _county_rescans_only(request)
    run = get_object_or_404(ScanRun, pk=pk, trigger=ScanTrigger.RESCAN_ALL)
    findings = (
        Finding.objects.filter(first_run=run)
        .select_related("publication", "publication__unit", "attachment")
        .order_by("publication__unit__sort_order", "publication_id", "id")
    )
    return render(request, "publishing/rescan_report.html", {"run": run, "findings": findings})


# --- catalog ---------------------------------------------------------------------------------------------------
def _catalog_unit(request):
    """The unit whose catalog is shown (``?unit=``; ``template`` = the county-wide template, office only)."""
    raw = request.GET.get("unit") or request.POST.get("unit") or ""
    if raw == "template":
        return None, True
    units = list(
        permissions.scope(request.user, Unit.objects.filter(is_active=True), "pk").order_by(
            "sort_order", "id"
        )
    )
    if query_params.to_id(raw):
        unit = next((u for u in units if u.pk == int(raw)), None)
        if unit is None:
            raise Http404("未找到该单位，或您无权查看。")
        return unit, False
    if not units:
        return None, True
    member = set(request.user.memberships.values_list("unit_id", flat=True))
    return next((u for u in units if u.pk in member), units[0]), False


@login_required
@require_GET
def catalog(request):
    unit, is_template = _catalog_unit(request)
    if is_template:
        nodes = list(CatalogNode.objects.filter(unit__isnull=True).select_related("parent"))
    else:
        nodes = list(services.nodes_for_unit(unit)) + list(
            CatalogNode.objects.filter(unit=unit, is_active=False).select_related("parent")
        )
    counts = selectors.node_publication_counts(unit)
    units = permissions.scope(request.user, Unit.objects.filter(is_active=True), "pk").order_by(
        "sort_order", "id"
    )
    can_edit = access.can_edit_catalog(request.user, None if is_template else unit)
    return render(
        request,
        "publishing/catalog.html",
        {
            "unit": unit,
            "is_template": is_template,
            "rows": [(n, depth, counts.get(n.pk, 0)) for n, depth in selectors.tree_rows(nodes)],
            "units": units,
            "can_edit": can_edit,
            "is_office": access.can_edit_catalog(request.user, None),
            "import_form": forms.CatalogImportForm(),
        },
    )


@login_required
@require_GET
def catalog_export(request):
    unit, is_template = _catalog_unit(request)
    if is_template:
        nodes = list(CatalogNode.objects.filter(unit__isnull=True, is_active=True))
        title = "全县统一标准目录（政府信息公开目录）"
        filename = "全县统一标准目录.xlsx"
    else:
        nodes = services.nodes_for_unit(unit)
        title = f"{unit.name}政府信息公开目录"
        filename = f"{unit.display_name}公开目录.xlsx"
    data = write_catalog_xlsx(title, nodes)
    response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
    from django.utils.encoding import escape_uri_path

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


@login_required
@require_POST
def catalog_import(request):
    unit, is_template = _catalog_unit(request)
    form = forms.CatalogImportForm(request.POST, request.FILES)
    target = reverse("publishing:catalog") + (
        "?unit=template" if is_template else f"?unit={unit.pk}" if unit else ""
    )
    if not form.is_valid():
        messages.error(request, "请选择要导入的 .xlsx 文件。")
        return redirect(target)
    upload = form.cleaned_data["file"]
    with service_call(request) as call:
        result = services.import_catalog(
            None if is_template else unit,
            actor=request.user,
            data=upload.read(
                MAX_ATTACHMENT_MB * 1024 * 1024 + 1
            ),  # the file check refuses more; never read more
            filename=upload.name,
        )
    if call.ok:
        messages.success(
            request, f"已导入 {result.rows} 行：新建事项 {result.created} 个，更新 {result.updated} 个。"
        )
    return redirect(target)


def _node_parents(unit, is_template, exclude=None):
    parents = CatalogNode.objects.filter(unit__isnull=True) if is_template else services.nodes_for_unit(unit)
    return [n for n in parents if exclude is None or n.pk != exclude.pk]


@login_required
def catalog_node_create(request):
    unit, is_template = _catalog_unit(request)
    if not access.can_edit_catalog(request.user, None if is_template else unit):
        raise PermissionDenied(
            "全县统一标准目录只能由政务公开办维护。" if is_template else "需要本单位信息编辑岗位。"
        )
    parents = _node_parents(unit, is_template)
    form = forms.NodeForm(
        request.POST or None, parents=parents, initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        data.pop("is_active", None)
        parent = next((n for n in parents if n.pk == parent_id), None)
        data["sort_order"] = data.get("sort_order") or 0
        with service_call(request, form) as call:
            services.create_node(None if is_template else unit, actor=request.user, parent=parent, **data)
        if call.ok:
            messages.success(request, "已添加公开事项。")
            return redirect(
                reverse("publishing:catalog") + ("?unit=template" if is_template else f"?unit={unit.pk}")
            )
    return render(
        request, "publishing/node_form.html", {"form": form, "unit": unit, "is_template": is_template}
    )


@login_required
def catalog_node_edit(request, pk):
    node = get_object_or_404(CatalogNode.objects.select_related("unit"), pk=pk)
    if node.unit_id is not None and not permissions.can_see_unit(request.user, node.unit):
        raise Http404("未找到该记录，或您无权查看。")
    if not access.can_edit_catalog(request.user, node.unit):
        raise PermissionDenied(
            "全县统一标准目录只能由政务公开办维护。" if node.unit_id is None else "需要本单位信息编辑岗位。"
        )
    is_template = node.unit_id is None
    parents = _node_parents(node.unit, is_template, exclude=node)
    initial = {f: getattr(node, f) for f in services.NODE_FIELDS} | {
        "parent": node.parent_id,
        "is_active": node.is_active,
    }
    form = forms.NodeForm(request.POST or None, parents=parents, initial=initial)
    form.fields["parent"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("parent")
        data["sort_order"] = data.get("sort_order") or 0
        with service_call(request, form) as call:
            services.update_node(node, actor=request.user, **data)
        if call.ok:
            messages.success(request, "已保存。")
            return redirect(
                reverse("publishing:catalog") + ("?unit=template" if is_template else f"?unit={node.unit_id}")
            )
    return render(
        request,
        "publishing/node_form.html",
        {"form": form, "node": node, "unit": node.unit, "is_template": is_template},
    )


# --- wording list ----------------------------------------------------------------------------------------------
@login_required
def terms(request):
    from gongkai.core.textscan import DEFAULT_TERMS

    is_office = access.can_edit_terms(request.user)
    form = forms.TermForm(request.POST or None)
    if request.method == "POST":
        if not is_office:
            raise PermissionDenied("不规范表述清单由政务公开办维护。")
        if form.is_valid():
            with service_call(request, form) as call:
                services.save_term(actor=request.user, **form.cleaned_data)
            if call.ok:
                messages.success(
                    request, "已添加。新的表述会在下次扫描时生效；可在“全面复查”中复查已发布信息。"
                )
                return redirect("publishing:terms")
    return render(
        request,
        "publishing/terms.html",
        {
            "terms": SensitiveTerm.objects.all(),
            "builtin": [
                (t, {"high": "高", "medium": "中", "low": "低"}.get(t.severity, t.severity))
                for t in DEFAULT_TERMS
            ],
            "form": form,
            "is_office": is_office,
        },
    )


@login_required
def term_edit(request, pk):
    if not access.can_edit_terms(request.user):
        raise PermissionDenied("仅限政务公开办。")
    term = get_object_or_404(SensitiveTerm, pk=pk)
    form = forms.TermForm(
        request.POST or None,
        initial={k: getattr(term, k) for k in ("wrong", "correct", "note", "severity", "is_active")},
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.save_term(term, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已保存。")
            return redirect("publishing:terms")
    return render(request, "publishing/term_form.html", {"form": form, "term": term})
