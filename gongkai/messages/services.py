"""Messages' business actions (the only code that changes state); see ``actions/``."""

from .actions.handling import (
    approve_reply,
    decide_extension,
    declare_invalid,
    dispatch,
    draft_reply,
    merge,
    request_extension,
    transfer,
)
from .actions.intake import Intake, ensure_channels, submit, update_channel
from .actions.policy_qa import made_question_id, make_policy_question
from .actions.publication import (
    Candidate,
    answer_follow_up,
    follow_up,
    follow_up_open,
    publish,
    rate,
    scan,
    unpublish,
)
from .actions.reminders import remind

__all__ = [
    "Candidate",
    "Intake",
    "answer_follow_up",
    "approve_reply",
    "decide_extension",
    "declare_invalid",
    "dispatch",
    "draft_reply",
    "ensure_channels",
    "follow_up",
    "follow_up_open",
    "made_question_id",
    "make_policy_question",
    "merge",
    "publish",
    "rate",
    "remind",
    "request_extension",
    "scan",
    "submit",
    "transfer",
    "unpublish",
    "update_channel",
]
