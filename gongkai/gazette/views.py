"""Staff pages of the government gazette (/work/gazette/), the office's: issues, composing an issue (add, reorder,
remove documents), publishing, the PDF, the distribution log. Thin: parse, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition

from . import access, document, forms, selectors, services
from .models import Entry
from .vocab import GAZETTE_SOURCE


def inline_disposition(issue) -> str:
    """Shown in the browser (inline), saved under a Chinese name."""
    name = f"政府公报{issue.year}年第{issue.number}期.pdf"
    return download_disposition(name, f"gazette-{issue.year}-{issue.number}.pdf").replace(
        "attachment", "inline", 1
    )


def _office(user) -> None:
    if not access.can_view_staff(user):
        raise PermissionDenied("政府公报由县政府办公室（政务公开办）编辑。")


def _issue(pk):
    return get_object_or_404(selectors.issues(), pk=pk)


@login_required
def index(request):
    _office(request.user)
    today = timezone.localdate()
    form = forms.IssueForm(request.POST or None, initial={"year": today.year, "issued_on": today})
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            issue = services.create_issue(actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"已新建{issue.title}。")
            return redirect("gazette:issue", pk=issue.pk)
    return render(
        request, "gazette/index.html", {"issues": selectors.issues(), "form": form, "source": GAZETTE_SOURCE}
    )


@login_required
def issue(request, pk):
    _office(request.user)
    item = _issue(pk)
    candidates = selectors.candidates(item) if not item.is_published else []
    return render(
        request,
        "gazette/issue.html",
        {
            "issue": item,
            "contents": selectors.contents(item),
            "candidates": candidates,
            "printed_in": selectors.printed_in(d.publication_id for d in candidates),
            "add_form": forms.AddForm(candidates=candidates),
            "distribution_form": forms.DistributionForm(
                initial={"sent_on": timezone.localdate(), "copies": 5}
            ),
            "distributions": item.distributions.all(),
        },
    )


def _errors(request, form) -> None:
    for error in form.errors.values():
        messages.error(request, "；".join(error))


@login_required
@require_POST
def add(request, pk):
    _office(request.user)
    item = _issue(pk)
    form = forms.AddForm(request.POST, candidates=selectors.candidates(item, limit=10000))
    if form.is_valid():
        with service_call(request) as call:
            added = services.add_entries(item, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"已加入 {len(added)} 份文件。")
    _errors(request, form)
    return redirect("gazette:issue", pk=item.pk)


def _entry(pk, entry_id) -> Entry:
    return get_object_or_404(Entry.objects.select_related("issue", "publication"), pk=entry_id, issue_id=pk)


@login_required
@require_POST
def remove(request, pk, entry_id):
    _office(request.user)
    entry = _entry(pk, entry_id)
    with service_call(request) as call:
        services.remove_entry(entry, actor=request.user)
    if call.ok:
        messages.success(request, "已从本期移除。")
    return redirect("gazette:issue", pk=pk)


@login_required
@require_POST
def move(request, pk, entry_id):
    _office(request.user)
    entry = _entry(pk, entry_id)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        with service_call(request):
            services.move_entry(entry, actor=request.user, **form.cleaned_data)
    _errors(request, form)
    return redirect("gazette:issue", pk=pk)


@login_required
@require_POST
def publish(request, pk):
    _office(request.user)
    item = _issue(pk)
    with service_call(request) as call:
        services.publish_issue(item, actor=request.user)
    if call.ok:
        messages.success(request, f"{item.title}已出版，门户网站“政府公报”栏目已刊登。")
    return redirect("gazette:issue", pk=pk)


@login_required
@require_POST
def distribute(request, pk):
    _office(request.user)
    item = _issue(pk)
    form = forms.DistributionForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.record_distribution(item, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已登记赠阅。")
    _errors(request, form)
    return redirect("gazette:issue", pk=pk)


@login_required
def pdf(request, pk):
    """The issue's PDF (a draft's is a preview of the live documents)."""
    _office(request.user)
    item = _issue(pk)
    response = HttpResponse(document.to_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = inline_disposition(item)
    return response
