"""Every change to plans, tasks and progress (each in one transaction, each audited), re-exported from
``actions/`` by topic:

import_document → draft plan (extract + resolve units) → edits (units, split, merge, deadline) → publish →
progress reports by the owner units → mark done → archive; carry_forward copies unfinished tasks to a new plan.
Who may do what is in ``access.py``; refusals raise ``WorkPlanError``.
"""

from .actions.carry import carry_forward
from .actions.importing import MAX_TEXT_CHARS, MAX_UPLOAD_BYTES, import_document, read_source
from .actions.lifecycle import archive, publish
from .actions.progress import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, check_evidence, mark_done, report_progress
from .actions.review import (
    assign_name,
    merge_with_next,
    set_item_units,
    set_task_units,
    split_task,
    update_plan,
    update_task,
)
from .errors import WorkPlanError

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_UPLOAD_BYTES",
    "WorkPlanError",
    "archive",
    "assign_name",
    "carry_forward",
    "EVIDENCE_TYPES",
    "check_evidence",
    "import_document",
    "mark_done",
    "merge_with_next",
    "publish",
    "read_source",
    "report_progress",
    "set_item_units",
    "set_task_units",
    "split_task",
    "update_plan",
    "update_task",
]
