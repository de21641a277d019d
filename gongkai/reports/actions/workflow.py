"""The report's workflow (审定与发布): draft → the unit leader's approval (审定) → publication through publishing
(保密审查, then 发布, under the 年报 catalogue item) → published; a correction (更正) keeps the published version and
publishes the new one with its 更正说明.

The checker runs at approval and again before publication: an error blocks; a warning needs a note saying why the
figure is right (e.g. documents lapsed by expiry explain a 现行有效 difference).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogNode, Publication
from gongkai.publishing.vocab import State as PubState

from .. import access, document, drafting
from ..errors import ReportError
from ..models import AnnualReport, ReportVersion
from ..vocab import ARTICLE_CONTENT, ARTICLE_DEADLINE, ReportState
from .common import lock, record, refuse
from .generate import _check_into

NODE_NAME = "政府信息公开工作年度报告"


def _blocking(report: AnnualReport) -> None:
    """Errors block; warnings need a note; placeholders and missing improvements block."""
    left = drafting.has_placeholder(report.sections)
    if left:
        raise ReportError(
            f"第{'、'.join(left)}部分还有“〔请填写…〕”的待填内容，请补全后再提交审定或发布。",
            field="sections",
        )
    missing = [p["problem"] for p in report.problems if not (p.get("improvement") or "").strip()]
    if missing:
        raise ReportError(
            f"上年年报所列问题“{missing[0]}”还没有写改进情况（共{len(missing)}项），请在第五部分逐项说明。",
            field="improvements",
        )
    errors = report.errors
    if errors:
        first = errors[0]
        raise ReportError(
            f"年报核对发现{len(errors)}处错误，须改正后才能审定或发布。第一处：{first['where']}——{first['message']}"
        )
    if report.warnings and not report.warning_note.strip():
        raise ReportError(
            f"年报核对有{len(report.warnings)}条警告（{report.warnings[0]['message']}），请在“警告说明”中写明原因后再提交。",
            field="warning_note",
        )


def approve(report: AnnualReport, *, actor, note: str = "") -> AnnualReport:
    """审定: the unit leader approves the draft as it stands (the checker is run again first)."""
    if not access.can_approve(actor, report):
        raise refuse("只有本单位负责人可以审定起草中的年报。")
    with transaction.atomic():
        locked = lock(report)
        if locked.state != ReportState.DRAFT:
            raise ReportError(f"该年报当前为“{locked.get_state_display()}”，不在待审定环节。")
        _check_into(locked)
        _blocking(locked)
        locked.state, locked.approved_by, locked.approved_at = ReportState.APPROVED, actor, timezone.now()
        locked.return_reason = ""
        locked.save()
        record(actor, "approved", locked, before={"state": "起草中"}, after={"state": "已审定"}, reason=note)
    return locked


def return_draft(report: AnnualReport, *, actor, reason: str) -> AnnualReport:
    """The leader sends the draft back with the reasons (or takes back an approval not yet sent to publication)."""
    if not access.can_return(actor, report):
        raise refuse("只有本单位负责人可以退回年报。")
    reason = (reason or "").strip()
    if not reason:
        raise ReportError("退回时请写明原因，以便起草人修改。", field="reason")
    with transaction.atomic():
        locked = lock(report)
        if locked.state not in (ReportState.DRAFT, ReportState.APPROVED):
            raise ReportError(f"该年报当前为“{locked.get_state_display()}”，不能退回。")
        before = locked.get_state_display()
        locked.state, locked.return_reason = ReportState.DRAFT, reason
        locked.approved_by = locked.approved_at = None
        locked.save()
        record(actor, "returned", locked, before={"state": before}, after={"state": "起草中"}, reason=reason)
    return locked


def catalog_node(actor=None) -> CatalogNode:
    """The 年报 item of the county-wide catalogue (created once, by the system)."""
    node = CatalogNode.objects.filter(unit__isnull=True, name=NODE_NAME, is_active=True).first()
    if node is not None:
        return node
    return publishing.create_node(
        None,
        actor=None,
        name=NODE_NAME,
        basis=f"{ARTICLE_DEADLINE}、{ARTICLE_CONTENT}",
        time_limit="部门次年1月31日前，本级政府次年3月31日前",
        subject="本机关",
        channels="政府网站",
        audience="全社会",
        mode="主动",
        level="县级、乡级",
        sort_order=900,
        elements="年度报告全文（含表二、表三、表四），更正说明",
    )


def publish(report: AnnualReport, *, actor, on: date | None = None) -> AnnualReport:
    """Send the approved report to publication: a publishing draft under the 年报 item (成文日期 ``on``, today by
    default), submitted for the confidentiality review; the report is 已发布 when publishing publishes it
    (``on_publication_change``)."""
    if not access.can_publish(actor, report):
        raise refuse("只有本单位的信息编辑可以发布已审定的年报。")
    node = catalog_node()
    with transaction.atomic():
        locked = lock(report)
        if locked.state != ReportState.APPROVED:
            raise ReportError(f"只有已审定的年报可以发布（当前：{locked.get_state_display()}）。")
        _check_into(locked)
        _blocking(locked)
        title = locked.title + ("（更正）" if locked.version > 1 else "")
        pub = publishing.create_draft(
            locked.unit,
            actor=actor,
            title=title,
            body=document.to_html(locked, with_title=False),
            formed_date=on or timezone.localdate(),
            topic="综合政务",
            publisher=locked.unit.name,
            nodes=[node],
        )
        pub = publishing.submit(pub, actor=actor)
        locked.state, locked.publication = ReportState.PUBLISHING, pub
        locked.save()
        record(
            actor,
            "sent",
            locked,
            before={"state": "已审定"},
            after={"state": "发布审查中", "publication": pub.pk, "version": locked.version},
        )
    return locked


def on_publication_change(pub: Publication, action: str) -> None:
    """Publishing's state listener: the report's publication published → the report is 已发布 (that day); returned
    by the reviewer → the report goes back to 已审定 so the unit can fix and resend it."""
    report = AnnualReport.objects.filter(publication=pub).select_related("unit").first()
    if report is None:
        return
    if action == "publish" and pub.state == PubState.PUBLISHED and report.state != ReportState.PUBLISHED:
        day = timezone.localdate(pub.published_at)
        report.state, report.published_on = ReportState.PUBLISHED, day
        report.save(update_fields=["state", "published_on", "updated"])
        record(
            None,
            "published",
            report,
            before={"state": "发布审查中"},
            after={"state": "已发布", "on": day.isoformat(), "late": report.is_late},
        )
    elif action in ("review_return", "withdraw") and report.state == ReportState.PUBLISHING:
        report.state = ReportState.APPROVED
        report.save(update_fields=["state", "updated"])
        record(
            None, "publication_returned", report, before={"state": "发布审查中"}, after={"state": "已审定"}
        )


def correct(report: AnnualReport, *, actor, note: str) -> AnnualReport:
    """Open a correction (更正) of a published report: the published version is kept as it was, the report becomes
    a draft of the next version whose 更正说明 is published at its head."""
    if not access.can_correct(actor, report):
        raise refuse("只有本单位的信息编辑可以更正已发布的年报。")
    note = (note or "").strip()
    if len(note) < 5:
        raise ReportError("请写明更正说明：更正了哪些内容、原因是什么。", field="note")
    with transaction.atomic():
        locked = lock(report)
        if locked.state != ReportState.PUBLISHED:
            raise ReportError("只有已发布的年报可以更正。")
        ReportVersion.objects.create(
            report=locked,
            number=locked.version,
            tables=locked.tables,
            sections=locked.sections,
            html=document.to_html(locked, with_title=False),
            publication=locked.publication,
            published_on=locked.published_on,
            correction_note=locked.correction_note,
        )
        locked.version += 1
        locked.correction_note = note
        locked.state = ReportState.DRAFT
        locked.approved_by = locked.approved_at = None
        locked.published_on = None
        _check_into(locked)
        locked.save()
        record(
            actor,
            "correction",
            locked,
            before={"state": "已发布", "version": locked.version - 1},
            after={"state": "起草中", "version": locked.version},
            reason=note,
        )
    return locked
