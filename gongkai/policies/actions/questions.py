"""Policy Q&A (政策问答): pairs kept by a unit, their publication, the public's "helpful" votes, and the public
searches that found nothing (for the openness office to answer)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.common.richtext import clean_html
from gongkai.core.search import normalize
from gongkai.orgs.models import Unit

from .. import access
from ..errors import PolicyError
from ..models import Question, QuestionFeedback, UnansweredSearch
from ..vocab import QuestionState
from .common import EDITOR_POSTS, MANAGER_POSTS, record, refuse, refuse_office


def save_question(
    unit: Unit, *, actor, existing: Question | None = None, documents=None, services=None, **fields
) -> Question:
    """Create or edit (``existing``) a Q&A pair of ``unit``; fields ``question`` and ``answer`` (sanitised HTML)."""
    if not access.can_draft(actor, unit):
        refuse(actor, unit, EDITOR_POSTS)
    question = existing
    text = " ".join((fields.get("question") or "").split())
    answer = clean_html(fields.get("answer") or "")
    if not text or not answer.strip():
        raise PolicyError("请填写问题和解答。", field="question" if not text else "answer")
    with transaction.atomic():
        before = None
        if question is None:
            question = Question(unit=unit, created_by=actor)
        else:
            if question.unit_id != unit.pk:
                raise PolicyError("不能修改其他单位的问答。", code="forbidden")
            before = {
                "question": question.question,
                "answer_sha": hashlib.sha256(question.answer.encode()).hexdigest()[:12],
            }
        question.question, question.answer = text, answer
        question.search_text = normalize(text + " " + answer)
        question.save()
        if documents is not None:
            question.documents.set(documents)
        if services is not None:
            question.services.set(services)
        record(
            actor,
            "question_save",
            question,
            unit,
            before,
            {"question": text, "answer_sha": hashlib.sha256(answer.encode()).hexdigest()[:12]},
        )
    return question


def set_question_state(question: Question, *, actor, state: str) -> Question:
    if not access.can_publish_question(actor, question):
        refuse(actor, question.unit, MANAGER_POSTS)
    if state not in QuestionState.values:
        raise PolicyError("问答状态不正确。")
    with transaction.atomic():
        before = question.get_state_display()
        question.state = state
        if state == QuestionState.PUBLISHED and not question.published_at:
            question.published_at = timezone.now()
        question.save(update_fields=["state", "published_at", "updated_at"])
        record(
            actor,
            "question_state",
            question,
            question.unit,
            {"state": before},
            {"state": question.get_state_display()},
        )
    return question


def vote(question: Question, *, helpful: bool, voter_key: str) -> bool:
    """Count one "was this helpful" vote per voter per day; returns False for a repeat."""
    # Keyed with the secret so the stored value cannot be reversed to an address by trying them all.
    voter = hmac.new(
        settings.SECRET_KEY.encode(), f"{voter_key}|{timezone.localdate()}|{question.pk}".encode(), "sha256"
    ).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                QuestionFeedback.objects.create(question=question, helpful=helpful, voter=voter)
        except IntegrityError:
            return False
        field = "helpful_yes" if helpful else "helpful_no"
        Question.objects.filter(pk=question.pk).update(**{field: F(field) + 1})
    return True


def log_unanswered(query: str) -> None:
    """A public Q&A search that found nothing (kept short and normalized; no personal data is stored)."""
    query = normalize(" ".join((query or "").split()))[:100]
    if len(query) < 2:
        return
    now = timezone.now()
    with transaction.atomic():
        updated = UnansweredSearch.objects.filter(query=query).update(count=F("count") + 1, last_at=now)
        if not updated:
            try:
                with transaction.atomic():
                    UnansweredSearch.objects.create(query=query, last_at=now)
            except IntegrityError:
                UnansweredSearch.objects.filter(query=query).update(count=F("count") + 1, last_at=now)


def handle_unanswered(
    entry: UnansweredSearch, *, actor, note: str = "", question: Question | None = None
) -> UnansweredSearch:
    if not access.can_administer(actor):
        refuse_office()
    with transaction.atomic():
        entry.handled_at, entry.handled_by = timezone.now(), actor
        entry.handled_note, entry.answered_by = (note or "").strip()[:200], question
        entry.save()
        record(
            actor,
            "unanswered_handle",
            entry,
            after={"note": entry.handled_note, "question": getattr(question, "pk", None)},
        )
    return entry
