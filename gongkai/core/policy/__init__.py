"""Policy documents (规范性文件) core: clause structure, clause-aligned diff, amendments, validity status.

Framework-free (no Django imports)::

    from gongkai.core import policy
    policy.parse_clauses(text).articles()            # 第一条…, or 一、（一）1. items
    policy.diff_documents(old, new).summary()         # ["第五条：补贴标准由每亩100元调整为每亩120元", …]
    policy.derive_status(date.today(), title=…, effective_date=…, relations=[…]).status
"""

from .amendments import (
    Amendment,
    AmendmentError,
    Consolidation,
    apply_amendments,
    consolidate,
    extract_amendments,
)
from .clauses import Clause, ParsedDocument, join_clauses, normalize_label, parse_clauses
from .diff import ClauseChange, PolicyDiff, diff_documents, word_segments
from .validity import (
    DEFAULT_RULE,
    Relation,
    Status,
    Validity,
    ValidityRule,
    derive_status,
    expiry_date,
    validity_term,
)

__all__ = [
    "DEFAULT_RULE",
    "Amendment",
    "AmendmentError",
    "Clause",
    "ClauseChange",
    "Consolidation",
    "ParsedDocument",
    "PolicyDiff",
    "Relation",
    "Status",
    "Validity",
    "ValidityRule",
    "apply_amendments",
    "consolidate",
    "derive_status",
    "diff_documents",
    "expiry_date",
    "extract_amendments",
    "join_clauses",
    "normalize_label",
    "parse_clauses",
    "validity_term",
    "word_segments",
]
