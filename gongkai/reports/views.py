"""Staff pages of the annual report (/work/reports/): the unit's reports, a report with its traceable tables, the
editing and workflow forms, the office board, the batch checks. Thin: parse, call one service, render."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.common.errors import service_call
from gongkai.core.cells import escape_row
from gongkai.jobs import services as jobs
from gongkai.jobs.vocab import Trigger
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access, document, forms, selectors, services
from .models import Batch
from .vocab import MANUAL_ROWS, due_basis

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office_or_403(user) -> None:
    if not access.can_run_year(user):
        raise PermissionDenied("此页面仅供政务公开办使用。")


@login_required
def index(request):
    """The reports of the user's units for a year, with a 生成 button where the user may draft."""
    year = forms.YearForm(request.GET).year_or_default()
    reports = {r.unit_id: r for r in selectors.visible(request.user).filter(year=year)}
    ids = permissions.unit_ids(request.user)
    units = selectors.reporting_units()
    if ids is not None:
        units = units.filter(pk__in=ids)
    rows = []
    for unit in units[:300]:
        scope = selectors.scope_of(unit)
        rows.append(
            {
                "unit": unit,
                "report": reports.get(unit.pk),
                "can_generate": access.can_draft(request.user, unit, scope),
                "basis": due_basis(scope),
            }
        )
    return render(
        request,
        "reports/index.html",
        {"year": year, "rows": rows, "is_office": access.can_run_year(request.user), "years": _years(year)},
    )


def _years(current: int) -> list[int]:
    return list(range(forms.default_year(), 2020, -1))


@login_required
@require_POST
def generate(request):
    form = forms.GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择单位和年度。")
        return redirect("reports:index")
    unit = permissions.get_scoped_or_404(request.user, Unit.objects.all(), "pk", pk=form.cleaned_data["unit"])
    with service_call(request) as call:
        report = services.generate(
            unit, form.cleaned_data["year"], actor=request.user, scope=selectors.scope_of(unit)
        )
    if call.ok:
        messages.success(request, "已按平台数据生成年报草稿，请核对表格和正文。")
        return redirect(report)
    return redirect(f"{_url('reports:index')}?year={form.cleaned_data['year']}")


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def _link_for(report):
    urls = report.urls or {}
    names = {"二": "table2", "三": "table3", "四": "table4"}

    def link(key):
        table, row, column = key
        return urls.get(names[table], {}).get(row, {}).get(column, "")

    return link


@login_required
def detail(request, pk):
    report = selectors.get_for_staff(request.user, pk)
    user = request.user
    context = {
        "report": report,
        "body": document.to_html(report, link=_link_for(report), with_title=False),
        "can_edit": access.can_edit(user, report),
        "can_approve": access.can_approve(user, report),
        "can_publish": access.can_publish(user, report),
        "can_correct": access.can_correct(user, report),
        "can_return": access.can_return(user, report),
        "inputs": forms.InputsForm(initial={**(report.manual or {}), "source": report.manual_source}),
        "manual_rows": MANUAL_ROWS,
        "import_form": forms.ImportForm(),
        "reason_form": forms.ReasonForm(),
        "correct_form": forms.CorrectForm(),
        "basis": due_basis(report.scope),
        "versions": list(report.versions.all()),
    }
    return render(request, "reports/detail.html", context)


def _visible_or_404(request, pk):
    return selectors.get_for_staff(request.user, pk)


@login_required
def edit(request, pk):
    report = _visible_or_404(request, pk)
    if not access.can_edit(request.user, report):
        raise PermissionDenied("只有本单位的信息编辑可以修改起草中的年报。")
    initial = {f"section_{n}": t for n, t in report.sections.items()}
    initial.update({f"improvement_{i}": p.get("improvement", "") for i, p in enumerate(report.problems)})
    initial["new_problems"] = "\n".join(report.figures.get("new_problems", []))
    initial["warning_note"] = report.warning_note
    form = forms.TextForm(request.POST or None, initial=initial, problems=report.problems)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_text(report, actor=request.user, **form.payload())
        if call.ok:
            messages.success(request, "正文已保存，并已重新核对。")
            return redirect(report)
    return render(
        request, "reports/edit.html", {"report": report, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def inputs(request, pk):
    report = _visible_or_404(request, pk)
    if not access.can_edit(request.user, report):
        raise PermissionDenied("只有本单位的信息编辑可以修改起草中的年报。")
    if request.FILES.get("file"):
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            return redirect(report)
        upload = form.cleaned_data["file"]
        with service_call(request) as call:
            services.import_inputs(report, actor=request.user, data=upload.read(), filename=upload.name)
    else:
        form = forms.InputsForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        with service_call(request) as call:
            services.update_inputs(
                report,
                actor=request.user,
                values={row: data.get(row, "") for row, _, _ in MANUAL_ROWS},
                source=data.get("source", ""),
            )
    if call.ok:
        messages.success(request, "表二人工填报数据已保存，并已重新核对。")
    return redirect(report)


def _simple(request, pk, action, allowed, done_message, **kwargs):
    report = _visible_or_404(request, pk)
    if not allowed(request.user, report):
        raise PermissionDenied("您在该单位没有办理此环节的岗位，或年报不在此环节。")
    with service_call(request) as call:
        action(report, actor=request.user, **kwargs)
    if call.ok:
        messages.success(request, done_message)
    return redirect(report)


@login_required
@require_POST
def regenerate(request, pk):
    redraft = request.POST.get("redraft") == "1"
    return _simple(
        request,
        pk,
        lambda report, actor: services.generate(
            report.unit, report.year, actor=actor, scope=report.scope, redraft=redraft
        ),
        access.can_edit,
        "已按最新数据刷新表格" + ("并重新起草正文。" if redraft else "（已修改的正文保留）。"),
    )


@login_required
@require_POST
def approve(request, pk):
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    return _simple(
        request,
        pk,
        services.approve,
        access.can_approve,
        "年报已审定，可以发布。",
        note=form.cleaned_data.get("reason", ""),
    )


@login_required
@require_POST
def return_draft(request, pk):
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    report = _visible_or_404(request, pk)
    if not access.can_return(request.user, report):
        raise PermissionDenied("只有本单位负责人可以退回年报。")
    with service_call(request) as call:
        services.return_draft(report, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    if call.ok:
        messages.success(request, "年报已退回起草人。")
    return redirect(report)


@login_required
@require_POST
def publish(request, pk):
    return _simple(
        request,
        pk,
        services.publish,
        access.can_publish,
        "年报已送保密审查；审查通过并发布后，将出现在“信息公开年报”栏目。",
    )


@login_required
@require_POST
def correct(request, pk):
    form = forms.CorrectForm(request.POST)
    form.is_valid()
    return _simple(
        request,
        pk,
        services.correct,
        access.can_correct,
        "已开始更正：原发布版本保留，请修改后重新审定、发布。",
        note=form.cleaned_data.get("note", ""),
    )


@login_required
def download(request, pk, fmt):
    report = _visible_or_404(request, pk)
    return _file(report, fmt, f"{report.title}（第{report.version}版）")


def _file(report, fmt: str, name: str) -> HttpResponse:
    from urllib.parse import quote

    if fmt == "docx":
        data, content_type, ext = document.to_docx(report), DOCX, "docx"
    elif fmt == "pdf":
        data, content_type, ext = document.to_pdf(report), "application/pdf", "pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{ext}"
    return response


@login_required
def board(request):
    _office_or_403(request.user)
    year = forms.YearForm(request.GET).year_or_default()
    data = selectors.board(year)
    return render(request, "reports/board.html", {"board": data, "year": year, "years": _years(year)})


@login_required
@require_POST
def generate_all(request):
    _office_or_403(request.user)
    form = forms.YearForm(request.POST)
    year = form.year_or_default()
    run = jobs.start(
        "reports.generate_all", actor=request.user, params={"year": year}, trigger=Trigger.ACTION
    )
    return redirect(run.get_absolute_url())


@login_required
def board_xlsx(request):
    _office_or_403(request.user)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    year = forms.YearForm(request.GET).year_or_default()
    data = selectors.board(year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年报"
    sheet.append(
        escape_row(
            ["单位", "类型", "法定公布日期", "状态", "逾期", "发布日期", "错误", "警告", "上年结转来源"]
        )
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data.rows:
        report = row.report
        sheet.append(
            escape_row(
                [
                    row.unit.name,
                    "本级政府" if row.scope == "government" else "部门/单位",
                    row.due,
                    row.state,
                    "是" if row.late else "",
                    report.published_on if report else None,
                    row.errors,
                    row.warnings,
                    report.get_carried_in_display() if report else "",
                ]
            )
        )
    return _xlsx(book, f"{year}年度年报看板")


def _xlsx(book, name: str) -> HttpResponse:
    from urllib.parse import quote

    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return response


@login_required
def batches(request):
    _office_or_403(request.user)
    form = forms.BatchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        with service_call(request, form, field="files") as call:
            batch = services.check_batch(files, actor=request.user, title=form.cleaned_data.get("title", ""))
        if call.ok:
            messages.success(request, f"已核对{len(files)}个文件。")
            return redirect("reports:batch", pk=batch.pk)
    return render(
        request,
        "reports/batches.html",
        {"form": form, "batches": selectors.batches()[:50]},
        status=400 if form.errors else 200,
    )


def _by_unit(batch: Batch) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for finding in batch.findings.all():
        groups.setdefault(finding.unit_name, []).append(finding)
    for entry in batch.files:
        groups.setdefault(entry["unit"], [])
    return sorted(groups.items())


@login_required
def batch(request, pk):
    _office_or_403(request.user)
    item = get_object_or_404(Batch, pk=pk)
    return render(request, "reports/batch.html", {"batch": item, "groups": _by_unit(item)})


@login_required
def batch_xlsx(request, pk):
    _office_or_403(request.user)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    item = get_object_or_404(Batch, pk=pk)
    book = Workbook()
    sheet = book.active
    sheet.title = "核对结果"
    sheet.append(escape_row(["单位", "文件", "年度", "规则", "级别", "位置", "说明"]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit, findings in _by_unit(item):
        if not findings:
            sheet.append(escape_row([unit, "", "", "", "", "", "未发现问题"]))
        for finding in findings:
            sheet.append(
                escape_row(
                    [
                        unit,
                        finding.file,
                        finding.year,
                        finding.rule,
                        "错误" if finding.severity == "error" else "警告",
                        finding.where,
                        finding.message,
                    ]
                )
            )
    return _xlsx(book, item.title)
