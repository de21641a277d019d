"""Portal plug-ins of the policy library: navigation, home feeds, site search (registered from ``hooks``), and the
panel linking a policy document's ``info:detail`` page to its page in the library."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

COLUMN = "zcwj"


def _day(value):
    return timezone.localdate(value) if value else None


def latest_documents(request=None):
    from gongkai.portal.registry import Link

    from .selectors import public_documents

    docs = (
        public_documents().select_related("publication__unit").order_by("-publication__published_at", "-id")
    )
    return [
        Link(
            d.publication.title,
            reverse("zc:document", args=[d.pk]),
            _day(d.publication.published_at),
            d.doc_number or d.publication.unit.display_name,
        )
        for d in docs[:8]
    ]


def latest_interpretations(request=None):
    from gongkai.portal.registry import Link
    from gongkai.publishing.vocab import State

    from .models import Interpretation

    items = (
        Interpretation.objects.filter(publication__state=State.PUBLISHED)
        .select_related("publication__unit")
        .order_by("-publication__published_at", "-id")[:8]
    )
    return [
        Link(
            i.publication.title,
            reverse("info:detail", args=[i.publication_id]),
            _day(i.publication.published_at),
            i.get_form_display(),
        )
        for i in items
    ]


def latest_questions(request=None):
    """The newest published Q&A (政策问答) for the home page's 互动交流 block."""
    from gongkai.portal.registry import Link

    from .models import Question
    from .vocab import QuestionState

    items = (
        Question.objects.filter(state=QuestionState.PUBLISHED)
        .select_related("unit")
        .order_by("-published_at", "-id")[:6]
    )
    return [
        Link(
            q.question,
            reverse("zc:question", args=[q.pk]),
            _day(q.published_at),
            f"政策问答 · {q.unit.display_name}",
        )
        for q in items
    ]


def search_questions(query: str, limit: int):
    """Published Q&A in the site search (政策问答)."""
    from gongkai.portal.registry import Hit

    from .selectors import question_terms
    from .selectors import search_questions as find

    hits = []
    terms = question_terms(query)
    found = find(query, limit=limit)
    for i, q in enumerate(found):
        text = " ".join(strip_tags(q.answer).split())
        hits.append(
            Hit(
                title=q.question,
                url=reverse("zc:question", args=[q.pk]),
                snippet=text[:120] + ("…" if len(text) > 120 else ""),
                date=_day(q.published_at),
                source=f"政策问答 · {q.unit.display_name}",
                score=1.5 - i / (10 * max(limit, 1)),
                # Q&A also matches half of the words: the portal lists the answers holding all of them first.
                complete=all(term in q.search_text for term in terms),
            )
        )
    return hits


def policy_panel(pub):
    """Under a policy document's 政府信息 page: its status and the link to its page in the policy library."""
    from .models import PolicyDocument

    doc = PolicyDocument.objects.filter(publication=pub).first()
    if doc is None:
        return None
    from . import services

    try:
        validity = services.validity_of(doc)
    except services.PolicyError:
        validity = None
    return ("policies/portal/_policy_panel.html", {"document": doc, "validity": validity})


def register() -> None:
    from gongkai.portal import registry
    from gongkai.portal.registry import Link
    from gongkai.publishing import extensions

    registry.register_nav("政策文件", "/zcwj/", order=20)
    registry.register_nav("政策问答", "/zcwj/wd/", order=25)
    registry.register_column_link(COLUMN, "政策文件库", "/zcwj/", order=10)
    registry.register_column_link(COLUMN, "现行有效规范性文件目录", "/zcwj/xxml/", order=20)
    registry.register_column_link(COLUMN, "政策问答", "/zcwj/wd/", order=30)
    registry.register_column_link(COLUMN, "政策包", "/zcwj/zt/", order=40)
    registry.register_column_link(COLUMN, "规范性文件清理结果", "/zcwj/ql/", order=50)
    registry.register_feed("home:policies", latest_documents, more_url="/zcwj/")
    registry.register_feed(
        "home:interpretations", latest_interpretations, more_url="/xxgk/info/?code=art20-01-02"
    )
    registry.register_search(search_questions)
    # 互动交流 on the home page: the latest answers, and the way to ask (participation adds its own items).
    registry.register_feed("home:participation", latest_questions, actions=[Link("政策问答", "/zcwj/wd/")])
    extensions.add(extensions.detail_panels, policy_panel)
