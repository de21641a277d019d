"""The business actions on applications (依申请公开): the public names of ``foi/actions/``, one import for views,
commands, jobs, the demo and other apps."""

from .actions.assignment import assign
from .actions.closing import add_note, close, record_appeal, reopen, update_appeal
from .actions.common import notify
from .actions.corrections import (
    close_correction_lapsed,
    receive_correction,
    receive_correction_online,
    request_correction,
)
from .actions.extensions import decide_extension, request_extension
from .actions.files import (
    add_attachments,
    log_applicant_download,
    log_export,
    log_personal_access,
    purge_expired_files,
    read_attachment,
    rewrap_keys,
)
from .actions.frequent import propose_frequent, set_frequent_status
from .actions.intake import (
    Intake,
    applicant_errors,
    default_intake_unit,
    find_duplicates,
    register,
    reset_verification,
    submit_online,
    validate_applicant,
)
from .actions.letters import generate_letter, reset_template, save_template
from .actions.pauses import (
    close_fee_lapsed,
    end_consultation,
    issue_fee_notice,
    record_fee_paid,
    start_consultation,
)
from .actions.policy import update_policy, update_unit_profile
from .actions.recalendar import recompute_after_calendar_change
from .actions.reminders import mark_notifications_read, refresh_deadlines, remind
from .actions.reply import countersign, draft_reply, send_reply
from .actions.subjects import save_subject, set_subject

__all__ = [
    "Intake",
    "add_attachments",
    "add_note",
    "applicant_errors",
    "assign",
    "close",
    "close_correction_lapsed",
    "close_fee_lapsed",
    "countersign",
    "decide_extension",
    "default_intake_unit",
    "draft_reply",
    "end_consultation",
    "find_duplicates",
    "generate_letter",
    "issue_fee_notice",
    "log_applicant_download",
    "log_export",
    "log_personal_access",
    "mark_notifications_read",
    "notify",
    "propose_frequent",
    "purge_expired_files",
    "read_attachment",
    "receive_correction",
    "receive_correction_online",
    "recompute_after_calendar_change",
    "record_appeal",
    "record_fee_paid",
    "refresh_deadlines",
    "register",
    "remind",
    "reopen",
    "request_correction",
    "request_extension",
    "reset_template",
    "reset_verification",
    "rewrap_keys",
    "save_subject",
    "save_template",
    "send_reply",
    "set_frequent_status",
    "set_subject",
    "start_consultation",
    "submit_online",
    "update_appeal",
    "update_policy",
    "update_unit_profile",
    "validate_applicant",
]
