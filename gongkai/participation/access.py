"""Who may do what in public participation (公众参与): one function per rule.

The services enforce these, the views answer 403 and choose the buttons with them; nothing else in the app looks at
roles. ``user=None`` is the system (jobs, demo, commands) and may do everything. A consultation's draft is a
publication, so its drafting, review and publication follow publishing's rules (``gongkai.publishing.access``);
these add what participation has beyond it:

- the unit that runs a consultation (its editors, reviewers and leader) handles the opinions and publishes the
  feedback; the unit's editors draft the consultation;
- the catalogue belongs to the government that keeps it (the office for the county's); each decision is also
  managed by its 承办单位;
- sign-ups, seat applications and opinions' submitter data are seen by the organising unit and the office only;
- the openness office sees and manages everything.
"""

from __future__ import annotations

from gongkai.publishing import access as publishing
from gongkai.roles import permissions


def refusal(user, unit, posts: str) -> str:
    return publishing.refusal(user, unit, posts)


def is_office(user) -> bool:
    """The openness office (政务公开办) or a system administrator."""
    return publishing.is_office(user)


def can_draft(user, unit) -> bool:
    """Start a consultation, an open-day plan or a meeting for ``unit``: the unit's editors."""
    return publishing.can_draft(user, unit)


def can_manage(user, unit) -> bool:
    """Manage ``unit``'s participation work (opinions, feedback, sessions, seats): editors, reviewers, leader."""
    return publishing.is_manager(user, unit)


def can_see_personal_data(user, unit) -> bool:
    """See submitters' and participants' names and contacts: the organising unit's staff and the office."""
    return user is None or permissions.can_see_unit(user, unit)


def can_handle_opinions(user, consultation) -> bool:
    """Hide, merge and decide opinions; enter opinions received by e-mail, post or at a symposium."""
    return can_manage(user, consultation.unit)


def can_publish_feedback(user, consultation) -> bool:
    """Publish the feedback report (意见采纳情况反馈)."""
    return can_manage(user, consultation.unit)


def can_manage_catalog(user, catalog) -> bool:
    """Keep a decision catalogue (items, approval, adjustments, year-end list): the managers of its government."""
    return can_manage(user, catalog.unit)


def can_manage_decision(user, decision) -> bool:
    """Record a decision's procedure (stages, dates, records): its 承办单位 or the catalogue's government."""
    return can_manage(user, decision.unit) or can_manage(user, decision.catalog.unit)


def can_manage_open_day(user, plan) -> bool:
    return can_manage(user, plan.unit)


def can_manage_meeting(user, meeting) -> bool:
    return can_manage(user, meeting.unit)
