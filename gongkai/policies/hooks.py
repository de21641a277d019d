"""Plug-ins: publishing extension points, portal navigation and search, dashboard cards (called from ``ready``)."""

from __future__ import annotations


def document_panel(pub):
    """Under an interpretation's public page: the documents it explains (the link back)."""
    from .models import Interpretation
    from .selectors import public_documents

    interp = Interpretation.objects.filter(publication=pub).first()
    if interp is None:
        return None
    docs = list(public_documents().filter(interpretations=interp).select_related("publication"))
    return ("policies/portal/_interpretation_panel.html", {"interpretation": interp, "documents": docs})


def staff_links(pub):
    """On the publishing item page: the way back to the policy record (document or interpretation)."""
    from django.urls import NoReverseMatch, reverse

    from .models import Interpretation, PolicyDocument

    try:
        doc = PolicyDocument.objects.filter(publication=pub).values_list("pk", flat=True).first()
        if doc:
            return [("政策文件库中的记录（有效性、文件关系、解读）", reverse("policies:detail", args=[doc]))]
        interp = Interpretation.objects.filter(publication=pub).values_list("pk", flat=True).first()
        if interp:
            return [("解读的文件与内容要素", reverse("policies:interpretation_edit", args=[interp]))]
    except NoReverseMatch:
        pass
    return []


def _document_owner(kwargs, params):
    """A policy document's public page belongs to the unit that published it (找错 reports go there)."""
    from gongkai.portal.registry import PageOwner

    from .selectors import public_documents

    pk = kwargs.get("pk")
    found = public_documents().filter(pk=pk).values_list("publication__unit_id", flat=True).first()
    return PageOwner(found, "政策文件发布单位") if found else None


def register() -> None:
    from gongkai.publishing import extensions

    from . import services

    extensions.add(extensions.ready_checks, services.document_ready)
    extensions.add(extensions.ready_checks, services.interpretation_ready)
    extensions.add(extensions.state_listeners, services.on_state_change)
    extensions.add(extensions.state_listeners, services.on_notice_change)
    extensions.add(extensions.validity_owners, services.validity_owner)
    extensions.add(extensions.detail_panels, document_panel)
    extensions.add(extensions.staff_links, staff_links)
    from gongkai.workspace.registry import register as register_cards

    from . import portal_hooks
    from .cards import policy_cards

    portal_hooks.register()
    from gongkai.portal import registry

    registry.register_page_owner("zc:document", _document_owner)
    register_cards(policy_cards, order=40)
    from . import figures

    figures.register()
