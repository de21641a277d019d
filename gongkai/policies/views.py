"""Staff pages of the policy library (政策文件库): documents, relations, interpretations, evaluation, cleanup,
rates, local rules, Q&A, services and packages.

Thin: ``services`` change state (and refuse with a Chinese message, shown through ``service_call``), ``selectors``
read, ``access`` says who may act (403 on a visible object). A unit's staff see their own units' work; everything
else answers 404. The openness office (政务公开办) sees every unit and runs the county-wide work (cleanup campaigns,
local rules, packages, unanswered searches).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.common import query as query_params
from gongkai.common.errors import service_call
from gongkai.core.filenames import download_disposition
from gongkai.core.policy import diff as core_diff
from gongkai.core.policy.validity import Status, fmt
from gongkai.orgs.models import Unit
from gongkai.publishing.vocab import State
from gongkai.roles import permissions

from . import access, exports, selectors, services
from .forms import (
    CampaignForm,
    CleanupForm,
    CloseForm,
    DecisionForm,
    DocumentForm,
    EvaluationForm,
    InterpForm,
    PackageForm,
    ProposalDecisionForm,
    QuestionForm,
    ReasonForm,
    RelationForm,
    RulesForm,
    ServiceForm,
    UnansweredForm,
)
from .models import (
    Campaign,
    CampaignItem,
    ExtensionRequest,
    Interpretation,
    Package,
    PolicyDocument,
    PolicyRelation,
    Question,
    RelationProposal,
    ServiceItem,
    UnansweredSearch,
)
from .vocab import (
    DIFF_RELATIONS,
    ELEMENT_KEYS,
    ELEMENTS,
    CleanupDecision,
    DocKind,
    EvaluationDecision,
    ExtensionState,
    ProposalState,
    QuestionState,
    RelationKind,
)

PAGE_SIZE = 30


# --- helpers -----------------------------------------------------------------------------------------------------
def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("nav_policy_office", access.can_administer(request.user))
    return render(request, template, context, status=status)


def _office(request) -> None:
    if not access.can_administer(request.user):
        raise PermissionDenied("此页面由政务公开办管理员使用。")


def _drafting_units(user) -> list[Unit]:
    """The units the user may draft for (``access.can_draft``)."""
    qs = permissions.scope(user, Unit.objects.filter(is_active=True), "pk").order_by("sort_order", "id")
    return [u for u in qs if access.can_draft(user, u)]


def _all_units() -> list[Unit]:
    return list(Unit.objects.filter(is_active=True).order_by("sort_order", "id"))


def _doc(request, pk) -> PolicyDocument:
    doc = selectors.staff_documents(request.user).filter(pk=pk).first()
    if doc is None:
        raise Http404("未找到该政策文件，或您无权查看。")
    return doc


def _pickable_documents(user):
    """Documents the user may link to: their own units' and every published one."""
    mine = selectors.staff_documents(user).values("pk")
    return (
        PolicyDocument.objects.filter(Q(pk__in=mine) | Q(publication__state=State.PUBLISHED))
        .select_related("publication__unit")
        .order_by("-publication__formed_date", "-id")
    )


def _pages(request, qs):
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# --- documents -----------------------------------------------------------------------------------------------------
@login_required
@require_GET
def document_list(request):
    qs = selectors.staff_documents(request.user)
    f = {k: query_params.to_text(request.GET.get(k)) for k in ("status", "kind", "year", "q", "unit")}
    # the annual report's drill-down (年报表二): status on 31 December, 现行有效, 废止 in a year, lead issuer, published
    as_of = query_params.to_date(request.GET.get("as_of"))
    report = {
        "as_of": as_of.isoformat() if as_of else "",
        "in_force": "1" if request.GET.get("in_force") == "1" else "",
        "ended": str(query_params.to_year(request.GET.get("ended")) or ""),
        "lead": "1" if request.GET.get("lead") == "1" else "",
        "published": "1" if request.GET.get("published") == "1" else "",
    }
    filters = selectors.LibraryFilters(
        q=f["q"],
        unit=query_params.to_id(f["unit"]),
        year=query_params.to_year(f["year"]),
        status=f["status"] if f["status"] in {s.value for s in Status} else "",
        kind=f["kind"] if f["kind"] in DocKind.values else "",
        as_of=as_of,
        in_force=bool(report["in_force"]),
        ended_year=query_params.to_year(report["ended"]),
        lead_only=bool(report["lead"]),
        published_only=bool(report["published"]),
    )
    if as_of is not None:  # the status column shows the status on that day
        qs = selectors.with_status(qs, as_of)
    qs = selectors.filter_documents(qs, filters)
    page, query = _pages(request, qs)
    units = permissions.scope(request.user, Unit.objects.filter(is_active=True), "pk").order_by(
        "sort_order", "id"
    )
    return _render(
        request,
        "policies/list.html",
        {
            "page": page,
            "query": query,
            "filters": f,
            "report": report if any(report.values()) else None,
            "statuses": [s.value for s in Status],
            "kinds": DocKind.choices,
            "units": units if units.count() > 1 else [],
            "can_create": bool(_drafting_units(request.user)),
        },
    )


def _document_initial(doc: PolicyDocument) -> dict:
    pub = doc.publication
    return {
        "title": pub.title,
        "body": pub.body,
        "doc_number": doc.doc_number,
        "kind": doc.kind,
        "co_issuers": [str(pk) for pk in doc.co_issuers.values_list("pk", flat=True)],
        "formed_date": pub.formed_date,
        "effective_date": doc.effective_date,
        "stated_years": doc.stated_years,
        "stated_end": doc.stated_end,
        "registration_number": doc.registration_number,
        "topic": pub.topic,
        "is_major": doc.is_major,
        "interpretation_exempt": doc.interpretation_exempt,
        "exempt_reason": doc.exempt_reason,
    }


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request):
    units = _drafting_units(request.user)
    if not units:
        raise PermissionDenied("您没有信息编辑岗位，不能新建政策文件。")
    form = DocumentForm(request.POST or None, units=units, all_units=_all_units())
    if request.method == "POST" and form.is_valid():
        unit = next((u for u in units if u.pk == form.cleaned_data.get("unit")), units[0])
        with service_call(request, form) as call:
            doc = services.create_document(unit, actor=request.user, **form.service_fields())
        if call.ok:
            messages.success(request, f"已保存《{doc.title}》的草稿：请在信息发布页提交保密审查。")
            return redirect("policies:detail", doc.pk)
    return _render(request, "policies/document_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    doc = _doc(request, pk)
    if not access.can_manage_document(request.user, doc):
        raise PermissionDenied("您没有修改本文件的岗位。")
    form = DocumentForm(
        request.POST or None, initial=_document_initial(doc), all_units=_all_units(), editing=True
    )
    if not doc.publication.is_editable:
        for name in ("title", "body", "formed_date", "topic", "doc_number"):
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not doc.publication.is_editable:
            for name in ("title", "body", "formed_date", "topic", "doc_number"):
                fields.pop(name, None)
        with service_call(request, form) as call:
            services.update_document(doc, actor=request.user, **fields)
        if call.ok:
            messages.success(request, "已保存。")
            return redirect("policies:detail", doc.pk)
    return _render(request, "policies/document_form.html", {"form": form, "doc": doc, "creating": False})


def _diff_view(rel: PolicyRelation) -> dict:
    result = services.relation_diff(rel)
    changes = [c for c in result.changes if c.op != core_diff.UNCHANGED]
    return {
        "rel": rel,
        "summary": result.summary(),
        "counts": {core_diff.OP_NAMES[k]: v for k, v in result.counts().items() if v},
        "changes": [
            {
                "op": c.op,
                "op_name": core_diff.OP_NAMES[c.op],
                "old": c.old.label if c.old else "",
                "new": c.new.label if c.new else "",
                "old_text": c.old.body if c.old else "",
                "new_text": c.new.body if c.new else "",
                "summary": c.summary,
            }
            for c in changes
        ],
    }


def _find_documents(request, doc):
    term = (request.GET.get("find") or "").strip()
    if not term:
        return term, []
    qs = _pickable_documents(request.user).exclude(pk=doc.pk)
    qs = selectors.filter_documents(qs, selectors.LibraryFilters(q=term))
    return term, list(qs[:20])


def _detail_context(request, doc, relation_form=None, evaluation_form=None) -> dict:
    today = timezone.localdate()
    pub = doc.publication
    try:
        validity = services.validity_of(doc, today)
        validity_error = ""
    except services.PolicyError as exc:
        validity, validity_error = None, str(exc)
    rels_in = list(doc.relations_in.select_related("source__publication__unit", "created_by"))
    rels_out = list(doc.relations_out.select_related("target__publication__unit", "created_by"))
    # A relation is deleted by the owners of the document whose status it changed (the target's unit).
    for rel in rels_in + rels_out:
        rel.removable = access.can_remove_relation(request.user, rel)
    proposals_in = list(
        doc.proposals_in.select_related("source__publication__unit", "proposed_by", "decided_by")[:20]
    )
    for proposal in proposals_in:
        proposal.can_decide = proposal.state == ProposalState.PENDING and access.can_decide_proposal(
            request.user, proposal
        )
    proposals_out = list(
        doc.proposals_out.select_related("target__publication__unit", "proposed_by", "decided_by")[:20]
    )
    for proposal in proposals_out:
        proposal.can_withdraw = proposal.state == ProposalState.PENDING and access.can_withdraw_proposal(
            request.user, proposal
        )
    diffs = []
    for rel in [r for r in rels_out if r.kind in DIFF_RELATIONS] + [
        r for r in rels_in if r.kind in DIFF_RELATIONS and r.source_id
    ]:
        diffs.append(_diff_view(rel))
    find, found = _find_documents(request, doc)
    in_window = any(d.pk == doc.pk for d in selectors.expiring(today, [doc.unit.pk]))
    manage = access.can_manage_document(request.user, doc)
    return {
        "doc": doc,
        "pub": pub,
        "validity": validity,
        "validity_error": validity_error,
        "rels_in": rels_in,
        "rels_out": rels_out,
        "proposals_in": proposals_in,
        "proposals_out": proposals_out,
        "diffs": diffs,
        "suggestions": services.suggest_relations(doc) if manage else [],
        "interpretations": list(doc.interpretations.select_related("publication__unit")),
        "evaluations": list(doc.evaluations.select_related("decided_by")),
        "extensions": _extensions(request.user, doc),
        "decision_form": DecisionForm(yes="同意延续", no="不同意"),
        "co_issuers": list(doc.co_issuers.all()),
        "relation_form": relation_form or RelationForm(),
        "evaluation_form": evaluation_form or EvaluationForm(),
        "in_window": in_window,
        "find": find,
        "found": found,
        "can_edit": access.can_draft(request.user, doc.unit),
        "can_manage": manage,
        "reason_form": ReasonForm(),
    }


def _extensions(user, doc) -> list[ExtensionRequest]:
    """The document's extension requests with what ``user`` may do on each (approve, draft the notice)."""
    rows = list(doc.extensions.select_related("requested_by", "decided_by", "notice", "relation"))
    for ext in rows:
        ext.can_decide = ext.state == ExtensionState.PENDING and access.can_approve_extension(user, ext)
        ext.can_draft_notice = ext.state == ExtensionState.APPROVED and access.can_draft_extension_notice(
            user, ext
        )
    return rows


@login_required
@require_GET
def document_detail(request, pk):
    doc = _doc(request, pk)
    return _render(request, "policies/detail.html", _detail_context(request, doc))


@login_required
@require_POST
def relation_add(request, pk):
    doc = _doc(request, pk)
    form = RelationForm(request.POST)
    if form.is_valid():
        other = _pickable_documents(request.user).filter(pk=form.cleaned_data["other"]).first()
        kind = form.cleaned_data["kind"]
        if other is None:
            form.add_error("other", "未找到所选文件，或您无权引用该文件。")
        else:
            incoming = kind.startswith("in_")
            kind = kind.removeprefix("in_")
            source, target = (other, doc) if incoming else (doc, other)
            values = {
                "actor": request.user,
                "kind": kind,
                "source": source,
                "effective_date": form.cleaned_data.get("effective_date"),
                "clauses": form.clause_list(),
                "basis": form.cleaned_data.get("basis") or "",
            }
            # Another unit's document changes status only when its unit accepts: a proposal, not a relation.
            propose = access.can_propose_relation(request.user, source=source, target=target)
            with service_call(request, form) as call:
                if propose:
                    services.propose_relation(target, **values)
                else:
                    services.add_relation(target, **values)
            if call.ok:
                label = f"《{source.title}》{RelationKind(kind).label}《{target.title}》"
                if propose:
                    messages.success(
                        request,
                        f"已提出：{label}。须由{target.publication.unit.display_name}确认后才生效，"
                        "结果会显示在本页和您的待办中。",
                    )
                else:
                    messages.success(request, f"已登记：{label}。")
                return redirect(reverse("policies:detail", args=[doc.pk]) + "#relations")
    ctx = _detail_context(request, doc, relation_form=form)
    return _render(request, "policies/detail.html", ctx, status=400)


@login_required
@require_POST
def relation_remove(request, pk):
    mine = selectors.staff_documents(request.user).values("pk")
    rel = PolicyRelation.objects.filter(Q(source__in=mine) | Q(target__in=mine), pk=pk).first()
    if rel is None:
        raise Http404("未找到该文件关系，或您无权查看。")
    back = request.POST.get("doc") or rel.target_id
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请说明删除该关系的原因。")
    else:
        with service_call(request) as call:
            services.remove_relation(rel, actor=request.user, reason=form.cleaned_data["reason"])
        if call.ok:
            messages.success(request, "已删除该文件关系，文件有效性已重新计算。")
    doc_pk = back if selectors.staff_documents(request.user).filter(pk=back).exists() else rel.target_id
    return redirect(reverse("policies:detail", args=[doc_pk]) + "#relations")


@login_required
@require_POST
def proposal_decide(request, pk):
    """接受 or 拒绝 a relation another unit proposed against one of the user's unit's documents."""
    proposal = get_object_or_404(
        RelationProposal.objects.select_related("target__publication__unit", "source__publication__unit"),
        pk=pk,
        target__in=selectors.staff_documents(request.user).values("pk"),
    )
    if not access.can_decide_proposal(request.user, proposal):
        raise PermissionDenied("需要被作用文件所属单位的信息编辑、保密审查员或单位负责人岗位。")
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择接受或拒绝。")
    else:
        accept = form.cleaned_data["decision"] == "accept"
        note = form.cleaned_data.get("note") or ""
        with service_call(request) as call:
            if accept:
                services.accept_proposal(proposal, actor=request.user, note=note)
            else:
                services.reject_proposal(proposal, actor=request.user, note=note)
        if call.ok:
            messages.success(request, "已接受该提议，文件有效性已重新计算。" if accept else "已拒绝该提议。")
    return redirect(reverse("policies:detail", args=[proposal.target_id]) + "#relations")


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = get_object_or_404(
        RelationProposal.objects.select_related("source__publication__unit"),
        pk=pk,
        source__in=selectors.staff_documents(request.user).values("pk"),
    )
    if not access.can_withdraw_proposal(request.user, proposal):
        raise PermissionDenied("需要提议单位的信息编辑、保密审查员或单位负责人岗位。")
    with service_call(request) as call:
        services.withdraw_proposal(proposal, actor=request.user)
    if call.ok:
        messages.success(request, "已撤回该提议。")
    return redirect(reverse("policies:detail", args=[proposal.source_id]) + "#relations")


@login_required
@require_POST
def admin_basis(request, pk):
    doc = _doc(request, pk)
    value = request.POST.get("value") == "1"
    with service_call(request) as call:
        services.set_admin_basis(doc, actor=request.user, value=value, reason=request.POST.get("reason", ""))
    if call.ok:
        messages.success(request, "已标记为行政管理依据。" if value else "已取消行政管理依据标记。")
    return redirect("policies:detail", doc.pk)


@login_required
@require_POST
def evaluate(request, pk):
    doc = _doc(request, pk)
    form = EvaluationForm(request.POST)
    back = request.POST.get("next") == "expiring"
    if form.is_valid():
        with service_call(request, form) as call:
            services.decide_evaluation(
                doc,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                extended_until=form.cleaned_data.get("extended_until"),
            )
        if call.ok:
            label = EvaluationDecision(form.cleaned_data["decision"]).label
            if form.cleaned_data["decision"] == EvaluationDecision.EXTEND:
                messages.success(
                    request,
                    f"已记录《{doc.title}》的评估结论：{label}，已提交单位负责人审批；"
                    "批准后起草并发布延续有效期公告，公告发布之日起延续生效。",
                )
            else:
                messages.success(request, f"已记录《{doc.title}》的评估结论：{label}。")
            return redirect("policies:expiring" if back else "policies:detail", *([] if back else [doc.pk]))
    if back:
        messages.error(
            request, f"《{doc.title}》：" + "；".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect("policies:expiring")
    return _render(
        request, "policies/detail.html", _detail_context(request, doc, evaluation_form=form), status=400
    )


# --- extension of a term (延续有效期) ---------------------------------------------------------------------------------
def _extension(request, pk) -> ExtensionRequest:
    mine = selectors.staff_documents(request.user).values("pk")
    ext = (
        ExtensionRequest.objects.filter(pk=pk, document__in=mine)
        .select_related("document__publication__unit")
        .first()
    )
    if ext is None:
        raise Http404("未找到该延续申请，或您无权查看。")
    return ext


@login_required
@require_POST
def extension_decide(request, pk):
    ext = _extension(request, pk)
    doc = ext.document
    if not access.can_approve_extension(request.user, ext):
        raise PermissionDenied("延续有效期由制发单位的单位负责人审批。")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"《{doc.title}》的延续申请：请选择同意或不同意。")
    else:
        approve = form.cleaned_data["approve"]
        with service_call(request) as call:
            services.decide_extension(
                ext, actor=request.user, approve=approve, note=form.cleaned_data["note"]
            )
        if call.ok:
            messages.success(
                request,
                f"已同意《{doc.title}》延续有效期至{fmt(ext.extended_until)}：请信息编辑起草并发布延续公告，"
                "公告发布之日起生效。"
                if approve
                else f"已退回《{doc.title}》的延续申请：该文件回到到期评估，由制发单位重新评估。",
            )
    return redirect(reverse("policies:detail", args=[doc.pk]) + "#extension")


@login_required
@require_POST
def extension_notice(request, pk):
    ext = _extension(request, pk)
    if not access.can_draft_extension_notice(request.user, ext):
        raise PermissionDenied("延续有效期公告由制发单位的信息编辑起草。")
    with service_call(request) as call:
        notice = services.draft_extension_notice(ext, actor=request.user)
    if call.ok:
        messages.success(
            request, "已起草延续有效期公告：请核对后提交保密审查并发布，公告发布之日起延续生效。"
        )
        return redirect("publishing:detail", notice.pk)
    return redirect(reverse("policies:detail", args=[ext.document_id]) + "#extension")


# --- interpretations -----------------------------------------------------------------------------------------------
def _interp(request, pk) -> Interpretation:
    interp = selectors.staff_interpretations(request.user).filter(pk=pk).first()
    if interp is None:
        raise Http404("未找到该解读，或您无权查看。")
    return interp


@login_required
@require_GET
def interpretation_list(request):
    qs = selectors.staff_interpretations(request.user).prefetch_related("documents__publication")
    q = query_params.to_text(request.GET.get("q"))
    for term in q.split()[:5]:
        qs = qs.filter(publication__title__icontains=term)
    page, query = _pages(request, qs)
    for interp in page:
        interp.missing = services.missing_elements(interp)
        interp.can_edit = access.can_edit_interpretation(request.user, interp)
        interp.can_sign_off = access.can_sign_off_interpretation(request.user, interp)
    return _render(
        request,
        "policies/interpretations.html",
        {"page": page, "query": query, "q": q, "can_create": bool(_drafting_units(request.user))},
    )


def _interp_context(form, interp=None, seed_doc=None) -> dict:
    return {"form": form, "interp": interp, "seed_doc": seed_doc, "creating": interp is None}


@login_required
@require_http_methods(["GET", "POST"])
def interpretation_new(request):
    units = _drafting_units(request.user)
    if not units:
        raise PermissionDenied("您没有信息编辑岗位，不能新建解读。")
    documents = _pickable_documents(request.user)
    initial, seed_doc = {}, None
    doc_pk = query_params.to_id(request.GET.get("doc"))
    if doc_pk:
        seed_doc = documents.filter(pk=doc_pk).first()
        if seed_doc is not None:
            initial = {
                "documents": [str(seed_doc.pk)],
                "title": f"《{seed_doc.title}》政策解读",
                "unit": seed_doc.unit.pk if seed_doc.unit in units else units[0].pk,
            }
            seed = services.difference_seed(seed_doc)
            if seed:
                initial["el_differences_note"] = seed
    form = InterpForm(request.POST or None, initial=initial, units=units, documents=documents)
    seeded = bool(initial.get("el_differences_note"))
    if request.method == "POST" and form.is_valid():
        unit = next((u for u in units if u.pk == form.cleaned_data.get("unit")), units[0])
        fields = form.service_fields()
        docs = form.picked("documents")
        _seed_differences(fields, docs)
        with service_call(request, form) as call:
            interp = services.create_interpretation(unit, actor=request.user, documents=docs, **fields)
        if call.ok:
            messages.success(
                request, "已保存解读草稿：图解、视频等文件请在信息发布页上传为附件，然后提交审查。"
            )
            return redirect("policies:interpretation_edit", interp.pk)
    ctx = _interp_context(form, seed_doc=seed_doc)
    ctx["seeded"] = seeded
    return _render(request, "policies/interpretation_form.html", ctx)


def _seed_differences(fields: dict, docs) -> None:
    """The 新旧政策差异 note starts from the documents' diff when the editor left it empty."""
    element = fields["elements"].get("differences") or {}
    if element.get("note"):
        return
    seed = "\n\n".join(s for s in (services.difference_seed(d) for d in docs) if s)
    if seed:
        fields["elements"]["differences"] = {**element, "note": seed}


@login_required
@require_http_methods(["GET", "POST"])
def interpretation_edit(request, pk):
    interp = _interp(request, pk)
    pub = interp.publication
    if not access.can_edit_interpretation(request.user, interp):
        raise PermissionDenied("您没有修改本解读的岗位。")
    documents = _pickable_documents(request.user)
    # Documents already linked stay selectable even if they are no longer visible otherwise.
    documents = list(documents) + [
        d for d in interp.documents.all() if not documents.filter(pk=d.pk).exists()
    ]
    initial = {
        "title": pub.title,
        "body": pub.body,
        "documents": [str(pk) for pk in interp.documents.values_list("pk", flat=True)],
        "form": interp.form,
        "media_url": interp.media_url,
        "interpreter_name": interp.interpreter_name,
        "interpreter_title": interp.interpreter_title,
        "formed_date": pub.formed_date,
    }
    for key in ELEMENT_KEYS:
        el = interp.elements.get(key) or {}
        initial[f"el_{key}_state"] = el.get("state", "")
        initial[f"el_{key}_note"] = el.get("note", "")
    if not initial["el_differences_note"]:
        initial["el_differences_note"] = "\n\n".join(
            s for s in (services.difference_seed(d) for d in interp.documents.all()) if s
        )
    form = InterpForm(request.POST or None, initial=initial, documents=documents, editing=True)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        docs = form.picked("documents")
        _seed_differences(fields, docs)
        with service_call(request, form) as call:
            services.update_interpretation(interp, actor=request.user, documents=docs, **fields)
        if call.ok:
            messages.success(request, "已保存。")
            return redirect("policies:interpretation_edit", interp.pk)
    ctx = _interp_context(form, interp)
    ctx["missing"] = services.missing_elements(interp)
    ctx["can_sign_off"] = access.can_sign_off_interpretation(request.user, interp)
    return _render(request, "policies/interpretation_form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def interpretation_signoff(request, pk):
    """单位负责人审定: the leader reads the interpretation (text, documents, checklist) and signs it off or returns
    it with comments."""
    interp = _interp(request, pk)
    if not access.can_sign_off_interpretation(request.user, interp):
        raise PermissionDenied("解读由起草单位的单位负责人审定。")
    form = DecisionForm(request.POST or None, yes="审定通过", no="退回修改")
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["approve"]
        with service_call(request, form) as call:
            services.sign_off_interpretation(
                interp, actor=request.user, approve=approve, note=form.cleaned_data["note"]
            )
        if call.ok:
            messages.success(
                request,
                "已审定：信息编辑可在信息发布页提交保密审查。"
                if approve
                else "已退回修改，审定意见已告知编辑人员。",
            )
            return redirect("policies:interpretation_signoff", interp.pk)
    return _render(
        request,
        "policies/interpretation_signoff.html",
        {
            "interp": interp,
            "pub": interp.publication,
            "form": form,
            "documents": list(interp.documents.select_related("publication")),
            "elements": [{"label": label, **(interp.elements.get(key) or {})} for key, label, _ in ELEMENTS],
            "missing": services.missing_elements(interp),
        },
    )


# --- expiry evaluation -------------------------------------------------------------------------------------------
@login_required
@require_GET
def expiring(request):
    today = timezone.localdate()
    docs = selectors.expiring(today, permissions.unit_ids(request.user))
    for doc in docs:
        doc.manage = access.can_manage_document(request.user, doc)
    extensions = list(selectors.open_extensions(permissions.unit_ids(request.user)))
    for ext in extensions:
        ext.can_decide = ext.state == ExtensionState.PENDING and access.can_approve_extension(
            request.user, ext
        )
    return _render(
        request,
        "policies/expiring.html",
        {
            "docs": docs,
            "form": EvaluationForm(),
            "today": today,
            "rules": selectors.rules(),
            "extensions": extensions,
        },
    )


# --- cleanup campaigns -------------------------------------------------------------------------------------------
@login_required
@require_GET
def campaign_list(request):
    campaigns = list(Campaign.objects.all())
    ids = permissions.unit_ids(request.user)
    for c in campaigns:
        items = c.items.all() if ids is None else c.items.filter(unit_id__in=ids)
        c.mine_total = items.count()
        c.mine_pending = items.filter(decision=CleanupDecision.PENDING).count()
    return _render(
        request,
        "policies/campaigns.html",
        {"campaigns": campaigns, "office": access.can_administer(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    _office(request)
    form = CampaignForm(request.POST or None, units=_all_units())
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            campaign = services.start_campaign(actor=request.user, **form.service_fields())
        if call.ok:
            messages.success(request, f"已启动清理，共{campaign.items.count()}份现行有效的文件待各单位确认。")
            return redirect("policies:campaign", campaign.pk)
    return _render(request, "policies/campaign_form.html", {"form": form})


@login_required
@require_GET
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    office = access.can_administer(request.user)
    items = permissions.scope(
        request.user, campaign.items.select_related("document__publication", "unit", "decided_by")
    )
    unit_filter = query_params.to_id(request.GET.get("unit"))
    if unit_filter:
        items = items.filter(unit_id=unit_filter)
    return _render(
        request,
        "policies/campaign.html",
        {
            "campaign": campaign,
            "office": office,
            "progress": selectors.campaign_progress(campaign) if office else [],
            "items": items,
            "decisions": [c for c in CleanupDecision.choices if c[0] != CleanupDecision.PENDING],
            "close_form": CloseForm(initial={"effective": timezone.localdate()}),
            "unit_filter": unit_filter,
            "scope": campaign.scope_parts(),
            "pending_count": campaign.items.filter(decision=CleanupDecision.PENDING).count(),
        },
    )


@login_required
@require_POST
def campaign_item(request, pk):
    item = permissions.get_scoped_or_404(
        request.user, CampaignItem.objects.select_related("campaign", "document__publication"), pk=pk
    )
    form = CleanupForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"《{item.document.title}》：请选择清理意见。")
    else:
        with service_call(request) as call:
            services.decide_cleanup(
                item,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        if call.ok:
            messages.success(request, f"已记录《{item.document.title}》的清理意见。")
    return redirect(reverse("policies:campaign", args=[item.campaign_id]) + f"#item-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def campaign_close(request, pk):
    """结束清理并公布结果. With documents still unconfirmed, the page lists them and asks for an explicit
    confirmation before anything happens."""
    _office(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    if not campaign.is_open:
        messages.info(request, "该清理已结束。")
        return redirect("policies:campaign", campaign.pk)
    form = CloseForm(request.POST or None, initial={"effective": timezone.localdate()})
    pending = list(selectors.pending_items(campaign))
    if request.method == "POST" and form.is_valid():
        if pending and not form.cleaned_data["accept_pending"]:
            form.add_error(
                "accept_pending",
                f"尚有{len(pending)}份文件未确认清理意见（见下表）：请催办；确需结束的，请勾选本项后再提交。",
            )
        else:
            with service_call(request, form) as call:
                services.close_campaign(
                    campaign,
                    actor=request.user,
                    effective=form.cleaned_data["effective"],
                    accept_pending=form.cleaned_data["accept_pending"],
                )
            if call.ok:
                messages.success(
                    request,
                    "清理已结束：废止、宣布失效的意见已按生效日期登记，文件有效性已更新；清理结果公告已提交保密审查，"
                    "审查通过并发布后在门户网站公布。",
                )
                return redirect("policies:campaign", campaign.pk)
    return _render(
        request,
        "policies/campaign_close.html",
        {"campaign": campaign, "form": form, "pending": pending},
        status=400 if request.method == "POST" else 200,
    )


# --- rates -------------------------------------------------------------------------------------------------------
def _rates_scope(request):
    year = query_params.to_year(request.GET.get("year"))
    year = year if year and year >= 2000 else timezone.localdate().year
    return year, permissions.unit_ids(request.user)


TARGETS = (
    ("interpretation_rate", "解读率", "interpretation_target"),
    ("major_rate", "重大政策解读率", "major_target"),
    ("diverse_rate", "多元化解读比例", "diverse_target"),
    ("sync_rate", "三同步率", "sync_target"),
)


def _rate_cells(row, local) -> list[dict]:
    cells = []
    for attr, label, target_attr in TARGETS:
        value = getattr(row, attr)
        target = getattr(local, target_attr)
        cells.append(
            {
                "label": label,
                "value": None if value is None else round(value * 100, 1),
                "target": target,
                "below": value is not None and value * 100 < target,
            }
        )
    return cells


@login_required
@require_GET
def rates(request):
    year, ids = _rates_scope(request)
    local = selectors.rules()
    result = selectors.year_rates(year, unit_ids=ids)
    rows = [{"row": r, "cells": _rate_cells(r, local)} for r in result.units]
    county = {"row": result.county, "cells": _rate_cells(result.county, local)}
    late = []
    for r in result.results:
        if r.late:
            late.append({"result": r, "doc": result.documents.get(r.doc.key)})
    late.sort(key=lambda x: -(x["result"].late_days or 0))
    this_year = timezone.localdate().year
    return _render(
        request,
        "policies/rates.html",
        {
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "rows": rows,
            "county": county,
            "county_wide": ids is None,
            "late": late,
            "labels": [label for _, label, _ in TARGETS],
            "local": local,
        },
    )


@login_required
@require_GET
def rates_xlsx(request):
    year, ids = _rates_scope(request)
    data = exports.rates_xlsx(year, unit_ids=ids)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = download_disposition(f"{year}年政策解读情况统计.xlsx")
    return response


# --- local rules -------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def rules(request):
    _office(request)
    local = selectors.rules()
    form = RulesForm(request.POST or None, instance=local)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form) as call:
            services.update_rules(
                actor=request.user, **{k: form.cleaned_data[k] for k in services.RULE_FIELDS}
            )
        if call.ok:
            messages.success(request, "地方规则已保存，所有文件的有效期已按新规则重新计算。")
            return redirect("policies:rules")
    return _render(request, "policies/rules.html", {"form": form})


# --- Q&A -----------------------------------------------------------------------------------------------------------
def _question(request, pk) -> Question:
    return permissions.get_scoped_or_404(request.user, Question.objects.select_related("unit"), pk=pk)


@login_required
@require_GET
def question_list(request):
    qs = permissions.scope(request.user, Question.objects.select_related("unit")).order_by(
        "-updated_at", "-id"
    )
    q = query_params.to_text(request.GET.get("q"))
    state = request.GET.get("state") or ""
    if state in QuestionState.values:
        qs = qs.filter(state=state)
    for term in q.split()[:5]:
        qs = qs.filter(Q(question__icontains=term) | Q(answer__icontains=term))
    page, query = _pages(request, qs)
    return _render(
        request,
        "policies/questions.html",
        {
            "page": page,
            "query": query,
            "q": q,
            "state": state,
            "states": QuestionState.choices,
            "can_create": bool(_drafting_units(request.user)),
        },
    )


def _service_choices(user):
    return permissions.scope(user, ServiceItem.objects.filter(is_active=True)).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def question_form(request, pk=None):
    question = _question(request, pk) if pk else None
    units = _drafting_units(request.user)
    if question is not None and not access.can_edit_question(request.user, question):
        raise PermissionDenied("您没有修改本问答的岗位。")
    if question is None and not units:
        raise PermissionDenied("您没有信息编辑岗位，不能新建问答。")
    initial = {}
    if question is not None:
        initial = {
            "question": question.question,
            "answer": question.answer,
            "documents": [str(p) for p in question.documents.values_list("pk", flat=True)],
            "services": [str(p) for p in question.services.values_list("pk", flat=True)],
        }
    elif request.GET.get("q"):
        initial["question"] = request.GET["q"][:300]
    form = QuestionForm(
        request.POST or None,
        initial=initial,
        units=units,
        documents=_pickable_documents(request.user),
        services=_service_choices(request.user),
        editing=question is not None,
    )
    if request.method == "POST" and form.is_valid():
        unit = (
            question.unit
            if question
            else next((u for u in units if u.pk == form.cleaned_data.get("unit")), units[0])
        )
        with service_call(request, form) as call:
            saved = services.save_question(
                unit,
                actor=request.user,
                existing=question,
                question=form.cleaned_data["question"],
                answer=form.cleaned_data["answer"],
                documents=form.picked("documents"),
                services=form.picked("services"),
            )
        if call.ok:
            unanswered = query_params.to_id(request.GET.get("unanswered"))
            if question is None and unanswered and access.can_administer(request.user):
                entry = UnansweredSearch.objects.filter(pk=unanswered).first()
                if entry:
                    services.handle_unanswered(entry, actor=request.user, note="已补充问答", question=saved)
            messages.success(request, "问答已保存；发布后公众即可检索到。")
            return redirect("policies:question_edit", saved.pk)
    return _render(request, "policies/question_form.html", {"form": form, "question": question})


@login_required
@require_POST
def question_state(request, pk):
    question = _question(request, pk)
    with service_call(request) as call:
        services.set_question_state(question, actor=request.user, state=request.POST.get("state", ""))
    if call.ok:
        messages.success(request, f"问答已{question.get_state_display()}。")
    if request.POST.get("next") == "list":
        return redirect("policies:questions")
    return redirect("policies:question_edit", question.pk)


@login_required
@require_GET
def unanswered_list(request):
    _office(request)
    show = request.GET.get("show") or "open"
    qs = UnansweredSearch.objects.select_related("handled_by", "answered_by")
    qs = qs.filter(handled_at__isnull=show == "open") if show in ("open", "handled") else qs
    page, query = _pages(request, qs)
    return _render(request, "policies/unanswered.html", {"page": page, "query": query, "show": show})


@login_required
@require_POST
def unanswered_handle(request, pk):
    _office(request)
    entry = get_object_or_404(UnansweredSearch, pk=pk)
    form = UnansweredForm(request.POST)
    question = None
    if form.is_valid() and form.cleaned_data.get("question"):
        question = Question.objects.filter(pk=form.cleaned_data["question"]).first()
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    if not note and question is None:
        messages.error(request, f"“{entry.query}”：请填写处理说明，或补充一条问答。")
    else:
        with service_call(request) as call:
            services.handle_unanswered(entry, actor=request.user, note=note, question=question)
        if call.ok:
            messages.success(request, f"“{entry.query}”已标记为已处理。")
    return redirect("policies:unanswered")


# --- services (办事事项) --------------------------------------------------------------------------------------------
@login_required
@require_GET
def service_list(request):
    qs = permissions.scope(request.user, ServiceItem.objects.select_related("unit")).prefetch_related(
        "documents__publication"
    )
    page, query = _pages(request, qs)
    return _render(
        request,
        "policies/services.html",
        {"page": page, "query": query, "can_create": bool(_drafting_units(request.user))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_form(request, pk=None):
    item = permissions.get_scoped_or_404(request.user, ServiceItem.objects.all(), pk=pk) if pk else None
    units = _drafting_units(request.user)
    if item is not None and not access.can_edit_service(request.user, item):
        raise PermissionDenied("您没有修改本事项的岗位。")
    if item is None and not units:
        raise PermissionDenied("您没有信息编辑岗位，不能新建办事事项。")
    initial = {}
    if item is not None:
        initial = {
            "name": item.name,
            "code": item.code,
            "guide_url": item.guide_url,
            "is_active": item.is_active,
            "documents": [str(p) for p in item.documents.values_list("pk", flat=True)],
        }
    form = ServiceForm(
        request.POST or None,
        initial=initial,
        units=units,
        documents=_pickable_documents(request.user),
        editing=item is not None,
    )
    if request.method == "POST" and form.is_valid():
        unit = (
            item.unit if item else next((u for u in units if u.pk == form.cleaned_data.get("unit")), units[0])
        )
        with service_call(request, form) as call:
            saved = services.save_service(
                unit,
                actor=request.user,
                item=item,
                documents=form.picked("documents"),
                name=form.cleaned_data["name"],
                code=form.cleaned_data["code"],
                guide_url=form.cleaned_data["guide_url"],
                is_active=form.cleaned_data["is_active"],
            )
        if call.ok:
            messages.success(request, f"已保存办事事项“{saved.name}”。")
            return redirect("policies:services")
    return _render(request, "policies/service_form.html", {"form": form, "item": item})


# --- packages (政策包) ----------------------------------------------------------------------------------------------
@login_required
@require_GET
def package_list(request):
    _office(request)
    packages = Package.objects.all()
    return _render(request, "policies/packages.html", {"packages": packages})


@login_required
@require_http_methods(["GET", "POST"])
def package_form(request, pk=None):
    _office(request)
    package = get_object_or_404(Package, pk=pk) if pk else None
    initial = {}
    if package is not None:
        initial = {
            "title": package.title,
            "slug": package.slug,
            "theme": package.theme,
            "summary": package.summary,
            "sort_order": package.sort_order,
            "is_published": package.is_published,
            "documents": [str(p) for p in package.documents.values_list("pk", flat=True)],
            "questions": [str(p) for p in package.questions.values_list("pk", flat=True)],
            "services": [str(p) for p in package.services.values_list("pk", flat=True)],
        }
    form = PackageForm(
        request.POST or None,
        initial=initial,
        documents=selectors.public_documents().select_related("publication").order_by("-id"),
        questions=Question.objects.filter(state=QuestionState.PUBLISHED),
        services=ServiceItem.objects.filter(is_active=True),
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            k: form.cleaned_data[k]
            for k in ("title", "slug", "theme", "summary", "sort_order", "is_published")
        }
        with service_call(request, form) as call:
            saved = services.save_package(
                package,
                actor=request.user,
                documents=form.picked("documents"),
                questions=form.picked("questions"),
                services=form.picked("services"),
                **fields,
            )
        if call.ok:
            messages.success(request, f"已保存政策包“{saved.title}”。")
            return redirect("policies:packages")
    return _render(request, "policies/package_form.html", {"form": form, "package": package})
