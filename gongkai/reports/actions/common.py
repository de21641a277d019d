from __future__ import annotations

from gongkai.audit import services as audit

from ..errors import ReportError
from ..models import AnnualReport


def lock(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)


def record(actor, action: str, report: AnnualReport, *, before=None, after=None, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"reports.{action}",
        obj=report,
        unit=report.unit,
        before=before,
        after=after,
        reason=reason,
    )


def refuse(message: str) -> ReportError:
    return ReportError(message, code="forbidden")
