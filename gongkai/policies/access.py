"""Who may do what in the policy library (政策文件库): one function per rule.

The services enforce these, the views answer 403 and choose the buttons with them; nothing else in the app looks at
roles. ``user=None`` is the system (jobs, demo, commands) and may do everything. A policy document or an
interpretation is a publication, so the unit-level posts are publishing's (``gongkai.publishing.access``): the
drafting, review and publication of its publication follow publishing's rules; these add what a policy has beyond
it.

- 谁起草、谁解读: a unit's editors draft documents, interpretations, Q&A pairs and service items;
- the issuing unit's editors, reviewers and leader manage its documents (dates and term, the 行政管理依据 flag,
  relations, expiry evaluation, cleanup decisions) and publish or withdraw its Q&A;
- the unit leader (单位负责人) approves an extension of a document's term and signs off (审定) the unit's
  interpretations before their review;
- the openness office runs the county-wide work: local rules, cleanup campaigns, packages, unanswered searches.
"""

from __future__ import annotations

from gongkai.publishing import access as publishing
from gongkai.roles import Role, permissions


def refusal(user, unit, posts: str) -> str:
    """What a refused actor is told (publishing's wording, so both apps say the same)."""
    return publishing.refusal(user, unit, posts)


def can_draft(user, unit) -> bool:
    """Draft a new document, interpretation, Q&A pair or service item for ``unit``: the unit's editors."""
    return publishing.can_draft(user, unit)


def can_manage_document(user, doc) -> bool:
    """Change a document's policy data (dates, term, flags; its text only while the publication is editable), mark
    it as a basis for administration, decide its expiry evaluation: the issuing unit's editors, reviewers and
    leader."""
    return publishing.is_manager(user, doc.publication.unit)


def can_record_relation(user, *, target, source=None) -> bool:
    """Record a relation (修改, 替代, 废止, 宣布失效, 延续) — every one changes the target's status: the managers of
    the target's issuing unit, or the openness office (``source``, the document that makes it, may be any unit's).
    Another unit only proposes it (``can_propose_relation``)."""
    return publishing.is_manager(user, target.publication.unit)


def can_propose_relation(user, *, source, target) -> bool:
    """Propose that ``source`` amends / replaces / repeals another unit's ``target`` (跨单位文件关系提议): the
    managers of the source's unit, when they may not record it themselves."""
    return publishing.is_manager(user, source.publication.unit) and not can_record_relation(
        user, target=target, source=source
    )


def can_decide_proposal(user, proposal) -> bool:
    """Accept or reject a proposed relation: those who may record it (the target's issuing unit, the office)."""
    return can_record_relation(user, target=proposal.target, source=proposal.source)


def can_withdraw_proposal(user, proposal) -> bool:
    """Withdraw a pending proposal: the managers of the proposing (source) unit."""
    return publishing.is_manager(user, proposal.source.publication.unit)


def can_remove_relation(user, relation) -> bool:
    """Delete a relation recorded by mistake: the owners of the target (its issuing unit's managers) or the office
    — the unit whose document's status it changed. The unit of the source document asks them."""
    return publishing.is_manager(user, relation.target.publication.unit)


def is_leader(user, unit) -> bool:
    """Holds the post of 单位负责人 of ``unit`` (the openness office counts as every post, as in publishing)."""
    return user is None or permissions.has_role(user, Role.LEADER, unit)


def can_approve_extension(user, extension) -> bool:
    """Approve or refuse the extension of a document's term (延续有效期): the issuing unit's leader."""
    return is_leader(user, extension.document.publication.unit)


def can_draft_extension_notice(user, extension) -> bool:
    """Draft the public notice (公告) of an approved extension: the issuing unit's editors (it then goes through the
    review and publication of any item)."""
    return can_draft(user, extension.document.publication.unit)


def can_decide_cleanup(user, item) -> bool:
    """Give the cleanup decision (清理意见) on one document of a campaign: the managers of the item's unit."""
    return publishing.is_manager(user, item.unit)


def can_edit_interpretation(user, interpretation) -> bool:
    """Change an interpretation's text, elements and documents: the editors of its unit."""
    return can_draft(user, interpretation.publication.unit)


def can_sign_off_interpretation(user, interpretation) -> bool:
    """Sign off (审定) an interpretation, or return it with comments, before it goes to review: the leader of the
    drafting unit ("谁起草、谁解读")."""
    return is_leader(user, interpretation.publication.unit)


def can_edit_question(user, question) -> bool:
    """Change a Q&A pair: the editors of its unit."""
    return can_draft(user, question.unit)


def can_publish_question(user, question) -> bool:
    """Publish, withdraw or return a Q&A pair to draft: the managers of its unit."""
    return publishing.is_manager(user, question.unit)


def can_edit_service(user, item) -> bool:
    """Change a service item (办事事项): the editors of its unit."""
    return can_draft(user, item.unit)


def can_administer(user) -> bool:
    """The county-wide work of the library (local rules, cleanup campaigns, packages, unanswered searches): the
    openness office."""
    return publishing.is_office(user)
