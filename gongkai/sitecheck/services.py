"""Business actions of site inspection (网站检查、政务新媒体): the public names of ``actions/``. Every action runs in
a transaction with an audit event; who may act is ``gongkai.sitecheck.access``; a refusal raises
:class:`SitecheckError`."""

from __future__ import annotations

from .actions.inspection import Options, add_site, correction_deadline, run_inspection, start_inspection
from .actions.newmedia import ImportResult, apply_account, import_updates, move_account, record_update
from .actions.reminders import remind
from .actions.rules import record_event, set_rule
from .actions.zombies import close_campaign, decide, matching_accounts, open_campaign
from .errors import SitecheckError

__all__ = [
    "ImportResult",
    "Options",
    "add_site",
    "correction_deadline",
    "run_inspection",
    "start_inspection",
    "SitecheckError",
    "apply_account",
    "close_campaign",
    "decide",
    "import_updates",
    "matching_accounts",
    "move_account",
    "open_campaign",
    "record_event",
    "record_update",
    "remind",
    "set_rule",
]
