"""Plug-ins (called from ``ready``): audit labels, the 政府公报 entry of the 政府信息公开 column, the home feed of
the latest issues."""

from __future__ import annotations


def latest_issues(request=None):
    from django.urls import reverse

    from gongkai.portal.registry import Link

    from .selectors import published_issues

    return [
        Link(f"政府公报 {issue.title}", reverse("zfgb:detail", args=[issue.pk]), issue.issued_on)
        for issue in published_issues()[:8]
    ]


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.portal import registry
    from gongkai.portal.columns import XXGK

    from .audit_labels import LABELS

    register_actions(LABELS)
    registry.register_column_link(XXGK, "政府公报", "/xxgk/zfgb/", order=45)
    registry.register_feed("zfgb:latest", latest_issues, more_url="/xxgk/zfgb/")
