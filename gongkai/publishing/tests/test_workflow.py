"""Workflow: drafting, scanning, masking, review (reviewer ≠ author), publication, withdrawal, 索引号."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.publishing import search, services
from gongkai.publishing.models import CatalogNode, Finding, Publication
from gongkai.publishing.vocab import FindingStatus, State, Verdict

from .factories import FORMED, Upload, id_number, subsidy_rows, xlsx_bytes

ALL_PASS = dict.fromkeys(("political", "legal", "policy", "secrecy", "wording"), (True, ""))


def node(code="art20-11"):
    return CatalogNode.objects.get(code=code)


def draft(w, body="<p>各村：现将补贴发放情况公示如下。</p>", **extra):
    fields = {
        "title": "城关镇2026年耕地地力保护补贴发放公示",
        "body": body,
        "formed_date": FORMED,
        "topic": "农业、林业、水利",
        "nodes": [node()],
        **extra,
    }
    return services.create_draft(w.town, actor=w.editor, **fields)


def approve(w, pub, reviewer=None):
    services.submit(pub, actor=w.editor)
    return services.decide_review(
        pub, actor=reviewer or w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED
    )


@pytest.mark.django_db
def test_draft_is_scanned_at_once_and_masked_in_one_click(world):
    w = world
    pid = id_number()
    pub = draft(w, body=f"<p>申请人王建国，身份证号{pid}，电话13807991234。</p>")
    kinds = sorted(pub.findings.values_list("kind", flat=True))
    assert kinds == ["id_number", "mobile"]
    high = pub.findings.get(kind="id_number")
    assert high.severity == "high" and high.context and pid in high.context
    masked = services.mask_publication(pub, actor=w.editor)
    pub.refresh_from_db()
    assert masked == 2
    assert pid not in pub.body and "13807991234" not in pub.body
    assert "138****1234" in pub.body_text and pid[:2] + "*" in pub.body_text
    assert set(pub.findings.values_list("status", flat=True)) == {FindingStatus.MASKED}
    assert AuditEvent.objects.filter(action="publishing.mask", object_id=str(pub.pk)).exists()


@pytest.mark.django_db
def test_reviewer_who_is_the_author_is_refused(world):
    w = world
    pub = services.create_draft(
        w.town,
        actor=w.both,
        title="自己起草的通知",
        body="<p>正文</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[node()],
    )
    services.submit(pub, actor=w.both)
    with pytest.raises(services.PublishingError, match="起草人不能审查"):
        services.start_review(pub, actor=w.both)
    with pytest.raises(services.PublishingError, match="起草人不能审查"):
        services.decide_review(pub, actor=w.both, checks=ALL_PASS, verdict=Verdict.APPROVED)
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED and not pub.reviews.exists()


@pytest.mark.django_db
def test_reviewer_of_another_unit_is_refused(world):
    w = world
    pub = draft(w)
    services.submit(pub, actor=w.editor)
    with pytest.raises(services.PublishingError):
        services.decide_review(pub, actor=w.dept_reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)


@pytest.mark.django_db
def test_publish_blocked_by_high_finding_until_reviewer_overrides(world):
    w = world
    pub = draft(w)
    approve(w, pub)
    # A leak appears after approval (e.g. the term list or the scanner improved): publish re-scans and refuses.
    Publication.objects.filter(pk=pub.pk).update(body=f"<p>联系人身份证 {id_number(seq='777')}</p>")
    pub.refresh_from_db()
    pub.body_text = f"联系人身份证 {id_number(seq='777')}"
    pub.save()
    with pytest.raises(services.PublishBlocked):
        services.publish(pub, actor=w.editor)
    pub.refresh_from_db()
    assert pub.state == State.APPROVED and not pub.index_number
    finding = pub.findings.get(kind="id_number")
    assert finding.status == FindingStatus.OPEN
    assert AuditEvent.objects.filter(action="publishing.publish_blocked", object_id=str(pub.pk)).exists()
    # The author may not override; a reviewer must, with a reason.
    with pytest.raises(services.PublishingError):
        services.resolve_finding(finding, actor=w.editor, status=FindingStatus.OVERRIDDEN, reason="无所谓")
    with pytest.raises(services.PublishingError, match="理由"):
        services.resolve_finding(finding, actor=w.reviewer, status=FindingStatus.OVERRIDDEN, reason="")
    services.resolve_finding(
        finding, actor=w.reviewer, status=FindingStatus.OVERRIDDEN, reason="本人书面同意公开，见附件说明"
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OVERRIDDEN and finding.resolved_by == w.reviewer
    event = AuditEvent.objects.get(action="publishing.finding_override", object_id=str(pub.pk))
    assert event.reason == "本人书面同意公开，见附件说明" and event.actor == w.reviewer
    services.publish(pub, actor=w.editor)
    pub.refresh_from_db()
    assert pub.state == State.PUBLISHED
    # The decision survives the re-scan at publication.
    assert pub.findings.get(kind="id_number").status == FindingStatus.OVERRIDDEN


@pytest.mark.django_db
def test_approval_refused_while_high_finding_open(world):
    w = world
    pub = draft(w, body=f"<p>身份证号 {id_number()}</p>")
    services.submit(pub, actor=w.editor)
    with pytest.raises(services.PublishBlocked):
        services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED and not pub.reviews.exists()


@pytest.mark.django_db
def test_return_needs_reason_and_goes_back_to_author(world):
    w = world
    pub = draft(w)
    services.submit(pub, actor=w.editor)
    services.start_review(pub, actor=w.reviewer)
    checks = dict(ALL_PASS, wording=(False, ""))
    with pytest.raises(services.PublishingError, match="文字关未通过时请写明意见"):
        services.decide_review(pub, actor=w.reviewer, checks=checks, verdict=Verdict.RETURNED)
    checks["wording"] = (False, "标题中“耕地地力保护补贴”后缺少“资金”二字")
    with pytest.raises(services.PublishingError, match="不能同意公开"):
        services.decide_review(pub, actor=w.reviewer, checks=checks, verdict=Verdict.APPROVED)
    review = services.decide_review(
        pub, actor=w.reviewer, checks=checks, verdict=Verdict.RETURNED, reason="请修改标题"
    )
    pub.refresh_from_db()
    assert (
        pub.state == State.RETURNED and review.verdict == Verdict.RETURNED and review.wording_passed is False
    )
    assert review.decided_at is not None and review.reviewer == w.reviewer
    # The author edits and resubmits; the second round has its own record.
    services.update_draft(pub, actor=w.editor, title="城关镇2026年耕地地力保护补贴资金发放公示")
    approve(w, pub)
    assert list(pub.reviews.order_by("round").values_list("round", "verdict")) == [
        (1, Verdict.RETURNED),
        (2, Verdict.APPROVED),
    ]


@pytest.mark.django_db
def test_index_number_assigned_once_and_never_reused(world):
    w = world
    first = draft(w)
    approve(w, first)
    services.publish(first, actor=w.editor)
    first.refresh_from_db()
    year = timezone.localdate().year
    assert first.index_number == f"014500001/{year}-00001"
    services.withdraw(first, actor=w.editor, reason="内容有误")
    second = draft(w, title="第二条信息")
    approve(w, second)
    services.publish(second, actor=w.editor)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.index_number == f"014500001/{year}-00002"
    assert first.state == State.WITHDRAWN and first.index_number.endswith("-00001")
    assert first.withdraw_reason == "内容有误"


@pytest.mark.django_db
def test_unit_without_prefix_uses_its_id(world):
    w = world
    pub = services.create_draft(
        w.dept,
        actor=w.dept_editor,
        title="发改委通知",
        body="<p>正文</p>",
        formed_date=FORMED,
        topic="综合政务",
        nodes=[node("art20-01")],
    )
    services.submit(pub, actor=w.dept_editor)
    services.decide_review(pub, actor=w.dept_reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)
    services.publish(pub, actor=w.dept_reviewer)
    pub.refresh_from_db()
    assert pub.index_number.startswith(f"{w.dept.pk:06d}/")


@pytest.mark.django_db
def test_xlsx_attachment_ids_found_masked_copy_kept_original_retained(world):
    w = world
    pub = draft(w)
    rows = subsidy_rows(3)
    att = services.add_attachment(pub, actor=w.editor, uploaded=Upload(xlsx_bytes(rows), "补贴名单.xlsx"))
    found = pub.findings.filter(attachment=att)
    assert found.filter(kind="id_number").count() == 3 and found.filter(kind="mobile").count() == 3
    ids = found.filter(kind="id_number").first()
    assert "!" in ids.location and ids.severity == "high" and ids.aggregated  # name in the same row
    services.mask_publication(pub, actor=w.editor)
    att.refresh_from_db()
    assert att.masked_file and att.masked_at
    assert rows[1][2] not in att.masked_text and rows[1][2] in att.text
    assert "138****1000" in att.masked_text
    with att.file.open("rb") as fh:
        assert fh.read(2) == b"PK"
    assert not pub.findings.filter(status=FindingStatus.OPEN, severity="high").exists()


@pytest.mark.django_db
def test_upload_checked_by_content_and_type(world):
    w = world
    pub = draft(w)
    with pytest.raises(services.PublishingError, match="内容不是 Excel 工作簿（实际是 PDF 文件）"):
        services.add_attachment(pub, actor=w.editor, uploaded=Upload(b"%PDF-1.4 fake", "名单.xlsx"))
    with pytest.raises(services.PublishingError, match="是可执行程序，此处不能使用"):
        services.add_attachment(pub, actor=w.editor, uploaded=Upload(b"MZ\x90\x00", "setup.exe"))
    with pytest.raises(services.PublishingError, match="空文件"):
        services.add_attachment(pub, actor=w.editor, uploaded=Upload(b"", "空.pdf"))
    assert not pub.attachments.exists()


@pytest.mark.django_db
def test_pdf_with_personal_data_is_flagged_for_replacement(world, monkeypatch):
    w = world
    pub = draft(w)
    from gongkai.core import textscan
    from gongkai.publishing import files

    pid = id_number()
    monkeypatch.setattr(files, "extract_text", lambda data, name, kind: (f"张三 {pid}", ""))
    monkeypatch.setattr(
        textscan,
        "scan_file",
        lambda data, name, **kw: [f.moved(can_mask=False) for f in textscan.scan_text(f"张三 {pid}")],
    )
    att = services.add_attachment(pub, actor=w.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF", "名单.pdf"))
    finding = pub.findings.get(attachment=att, kind="id_number")
    assert not finding.can_mask
    services.mask_publication(pub, actor=w.editor, finding_ids=[finding.pk])
    att.refresh_from_db()
    assert att.needs_replacement and not att.masked_file
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


@pytest.mark.django_db
def test_masked_values_are_not_findings(world):
    pub = draft(world, body="<p>联系电话138****1234，身份证35*************123。</p>")
    assert not pub.findings.exists()


@pytest.mark.django_db
def test_secrecy_marking_blocks(world):
    w = world
    pub = draft(w, body="<p>机密★1年</p><p>正文内容</p>")
    f = pub.findings.get(kind="secrecy_marking")
    assert f.severity == "high" and not f.can_mask
    services.submit(pub, actor=w.editor)
    with pytest.raises(services.PublishBlocked):
        services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)


@pytest.mark.django_db
def test_office_terms_feed_the_scanner(world):
    w = world
    services.save_term(
        actor=w.office,
        wrong="城关镇政府办公厅",
        correct="城关镇党政办公室",
        note="机构名称",
        severity="medium",
    )
    pub = draft(w, body="<p>城关镇政府办公厅负责。</p>")
    f = pub.findings.get(kind="term")
    assert f.replacement == "城关镇党政办公室"
    with pytest.raises(services.PublishingError):
        services.save_term(actor=w.editor, wrong="甲", correct="乙")


@pytest.mark.django_db
def test_scheduled_publication(world):
    w = world
    pub = draft(w)
    approve(w, pub)
    when = timezone.now() + timedelta(hours=2)
    services.schedule(pub, actor=w.editor, when=when)
    done, refused = services.publish_due(now=timezone.now())
    assert not done and not refused
    done, refused = services.publish_due(now=when + timedelta(minutes=1))
    assert [p.pk for p in done] == [pub.pk] and not refused
    pub.refresh_from_db()
    assert pub.state == State.PUBLISHED and pub.scheduled_at is None
    assert AuditEvent.objects.filter(action="publishing.publish", object_id=str(pub.pk), actor=None).exists()


@pytest.mark.django_db
def test_timeliness_twenty_working_days(world):
    # 2026-03-02 (Monday) + 20 working days = 2026-03-30 (no holiday in March 2026).
    info = services.timeliness(date(2026, 3, 2), date(2026, 3, 30))
    assert (
        info["publish_deadline"] == date(2026, 3, 30)
        and not info["is_late"]
        and info["working_days_taken"] == 20
    )
    late = services.timeliness(date(2026, 3, 2), date(2026, 3, 31))
    assert late["is_late"] and late["working_days_taken"] == 21


@pytest.mark.django_db
def test_withdrawn_item_leaves_the_search_index(world):
    w = world
    pub = draft(w, title="城关镇低保名单公示")
    approve(w, pub)
    services.publish(pub, actor=w.editor)
    assert [h.publication.pk for h in search.search("低保").hits] == [pub.pk]
    services.withdraw(pub, actor=w.reviewer, reason="名单有误，核实后重新公示")
    assert search.search("低保").hits == []


@pytest.mark.django_db
def test_editor_of_other_unit_cannot_touch(world):
    w = world
    pub = draft(w)
    with pytest.raises(services.PublishingError):
        services.update_draft(pub, actor=w.dept_editor, title="改")
    with pytest.raises(services.PublishingError):
        services.submit(pub, actor=w.dept_editor)


@pytest.mark.django_db
def test_doc_number_normalized(world):
    pub = draft(world, doc_number="城政字[2026]007号")
    assert pub.doc_number == "城政字〔2026〕7号"
    with pytest.raises(services.PublishingError, match="文号"):
        draft(world, doc_number="第七号文件")


@pytest.mark.django_db
def test_rescan_published_reports_new_findings(world):
    w = world
    pub = draft(w, body="<p>请做为重点工作推进。</p>")
    Finding.objects.filter(publication=pub).delete()
    pub.findings.all().delete()
    approve(w, pub)
    services.publish(pub, actor=w.editor)
    before = Finding.objects.filter(publication=pub).count()
    services.save_term(actor=w.office, wrong="重点工作推进", correct="重点推进", severity="low")
    report = services.rescan_published(actor=w.office)
    assert report.run.items >= 1 and report.run.new_findings >= 1
    assert report.new_by_unit.get(w.town.name, 0) >= 1
    assert Finding.objects.filter(publication=pub).count() > before
