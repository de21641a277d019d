"""先审后发 for files: a change after approval is reviewed again; on a published item it is a new version under
review while the public keeps the old one (issue 11 item 2)."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.publishing import search, services
from gongkai.publishing.errors import PublishingError
from gongkai.publishing.vocab import Revision, State, Verdict

from .factories import Upload, docx_bytes
from .test_workflow import ALL_PASS, approve, draft

pytestmark = pytest.mark.django_db


def docx(text: str, name: str) -> Upload:
    return Upload(docx_bytes([text]), name)


def public_page(client, pub) -> str:
    from django.core.cache import cache

    cache.clear()
    return client.get(reverse("info:detail", args=[pub.pk])).content.decode()


def test_file_added_after_approval_must_be_reviewed_before_publishing(world, client):
    w = world
    pub = draft(w)
    approve(w, pub)
    pub.refresh_from_db()
    assert pub.state == State.APPROVED
    services.add_attachment(pub, actor=w.editor, uploaded=docx("审查后加入的内容", "补充材料.docx"))
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED and pub.approved_at is None
    with pytest.raises(PublishingError):
        services.publish(pub, actor=w.editor)
    assert AuditEvent.objects.filter(action="publishing.back_to_review", object_id=str(pub.pk)).exists()
    services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)
    services.publish(pub, actor=w.reviewer)
    assert "补充材料.docx" in public_page(client, pub)


def test_removing_or_masking_after_approval_also_goes_back(world):
    w = world
    pub = draft(w)
    att = services.add_attachment(pub, actor=w.editor, uploaded=docx("原件", "原件.docx"))
    approve(w, pub)
    services.remove_attachment(att, actor=w.editor)
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED


def test_file_added_to_a_published_item_stays_hidden_until_the_new_version_is_approved(world, client):
    w = world
    pub = draft(w)
    old = services.add_attachment(pub, actor=w.editor, uploaded=docx("第一版名单", "名单.docx"))
    approve(w, pub)
    services.publish(pub, actor=w.reviewer)
    before = public_page(client, pub)
    assert "名单.docx" in before

    added = services.add_attachment(pub, actor=w.both, uploaded=docx("未经审查的补充内容", "补充.docx"))
    new = services.replace_attachment(old, actor=w.editor, uploaded=docx("第二版名单", "名单2.docx"))
    pub.refresh_from_db()
    old.refresh_from_db()
    assert pub.state == State.PUBLISHED and pub.revision == Revision.PENDING
    assert added.pending and new.pending and new.replaces == old and not old.pending
    # The public still sees only the approved version: page, file downloads, search text.
    page = public_page(client, pub)
    assert "名单.docx" in page and "补充.docx" not in page and "名单2.docx" not in page
    for att in (added, new):
        assert client.get(reverse("info:attachment", args=[pub.pk, att.pk])).status_code == 404
    assert client.get(reverse("info:attachment", args=[pub.pk, old.pk])).status_code == 200
    assert "未经审查" not in search.public_text(pub) and "第二版" not in search.public_text(pub)

    # It is in the review queue; the uploader may not review it; another reviewer approves.
    assert pub in [row["pub"] for row in services_queue(w.reviewer)]
    with pytest.raises(PublishingError, match="审查"):  # w.both reviews, but uploaded a file of this version
        services.decide_review(pub, actor=w.both, checks=ALL_PASS, verdict=Verdict.APPROVED)
    services.decide_review(pub, actor=w.reviewer, checks=ALL_PASS, verdict=Verdict.APPROVED)
    pub.refresh_from_db()
    assert pub.revision == "" and pub.reviews.filter(revision=True).count() == 1
    page = public_page(client, pub)
    assert "补充.docx" in page and "名单2.docx" in page
    assert not pub.attachments.filter(pk=old.pk).exists()
    assert "第二版名单" in search.public_text(pub)
    actions = set(AuditEvent.objects.filter(object_id=str(pub.pk)).values_list("action", flat=True))
    assert {"publishing.revision_submit", "publishing.revision_approve"} <= actions


def test_returned_new_version_keeps_the_old_files_public(world, client):
    w = world
    pub = draft(w)
    services.add_attachment(pub, actor=w.editor, uploaded=docx("原件", "原件.docx"))
    approve(w, pub)
    services.publish(pub, actor=w.reviewer)
    added = services.add_attachment(pub, actor=w.editor, uploaded=docx("有问题的文件", "问题.docx"))
    services.decide_review(
        pub,
        actor=w.reviewer,
        checks={**ALL_PASS, "secrecy": (False, "含内部信息")},
        verdict=Verdict.RETURNED,
        reason="请删除该文件",
    )
    pub.refresh_from_db()
    assert pub.revision == Revision.RETURNED and pub.state == State.PUBLISHED
    assert "问题.docx" not in public_page(client, pub)
    client.force_login(w.editor)
    page = client.get(reverse("publishing:detail", args=[pub.pk])).content.decode()
    assert "新版本的附件已被退回" in page
    services.remove_attachment(added, actor=w.editor)
    pub.refresh_from_db()
    assert pub.revision == "" and "原件.docx" in public_page(client, pub)


def services_queue(user):
    from gongkai.publishing import selectors

    return selectors.review_queue(user)


def test_demo_has_a_new_version_pending_and_one_returned(client, settings, tmp_path):
    import io

    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo
    from gongkai.publishing import demo
    from gongkai.publishing.models import Publication

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    revisions = dict(Publication.objects.exclude(revision="").values_list("revision", "pk"))
    assert set(revisions) == {Revision.PENDING, Revision.RETURNED}
    pending = Publication.objects.get(pk=revisions[Revision.PENDING])
    assert pending.state == State.PUBLISHED and pending.attachments.filter(pending=True).count() == 1
    page = public_page(client, pending)
    assert "征收范围表.xlsx" in page and "补偿标准表" not in page


def test_file_added_while_the_review_form_is_open_is_not_approved_unseen(world, client):
    w = world
    pub = draft(w)
    services.submit(pub, actor=w.editor)
    client.force_login(w.reviewer)
    page = client.get(reverse("publishing:review", args=[pub.pk])).content.decode()
    seen = services.reviewed_content(pub)
    assert f'value="{seen}"' in page
    services.add_attachment(pub, actor=w.editor, uploaded=docx("审查单打开后加入", "后加.docx"))
    data = {"verdict": Verdict.APPROVED, "reason": "", "seen": seen}
    data.update({f"{key}_result": "pass" for key in ALL_PASS})
    r = client.post(reverse("publishing:review", args=[pub.pk]), data)
    assert "审查期间该信息的正文或附件有变化" in r.content.decode()
    pub.refresh_from_db()
    assert pub.state == State.SUBMITTED
    data["seen"] = services.reviewed_content(pub)
    client.post(reverse("publishing:review", args=[pub.pk]), data)
    pub.refresh_from_db()
    assert pub.state == State.APPROVED
