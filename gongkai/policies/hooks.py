"""Plug-ins: publishing extension points, portal navigation and search, dashboard cards (called from ``ready``)."""

from __future__ import annotations

_registered = False


def document_panel(pub):
    """Under an interpretation's public page: the documents it explains (the link back)."""
    from .models import Interpretation
    from .selectors import public_documents

    interp = Interpretation.objects.filter(publication=pub).first()
    if interp is None:
        return None
    docs = list(public_documents().filter(interpretations=interp).select_related("publication"))
    return ("policies/portal/_interpretation_panel.html", {"interpretation": interp, "documents": docs})


def register() -> None:
    global _registered
    from gongkai.publishing import extensions

    from . import services

    extensions.add(extensions.ready_checks, services.document_ready)
    extensions.add(extensions.ready_checks, services.interpretation_ready)
    extensions.add(extensions.state_listeners, services.on_state_change)
    extensions.add(extensions.validity_owners, services.validity_owner)
    extensions.add(extensions.detail_panels, document_panel)
    from gongkai.workspace.registry import register as register_cards

    from . import portal_hooks
    from .cards import policy_cards

    portal_hooks.register()
    register_cards(policy_cards, order=40)
    _registered = True
