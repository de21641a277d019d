"""Plug-ins (called from ``ready``): audit labels, publishing's state listener and public-page panel, the portal's
年报 list, the dashboard cards."""

from __future__ import annotations


def nianbao_feed(request):
    """The portal's 信息公开年报 column: each report's version now on the site (during a correction, the version
    published before it), newest year first."""
    from django.urls import reverse

    from gongkai.portal.registry import Link

    from .selectors import public_versions

    return [
        Link(title, reverse("info:detail", args=[pub_id]), day, unit)
        for title, pub_id, day, unit in public_versions(limit=200)
    ]


def report_panel(pub):
    """Under a report's public page: the .docx and PDF downloads and the earlier versions."""
    from .models import AnnualReport, ReportVersion

    report = AnnualReport.objects.filter(publication=pub).first()
    if report is None:
        version = ReportVersion.objects.filter(publication=pub).select_related("report").first()
        if version is None:
            return None
        report = version.report
    return (
        "reports/portal/_panel.html",
        {
            "report": report,
            "versions": list(report.versions.all()),
            "current": report.publication_id == pub.pk,
        },
    )


def register() -> None:
    from gongkai.audit.presentation import register_actions
    from gongkai.portal import registry as portal
    from gongkai.publishing import extensions
    from gongkai.workspace.registry import register as register_cards

    from . import services
    from .audit_labels import LABELS
    from .cards import report_cards

    register_actions(LABELS)
    from . import figures

    figures.register()
    extensions.add(extensions.state_listeners, services.on_publication_change)
    extensions.add(extensions.detail_panels, report_panel)
    portal.register_feed("xxgk:nianbao", nianbao_feed)
    register_cards(report_cards, order=70)
