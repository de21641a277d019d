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
from gongkai.common.errors import post_action, safe_next, service_call
from gongkai.core import participation as rules
from gongkai.core.filenames import download_disposition
from gongkai.orgs.models import Unit
from gongkai.roles import permissions

from . import access, exports, forms, selectors, services
from .errors import ParticipationError
from .models import Opinion, PollOption, Seat, SignUp, Suggestion

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _units(user, rule):
    ids = permissions.unit_ids(user)
    qs = Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)
    return qs.filter(pk__in=[u.pk for u in qs if rule(user, u)])


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


@login_required
def consultation_edit(request, pk):
    """Edit a consultation after creation: what its status still allows (``services.EDITABLE_FIELDS``), and link
    the final document once it is published."""
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_handle_opinions(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    editable = services.editable_fields(c)
    decisions = selectors.decisions_for(request.user).filter(withdrawn_reason="")
    initial = {name: getattr(c, name) for name in services.CONSULTATION_FIELDS}
    form = forms.ConsultationEditForm(
        request.POST or None, units=None, decisions=decisions, initial=initial, editable=editable
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_consultation(c, actor=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, "意见征集已修改。")
            return redirect("participation:consultation", c.pk)
    final_form = forms.FinalDocumentForm(
        candidates=services.final_document_candidates(c), initial={"publication": c.final_publication_id}
    )
    context = {
        "c": c,
        "form": form,
        "editable": bool(editable),
        "final_form": final_form,
        "can_link": access.can_publish_feedback(request.user, c),
        "publication_url": reverse("publishing:detail", args=[c.publication_id]),
    }
    return render(request, "participation/consultation_edit.html", context)


@login_required
@require_POST
def final_document(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_publish_feedback(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    form = forms.FinalDocumentForm(request.POST, candidates=services.final_document_candidates(c))
    return post_action(
        request,
        lambda data: services.link_final_document(c, actor=request.user, **data),
        form=form,
        done="正式文件关联已保存。",
        back=_consultation_url(pk),
    )


def _opinion(request, pk, op_pk) -> Opinion:
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_handle_opinions(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    return get_object_or_404(Opinion.objects.select_related("consultation__unit"), pk=op_pk, consultation=c)


def _consultation_url(pk) -> str:
    return reverse("participation:consultation", args=[pk])


@login_required
@require_POST
def opinion_decide(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)
    return post_action(
        request,
        lambda data: services.decide_opinion(op, actor=request.user, **data),
        form=forms.DecideForm(request.POST),
        done=f"意见 {op.tracking_code} 已处理。",
        back=safe_next(request, _consultation_url(pk)),
    )


@login_required
@require_POST
def opinion_hide(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)
    return post_action(
        request,
        lambda data: services.hide_opinion(op, actor=request.user, reason=data["reason"]),
        form=forms.HideForm(request.POST),
        done=f"意见 {op.tracking_code} 已屏蔽。",
        back=_consultation_url(pk),
    )


@login_required
@require_POST
def opinion_merge(request, pk, op_pk):
    op = _opinion(request, pk, op_pk)

    def call(data) -> str:
        target = selectors.lookup_opinion(data["into"])
        if target is None or target.consultation_id != op.consultation_id:
            raise ParticipationError("未找到该查询码的意见：只能合并到同一征集中的意见。", field="into")
        services.merge_opinion(op, actor=request.user, into=target)
        return f"意见 {op.tracking_code} 已合并到 {target.tracking_code}。"

    return post_action(request, call, form=forms.MergeForm(request.POST), back=_consultation_url(pk))


@login_required
@require_POST
def opinion_record(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_handle_opinions(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")

    def call(data) -> str:
        op = services.record_opinion(c, actor=request.user, **data)
        return f"已录入意见 {op.tracking_code}。"

    return post_action(request, call, form=forms.StaffOpinionForm(request.POST), back=_consultation_url(pk))


@login_required
@require_POST
def final(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_publish_feedback(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    return post_action(
        request,
        lambda data: services.set_final(
            c, actor=request.user, final_text=data["final_text"], summary=data["summary"]
        ),
        form=forms.FinalForm(request.POST),
        done="定稿和反馈说明已保存。",
        back=_consultation_url(pk),
    )


@login_required
@require_POST
def feedback_publish(request, pk):
    c = selectors.consultation_for_staff(request.user, pk)
    if not access.can_publish_feedback(request.user, c):
        _deny("需要本单位信息编辑、保密审查员或单位负责人岗位。")
    return post_action(
        request,
        lambda data: services.publish_feedback(c, actor=request.user),
        done="意见采纳情况反馈已公布。",
        back=_consultation_url(pk),
    )


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

    def call(data) -> None:
        if request.POST.get("completion"):
            services.publish_completion(cat, actor=request.user)
        else:
            services.publish_catalog(cat, actor=request.user, **data)

    back = reverse("participation:catalog", args=[pk])
    if request.POST.get("completion"):
        return post_action(request, call, done="年终完成情况已公布。", back=back)
    return post_action(
        request, call, form=forms.PublishCatalogForm(request.POST), done="目录已公布。", back=back
    )


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
    return post_action(
        request,
        lambda data: services.adjust_catalog(d, actor=request.user, **data),
        form=forms.AdjustForm(request.POST),
        done="目录调整已记录。",
        back=reverse("participation:decision", args=[pk]),
    )


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
    user = request.user

    def signup():
        return get_object_or_404(SignUp, pk=request.POST.get("signup") or 0, session=s)

    def suggestion():
        return get_object_or_404(Suggestion, pk=request.POST.get("suggestion") or 0, session=s)

    actions = {  # what → (form, service call, message)
        "checkin": (None, lambda data: services.check_in(signup(), actor=user), "已签到。"),
        "cancel": (None, lambda data: services.cancel_signup(signup(), actor=user), "报名已取消。"),
        "suggestion": (
            forms.SuggestionForm(request.POST),
            lambda data: services.add_suggestion(s, actor=user, **data),
            "意见建议已记录。",
        ),
        "respond": (
            forms.ResponseForm(request.POST),
            lambda data: services.decide_suggestion(suggestion(), actor=user, **data),
            "采纳情况已保存。",
        ),
        "result": (
            forms.SummaryForm(request.POST),
            lambda data: services.publish_session_result(s, actor=user, summary=data["summary"]),
            "活动成果已公布。",
        ),
    }
    form, call, done = actions[what]
    return post_action(request, call, form=form, done=done, back=reverse("participation:session", args=[pk]))


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
    user = request.user

    def select(data):
        seats = list(Seat.objects.filter(meeting=m, pk__in=request.POST.getlist("seats")))
        return services.select_seats(m, actor=user, seats=seats)

    def poll(data):
        chosen = PollOption.objects.filter(meeting=m, pk=request.POST.get("option") or 0).first()
        return services.close_poll(m, actor=user, chosen=chosen)

    def opinion(data):
        seat = get_object_or_404(Seat, pk=request.POST.get("seat") or 0, meeting=m)
        return services.record_seat_opinion(seat, actor=user, body=data["body"])

    def respond(data):
        item = get_object_or_404(Suggestion, pk=request.POST.get("suggestion") or 0, seat__meeting=m)
        return services.decide_suggestion(item, actor=user, **data)

    actions = {  # what → (form, service call, message)
        "select": (None, select, "列席代表已确定。"),
        "poll": (None, poll, "议题征集已结束。"),
        "opinion": (forms.SeatOpinionForm(request.POST), opinion, "列席代表意见已记录。"),
        "respond": (forms.ResponseForm(request.POST), respond, "采纳情况已保存。"),
        "publish": (
            forms.SummaryForm(request.POST),
            lambda data: services.publish_meeting(m, actor=user, summary=data["summary"]),
            "会议情况已公布。",
        ),
    }
    form, call, done = actions[what]
    return post_action(request, call, form=form, done=done, back=reverse("participation:meeting", args=[pk]))


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
