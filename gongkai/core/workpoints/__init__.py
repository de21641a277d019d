"""工作要点 extraction: a county's 政务公开工作要点 → parts, items, units, tasks, deadlines, indicators.

Framework-free (no Django imports). Typical use::

    from gongkai.core import docread, workpoints
    result = workpoints.extract(docread.read("2024年要点.docx"))
    workpoints.to_xlsx(result, "分工表.xlsx")

``extract`` accepts the blocks of ``docread.read`` or plain text. The result (a JSON-ready dict) is documented
in docs/workpoints.md; its core keys are ``title issuer doc_number date year items`` and each item has
``path heading text lead_units units tasks``; each task ``seq text units lead_units deadline deadline_text
recurrence count indicators``. Nothing is guessed silently: what needs a reviewer goes into ``warnings``.
"""

from .annex import is_annex_table, read_rows
from .document import extract
from .tasks import split_sentences
from .textsim import similarity
from .timing import find_count, find_deadline, find_indicators, find_recurrence, find_time_limit, timing
from .units import find_annotation, is_group, parse_units, split_names, subject_units
from .xlsx import HEADERS, to_xlsx

__all__ = [
    "HEADERS",
    "extract",
    "find_annotation",
    "find_count",
    "find_deadline",
    "find_indicators",
    "find_recurrence",
    "find_time_limit",
    "is_annex_table",
    "is_group",
    "parse_units",
    "read_rows",
    "similarity",
    "split_names",
    "split_sentences",
    "subject_units",
    "timing",
    "to_xlsx",
]
