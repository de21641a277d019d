"""Who may do what with the government gazette (政府公报): one function per rule. ``user=None`` is the system.

The gazette is edited by the county government's office (here the openness office, 政务公开办): it composes and
publishes issues and keeps the distribution log. The public reads published issues on the portal.
"""

from __future__ import annotations

from gongkai.roles import permissions


def can_edit(user) -> bool:
    """Compose, reorder, publish an issue; record distribution: the office."""
    return user is None or permissions.is_office_admin(user)


def can_view_staff(user) -> bool:
    """The staff pages (drafts included): the office."""
    return can_edit(user)
