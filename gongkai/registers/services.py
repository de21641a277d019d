"""Business actions of the registers (工作台账): the public names of ``actions/``. Every action runs in a
transaction with an audit event; who may act is ``gongkai.registers.access``; a refusal raises
:class:`RegistersError`."""

from __future__ import annotations

from .actions.articles import mark_adopted, record_case, record_submission
from .actions.common import CONTENT_TYPES
from .actions.evaluations import record_evaluation
from .actions.hearings import record_hearing
from .actions.supervision import complete_rectification, due_date, issue_supervision, recompute_due
from .actions.trainings import add_material, link_task, linkable_requirement, record_training
from .errors import RegistersError

__all__ = [
    "CONTENT_TYPES",
    "RegistersError",
    "add_material",
    "complete_rectification",
    "due_date",
    "issue_supervision",
    "link_task",
    "linkable_requirement",
    "mark_adopted",
    "record_case",
    "record_evaluation",
    "record_hearing",
    "record_submission",
    "record_training",
    "recompute_due",
]
