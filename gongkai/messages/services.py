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
from .actions.hotline import check as check_hotline
from .actions.hotline import (
    check_now,
    export_replies,
    import_now,
    preview_rows,
    run_import,
    set_mapping,
    start_check,
    start_import,
    upload,
)
from .actions.hotline import record_export as record_hotline_export
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
    "check_hotline",
    "check_now",
    "import_now",
    "export_replies",
    "record_hotline_export",
    "preview_rows",
    "run_import",
    "set_mapping",
    "start_check",
    "start_import",
    "upload",
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
