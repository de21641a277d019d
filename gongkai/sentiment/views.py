"""Staff pages of the sentiment ledger under /work/sentiment/: the list with the dashboard, registering a case, one
case with its deadlines, responses and commitments, the commitments list, the 核查 rounds and the ledger (.xlsx).

Thin: services change state, selectors read (scoped: a case not naming the user's unit answers 404), ``access``
says who may (403 on a visible case). The POST-only actions redirect back to the case.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit import services as audit
from gongkai.common.errors import service_call
from gongkai.core import sentiment as rules
from gongkai.core.filenames import download_disposition

from . import access, exports, forms, selectors, services
from .models import Check, CheckRound
from .vocab import OPEN_STATES, RESPONSE_STATES, CommitmentState, State

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _back(case_id: int):
    return redirect("sentiment:detail", case_id)


def _first_error(request, form) -> None:
    for errors in form.errors.values():
        flash.error(request, "；".join(errors))
        return


def _list_qs(request):
    form = forms.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filtered(
        selectors.for_staff(request.user),
        state=data.get("state", ""),
        level=data.get("level", ""),
        unit=data.get("unit"),
        due=data.get("due", ""),
        q=data.get("q", ""),
    )
    return form, data, qs


@login_required
def index(request):
    form, data, qs = _list_qs(request)
    page = Paginator(qs.order_by("-first_seen_at", "-id"), 30).get_page(data.get("page") or 1)
    now = timezone.now()
    rows = [(case, _left(case, now)) for case in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "dash": selectors.dashboard(request.user),
        "is_office": access.is_office(request.user),
        "reminders": selectors.reminders_for(request.user),
    }
    return render(request, "sentiment/index.html", context)


def _left(case, now):
    if case.next_due_at is None or case.state == State.CLOSED:
        return None
    return rules.describe_left(case.next_due_at - now), case.next_due_at < now


@login_required
def register(request):
    form = forms.CaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form) as call:
            case = services.register_case(
                actor=request.user,
                topic=data["topic"],
                source=data["source"],
                first_seen_at=data["first_seen_at"],
                summary=data["summary"],
                owner_unit=data["owner_unit"],
                local_unit=data["local_unit"],
                level=data["level"],
                links=data["links"],
                risk_notes=data["risk_notes"],
                screenshots=data["screenshots"],
            )
        if call.ok:
            flash.success(request, "已登记舆情。")
            return _back(case.pk)
    rule, workdays = services.current_rule()
    return render(request, "sentiment/register.html", {"form": form, "rule": rule, "workdays": workdays})


@login_required
def detail(request, pk):
    case = selectors.get_for_staff(request.user, pk)
    user = request.user
    now = timezone.now()
    items = services.deadlines_of(case)
    commitments = list(case.commitments.select_related("owner_unit", "result_publication", "response"))
    can_respond = access.can_respond(user, case)
    context = {
        "case": case,
        "now": now,
        "today": timezone.localdate(),
        "deadlines": [(item, rules.describe_left(item.left(now)), item.overdue(now)) for item in items],
        "responses": case.responses.select_related("unit", "publication"),
        "commitments": [
            (
                c,
                access.can_fulfil(user, c) and c.state == CommitmentState.OPEN,
                access.can_fulfil(user, c) and c.state == CommitmentState.KEPT,
            )
            for c in commitments
        ],
        "screenshots": case.screenshots.all(),
        "can_respond": can_respond and case.state in RESPONSE_STATES,
        "can_assess": can_respond and case.state != State.CLOSED,
        "can_finish": can_respond and case.state in OPEN_STATES,
        "can_manage": access.can_manage(user, case),
        "assess_form": forms.AssessForm(initial={"level": case.level, "risk_notes": case.risk_notes}),
        "units_form": forms.UnitsForm(initial={"owner_unit": case.owner_unit, "local_unit": case.local_unit}),
        "response_form": forms.ResponseForm(case=case, initial={"unit": case.owner_unit}),
        "commitment_form": forms.CommitmentForm(initial={"owner_unit": case.owner_unit}),
        "fulfil_form": forms.FulfilForm(case=case),
        "link_form": forms.LinkForm(case=case),
        "note_form": forms.NoteForm(),
        "rule_label": "地方规定（工作日）" if case.rule == rules.LOCAL else "国家规定（小时）",
    }
    return render(request, "sentiment/detail.html", context)


def _post(request, pk, form_class, rule, call, *, files=False, form_kwargs=None):
    case = selectors.get_for_staff(request.user, pk)
    if not rule(request.user, case):
        raise PermissionDenied("您没有该舆情此项操作的权限。")
    form = form_class(
        request.POST, request.FILES if files else None, **(form_kwargs(case) if form_kwargs else {})
    )
    if not form.is_valid():
        _first_error(request, form)
        return _back(case.pk)
    with service_call(request) as result:
        done = call(case, form.cleaned_data)
    if result.ok:
        flash.success(request, done)
    return _back(case.pk)


@login_required
@require_POST
def assess(request, pk):
    def call(case, data):
        services.assess(case, actor=request.user, level=data["level"], risk_notes=data["risk_notes"])
        return "已保存研判意见。"

    return _post(request, pk, forms.AssessForm, access.can_respond, call)


@login_required
@require_POST
def set_units(request, pk):
    def call(case, data):
        services.set_units(
            case,
            actor=request.user,
            owner_unit=data["owner_unit"],
            local_unit=data["local_unit"],
            reason=data["reason"],
        )
        return "已调整主管和属地单位。"

    return _post(request, pk, forms.UnitsForm, access.can_manage, call)


@login_required
@require_POST
def respond(request, pk):
    def call(case, data):
        services.respond(
            case,
            actor=request.user,
            kind=data["kind"],
            unit=data["unit"],
            summary=data["summary"],
            responded_at=data["responded_at"],
            where=data["where"],
            publication=data["publication"],
            commitment=data["commitment"],
            commitment_unit=data["commitment_unit"],
            commitment_due_on=data["commitment_due_on"],
        )
        return "已登记回应" + ("及承诺事项。" if data["commitment"] else "。")

    return _post(
        request, pk, forms.ResponseForm, access.can_respond, call, form_kwargs=lambda case: {"case": case}
    )


@login_required
@require_POST
def commit(request, pk):
    def call(case, data):
        services.add_commitment(
            case,
            actor=request.user,
            content=data["content"],
            owner_unit=data["owner_unit"],
            due_on=data["due_on"],
        )
        return "已登记承诺事项。"

    return _post(request, pk, forms.CommitmentForm, access.can_respond, call)


@login_required
@require_POST
def add_screenshots(request, pk):
    class ShotsForm(forms.forms.Form):
        screenshots = forms.MultipleFileField(label="截图")

    def call(case, data):
        shots = services.add_screenshots(case, actor=request.user, files=data["screenshots"])
        return f"已上传截图 {len(shots)} 个。"

    return _post(request, pk, ShotsForm, access.can_respond, call, files=True)


@login_required
@require_POST
def finish(request, pk):
    def call(case, data):
        services.finish_response(case, actor=request.user, note=data["note"])
        return "已确认回应完毕。"

    return _post(request, pk, forms.NoteForm, access.can_respond, call)


@login_required
@require_POST
def close(request, pk):
    def call(case, data):
        services.close(case, actor=request.user, note=data["note"])
        return "已办结。"

    return _post(request, pk, forms.NoteForm, access.can_manage, call)


def _download(stored, name: str):
    extension = Path(stored.name).suffix.lower()
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{Path(name).stem or '附件'}{extension}",
        content_type=services.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def screenshot(request, pk, shot_pk):
    case = selectors.get_for_staff(request.user, pk)
    shot = get_object_or_404(case.screenshots, pk=shot_pk)
    return _download(shot.file, shot.name)


# --- commitments -------------------------------------------------------------------------------------------------
@login_required
def commitments(request):
    form = forms.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    qs = selectors.commitments_for(request.user).order_by("state", "due_on", "id")
    if data.get("due") == "commitments":
        qs = qs.filter(state=CommitmentState.OPEN, due_on__lt=today)
    if data.get("unit") is not None:
        qs = qs.filter(owner_unit=data["unit"])
    page = Paginator(qs, 50).get_page(data.get("page") or 1)
    return render(
        request,
        "sentiment/commitments.html",
        {
            "page": page,
            "today": today,
            "form": form,
            "dash": selectors.dashboard(request.user),
            "is_office": access.is_office(request.user),
        },
    )


def _commitment_post(request, pk, form_class, call, *, files=False):
    item = selectors.get_commitment(request.user, pk)
    if not access.can_fulfil(request.user, item):
        raise PermissionDenied("只有承诺事项的责任单位或政务公开办可以报送。")
    form = form_class(request.POST, request.FILES if files else None, case=item.case)
    if not form.is_valid():
        _first_error(request, form)
        return _back(item.case_id)
    with service_call(request) as result:
        done = call(item, form.cleaned_data)
    if result.ok:
        flash.success(request, done)
    return _back(item.case_id)


@login_required
@require_POST
def fulfil(request, pk):
    def call(item, data):
        services.fulfil(
            item,
            actor=request.user,
            evidence=data["evidence"],
            kept_on=data["kept_on"],
            evidence_file=data["evidence_file"],
            result_publication=data["result_publication"],
        )
        return "已报送兑现情况。"

    return _commitment_post(request, pk, forms.FulfilForm, call, files=True)


@login_required
@require_POST
def link_result(request, pk):
    def call(item, data):
        services.link_result(item, actor=request.user, publication=data["publication"])
        return "已关联公开信息。"

    return _commitment_post(request, pk, forms.LinkForm, call)


@login_required
def evidence(request, pk):
    item = selectors.get_commitment(request.user, pk)
    if not item.evidence_file:
        raise Http404("该承诺没有佐证材料。")
    return _download(item.evidence_file, item.evidence_name or "佐证材料")


# --- 核查 ----------------------------------------------------------------------------------------------------------
def _office(request) -> None:
    if not access.can_check(request.user):
        raise PermissionDenied("承诺事项核查由政务公开办组织。")


@login_required
def rounds(request):
    _office(request)
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            round_ = services.start_round(actor=request.user, **form.cleaned_data)
        if call.ok:
            flash.success(request, f"已开始核查，共{round_.checks.count()}项承诺。")
            return redirect("sentiment:round", round_.pk)
    return render(
        request,
        "sentiment/rounds.html",
        {"form": form, "rounds": CheckRound.objects.all()[:50], "open_round": selectors.open_round()},
    )


@login_required
def round_detail(request, pk):
    _office(request)
    round_ = get_object_or_404(CheckRound, pk=pk)
    return render(
        request,
        "sentiment/round.html",
        {"round": round_, "checks": selectors.round_checks(round_), "mark_form": forms.MarkForm()},
    )


@login_required
@require_POST
def mark(request, pk, check_pk):
    _office(request)
    item = get_object_or_404(Check, pk=check_pk, round_id=pk)
    form = forms.MarkForm(request.POST)
    if not form.is_valid():
        _first_error(request, form)
    else:
        with service_call(request) as call:
            services.mark(item, actor=request.user, **form.cleaned_data)
        if call.ok:
            flash.success(request, "已记录核查结果。")
    return redirect("sentiment:round", pk)


@login_required
@require_POST
def close_round(request, pk):
    _office(request)
    round_ = get_object_or_404(CheckRound, pk=pk)
    with service_call(request) as call:
        services.close_round(round_, actor=request.user)
    if call.ok:
        flash.success(request, "本轮核查已结束。")
    return redirect("sentiment:round", pk)


# --- the ledger ----------------------------------------------------------------------------------------------------
@login_required
def ledger(request):
    """The ledger (台账) of the cases the user may see, filtered as the list: every case, response and commitment,
    recorded in the audit log."""
    _form, _data, qs = _list_qs(request)
    content, counts = exports.ledger_xlsx(qs.order_by("first_seen_at", "id"))
    audit.record(
        actor=request.user,
        action="sentiment.ledger_exported",
        object_type="sentiment.case",
        object_repr="舆情回应台账",
        after=counts,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = download_disposition("舆情回应台账.xlsx", "sentiment-ledger.xlsx")
    return response
