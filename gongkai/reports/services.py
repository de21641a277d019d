"""Business actions of the annual report (年报): the public names of ``actions/``, for views, jobs, commands and
the demo. Every action runs in a transaction with an audit event; who may act is ``gongkai.reports.access``; a
refusal raises :class:`ReportError`.
"""

from __future__ import annotations

from .actions.generate import (
    compute,
    generate,
    import_inputs,
    previous_published,
    run_check,
    update_inputs,
    update_text,
)
from .actions.office import check_batch, generate_all, remind
from .actions.workflow import (
    approve,
    catalog_node,
    correct,
    on_publication_change,
    publish,
    return_draft,
)
from .errors import ReportError

__all__ = [
    "ReportError",
    "approve",
    "catalog_node",
    "check_batch",
    "compute",
    "correct",
    "generate",
    "generate_all",
    "import_inputs",
    "on_publication_change",
    "previous_published",
    "publish",
    "remind",
    "return_draft",
    "run_check",
    "update_inputs",
    "update_text",
]
