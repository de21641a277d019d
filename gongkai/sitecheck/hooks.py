"""Plug-ins (called from ``ready``): audit labels and the dashboard cards."""

from __future__ import annotations


def register() -> None:
    from gongkai.audit.presentation import register_actions

    from .audit_labels import LABELS

    register_actions(LABELS)
