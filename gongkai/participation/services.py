"""Business actions of public participation (公众参与): the public names of ``actions/``.

A consultation's draft is drafted, reviewed and published through ``gongkai.publishing.services`` (same 先审后发
workflow; the scanner allows 征求意见稿 on it); the actions here add the period and channels, the opinions and their
handling, the feedback report, the major-decision catalogue and its stages, open days and public seats at meetings.
Each runs in a transaction and writes an audit event; who may act is ``gongkai.participation.access``. The object
acted on comes first, ``actor`` is keyword-only (``None`` = the system or the public), further arguments are
keyword-only; a refusal raises :class:`ParticipationError`.
"""

from __future__ import annotations

from .actions.consultations import (
    CONSULTATION_FIELDS,
    clauses_of,
    create_consultation,
    decide_opinion,
    draft_diff,
    editable_fields,
    feedback_due,
    final_document_candidates,
    hide_opinion,
    link_final_document,
    merge_opinion,
    publish_feedback,
    record_opinion,
    set_final,
    submit_opinion,
    undecided,
    update_consultation,
)
from .actions.decisions import (
    DECISION_FIELDS,
    RECORD_FIELDS,
    add_decision,
    adjust_catalog,
    advance,
    create_catalog,
    mandatory_categories,
    publish_catalog,
    publish_completion,
    stage_problems,
    update_record,
)
from .actions.events import (
    add_session,
    add_suggestion,
    apply_seat,
    cancel_signup,
    check_in,
    close_poll,
    create_meeting,
    decide_suggestion,
    promote,
    publish_meeting,
    publish_session_result,
    record_seat_opinion,
    save_plan,
    select_seats,
    sign_up,
    vote,
)
from .actions.reminders import remind, stalled
from .errors import ParticipationError

__all__ = [
    "CONSULTATION_FIELDS",
    "DECISION_FIELDS",
    "RECORD_FIELDS",
    "ParticipationError",
    "add_decision",
    "add_session",
    "add_suggestion",
    "adjust_catalog",
    "advance",
    "apply_seat",
    "cancel_signup",
    "check_in",
    "clauses_of",
    "close_poll",
    "create_catalog",
    "create_consultation",
    "create_meeting",
    "decide_opinion",
    "decide_suggestion",
    "draft_diff",
    "editable_fields",
    "feedback_due",
    "final_document_candidates",
    "hide_opinion",
    "link_final_document",
    "mandatory_categories",
    "merge_opinion",
    "promote",
    "publish_catalog",
    "publish_completion",
    "publish_feedback",
    "publish_meeting",
    "publish_session_result",
    "record_opinion",
    "record_seat_opinion",
    "remind",
    "save_plan",
    "select_seats",
    "set_final",
    "sign_up",
    "stage_problems",
    "stalled",
    "submit_opinion",
    "undecided",
    "update_consultation",
    "update_record",
    "vote",
]
