"""Business actions of the policy library (政策文件库): the public names of ``actions/``.

A document or an interpretation is drafted, reviewed and published through ``gongkai.publishing.services`` (same
先审后发 workflow, same scanner); the actions here add what a policy has beyond a publication: 文号 uniqueness, dates
and term, relations, the derived validity columns, interpretations with their content checklist, expiry
evaluation and the extension of a term (leader's approval, public notice), cleanup campaigns and their published
result, the leader's sign-off (审定) of interpretations, Q&A, service links and themed packages. Each runs in a transaction and writes an
audit event; who may act is ``gongkai.policies.access``. The object acted on comes first, ``actor`` is keyword-only
(``None`` = the system), further arguments are keyword-only; a refusal raises :class:`PolicyError`.
"""

from __future__ import annotations

from .actions.documents import (
    DOC_NODE_CODE,
    DOCUMENT_FIELDS,
    create_document,
    document_ready,
    set_admin_basis,
    update_document,
)
from .actions.evaluation import (
    close_campaign,
    decide_cleanup,
    decide_evaluation,
    result_title,
    start_campaign,
)
from .actions.extension import (
    decide_extension,
    draft_extension_notice,
    notice_title,
    on_notice_change,
)
from .actions.interpretations import (
    INTERP_FIELDS,
    INTERPRETATION_NODE_CODE,
    create_interpretation,
    difference_seed,
    interpretation_ready,
    missing_elements,
    sign_off_interpretation,
    update_interpretation,
)
from .actions.packages import save_package, save_service
from .actions.proposals import accept_proposal, propose_relation, reject_proposal, withdraw_proposal
from .actions.questions import handle_unanswered, log_unanswered, save_question, set_question_state, vote
from .actions.relations import (
    add_relation,
    new_text_for,
    relation_diff,
    remove_relation,
    suggest_relations,
)
from .actions.validity import (
    PUBLICATION_VALIDITY,
    RULE_FIELDS,
    core_relations,
    on_state_change,
    refresh,
    refresh_all,
    relation_label,
    sync_validity,
    update_rules,
    validity_of,
    validity_owner,
    validity_rule,
)
from .errors import PolicyError

__all__ = [
    "DOCUMENT_FIELDS",
    "DOC_NODE_CODE",
    "INTERPRETATION_NODE_CODE",
    "INTERP_FIELDS",
    "PUBLICATION_VALIDITY",
    "RULE_FIELDS",
    "PolicyError",
    "accept_proposal",
    "add_relation",
    "close_campaign",
    "core_relations",
    "create_document",
    "create_interpretation",
    "decide_cleanup",
    "decide_evaluation",
    "decide_extension",
    "difference_seed",
    "document_ready",
    "draft_extension_notice",
    "handle_unanswered",
    "interpretation_ready",
    "log_unanswered",
    "missing_elements",
    "new_text_for",
    "notice_title",
    "on_notice_change",
    "on_state_change",
    "propose_relation",
    "refresh",
    "reject_proposal",
    "refresh_all",
    "relation_diff",
    "relation_label",
    "remove_relation",
    "result_title",
    "save_package",
    "save_question",
    "save_service",
    "set_admin_basis",
    "set_question_state",
    "sign_off_interpretation",
    "start_campaign",
    "suggest_relations",
    "sync_validity",
    "update_document",
    "update_interpretation",
    "update_rules",
    "validity_of",
    "validity_owner",
    "validity_rule",
    "vote",
    "withdraw_proposal",
]
