"""Plug-ins: audit labels, publishing extension points, portal navigation and feeds, dashboard cards, figures
(called from ``ready``)."""

from __future__ import annotations


def register() -> None:
    from gongkai.audit.presentation import register_actions

    from .audit_labels import LABELS

    register_actions(LABELS)
