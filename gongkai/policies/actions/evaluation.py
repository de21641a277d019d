"""Expiry evaluation (到期评估) of one document and the county's cleanup campaigns (清理): their scope, the units'
decisions, and closing with the published result."""

from __future__ import annotations

from datetime import date
from html import escape

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core import policy as core
from gongkai.core.law import chinese_ordinal
from gongkai.core.policy.validity import fmt
from gongkai.publishing import services as publishing

from .. import access, selectors
from ..errors import PolicyError
from ..models import Campaign, CampaignItem, Evaluation, PolicyDocument
from ..vocab import CleanupDecision, DocKind, EvaluationDecision, RelationKind
from .common import MANAGER_POSTS, catalog_node, record, refuse, refuse_office
from .documents import DOC_NODE_CODE
from .extension import request_extension
from .relations import add_relation
from .validity import validity_of, validity_rule


def decide_evaluation(
    document: PolicyDocument,
    *,
    actor,
    decision: str,
    note: str,
    extended_until: date | None = None,
    today: date | None = None,
) -> Evaluation:
    """The issuing unit's decision on a document nearing expiry: extend (延续), re-issue (重新制发) or lapse. An
    extension is only proposed here: it waits for the unit leader's approval and its public notice."""
    doc = document
    if not access.can_manage_document(actor, doc):
        refuse(actor, doc.publication.unit, MANAGER_POSTS)
    today = today or timezone.localdate()
    if decision not in EvaluationDecision.values:
        raise PolicyError("请选择评估结论。", field="decision")
    note = (note or "").strip()
    if not note:
        raise PolicyError("请填写评估意见（文件实施情况、是否需要继续执行及理由）。", field="note")
    current = validity_of(doc, today)
    if not current.in_force:
        raise PolicyError(f"该文件当前为“{current.status}”，无需到期评估。")
    local = selectors.rules()
    if decision == EvaluationDecision.EXTEND:
        if not extended_until or extended_until <= current.term.expires_on:
            raise PolicyError(
                f"延续至的日期应晚于当前有效期{current.term.expires_on:%Y年%m月%d日}。",
                field="extended_until",
            )
        limit = core.expiry_date(
            current.term.expires_on, validity_rule(local).max_years(doc.publication.title)
        )
        if extended_until > limit:
            raise PolicyError(
                f"每次延续不超过{validity_rule(local).max_years(doc.publication.title)}年，最晚至{limit:%Y年%m月%d日}。",
                field="extended_until",
            )
    else:
        extended_until = None
    with transaction.atomic():
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    document=doc,
                    expires_on=current.term.expires_on,
                    decision=decision,
                    extended_until=extended_until,
                    note=note,
                    decided_by=actor,
                    decided_at=timezone.now(),
                )
        except IntegrityError:
            raise PolicyError("本有效期内已作出评估结论。") from None
        record(
            actor,
            "evaluate",
            doc,
            doc.publication.unit,
            {"expires_on": current.term.expires_on},
            {"decision": EvaluationDecision(decision).label, "extended_until": extended_until},
            note,
        )
        if decision == EvaluationDecision.EXTEND and extended_until is not None:
            # Not in force yet: the unit leader approves it and a public notice announces it (extension.py).
            request_extension(
                doc, actor=actor, evaluation=evaluation, extended_until=extended_until, reason=note
            )
    return evaluation


# --- cleanup campaigns (清理) ---------------------------------------------------------------------------------------
PENDING_LISTED = 20  # the refusal to close names this many unconfirmed documents, then counts the rest
# The cleanup decisions that become relations when the campaign closes.
CLEANUP_RELATION: dict[str, RelationKind] = {
    CleanupDecision.REPEAL: RelationKind.REPEALS,
    CleanupDecision.EXPIRE: RelationKind.DECLARES_EXPIRED,
}


def _scope(kinds, year_from, year_to, units) -> tuple[list[str], int | None, int | None, list]:
    kinds = list(dict.fromkeys(kinds or [DocKind.NORMATIVE]))
    if any(k not in DocKind.values for k in kinds):
        raise PolicyError("文件类型不正确。", field="kinds")
    for value, field in ((year_from, "year_from"), (year_to, "year_to")):
        if value is not None and not 1949 <= value <= 2100:
            raise PolicyError("成文年份应为四位年份，如2019。", field=field)
    if year_from and year_to and year_from > year_to:
        raise PolicyError(f"成文年份“自{year_from}年”晚于“至{year_to}年”：请核对清理范围。", field="year_to")
    return kinds, year_from, year_to, list(units or [])


def start_campaign(
    *,
    actor,
    title: str,
    deadline: date,
    scope_note: str = "",
    units=None,
    kinds=None,
    year_from: int | None = None,
    year_to: int | None = None,
    result_unit=None,
    today=None,
) -> Campaign:
    """The office opens a cleanup within a scope — issuing units (all when empty), document kinds (行政规范性文件
    when empty), years of 成文日期 — with one item per published document in force in it, for its issuing unit.
    ``result_unit`` publishes the result when the campaign closes (the office's own unit when empty)."""
    if not access.can_administer(actor):
        refuse_office()
    today = today or timezone.localdate()
    title = " ".join((title or "").split())
    if not title:
        raise PolicyError("请填写清理名称。", field="title")
    if deadline < today:
        raise PolicyError("报送截止日期不能早于今天。", field="deadline")
    kinds, year_from, year_to, units = _scope(kinds, year_from, year_to, units)
    in_scope = selectors.in_force(today).filter(kind__in=kinds)
    if units:
        in_scope = in_scope.filter(publication__unit__in=units)
    if year_from:
        in_scope = in_scope.filter(publication__formed_date__year__gte=year_from)
    if year_to:
        in_scope = in_scope.filter(publication__formed_date__year__lte=year_to)
    docs = list(in_scope.select_related("publication"))
    if not docs:
        raise PolicyError(
            "所选范围内没有已公开、现行有效的文件：请调整清理单位、文件类型或成文年份。", field="units"
        )
    with transaction.atomic():
        campaign = Campaign.objects.create(
            title=title,
            deadline=deadline,
            scope_note=scope_note,
            kinds=kinds,
            year_from=year_from,
            year_to=year_to,
            result_unit=result_unit or _own_unit(actor),
            created_by=actor,
        )
        campaign.units.set(units)
        CampaignItem.objects.bulk_create(
            CampaignItem(campaign=campaign, document=doc, unit_id=doc.publication.unit_id) for doc in docs
        )
        record(
            actor,
            "campaign_start",
            campaign,
            after={
                "deadline": deadline,
                "items": len(docs),
                "scope": "；".join(f"{k}：{v}" for k, v in campaign.scope_parts()),
            },
        )
    return campaign


def _own_unit(actor):
    """The office's own unit (the first it belongs to): it publishes the result unless another was chosen."""
    if getattr(actor, "pk", None) is None:
        return None
    membership = actor.memberships.select_related("unit").order_by("unit__sort_order", "unit_id").first()
    return membership.unit if membership else None


def decide_cleanup(item: CampaignItem, *, actor, decision: str, note: str = "") -> CampaignItem:
    """The issuing unit confirms (继续有效) or changes (拟修改/废止/宣布失效) one document's status. A refusal
    names the document: a campaign page lists many."""
    title = item.document.title
    if not access.can_decide_cleanup(actor, item):
        raise PolicyError(f"《{title}》：{access.refusal(actor, item.unit, MANAGER_POSTS)}", code="forbidden")
    if decision not in CleanupDecision.values or decision == CleanupDecision.PENDING:
        raise PolicyError(f"《{title}》：请选择清理意见。", field="decision")
    note = (note or "").strip()
    if decision != CleanupDecision.KEEP and not note:
        raise PolicyError(f"《{title}》：拟修改、废止或宣布失效的，请说明理由。", field="note")
    with transaction.atomic():
        item = CampaignItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
        if not item.campaign.is_open:
            raise PolicyError(f"《{title}》：该清理已结束，不能再修改清理意见。")
        before = {"decision": item.get_decision_display(), "note": item.note}
        item.decision, item.note = decision, note
        item.decided_by, item.decided_at = actor, timezone.now()
        item.save()
        record(
            actor,
            "cleanup_decide",
            item.document,
            item.unit,
            before,
            {"decision": item.get_decision_display(), "note": note},
        )
    return item


def _result_body(campaign: Campaign, effective: date) -> str:
    page_url = reverse("zc:cleanup", args=[campaign.pk])
    scope = "；".join(f"{label}：{value}" for label, value in campaign.scope_parts())
    parts = [
        f"<p>按照{escape(campaign.title)}的安排，各制发单位对清理范围内（{escape(scope)}）已公开、现行有效的文件"
        "逐件提出了清理意见。现将清理结果公布如下：</p>"
    ]
    number = 0
    for _decision, heading, items in selectors.result_groups(campaign):
        if not items:
            continue
        number += 1
        rows = "".join(
            f"<tr><td>{k}</td><td>{escape(i.document.title)}</td><td>{escape(i.document.doc_number or '—')}</td>"
            f"<td>{escape(i.unit.name)}</td></tr>"
            for k, i in enumerate(items, 1)
        )
        parts.append(
            f"<h3>{chinese_ordinal(number)}、{heading}（{len(items)}件）</h3>"
            f"<table><thead><tr><th>序号</th><th>文件名称</th><th>文号</th><th>制发单位</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append(
        f"<p>废止和宣布失效的文件自{fmt(effective)}起停止执行；拟修改的文件由制发单位按程序修改后重新公布。</p>"
    )
    parts.append(
        f'<p>清理结果及各文件的现行有效性见：<a href="{escape(page_url)}">{escape(campaign.title)}结果</a>。</p>'
    )
    return "".join(parts)


def result_title(campaign: Campaign) -> str:
    return f"关于公布{campaign.title}结果的公告"


def close_campaign(
    campaign: Campaign,
    *,
    actor,
    effective: date,
    accept_pending: bool = False,
    today: date | None = None,
) -> Campaign:
    """结束清理并公布结果: 废止 and 宣布失效 decisions take effect on ``effective`` as relations of the result, and
    the result notice is drafted under the catalogue item 规范性文件 and submitted for review (先审后发); once it
    is published the result page shows on the portal. With documents still unconfirmed it is refused, naming
    them, unless ``accept_pending`` says the office knows they stay as they are."""
    if not access.can_administer(actor):
        refuse_office()
    today = today or timezone.localdate()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not campaign.is_open:
            raise PolicyError("该清理已结束。")
        pending = list(selectors.pending_items(campaign))
        if pending and not accept_pending:
            names = "；".join(
                f"{i.unit.display_name}《{i.document.title}》" for i in pending[:PENDING_LISTED]
            )
            more = f"等{len(pending)}份" if len(pending) > PENDING_LISTED else f"共{len(pending)}份"
            raise PolicyError(
                f"尚有文件未确认清理意见：{names}（{more}）。请催办；确需结束的，请勾选“未确认的文件保持原状态，"
                "仍结束清理”。",
                field="accept_pending",
                code="pending",
            )
        unit = campaign.result_unit or _own_unit(actor)
        if unit is None:
            raise PolicyError("请先指定公布清理结果的单位。", field="effective")
        applied = 0
        for item in campaign.items.select_related("document__publication"):
            kind = CLEANUP_RELATION.get(item.decision)
            if kind:
                add_relation(
                    item.document,
                    actor=actor,
                    kind=kind,
                    effective_date=effective,
                    basis=f"{campaign.title}清理结果",
                )
                applied += 1
        campaign.closed_at, campaign.result_effective, campaign.result_unit = timezone.now(), effective, unit
        notice = publishing.create_draft(
            unit,
            actor=actor,
            title=result_title(campaign),
            body=_result_body(campaign, effective),
            formed_date=today,
            topic="综合政务",
            publisher=unit.name,
            nodes=catalog_node(DOC_NODE_CODE),
        )
        publishing.submit(notice, actor=actor)
        campaign.result_notice = notice
        campaign.save()
        record(
            actor,
            "campaign_close",
            campaign,
            after={
                "effective": effective,
                "applied": applied,
                "pending": len(pending),
                "pending_documents": [i.document_id for i in pending],
                "notice": notice.pk,
            },
            reason="未确认的文件保持原状态" if pending else "",
        )
    return campaign
