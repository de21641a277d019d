"""The confidentiality review (保密审查): submission, taking the item, the five checks and the verdict.

先审后发, 一事一审: a reviewer of the same unit who is not the author decides; nothing is approved with an
unresolved high-severity finding.
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from gongkai.common import storedfiles

from .. import access, extensions, search
from ..errors import PublishBlocked, PublishingError
from ..models import Publication, Review
from ..vocab import REVIEW_CHECK_KEYS, REVIEW_CHECKS, DisclosureMode, Revision, ScanTrigger, State, Verdict
from .common import lock, now, record, refuse, transition
from .scanning import require_scan_done, run_scan


def _check_ready(pub: Publication) -> None:
    problems = []
    if not pub.title.strip():
        problems.append("标题")
    if not pub.body_text.strip() and not pub.attachments.exists():
        problems.append("正文或附件")
    if not pub.formed_date:
        problems.append("成文日期")
    if pub.disclosure_mode == DisclosureMode.ACTIVE:
        if not pub.topic:
            problems.append("主题分类")
        if not pub.nodes.exists():
            problems.append("公开目录（至少选择一个事项）")
    if pub.disclosure_mode == DisclosureMode.WITHHELD and not pub.withheld_ground:
        problems.append("不予公开的法定依据")
    problems += extensions.missing_before_review(pub)
    if problems:
        raise PublishingError(f"提交审查前请补全：{'、'.join(problems)}。")


def submit(publication: Publication, *, actor) -> Publication:
    """Send a draft (or a returned item) for review; the scanner runs first so the reviewer sees its findings."""
    if not access.can_submit(actor, publication):
        refuse(actor, publication.unit, "信息编辑")
    with transaction.atomic():
        pub = lock(publication)
        if not pub.is_editable:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不能提交审查。")
        _check_ready(pub)
        require_scan_done(pub, "提交审查")
        run = run_scan(pub, actor=actor, trigger=ScanTrigger.BEFORE_REVIEW)
        transition(actor, pub, "submit", State.SUBMITTED, submitted_at=now())
        record(
            actor, "scan", pub, after={"trigger": ScanTrigger.BEFORE_REVIEW, "findings": run.findings_total}
        )
    return pub


def _check_reviewer(actor, pub: Publication) -> None:
    if not access.is_reviewer(actor, pub.unit):
        refuse(actor, pub.unit, "保密审查员")
    # A review is a person's decision (一事一审): the system never stands in for the reviewer.
    if actor is None or not access.can_review(actor, pub):
        raise PublishingError(
            "起草人不能审查自己起草的信息（先审后发，审查人须为起草人以外的人员）。", code="forbidden"
        )


def start_review(publication: Publication, *, actor) -> Review:
    """A reviewer takes the item (待审查 → 审查中); one review record per round (一事一审)."""
    _check_reviewer(actor, publication)
    with transaction.atomic():
        pub = lock(publication)
        if pub.state == State.UNDER_REVIEW:
            review = pub.reviews.filter(decided_at__isnull=True).order_by("-id").first()
            if review is not None and review.reviewer_id == actor.pk:
                return review
            if review is not None:
                raise PublishingError(f"该信息正由{review.reviewer.display_name}审查。")
        if pub.state not in (State.SUBMITTED, State.UNDER_REVIEW):
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不在审查环节。")
        review = Review.objects.create(publication=pub, reviewer=actor, round=pub.reviews.count() + 1)
        transition(actor, pub, "review_start", State.UNDER_REVIEW)
    return review


def reviewed_content(pub: Publication) -> str:
    """A short fingerprint of what the reviewer reads: title, text and every file (its content and masked copy).
    The review form carries it; an approval is refused when it changed meanwhile (a file added while the form was
    open), so nothing is approved unseen."""
    h = hashlib.sha256(f"{pub.title}\x00{pub.body_text}".encode())
    for att in sorted(pub.attachments.all(), key=lambda a: a.pk):
        masked = att.masked_file.name if att.masked_file else ""
        h.update(f"\x00{att.pk}|{att.sha256}|{masked}|{att.pending}".encode())
    return h.hexdigest()[:32]


def decide_review(
    publication: Publication,
    *,
    actor,
    checks: dict[str, tuple[bool, str]],
    verdict: str,
    reason: str = "",
    seen: str = "",
) -> Review:
    """Record the five checks and the verdict. Approval needs all five passed and no unresolved high finding;
    a return needs the reasons, which go back to the author. ``seen``: the content fingerprint the reviewer's form
    was made for (``reviewed_content``); an approval of content that changed since is refused."""
    _check_reviewer(actor, publication)
    reason = (reason or "").strip()
    missing = [label for key, label, _ in REVIEW_CHECKS if key not in checks or checks[key][0] is None]
    if missing:
        raise PublishingError(f"请逐项填写审查结论：{'、'.join(missing)}。")
    failed = [label for key, label, _ in REVIEW_CHECKS if not checks[key][0]]
    if verdict == Verdict.APPROVED and failed:
        raise PublishingError(f"{'、'.join(failed)}未通过，不能同意公开；请退回修改并写明原因。")
    for key, label, _ in REVIEW_CHECKS:
        if checks[key][0] is False and not checks[key][1].strip():
            raise PublishingError(f"{label}未通过时请写明意见。", field=f"{key}_comment")
    if (
        verdict == Verdict.RETURNED
        and not reason
        and not any(checks[k][1].strip() for k in REVIEW_CHECK_KEYS)
    ):
        raise PublishingError("退回时请写明退回原因，以便起草人修改。", field="reason")
    if verdict not in Verdict.values:
        raise PublishingError("请选择审查结论。", field="verdict")
    if verdict == Verdict.APPROVED:
        require_scan_done(publication, "审核通过")
    with transaction.atomic():
        pub = lock(publication)
        review: Review | None
        if verdict == Verdict.APPROVED and seen and seen != reviewed_content(pub):
            raise PublishingError("审查期间该信息的正文或附件有变化，请刷新审查单，查看最新内容后再作结论。")
        if pub.state == State.PUBLISHED and pub.revision == Revision.PENDING:
            return _decide_revision(pub, actor=actor, checks=checks, verdict=verdict, reason=reason)
        if pub.state == State.SUBMITTED:
            review = Review.objects.create(publication=pub, reviewer=actor, round=pub.reviews.count() + 1)
        elif pub.state == State.UNDER_REVIEW:
            review = pub.reviews.filter(decided_at__isnull=True).order_by("-id").first()
            if review is None or review.reviewer_id != actor.pk:
                raise PublishingError("该信息正由其他审查员审查。")
        else:
            raise PublishingError(f"“{pub.get_state_display()}”状态的信息不在审查环节。")
        if verdict == Verdict.APPROVED:
            blocking = list(pub.blocking_findings())
            if blocking:
                raise PublishBlocked(blocking)
        for key in REVIEW_CHECK_KEYS:
            passed, comment = checks[key]
            setattr(review, f"{key}_passed", bool(passed))
            setattr(review, f"{key}_comment", (comment or "").strip())
        review.verdict = verdict
        review.reason = reason
        review.decided_at = now()
        review.save()
        detail = {
            "round": review.round,
            "verdict": verdict,
            "checks": {key: bool(checks[key][0]) for key in REVIEW_CHECK_KEYS},
        }
        if verdict == Verdict.APPROVED:
            transition(actor, pub, "review_approve", State.APPROVED, reason, approved_at=now())
        else:
            transition(actor, pub, "review_return", State.RETURNED, reason)
        record(actor, "review_record", pub, after=detail, reason=reason)
    return review


def _decide_revision(pub: Publication, *, actor, checks, verdict: str, reason: str) -> Review:
    """The review of a published item's new version (修订): approved, its pending files go public (a replacement
    takes the place of the file it replaces); returned, the public keeps the old version and the editors fix or
    delete the pending files."""
    pending = list(pub.attachments.filter(pending=True).select_related("replaces"))
    if any(att.uploaded_by_id == getattr(actor, "pk", None) for att in pending):
        raise PublishingError(
            "上传新版本文件的人员不能审查该新版本（先审后发，审查人须为他人）。", code="forbidden"
        )
    if verdict == Verdict.APPROVED:
        blocking = list(pub.blocking_findings())
        if blocking:
            raise PublishBlocked(blocking)
    review = Review(publication=pub, reviewer=actor, round=pub.reviews.count() + 1, revision=True)
    for key in REVIEW_CHECK_KEYS:
        passed, comment = checks[key]
        setattr(review, f"{key}_passed", bool(passed))
        setattr(review, f"{key}_comment", (comment or "").strip())
    review.verdict, review.reason, review.decided_at = verdict, reason, now()
    review.save()
    files = [att.name for att in pending]
    if verdict == Verdict.APPROVED:
        replaced = [att.replaces for att in pending if att.replaces is not None]
        pub.attachments.filter(pk__in=[att.pk for att in pending]).update(pending=False, replaces=None)
        for old in replaced:
            # The approved replacement takes its place (its history stays in the audit log); its stored files
            # go once the decision is committed.
            for field in (old.file, old.masked_file):
                if field:
                    storedfiles.delete_on_commit(field.storage, field.name)
            old.delete()
        pub.revision = ""
        action = "revision_approve"
    else:
        pub.revision = Revision.RETURNED
        action = "revision_return"
    pub.save(update_fields=["revision", "updated_at"])
    record(
        actor,
        action,
        pub,
        {"revision": Revision.PENDING},
        {
            "revision": pub.revision,
            "round": review.round,
            "verdict": verdict,
            "files": files,
            "replaced": [att.replaces.name for att in pending if att.replaces is not None],
            "checks": {key: bool(checks[key][0]) for key in REVIEW_CHECK_KEYS},
        },
        reason,
    )
    if verdict == Verdict.APPROVED:
        search.index_publication(pub)
    return review
