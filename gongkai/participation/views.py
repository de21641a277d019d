"""Staff pages of public participation under /work/participation/: consultations and their opinions, the decision
catalogue and each decision's procedure, open days, meetings with public seats.

Thin: services change state, selectors read (scoped: another unit's records answer 404), ``access`` says who may
(403 on a visible record). The small POST-only actions redirect back to the page they were sent from.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_POST

from gongkai.audit import services as audit
from gongkai.common.errors import service_call
from gongkai.core import participation as rules
from gongkai.core.filenames import download_disposition
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access, exports, forms, selectors, services
from .models import Opinion, PollOption, Seat, SignUp, Suggestion

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _units(user, rule):
    ids = permissions.unit_ids(user)
    qs = Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)
    return qs.filter(pk__in=[u.pk for u in qs if rule(user, u)])


def _form_error(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, "；".join(errors))
        return


def _deny(message: str):
    raise PermissionDenied(message)


@login_required
def index(request):
    user = request.user
    filters = forms.IndexFilterForm(request.GET or None)
    unit = filters.cleaned_data.get("unit") if filters.is_valid() else None
    consultations = selectors.consultations_for(user)
    if unit is not None:  # the drill-down of the figures (participation.* in gongkai.common.figures)
        consultations = consultations.filter(unit=unit)
    context = {
        "unit": unit,
        "consultations": consultations[:50],
        "catalogs": selectors.catalogs_for(user)[:20],
        "plans": selectors.plans_for(user)[:20],
        "sessions": selectors.sessions_for(user).order_by("-starts_at")[:20],
        "meetings": selectors.meetings_for(user)[:20],
        "overdue": selectors.overdue_feedback(user),
        "stalled": services.stalled().filter(pk__in=selectors.decisions_for(user).values("pk"))[:20],
        "reminders": selectors.reminders_for(user)[:10],
        "can_draft": any(True for _ in _units(user, access.can_draft)),
    }
    return render(request, "participation/index.html", context)


# --- consultations ----------------------------------------------------------------------------------------------
@login_required
def consultation_new(request):
    units = _units(request.user, access.can_draft)
    if not units.exists():
        _deny("需要信息编辑岗位才能发起意见征集。")
    today = timezone.localdate()
    initial = {"starts_on": today, "ends_on": today + timedelta(days=29), "unit": units.first()}
    decisions = selectors.decisions_for(request.user).filter(
        withdrawn_reason="", stage__in=["drafting", "consultation"]
    )
    form = forms.ConsultationForm(request.POST or None, units=units, decisions=decisions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, body = data.pop("unit"), data.pop("body")
        # one paragraph per line, escaped (the publishing service sanitises the HTML again)
        body_html = "".join(
            f"<p>{escape(line)}</p>" for line in (ln.strip() for ln in body.splitlines()) if line
        )
        with service_call(request, form) as call:
            c = services.create_consultation(unit, actor=request.user, body=body_html, **data)
        if call.ok:
            messages.success(request, "意见征集已创建：征求意见稿须经保密审查并发布后向社会公开。")
            return redirect("participation:consultation", c.pk)
    return render(request, "participation/consultation_form.html", {"form": form})


@login_required
def consultation(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    filters = forms.OpinionFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    listing = selectors.opinions(
        c,
        state=params.get("state", ""),
        clause=params.get("clause", ""),
        channel=params.get("channel", ""),
        q=params.get("q", ""),
        duplicates=bool(params.get("duplicates")),
        page=params.get("page") or 1,
    )
    can_handle = access.can_handle_opinions(request.user, c)
    # One reverse per action, not per row (a page of 50 opinions × 3 forms).
    for action in ("decide", "hide", "merge"):
        pattern = reverse(f"participation:opinion_{action}", args=[c.pk, 0]).replace("/0/", "/{}/")
        for row in listing["rows"]:
            setattr(row, f"{action}_url", pattern.format(row.pk))
    context = {
        "c": c,
        "filters": filters,
        "listing": listing,
        "counts": selectors.opinion_counts(c),
        "clauses": selectors.clause_counts(c),
        "can_handle": can_handle,
        "can_see_personal": access.can_see_personal_data(request.user, c.unit),
        "adoptions": forms.DecideForm.base_fields["adoption"].choices,
        "record_form": forms.StaffOpinionForm(initial={"received_on": timezone.localdate()}),
        # the final text starts from the draft: staff edit the clauses that changed
        "final_form": forms.FinalForm(
            initial={"final_text": c.final_text or c.publication.body_text, "summary": c.feedback_summary}
        ),
        "diff": services.draft_diff(c),
        "pending": services.undecided(c).count(),
        "status": c.status(),
        "publication_url": reverse("publishing:detail", args=[c.publication_id]),
    }
    return render(request, "participation/consultation.html", context)


def _opinion(request, pk, op_pk) -> Opinion:
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_handle_opinions(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    return get_object_or_404(Opinion.objects.select_related("consultation__unit"), pk=op_pk, consultation=c)


@login_required
@require_POST
def opinion_decide(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)
    form = forms.DecideForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.decide_opinion(op, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"意见 {op.tracking_code} 已处理。")
    else:
        _form_error(request, form)
    return redirect(request.POST.get("next") or reverse("participation:consultation", args=[pk]))


@login_required
@require_POST
def opinion_hide(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)
    form = forms.HideForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.hide_opinion(op, actor=request.user, reason=form.cleaned_data["reason"])
        if call.ok:
            messages.success(request, f"意见 {op.tracking_code} 已屏蔽。")
    else:
        _form_error(request, form)
    return redirect("participation:consultation", pk)


@login_required
@require_POST
def opinion_merge(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)
    form = forms.MergeForm(request.POST)
    if form.is_valid():
        target = selectors.lookup_opinion(form.cleaned_data["into"])
        if target is None or target.consultation_id != op.consultation_id:
            messages.error(request, "未找到该查询码的意见：只能合并到同一征集中的意见。")
        else:
            with service_call(request) as call:
                services.merge_opinion(op, actor=request.user, into=target)
            if call.ok:
                messages.success(request, f"意见 {op.tracking_code} 已合并到 {target.tracking_code}。")
    else:
        _form_error(request, form)
    return redirect("participation:consultation", pk)


@login_required
@require_POST
def opinion_record(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_handle_opinions(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    form = forms.StaffOpinionForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            op = services.record_opinion(c, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, f"已录入意见 {op.tracking_code}。")
    else:
        _form_error(request, form)
    return redirect("participation:consultation", pk)


@login_required
@require_POST
def final(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_publish_feedback(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    form = forms.FinalForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.set_final(
                c,
                actor=request.user,
                final_text=form.cleaned_data["final_text"],
                summary=form.cleaned_data["summary"],
            )
        if call.ok:
            messages.success(request, "定稿和反馈说明已保存。")
    return redirect("participation:consultation", pk)


@login_required
@require_POST
def feedback_publish(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_publish_feedback(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    with service_call(request) as call:
        services.publish_feedback(c, actor=request.user)
    if call.ok:
        messages.success(request, "意见采纳情况反馈已公布。")
    return redirect("participation:consultation", pk)


@login_required
def feedback_file(request, pk, fmt):
    c = selectors.consultation_for_staff(request.user, pk)
    if fmt == "docx":
        data, mime = exports.feedback_docx(c), DOCX
    else:
        data, mime = exports.feedback_pdf(c), "application/pdf"
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = download_disposition(
        f"{c.title}-意见采纳情况反馈.{fmt}", f"feedback.{fmt}"
    )
    return response


# --- decisions ----------------------------------------------------------------------------------------------------
@login_required
def catalogs(request):
    units = _units(request.user, access.can_manage)
    form = forms.CatalogForm(request.POST or None, units=units, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not units.exists():
            _deny("需要单位管理岗位才能建立目录。")
        if form.is_valid():
            with service_call(request, form) as call:
                cat = services.create_catalog(
                    form.cleaned_data["unit"],
                    actor=request.user,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                )
            if call.ok:
                return redirect("participation:catalog", cat.pk)
    return render(
        request,
        "participation/catalogs.html",
        {"catalogs": selectors.catalogs_for(request.user), "form": form if units.exists() else None},
    )


@login_required
def catalog(request, pk):
    cat = selectors.catalog_for_staff(request.user, pk)
    can_manage = access.can_manage_catalog(request.user, cat)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            _deny("只有目录所属机关的管理岗位可以增加事项。")
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason")
            with service_call(request, form) as call:
                services.add_decision(cat, actor=request.user, reason=reason, **data)
            if call.ok:
                messages.success(request, "事项已加入目录。")
                return redirect("participation:catalog", cat.pk)
    decisions = selectors.decisions_for(request.user).filter(catalog=cat).order_by("seq", "id")
    return render(
        request,
        "participation/catalog.html",
        {
            "cat": cat,
            "decisions": decisions,
            "form": form,
            "can_manage": can_manage,
            "publish_form": forms.PublishCatalogForm(),
            "stages": rules.STAGES,
        },
    )


@login_required
@require_POST
def catalog_publish(request, pk):
    cat = selectors.catalog_for_staff(request.user, pk)
    if not access.can_manage_catalog(request.user, cat):
        _deny("只有目录所属机关的管理岗位可以公布目录。")
    form = forms.PublishCatalogForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            if request.POST.get("completion"):
                services.publish_completion(cat, actor=request.user)
            else:
                services.publish_catalog(cat, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "已公布。")
    return redirect("participation:catalog", pk)


@login_required
def catalog_xlsx(request, pk):
    cat = selectors.catalog_for_staff(request.user, pk)
    response = HttpResponse(exports.catalog_xlsx(cat), content_type=XLSX)
    response["Content-Disposition"] = download_disposition(f"{cat.title}.xlsx", "catalog.xlsx")
    return response


@login_required
def decision(request, pk):
    d = selectors.decision_for_staff(request.user, pk)
    can_manage = access.can_manage_decision(request.user, d)
    stages = [(code, rules.stage(code).label) for code in rules.allowed_next(d.stage)]
    record_form = forms.RecordForm(
        request.POST or None if request.POST.get("form") == "record" else None,
        initial={k: getattr(d, k) for k in forms.RecordForm.base_fields},
    )
    advance_form = forms.AdvanceForm(
        request.POST if request.POST.get("form") == "advance" else None,
        stages=stages,
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST":
        if not can_manage:
            _deny("只有承办单位或目录所属机关的管理岗位可以记录决策程序。")
        if request.POST.get("form") == "record" and record_form.is_valid():
            with service_call(request, record_form) as call:
                services.update_record(d, actor=request.user, **record_form.cleaned_data)
            if call.ok:
                messages.success(request, "程序记录已保存。")
                return redirect("participation:decision", d.pk)
        if request.POST.get("form") == "advance" and advance_form.is_valid():
            with service_call(request, advance_form) as call:
                services.advance(d, actor=request.user, **advance_form.cleaned_data)
            if call.ok:
                messages.success(request, "已进入下一阶段。")
                return redirect("participation:decision", d.pk)
    problems = {code: services.stage_problems(d, code) for code, _ in stages}
    return render(
        request,
        "participation/decision.html",
        {
            "d": d,
            "can_manage": can_manage,
            "record_form": record_form,
            "advance_form": advance_form,
            "problems": problems,
            "stages": rules.STAGES,
            "steps": d.steps.select_related("actor"),
            "consultations": d.consultations.all(),
            "adjust_form": forms.AdjustForm(),
        },
    )


@login_required
@require_POST
def decision_adjust(request, pk):
    d = selectors.decision_for_staff(request.user, pk)
    if not access.can_manage_catalog(request.user, d.catalog):
        _deny("只有目录所属机关的管理岗位可以调整目录。")
    form = forms.AdjustForm(request.POST)
    if form.is_valid():
        with service_call(request) as call:
            services.adjust_catalog(d, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "目录调整已记录。")
    else:
        _form_error(request, form)
    return redirect("participation:decision", pk)


# --- open days ------------------------------------------------------------------------------------------------------
@login_required
def session(request, pk):
    s = selectors.session_for_staff(request.user, pk)
    can_manage = access.can_manage_open_day(request.user, s.plan)
    return render(
        request,
        "participation/session.html",
        {
            "s": s,
            "can_manage": can_manage,
            "signups": s.signups.all(),
            "suggestions": s.suggestions.all(),
            "suggestion_form": forms.SuggestionForm(),
            "response_form": forms.ResponseForm(),
            "summary_form": forms.SummaryForm(initial={"summary": s.result_summary}),
            "confirmed": s.signups.filter(state="confirmed").count(),
        },
    )


def _managed_session(request, pk):
    s = selectors.session_for_staff(request.user, pk)
    if not access.can_manage_open_day(request.user, s.plan):
        _deny("需要组织单位的管理岗位。")
    return s


@login_required
@require_POST
def session_action(request, pk, what):
    s = _managed_session(request, pk)
    with service_call(request) as call:
        if what == "checkin":
            signup = get_object_or_404(SignUp, pk=request.POST.get("signup") or 0, session=s)
            services.check_in(signup, actor=request.user)
        elif what == "cancel":
            signup = get_object_or_404(SignUp, pk=request.POST.get("signup") or 0, session=s)
            services.cancel_signup(signup, actor=request.user)
        elif what == "suggestion":
            form = forms.SuggestionForm(request.POST)
            if form.is_valid():
                services.add_suggestion(s, actor=request.user, **form.cleaned_data)
            else:
                _form_error(request, form)
        elif what == "respond":
            item = get_object_or_404(Suggestion, pk=request.POST.get("suggestion") or 0, session=s)
            form = forms.ResponseForm(request.POST)
            if form.is_valid():
                services.decide_suggestion(item, actor=request.user, **form.cleaned_data)
            else:
                _form_error(request, form)
        elif what == "result":
            form = forms.SummaryForm(request.POST)
            if form.is_valid():
                services.publish_session_result(s, actor=request.user, summary=form.cleaned_data["summary"])
            else:
                _form_error(request, form)
    if call.ok:
        messages.success(request, "已保存。")
    return redirect("participation:session", pk)


@login_required
def signups_xlsx(request, pk):
    s = selectors.session_for_staff(request.user, pk)
    data = exports.signups_xlsx(s)
    audit.record(
        actor=request.user,
        action="participation.signups_exported",
        obj=s,
        unit=s.plan.unit,
        after={"rows": s.signups.count(), "masked": True},
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = download_disposition(f"{s.title}-报名名单.xlsx", "signups.xlsx")
    return response


# --- meetings -------------------------------------------------------------------------------------------------------
@login_required
def meeting(request, pk):
    m = selectors.meeting_for_staff(request.user, pk)
    return render(
        request,
        "participation/meeting.html",
        {
            "m": m,
            "can_manage": access.can_manage_meeting(request.user, m),
            "seats": m.seats.all(),
            "options": m.options.all(),
            "opinion_form": forms.SeatOpinionForm(),
            "response_form": forms.ResponseForm(),
            "summary_form": forms.SummaryForm(initial={"summary": m.result_summary}),
            "min_seats": settings.GONGKAI_PARTICIPATION_MIN_SEATS,
        },
    )


@login_required
@require_POST
def meeting_action(request, pk, what):
    m = selectors.meeting_for_staff(request.user, pk)
    if not access.can_manage_meeting(request.user, m):
        _deny("需要会议单位的管理岗位。")
    with service_call(request) as call:
        if what == "select":
            seats = list(Seat.objects.filter(meeting=m, pk__in=request.POST.getlist("seats")))
            services.select_seats(m, actor=request.user, seats=seats)
        elif what == "poll":
            chosen = PollOption.objects.filter(meeting=m, pk=request.POST.get("option") or 0).first()
            services.close_poll(m, actor=request.user, chosen=chosen)
        elif what == "opinion":
            seat = get_object_or_404(Seat, pk=request.POST.get("seat") or 0, meeting=m)
            form = forms.SeatOpinionForm(request.POST)
            if form.is_valid():
                services.record_seat_opinion(seat, actor=request.user, body=form.cleaned_data["body"])
        elif what == "respond":
            item = get_object_or_404(Suggestion, pk=request.POST.get("suggestion") or 0, seat__meeting=m)
            form = forms.ResponseForm(request.POST)
            if form.is_valid():
                services.decide_suggestion(item, actor=request.user, **form.cleaned_data)
        elif what == "publish":
            form = forms.SummaryForm(request.POST)
            if form.is_valid():
                services.publish_meeting(m, actor=request.user, summary=form.cleaned_data["summary"])
    if call.ok:
        messages.success(request, "已保存。")
    return redirect("participation:meeting", pk)


# --- creating plans, sessions and meetings ------------------------------------------------------------------------
@login_required
def plan_new(request):
    units = _units(request.user, access.can_draft)
    if not units.exists():
        _deny("需要信息编辑岗位才能制定开放日计划。")
    form = forms.PlanForm(request.POST or None, units=units, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with service_call(request, form) as call:
            plan = services.save_plan(data.pop("unit"), actor=request.user, **data)
        if call.ok:
            messages.success(request, "开放日计划已保存。")
            return redirect("participation:session_new", plan.pk)
    return render(request, "participation/simple_form.html", {"form": form, "title": "政府开放日年度计划"})


@login_required
def session_new(request, pk):
    plan = permissions.get_scoped_or_404(request.user, selectors.plans_for(request.user), pk=pk)
    if not access.can_manage_open_day(request.user, plan):
        _deny("需要本单位的管理岗位。")
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            s = services.add_session(plan, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "活动场次已发布，公众可在门户网站报名。")
            return redirect("participation:session", s.pk)
    title = f"{plan} · 增加活动场次"
    return render(request, "participation/simple_form.html", {"form": form, "title": title})


@login_required
def meeting_new(request):
    units = _units(request.user, access.can_draft)
    if not units.exists():
        _deny("需要信息编辑岗位才能发布列席会议。")
    form = forms.MeetingForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with service_call(request, form) as call:
            m = services.create_meeting(data.pop("unit"), actor=request.user, **data)
        if call.ok:
            messages.success(request, "列席会议已发布，公众可在门户网站报名。")
            return redirect("participation:meeting", m.pk)
    return render(
        request, "participation/simple_form.html", {"form": form, "title": "列席会议（公众代表列席）"}
    )
