"""The public-sentiment ledger's business actions (the only code that changes state); see ``actions/``.

Each action checks ``access``, runs in one transaction and records its audit event. A case's deadlines are
computed by ``gongkai.core.sentiment`` (one function, :func:`deadlines_of`) with the statutory calendar; the fields
the lists read (``next_due_at``, ``first_response_at``, ``on_time``) are refreshed by every action that changes
what they depend on, and by the calendar's recompute hook.
"""

from .actions.cases import (
    add_commitment,
    add_screenshots,
    assess,
    close,
    finish_response,
    record_response,
    register_case,
    respond,
    set_units,
)
from .actions.commitments import close_round, fulfil, link_result, mark, start_round
from .actions.common import (
    CONTENT_TYPES,
    EVIDENCE_KINDS,
    SCREENSHOT_KINDS,
    current_rule,
    deadlines_of,
    publication_choices,
)
from .actions.reminders import recompute_after_calendar_change, remind

__all__ = [
    "CONTENT_TYPES",
    "EVIDENCE_KINDS",
    "SCREENSHOT_KINDS",
    "add_commitment",
    "add_screenshots",
    "assess",
    "close",
    "close_round",
    "current_rule",
    "deadlines_of",
    "finish_response",
    "fulfil",
    "link_result",
    "mark",
    "publication_choices",
    "recompute_after_calendar_change",
    "record_response",
    "register_case",
    "remind",
    "respond",
    "set_units",
    "start_round",
]
