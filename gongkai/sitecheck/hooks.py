"""Plug-ins (called from ``ready``): audit labels, the dashboard cards and the figures sitecheck offers."""

from __future__ import annotations


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.workspace.registry import register as register_cards

    from .audit_labels import LABELS
    from .cards import due_cards, inspection_cards

    register_actions(LABELS)
    register_cards(due_cards, order=75)
    register_cards(inspection_cards, order=76)
    from . import figures

    figures.register()
