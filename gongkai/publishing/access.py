"""Who may do what in active disclosure (主动公开): one function per rule.

The services enforce these, ``selectors.abilities`` builds the buttons from them and the views answer 403 with
them; nothing else in the app looks at roles. ``user=None`` is the system (scheduled jobs, demo, commands) and may
do everything. The role model itself (``roles_of``, ``has_role``, the county-wide roles, ``is_not_author``) is
``gongkai.roles.permissions``.

- 谁公开、谁审查、谁负责: a unit's editors (信息编辑) draft; a reviewer (保密审查员) of the same unit who is not
  the author reviews (先审后发, 一事一审); the unit's editors, reviewers and leader manage what is published;
- the openness office (政务公开办) keeps the county-wide template of the catalog and the wording list, and starts
  the rescan of everything published;
- county-wide roles (政务公开办管理员, 系统管理员) count as every post in every unit.

Apps built on publishing (``policies``) reuse the unit-level rules (:func:`can_draft`, :func:`is_manager`,
:func:`is_office`) instead of copying the role lists.
"""

from __future__ import annotations

from gongkai.roles import Role, permissions

from .vocab import State

# The posts behind the rules (private: callers ask a rule, never a role list).
_EDITORS = (Role.EDITOR,)
_REVIEWERS = (Role.REVIEWER,)
_EDITORS_AND_REVIEWERS = (Role.EDITOR, Role.REVIEWER)
_MANAGERS = (Role.EDITOR, Role.REVIEWER, Role.LEADER)

# After submission the files may still change to fix a leak found in review or after publication.
FILES_OPEN_STATES = (State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED, State.PUBLISHED)


def _holds(user, roles, unit) -> bool:
    return user is None or permissions.has_role(user, roles, unit)


def refusal(user, unit, posts: str) -> str:
    """What a refused actor is told: that they are not staff of ``unit``, or which posts (e.g. "信息编辑") the
    action needs."""
    if not permissions.can_see_unit(user, unit):
        return "您不是该单位的工作人员，不能办理此事项。"
    return f"此操作需要本单位的{posts}岗位。"


# --- unit-level rules (also used by apps built on publishing) -------------------------------------------------
def is_office(user) -> bool:
    """The openness office (政务公开办) or a system administrator: the county-wide work."""
    return user is None or permissions.is_office_admin(user)


def can_draft(user, unit) -> bool:
    """Draft a new item for ``unit`` (or import one from Word): the unit's editors."""
    return _holds(user, _EDITORS, unit)


def is_reviewer(user, unit) -> bool:
    """Holds the reviewer post of ``unit`` (the review queue lists these units; :func:`can_review` adds the
    rule that nobody reviews their own draft)."""
    return _holds(user, _REVIEWERS, unit)


def is_manager(user, unit) -> bool:
    """Manages ``unit``'s items after drafting (scan, withdraw, archive, review-by and expiry dates): the unit's
    editors, reviewers and leader."""
    return _holds(user, _MANAGERS, unit)


# --- one publication ------------------------------------------------------------------------------------------
def can_edit(user, pub) -> bool:
    """Change a draft or a returned item's text and fields: the unit's editors (the state is the workflow's)."""
    return can_draft(user, pub.unit)


def can_submit(user, pub) -> bool:
    """Send a draft for review (提交保密审查): the unit's editors."""
    return can_draft(user, pub.unit)


def can_change_files(user, pub) -> bool:
    """Add, replace or remove attachments: the unit's editors while the item is editable; its editors and
    reviewers while it is in review, approved or published (fixing a leak); nobody once withdrawn or archived."""
    if pub.is_editable:
        return _holds(user, _EDITORS, pub.unit)
    if pub.state in FILES_OPEN_STATES:
        return _holds(user, _EDITORS_AND_REVIEWERS, pub.unit)
    return False


def can_mask(user, pub) -> bool:
    """One-click masking rewrites the text and the files: the same people as :func:`can_change_files`."""
    return can_change_files(user, pub)


def can_review(user, pub) -> bool:
    """Take and decide the review (保密审查): a reviewer of the unit who is not the author — for a published
    item's new version, nor the uploader of one of its new files."""
    if user is None:
        return True
    if not (is_reviewer(user, pub.unit) and permissions.is_not_author(user, pub.author)):
        return False
    if pub.state == State.PUBLISHED and pub.revision:
        return not pub.attachments.filter(pending=True, uploaded_by_id=getattr(user, "pk", None)).exists()
    return True


def can_scan(user, pub) -> bool:
    """Run the scanner on demand: the unit's editors, reviewers and leader."""
    return is_manager(user, pub.unit)


def can_resolve(user, pub) -> bool:
    """Mark a medium or low finding as a false positive, or reopen one: the unit's editors and reviewers."""
    return _holds(user, _EDITORS_AND_REVIEWERS, pub.unit)


def can_override(user, pub) -> bool:
    """Confirm a finding may be published anyway, or decide on a high-severity one: a reviewer who is not the
    author, as for the review itself."""
    return can_review(user, pub)


def can_publish(user, pub) -> bool:
    """Publish an approved item now or set its scheduled time (定时发布): the unit's editors and reviewers."""
    return _holds(user, _EDITORS_AND_REVIEWERS, pub.unit)


def can_withdraw(user, pub) -> bool:
    """Take an item off the site (撤回): the unit's editors, reviewers and leader."""
    return is_manager(user, pub.unit)


def can_archive(user, pub) -> bool:
    """Move a published item out of the current columns (归档, 定期清理): the unit's managers."""
    return is_manager(user, pub.unit)


def can_manage_lifecycle(user, pub) -> bool:
    """Set the review-by date, the expiry date and 有效性, or confirm the item is still current: the unit's
    managers."""
    return is_manager(user, pub.unit)


# --- catalog, wording list, rescans ---------------------------------------------------------------------------
def can_edit_catalog(user, unit) -> bool:
    """Add, change or import catalog items (公开目录): ``unit``'s editors; ``unit=None`` is the county-wide
    template (全县统一标准目录), the openness office's."""
    if unit is None:
        return is_office(user)
    return can_draft(user, unit)


def can_edit_terms(user) -> bool:
    """Maintain the wording list (不规范表述清单): the openness office."""
    return is_office(user)


def can_start_scan(user) -> bool:
    """Have an item scanned by the background job (``publishing.scan``): an editor, reviewer or leader of some
    unit. The job is only ever started for the item whose change the services have just allowed."""
    return _holds(user, _MANAGERS, None)


def can_rescan(user, unit=None) -> bool:
    """Rescan what is published: everything (``unit=None``) is the openness office's; one unit's items also its
    managers'."""
    if is_office(user):
        return True
    return unit is not None and is_manager(user, unit)


# --- the dashboard --------------------------------------------------------------------------------------------
def works_in_publishing(user) -> bool:
    """Gets publishing's dashboard cards: an editor, reviewer or leader of some unit, or the openness office."""
    return is_office(user) or bool(permissions.roles_of(user) & set(_MANAGERS))


def drafts_somewhere(user) -> bool:
    """Holds the editor post in some unit (their own drafts and returned items are shown)."""
    return Role.EDITOR in permissions.roles_of(user)


def reviews_somewhere(user) -> bool:
    """Holds the reviewer post in some unit (the review queue is shown, even when empty)."""
    return Role.REVIEWER in permissions.roles_of(user)
