"""Who may do what with annual reports (年报): one function per rule. ``user=None`` is the system (jobs, demo,
commands) and may do everything; the openness office holds every post in every unit (the role model's rule).

- 谁起草: the unit's 信息编辑 generate, edit and send the report for publication;
- 单位负责人 (the unit leader) approves it (审定) — 分管领导是第一责任人 (国办公开办函〔2021〕30号);
- the openness office runs the year: the board, generating every unit's draft, reminders, batch checks, and the
  county government's report.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

from .vocab import ReportState, Scope

_EDITORS = (Role.EDITOR,)
_LEADERS = (Role.LEADER,)


def _holds(user, roles, unit) -> bool:
    return user is None or permissions.has_role(user, roles, unit)


def is_office(user) -> bool:
    """The openness office (政务公开办) and system administrators."""
    return user is None or permissions.is_office_admin(user)


def can_view(user, report) -> bool:
    """See a report before it is published: staff of its unit, the office."""
    return user is None or permissions.can_see_unit(user, report.unit)


def can_draft(user, unit, scope: str = Scope.UNIT) -> bool:
    """Generate or regenerate a unit's draft: its editors; the county government's report: the office too."""
    if scope == Scope.GOVERNMENT and is_office(user):
        return True
    return _holds(user, _EDITORS, unit)


def can_edit(user, report) -> bool:
    """Change the inputs and the text of a draft: the unit's editors."""
    return report.state == ReportState.DRAFT and can_draft(user, report.unit, report.scope)


def can_approve(user, report) -> bool:
    """审定 (or return) a draft: the unit's leader."""
    return report.state == ReportState.DRAFT and _holds(user, _LEADERS, report.unit)


def can_return(user, report) -> bool:
    """Send a draft back, or take back an approval not yet sent to publication: the unit's leader."""
    return report.state in (ReportState.DRAFT, ReportState.APPROVED) and _holds(user, _LEADERS, report.unit)


def can_publish(user, report) -> bool:
    """Send an approved report to publication (保密审查 then 发布, publishing's rules): the unit's editors."""
    return report.state == ReportState.APPROVED and can_draft(user, report.unit, report.scope)


def can_correct(user, report) -> bool:
    """Open a correction of a published report (更正): the unit's editors."""
    return report.state == ReportState.PUBLISHED and can_draft(user, report.unit, report.scope)


def can_run_year(user) -> bool:
    """The office board, generating every draft, reminders, batch uploads and their export."""
    return is_office(user)
