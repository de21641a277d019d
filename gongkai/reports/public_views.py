"""Portal downloads of a published report (/xxgk/nianbao/<publication>.docx|.pdf): the version that publication
carries (an earlier version stays downloadable after a correction)."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import Http404
from django.views.decorators.http import require_GET

from gongkai.publishing.models import Publication
from gongkai.publishing.vocab import State

from .models import AnnualReport, ReportVersion
from .views import _file
from .vocab import ReportState


def snapshot_for(pub: Publication):
    """What ``pub`` published: the live report when it is its current published version, else the kept version."""
    report = (
        AnnualReport.objects.filter(publication=pub, state=ReportState.PUBLISHED)
        .select_related("unit")
        .first()
    )
    if report is not None:
        return report, report.version
    version = ReportVersion.objects.filter(publication=pub).select_related("report__unit").first()
    if version is None:
        return None, 0
    old = version.report
    return (
        SimpleNamespace(
            title=old.title,
            year=old.year,
            unit=old.unit,
            tables=version.tables,
            sections=version.sections,
            correction_note=version.correction_note,
        ),
        version.number,
    )


@require_GET
def download(request, pk, fmt):
    pub = Publication.objects.filter(pk=pk, state=State.PUBLISHED).first()
    if pub is None:
        raise Http404("未找到该年报。")
    report, number = snapshot_for(pub)
    if report is None:
        raise Http404("未找到该年报。")
    return _file(report, fmt, f"{report.title}（第{number}版）")
